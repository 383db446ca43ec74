package graph_test

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/loader"
)

// uiGroup returns the entries of the table's UI section under prefix
// ("hit."), keyed by the code after it.
func uiGroup(prefix string) map[string]regnet.Label {
	out := map[string]regnet.Label{}
	for key, l := range regnet.Labels.UI {
		if code, ok := strings.CutPrefix(key, prefix); ok {
			out[code] = l
		}
	}
	return out
}

// ontologyNames returns the Vietnamese names of the ontology's fields or
// areas as labels, keyed by code.
func ontologyNames(entries []*loader.TermEntry) map[string]regnet.Label {
	out := map[string]regnet.Label{}
	for _, e := range entries {
		out[e.Code] = regnet.Label{VI: e.Name, EN: e.EN}
	}
	return out
}

// TestEnumDescriptionsShareTheTable keeps the API's descriptions of its
// code enums and the table of names the explorer and the reports read
// (regnet.Labels, and the ontology's names of fields and areas) from
// drifting apart: every enum value the table names must be described with
// its Vietnamese name, so that a client reading the schema calls a code
// what the explorer and the reports call it. A value the table has no name
// for is left to TestEveryElementDescribed.
func TestEnumDescriptionsShareTheTable(t *testing.T) {
	schema := loadSchema(t)
	onto := loader.DefaultOntology()
	tests := []struct {
		enum  string
		names map[string]regnet.Label
	}{
		{"AgencyKind", regnet.Labels.Kinds},
		{"Role", regnet.Labels.Roles},
		{"PlanRole", regnet.Labels.Roles},
		{"Level", regnet.Labels.Levels},
		{"DocumentStatus", regnet.Labels.Statuses},
		{"DeadlineKind", regnet.Labels.Deadlines},
		{"EvidenceTag", regnet.Labels.Tags},
		{"PathStepType", regnet.Labels.Links},
		{"HandoffAction", regnet.Labels.HandoffActions},
		{"StatementChangeKind", uiGroup("change.")},
		{"SearchHitType", uiGroup("hit.")},
		{"DocumentKind", uiGroup("docKind.")},
		{"FieldCode", ontologyNames(onto.Fields)},
		{"AreaCode", ontologyNames(onto.Areas)},
	}
	for _, tc := range tests {
		t.Run(tc.enum, func(t *testing.T) {
			def := schema.Types[tc.enum]
			if def == nil || len(def.EnumValues) == 0 {
				t.Fatalf("the schema has no enum %s", tc.enum)
			}
			covered := 0
			for _, v := range def.EnumValues {
				l, ok := tc.names[v.Name]
				if !ok {
					continue
				}
				covered++
				if l.VI == "" {
					t.Errorf("%s.%s: the table has no Vietnamese name", tc.enum, v.Name)
					continue
				}
				if !strings.Contains(strings.ToLower(v.Description), strings.ToLower(l.VI)) {
					t.Errorf("%s.%s is described %q, without the table's name %q", tc.enum, v.Name, v.Description, l.VI)
				}
			}
			if covered == 0 {
				t.Errorf("no value of %s is in the table (its codes: %v)", tc.enum, slices.Sorted(maps.Keys(tc.names)))
			}
		})
	}
}

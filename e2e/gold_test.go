package e2e_test

import (
	"os"
	"testing"

	"gopkg.in/yaml.v3"
)

// goldFile holds the facts read by hand from the bundled documents.
const goldFile = "../loader/testdata/gold/seeds.yaml"

// Gold facts the checks use, copied from goldFile (the section is named on
// each group). The plan rows are read from the file itself, see goldPlan.
const (
	langSon  = "Lạng Sơn"
	dienBien = "Điện Biên"

	// documents: the Lạng Sơn quy chế's number.
	qc83 = "83/2025/QĐ-UBND"

	// duties: the customs agencies' names.
	langSonCustoms  = "Chi cục Hải quan khu vực VI"
	dienBienCustoms = "Chi cục Hải quan khu vực VII"
)

// goldHandoff is a handoff rule of the gold file's handoffs section.
type goldHandoff struct {
	from      string
	provision string
	notifies  []string
	actions   []string
}

// langSonHandoffs are Lạng Sơn's handoff rules (handoffs: Lạng Sơn), by
// initiating kind. The one out of CUSTOMS is the rule for goods leaving the
// customs zone; the others are started by the agencies it notifies.
var langSonHandoffs = map[string]goldHandoff{
	"CUSTOMS": {from: "CUSTOMS", provision: "Điều 7 khoản 4 điểm c",
		notifies: []string{"POLICE", "BORDER_GUARD", "MARKET_MANAGEMENT"}, actions: []string{"PURSUE", "NOTIFY"}},
	"BORDER_GUARD":      {from: "BORDER_GUARD", provision: "Điều 7 khoản 3 điểm b"},
	"MARKET_MANAGEMENT": {from: "MARKET_MANAGEMENT", provision: "Điều 7 khoản 1 điểm c"},
	"POLICE":            {from: "POLICE", provision: "Điều 7 khoản 2 điểm d"},
}

// dienBienCustomsHandoff is Điện Biên's rule for goods leaving the customs
// zone (handoffs: Điện Biên).
var dienBienCustomsHandoff = goldHandoff{from: "CUSTOMS", provision: "Điều 5 khoản 12 điểm c",
	notifies: []string{"POLICE", "BORDER_GUARD", "MARKET_MANAGEMENT"}, actions: []string{"PURSUE", "NOTIFY"}}

// goldLead is a row of the gold file's leads section.
type goldLead struct {
	kind, provision string
}

// langSonFoodSafety lists who leads FOOD_SAFETY in Lạng Sơn (leads: Lạng
// Sơn; no area named).
var langSonFoodSafety = []goldLead{
	{"HEALTH", "Điều 7 khoản 7 điểm a"},
	{"AGRICULTURE_ENVIRONMENT", "Điều 7 khoản 9 điểm b"},
	{"INDUSTRY_TRADE", "Điều 7 khoản 1 điểm d"},
}

// goldPlanRow is a row of the gold file's planActions2026 section: the
// appendix table of Lạng Sơn's 2026-2030 plan. Leads and Deadline may be
// INHERIT (a merged cell); Deadline is a date ("2026-02") or a kind.
type goldPlanRow struct {
	Group        int      `yaml:"group"`
	Text         string   `yaml:"text"`
	Deadline     string   `yaml:"deadline"`
	Leads        any      `yaml:"leads"`
	Coordinators []string `yaml:"coordinators"`
	Amends       string   `yaml:"amends"`
}

// leads returns the row's lead kinds; nil for an inherited cell.
func (r goldPlanRow) leads() []string {
	list, _ := r.Leads.([]any)
	var out []string
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// goldPlan returns the rows of planActions2026 that keep pick, failing the
// test when the file cannot be read or no row is kept.
func goldPlan(t *testing.T, pick func(goldPlanRow) bool) []goldPlanRow {
	t.Helper()
	b, err := os.ReadFile(goldFile)
	if err != nil {
		t.Fatalf("read the gold file: %v", err)
	}
	var gold struct {
		Rows []goldPlanRow `yaml:"planActions2026"`
	}
	if err := yaml.Unmarshal(b, &gold); err != nil {
		t.Fatalf("decode %s: %v", goldFile, err)
	}
	var out []goldPlanRow
	for _, r := range gold.Rows {
		if pick(r) {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		t.Fatalf("no gold plan rows picked from %s", goldFile)
	}
	return out
}

// dueFebruary2026 picks the plan rows due in February 2026: the actions
// due before 2026-03-01.
func dueFebruary2026(r goldPlanRow) bool { return r.Deadline == "2026-02" }

// amending picks the plan rows that amend a document.
func amending(r goldPlanRow) bool { return r.Amends != "" }

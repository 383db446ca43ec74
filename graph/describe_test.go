package graph_test

import (
	"slices"
	"strings"
	"testing"
)

// TestEveryElementDescribed checks that every type, field, argument, input
// field and enum value the schema defines has a description: clients read
// the API through introspection, and the descriptions are all they have.
// It lists every element that lacks one, so that a new field added without
// a description is named in the failure.
func TestEveryElementDescribed(t *testing.T) {
	schema := loadSchema(t)
	var missing []string
	for name, def := range schema.Types {
		if def.BuiltIn || strings.HasPrefix(name, "__") {
			continue
		}
		if strings.TrimSpace(def.Description) == "" {
			missing = append(missing, "type "+name)
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			if strings.TrimSpace(f.Description) == "" {
				missing = append(missing, name+"."+f.Name)
			}
			for _, a := range f.Arguments {
				if strings.TrimSpace(a.Description) == "" {
					missing = append(missing, name+"."+f.Name+"("+a.Name+":)")
				}
			}
		}
		for _, v := range def.EnumValues {
			if strings.TrimSpace(v.Description) == "" {
				missing = append(missing, name+"."+v.Name)
			}
		}
	}
	for name, d := range schema.Directives {
		if d.Position == nil || d.Position.Src == nil || d.Position.Src.BuiltIn {
			continue
		}
		if strings.TrimSpace(d.Description) == "" {
			missing = append(missing, "directive @"+name)
		}
		for _, a := range d.Arguments {
			if strings.TrimSpace(a.Description) == "" {
				missing = append(missing, "@"+name+"("+a.Name+":)")
			}
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		t.Errorf("%d schema elements have no description:\n  %s", len(missing), strings.Join(missing, "\n  "))
	}
}

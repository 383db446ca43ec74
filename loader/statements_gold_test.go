package loader_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/loader"
)

// statementGold is a duties-*.yaml file: the duty statements of one quy
// chế as a careful reader takes them (testdata/gold/GUIDE.md).
type statementGold struct {
	Document struct {
		Number string `yaml:"number"`
		File   string `yaml:"file"`
		Part   string `yaml:"part"`
	} `yaml:"document"`
	Duties      []goldEntry `yaml:"duties"`
	OtherDuties []goldEntry `yaml:"otherDuties"`
}

type goldEntry struct {
	Provision  string `yaml:"provision"`
	Part       string `yaml:"part"`
	Agency     string `yaml:"agency"`
	Statements []struct {
		Role     string   `yaml:"role"`
		Fields   []string `yaml:"fields"`
		Areas    []string `yaml:"areas"`
		Partners []string `yaml:"partners"`
	} `yaml:"statements"`
	ReportsTo []struct {
		To string `yaml:"to"`
	} `yaml:"reportsTo"`
}

// tuples are the facts a statement reading is scored on, per category.
type tuples map[string]map[string]bool

func (t tuples) add(cat, key string) {
	if t[cat] == nil {
		t[cat] = map[string]bool{}
	}
	t[cat][key] = true
}

var statementCategories = []string{"role", "field", "area", "partner", "lead", "reportsTo"}

// goldTuples returns the tuples of the gold entries: (provision, agency
// kind, role), (…, field), (…, area), (…, partner kind), the province's
// LEAD (kind, field) pairs, and (provision, kind, receiver kind).
func goldTuples(entries []goldEntry, part string) tuples {
	t := tuples{}
	for _, e := range entries {
		p := e.Part
		if p == "" {
			p = part
		}
		at := p + " " + e.Provision + " " + e.Agency
		for _, s := range e.Statements {
			k := at + " " + s.Role
			t.add("role", k)
			for _, f := range s.Fields {
				t.add("field", k+" "+f)
				if s.Role == regnet.RoleLead {
					t.add("lead", e.Agency+" "+f)
				}
			}
			for _, a := range s.Areas {
				t.add("area", k+" "+a)
			}
			for _, x := range s.Partners {
				t.add("partner", k+" "+x)
			}
		}
		for _, r := range e.ReportsTo {
			t.add("reportsTo", at+" "+r.To)
		}
	}
	return t
}

// loaderTuples returns the same tuples for the duties the loader read from
// the document, limited to the provisions keep accepts.
func loaderTuples(ds *regnet.Dataset, docID string, keep func(part, path string) bool) tuples {
	agency := map[string]regnet.Agency{}
	for _, a := range ds.Agencies {
		agency[a.ID] = a
	}
	prov := map[string]regnet.Provision{}
	for _, p := range ds.Provisions {
		prov[p.ID] = p
	}
	t := tuples{}
	for _, d := range ds.Duties {
		p := prov[d.Provision]
		if p.Document != docID || !keep(p.Part, p.Path) {
			continue
		}
		kind := agency[d.Agency].Kind
		at := p.Part + " " + strings.TrimPrefix(p.Path, "Quyết định, ") + " " + kind
		k := at + " " + d.Role
		t.add("role", k)
		for _, f := range d.Fields {
			t.add("field", k+" "+f)
			if d.Role == regnet.RoleLead {
				t.add("lead", kind+" "+f)
			}
		}
		for _, a := range d.Areas {
			t.add("area", k+" "+a)
		}
		for _, x := range d.Partners {
			t.add("partner", k+" "+agency[x].Kind)
		}
		for _, r := range d.ReportsTo {
			t.add("reportsTo", at+" "+agency[r.Agency].Kind)
		}
	}
	return t
}

type prf struct{ p, r, f float64 }

// compare prints precision, recall and F1 per category, with the tuples
// added and missed, and returns the scores.
func compare(t *testing.T, name string, gold, got tuples) map[string]prf {
	out := map[string]prf{}
	for _, cat := range statementCategories {
		tp := 0
		var added, missed []string
		for k := range got[cat] {
			if gold[cat][k] {
				tp++
			} else {
				added = append(added, k)
			}
		}
		for k := range gold[cat] {
			if !got[cat][k] {
				missed = append(missed, k)
			}
		}
		s := prf{p: 1, r: 1}
		if len(got[cat]) > 0 {
			s.p = float64(tp) / float64(len(got[cat]))
		}
		if len(gold[cat]) > 0 {
			s.r = float64(tp) / float64(len(gold[cat]))
		}
		if s.p+s.r > 0 {
			s.f = 2 * s.p * s.r / (s.p + s.r)
		}
		out[cat] = s
		t.Logf("%-12s %-9s P %5.3f  R %5.3f  F1 %5.3f  (gold %d, read %d)", name, cat, s.p, s.r, s.f, len(gold[cat]), len(got[cat]))
		sort.Strings(added)
		sort.Strings(missed)
		if testing.Verbose() {
			for _, k := range added {
				t.Logf("    + %s", k)
			}
			for _, k := range missed {
				t.Logf("    - %s", k)
			}
		}
	}
	return out
}

// TestStatementsGold scores the duty statements of the bundled quy chế
// against testdata/gold/duties-langson.yaml. The responsibility chapter
// (the gold file's duties) must reach F1 0.95 in every category; the
// statements of the other articles are scored and printed.
// go test ./loader -run StatementsGold -v prints every tuple added or missed.
func TestStatementsGold(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "gold", "duties-langson.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var g statementGold
	if err := yaml.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	ds, err := loader.New().ParseFiles(filepath.Join("..", "data", g.Document.File))
	if err != nil {
		t.Fatal(err)
	}
	docID := ds.Documents[0].ID

	main := map[string]bool{}
	for _, e := range g.Duties {
		main[e.Provision] = true
	}
	inMain := func(part, path string) bool { return part == g.Document.Part && main[path] }
	scores := compare(t, "duties", goldTuples(g.Duties, g.Document.Part), loaderTuples(ds, docID, inMain))
	for _, cat := range []string{"role", "field", "area", "partner", "lead"} {
		if scores[cat].f < 0.95 {
			t.Errorf("%s: F1 %.3f, want at least 0.95", cat, scores[cat].f)
		}
	}
	all := append(append([]goldEntry{}, g.Duties...), g.OtherDuties...)
	compare(t, "all", goldTuples(all, g.Document.Part), loaderTuples(ds, docID, func(string, string) bool { return true }))
}

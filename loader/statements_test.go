package loader_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/loader"
)

// TestStatementRules reads a small quy chế written for the rules (one
// provision per rule: "Chủ trì, phối hợp với", "khi có yêu cầu", a report
// line, "ngoài phạm vi", "qua cửa khẩu", the stock list of verbs, names that
// are objects, goods given as examples, a purpose clause, a document's own
// definition) and checks every statement against
// testdata/statements/quyche.yaml.
func TestStatementRules(t *testing.T) {
	var want []struct {
		Provision  string `yaml:"provision"`
		Statements []struct {
			Agency    string   `yaml:"agency"`
			Role      string   `yaml:"role"`
			Fields    []string `yaml:"fields"`
			Areas     []string `yaml:"areas"`
			Partners  []string `yaml:"partners"`
			ReportsTo []string `yaml:"reportsTo"`
		} `yaml:"statements"`
	}
	data, err := os.ReadFile(filepath.Join("testdata", "statements", "quyche.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	ds, err := loader.New().ParseFiles(filepath.Join("testdata", "statements", "quyche.txt"))
	if err != nil {
		t.Fatal(err)
	}
	kind := map[string]string{}
	for _, a := range ds.Agencies {
		kind[a.ID] = a.Kind
	}
	kinds := func(ids []string) []string {
		out := []string{}
		for _, id := range ids {
			out = append(out, kind[id])
		}
		slices.Sort(out)
		return out
	}
	path := map[string]string{}
	for _, p := range ds.Provisions {
		if p.Part == regnet.PartRegulation {
			path[p.ID] = p.Path
		}
	}
	norm := func(s []string) string {
		s = slices.Clone(s)
		slices.Sort(s)
		return strings.Join(s, ",")
	}
	for _, w := range want {
		t.Run(w.Provision, func(t *testing.T) {
			var got []regnet.Duty
			for _, d := range ds.Duties {
				if path[d.Provision] == w.Provision {
					got = append(got, d)
				}
			}
			if len(got) != len(w.Statements) {
				for _, d := range got {
					t.Logf("read %s %s %q", kind[d.Agency], d.Role, d.Text)
				}
				t.Fatalf("%d statements, want %d", len(got), len(w.Statements))
			}
			for _, ws := range w.Statements {
				i := slices.IndexFunc(got, func(d regnet.Duty) bool { return d.Role == ws.Role && kind[d.Agency] == ws.Agency })
				if i < 0 {
					t.Errorf("no %s statement of %s", ws.Role, ws.Agency)
					continue
				}
				d := got[i]
				var reports []string
				for _, r := range d.ReportsTo {
					reports = append(reports, r.Agency)
				}
				for _, c := range []struct{ what, got, want string }{
					{"fields", norm(d.Fields), norm(ws.Fields)},
					{"areas", norm(d.Areas), norm(ws.Areas)},
					{"partners", norm(kinds(d.Partners)), norm(ws.Partners)},
					{"reportsTo", norm(kinds(reports)), norm(ws.ReportsTo)},
				} {
					if c.got != c.want {
						t.Errorf("%s %s: %s %q, want %q (text %q)", ws.Agency, ws.Role, c.what, c.got, c.want, d.Text)
					}
				}
			}
		})
	}
}

// TestEvidenceOffsets checks that every piece of evidence of the bundled
// documents points at its words in the provision text, and that every tag
// of a duty has evidence.
func TestEvidenceOffsets(t *testing.T) {
	ds := bundled(t)
	text := map[string][]rune{}
	for _, p := range ds.Provisions {
		text[p.ID] = []rune(p.Text)
	}
	for _, d := range ds.Duties {
		pt := text[d.Provision]
		has := map[string]bool{}
		for _, e := range d.Evidence {
			if e.Start < 0 || e.End > len(pt) || e.Start >= e.End {
				t.Errorf("%s: evidence %s=%s at [%d,%d) outside the provision (%d characters)", d.ID, e.Tag, e.Value, e.Start, e.End, len(pt))
				continue
			}
			if got := string(pt[e.Start:e.End]); got != e.Words {
				t.Errorf("%s: evidence %s=%s reads %q at its offsets, says %q", d.ID, e.Tag, e.Value, got, e.Words)
			}
			has[e.Tag+" "+e.Value] = true
		}
		check := func(tag string, values []string) {
			for _, v := range values {
				if !has[tag+" "+v] {
					t.Errorf("%s: %s %s has no evidence", d.ID, tag, v)
				}
			}
		}
		check(regnet.EvidenceRole, []string{d.Role})
		check(regnet.EvidenceField, d.Fields)
		check(regnet.EvidenceArea, d.Areas)
		var reports []string
		for _, r := range d.ReportsTo {
			reports = append(reports, r.Agency)
		}
		check(regnet.EvidenceReportsTo, reports)
	}
}

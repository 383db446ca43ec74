package neo4j_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"gopkg.in/yaml.v3"

	"github.com/regnet/regnet/data"
	"github.com/regnet/regnet/loader"
)

// goldFacts is the part of the hand-read gold file (loader/testdata/gold)
// that TestGoldFactsInGraph looks for in the graph.
type goldFacts struct {
	Documents []struct {
		File        string   `yaml:"file"`
		Number      *string  `yaml:"number"`
		Kind        string   `yaml:"kind"`
		Province    string   `yaml:"province"`
		Status      string   `yaml:"status"`
		Issued      string   `yaml:"issued"`
		Signer      string   `yaml:"signer"`
		BasedOn     []string `yaml:"basedOn"`
		PlanActions int      `yaml:"planActions"`
		TaskGroups  int      `yaml:"taskGroups"`
		Targets     int      `yaml:"targets"`
		Agencies    []string `yaml:"agencies"`
	} `yaml:"documents"`
	Duties map[string][]struct {
		Agency    string `yaml:"agency"`
		Provision string `yaml:"provision"`
		Duties    int    `yaml:"duties"`
	} `yaml:"duties"`
	Leads map[string][]struct {
		Field     string `yaml:"field"`
		Area      string `yaml:"area"`
		Agency    string `yaml:"agency"`
		Provision string `yaml:"provision"`
	} `yaml:"leads"`
	Handoffs map[string][]struct {
		From      string    `yaml:"from"`
		Provision string    `yaml:"provision"`
		Notifies  []string  `yaml:"notifies"`
		Leaving   yaml.Node `yaml:"leaving"`
		Entering  yaml.Node `yaml:"entering"`
	} `yaml:"handoffs"`
	PlanActions2021 []struct {
		Section string `yaml:"section"`
		Agency  string `yaml:"agency"`
		Tasks   int    `yaml:"tasks"`
	} `yaml:"planActions2021"`
}

// codes reads a YAML value that is one code or a list of codes.
func codes(n yaml.Node) []string {
	switch n.Kind {
	case yaml.ScalarNode:
		return []string{n.Value}
	case yaml.SequenceNode:
		var out []string
		for _, c := range n.Content {
			out = append(out, c.Value)
		}
		return out
	}
	return nil
}

// TestGoldFactsInGraph loads the bundled documents and looks for the gold
// facts with Cypher, not through the store's Go methods: what an analyst
// querying the graph in Neo4j Browser would find.
func TestGoldFactsInGraph(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "loader", "testdata", "gold", "seeds.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var g goldFacts
	if err := yaml.Unmarshal(raw, &g); err != nil {
		t.Fatalf("gold file: %v", err)
	}
	ds, err := loader.New().ParseFS(data.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	uri := serverURI(t)
	fresh(t, openStore(t, uri), ds)

	ctx := context.Background()
	drv, err := driver.NewDriverWithContext(uri, driver.NoAuth())
	if err != nil {
		t.Fatal(err)
	}
	defer drv.Close(ctx)
	// one runs a read query and returns its single row's values by key.
	one := func(t *testing.T, cypher string, params map[string]any) map[string]any {
		t.Helper()
		res, err := driver.ExecuteQuery(ctx, drv, cypher, params, driver.EagerResultTransformer,
			driver.ExecuteQueryWithReadersRouting())
		if err != nil {
			t.Fatalf("%s: %v", cypher, err)
		}
		if len(res.Records) != 1 {
			t.Fatalf("%s: %d rows, want 1", cypher, len(res.Records))
		}
		return res.Records[0].AsMap()
	}

	t.Run("documents", func(t *testing.T) {
		for _, d := range g.Documents {
			if d.Number == nil {
				continue
			}
			row := one(t, `MATCH (d:Document {number: $number})
				OPTIONAL MATCH (d)-[:BASED_ON]->(b:Document)
				RETURN d.kind AS kind, d.province AS province, d.status AS status,
				       d.issued AS issued, d.signer AS signer, collect(b.number) AS basedOn`,
				map[string]any{"number": *d.Number})
			if row["kind"] != d.Kind || row["province"] != d.Province || row["status"] != d.Status {
				t.Errorf("%s: kind %v province %v status %v, want %s %s %s", *d.Number, row["kind"], row["province"], row["status"], d.Kind, d.Province, d.Status)
			}
			if d.Issued != "" && row["issued"] != d.Issued {
				t.Errorf("%s: issued %v, want %s", *d.Number, row["issued"], d.Issued)
			}
			if d.Signer != "" && row["signer"] != d.Signer {
				t.Errorf("%s: signer %v, want %s", *d.Number, row["signer"], d.Signer)
			}
			got := strs(row["basedOn"])
			for _, b := range d.BasedOn {
				if !contains(got, b) {
					t.Errorf("%s: no BASED_ON link to %s (has %v)", *d.Number, b, got)
				}
			}
		}
	})

	// The gold file counts, per agency, the provisions of the chapter on
	// responsibilities that give it duties (a provision may state several
	// duties, one per role; other articles give duties too).
	t.Run("duties per agency kind", func(t *testing.T) {
		for province, rows := range g.Duties {
			want := map[string]int64{}
			total := int64(0)
			var articles []string
			for _, r := range rows {
				want[r.Agency] += int64(r.Duties)
				total += int64(r.Duties)
				articles = append(articles, strings.Join(strings.Fields(r.Provision)[:2], " "))
			}
			const inChapter = `p.part = 'REGULATION' AND any(x IN $articles WHERE p.path = x OR p.path STARTS WITH x + ' ')`
			for kind, n := range want {
				row := one(t, `MATCH (a:Agency {kind: $kind})-[:HAS_DUTY]->(d:Duty)-[:STATED_IN]->(p:Provision)<-[:HAS_PROVISION]-(doc:Document {province: $province, kind: 'QUY_CHE'})
					WHERE `+inChapter+`
					RETURN count(DISTINCT p) AS n`, map[string]any{"kind": kind, "province": province, "articles": articles})
				if row["n"] != n {
					t.Errorf("%s %s: %v provisions with duties, want %d", province, kind, row["n"], n)
				}
			}
			row := one(t, `MATCH (a:Agency)-[:HAS_DUTY]->(d:Duty)-[:STATED_IN]->(p:Provision)<-[:HAS_PROVISION]-(:Document {province: $province, kind: 'QUY_CHE'})
				WHERE `+inChapter+`
				RETURN count(DISTINCT [a.id, p.id]) AS n`, map[string]any{"province": province, "articles": articles})
			if row["n"] != total {
				t.Errorf("%s: %v agency provisions with duties in all, want %d", province, row["n"], total)
			}
		}
	})

	t.Run("leads", func(t *testing.T) {
		for province, rows := range g.Leads {
			for _, r := range rows {
				row := one(t, `OPTIONAL MATCH (a:Agency {kind: $kind, province: $province})-[:HAS_DUTY {role: 'LEAD'}]->(d:Duty)-[:IN_FIELD]->(:Field {code: $field}),
					      (d)-[:STATED_IN]->(p:Provision {path: $path})
					WHERE $area = '' OR (d)-[:IN_AREA]->(:Area {code: $area})
					RETURN count(d) AS n`,
					map[string]any{"kind": r.Agency, "province": province, "field": r.Field, "area": r.Area, "path": r.Provision})
				if row["n"] == int64(0) {
					t.Errorf("%s: no LEAD duty of %s on %s %s at %s", province, r.Agency, r.Field, r.Area, r.Provision)
				}
			}
		}
	})

	t.Run("handoffs", func(t *testing.T) {
		for province, rows := range g.Handoffs {
			for _, r := range rows {
				row := one(t, `MATCH (a:Agency {kind: $kind, province: $province})-[:INITIATES]->(h:Handoff)-[:STATED_IN]->(:Provision {path: $path})
					OPTIONAL MATCH (h)-[:NOTIFIES]->(n:Agency)
					WITH h, collect(DISTINCT n.kind) AS notifies
					OPTIONAL MATCH (h)-[:LEAVING]->(l:Area)
					WITH h, notifies, collect(DISTINCT l.code) AS leaving
					OPTIONAL MATCH (h)-[:ENTERING]->(e:Area)
					RETURN notifies, leaving, collect(DISTINCT e.code) AS entering`,
					map[string]any{"kind": r.From, "province": province, "path": r.Provision})
				what := province + " " + r.From + " " + r.Provision
				check := func(name string, got any, want []string) {
					if g := sorted(strs(got)); strings.Join(g, ",") != strings.Join(sorted(want), ",") {
						t.Errorf("%s: %s %v, want %v", what, name, g, sorted(want))
					}
				}
				check("notifies", row["notifies"], r.Notifies)
				check("leaving", row["leaving"], codes(r.Leaving))
				check("entering", row["entering"], codes(r.Entering))
			}
		}
	})

	t.Run("plans", func(t *testing.T) {
		for _, d := range g.Documents {
			if d.PlanActions == 0 && d.Targets == 0 {
				continue
			}
			row := one(t, `MATCH (d:Document {sourceFile: $file})
				OPTIONAL MATCH (a:PlanAction)-[:IN_PLAN]->(d)
				WITH d, count(a) AS actions
				OPTIONAL MATCH (t:Target)-[:IN_PLAN]->(d)
				RETURN actions, count(t) AS targets`, map[string]any{"file": d.File})
			actions := row["actions"].(int64)
			if d.PlanActions > 0 && actions != int64(d.PlanActions) && !(d.TaskGroups > 0 && actions == int64(d.PlanActions-1)) {
				t.Errorf("%s: %d plan actions, want %d", d.File, actions, d.PlanActions)
			}
			if d.Targets > 0 && row["targets"] != int64(d.Targets) {
				t.Errorf("%s: %v targets, want %d", d.File, row["targets"], d.Targets)
			}
		}
		row := one(t, `MATCH (a:PlanAction)-[:AMENDS]->(d:Document {number: '83/2025/QĐ-UBND'}) RETURN count(a) AS n`, nil)
		if row["n"] == int64(0) {
			t.Error("no plan action AMENDS 83/2025/QĐ-UBND")
		}
		for _, r := range g.PlanActions2021 {
			row := one(t, `MATCH (ag:Agency)-[:LEADS]->(a:PlanAction {group: $group})-[:IN_PLAN]->(:Document {number: '125/KH-UBND'})
				RETURN count(a) AS n, collect(DISTINCT ag.kind) AS kinds`, map[string]any{"group": r.Section})
			if row["n"] != int64(r.Tasks) || strings.Join(strs(row["kinds"]), ",") != r.Agency {
				t.Errorf("125/KH-UBND section %s: %v tasks led by %v, want %d led by %s", r.Section, row["n"], row["kinds"], r.Tasks, r.Agency)
			}
		}
	})

	t.Run("news agencies", func(t *testing.T) {
		for _, d := range g.Documents {
			for _, name := range d.Agencies {
				row := one(t, `MATCH (a:Agency {level: 'NATIONAL'}) WHERE a.name = $name OR $name IN a.aliases RETURN count(a) AS n`,
					map[string]any{"name": name})
				if row["n"] == int64(0) {
					t.Errorf("%s: no national agency %q", d.File, name)
				}
			}
		}
	})
}

func strs(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

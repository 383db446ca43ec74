package graph_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"gopkg.in/yaml.v3"

	"github.com/regnet/regnet/graph"
)

func loadSchema(t *testing.T) *ast.Schema {
	t.Helper()
	b, err := os.ReadFile("../schema.graphqls")
	if err != nil {
		t.Fatal(err)
	}
	s, gerr := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphqls", Input: string(b)})
	if gerr != nil {
		t.Fatalf("schema: %v", gerr)
	}
	return s
}

// contractQueries returns the client queries of the API contract, as the
// clients send them (a copy of the project's shared queries).
func contractQueries(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("testdata/queries/*.graphql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no contract queries in testdata/queries: %v", err)
	}
	qs := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		qs[filepath.Base(f)] = string(b)
	}
	return qs
}

// TestContractQueriesValidate checks that every client query parses and
// validates against the schema: their field and argument names are the
// contract.
func TestContractQueriesValidate(t *testing.T) {
	schema := loadSchema(t)
	for name, q := range contractQueries(t) {
		t.Run(name, func(t *testing.T) {
			doc, err := gqlparser.LoadQueryWithRules(schema, q, nil)
			if err != nil {
				t.Fatalf("%s does not validate: %v", name, err)
			}
			if len(doc.Operations) != 1 {
				t.Fatalf("%s has %d operations, want 1", name, len(doc.Operations))
			}
			if d := graph.Depth(doc.Operations[0].SelectionSet); d > 12 {
				t.Errorf("%s has depth %d, over the default limit", name, d)
			}
		})
	}
}

// TestInvalidQueriesFail makes sure the validation above can fail.
func TestInvalidQueriesFail(t *testing.T) {
	schema := loadSchema(t)
	for _, q := range []string{
		`{ agencies(filter: {province: "Lạng Sơn", kind: NOT_A_KIND}) { totalCount } }`,
		`{ agencies { edges { node { noSuchField } } } }`,
		`{ handoffChain(leaving: "CUSTOMS_ZONE") { depth } }`,
		`mutation { agencies { totalCount } }`,
	} {
		if _, err := gqlparser.LoadQueryWithRules(schema, q, nil); err == nil {
			t.Errorf("%s validated", q)
		}
	}
}

// TestEnumsMatchOntology keeps the schema's open code lists (agency kinds,
// fields, areas) equal to the ontology's: a code the loader can produce but
// the schema does not list would reach clients as an undeclared enum value.
func TestEnumsMatchOntology(t *testing.T) {
	b, err := os.ReadFile("../loader/ontology.yaml")
	if err != nil {
		t.Fatalf("the ontology: %v", err)
	}
	var onto struct {
		Kinds  []struct{ Code string } `yaml:"kinds"`
		Fields []struct{ Code string } `yaml:"fields"`
		Areas  []struct{ Code string } `yaml:"areas"`
	}
	if err := yaml.Unmarshal(b, &onto); err != nil {
		t.Fatalf("the ontology: %v", err)
	}
	schema := loadSchema(t)
	lists := map[string][]struct{ Code string }{"kinds": onto.Kinds, "fields": onto.Fields, "areas": onto.Areas}
	for enum, key := range map[string]string{"AgencyKind": "kinds", "FieldCode": "fields", "AreaCode": "areas"} {
		var want []string
		for _, e := range lists[key] {
			want = append(want, e.Code)
		}
		var got []string
		for _, v := range schema.Types[enum].EnumValues {
			got = append(got, v.Name)
		}
		slices.Sort(want)
		slices.Sort(got)
		if len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("enum %s = %v\nontology %s = %v", enum, got, key, want)
		}
	}
}

func TestDepth(t *testing.T) {
	schema := loadSchema(t)
	for _, tc := range []struct {
		query string
		want  int
	}{
		{`{ fields { code } }`, 2},
		{`{ agencies { totalCount } }`, 2},
		{`{ agency(id: "x") { parent { parent { name } } } }`, 4},
		{`{ agency(id: "x") { ...F } } fragment F on Agency { duties { provision { path } } }`, 4},
		{`{ agency(id: "x") { ... on Agency { duties { id } } } }`, 3},
		{`{ __typename agency(id: "x") { __typename id } }`, 2},
		{`{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }`, 0},
	} {
		doc, err := gqlparser.LoadQueryWithRules(schema, tc.query, nil)
		if err != nil {
			t.Fatalf("%s: %v", tc.query, err)
		}
		if got := graph.Depth(doc.Operations[0].SelectionSet); got != tc.want {
			t.Errorf("Depth(%s) = %d, want %d", tc.query, got, tc.want)
		}
	}
}

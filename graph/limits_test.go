package graph_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/regnet/regnet/graph"
	"github.com/regnet/regnet/store/memory"
	"github.com/regnet/regnet/store/storetest"
)

func parse(t *testing.T, q string) *ast.QueryDocument {
	t.Helper()
	doc, err := parser.ParseQuery(&ast.Source{Input: q})
	if err != nil {
		t.Fatalf("parse %q: %v", q, err)
	}
	return doc
}

func TestCountDocument(t *testing.T) {
	for _, tc := range []struct {
		name  string
		query string
		want  graph.Counts
	}{
		{"plain", `{ provinces { id name } }`, graph.Counts{Selections: 3, Repeats: 1}},
		{"aliases", `{ a: provinces { id } b: provinces { x: id } }`, graph.Counts{Aliases: 3, Selections: 4, Repeats: 1}},
		{"alias of itself is none", `{ provinces: provinces { id } }`, graph.Counts{Selections: 2, Repeats: 1}},
		{"directives", `query @a { provinces @skip(if: true) { id @b @c } }`, graph.Counts{Selections: 2, Directives: 4, Repeats: 1}},
		{"repeats", `{ __typename __typename __typename provinces { id } }`, graph.Counts{Selections: 5, Repeats: 3}},
		{"repeats through fragments", `{ provinces { id ...F ...F } } fragment F on Province { id }`,
			// the operation's 1 + 3 (id and two spreads) + 2 (written out) and the fragment's 1
			graph.Counts{Selections: 7, Repeats: 3}},
		{"spreads written out", `{ provinces { ...A } } fragment A on Province { ...B ...B } fragment B on Province { id name }`,
			// operation: provinces, spread, 2 spreads, 4 fields = 8; A alone: 2 + 4 = 6; B: 2
			graph.Counts{Selections: 16, Repeats: 2}},
		{"fragment cycle cut", `{ provinces { ...A } } fragment A on Province { ...A }`, graph.Counts{Selections: 4, Repeats: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := parse(t, tc.query)
			got := graph.CountDocument(doc)
			got.Repeats = graph.Repeats(doc)
			if got != tc.want {
				t.Errorf("CountDocument = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestCountNestedFragments: fragments spreading fragments are counted
// written out, without writing them out.
func TestCountNestedFragments(t *testing.T) {
	var b strings.Builder
	b.WriteString("{ provinces { ...F0 } }\n")
	for i := range 30 {
		b.WriteString("fragment F" + strconv.Itoa(i) + " on Province { id ...F" + strconv.Itoa(i+1) + " ...F" + strconv.Itoa(i+1) + " }\n")
	}
	b.WriteString("fragment F30 on Province { id }\n")
	if c := graph.CountDocument(parse(t, b.String())); c.Selections < 1<<30 {
		t.Errorf("selections %d, want the 2^30 and more they write out", c.Selections)
	}
}

func TestCost(t *testing.T) {
	store := memory.New(storetest.Fixture())
	schema := graph.NewSchema(store).Schema()
	bounds, err := graph.MeasureBounds(context.Background(), store)
	if err != nil {
		t.Fatal(err)
	}
	partners := bounds.Of("Agency", "partners")
	duties := bounds.Of("Agency", "duties")
	if partners < 1 || duties < 1 {
		t.Fatalf("bounds: partners %d, duties %d", partners, duties)
	}
	for _, tc := range []struct {
		name  string
		query string
		vars  map[string]any
		want  int
	}{
		{"scalar", `{ provinces { id } }`, nil, bounds.Of("Query", "provinces") * 2},
		{"page of first", `{ agencies(first: 10) { totalCount edges { node { id } } } }`, nil,
			1 + 1 + 10*(1+1+1)}, // connection, totalCount, 10 × (edge, node, id)
		{"default page", `{ agencies { edges { node { id } } } }`, nil, 1 + graph.DefaultPageSize*(1+1+1)},
		{"first from a variable", `query($n: Int) { agencies(first: $n) { edges { node { id } } } }`, map[string]any{"n": int64(3)}, 1 + 3*3},
		{"page over the maximum counts the maximum", `{ agencies(first: 5000) { edges { node { id } } } }`, nil, 1 + graph.MaxPageSize*3},
		{"a list multiplies by its bound", `{ agency(id: "x") { partners { id } } }`, nil, 1 + partners*2},
		{"lists of lists multiply", `{ agency(id: "x") { partners { partners { id } } } }`, nil, 1 + partners*(1+partners*2)},
		{"search by first", `{ search(text: "a", first: 7) { id } }`, nil, 7 * 2},
		{"introspection is flat", `{ __schema { types { name fields { name } } } }`, nil, 5},
		{"fragments count where spread", `{ agency(id: "x") { ...A } } fragment A on Agency { duties { id } }`, nil, 1 + duties*2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := parse(t, tc.query)
			if errs := validator.Validate(schema, doc); len(errs) > 0 {
				t.Fatalf("validate: %v", errs)
			}
			vars, err := validator.VariableValues(schema, doc.Operations[0], tc.vars)
			if err != nil {
				t.Fatal(err)
			}
			if got := graph.Cost(doc.Operations[0].SelectionSet, vars, bounds); got != tc.want {
				t.Errorf("Cost = %d, want %d", got, tc.want)
			}
		})
	}
}

// TestCappedRules: validation returns at most the cap and one error saying
// the rest were left out, however many conflicts a document has.
func TestCappedRules(t *testing.T) {
	schema := graph.NewSchema(memory.New(storetest.Fixture())).Schema()
	doc := parse(t, "{"+strings.Repeat(" fields { code } fields: areas { code }", 100)+" }")
	errs := validator.ValidateWithRules(schema, doc, graph.CappedRules(5)())
	if len(errs) != 6 || !strings.Contains(errs[5].Message, "more than 5") {
		t.Errorf("%d errors, last %v; want 5 and one saying the rest are left out", len(errs), errs[len(errs)-1])
	}
	if errs := validator.ValidateWithRules(schema, parse(t, `{ provinces { id } }`), graph.CappedRules(5)()); len(errs) != 0 {
		t.Errorf("a valid document: %v", errs)
	}
}

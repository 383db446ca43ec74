package graph_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	gqlast "github.com/vektah/gqlparser/v2/ast"
)

// prefetchTypes maps each prefetch function to the schema type whose
// selection it reads.
var prefetchTypes = map[string]string{
	"prefetchAgencies":   "Agency",
	"primeAgencies":      "Agency",
	"agenciesQuery":      "Agency",
	"agencyPage":         "Agency",
	"agencySkip":         "Agency",
	"dutySkip":           "Duty",
	"handoffSkip":        "Handoff",
	"prefetchDuties":     "Duty",
	"prefetchHandoffs":   "Handoff",
	"prefetchProvisions": "Provision",
}

// TestPrefetchFieldsExist checks every field name the prefetching looks for
// in a query's selection (sel.has("duties"), sel.sub("edges", "node"))
// against the schema: a field renamed in the schema but not in the code
// would silently turn its prefetch off. The type a selection belongs to is
// the prefetch function's (prefetchTypes) or, in a resolver, the type of
// the field it resolves.
func TestPrefetchFieldsExist(t *testing.T) {
	schema := loadSchema(t)
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			var calls []*ast.CallExpr
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				if c, ok := n.(*ast.CallExpr); ok {
					if sel, ok := c.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "has" || sel.Sel.Name == "sub") && len(c.Args) > 0 {
						if _, lit := c.Args[0].(*ast.BasicLit); lit {
							calls = append(calls, c)
						}
					}
				}
				return true
			})
			if len(calls) == 0 {
				continue
			}
			typ := selectionType(t, schema, fn)
			for _, c := range calls {
				cur := typ
				for _, arg := range c.Args {
					lit, ok := arg.(*ast.BasicLit)
					if !ok {
						t.Errorf("%s: %s passes a field name that is not a literal", fset.Position(c.Pos()), fn.Name.Name)
						break
					}
					field, _ := strconv.Unquote(lit.Value)
					def := schema.Types[cur]
					fd := def.Fields.ForName(field)
					if fd == nil {
						t.Errorf("%s: %s looks for %s.%s, which the schema does not have", fset.Position(lit.Pos()), fn.Name.Name, cur, field)
						break
					}
					checked++
					cur = fd.Type.Name()
				}
			}
		}
	}
	if checked < 17 {
		t.Errorf("checked %d field names; the prefetching looks for at least 17", checked)
	}
}

// selectionType is the schema type whose selection fn reads.
func selectionType(t *testing.T, schema *gqlast.Schema, fn *ast.FuncDecl) string {
	t.Helper()
	if typ, ok := prefetchTypes[fn.Name.Name]; ok {
		return typ
	}
	if fn.Recv != nil && len(fn.Recv.List) == 1 {
		recv := fn.Recv.List[0].Type
		if star, ok := recv.(*ast.StarExpr); ok {
			recv = star.X
		}
		if id, ok := recv.(*ast.Ident); ok && strings.HasSuffix(id.Name, "Resolver") {
			object := strings.ToUpper(id.Name[:1]) + strings.TrimSuffix(id.Name[1:], "Resolver")
			field := strings.ToLower(fn.Name.Name[:1]) + fn.Name.Name[1:]
			if def := schema.Types[object]; def != nil {
				if fd := def.Fields.ForName(field); fd != nil {
					return fd.Type.Name()
				}
			}
		}
	}
	t.Fatalf("%s reads a selection of a type the test cannot tell: add it to prefetchTypes", fn.Name.Name)
	return ""
}

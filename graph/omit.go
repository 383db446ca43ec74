package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/regnet/regnet"
)

// omitted returns the long texts (regnet.Omit) that no field of the
// request's operation reads, worked out once per request. The one-statement
// reads leave them out, since sending them is much of what a read costs the
// database; the records they prime into the loaders are then partial, which
// is safe only because nothing in this operation asks for what is missing.
// Without an operation (a resolver called directly) nothing is left out.
func (l *Loaders) omitted(ctx context.Context) regnet.Omit {
	l.omitOnce.Do(func() {
		if !graphql.HasOperationContext(ctx) {
			return
		}
		oc := graphql.GetOperationContext(ctx)
		if oc.Operation == nil {
			return
		}
		asked := fieldsAsked{}
		asked.walk(oc.Operation.SelectionSet, map[string]bool{})
		l.omit = regnet.Omit{
			DutyText:      !asked.reads("Duty", "text"),
			Evidence:      !asked.reads("Duty", "evidence"),
			ProvisionText: !asked.reads("Provision", "text"),
		}
	})
	return l.omit
}

// fieldsAsked holds "Type.field" for every field an operation selects,
// through fragments; a field selected on an interface or union is held as
// "*.field", since any type may answer it.
type fieldsAsked map[string]bool

func (a fieldsAsked) walk(set ast.SelectionSet, seen map[string]bool) {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			owner := "*"
			if d := s.ObjectDefinition; d != nil && d.Kind == ast.Object {
				owner = d.Name
			}
			a[owner+"."+s.Name] = true
			a.walk(s.SelectionSet, seen)
		case *ast.InlineFragment:
			a.walk(s.SelectionSet, seen)
		case *ast.FragmentSpread:
			if s.Definition != nil && !seen[s.Name] {
				seen[s.Name] = true
				a.walk(s.Definition.SelectionSet, seen)
			}
		}
	}
}

// reads reports whether field of typ may be read.
func (a fieldsAsked) reads(typ, field string) bool {
	return a[typ+"."+field] || a["*."+field]
}

package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/regnet/regnet"
)

// omitted returns what of duties and provisions (regnet.Omit) no field of
// the request's operation reads, worked out once per request. The
// one-statement reads leave it out, since sending it is much of what a read
// costs the database; the records they prime into the loaders are then
// partial, which is safe only because nothing in this operation asks for
// what is missing. A part counts as read when any field that shows it is
// selected anywhere in the operation: the field of the record's own type,
// and the fields of other types whose resolvers read it from the loaded
// duties (an agency's partners and reporting lines come from its duties).
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
			DutyText:        !asked.reads("Duty", "text"),
			Evidence:        !asked.reads("Duty", "evidence"),
			ProvisionText:   !asked.reads("Provision", "text"),
			DutyPartners:    !asked.reads("Duty", "partners") && !asked.reads("Agency", "partners"),
			DutyAreas:       !asked.reads("Duty", "areas"),
			DutyReports:     !asked.reads("Duty", "reportsTo") && !asked.reads("Agency", "reportsTo"),
			ProvisionDetail: !asked.readsAny("Provision", provisionDetail...),
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

// provisionDetail are the fields of Provision that show what
// regnet.Omit.ProvisionDetail leaves out.
var provisionDetail = []string{"chapter", "article", "clause", "point", "parent", "heading", "line", "page"}

// readsAny reports whether any of fields of typ may be read.
func (a fieldsAsked) readsAny(typ string, fields ...string) bool {
	for _, f := range fields {
		if a.reads(typ, f) {
			return true
		}
	}
	return false
}

// reads reports whether field of typ may be read.
func (a fieldsAsked) reads(typ, field string) bool {
	return a[typ+"."+field] || a["*."+field]
}

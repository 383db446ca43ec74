package graph

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Paging limits of every connection and of search.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// DepthLimit is a gqlgen extension that rejects operations nested deeper
// than Max fields, before anything runs. gqlgen has a complexity limit but
// no depth limit, and a deep query multiplies the store's work at each level.
//
// Depth counts fields along the longest path through the selection set,
// fragments included: `{ agencies { totalCount } }` has depth 2. Fields of
// the introspection schema (__schema, __type and everything below them) do
// not count: they read the schema in memory, never the store, and the
// standard introspection query nests its type references deeper than any
// sensible limit for data. The complexity and token limits still bound them.
type DepthLimit struct {
	Max int
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = DepthLimit{}

// ExtensionName implements graphql.HandlerExtension.
func (d DepthLimit) ExtensionName() string { return "DepthLimit" }

// Validate implements graphql.HandlerExtension.
func (d DepthLimit) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext rejects the operation with QUERY_TOO_COMPLEX when
// it is too deep.
func (d DepthLimit) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	if opCtx.Operation == nil {
		return nil
	}
	if depth := Depth(opCtx.Operation.SelectionSet); depth > d.Max {
		err := gqlerror.Errorf("operation has depth %d, which exceeds the limit of %d", depth, d.Max)
		err.Extensions = map[string]any{"code": CodeTooComplex, "depth": depth, "limit": d.Max}
		return err
	}
	return nil
}

// Depth returns the depth of a selection set as DepthLimit counts it.
func Depth(set ast.SelectionSet) int {
	return depth(set, map[string]bool{})
}

// depth walks the selection set; seen guards against fragment cycles, which
// validation rejects before this runs, but a guard costs nothing.
func depth(set ast.SelectionSet, seen map[string]bool) int {
	deepest := 0
	for _, sel := range set {
		d := 0
		switch s := sel.(type) {
		case *ast.Field:
			if strings.HasPrefix(s.Name, "__") {
				continue
			}
			d = 1 + depth(s.SelectionSet, seen)
		case *ast.InlineFragment:
			d = depth(s.SelectionSet, seen)
		case *ast.FragmentSpread:
			if s.Definition == nil || seen[s.Name] {
				continue
			}
			seen[s.Name] = true
			d = depth(s.Definition.SelectionSet, seen)
			delete(seen, s.Name)
		}
		deepest = max(deepest, d)
	}
	return deepest
}

package graph

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// CostLimit is a gqlgen extension that refuses, with QUERY_TOO_COMPLEX and
// before any resolver runs, an operation whose estimated cost is over Max.
//
// The estimate is an upper bound of the objects an answer can hold: a field
// costs one, and a list field costs its expected size times one plus what
// each item selects. The expected size of a connection's page or of search
// is its `first` argument; that of any other list is the largest list of
// that field in the store (Bounds). So `agency { partners { partners … } } }`
// is seen for the tens of thousands of agencies it would return, where a
// cost that counted lists as one object saw a dozen. Gqlgen's own complexity
// model is not used: it asks for one function per field, which every schema
// change would have to keep up with, where this reads the schema.
type CostLimit struct {
	Max int
	// Bounds returns the current list sizes; nil means StaticBounds.
	Bounds func() *Bounds
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = CostLimit{}

// ExtensionName implements graphql.HandlerExtension.
func (CostLimit) ExtensionName() string { return "CostLimit" }

// Validate implements graphql.HandlerExtension.
func (CostLimit) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext refuses an operation that costs more than Max.
func (c CostLimit) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	if opCtx.Operation == nil {
		return nil
	}
	var b *Bounds
	if c.Bounds != nil {
		b = c.Bounds()
	}
	if cost := Cost(opCtx.Operation.SelectionSet, opCtx.Variables, b); cost > c.Max {
		err := gqlerror.Errorf("operation may cost %d, which exceeds the limit of %d: ask for smaller pages or fewer nested lists", cost, c.Max)
		err.Extensions = map[string]any{"code": CodeTooComplex, "cost": cost, "limit": c.Max}
		return err
	}
	return nil
}

// costCeiling is where a cost stops growing: nested lists multiply, and
// ten of them would overflow an int.
const costCeiling = 1 << 40

// Cost estimates the cost of a validated selection set (see CostLimit).
// Fields of the introspection schema cost one each, lists or not: they read
// the schema in memory, and their number is bounded by Preflight.
func Cost(set ast.SelectionSet, vars map[string]any, b *Bounds) int {
	if b == nil {
		b = StaticBounds()
	}
	return cost(set, vars, b, 0)
}

// cost walks a selection set; page is the `first` of the field that holds
// it, the size of a connection's edges.
func cost(set ast.SelectionSet, vars map[string]any, b *Bounds, page int) int {
	total := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			total += fieldCost(s, vars, b, page)
		case *ast.InlineFragment:
			total += cost(s.SelectionSet, vars, b, page)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				total += cost(s.Definition.SelectionSet, vars, b, page)
			}
		}
		total = min(total, costCeiling)
	}
	return total
}

func fieldCost(f *ast.Field, vars map[string]any, b *Bounds, page int) int {
	if strings.HasPrefix(f.Name, "__") {
		return 1 + introspectionCost(f.SelectionSet)
	}
	if f.Definition == nil {
		return 1
	}
	first, hasFirst := firstArg(f, vars)
	n := 1
	if f.Definition.Type.Elem != nil {
		switch {
		case hasFirst:
			n = first
		case page > 0 && !b.has(parentName(f), f.Name):
			n = page // a connection's edges
		default:
			n = b.Of(parentName(f), f.Name)
		}
	}
	childPage := 0
	if hasFirst && f.Definition.Type.Elem == nil {
		childPage = first
	}
	return min(n*(1+cost(f.SelectionSet, vars, b, childPage)), costCeiling)
}

func introspectionCost(set ast.SelectionSet) int {
	n := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			n += 1 + introspectionCost(s.SelectionSet)
		case *ast.InlineFragment:
			n += introspectionCost(s.SelectionSet)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				n += introspectionCost(s.Definition.SelectionSet)
			}
		}
	}
	return n
}

func parentName(f *ast.Field) string {
	if f.ObjectDefinition == nil {
		return ""
	}
	return f.ObjectDefinition.Name
}

// firstArg returns a field's `first` argument (given or defaulted) clamped
// to the allowed page sizes, so that a size refused as BAD_USER_INPUT is
// reported as such rather than as cost; false when the field takes none.
func firstArg(f *ast.Field, vars map[string]any) (int, bool) {
	if f.Definition.Arguments.ForName("first") == nil {
		return 0, false
	}
	n := DefaultPageSize
	if v, ok := f.ArgumentMap(vars)["first"]; ok && v != nil {
		switch x := v.(type) {
		case int64:
			n = int(min(max(x, 0), MaxPageSize))
		case int:
			n = x
		case float64:
			n = int(min(max(x, 0), MaxPageSize))
		}
	}
	return min(max(n, 0), MaxPageSize), true
}

package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

func init() {
	// Bad input found before anything runs (ScalarInputs) answers 422 like
	// the other rejections of a request; a resolver's BAD_USER_INPUT still
	// comes with 200 and the data that could be resolved.
	errcode.RegisterErrorType(CodeBadUserInput, errcode.KindProtocol)
}

// stringScalars are the custom scalars the API reads as strings. Gqlparser
// does not check custom scalars, and gqlgen's string unmarshalling fails on
// an object or a list deep in the resolvers, as an internal error.
var stringScalars = map[string]bool{"Date": true}

// ScalarInputs is a gqlgen extension that refuses, with BAD_USER_INPUT
// (HTTP 422) before anything runs, a value of a string scalar (Date) that is
// not a string: an object or list given as a variable, or written in the
// query.
type ScalarInputs struct {
	Schema *ast.Schema
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = ScalarInputs{}

// ExtensionName implements graphql.HandlerExtension.
func (ScalarInputs) ExtensionName() string { return "ScalarInputs" }

// Validate implements graphql.HandlerExtension.
func (ScalarInputs) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext checks the operation's variables and literals.
func (c ScalarInputs) MutateOperationContext(_ context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	if opCtx.Operation == nil || c.Schema == nil {
		return nil
	}
	for _, v := range opCtx.Operation.VariableDefinitions {
		if v.Definition == nil {
			continue
		}
		if msg := checkVariable(c.Schema, v.Type, opCtx.Variables[v.Variable], "$"+v.Variable); msg != "" {
			return badInput(msg)
		}
	}
	if msg := checkLiterals(opCtx.Operation.SelectionSet, map[string]bool{}); msg != "" {
		return badInput(msg)
	}
	return nil
}

func badInput(msg string) *gqlerror.Error {
	e := gqlerror.Errorf("%s", msg)
	e.Extensions = map[string]any{"code": CodeBadUserInput}
	return e
}

// checkVariable checks a variable's value against its type, into input
// objects and lists; it returns what is wrong, or "".
func checkVariable(schema *ast.Schema, t *ast.Type, v any, path string) string {
	if v == nil || t == nil {
		return ""
	}
	if t.Elem != nil {
		if list, ok := v.([]any); ok {
			for i, x := range list {
				if msg := checkVariable(schema, t.Elem, x, fmt.Sprintf("%s[%d]", path, i)); msg != "" {
					return msg
				}
			}
			return ""
		}
		return checkVariable(schema, t.Elem, v, path)
	}
	if stringScalars[t.NamedType] {
		if _, ok := v.(string); !ok {
			return fmt.Sprintf("%s must be a %s as a string (YYYY-MM-DD), not %s", cutName(path), t.NamedType, kindOf(v))
		}
		return ""
	}
	obj, ok := v.(map[string]any)
	in := schema.Types[t.NamedType]
	if !ok || in == nil || in.Kind != ast.InputObject {
		return ""
	}
	for _, f := range in.Fields {
		if msg := checkVariable(schema, f.Type, obj[f.Name], path+"."+f.Name); msg != "" {
			return msg
		}
	}
	return ""
}

// checkLiterals checks the values written in the query: a string scalar
// must be written as a string, a variable or null.
func checkLiterals(set ast.SelectionSet, seen map[string]bool) string {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			for _, a := range s.Arguments {
				if msg := checkLiteral(a.Value, a.Name); msg != "" {
					return msg
				}
			}
			if msg := checkLiterals(s.SelectionSet, seen); msg != "" {
				return msg
			}
		case *ast.InlineFragment:
			if msg := checkLiterals(s.SelectionSet, seen); msg != "" {
				return msg
			}
		case *ast.FragmentSpread:
			if s.Definition == nil || seen[s.Name] {
				continue
			}
			seen[s.Name] = true
			if msg := checkLiterals(s.Definition.SelectionSet, seen); msg != "" {
				return msg
			}
		}
	}
	return ""
}

func checkLiteral(v *ast.Value, path string) string {
	if v == nil {
		return ""
	}
	if v.Definition != nil && v.Definition.Kind == ast.Scalar && stringScalars[v.Definition.Name] {
		switch v.Kind {
		case ast.StringValue, ast.BlockValue, ast.Variable, ast.NullValue:
		case ast.ListValue:
			if v.ExpectedType != nil && v.ExpectedType.Elem == nil {
				return fmt.Sprintf("%s must be a %s as a string (YYYY-MM-DD), not a list", cutName(path), v.Definition.Name)
			}
		default:
			if v.Kind == ast.ObjectValue {
				return fmt.Sprintf("%s must be a %s as a string (YYYY-MM-DD), not an object", cutName(path), v.Definition.Name)
			}
		}
	}
	for _, c := range v.Children {
		name := path
		if c.Name != "" {
			name = path + "." + c.Name
		}
		if msg := checkLiteral(c.Value, name); msg != "" {
			return msg
		}
	}
	return ""
}

func kindOf(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	case bool:
		return "a boolean"
	default:
		return "a number"
	}
}

// cutName shortens a path made of names a client chose.
func cutName(s string) string {
	if len(s) <= 100 {
		return s
	}
	return strings.ToValidUTF8(s[:100], "") + "…"
}

package graph

import (
	"context"
	"errors"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator/core"
	"github.com/vektah/gqlparser/v2/validator/rules"
)

// Default limits of Preflight and of the validation errors returned.
const (
	DefaultTokenLimit          = 1000
	DefaultMaxAliases          = 15
	DefaultMaxSelections       = 1000
	DefaultMaxRepeats          = 20
	DefaultMaxDirectives       = 10
	DefaultMaxValidationErrors = 20
)

// Preflight is a gqlgen extension that reads a query before gqlgen
// validates it and refuses, with QUERY_TOO_COMPLEX, a document with too many
// aliases, selections or directives. Validation is where a small request
// can cost the most: the rule that fields can be merged compares every pair
// of fields with the same response name, so 10,000 `__typename` take seconds
// and conflicting aliases (`{ fields fields: areas … }`) give one error per
// pair. Bounding the document first bounds that work and its output.
//
// It parses the query itself (with the same token limit), once, and walks it
// once. Selections are counted as if every fragment spread were written out,
// so that nested fragments cannot multiply the work of validation or of the
// cost model. A query gqlgen already holds in its cache passed before and is
// not read again. A parse error is reported here, with gqlgen's code.
type Preflight struct {
	TokenLimit    int
	MaxAliases    int
	MaxSelections int
	MaxDirectives int
	// MaxRepeats bounds the fields of one response name in one selection
	// set, fragments written out: the rule that fields can be merged
	// compares them in pairs.
	MaxRepeats int
	// Cache is gqlgen's cache of validated documents, or nil.
	Cache graphql.Cache[*ast.QueryDocument]
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = Preflight{}

// ExtensionName implements graphql.HandlerExtension.
func (Preflight) ExtensionName() string { return "Preflight" }

// Validate implements graphql.HandlerExtension.
func (Preflight) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters refuses a query over the limits.
func (p Preflight) MutateOperationParameters(ctx context.Context, params *graphql.RawParams) *gqlerror.Error {
	if p.Cache != nil {
		if _, ok := p.Cache.Get(ctx, params.Query); ok {
			return nil
		}
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: params.Query}, p.TokenLimit)
	if err != nil {
		// Reported here as gqlgen would, so that a hostile document is
		// parsed once, not twice.
		var e *gqlerror.Error
		if !errors.As(err, &e) {
			e = gqlerror.Errorf("%s", err.Error())
		}
		errcode.Set(e, errcode.ParseFailed)
		return e
	}
	c := CountDocument(doc)
	if c.Selections <= p.MaxSelections || p.MaxSelections <= 0 {
		c.Repeats = Repeats(doc)
	}
	for _, lim := range []struct {
		what  string
		n     int
		limit int
	}{
		{"aliases", c.Aliases, p.MaxAliases},
		{"selections", c.Selections, p.MaxSelections},
		{"directives", c.Directives, p.MaxDirectives},
		{"fields of one name in one selection set", c.Repeats, p.MaxRepeats},
	} {
		if lim.limit > 0 && lim.n > lim.limit {
			e := gqlerror.Errorf("the query has %s%d %s; the limit is %d", atLeast(lim.n, lim.limit), lim.n, lim.what, lim.limit)
			e.Extensions = map[string]any{"code": CodeTooComplex, "count": lim.n, "limit": lim.limit}
			return e
		}
	}
	return nil
}

// atLeast marks a count the walk stopped at.
func atLeast(n, limit int) string {
	if n > countCap(limit) {
		return "more than "
	}
	return ""
}

// countCap is where counting stops: far enough past the limit to say by how
// much a query is over it, near enough to stay cheap.
func countCap(limit int) int { return 10 * max(limit, 1) }

// Counts are what Preflight counts in a document.
type Counts struct {
	Aliases    int // fields whose response name is not their name
	Selections int // fields, fragment spreads and inline fragments, spreads written out
	Directives int
	// Repeats is the most fields of one response name in one selection
	// set, with the fields its fragments bring (see Repeats).
	Repeats int
}

// CountDocument counts a parsed (not yet validated) document: every
// operation and fragment, with each fragment spread counted as the
// selections of its fragment. Fragment cycles, which validation refuses, are
// cut. The walk visits each fragment once; the count of a spread is its
// fragment's count.
func CountDocument(doc *ast.QueryDocument) Counts {
	w := counter{doc: doc, frags: map[string]*Counts{}}
	var total Counts
	for _, op := range doc.Operations {
		total.add(w.set(op.SelectionSet))
		total.Directives += len(op.Directives)
	}
	for _, f := range doc.Fragments {
		total.add(*w.fragment(f.Name))
	}
	return total
}

type counter struct {
	doc   *ast.QueryDocument
	frags map[string]*Counts // nil value: being counted (a cycle)
}

func (c *Counts) add(o Counts) {
	// Saturating: spreads of spreads can multiply counts beyond any int.
	const ceiling = 1 << 40
	c.Aliases = min(c.Aliases+o.Aliases, ceiling)
	c.Selections = min(c.Selections+o.Selections, ceiling)
	c.Directives = min(c.Directives+o.Directives, ceiling)
}

func (w *counter) fragment(name string) *Counts {
	if c, ok := w.frags[name]; ok {
		if c == nil {
			return &Counts{}
		}
		return c
	}
	w.frags[name] = nil
	c := &Counts{}
	if f := w.doc.Fragments.ForName(name); f != nil {
		*c = w.set(f.SelectionSet)
		c.Directives += len(f.Directives)
	}
	w.frags[name] = c
	return c
}

func (w *counter) set(set ast.SelectionSet) Counts {
	var c Counts
	for _, sel := range set {
		c.Selections++
		switch s := sel.(type) {
		case *ast.Field:
			if s.Alias != s.Name {
				c.Aliases++
			}
			c.Directives += len(s.Directives)
			c.add(w.set(s.SelectionSet))
		case *ast.InlineFragment:
			c.Directives += len(s.Directives)
			c.add(w.set(s.SelectionSet))
		case *ast.FragmentSpread:
			c.Directives += len(s.Directives)
			c.add(*w.fragment(s.Name))
		}
	}
	return c
}

// Repeats returns the most fields of one response name in one selection
// set of doc, fragments written out. Call it on a document within the
// selection limit: the walk spends at most 100,000 visits.
func Repeats(doc *ast.QueryDocument) int {
	w := counter{doc: doc}
	budget := 100_000
	most := 0
	var walk func(set ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		if budget <= 0 {
			return
		}
		names := map[string]int{}
		w.names(set, names, map[string]bool{}, &budget)
		for _, n := range names {
			most = max(most, n)
		}
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				walk(s.SelectionSet)
			case *ast.InlineFragment:
				walk(s.SelectionSet)
			}
		}
	}
	for _, op := range doc.Operations {
		walk(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		walk(f.SelectionSet)
	}
	return most
}

// names counts the response names of one selection set, into its inline
// fragments and fragment spreads, spending at most budget visits (nested
// spreads can be exponential; the selection count refuses those anyway).
func (w *counter) names(set ast.SelectionSet, into map[string]int, seen map[string]bool, budget *int) {
	for _, sel := range set {
		if *budget--; *budget < 0 {
			return
		}
		switch s := sel.(type) {
		case *ast.Field:
			into[s.Alias]++
		case *ast.InlineFragment:
			w.names(s.SelectionSet, into, seen, budget)
		case *ast.FragmentSpread:
			if seen[s.Name] {
				into["..."+s.Name]++ // spread again: compared again
				continue
			}
			if f := w.doc.Fragments.ForName(s.Name); f != nil {
				seen[s.Name] = true
				w.names(f.SelectionSet, into, seen, budget)
				delete(seen, s.Name)
			}
		}
	}
}

// CappedRules returns gqlgen's validation rules with the errors of one
// validation capped at max: past it, one error says that more were left
// out and the rest are dropped. For executor.SetDefaultRulesFn, which makes
// a fresh set, and so a fresh count, for every validation.
func CappedRules(max int) func() *rules.Rules {
	return func() *rules.Rules {
		n := 0
		capped := rules.NewRules()
		def := rules.NewDefaultRules()
		for name, f := range def.GetInner() {
			capped.AddRule(name, func(observers *core.Events, addError core.AddErrFunc) {
				f(observers, func(options ...core.ErrorOption) {
					n++
					switch {
					case n <= max:
						addError(options...)
					case n == max+1:
						addError(core.Message("%s", fmt.Sprintf("more than %d validation errors: the rest are left out", max)))
					}
				})
			})
		}
		return capped
	}
}

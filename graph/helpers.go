package graph

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/99designs/gqlgen/graphql"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/graph/generated"
)

// NewSchema returns the executable schema over store. Its cost model is
// CostLimit's, not gqlgen's complexity functions.
func NewSchema(store regnet.Store) graphql.ExecutableSchema {
	return generated.NewExecutableSchema(generated.Config{
		Resolvers: &Resolver{Store: store},
	})
}

// loaders returns the request's loaders. Outside a request set up by
// Middleware (a schema used without it) every call gets fresh loaders: the
// answers are the same, only the batching is lost.
func (r *Resolver) loaders(ctx context.Context) *Loaders {
	if l := For(ctx); l != nil {
		return l
	}
	return NewLoaders(ctx, r.Store, 0)
}

// findProvince resolves a province argument with regnet.FindProvince: a
// name, matched ignoring case and diacritics, or an id. An unknown province
// is NOT_FOUND.
func (r *Resolver) findProvince(ctx context.Context, arg string) (*regnet.Province, error) {
	ps, err := r.loaders(ctx).Provinces(ctx)
	if err != nil {
		return nil, err
	}
	return regnet.FindProvince(ps, arg)
}

// provinceName resolves an optional province argument to the name the store
// filters by; "" when the argument is absent.
func (r *Resolver) provinceName(ctx context.Context, arg *string) (string, error) {
	if arg == nil {
		return "", nil
	}
	p, err := r.findProvince(ctx, *arg)
	if err != nil {
		return "", err
	}
	return p.Name, nil
}

// provinceOf returns the province object for a name held by an agency or a
// document: the store's province, or one built from the name by the id
// convention when the store does not list it; nil for "" (national).
func (r *Resolver) provinceOf(ctx context.Context, name string) (*regnet.Province, error) {
	if name == "" {
		return nil, nil
	}
	ps, err := r.loaders(ctx).Provinces(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		if p.Name == name {
			return p, nil
		}
	}
	return &regnet.Province{ID: regnet.ProvinceID(name), Name: name}, nil
}

// agencies loads agencies by id, leaving out ids the store does not know.
func (r *Resolver) agencies(ctx context.Context, ids []string) ([]*regnet.Agency, error) {
	return loadAll(ctx, r.loaders(ctx).Agency, uniq(ids))
}

// sortedAgencies loads the agencies of ids, without repeats and without
// self, ordered by id: the agencies derived from an agency's duties.
func (r *Resolver) sortedAgencies(ctx context.Context, self string, ids []string) ([]*regnet.Agency, error) {
	ids = slices.DeleteFunc(uniq(ids), func(id string) bool { return id == self || id == "" })
	slices.Sort(ids)
	return r.agencies(ctx, ids)
}

// evidenceTag turns a domain evidence tag (role, reportsTo) into the name
// of the EvidenceTag enum (ROLE, REPORTS_TO).
func evidenceTag(tag string) string {
	var b strings.Builder
	for i, c := range tag {
		if unicode.IsUpper(c) && i > 0 {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToUpper(c))
	}
	return b.String()
}

// loadAll loads keys and leaves out those that load as nil.
func loadAll[V any](ctx context.Context, l *Loader[string, *V], keys []string) ([]*V, error) {
	if len(keys) == 0 {
		return []*V{}, nil
	}
	vs, err := l.LoadMany(ctx, keys)
	if err != nil {
		return nil, err
	}
	out := make([]*V, 0, len(vs))
	for _, v := range vs {
		if v != nil {
			out = append(out, v)
		}
	}
	return out, nil
}

// loadOne loads an optional reference: nil for an empty id.
func loadOne[V any](ctx context.Context, l *Loader[string, *V], key string) (*V, error) {
	if key == "" {
		return nil, nil
	}
	return l.Load(ctx, key)
}

// one turns an optional argument into a one-element filter list.
func one(s *string) []string {
	if s == nil {
		return nil
	}
	return []string{*s}
}

// val returns the argument or "" when absent.
func val(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// checkDate checks a full ISO date argument.
func checkDate(name string, s *string) (string, error) {
	if s == nil {
		return "", nil
	}
	if _, err := time.Parse(time.DateOnly, *s); err != nil {
		return "", invalid("%s must be a date as YYYY-MM-DD, not %q", name, *s)
	}
	return *s, nil
}

// checkDepth checks a maxDepth argument against regnet.MaxDepth; without
// one, def applies.
func checkDepth(d *int, def int) (int, error) {
	if d == nil {
		return def, nil
	}
	if err := regnet.CheckDepth(*d); err != nil {
		return 0, err
	}
	return *d, nil
}

func sortByID[T any](items []*T, id func(*T) string) []*T {
	out := slices.Clone(items)
	slices.SortStableFunc(out, func(a, b *T) int { return cmp.Compare(id(a), id(b)) })
	return out
}

package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/regnet/regnet"
)

// The loaders gather the keys of one level of a query for a short wait
// (DefaultBatchWait) before they ask the store, so a query nested four
// levels deep pays that wait four times. Where a resolver already holds
// the objects whose links its children will follow, it prefetches them:
// the next level's store calls start at once, and each level's results
// start the level below, as far as the query's selection goes. The number
// of store calls stays what it was; only the waits go.

// selection is the part of the query below the field being resolved.
type selection struct {
	set ast.SelectionSet
}

// selectionOf returns the selection below the current field.
func selectionOf(ctx context.Context) selection {
	if fc := graphql.GetFieldContext(ctx); fc != nil {
		return selection{set: fc.Field.Selections}
	}
	return selection{}
}

// sub returns the selection below path (field names, fragments looked
// through) and whether the query selects that path at all.
func (s selection) sub(path ...string) (selection, bool) {
	set := s.set
	for _, name := range path {
		var next ast.SelectionSet
		found := false
		collect(set, name, &next, &found, map[string]bool{})
		if !found {
			return selection{}, false
		}
		set = next
	}
	return selection{set: set}, true
}

// has reports whether the query selects path.
func (s selection) has(path ...string) bool {
	_, ok := s.sub(path...)
	return ok
}

// collect gathers the selections of the fields named name in set.
func collect(set ast.SelectionSet, name string, out *ast.SelectionSet, found *bool, seen map[string]bool) {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Name == name {
				*found = true
				*out = append(*out, s.SelectionSet...)
			}
		case *ast.InlineFragment:
			collect(s.SelectionSet, name, out, found, seen)
		case *ast.FragmentSpread:
			if s.Definition != nil && !seen[s.Name] {
				seen[s.Name] = true
				collect(s.Definition.SelectionSet, name, out, found, seen)
			}
		}
	}
}

// prefetchAgencies starts what sel asks of agencies: their duties, handoffs
// out and in, and parents.
func (l *Loaders) prefetchAgencies(ctx context.Context, as []*regnet.Agency, sel selection) {
	if len(as) == 0 {
		return
	}
	ids := make([]string, 0, len(as))
	var parents []string
	for _, a := range as {
		ids = append(ids, a.ID)
		if a.Parent != nil {
			parents = append(parents, *a.Parent)
		}
	}
	if l.primeAgencies(ctx, ids, parents, sel) {
		return
	}
	if sel.has("parent") {
		l.Agency.Prefetch(parents)
	}
	if duties, ok := sel.sub("duties"); ok {
		l.AgencyDuties.Prefetch(ids)
		go func() {
			lists, err := l.AgencyDuties.LoadMany(ctx, ids)
			if err == nil {
				l.prefetchDuties(ctx, flatten(lists), duties)
			}
		}()
	}
	if out, ok := sel.sub("handoffsOut"); ok {
		l.HandoffsFrom.Prefetch(ids)
		go func() {
			lists, err := l.HandoffsFrom.LoadMany(ctx, ids)
			if err == nil {
				l.prefetchHandoffs(ctx, flatten(lists), out)
			}
		}()
	}
	if in, ok := sel.sub("handoffsIn"); ok {
		l.HandoffsTo.Prefetch(ids)
		go func() {
			lists, err := l.HandoffsTo.LoadMany(ctx, ids)
			if err == nil {
				l.prefetchHandoffs(ctx, flatten(lists), in)
			}
		}()
	}
}

// prefetchDuties starts what sel asks of duties: their fields, areas,
// partners and provisions (with the provisions' documents).
func (l *Loaders) prefetchDuties(ctx context.Context, ds []*regnet.Duty, sel selection) {
	var fields, areas, partners, provisions []string
	for _, d := range ds {
		fields = append(fields, d.Fields...)
		areas = append(areas, d.Areas...)
		partners = append(partners, d.Partners...)
		if d.Provision != "" {
			provisions = append(provisions, d.Provision)
		}
	}
	if sel.has("fields") {
		l.Field.Prefetch(uniq(fields))
	}
	if sel.has("areas") {
		l.Area.Prefetch(uniq(areas))
	}
	if sel.has("partners") {
		l.Agency.Prefetch(uniq(partners))
	}
	if p, ok := sel.sub("provision"); ok {
		l.prefetchProvisions(ctx, uniq(provisions), p)
	}
}

// prefetchHandoffs starts what sel asks of handoff rules: the agencies
// they name, their areas and provisions (with the provisions' documents).
func (l *Loaders) prefetchHandoffs(ctx context.Context, hs []*regnet.Handoff, sel selection) {
	if l.primeHandoffs(ctx, hs, sel) {
		return
	}
	var agencies, areas, provisions []string
	for _, h := range hs {
		if sel.has("from") {
			agencies = append(agencies, h.From)
		}
		if sel.has("notifies") {
			agencies = append(agencies, h.Notifies...)
		}
		if sel.has("transfersTo") {
			agencies = append(agencies, h.TransfersTo...)
		}
		areas = append(append(areas, h.Leaving...), h.Entering...)
		if h.Provision != "" {
			provisions = append(provisions, h.Provision)
		}
	}
	l.Agency.Prefetch(uniq(agencies))
	if sel.has("leaving") || sel.has("entering") {
		l.Area.Prefetch(uniq(areas))
	}
	if p, ok := sel.sub("provision"); ok {
		l.prefetchProvisions(ctx, uniq(provisions), p)
	}
}

// prefetchProvisions starts loading provisions and, when sel asks for
// them, their documents as soon as the provisions are in.
func (l *Loaders) prefetchProvisions(ctx context.Context, ids []string, sel selection) {
	if len(ids) == 0 {
		return
	}
	l.Provision.Prefetch(ids)
	if !sel.has("document") {
		return
	}
	go func() {
		ps, err := l.Provision.LoadMany(ctx, ids)
		if err != nil {
			return
		}
		var docs []string
		for _, p := range ps {
			if p != nil {
				docs = append(docs, p.Document)
			}
		}
		l.Document.Prefetch(uniq(docs))
	}()
}

// flatten joins the lists a grouping loader returns.
func flatten[T any](lists [][]T) []T {
	var out []T
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

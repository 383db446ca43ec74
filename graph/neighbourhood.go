package graph

import (
	"context"

	"github.com/regnet/regnet"
)

// Where the store reads a neighbourhood in one round trip
// (regnet.NeighbourhoodReader), the resolvers that hold a page of agencies
// or a list of handoff rules ask it for everything their selection will
// follow — duties, rules, the agencies, provisions, documents, fields and
// areas those name — and prime the loaders with the answer. The resolvers
// below then find what they load already there: one statement instead of
// one per level. The answer stands for the very store calls the loaders
// would make, so the results are the same; what the selection asks beyond
// it (a partner's own duties, say) the loaders fetch as before.

// The keys the grouping loaders file objects under.
func dutyHolder(d *regnet.Duty) []string     { return []string{d.Agency} }
func handoffFrom(h *regnet.Handoff) []string { return []string{h.From} }
func handoffTo(h *regnet.Handoff) []string   { return concat(h.Notifies, h.TransfersTo) }

// primeAgencies reads, in one round trip, what sel asks of agencies ids
// (with parents, their parents' ids). It reports false, having done
// nothing, when the store cannot or the selection follows none of the
// agencies' duties and rules.
func (l *Loaders) primeAgencies(ctx context.Context, ids, parents []string, sel selection) bool {
	q, ok := agenciesQuery(ids, sel)
	if !ok {
		return false
	}
	if sel.has("parent") {
		q.Agencies = uniq(parents)
	}
	return l.primeNeighbourhood(ctx, q)
}

// primeAgency reads the agency id itself in the same round trip as what
// sel asks of it, before the agency is known: a single agency then costs
// one statement, not one for it and one for its neighbourhood. Its parent,
// known only from the agency, is left to the loaders.
func (l *Loaders) primeAgency(ctx context.Context, id string, sel selection) bool {
	q, ok := agenciesQuery([]string{id}, sel)
	if !ok {
		return false
	}
	q.Agencies = []string{id}
	return l.primeNeighbourhood(ctx, q)
}

// agenciesQuery asks for the duties and rules of agencies ids that sel
// follows; false when it follows none.
func agenciesQuery(ids []string, sel selection) (regnet.NeighbourhoodQuery, bool) {
	q := regnet.NeighbourhoodQuery{Skip: agencySkip(sel)}
	if sel.has("duties") {
		q.DutiesOf = ids
	}
	if sel.has("handoffsOut") {
		q.HandoffsFrom = ids
	}
	if sel.has("handoffsIn") {
		q.HandoffsTo = ids
	}
	return q, q.DutiesOf != nil || q.HandoffsFrom != nil || q.HandoffsTo != nil
}

// primeHandoffs reads, in one round trip, the records the rules hs name,
// when sel follows any of them.
func (l *Loaders) primeHandoffs(ctx context.Context, hs []*regnet.Handoff, sel selection) bool {
	if len(hs) == 0 || !sel.hasAny("from", "notifies", "transfersTo", "leaving", "entering", "provision") {
		return false
	}
	ids := make([]string, len(hs))
	for i, h := range hs {
		ids[i] = h.ID
	}
	return l.primeNeighbourhood(ctx, regnet.NeighbourhoodQuery{Handoffs: ids, Skip: handoffSkip(sel)})
}

// agencySkip is what a read of agencies' neighbourhood may leave out when
// node is the selection of each agency: the kinds of records that none of
// the links it follows from their duties and rules lead to.
func agencySkip(node selection) regnet.Skip {
	duties, _ := node.sub("duties")
	out, _ := node.sub("handoffsOut")
	in, _ := node.sub("handoffsIn")
	return bothSkip(dutySkip(duties), bothSkip(handoffSkip(out), handoffSkip(in)))
}

// dutySkip is what duties selected by sel do not lead to.
func dutySkip(sel selection) regnet.Skip {
	return regnet.Skip{
		Agencies:   !sel.hasAny("agency", "partners", "reportsTo"),
		Provisions: !sel.has("provision"),
		Documents:  !sel.has("provision", "document"),
		Fields:     !sel.has("fields"),
		Areas:      !sel.has("areas"),
	}
}

// handoffSkip is what handoff rules selected by sel do not lead to.
func handoffSkip(sel selection) regnet.Skip {
	return regnet.Skip{
		Agencies:   !sel.hasAny("from", "notifies", "transfersTo"),
		Provisions: !sel.has("provision"),
		Documents:  !sel.has("provision", "document"),
		Fields:     true,
		Areas:      !sel.hasAny("leaving", "entering"),
	}
}

// bothSkip skips what both a and b skip.
func bothSkip(a, b regnet.Skip) regnet.Skip {
	return regnet.Skip{
		Agencies:   a.Agencies && b.Agencies,
		Provisions: a.Provisions && b.Provisions,
		Documents:  a.Documents && b.Documents,
		Fields:     a.Fields && b.Fields,
		Areas:      a.Areas && b.Areas,
	}
}

// hasAny reports whether the query selects any of the fields named.
func (s selection) hasAny(names ...string) bool {
	for _, n := range names {
		if s.has(n) {
			return true
		}
	}
	return false
}

// primeNeighbourhood reads q and primes the loaders with the answer. It
// reports false when the store has no neighbourhoods or the read failed:
// the loaders then fetch as they would have, and report any error.
func (l *Loaders) primeNeighbourhood(ctx context.Context, q regnet.NeighbourhoodQuery) bool {
	_, ok := l.readNeighbourhood(ctx, q)
	return ok
}

// readNeighbourhood reads q, long texts the operation never reads left
// out, primes the loaders with the answer and returns it; nil and false
// when the store has no neighbourhoods or the read failed.
func (l *Loaders) readNeighbourhood(ctx context.Context, q regnet.NeighbourhoodQuery) (*regnet.Neighbourhood, bool) {
	nr, ok := l.store.(regnet.NeighbourhoodReader)
	if !ok {
		return nil, false
	}
	q.Omit = l.omitted(ctx)
	n, err := nr.Neighbourhood(ctx, q)
	if err != nil {
		return nil, false
	}
	dutiesOf, from, to := q.DutiesOf, q.HandoffsFrom, q.HandoffsTo
	if p := q.Page; p != nil {
		dutiesOf, from, to = when(p.Duties, n.PageIDs), when(p.Out, n.PageIDs), when(p.In, n.PageIDs)
		l.provOnce.Do(func() { l.provinces = n.Provinces })
		primeAll(l.Agency, n.Matching, func(a *regnet.Agency) string { return a.ID })
	}
	primeGroups(l.AgencyDuties, dutiesOf, n.Duties, dutyHolder)
	primeGroups(l.HandoffsFrom, from, n.HandoffsFrom, handoffFrom)
	primeGroups(l.HandoffsTo, to, n.HandoffsTo, handoffTo)
	primeAll(l.Duty, n.Duties, func(d *regnet.Duty) string { return d.ID })
	primeAll(l.Handoff, n.HandoffsFrom, func(h *regnet.Handoff) string { return h.ID })
	primeAll(l.Handoff, n.HandoffsTo, func(h *regnet.Handoff) string { return h.ID })
	primeAll(l.Agency, n.Agencies, func(a *regnet.Agency) string { return a.ID })
	primeAll(l.Provision, n.Provisions, func(p *regnet.Provision) string { return p.ID })
	primeAll(l.Document, n.Documents, func(d *regnet.Document) string { return d.ID })
	primeAll(l.Field, n.Fields, func(f *regnet.Field) string { return f.Code })
	primeAll(l.Area, n.Areas, func(a *regnet.Area) string { return a.Code })
	return n, true
}

// when returns ids if cond holds, nil otherwise.
func when(cond bool, ids []string) []string {
	if cond {
		return ids
	}
	return nil
}

// agencyPage reads, in one round trip, the agencies matching f (with the
// province given by its name in province, when not nil), the province
// list that checks that name, and the neighbourhood that node, the
// selection of each agency of the page (first after the cursor after),
// follows; it primes the loaders
// with all of it and returns the matching agencies, ordered by id, to cut
// the same page from. It reports false, having done nothing, when the
// store cannot, the read failed or the province was not given by its
// exact name (an id, or a name written otherwise): the caller then reads
// as the loaders do. An unknown province is the error it would get.
func (l *Loaders) agencyPage(ctx context.Context, f regnet.AgencyFilter, province *string, first *int, after *string, node selection) ([]*regnet.Agency, bool, error) {
	if _, ok := l.store.(regnet.NeighbourhoodReader); !ok {
		return nil, false, nil
	}
	size, err := pageSize(first)
	if err != nil {
		return nil, false, err
	}
	var from string
	if after != nil {
		if from, err = decodeCursor(*after); err != nil {
			return nil, false, err
		}
	}
	if province != nil {
		f.Province = *province
	}
	n, ok := l.readNeighbourhood(ctx, regnet.NeighbourhoodQuery{Skip: agencySkip(node), Page: &regnet.AgencyPage{
		Filter: f, After: from, First: size,
		Duties: node.has("duties"), Out: node.has("handoffsOut"), In: node.has("handoffsIn"), Parents: node.has("parent"),
	}})
	if !ok {
		return nil, false, nil
	}
	if province != nil {
		p, err := regnet.FindProvince(n.Provinces, *province)
		if err != nil {
			return nil, false, err
		}
		if p.Name != *province {
			return nil, false, nil
		}
	}
	return n.Matching, true, nil
}

func primeGroups[V any](l *Loader[string, []*V], keys []string, vs []*V, keysOf func(*V) []string) {
	for k, g := range group(keys, vs, keysOf) {
		l.Prime(k, g)
	}
}

func primeAll[V any](l *Loader[string, *V], vs []*V, key func(*V) string) {
	for _, v := range vs {
		l.Prime(key(v), v)
	}
}

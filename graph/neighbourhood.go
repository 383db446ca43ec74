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
	var q regnet.NeighbourhoodQuery
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
	return l.primeNeighbourhood(ctx, regnet.NeighbourhoodQuery{Handoffs: ids})
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
	nr, ok := l.store.(regnet.NeighbourhoodReader)
	if !ok {
		return false
	}
	n, err := nr.Neighbourhood(ctx, q)
	if err != nil {
		return false
	}
	primeGroups(l.AgencyDuties, q.DutiesOf, n.Duties, dutyHolder)
	primeGroups(l.HandoffsFrom, q.HandoffsFrom, n.HandoffsFrom, handoffFrom)
	primeGroups(l.HandoffsTo, q.HandoffsTo, n.HandoffsTo, handoffTo)
	primeAll(l.Duty, n.Duties, func(d *regnet.Duty) string { return d.ID })
	primeAll(l.Handoff, n.HandoffsFrom, func(h *regnet.Handoff) string { return h.ID })
	primeAll(l.Handoff, n.HandoffsTo, func(h *regnet.Handoff) string { return h.ID })
	primeAll(l.Agency, n.Agencies, func(a *regnet.Agency) string { return a.ID })
	primeAll(l.Provision, n.Provisions, func(p *regnet.Provision) string { return p.ID })
	primeAll(l.Document, n.Documents, func(d *regnet.Document) string { return d.ID })
	primeAll(l.Field, n.Fields, func(f *regnet.Field) string { return f.Code })
	primeAll(l.Area, n.Areas, func(a *regnet.Area) string { return a.Code })
	return true
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

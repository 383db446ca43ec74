package memory

import (
	"cmp"
	"context"
	"slices"

	"github.com/regnet/regnet"
)

// startsChain reports whether h matches the set fields of q that select a
// chain's first hops; Handoffs uses it for the same fields of its filter.
func (s *Store) startsChain(h *regnet.Handoff, q regnet.ChainQuery) bool {
	return is(q.From, h.From) &&
		is(q.Province, s.provisionProvince[h.Provision]) &&
		(q.Leaving == "" || slices.Contains(h.Leaving, q.Leaving)) &&
		(q.Entering == "" || slices.Contains(h.Entering, q.Entering))
}

// HandoffChain walks the handoff rules breadth first from the rules q
// selects, with regnet.WalkChain: each rule is taken once, at the depth it
// is first reached, which ends cycles; Via is the smallest id among the
// previous depth's initiators that lead to the rule, so that the answer
// does not depend on the order of the walk.
func (s *Store) HandoffChain(ctx context.Context, q regnet.ChainQuery) ([]*regnet.ChainHop, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if q.From == "" && q.Leaving == "" && q.Entering == "" {
		return nil, regnet.Errorf(regnet.EINVALID, "a handoff chain needs a start: an agency, or an area left or entered")
	}
	return regnet.WalkChain(ctx, s, q, regnet.ChainDepth(q.MaxDepth))
}

// link is one coordination link out of an agency.
type link struct {
	to, typ, via, provision string
}

// buildLinks derives the agency graph CoordinationPaths walks: handoffs one
// way (a rule binds its initiator, not the agencies it notifies),
// reporting lines from holder to recipient,
// partnerships and parent links both ways (either side can start the
// contact). Links to agencies the dataset does not hold are left out.
func (s *Store) buildLinks() {
	out := map[string]map[link]bool{}
	add := func(from string, l link) {
		if from == l.to || s.agencyByID[from] == nil || s.agencyByID[l.to] == nil {
			return
		}
		if out[from] == nil {
			out[from] = map[link]bool{}
		}
		out[from][l] = true
	}
	for _, h := range s.handoffs {
		for _, a := range slices.Concat(h.Notifies, h.TransfersTo) {
			add(h.From, link{to: a, typ: regnet.StepHandsOffTo, via: h.ID, provision: h.Provision})
		}
	}
	for _, d := range s.duties {
		for _, p := range d.Partners {
			add(d.Agency, link{to: p, typ: regnet.StepCoordinatesWith, via: d.ID, provision: d.Provision})
			add(p, link{to: d.Agency, typ: regnet.StepCoordinatesWith, via: d.ID, provision: d.Provision})
		}
		// A report goes one way: the holder answers to the recipient.
		for _, r := range d.ReportsTo {
			add(d.Agency, link{to: r.Agency, typ: regnet.StepReportsTo, via: d.ID, provision: d.Provision})
		}
	}
	for _, a := range s.agencies {
		if a.Parent != nil {
			add(a.ID, link{to: *a.Parent, typ: regnet.StepPartOf})
			add(*a.Parent, link{to: a.ID, typ: regnet.StepPartOf})
		}
	}
	s.links = make(map[string][]link, len(out))
	s.linkedFrom = map[string][]string{}
	for from, ls := range out {
		for l := range ls {
			s.links[from] = append(s.links[from], l)
			if !slices.Contains(s.linkedFrom[l.to], from) {
				s.linkedFrom[l.to] = append(s.linkedFrom[l.to], from)
			}
		}
		slices.SortFunc(s.links[from], func(a, b link) int {
			return cmp.Or(cmp.Compare(a.to, b.to), cmp.Compare(a.typ, b.typ), cmp.Compare(a.via, b.via))
		})
	}
	for _, froms := range s.linkedFrom {
		slices.Sort(froms)
	}
}

// CoordinationPaths returns the shortest paths from one agency to another.
// A breadth-first walk back from `to` gives every agency's distance to it;
// a walk forward from `from` then follows only links that bring it one step
// closer, in (to, type, via) order, so the first regnet.MaxPaths paths it finds are
// the first in the suite's order and the walk never enumerates more.
func (s *Store) CoordinationPaths(ctx context.Context, from, to string, maxDepth int) ([]*regnet.Path, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if from == "" || to == "" {
		return nil, regnet.Errorf(regnet.EINVALID, "a coordination path needs two agencies")
	}
	maxDepth = regnet.PathDepth(maxDepth)
	out := make([]*regnet.Path, 0)
	if from == to || s.agencyByID[from] == nil || s.agencyByID[to] == nil {
		return out, nil
	}

	dist := map[string]int{to: 0}
	frontier := []string{to}
	for d := 1; d <= maxDepth && len(frontier) > 0; d++ {
		var next []string
		for _, a := range frontier {
			for _, p := range s.linkedFrom[a] {
				if _, ok := dist[p]; !ok {
					dist[p] = d
					next = append(next, p)
				}
			}
		}
		if _, ok := dist[from]; ok {
			break
		}
		frontier = next
	}
	if _, ok := dist[from]; !ok {
		return out, nil
	}

	var steps []*regnet.PathStep
	var walk func(at string)
	walk = func(at string) {
		if at == to {
			p := &regnet.Path{Steps: make([]*regnet.PathStep, len(steps))}
			for i, st := range steps {
				c := *st
				p.Steps[i] = &c
			}
			out = append(out, p)
			return
		}
		for _, l := range s.links[at] {
			if d, ok := dist[l.to]; !ok || d != dist[at]-1 {
				continue
			}
			steps = append(steps, &regnet.PathStep{From: at, To: l.to, Type: l.typ, Via: l.via, Provision: l.provision})
			walk(l.to)
			steps = steps[:len(steps)-1]
			if len(out) == regnet.MaxPaths {
				return
			}
		}
	}
	walk(from)
	return out, nil
}

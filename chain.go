package regnet

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// HandoffLister is the part of a Store that WalkChain needs.
type HandoffLister interface {
	Handoffs(ctx context.Context, f HandoffFilter) ([]*Handoff, error)
}

// WalkChain answers a handoff chain query over any store, breadth first,
// asking s for the rules of one depth at a time. It is the reference for
// HandoffChain's contract (store/storetest): stores may use it, or answer
// the same in their own way.
//
// The first hops are the rules that match q's From, Province, Leaving and
// Entering. The hops at depth d+1 are the rules, not taken yet, initiated by
// an agency that a depth-d hop notifies or transfers to. Via is the smallest
// initiator id among the depth-d hops that lead to the rule.
//
// With Direction ChainSame the walk keeps the goods' direction of travel:
// each hop carries the areas its route has left (the Leaving areas of every
// rule from the first hop to it), and a rule for goods entering one of those
// areas is not taken from that hop. A chain that starts with goods leaving
// the customs zone therefore does not continue into the rules for goods
// entering it. A rule that more than one depth-d hop leads to is reached
// through the one with the smallest initiator id, then handoff id, among
// those it may be taken from; the route through that hop is its route.
// ChainAny (or an empty Direction) takes every rule reached.
func WalkChain(ctx context.Context, s HandoffLister, q ChainQuery, maxDepth int) ([]*ChainHop, error) {
	if q.Direction != "" && q.Direction != ChainSame && q.Direction != ChainAny {
		return nil, Errorf(EINVALID, "a handoff chain's direction is %s or %s, not %q", ChainSame, ChainAny, q.Direction)
	}
	f := HandoffFilter{Province: q.Province, Leaving: q.Leaving, Entering: q.Entering}
	if q.From != "" {
		f.From = []string{q.From}
	}
	starts, err := s.Handoffs(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("first hops of a handoff chain: %w", err)
	}

	// hop is a rule taken, with the areas its route has left.
	type hop struct {
		h    *Handoff
		via  string
		left []string
	}
	var level []hop
	seen := map[string]bool{}
	for _, h := range starts {
		if !seen[h.ID] {
			seen[h.ID] = true
			level = append(level, hop{h: h, left: h.Leaving})
		}
	}
	out := make([]*ChainHop, 0)
	for depth := 1; len(level) > 0; depth++ {
		slices.SortFunc(level, func(a, b hop) int { return cmp.Compare(a.h.ID, b.h.ID) })
		for _, st := range level {
			out = append(out, &ChainHop{Depth: depth, Handoff: st.h, Via: st.via})
		}
		if depth >= maxDepth {
			break
		}
		// reaching maps each agency the level hands to onto the hops that
		// hand to it.
		reaching := map[string][]int{}
		for i, st := range level {
			for _, a := range slices.Concat(st.h.Notifies, st.h.TransfersTo) {
				if !slices.Contains(reaching[a], i) {
					reaching[a] = append(reaching[a], i)
				}
			}
		}
		if len(reaching) == 0 {
			break
		}
		agencies := make([]string, 0, len(reaching))
		for a := range reaching {
			agencies = append(agencies, a)
		}
		slices.Sort(agencies)
		cands, err := s.Handoffs(ctx, HandoffFilter{From: agencies})
		if err != nil {
			return nil, fmt.Errorf("hops at depth %d of a handoff chain: %w", depth+1, err)
		}
		var next []hop
		for _, h := range cands {
			if seen[h.ID] {
				continue
			}
			best := -1
			for _, i := range reaching[h.From] {
				p := level[i]
				if q.Direction == ChainSame && shares(p.left, h.Entering) {
					continue
				}
				if best < 0 || cmp.Or(cmp.Compare(p.h.From, level[best].h.From), cmp.Compare(p.h.ID, level[best].h.ID)) < 0 {
					best = i
				}
			}
			if best < 0 {
				continue
			}
			seen[h.ID] = true
			p := level[best]
			left := slices.Clone(p.left)
			for _, a := range h.Leaving {
				if !slices.Contains(left, a) {
					left = append(left, a)
				}
			}
			next = append(next, hop{h: h, via: p.h.From, left: left})
		}
		level = next
	}
	return out, nil
}

// shares reports whether a and b have an element in common.
func shares(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

package regnet

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// CoordinationGraph is the agency graph coordination paths are searched
// over, built from a set of facts: handoffs one way (a rule binds its
// initiator, not the agencies it notifies), reporting lines from holder to
// recipient, partnerships and parent links both ways (either side can start
// the contact). It is built from facts rather than read from a store's own
// index so that a store and a TimeView (the facts in force on a day) search
// paths by the same rule.
type CoordinationGraph struct {
	// links holds each agency's outgoing links ordered by (to, type, via);
	// linkedFrom the agencies with a link into each agency, ordered by id.
	links      map[string][]PathStep
	linkedFrom map[string][]string
	agencies   map[string]bool
}

// NewCoordinationGraph builds the graph of the given agencies' links that
// duties and handoffs state, with the parent links of the agencies. Links to
// agencies not among agencies are left out.
func NewCoordinationGraph(agencies []*Agency, duties []*Duty, handoffs []*Handoff) *CoordinationGraph {
	g := &CoordinationGraph{agencies: make(map[string]bool, len(agencies))}
	for _, a := range agencies {
		g.agencies[a.ID] = true
	}
	out := map[string]map[PathStep]bool{}
	add := func(st PathStep) {
		if st.From == st.To || !g.agencies[st.From] || !g.agencies[st.To] {
			return
		}
		if out[st.From] == nil {
			out[st.From] = map[PathStep]bool{}
		}
		out[st.From][st] = true
	}
	for _, h := range handoffs {
		for _, a := range slices.Concat(h.Notifies, h.TransfersTo) {
			add(PathStep{From: h.From, To: a, Type: StepHandsOffTo, Via: h.ID, Provision: h.Provision})
		}
	}
	for _, d := range duties {
		for _, p := range d.Partners {
			add(PathStep{From: d.Agency, To: p, Type: StepCoordinatesWith, Via: d.ID, Provision: d.Provision})
			add(PathStep{From: p, To: d.Agency, Type: StepCoordinatesWith, Via: d.ID, Provision: d.Provision})
		}
		// A report goes one way: the holder answers to the recipient.
		for _, r := range d.ReportsTo {
			add(PathStep{From: d.Agency, To: r.Agency, Type: StepReportsTo, Via: d.ID, Provision: d.Provision})
		}
	}
	for _, a := range agencies {
		if a.Parent != nil {
			add(PathStep{From: a.ID, To: *a.Parent, Type: StepPartOf})
			add(PathStep{From: *a.Parent, To: a.ID, Type: StepPartOf})
		}
	}
	g.links = make(map[string][]PathStep, len(out))
	g.linkedFrom = map[string][]string{}
	for from, steps := range out {
		for st := range steps {
			g.links[from] = append(g.links[from], st)
			if !slices.Contains(g.linkedFrom[st.To], from) {
				g.linkedFrom[st.To] = append(g.linkedFrom[st.To], from)
			}
		}
		slices.SortFunc(g.links[from], func(a, b PathStep) int {
			return cmp.Or(cmp.Compare(a.To, b.To), cmp.Compare(a.Type, b.Type), cmp.Compare(a.Via, b.Via))
		})
	}
	for _, froms := range g.linkedFrom {
		slices.Sort(froms)
	}
	return g
}

// Paths returns the shortest paths from one agency to another, at most
// PathDepth(maxDepth) steps and at most MaxPaths of them; none when either
// agency is unknown or they are the same. A breadth-first walk back from to
// gives every agency's distance to it; a walk forward from from then
// follows only links that bring it one step closer, in (to, type, via)
// order, so the first MaxPaths paths it finds are the first in that order
// and the walk never enumerates more.
func (g *CoordinationGraph) Paths(from, to string, maxDepth int) []*Path {
	maxDepth = PathDepth(maxDepth)
	out := make([]*Path, 0)
	if from == to || !g.agencies[from] || !g.agencies[to] {
		return out
	}
	dist := map[string]int{to: 0}
	frontier := []string{to}
	for d := 1; d <= maxDepth && len(frontier) > 0; d++ {
		var next []string
		for _, a := range frontier {
			for _, p := range g.linkedFrom[a] {
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
		return out
	}
	var steps []PathStep
	var walk func(at string)
	walk = func(at string) {
		if at == to {
			p := &Path{Steps: make([]*PathStep, len(steps))}
			for i, st := range steps {
				p.Steps[i] = &st
			}
			out = append(out, p)
			return
		}
		for _, st := range g.links[at] {
			if d, ok := dist[st.To]; !ok || d != dist[at]-1 {
				continue
			}
			steps = append(steps, st)
			walk(st.To)
			steps = steps[:len(steps)-1]
			if len(out) == MaxPaths {
				return
			}
		}
	}
	walk(from)
	return out
}

// CheckPathEnds reports a path query without its two agencies as the
// caller's error.
func CheckPathEnds(from, to string) error {
	if from == "" || to == "" {
		return Errorf(EINVALID, "a coordination path needs two agencies")
	}
	return nil
}

// CoordinationPaths searches the paths over the links the documents in
// force state (and the parent links, which no document dates), so that a
// path never takes a step no longer, or not yet, in force.
func (v *TimeView) CoordinationPaths(ctx context.Context, from, to string, maxDepth int) ([]*Path, error) {
	if err := CheckPathEnds(from, to); err != nil {
		return nil, err
	}
	agencies, err := v.Agencies(ctx, AgencyFilter{})
	if err != nil {
		return nil, fmt.Errorf("agencies of the paths as of %s: %w", v.Date, err)
	}
	duties, err := v.Duties(ctx, DutyFilter{})
	if err != nil {
		return nil, fmt.Errorf("duties of the paths as of %s: %w", v.Date, err)
	}
	handoffs, err := v.Handoffs(ctx, HandoffFilter{})
	if err != nil {
		return nil, fmt.Errorf("handoffs of the paths as of %s: %w", v.Date, err)
	}
	return NewCoordinationGraph(agencies, duties, handoffs).Paths(from, to, maxDepth), nil
}

package regnet

import (
	"context"
	"slices"
	"sort"
)

// Network edge types beyond the path step types.
const EdgeSucceededBy = "SUCCEEDED_BY"

// BuildNetwork returns a province's agency network. On a TimeView (see
// AsOf) it is the network of the facts in force on the view's date: an
// agency none of them names (nor any agency it is the parent of) is left
// out, and InForce lists the province's documents in force, so that the
// answer says what it rests on.
func BuildNetwork(ctx context.Context, s Store, province string) (*Network, error) {
	agencies, duties, handoffs, err := provinceRules(ctx, s, province)
	if err != nil {
		return nil, err
	}
	n := &Network{Nodes: []*NetworkNode{}, Edges: []*NetworkEdge{}}
	for _, a := range agencies {
		n.Nodes = append(n.Nodes, &NetworkNode{ID: a.ID, Label: a.Name, Kind: a.Kind})
	}
	sort.Slice(n.Nodes, func(i, j int) bool { return n.Nodes[i].ID < n.Nodes[j].ID })
	seen := map[string]*NetworkEdge{}
	add := func(typ, source, target, label, via, provision string) {
		if agencies[source] == nil || agencies[target] == nil || source == target {
			return
		}
		id := typ + ":" + source + ">" + target
		if via != "" {
			id += "@" + via
		}
		e := seen[id]
		if e == nil {
			e = &NetworkEdge{ID: id, Source: source, Target: target, Type: typ, Label: label, Provisions: []string{}}
			seen[id] = e
			n.Edges = append(n.Edges, e)
		}
		if provision != "" && !slices.Contains(e.Provisions, provision) {
			e.Provisions = append(e.Provisions, provision)
		}
	}
	for _, h := range handoffs {
		for _, t := range h.Notifies {
			add(StepHandsOffTo, h.From, t, "thông báo", h.ID, h.Provision)
		}
		for _, t := range h.TransfersTo {
			add(StepHandsOffTo, h.From, t, "chuyển giao", h.ID, h.Provision)
		}
	}
	for _, d := range duties {
		for _, p := range d.Partners {
			add(StepCoordinatesWith, d.Agency, p, "phối hợp", "", d.Provision)
		}
		for _, r := range d.ReportsTo {
			add(StepReportsTo, d.Agency, r.Agency, "báo cáo", "", d.Provision)
		}
	}
	for _, a := range agencies {
		if a.Parent != nil {
			add(StepPartOf, a.ID, *a.Parent, "thuộc", "", "")
		}
		if a.Successor != nil {
			add(EdgeSucceededBy, a.ID, *a.Successor, "kế thừa bởi", "", "")
		}
	}
	sort.Slice(n.Edges, func(i, j int) bool { return n.Edges[i].ID < n.Edges[j].ID })
	if v, ok := s.(*TimeView); ok {
		n.InForce = v.DocumentsOf(province)
		n.keepNamed(agencies, duties, handoffs)
	}
	return n, nil
}

// keepNamed drops the nodes (and their edges) of agencies that no duty or
// handoff rule names, keeping the parents of those named so that a unit is
// still drawn inside its department.
func (n *Network) keepNamed(agencies map[string]*Agency, duties []*Duty, handoffs []*Handoff) {
	named := map[string]bool{}
	var mark func(id string, depth int)
	mark = func(id string, depth int) {
		a := agencies[id]
		if a == nil || named[id] || depth > len(agencies) {
			return
		}
		named[id] = true
		if a.Parent != nil {
			mark(*a.Parent, depth+1)
		}
	}
	for _, d := range duties {
		mark(d.Agency, 0)
		for _, p := range d.Partners {
			mark(p, 0)
		}
		for _, r := range d.ReportsTo {
			mark(r.Agency, 0)
		}
	}
	for _, h := range handoffs {
		for _, id := range slices.Concat([]string{h.From}, h.Notifies, h.TransfersTo) {
			mark(id, 0)
		}
	}
	n.Nodes = slices.DeleteFunc(n.Nodes, func(x *NetworkNode) bool { return !named[x.ID] })
	n.Edges = slices.DeleteFunc(n.Edges, func(e *NetworkEdge) bool { return !named[e.Source] || !named[e.Target] })
}

package regnet

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// province checks that a province is known and returns its facts' agencies.
func provinceAgencies(ctx context.Context, s Store, province string) (map[string]*Agency, error) {
	provinces, err := s.Provinces(ctx)
	if err != nil {
		return nil, err
	}
	known := false
	for _, p := range provinces {
		if p.Name == province {
			known = true
		}
	}
	if !known {
		return nil, Errorf(ENOTFOUND, "unknown province %q", province)
	}
	list, err := s.Agencies(ctx, AgencyFilter{Province: province})
	if err != nil {
		return nil, err
	}
	out := make(map[string]*Agency, len(list))
	for _, a := range list {
		out[a.ID] = a
	}
	return out, nil
}

// provisionsByID fetches provisions in one call.
func provisionsByID(ctx context.Context, s Store, ids []string) (map[string]*Provision, error) {
	out := map[string]*Provision{}
	if len(ids) == 0 {
		return out, nil
	}
	list, err := s.Provisions(ctx, ProvisionFilter{IDs: ids})
	if err != nil {
		return nil, err
	}
	for _, p := range list {
		out[p.ID] = p
	}
	return out, nil
}

// termsByCode fetches the ontology's fields and areas once.
func termsByCode(ctx context.Context, s Store) (map[string]*Field, map[string]*Area, error) {
	fl, err := s.Fields(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	al, err := s.Areas(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	fields, areas := map[string]*Field{}, map[string]*Area{}
	for _, f := range fl {
		fields[f.Code] = f
	}
	for _, a := range al {
		areas[a.Code] = a
	}
	return fields, areas, nil
}

func leadCoverage(ctx context.Context, s Store, province string) ([]*LeadCoverageRow, error) {
	agencies, err := provinceAgencies(ctx, s, province)
	if err != nil {
		return nil, err
	}
	duties, err := s.Duties(ctx, DutyFilter{Province: province})
	if err != nil {
		return nil, err
	}
	fields, areas, err := termsByCode(ctx, s)
	if err != nil {
		return nil, err
	}
	type key struct{ field, area string }
	rows := map[key]*LeadCoverageRow{}
	var provIDs []string
	for _, d := range duties {
		dutyAreas := d.Areas
		if len(dutyAreas) == 0 {
			dutyAreas = []string{""}
		}
		for _, f := range d.Fields {
			for _, a := range dutyAreas {
				k := key{f, a}
				row := rows[k]
				if row == nil {
					row = &LeadCoverageRow{Field: fields[f], Area: areas[a], Leads: []*Agency{}, Provisions: []*Provision{}, Duties: []*Duty{}}
					if row.Field == nil {
						row.Field = &Field{Code: f, Name: f}
					}
					rows[k] = row
				}
				if d.Role != RoleLead {
					continue
				}
				row.Duties = append(row.Duties, d)
				provIDs = append(provIDs, d.Provision)
				if ag := agencies[d.Agency]; ag != nil && !hasAgency(row.Leads, ag.ID) {
					row.Leads = append(row.Leads, ag)
				}
			}
		}
	}
	provs, err := provisionsByID(ctx, s, provIDs)
	if err != nil {
		return nil, err
	}
	out := make([]*LeadCoverageRow, 0, len(rows))
	for _, row := range rows {
		for _, d := range row.Duties {
			if p := provs[d.Provision]; p != nil && !hasProvision(row.Provisions, p.ID) {
				row.Provisions = append(row.Provisions, p)
			}
		}
		row.Gap = len(row.Leads) == 0
		row.Overlap = len(row.Leads) > 1
		out = append(out, row)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Field.Code != out[j].Field.Code {
			return out[i].Field.Code < out[j].Field.Code
		}
		return areaCode(out[i].Area) < areaCode(out[j].Area)
	})
	return out, nil
}

func areaCode(a *Area) string {
	if a == nil {
		return ""
	}
	return a.Code
}

func hasAgency(list []*Agency, id string) bool {
	for _, a := range list {
		if a.ID == id {
			return true
		}
	}
	return false
}

func hasProvision(list []*Provision, id string) bool {
	for _, p := range list {
		if p.ID == id {
			return true
		}
	}
	return false
}

// roleRank orders roles from strongest to weakest, for comparisons.
var roleRank = map[string]int{
	RoleLead: 0, RoleDirect: 1, RoleCoordinate: 2, RoleSupport: 3, RoleGuide: 4,
	RoleAdvise: 5, RolePropaganda: 6, RolePerform: 7,
}

// provinceFacts is what a comparison needs of one province.
type provinceFacts struct {
	agencies map[string]*Agency
	kinds    map[string]bool // kinds present: with a duty or a handoff
	handoffs map[string]*Handoff
	roles    map[[2]string]*Duty // (kind, field) -> duty with the strongest role
}

func readProvinceFacts(ctx context.Context, s Store, province string) (*provinceFacts, error) {
	agencies, err := provinceAgencies(ctx, s, province)
	if err != nil {
		return nil, err
	}
	duties, err := s.Duties(ctx, DutyFilter{Province: province})
	if err != nil {
		return nil, err
	}
	handoffs, err := s.Handoffs(ctx, HandoffFilter{Province: province})
	if err != nil {
		return nil, err
	}
	f := &provinceFacts{agencies: agencies, kinds: map[string]bool{}, handoffs: map[string]*Handoff{}, roles: map[[2]string]*Duty{}}
	kindOf := func(id string) string {
		if a := agencies[id]; a != nil {
			return a.Kind
		}
		return ""
	}
	for _, d := range duties {
		k := kindOf(d.Agency)
		if k == "" {
			continue
		}
		f.kinds[k] = true
		for _, field := range d.Fields {
			key := [2]string{k, field}
			if cur := f.roles[key]; cur == nil || roleRank[d.Role] < roleRank[cur.Role] ||
				(roleRank[d.Role] == roleRank[cur.Role] && d.Provision < cur.Provision) {
				f.roles[key] = d
			}
		}
	}
	for _, h := range handoffs {
		for _, id := range append(append([]string{h.From}, h.Notifies...), h.TransfersTo...) {
			if k := kindOf(id); k != "" {
				f.kinds[k] = true
			}
		}
		key := handoffKey(kindOf(h.From), h)
		if cur := f.handoffs[key]; cur == nil || h.ID < cur.ID {
			f.handoffs[key] = h
		}
	}
	return f, nil
}

// handoffKey identifies a handoff rule across provinces: who starts it and
// which areas it is about.
func handoffKey(kind string, h *Handoff) string {
	l := append([]string{}, h.Leaving...)
	e := append([]string{}, h.Entering...)
	sort.Strings(l)
	sort.Strings(e)
	return fmt.Sprintf("%s|%s|%s", kind, strings.Join(l, ","), strings.Join(e, ","))
}

func compareProvinces(ctx context.Context, s Store, a, b string) (*Comparison, error) {
	fa, err := readProvinceFacts(ctx, s, a)
	if err != nil {
		return nil, err
	}
	fb, err := readProvinceFacts(ctx, s, b)
	if err != nil {
		return nil, err
	}
	fields, _, err := termsByCode(ctx, s)
	if err != nil {
		return nil, err
	}
	c := &Comparison{A: a, B: b, AgencyKindsOnlyInA: onlyIn(fa.kinds, fb.kinds), AgencyKindsOnlyInB: onlyIn(fb.kinds, fa.kinds),
		HandoffsOnlyInA: []*Handoff{}, HandoffsOnlyInB: []*Handoff{}, RoleDifferences: []*RoleDifference{}}
	for key, h := range fa.handoffs {
		if fb.handoffs[key] == nil {
			c.HandoffsOnlyInA = append(c.HandoffsOnlyInA, h)
		}
	}
	for key, h := range fb.handoffs {
		if fa.handoffs[key] == nil {
			c.HandoffsOnlyInB = append(c.HandoffsOnlyInB, h)
		}
	}
	sortHandoffs(c.HandoffsOnlyInA)
	sortHandoffs(c.HandoffsOnlyInB)

	keys := map[[2]string]bool{}
	for k := range fa.roles {
		keys[k] = true
	}
	for k := range fb.roles {
		keys[k] = true
	}
	var provIDs []string
	for k := range keys {
		da, db := fa.roles[k], fb.roles[k]
		ra, rb := roleOf(da), roleOf(db)
		if ra == rb || (ra != RoleLead && rb != RoleLead) {
			continue // only differences where one side leads
		}
		field := fields[k[1]]
		if field == nil {
			field = &Field{Code: k[1], Name: k[1]}
		}
		rd := &RoleDifference{Kind: k[0], Field: field}
		if da != nil {
			rd.RoleInA = &da.Role
			provIDs = append(provIDs, da.Provision)
		}
		if db != nil {
			rd.RoleInB = &db.Role
			provIDs = append(provIDs, db.Provision)
		}
		c.RoleDifferences = append(c.RoleDifferences, rd)
	}
	provs, err := provisionsByID(ctx, s, provIDs)
	if err != nil {
		return nil, err
	}
	for _, rd := range c.RoleDifferences {
		key := [2]string{rd.Kind, rd.Field.Code}
		if d := fa.roles[key]; d != nil {
			rd.ProvisionA = provs[d.Provision]
		}
		if d := fb.roles[key]; d != nil {
			rd.ProvisionB = provs[d.Provision]
		}
	}
	sort.Slice(c.RoleDifferences, func(i, j int) bool {
		x, y := c.RoleDifferences[i], c.RoleDifferences[j]
		if x.Kind != y.Kind {
			return x.Kind < y.Kind
		}
		return x.Field.Code < y.Field.Code
	})
	return c, nil
}

func roleOf(d *Duty) string {
	if d == nil {
		return ""
	}
	return d.Role
}

func onlyIn(a, b map[string]bool) []string {
	out := []string{}
	for k := range a {
		if !b[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func sortHandoffs(list []*Handoff) {
	sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
}

// Network edge types beyond the path step types.
const EdgeSucceededBy = "SUCCEEDED_BY"

func buildNetwork(ctx context.Context, s Store, province string) (*Network, error) {
	agencies, err := provinceAgencies(ctx, s, province)
	if err != nil {
		return nil, err
	}
	duties, err := s.Duties(ctx, DutyFilter{Province: province})
	if err != nil {
		return nil, err
	}
	handoffs, err := s.Handoffs(ctx, HandoffFilter{Province: province})
	if err != nil {
		return nil, err
	}
	n := &Network{Nodes: []*NetworkNode{}, Edges: []*NetworkEdge{}}
	for _, a := range agencies {
		n.Nodes = append(n.Nodes, &NetworkNode{ID: a.ID, Label: a.Name, Kind: a.Kind})
	}
	sort.Slice(n.Nodes, func(i, j int) bool { return n.Nodes[i].ID < n.Nodes[j].ID })
	seen := map[string]bool{}
	add := func(typ, source, target, label, via string) {
		if agencies[source] == nil || agencies[target] == nil || source == target {
			return
		}
		id := typ + ":" + source + ">" + target
		if via != "" {
			id += "@" + via
		}
		if seen[id] {
			return
		}
		seen[id] = true
		n.Edges = append(n.Edges, &NetworkEdge{ID: id, Source: source, Target: target, Type: typ, Label: label})
	}
	for _, h := range handoffs {
		for _, t := range h.Notifies {
			add(StepHandsOffTo, h.From, t, "thông báo", h.ID)
		}
		for _, t := range h.TransfersTo {
			add(StepHandsOffTo, h.From, t, "chuyển giao", h.ID)
		}
	}
	for _, d := range duties {
		for _, p := range d.Partners {
			add(StepCoordinatesWith, d.Agency, p, "phối hợp", "")
		}
	}
	for _, a := range agencies {
		if a.Parent != nil {
			add(StepPartOf, a.ID, *a.Parent, "thuộc", "")
		}
		if a.Successor != nil {
			add(EdgeSucceededBy, a.ID, *a.Successor, "kế thừa bởi", "")
		}
	}
	sort.Slice(n.Edges, func(i, j int) bool { return n.Edges[i].ID < n.Edges[j].ID })
	return n, nil
}

func trackPlans(ctx context.Context, s Store, province, asOf string) (*PlanReport, error) {
	agencies, err := provinceAgencies(ctx, s, province)
	if err != nil {
		return nil, err
	}
	if len(asOf) != 10 {
		return nil, Errorf(EINVALID, "asOf must be an ISO date (YYYY-MM-DD), got %q", asOf)
	}
	actions, err := s.PlanActions(ctx, PlanActionFilter{Province: province})
	if err != nil {
		return nil, err
	}
	duties, err := s.Duties(ctx, DutyFilter{Province: province})
	if err != nil {
		return nil, err
	}
	r := &PlanReport{Province: province, AsOf: asOf, Overdue: []*PlanAction{}, DutiesWithoutActions: []*Agency{},
		LeadsWithoutDuties: []*Agency{}, Amending: []*PlanAction{}}
	// current maps a former agency to the one that took over its tasks, so
	// that a 2021 plan's "Cục Hải quan" counts for today's customs office.
	current := func(id string) string {
		for i := 0; i < 5; i++ {
			a := agencies[id]
			if a == nil || a.Successor == nil {
				break
			}
			id = *a.Successor
		}
		return id
	}
	inPlans, leads := map[string]bool{}, map[string]bool{}
	for _, a := range actions {
		if end := a.Deadline.End(); end != "" && end < asOf {
			r.Overdue = append(r.Overdue, a)
		}
		if len(a.Amends) > 0 {
			r.Amending = append(r.Amending, a)
		}
		for _, id := range a.Leads {
			inPlans[current(id)] = true
			leads[current(id)] = true
		}
		for _, id := range a.Coordinators {
			inPlans[current(id)] = true
		}
	}
	withDuties := map[string]bool{}
	for _, d := range duties {
		withDuties[current(d.Agency)] = true
	}
	for id := range withDuties {
		if !inPlans[id] && agencies[id] != nil {
			r.DutiesWithoutActions = append(r.DutiesWithoutActions, agencies[id])
		}
	}
	for id := range leads {
		if !withDuties[id] && agencies[id] != nil {
			r.LeadsWithoutDuties = append(r.LeadsWithoutDuties, agencies[id])
		}
	}
	byID := func(list []*Agency) {
		sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
	}
	byID(r.DutiesWithoutActions)
	byID(r.LeadsWithoutDuties)
	sort.Slice(r.Overdue, func(i, j int) bool {
		ei, ej := r.Overdue[i].Deadline.End(), r.Overdue[j].Deadline.End()
		if ei != ej {
			return ei < ej
		}
		return r.Overdue[i].ID < r.Overdue[j].ID
	})
	return r, nil
}

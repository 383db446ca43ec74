package regnet

import (
	"context"
	"sort"
	"time"
)

// TrackPlans returns the plan-tracking view of a province as of an ISO date:
// asOf is the day the overdue list is computed for. On a TimeView (see
// AsOf) only the plans and quy chế in force on the view's date are read,
// and InForce lists them; callers give the view's date as asOf, so that a
// report "as of" a day reads one day only.
func TrackPlans(ctx context.Context, s Store, province, asOf string) (*PlanReport, error) {
	if _, err := time.Parse(time.DateOnly, asOf); err != nil {
		return nil, Errorf(EINVALID, "asOf must be an ISO date (YYYY-MM-DD), got %q", asOf)
	}
	agencies, duties, err := provinceDuties(ctx, s, province)
	if err != nil {
		return nil, err
	}
	actions, err := s.PlanActions(ctx, PlanActionFilter{Province: province})
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
	dutyCounts, leadCounts := map[string]*AgencyCount{}, map[string]*AgencyCount{}
	tally := func(counts map[string]*AgencyCount, id, provision string) {
		c := counts[id]
		if c == nil {
			c = &AgencyCount{Agency: id, Provision: provision}
			counts[id] = c
		}
		c.Count++
	}
	for _, a := range actions {
		if end := a.Deadline.End(); end != "" && end < asOf {
			r.Overdue = append(r.Overdue, a)
		}
		if len(a.Amends) > 0 {
			r.Amending = append(r.Amending, a)
		}
		counted := map[string]bool{}
		for _, id := range a.Leads {
			inPlans[current(id)] = true
			leads[current(id)] = true
			if !counted[current(id)] {
				counted[current(id)] = true
				tally(leadCounts, current(id), a.Provision)
			}
		}
		for _, id := range a.Coordinators {
			inPlans[current(id)] = true
		}
	}
	withDuties := map[string]bool{}
	for _, d := range duties {
		withDuties[current(d.Agency)] = true
		tally(dutyCounts, current(d.Agency), d.Provision)
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
	for _, a := range r.DutiesWithoutActions {
		r.DutyCounts = append(r.DutyCounts, dutyCounts[a.ID])
	}
	for _, a := range r.LeadsWithoutDuties {
		r.LeadCounts = append(r.LeadCounts, leadCounts[a.ID])
	}
	if v, ok := s.(*TimeView); ok {
		r.InForce = v.DocumentsOf(province)
	}
	sort.Slice(r.Overdue, func(i, j int) bool {
		ei, ej := r.Overdue[i].Deadline.End(), r.Overdue[j].Deadline.End()
		if ei != ej {
			return ei < ej
		}
		return r.Overdue[i].ID < r.Overdue[j].ID
	})
	return r, nil
}

package regnet

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// A fact (a duty, a handoff rule, a plan action, a schedule, a target) holds
// while the document that states it is in force. AsOf narrows a Store to the
// facts of the documents in force on one day, so that every answer built on
// a Store (the agency's duties, handoff chains, the network, lead coverage,
// the province comparison, search) can be asked "as of" a date without each
// store or analysis learning about time: both stores answer the same
// contract, and the analyses run unchanged on the narrowed store.

// maxAsOfSearch bounds how many hits a search as of a date asks the store
// for before it drops those of documents not in force: enough for a full
// page after dropping, never an unbounded read.
const maxAsOfSearch = 500

// TimeView is a Store narrowed to the facts of the documents in force on
// Date (and of drafts, with IncludeDrafts). InForce lists those documents,
// named ones included (see NamedDocuments), ordered by id: what an answer
// as of Date rests on.
type TimeView struct {
	Store
	Date          string
	IncludeDrafts bool
	InForce       []*Document
	inForce       map[string]bool
}

// AsOf returns s narrowed to the facts of the documents in force on date, an
// ISO date (YYYY-MM-DD); drafts count as in force with includeDrafts. The
// documents are read once, when AsOf is called: validity depends on all of
// them (who replaces whom).
func AsOf(ctx context.Context, s Store, date string, includeDrafts bool) (*TimeView, error) {
	if _, err := time.Parse(time.DateOnly, date); err != nil {
		return nil, Errorf(EINVALID, "asOf must be an ISO date (YYYY-MM-DD), got %q", date)
	}
	docs, err := s.Documents(ctx, DocumentFilter{})
	if err != nil {
		return nil, fmt.Errorf("documents in force on %s: %w", date, err)
	}
	return NewTimeView(s, docs, date, includeDrafts)
}

// NewTimeView is AsOf with the loaded documents already read (docs: all of
// them), for a caller that holds them.
func NewTimeView(s Store, docs []*Document, date string, includeDrafts bool) (*TimeView, error) {
	if _, err := time.Parse(time.DateOnly, date); err != nil {
		return nil, Errorf(EINVALID, "asOf must be an ISO date (YYYY-MM-DD), got %q", date)
	}
	in := SelectDocuments(docs, DocumentFilter{InForceOn: date, IncludeDrafts: includeDrafts, IncludeNamed: true})
	v := &TimeView{Store: s, Date: date, IncludeDrafts: includeDrafts, InForce: in, inForce: make(map[string]bool, len(in))}
	for _, d := range in {
		v.inForce[d.ID] = true
	}
	return v, nil
}

// Holds reports whether the document with id doc is in force in the view.
func (v *TimeView) Holds(doc string) bool { return v.inForce[doc] }

// DocumentsOf returns the view's documents of the given provinces (by name),
// the ones a province's answer rests on.
func (v *TimeView) DocumentsOf(provinces ...string) []*Document {
	out := []*Document{}
	for _, d := range v.InForce {
		if slices.Contains(provinces, d.Province) {
			out = append(out, d)
		}
	}
	return out
}

// keep returns the items of list whose document the view holds.
func keep[T any](v *TimeView, list []T, doc func(T) string) []T {
	out := make([]T, 0, len(list))
	for _, x := range list {
		if v.inForce[doc(x)] {
			out = append(out, x)
		}
	}
	return out
}

// KeepDuties returns the duties of list stated by a document in force.
func (v *TimeView) KeepDuties(list []*Duty) []*Duty {
	return keep(v, list, dutyDocument)
}

// KeepHandoffs returns the handoff rules of list stated by a document in force.
func (v *TimeView) KeepHandoffs(list []*Handoff) []*Handoff {
	return keep(v, list, handoffDocument)
}

// KeepPlanActions returns the plan actions of list whose plan is in force.
func (v *TimeView) KeepPlanActions(list []*PlanAction) []*PlanAction {
	return keep(v, list, func(a *PlanAction) string { return a.Document })
}

// kept returns what keep returns for a store's answer, or its error.
func kept[T any](v *TimeView, list []T, err error, doc func(T) string) ([]T, error) {
	if err != nil {
		return nil, err
	}
	return keep(v, list, doc), nil
}

func dutyDocument(d *Duty) string       { return DocumentOf(d.Provision) }
func handoffDocument(h *Handoff) string { return DocumentOf(h.Provision) }

// Duties lists the matching duties of the documents in force.
func (v *TimeView) Duties(ctx context.Context, f DutyFilter) ([]*Duty, error) {
	list, err := v.Store.Duties(ctx, f)
	return kept(v, list, err, dutyDocument)
}

// Handoffs lists the matching handoff rules of the documents in force.
func (v *TimeView) Handoffs(ctx context.Context, f HandoffFilter) ([]*Handoff, error) {
	list, err := v.Store.Handoffs(ctx, f)
	return kept(v, list, err, handoffDocument)
}

// PlanActions lists the matching actions of the plans in force.
func (v *TimeView) PlanActions(ctx context.Context, f PlanActionFilter) ([]*PlanAction, error) {
	list, err := v.Store.PlanActions(ctx, f)
	return kept(v, list, err, func(a *PlanAction) string { return a.Document })
}

// Targets lists the matching targets of the plans in force.
func (v *TimeView) Targets(ctx context.Context, f TargetFilter) ([]*Target, error) {
	list, err := v.Store.Targets(ctx, f)
	return kept(v, list, err, func(t *Target) string { return t.Document })
}

// Schedules lists the matching schedules set by documents in force.
func (v *TimeView) Schedules(ctx context.Context, f ScheduleFilter) ([]*Schedule, error) {
	list, err := v.Store.Schedules(ctx, f)
	return kept(v, list, err, func(s *Schedule) string { return DocumentOf(s.Provision) })
}

// HandoffChain walks the chain over the rules in force only (WalkChain on
// the view), so that a hop never passes through a rule no longer, or not
// yet, in force.
func (v *TimeView) HandoffChain(ctx context.Context, q ChainQuery) ([]*ChainHop, error) {
	return WalkChain(ctx, v, q, q.MaxDepth)
}

// Search finds what the store finds, less the duties, provisions and plan
// actions of documents not in force; agencies are kept. It asks the store
// for more hits than limit (at most maxAsOfSearch) so that dropping some
// still fills the page where it can.
func (v *TimeView) Search(ctx context.Context, text string, limit int) ([]*SearchHit, error) {
	hits, err := v.Store.Search(ctx, text, min(max(limit*4, limit), maxAsOfSearch))
	if err != nil {
		return nil, err
	}
	out := make([]*SearchHit, 0, min(len(hits), limit))
	for _, h := range hits {
		if len(out) == limit {
			break
		}
		if h.Type == HitAgency || v.inForce[DocumentOf(h.ID)] {
			out = append(out, h)
		}
	}
	return out, nil
}

// Package memory is a regnet.Store held in maps: the embedded default that
// `regnet serve` runs on without a database, and the fast store for tests.
//
// New copies the dataset and builds every index once; after that the store
// is only read, so it is safe for concurrent use without locks. Every method
// returns copies, so callers may change what they get.
//
// The semantics are those of the conformance suite (store/storetest). Where
// the suite leaves a choice to the store, this store takes these:
//   - Search matches whole tokens only. Vietnamese words are syllables of two
//     to four letters, so a query word is the prefix of dozens of unrelated
//     syllables ("la" of "lang", "lan", "lam"): prefix matching made "thuoc
//     la" (thuốc lá, tobacco) find "thuộc lĩnh vực". Whole tokens also let an
//     inverted index answer without scanning.
//   - Search scores an agency 1 + q and any other record q, q in (0, 1]. q is
//     the best of the record's fields, each scoring half the share of the
//     query words it holds and half the share of its tokens that are query
//     words, so that short names ("Cục Hải quan") rank above long texts that
//     merely mention them. Equal scores are ordered by type (agency, duty,
//     plan action, provision), then id.
package memory

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/regnet/regnet"
)

// Store is a regnet.Store over an in-memory dataset.
type Store struct {
	documents   []*regnet.Document
	provisions  []*regnet.Provision
	provinces   []*regnet.Province
	agencies    []*regnet.Agency
	duties      []*regnet.Duty
	handoffs    []*regnet.Handoff
	planActions []*regnet.PlanAction
	targets     []*regnet.Target
	schedules   []*regnet.Schedule
	fields      []*regnet.Field
	areas       []*regnet.Area

	documentByID   map[string]*regnet.Document
	provisionByID  map[string]*regnet.Provision
	agencyByID     map[string]*regnet.Agency
	dutyByID       map[string]*regnet.Duty
	handoffByID    map[string]*regnet.Handoff
	planActionByID map[string]*regnet.PlanAction
	targetByID     map[string]*regnet.Target
	scheduleByID   map[string]*regnet.Schedule
	fieldByCode    map[string]*regnet.Field
	areaByCode     map[string]*regnet.Area

	// provisionProvince maps a provision id to its document's province, the
	// province of the duties and handoffs it states.
	provisionProvince map[string]string
	// paths is the agency graph CoordinationPaths searches.
	paths *regnet.CoordinationGraph

	index    []entry          // search entries, one per agency, duty, provision, plan action
	postings map[string][]int // folded token -> indexes of the entries that hold it, ascending

	version int64 // see Version
}

var _ regnet.Store = (*Store)(nil)

// New returns a store holding a copy of ds.
func New(ds *regnet.Dataset) *Store {
	s := &Store{
		documents:   sortedCopies(ds.Documents, cloneDocument, func(x *regnet.Document) string { return x.ID }),
		provisions:  sortedCopies(ds.Provisions, cloneProvision, func(x *regnet.Provision) string { return x.ID }),
		provinces:   sortedCopies(ds.Provinces, clonePlain[regnet.Province], func(x *regnet.Province) string { return x.ID }),
		agencies:    sortedCopies(ds.Agencies, cloneAgency, func(x *regnet.Agency) string { return x.ID }),
		duties:      sortedCopies(ds.Duties, cloneDuty, func(x *regnet.Duty) string { return x.ID }),
		handoffs:    sortedCopies(ds.Handoffs, cloneHandoff, func(x *regnet.Handoff) string { return x.ID }),
		planActions: sortedCopies(ds.PlanActions, clonePlanAction, func(x *regnet.PlanAction) string { return x.ID }),
		targets:     sortedCopies(ds.Targets, cloneTarget, func(x *regnet.Target) string { return x.ID }),
		schedules:   sortedCopies(ds.Schedules, cloneSchedule, func(x *regnet.Schedule) string { return x.ID }),
		fields:      sortedCopies(ds.Fields, clonePlain[regnet.Field], func(x *regnet.Field) string { return x.Code }),
		areas:       sortedCopies(ds.Areas, clonePlain[regnet.Area], func(x *regnet.Area) string { return x.Code }),
	}
	s.documentByID = byKey(s.documents, func(x *regnet.Document) string { return x.ID })
	s.provisionByID = byKey(s.provisions, func(x *regnet.Provision) string { return x.ID })
	s.agencyByID = byKey(s.agencies, func(x *regnet.Agency) string { return x.ID })
	s.dutyByID = byKey(s.duties, func(x *regnet.Duty) string { return x.ID })
	s.handoffByID = byKey(s.handoffs, func(x *regnet.Handoff) string { return x.ID })
	s.planActionByID = byKey(s.planActions, func(x *regnet.PlanAction) string { return x.ID })
	s.targetByID = byKey(s.targets, func(x *regnet.Target) string { return x.ID })
	s.scheduleByID = byKey(s.schedules, func(x *regnet.Schedule) string { return x.ID })
	s.fieldByCode = byKey(s.fields, func(x *regnet.Field) string { return x.Code })
	s.areaByCode = byKey(s.areas, func(x *regnet.Area) string { return x.Code })

	s.provisionProvince = make(map[string]string, len(s.provisions))
	for _, p := range s.provisions {
		if d := s.documentByID[p.Document]; d != nil {
			s.provisionProvince[p.ID] = d.Province
		}
	}
	s.paths = regnet.NewCoordinationGraph(s.agencies, s.duties, s.handoffs)
	s.buildIndex()
	s.version = versions.Add(1)
	return s
}

// Ping reports that the store can answer; it always can.
func (s *Store) Ping(ctx context.Context) error { return ctx.Err() }

// Documents returns the documents that match f, by id.
func (s *Store) Documents(ctx context.Context, f regnet.DocumentFilter) ([]*regnet.Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if f.InForceOn != "" || f.IncludeNamed {
		// Validity depends on the other documents: select from all of them.
		all := pick(s.documents, nil, nil, cloneDocument, func(*regnet.Document) bool { return true })
		return regnet.SelectDocuments(all, f), nil
	}
	var numbers map[string]bool
	if f.Numbers != nil {
		numbers = map[string]bool{}
		for _, n := range f.Numbers {
			numbers[regnet.NumberKey(n)] = true
		}
	}
	return pick(s.documents, s.documentByID, f.IDs, cloneDocument, func(d *regnet.Document) bool {
		return (numbers == nil || d.Number != nil && numbers[regnet.NumberKey(*d.Number)]) &&
			is(f.Province, d.Province) && is(f.Kind, d.Kind) && is(f.Status, d.Status)
	}), nil
}

// Provisions returns the provisions that match f, by id.
func (s *Store) Provisions(ctx context.Context, f regnet.ProvisionFilter) ([]*regnet.Provision, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	docs := set(f.Documents)
	return pick(s.provisions, s.provisionByID, f.IDs, cloneProvision, func(p *regnet.Provision) bool {
		return in(docs, p.Document) && is(f.Part, p.Part)
	}), nil
}

// Provinces returns every province, by id.
func (s *Store) Provinces(ctx context.Context) ([]*regnet.Province, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return pick(s.provinces, nil, nil, clonePlain[regnet.Province], func(*regnet.Province) bool { return true }), nil
}

// Agencies returns the agencies that match f, by id.
func (s *Store) Agencies(ctx context.Context, f regnet.AgencyFilter) ([]*regnet.Agency, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	parents := set(f.Parents)
	return pick(s.agencies, s.agencyByID, f.IDs, cloneAgency, func(a *regnet.Agency) bool {
		return is(f.Province, a.Province) && is(f.Kind, a.Kind) && is(f.Level, a.Level) &&
			(parents == nil || a.Parent != nil && parents[*a.Parent])
	}), nil
}

// Duties returns the duties that match f, by id. A duty's province is the
// province of the document that states it.
func (s *Store) Duties(ctx context.Context, f regnet.DutyFilter) ([]*regnet.Duty, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	agencies, partners, reportsTo := set(f.Agencies), set(f.Partners), set(f.ReportsTo)
	return pick(s.duties, s.dutyByID, f.IDs, cloneDuty, func(d *regnet.Duty) bool {
		return in(agencies, d.Agency) && anyIn(partners, d.Partners) && anyIn(reportsTo, reportAgencies(d)) &&
			is(f.Province, s.provisionProvince[d.Provision]) && is(f.Role, d.Role) &&
			(f.Field == "" || slices.Contains(d.Fields, f.Field)) &&
			(f.Area == "" || slices.Contains(d.Areas, f.Area))
	}), nil
}

// Handoffs returns the handoff rules that match f, by id.
func (s *Store) Handoffs(ctx context.Context, f regnet.HandoffFilter) ([]*regnet.Handoff, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	from, to := set(f.From), set(f.To)
	return pick(s.handoffs, s.handoffByID, f.IDs, cloneHandoff, func(h *regnet.Handoff) bool {
		return in(from, h.From) && (anyIn(to, h.Notifies) || to != nil && anyIn(to, h.TransfersTo)) &&
			s.startsChain(h, regnet.ChainQuery{Province: f.Province, Leaving: f.Leaving, Entering: f.Entering})
	}), nil
}

// PlanActions returns the plan actions that match f, by id.
func (s *Store) PlanActions(ctx context.Context, f regnet.PlanActionFilter) ([]*regnet.PlanAction, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	docs, agencies, leads, amends := set(f.Documents), set(f.Agencies), set(f.Leads), set(f.Amends)
	return pick(s.planActions, s.planActionByID, f.IDs, clonePlanAction, func(a *regnet.PlanAction) bool {
		if !in(docs, a.Document) || !anyIn(leads, a.Leads) || !anyIn(amends, a.Amends) ||
			!is(f.DeadlineKind, a.Deadline.Kind) {
			return false
		}
		if agencies != nil && !anyIn(agencies, a.Leads) && !anyIn(agencies, a.Coordinators) {
			return false
		}
		if f.Province != "" {
			d := s.documentByID[a.Document]
			if d == nil || d.Province != f.Province {
				return false
			}
		}
		if f.DeadlineBefore != "" || f.DeadlineAfter != "" {
			end := a.Deadline.End()
			if end == "" ||
				f.DeadlineBefore != "" && end >= f.DeadlineBefore ||
				f.DeadlineAfter != "" && end <= f.DeadlineAfter {
				return false
			}
		}
		return true
	}), nil
}

// Targets returns the plan targets that match f, by id.
func (s *Store) Targets(ctx context.Context, f regnet.TargetFilter) ([]*regnet.Target, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	docs := set(f.Documents)
	return pick(s.targets, s.targetByID, f.IDs, cloneTarget, func(t *regnet.Target) bool {
		return in(docs, t.Document)
	}), nil
}

// Schedules returns the meetings, reviews and reports that match f, by id.
// A schedule's document and province are those of the provision that sets it.
func (s *Store) Schedules(ctx context.Context, f regnet.ScheduleFilter) ([]*regnet.Schedule, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	docs, agencies := set(f.Documents), set(f.Agencies)
	return pick(s.schedules, s.scheduleByID, f.IDs, cloneSchedule, func(x *regnet.Schedule) bool {
		p := s.provisionByID[x.Provision]
		if docs != nil && (p == nil || !docs[p.Document]) {
			return false
		}
		return is(f.Kind, x.Kind) && is(f.Province, s.provisionProvince[x.Provision]) &&
			(agencies == nil || anyIn(agencies, x.Agencies) || anyIn(agencies, x.To))
	}), nil
}

// reportAgencies returns the agencies d reports to.
func reportAgencies(d *regnet.Duty) []string {
	out := make([]string, len(d.ReportsTo))
	for i, r := range d.ReportsTo {
		out[i] = r.Agency
	}
	return out
}

// Fields returns the fields with the given codes (all when codes is empty), by code.
func (s *Store) Fields(ctx context.Context, codes []string) ([]*regnet.Field, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return pick(s.fields, s.fieldByCode, codes, clonePlain[regnet.Field], func(*regnet.Field) bool { return true }), nil
}

// Areas returns the areas with the given codes (all when codes is empty), by code.
func (s *Store) Areas(ctx context.Context, codes []string) ([]*regnet.Area, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return pick(s.areas, s.areaByCode, codes, clonePlain[regnet.Area], func(*regnet.Area) bool { return true }), nil
}

// keyed is what pick needs to order records: their id or code.
type keyed interface {
	regnet.Document | regnet.Provision | regnet.Province | regnet.Agency | regnet.Duty |
		regnet.Handoff | regnet.PlanAction | regnet.Target | regnet.Schedule | regnet.Field | regnet.Area
}

// pick returns copies of the records that keep accepts, in key order. With
// keys, only the records with those keys are considered, found through
// byKey so that a loader's batch of ids costs no scan.
func pick[T keyed](all []*T, byKey map[string]*T, keys []string, clone func(*T) *T, keep func(*T) bool) []*T {
	if len(keys) > 0 {
		cands := make([]*T, 0, len(keys))
		seen := make(map[*T]bool, len(keys))
		for _, k := range keys {
			if x := byKey[k]; x != nil && !seen[x] {
				seen[x] = true
				cands = append(cands, x)
			}
		}
		slices.SortFunc(cands, func(a, b *T) int { return strings.Compare(keyOf(a), keyOf(b)) })
		all = cands
	}
	out := make([]*T, 0)
	for _, x := range all {
		if keep(x) {
			out = append(out, clone(x))
		}
	}
	return out
}

func keyOf[T keyed](x *T) string {
	switch v := any(x).(type) {
	case *regnet.Document:
		return v.ID
	case *regnet.Provision:
		return v.ID
	case *regnet.Province:
		return v.ID
	case *regnet.Agency:
		return v.ID
	case *regnet.Duty:
		return v.ID
	case *regnet.Handoff:
		return v.ID
	case *regnet.PlanAction:
		return v.ID
	case *regnet.Target:
		return v.ID
	case *regnet.Schedule:
		return v.ID
	case *regnet.Field:
		return v.Code
	case *regnet.Area:
		return v.Code
	}
	panic("memory: no key for this type")
}

// set returns the members of xs as a set, or nil for an empty list, which
// filters read as "any".
func set(xs []string) map[string]bool {
	if len(xs) == 0 {
		return nil
	}
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// in reports whether x is in s; a nil s holds everything.
func in(s map[string]bool, x string) bool { return s == nil || s[x] }

// anyIn reports whether one of xs is in s; a nil s holds everything.
func anyIn(s map[string]bool, xs []string) bool {
	if s == nil {
		return true
	}
	for _, x := range xs {
		if s[x] {
			return true
		}
	}
	return false
}

// is reports whether a filter value, "" for any, accepts v.
func is(want, v string) bool { return want == "" || want == v }

func sortedCopies[T any](xs []T, clone func(*T) *T, key func(*T) string) []*T {
	out := make([]*T, len(xs))
	for i := range xs {
		out[i] = clone(&xs[i])
	}
	slices.SortStableFunc(out, func(a, b *T) int { return cmp.Compare(key(a), key(b)) })
	return out
}

func byKey[T any](xs []*T, key func(*T) string) map[string]*T {
	m := make(map[string]*T, len(xs))
	for _, x := range xs {
		m[key(x)] = x
	}
	return m
}

package graph

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/regnet/regnet"
)

// DefaultBatchWait is how long a loader waits for one more key before it
// asks the store: longer than the gaps between the goroutines gqlgen starts
// for a list's elements, short against a store round trip.
const DefaultBatchWait = 2 * time.Millisecond

// maxBatch bounds the ids sent to the store in one call.
const maxBatch = 500

// Loaders are the per-request loaders the resolvers read objects through.
// Each turns the lookups of one level of a nested query into one store call:
// agencies → duties → provision → document costs four calls (plus the
// province list) however many agencies the page holds.
type Loaders struct {
	Agency             *Loader[string, *regnet.Agency]
	AgencyChildren     *Loader[string, []*regnet.Agency]     // by parent id
	ProvinceAgencies   *Loader[string, []*regnet.Agency]     // by province name
	Document           *Loader[string, *regnet.Document]     // by id
	DocumentByNumber   *Loader[string, *regnet.Document]     // by number
	Provision          *Loader[string, *regnet.Provision]    // by id
	DocumentProvisions *Loader[string, []*regnet.Provision]  // by document id
	Duty               *Loader[string, *regnet.Duty]         // by id
	AgencyDuties       *Loader[string, []*regnet.Duty]       // by holding agency id
	PartnerDuties      *Loader[string, []*regnet.Duty]       // by partner agency id
	ReportingDuties    *Loader[string, []*regnet.Duty]       // by the agency their reporting lines go to
	Handoff            *Loader[string, *regnet.Handoff]      // by id
	HandoffsFrom       *Loader[string, []*regnet.Handoff]    // by initiating agency id
	HandoffsTo         *Loader[string, []*regnet.Handoff]    // by notified or receiving agency id
	PlanAction         *Loader[string, *regnet.PlanAction]   // by id
	AgencyPlanActions  *Loader[string, []*regnet.PlanAction] // by lead or coordinator id
	DocumentActions    *Loader[string, []*regnet.PlanAction] // by document id
	DocumentTargets    *Loader[string, []*regnet.Target]     // by document id
	DocumentSchedules  *Loader[string, []*regnet.Schedule]   // by document id
	Field              *Loader[string, *regnet.Field]        // by code
	Area               *Loader[string, *regnet.Area]         // by code

	store     regnet.Store
	ctx       context.Context
	provOnce  sync.Once
	provinces []*regnet.Province
	provErr   error
	docsOnce  sync.Once
	docs      []*regnet.Document
	docsErr   error
	omitOnce  sync.Once
	omit      regnet.Omit
}

// NewLoaders returns the loaders of one request over store. ctx is the
// request's context: the loaders' store calls run under it.
func NewLoaders(ctx context.Context, store regnet.Store, wait time.Duration) *Loaders {
	if wait <= 0 {
		wait = DefaultBatchWait
	}
	s := store
	l := &Loaders{store: s, ctx: ctx}

	l.Agency = byID(ctx, wait, func(a *regnet.Agency) string { return a.ID },
		func(ctx context.Context, ids []string) ([]*regnet.Agency, error) {
			return s.Agencies(ctx, regnet.AgencyFilter{IDs: ids})
		})
	l.AgencyChildren = groupBy(ctx, wait, func(a *regnet.Agency) []string { return deref(a.Parent) },
		func(ctx context.Context, ids []string) ([]*regnet.Agency, error) {
			return s.Agencies(ctx, regnet.AgencyFilter{Parents: ids})
		})
	// The store filters agencies by one province at a time: this loader
	// makes one call per province, bounded by the provinces in the request,
	// not by the agencies.
	l.ProvinceAgencies = NewLoader(ctx, wait, maxBatch, func(ctx context.Context, names []string) (map[string][]*regnet.Agency, error) {
		out := make(map[string][]*regnet.Agency, len(names))
		for _, n := range names {
			as, err := s.Agencies(ctx, regnet.AgencyFilter{Province: n})
			if err != nil {
				return nil, err
			}
			out[n] = as
		}
		return out, nil
	})
	documentID := func(d *regnet.Document) string { return d.ID }
	l.Document = byID(ctx, wait, documentID,
		func(ctx context.Context, ids []string) ([]*regnet.Document, error) {
			return loadedOrNamed(ctx, s, ids, documentID, func(keys []string) regnet.DocumentFilter {
				return regnet.DocumentFilter{IDs: keys}
			})
		})
	// Numbers are looked up by regnet.NumberKey: "1458/SCT- NL" as a
	// document writes it finds "1458/SCT-NL". Load with numberKeys.
	numberKey := func(d *regnet.Document) string {
		if d.Number == nil {
			return ""
		}
		return regnet.NumberKey(*d.Number)
	}
	l.DocumentByNumber = byID(ctx, wait, numberKey, func(ctx context.Context, numbers []string) ([]*regnet.Document, error) {
		return loadedOrNamed(ctx, s, numbers, numberKey, func(keys []string) regnet.DocumentFilter {
			return regnet.DocumentFilter{Numbers: keys}
		})
	})
	l.Provision = byID(ctx, wait, func(p *regnet.Provision) string { return p.ID },
		func(ctx context.Context, ids []string) ([]*regnet.Provision, error) {
			return s.Provisions(ctx, regnet.ProvisionFilter{IDs: ids})
		})
	l.DocumentProvisions = groupBy(ctx, wait, func(p *regnet.Provision) []string { return []string{p.Document} },
		func(ctx context.Context, ids []string) ([]*regnet.Provision, error) {
			return s.Provisions(ctx, regnet.ProvisionFilter{Documents: ids})
		})
	l.Duty = byID(ctx, wait, func(d *regnet.Duty) string { return d.ID },
		func(ctx context.Context, ids []string) ([]*regnet.Duty, error) {
			return s.Duties(ctx, regnet.DutyFilter{IDs: ids})
		})
	l.AgencyDuties = groupBy(ctx, wait, dutyHolder,
		func(ctx context.Context, ids []string) ([]*regnet.Duty, error) {
			return s.Duties(ctx, regnet.DutyFilter{Agencies: ids})
		})
	l.PartnerDuties = groupBy(ctx, wait, func(d *regnet.Duty) []string { return d.Partners },
		func(ctx context.Context, ids []string) ([]*regnet.Duty, error) {
			return s.Duties(ctx, regnet.DutyFilter{Partners: ids})
		})
	l.ReportingDuties = groupBy(ctx, wait, func(d *regnet.Duty) []string {
		out := make([]string, len(d.ReportsTo))
		for i, r := range d.ReportsTo {
			out[i] = r.Agency
		}
		return out
	}, func(ctx context.Context, ids []string) ([]*regnet.Duty, error) {
		return s.Duties(ctx, regnet.DutyFilter{ReportsTo: ids})
	})
	l.Handoff = byID(ctx, wait, func(h *regnet.Handoff) string { return h.ID },
		func(ctx context.Context, ids []string) ([]*regnet.Handoff, error) {
			return s.Handoffs(ctx, regnet.HandoffFilter{IDs: ids})
		})
	l.HandoffsFrom = groupBy(ctx, wait, handoffFrom,
		func(ctx context.Context, ids []string) ([]*regnet.Handoff, error) {
			return s.Handoffs(ctx, regnet.HandoffFilter{From: ids})
		})
	l.HandoffsTo = groupBy(ctx, wait, handoffTo,
		func(ctx context.Context, ids []string) ([]*regnet.Handoff, error) {
			return s.Handoffs(ctx, regnet.HandoffFilter{To: ids})
		})
	l.PlanAction = byID(ctx, wait, func(p *regnet.PlanAction) string { return p.ID },
		func(ctx context.Context, ids []string) ([]*regnet.PlanAction, error) {
			return s.PlanActions(ctx, regnet.PlanActionFilter{IDs: ids})
		})
	l.AgencyPlanActions = groupBy(ctx, wait, func(p *regnet.PlanAction) []string { return concat(p.Leads, p.Coordinators) },
		func(ctx context.Context, ids []string) ([]*regnet.PlanAction, error) {
			return s.PlanActions(ctx, regnet.PlanActionFilter{Agencies: ids})
		})
	l.DocumentActions = groupBy(ctx, wait, func(p *regnet.PlanAction) []string { return []string{p.Document} },
		func(ctx context.Context, ids []string) ([]*regnet.PlanAction, error) {
			return s.PlanActions(ctx, regnet.PlanActionFilter{Documents: ids})
		})
	l.DocumentTargets = groupBy(ctx, wait, func(t *regnet.Target) []string { return []string{t.Document} },
		func(ctx context.Context, ids []string) ([]*regnet.Target, error) {
			return s.Targets(ctx, regnet.TargetFilter{Documents: ids})
		})
	l.DocumentSchedules = groupBy(ctx, wait, func(x *regnet.Schedule) []string { return []string{regnet.DocumentOf(x.Provision)} },
		func(ctx context.Context, ids []string) ([]*regnet.Schedule, error) {
			return s.Schedules(ctx, regnet.ScheduleFilter{Documents: ids})
		})
	l.Field = byID(ctx, wait, func(f *regnet.Field) string { return f.Code }, s.Fields)
	l.Area = byID(ctx, wait, func(a *regnet.Area) string { return a.Code }, s.Areas)
	return l
}

// Provinces returns the store's provinces, asked for once per request: every
// province argument is checked against them.
func (l *Loaders) Provinces(ctx context.Context) ([]*regnet.Province, error) {
	l.provOnce.Do(func() {
		l.provinces, l.provErr = l.store.Provinces(l.ctx)
	})
	return l.provinces, l.provErr
}

// AllDocuments returns every loaded document, asked for once per request:
// a document's validity depends on the documents that replace it.
func (l *Loaders) AllDocuments(ctx context.Context) ([]*regnet.Document, error) {
	l.docsOnce.Do(func() {
		l.docs, l.docsErr = l.store.Documents(l.ctx, regnet.DocumentFilter{})
	})
	return l.docs, l.docsErr
}

type loadersKey struct{}

// WithLoaders returns a context carrying a fresh set of loaders over store.
func WithLoaders(ctx context.Context, store regnet.Store, wait time.Duration) context.Context {
	return context.WithValue(ctx, loadersKey{}, NewLoaders(ctx, store, wait))
}

// For returns the loaders of the request ctx belongs to, or nil outside one.
func For(ctx context.Context) *Loaders {
	l, _ := ctx.Value(loadersKey{}).(*Loaders)
	return l
}

// Middleware installs a fresh set of loaders in every request's context, so
// that caches never outlive a request. wait is how long loaders gather keys
// (DefaultBatchWait when zero).
func Middleware(store regnet.Store, wait time.Duration) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			next.ServeHTTP(w, r.WithContext(WithLoaders(r.Context(), store, wait)))
		})
	}
}

// byID returns a loader of single objects fetched by list over their keys.
func byID[V any](ctx context.Context, wait time.Duration, key func(*V) string, list func(context.Context, []string) ([]*V, error)) *Loader[string, *V] {
	return NewLoader(ctx, wait, maxBatch, func(ctx context.Context, keys []string) (map[string]*V, error) {
		vs, err := list(ctx, keys)
		if err != nil {
			return nil, err
		}
		out := make(map[string]*V, len(vs))
		for _, v := range vs {
			out[key(v)] = v
		}
		return out, nil
	})
}

// groupBy returns a loader of the objects related to each key: list fetches
// those of every key in the batch, keysOf tells which keys an object belongs
// to. The groups keep list's order (by id).
func groupBy[V any](ctx context.Context, wait time.Duration, keysOf func(*V) []string, list func(context.Context, []string) ([]*V, error)) *Loader[string, []*V] {
	return NewLoader(ctx, wait, maxBatch, func(ctx context.Context, keys []string) (map[string][]*V, error) {
		vs, err := list(ctx, keys)
		if err != nil {
			return nil, err
		}
		return group(keys, vs, keysOf), nil
	})
}

// group returns the objects of vs that belong to each key, in vs's order;
// a key with none has an empty list.
func group[V any](keys []string, vs []*V, keysOf func(*V) []string) map[string][]*V {
	out := make(map[string][]*V, len(keys))
	for _, k := range keys {
		out[k] = []*V{}
	}
	for _, v := range vs {
		for _, k := range uniq(keysOf(v)) {
			if g, ok := out[k]; ok {
				out[k] = append(g, v)
			}
		}
	}
	return out
}

func deref(s *string) []string {
	if s == nil {
		return nil
	}
	return []string{*s}
}

func concat(a, b []string) []string {
	return append(slices.Clip(a), b...)
}

// uniq returns ss without repeats, keeping the first of each.
func uniq(ss []string) []string {
	if len(ss) < 2 {
		return ss
	}
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// loadedOrNamed lists the loaded documents filter(keys) selects and, for
// the keys none of them has, the named documents (replaced or cited, text
// not loaded; see regnet.NamedDocuments), so that a document a loaded one
// replaces or is based on is reachable by its id or number like any other.
// The named ones are asked for only when a key is missing: deriving them
// reads every document.
func loadedOrNamed(ctx context.Context, s regnet.Store, keys []string, key func(*regnet.Document) string, filter func([]string) regnet.DocumentFilter) ([]*regnet.Document, error) {
	docs, err := s.Documents(ctx, filter(keys))
	if err != nil {
		return nil, err
	}
	found := make(map[string]bool, len(docs))
	for _, d := range docs {
		found[key(d)] = true
	}
	var missing []string
	for _, k := range keys {
		if !found[k] {
			missing = append(missing, k)
		}
	}
	if len(missing) == 0 {
		return docs, nil
	}
	f := filter(missing)
	f.IncludeNamed = true
	named, err := s.Documents(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("named documents: %w", err)
	}
	return append(docs, named...), nil
}

// numberKeys returns the keys DocumentByNumber loads numbers by.
func numberKeys(numbers []string) []string {
	out := make([]string, 0, len(numbers))
	for _, n := range numbers {
		out = append(out, regnet.NumberKey(n))
	}
	return uniq(out)
}

package e2e_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/server/servertest"
)

// The tests' own queries, for what the client files do not ask.
const (
	// planReportQuery asks what is overdue at the start of March 2026 and
	// which actions amend a document.
	planReportQuery = `query PlanReportLangSon {
  planReport(province: "Lạng Sơn", asOf: "2026-03-01") {
    province
    asOf
    overdue { id text deadline { raw kind date precision end } leads { kind } coordinators { kind } }
    dutiesWithoutActions { id name }
    leadsWithoutDuties { id name }
    amending { id text amends { id number kind } amendsNumbers }
  }
}`

	// amendingQuery asks for the plan actions that amend a document, with
	// the document itself.
	amendingQuery = `query AmendingActions($number: String!) {
  planActions(filter: { province: "Lạng Sơn", amends: $number }, first: 20) {
    totalCount
    edges {
      node {
        id
        text
        deadline { raw kind date precision }
        leads { kind name }
        amends { id number kind }
        amendsNumbers
        document { id number status period }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`

	// networkLangSonQuery is network.graphql for Lạng Sơn.
	networkLangSonQuery = `query NetworkLangSon {
  network(province: "Lạng Sơn") {
    nodes { id label kind }
    edges { id source target type label provisions { path document { number } } }
  }
}`
)

// TestPlanReport checks Lạng Sơn's plan report as of 2026-03-01: the
// actions due in February 2026 are overdue, the overdue list is the one the
// deadline filter gives, and the action amending quy chế 83/2025 is listed
// with that document.
func TestPlanReport(t *testing.T) {
	due := goldPlan(t, dueFebruary2026)
	amends := goldPlan(t, amending)
	filterQuery := readQuery(t, "plan_actions.graphql")
	forEachStore(t, func(t *testing.T, srv *servertest.Server, _ regnet.Store) {
		var got struct {
			PlanReport planReport `json:"planReport"`
		}
		run(t, srv, planReportQuery, nil, &got)
		r := got.PlanReport
		if r.Province != langSon || r.AsOf != "2026-03-01" {
			t.Errorf("report for %q as of %q", r.Province, r.AsOf)
		}
		for _, a := range r.Overdue {
			if a.Deadline.Kind != regnet.DeadlineDate || a.Deadline.End == nil || *a.Deadline.End >= r.AsOf {
				t.Errorf("overdue action %s: deadline %s ends %s, not before %s", a.ID, a.Deadline.Kind, str(a.Deadline.End), r.AsOf)
			}
		}
		checkPlanRows(t, r.Overdue, due)

		// "Overdue" and the filter deadlineBefore share one rule: the
		// deadline's last day is before the day.
		var filtered struct {
			PlanActions planActionConnection `json:"planActions"`
		}
		run(t, srv, filterQuery, nil, &filtered)
		var want, have []string
		for _, a := range filtered.PlanActions.nodes(t) {
			want = append(want, a.ID)
		}
		for _, a := range r.Overdue {
			have = append(have, a.ID)
		}
		slices.Sort(have)
		slices.Sort(want)
		if !slices.Equal(have, want) {
			t.Errorf("overdue %v, but the actions due before 2026-03-01 are %v", have, want)
		}

		for _, row := range amends {
			i := slices.IndexFunc(r.Amending, func(a planAction) bool { return startsWith(a.Text, row.Text) })
			if i < 0 {
				t.Errorf("amending actions lack %q", row.Text)
				continue
			}
			checkAmends(t, r.Amending[i], row.Amends)
		}
		for _, a := range r.Amending {
			if len(a.AmendsNumbers) == 0 {
				t.Errorf("action %s listed as amending amends nothing", a.ID)
			}
		}
		for _, a := range r.DutiesWithoutActions {
			if slices.ContainsFunc(r.LeadsWithoutDuties, func(b agency) bool { return b.ID == a.ID }) {
				t.Errorf("agency %s both has duties without actions and leads without duties", a.ID)
			}
		}
	})
}

// TestAmendingAction checks the 2026-2030 plan's action that amends quy chế
// 83/2025: found by the amends filter, led as the gold file says, and linked
// to the quy chế itself, which the store holds.
func TestAmendingAction(t *testing.T) {
	for _, row := range goldPlan(t, amending) {
		t.Run(row.Amends, func(t *testing.T) {
			forEachStore(t, func(t *testing.T, srv *servertest.Server, _ regnet.Store) {
				var got struct {
					PlanActions planActionConnection `json:"planActions"`
				}
				run(t, srv, amendingQuery, map[string]any{"number": row.Amends}, &got)
				actions := got.PlanActions.nodes(t)
				for _, a := range actions {
					if !slices.Contains(a.AmendsNumbers, row.Amends) {
						t.Errorf("action %s amends %v, not %s", a.ID, a.AmendsNumbers, row.Amends)
					}
				}
				i := slices.IndexFunc(actions, func(a planAction) bool { return startsWith(a.Text, row.Text) })
				if i < 0 {
					t.Fatalf("no action %q among the %d amending %s", row.Text, len(actions), row.Amends)
				}
				a := actions[i]
				checkAmends(t, a, row.Amends)
				if got := kinds(a.Leads); !sameSet(got, row.leads()) {
					t.Errorf("leads %v, want %v", got, row.leads())
				}
				if a.Deadline.Kind != regnet.DeadlineDate || str(a.Deadline.Date) != `"`+row.Deadline+`"` {
					t.Errorf("deadline %s %s, want DATE %s", a.Deadline.Kind, str(a.Deadline.Date), row.Deadline)
				}
				// documents: the 2026-2030 plan covers 2026 to 2030.
				if d := a.Document; d == nil || !slices.Equal(d.Period, []int{2026, 2030}) {
					t.Errorf("plan %+v, want the 2026-2030 plan", d)
				}
			})
		})
	}
}

// checkAmends checks that action a amends the document numbered number and
// that the link reaches that document in the store, a quy chế (documents:
// 83/2025/QĐ-UBND is a QUY_CHE).
func checkAmends(t *testing.T, a planAction, number string) {
	t.Helper()
	if !slices.Contains(a.AmendsNumbers, number) {
		t.Errorf("action %s amends numbers %v, want %s", a.ID, a.AmendsNumbers, number)
	}
	if !slices.ContainsFunc(a.Amends, func(d document) bool {
		return d.Number != nil && *d.Number == number && d.ID != "" && d.Kind == regnet.KindQuyChe
	}) {
		t.Errorf("action %s links to %+v, not to document %s (a quy chế)", a.ID, a.Amends, number)
	}
}

// TestNetworkLangSon checks Lạng Sơn's network, which network.graphql (for
// Điện Biên) does not ask for, with the same checks.
func TestNetworkLangSon(t *testing.T) {
	forEachStore(t, func(t *testing.T, srv *servertest.Server, st regnet.Store) {
		var got struct {
			Network network `json:"network"`
		}
		run(t, srv, networkLangSonQuery, nil, &got)
		checkNetwork(t, got.Network, st, langSon, langSonHandoffs["CUSTOMS"])
		// Every handoff and coordination edge says where it is written;
		// the customs rule's edges cite its provision.
		customs := langSonHandoffs["CUSTOMS"]
		cited := 0
		for _, e := range got.Network.Edges {
			if (e.Type == "HANDS_OFF_TO" || e.Type == "COORDINATES_WITH") && len(e.Provisions) == 0 {
				t.Errorf("edge %s has no provision", e.ID)
			}
			for _, p := range e.Provisions {
				if e.Type == "HANDS_OFF_TO" && p.Path == customs.provision && p.Document.Number == qc83 {
					cited++
				}
			}
		}
		if cited < len(customs.notifies) {
			t.Errorf("%d HANDS_OFF_TO edges cite %s of %s, want at least %d", cited, customs.provision, qc83, len(customs.notifies))
		}
	})
}

// TestSameAnswers sends every query to both stores' servers and requires
// the same answer, normalised where the store contract leaves a choice to
// each store (see normalise). Both stores hold the same dataset, so any
// other difference is a bug in one of them.
func TestSameAnswers(t *testing.T) {
	type request struct {
		name, query string
		vars        map[string]any
	}
	var requests []request
	for _, c := range contract {
		requests = append(requests, request{c.file, readQuery(t, c.file), c.vars})
	}
	requests = append(requests,
		request{"planReport", planReportQuery, nil},
		request{"amending", amendingQuery, map[string]any{"number": qc83}},
		request{"networkLangSon", networkLangSonQuery, nil},
		request{"statements", statementsQuery, nil},
	)

	var servers []*servertest.Server
	var names []string
	for _, st := range stores(t) {
		servers = append(servers, serve(t, st))
		names = append(names, st.name)
	}
	for _, req := range requests {
		t.Run(req.name, func(t *testing.T) {
			var answers []any
			for i, srv := range servers {
				a := normalise(t, req.name, srv.MustQuery(t, req.query, req.vars).Data)
				if !hasValue(a) {
					t.Fatalf("%s answers %s: nothing to compare", names[i], compact(a))
				}
				answers = append(answers, a)
			}
			for i := 1; i < len(answers); i++ {
				if d := firstDiff(answers[0], answers[i], "data"); d != "" {
					t.Errorf("%s and %s answer differently; first difference at %s", names[0], names[i], d)
				}
			}
		})
	}
}

// normalise decodes an answer for comparison. Search is the one answer the
// store contract (store/storetest, "Search") does not fix: scores, the
// order beyond "agencies first", titles and snippets of other hits, and
// prefix matching are each store's own, so a search answer keeps only its
// agency hits (type, id and title, which is the agency's name), by id.
func normalise(t *testing.T, name string, data json.RawMessage) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
	if name != "search.graphql" {
		return v
	}
	var got struct {
		Search []searchHit `json:"search"`
	}
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
	var agencies []any
	for _, h := range got.Search {
		if h.Type == regnet.HitAgency {
			agencies = append(agencies, map[string]any{"type": h.Type, "id": h.ID, "title": h.Title})
		}
	}
	sort.Slice(agencies, func(i, j int) bool {
		return agencies[i].(map[string]any)["id"].(string) < agencies[j].(map[string]any)["id"].(string)
	})
	return map[string]any{"searchAgencies": agencies}
}

// firstDiff returns where two decoded JSON values first differ, with both
// sides, or "" when they are equal.
func firstDiff(a, b any, path string) string {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			break
		}
		keys := make([]string, 0, len(x)+len(y))
		for k := range x {
			keys = append(keys, k)
		}
		for k := range y {
			if _, ok := x[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			if d := firstDiff(x[k], y[k], path+"."+k); d != "" {
				return d
			}
		}
		return ""
	case []any:
		y, ok := b.([]any)
		if !ok {
			break
		}
		for i := range min(len(x), len(y)) {
			if d := firstDiff(x[i], y[i], fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
		if len(x) != len(y) {
			return fmt.Sprintf("%s: %d elements against %d", path, len(x), len(y))
		}
		return ""
	}
	if reflect.DeepEqual(a, b) {
		return ""
	}
	return fmt.Sprintf("%s: %s against %s", path, compact(a), compact(b))
}

// hasValue reports whether a decoded JSON value holds at least one scalar
// that is not null, so that two answers emptied alike do not pass as equal.
func hasValue(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case map[string]any:
		for _, e := range x {
			if hasValue(e) {
				return true
			}
		}
		return false
	case []any:
		return slices.ContainsFunc(x, hasValue)
	}
	return true
}

// compact shows a decoded value as short JSON.
func compact(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if len(b) > 300 {
		return string(b[:300]) + "…"
	}
	return string(b)
}

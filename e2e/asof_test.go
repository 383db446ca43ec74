package e2e_test

import (
	"slices"
	"testing"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/server/servertest"
)

// asOfQuery asks for Lạng Sơn's facts as of a day (every fact without one):
// the duties, the network with the documents it rests on, a handoff chain,
// the lead coverage and a search.
const asOfQuery = `query AsOf($on: Date, $drafts: Boolean) {
  duties(filter: { province: "Lạng Sơn", asOf: $on, includeDrafts: $drafts }, first: 100) {
    edges { node { id provision { document { id } } } }
  }
  network(province: "Lạng Sơn", asOf: $on, includeDrafts: $drafts) {
    nodes { id }
    edges { id provisions { id } }
    inForce { number named status }
  }
  handoffChain(province: "Lạng Sơn", leaving: CUSTOMS_ZONE, maxDepth: 2, asOf: $on, includeDrafts: $drafts) {
    handoff { id }
  }
  leadCoverage(province: "Lạng Sơn", asOf: $on, includeDrafts: $drafts) { duties { id } }
  search(text: "hai quan", first: 50, asOf: $on, includeDrafts: $drafts) { type id }
  agencies(filter: { province: "Lạng Sơn" }, first: 100) {
    edges { node { id
      duties(asOf: $on, includeDrafts: $drafts) { id }
      planActions(asOf: $on, includeDrafts: $drafts) { id document { id } } } }
  }
}`

type asOfAnswer struct {
	Duties struct {
		Edges []struct {
			Node struct {
				ID        string `json:"id"`
				Provision struct {
					Document struct{ ID string } `json:"document"`
				} `json:"provision"`
			} `json:"node"`
		} `json:"edges"`
	} `json:"duties"`
	Network struct {
		Nodes []struct{ ID string } `json:"nodes"`
		Edges []struct {
			ID         string                `json:"id"`
			Provisions []struct{ ID string } `json:"provisions"`
		} `json:"edges"`
		InForce []struct {
			Number *string `json:"number"`
			Named  bool    `json:"named"`
			Status string  `json:"status"`
		} `json:"inForce"`
	} `json:"network"`
	HandoffChain []struct {
		Handoff struct{ ID string } `json:"handoff"`
	} `json:"handoffChain"`
	LeadCoverage []struct {
		Duties []struct{ ID string } `json:"duties"`
	} `json:"leadCoverage"`
	Search []struct {
		Type string `json:"type"`
		ID   string `json:"id"`
	} `json:"search"`
	Agencies struct {
		Edges []struct {
			Node struct {
				ID          string                `json:"id"`
				Duties      []struct{ ID string } `json:"duties"`
				PlanActions []struct {
					ID       string              `json:"id"`
					Document struct{ ID string } `json:"document"`
				} `json:"planActions"`
			} `json:"node"`
		} `json:"edges"`
	} `json:"agencies"`
}

// documents returns the ids of the documents the answer's facts come from,
// field by field.
func (a asOfAnswer) documents() map[string][]string {
	out := map[string][]string{}
	add := func(field, doc string) {
		if !slices.Contains(out[field], doc) {
			out[field] = append(out[field], doc)
		}
	}
	for _, e := range a.Duties.Edges {
		add("duties", e.Node.Provision.Document.ID)
	}
	for _, e := range a.Network.Edges {
		for _, p := range e.Provisions {
			add("network", regnet.DocumentOf(p.ID))
		}
	}
	for _, h := range a.HandoffChain {
		add("handoffChain", regnet.DocumentOf(h.Handoff.ID))
	}
	for _, r := range a.LeadCoverage {
		for _, d := range r.Duties {
			add("leadCoverage", regnet.DocumentOf(d.ID))
		}
	}
	for _, h := range a.Search {
		if h.Type != regnet.HitAgency {
			add("search", regnet.DocumentOf(h.ID))
		}
	}
	for _, e := range a.Agencies.Edges {
		for _, d := range e.Node.Duties {
			add("agency.duties", regnet.DocumentOf(d.ID))
		}
		for _, p := range e.Node.PlanActions {
			add("agency.planActions", p.Document.ID)
		}
	}
	return out
}

// TestAsOf checks, through the API on both stores, that every field that
// shows facts, given a date, shows only those of the documents in force on
// it: before quy chế 83/2025/QĐ-UBND takes effect (2025-11-04) none of its
// duties and rules, from that day on all of them; drafts only when asked.
func TestAsOf(t *testing.T) {
	const q83, plan2026 = "doc:83-2025-qd-ubnd", "doc:langson-kehoach-2026-2030"
	forEachStore(t, func(t *testing.T, srv *servertest.Server, _ regnet.Store) {
		answer := func(on any, drafts bool) map[string][]string {
			var a asOfAnswer
			run(t, srv, asOfQuery, map[string]any{"on": on, "drafts": drafts}, &a)
			if on == nil && a.Network.InForce != nil {
				t.Errorf("network without asOf lists documents in force: %+v", a.Network.InForce)
			}
			return a.documents()
		}
		all := answer(nil, false)
		before := answer("2025-06-01", false)
		after := answer("2026-01-15", false)
		drafts := answer("2026-01-15", true)
		for _, field := range []string{"duties", "network", "handoffChain", "leadCoverage", "search", "agency.duties"} {
			if !slices.Contains(all[field], q83) {
				t.Fatalf("%s without a date has no fact of %s: %v", field, q83, all[field])
			}
			if slices.Contains(before[field], q83) {
				t.Errorf("%s as of 2025-06-01 shows facts of %s, not yet in force", field, q83)
			}
			if !slices.Contains(after[field], q83) {
				t.Errorf("%s as of 2026-01-15 has no fact of %s: %v", field, q83, after[field])
			}
		}
		for on, docs := range map[string]map[string][]string{"2025-06-01": before, "2026-01-15": after} {
			for field, list := range docs {
				if slices.Contains(list, plan2026) {
					t.Errorf("%s as of %s shows facts of the draft %s", field, on, plan2026)
				}
			}
		}
		if !slices.Contains(all["agency.planActions"], plan2026) || !slices.Contains(drafts["agency.planActions"], plan2026) {
			t.Errorf("plan actions of the draft %s: without a date %v, with includeDrafts %v",
				plan2026, all["agency.planActions"], drafts["agency.planActions"])
		}

		// The network says which documents it rests on, and changes.
		var net1, net2 asOfAnswer
		run(t, srv, asOfQuery, map[string]any{"on": "2025-06-01"}, &net1)
		run(t, srv, asOfQuery, map[string]any{"on": "2026-01-15"}, &net2)
		numbers := func(a asOfAnswer) []string {
			var out []string
			for _, d := range a.Network.InForce {
				if d.Number != nil {
					out = append(out, *d.Number)
				}
			}
			return out
		}
		for _, tc := range []struct {
			a          asOfAnswer
			has, lacks []string
		}{
			{net1, []string{"125/KH-UBND", "09/2017/QĐ-UBND", "36/2024/QĐ-UBND"}, []string{"83/2025/QĐ-UBND"}},
			{net2, []string{"83/2025/QĐ-UBND"}, []string{"09/2017/QĐ-UBND", "36/2024/QĐ-UBND"}},
		} {
			got := numbers(tc.a)
			for _, n := range tc.has {
				if !slices.Contains(got, n) {
					t.Errorf("network.inForce %v lacks %s", got, n)
				}
			}
			for _, n := range tc.lacks {
				if slices.Contains(got, n) {
					t.Errorf("network.inForce %v has %s", got, n)
				}
			}
		}
		if len(net1.Network.Nodes) >= len(net2.Network.Nodes) || len(net1.Network.Edges) >= len(net2.Network.Edges) {
			t.Errorf("network as of 2025-06-01 (%d nodes, %d edges) is not smaller than as of 2026-01-15 (%d, %d)",
				len(net1.Network.Nodes), len(net1.Network.Edges), len(net2.Network.Nodes), len(net2.Network.Edges))
		}

		// A bad date is the caller's error.
		r := srv.Query(t, `{ network(province: "Lạng Sơn", asOf: "15/01/2026") { nodes { id } } }`, nil)
		if !slices.Equal(r.Codes(), []string{"BAD_USER_INPUT"}) {
			t.Errorf("asOf 15/01/2026: codes %v, want BAD_USER_INPUT", r.Codes())
		}
	})
}

// TestCompareProvincesAsOf checks that a comparison as of a date lists the
// two provinces' documents in force, drafts only with includeDrafts.
func TestCompareProvincesAsOf(t *testing.T) {
	const query = `query($drafts: Boolean) {
  compareProvinces(a: "Lạng Sơn", b: "Điện Biên", asOf: "2026-01-15", includeDrafts: $drafts) {
    roleDifferences { kind }
    inForce { id }
  }
}`
	forEachStore(t, func(t *testing.T, srv *servertest.Server, _ regnet.Store) {
		for _, drafts := range []bool{false, true} {
			var got struct {
				CompareProvinces struct {
					InForce []struct{ ID string } `json:"inForce"`
				} `json:"compareProvinces"`
			}
			run(t, srv, query, map[string]any{"drafts": drafts}, &got)
			var ids []string
			for _, d := range got.CompareProvinces.InForce {
				ids = append(ids, d.ID)
			}
			if !slices.Contains(ids, "doc:83-2025-qd-ubnd") {
				t.Errorf("includeDrafts=%v: inForce %v lacks 83/2025/QĐ-UBND", drafts, ids)
			}
			if slices.Contains(ids, "doc:dienbien-quyche-du-thao-2025") != drafts {
				t.Errorf("includeDrafts=%v: inForce %v and the Điện Biên draft", drafts, ids)
			}
		}
	})
}

// TestCoordinationPathAsOf checks that a coordination path as of a date is
// searched over the links in force that day only: the agencies a rule of
// 83/2025/QĐ-UBND links are joined by it from the day it takes effect, and
// before that day no step rests on a provision of a document not in force.
func TestCoordinationPathAsOf(t *testing.T) {
	const q83 = "doc:83-2025-qd-ubnd"
	const netQuery = `{ network(province: "Lạng Sơn", asOf: "2026-01-15") { edges { source target type provisions { id } } } }`
	const pathQuery = `query($from: ID!, $to: ID!, $on: Date) {
  coordinationPath(from: $from, to: $to, maxDepth: 6, asOf: $on) {
    steps { type via provision { id document { id } } }
  }
}`
	type answer struct {
		CoordinationPath []struct {
			Steps []struct {
				Type      string `json:"type"`
				Via       string `json:"via"`
				Provision *struct {
					ID       string              `json:"id"`
					Document struct{ ID string } `json:"document"`
				} `json:"provision"`
			} `json:"steps"`
		} `json:"coordinationPath"`
	}
	forEachStore(t, func(t *testing.T, srv *servertest.Server, _ regnet.Store) {
		var net struct {
			Network struct {
				Edges []struct {
					Source, Target, Type string
					Provisions           []struct{ ID string }
				} `json:"edges"`
			} `json:"network"`
		}
		run(t, srv, netQuery, nil, &net)
		i := slices.IndexFunc(net.Network.Edges, func(e struct {
			Source, Target, Type string
			Provisions           []struct{ ID string }
		}) bool {
			return e.Type == regnet.StepHandsOffTo && len(e.Provisions) > 0 && regnet.DocumentOf(e.Provisions[0].ID) == q83
		})
		if i < 0 {
			t.Fatalf("Lạng Sơn's network as of 2026-01-15 has no handoff of %s", q83)
		}
		e := net.Network.Edges[i]
		path := func(on any) answer {
			var a answer
			run(t, srv, pathQuery, map[string]any{"from": e.Source, "to": e.Target, "on": on}, &a)
			return a
		}
		after := path("2026-01-15")
		if len(after.CoordinationPath) == 0 || len(after.CoordinationPath[0].Steps) != 1 {
			t.Fatalf("as of 2026-01-15, %s to %s: %+v, want the one-step handoff", e.Source, e.Target, after.CoordinationPath)
		}
		before := path("2025-06-01")
		for _, p := range before.CoordinationPath {
			for _, st := range p.Steps {
				if st.Provision != nil {
					t.Errorf("as of 2025-06-01, %s to %s takes a %s step of %s, not in force", e.Source, e.Target, st.Type, st.Provision.ID)
				}
			}
		}
		if all := path(nil); len(all.CoordinationPath) == 0 {
			t.Errorf("without a date, %s to %s has no path", e.Source, e.Target)
		}
	})
}

// TestPlanReportInForce checks that a plan report with inForceOnly reads
// the plans in force on its day only, drafts with includeDrafts, and says
// which documents those are; without it, every plan, as before.
func TestPlanReportInForce(t *testing.T) {
	const plan125, plan2026 = "doc:125-kh-ubnd", "doc:langson-kehoach-2026-2030"
	const query = `query($on: Date, $only: Boolean, $drafts: Boolean) {
  planReport(province: "Lạng Sơn", asOf: $on, inForceOnly: $only, includeDrafts: $drafts) {
    asOf
    overdue { document { id } }
    amending { document { id } }
    inForce { id }
  }
}`
	type report struct {
		PlanReport struct {
			AsOf    string                                   `json:"asOf"`
			Overdue []struct{ Document struct{ ID string } } `json:"overdue"`
			Amend   []struct{ Document struct{ ID string } } `json:"amending"`
			InForce []struct{ ID string }                    `json:"inForce"`
		} `json:"planReport"`
	}
	forEachStore(t, func(t *testing.T, srv *servertest.Server, _ regnet.Store) {
		get := func(on string, only, drafts bool) (plans, inForce []string) {
			var r report
			run(t, srv, query, map[string]any{"on": on, "only": only, "drafts": drafts}, &r)
			if r.PlanReport.AsOf != on {
				t.Errorf("asOf %q, want %q", r.PlanReport.AsOf, on)
			}
			for _, a := range slices.Concat(r.PlanReport.Overdue, r.PlanReport.Amend) {
				if !slices.Contains(plans, a.Document.ID) {
					plans = append(plans, a.Document.ID)
				}
			}
			if (r.PlanReport.InForce != nil) != only {
				t.Errorf("inForceOnly=%v: inForce %v", only, r.PlanReport.InForce)
			}
			for _, d := range r.PlanReport.InForce {
				inForce = append(inForce, d.ID)
			}
			return plans, inForce
		}
		for _, tc := range []struct {
			on           string
			only, drafts bool
			has, lacks   []string // plans whose actions the report lists, or not
			inForce      []string
		}{
			{"2026-03-01", false, false, []string{plan2026}, nil, nil},
			{"2026-03-01", true, false, nil, []string{plan125, plan2026}, []string{"doc:83-2025-qd-ubnd"}},
			{"2026-03-01", true, true, []string{plan2026}, []string{plan125}, []string{"doc:83-2025-qd-ubnd", plan2026}},
			{"2025-06-01", true, false, nil, []string{plan2026}, []string{plan125}},
		} {
			plans, inForce := get(tc.on, tc.only, tc.drafts)
			for _, p := range tc.has {
				if !slices.Contains(plans, p) {
					t.Errorf("%+v: the report's actions come from %v, not %s", tc, plans, p)
				}
			}
			for _, p := range tc.lacks {
				if slices.Contains(plans, p) {
					t.Errorf("%+v: the report lists actions of %s", tc, p)
				}
			}
			for _, d := range tc.inForce {
				if !slices.Contains(inForce, d) {
					t.Errorf("%+v: inForce %v lacks %s", tc, inForce, d)
				}
			}
			for _, d := range inForce {
				if !tc.drafts && d == plan2026 {
					t.Errorf("%+v: inForce lists the draft %s", tc, d)
				}
			}
		}
	})
}

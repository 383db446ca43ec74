package graph_test

import (
	"fmt"
	"maps"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/graph"
	"github.com/regnet/regnet/server/servertest"
	"github.com/regnet/regnet/store/memory"
	"github.com/regnet/regnet/store/storetest"
)

// ringDataset returns a province with n agencies in a ring: each has two
// duties naming the next as partner, a handoff rule notifying the next, and
// leads a plan action; all but the first belong to the first.
func ringDataset(n int) *regnet.Dataset {
	const province, doc, plan = "Lạng Sơn", "doc:qc", "doc:kh"
	num := "1/2025/QĐ-UBND"
	ds := &regnet.Dataset{
		Provinces: []regnet.Province{{ID: "province:lang-son", Name: province}},
		Documents: []regnet.Document{
			{ID: doc, Number: &num, Kind: regnet.KindQuyChe, Title: "Quy chế", Province: province,
				Level: regnet.LevelProvincial, Status: regnet.StatusIssued},
			{ID: plan, Kind: regnet.KindKeHoach, Title: "Kế hoạch", Province: province,
				Level: regnet.LevelProvincial, Status: regnet.StatusIssued},
		},
		Fields: []regnet.Field{{Code: "CUSTOMS_CONTROL", Name: "Kiểm soát hải quan"}},
		Areas:  []regnet.Area{{Code: "CUSTOMS_ZONE", Name: "Địa bàn hoạt động hải quan"}},
	}
	agency := func(i int) string { return fmt.Sprintf("agency:lang-son:CUSTOMS:u%03d", i%n) }
	for i := range n {
		a := regnet.Agency{ID: agency(i), Name: fmt.Sprintf("Đơn vị %d", i), Kind: "CUSTOMS",
			Level: regnet.LevelProvincial, Province: province}
		if i > 0 {
			parent := agency(0)
			a.Parent = &parent
		}
		ds.Agencies = append(ds.Agencies, a)
		prov := fmt.Sprintf("%s#REGULATION/%d", doc, i+1)
		ds.Provisions = append(ds.Provisions, regnet.Provision{ID: prov, Document: doc, Part: regnet.PartRegulation,
			Path: fmt.Sprintf("Điều %d", i+1), Text: "Chủ trì kiểm soát hải quan.", Line: i + 1})
		for j, role := range []string{regnet.RoleLead, regnet.RoleCoordinate} {
			ds.Duties = append(ds.Duties, regnet.Duty{ID: fmt.Sprintf("%s#duty-%d", prov, j), Agency: agency(i), Role: role,
				Text: "Chủ trì kiểm soát hải quan.", Fields: []string{"CUSTOMS_CONTROL"}, Areas: []string{"CUSTOMS_ZONE"},
				Partners: []string{agency(i + 1)}, Provision: prov})
		}
		ds.Handoffs = append(ds.Handoffs, regnet.Handoff{ID: prov + "#handoff", From: agency(i),
			Notifies: []string{agency(i + 1)}, Actions: []string{regnet.ActionNotify},
			Leaving: []string{"CUSTOMS_ZONE"}, Provision: prov})
		ds.PlanActions = append(ds.PlanActions, regnet.PlanAction{ID: fmt.Sprintf("%s#action-%d", plan, i), Document: plan,
			Text: "Kiểm tra", Deadline: regnet.Deadline{Raw: "Thường xuyên", Kind: regnet.DeadlineRecurring},
			Leads: []string{agency(i)}})
	}
	return ds
}

// schemaServer serves the schema over the store the way the server does:
// per-request loaders installed by middleware, then gqlgen.
func schemaServer(t *testing.T, store regnet.Store) *servertest.Server {
	t.Helper()
	h := handler.New(graph.NewSchema(store))
	h.AddTransport(transport.POST{})
	ts := httptest.NewServer(graph.Middleware(store, 25*time.Millisecond)(h))
	t.Cleanup(ts.Close)
	return &servertest.Server{URL: ts.URL, Client: ts.Client()}
}

// TestNestedQueryStoreCalls checks that the loaders batch a nested query's
// lookups: its store calls do not grow with the number of agencies.
func TestNestedQueryStoreCalls(t *testing.T) {
	const chain = `{ agencies(filter: {province: "Lạng Sơn"}, first: 100) {
		totalCount
		edges { node { id duties { role provision { path document { number } } } } } } }`
	const wide = `{ agencies(filter: {province: "Lạng Sơn"}, first: 100) {
		totalCount
		edges { node {
			id province { name } parent { name } children { id }
			duties { role fields { code } areas { code } partners { name } provision { path document { number } } }
			partners { id }
			handoffsOut { notifies { id } leaving { code } provision { path } }
			handoffsIn { from { id } }
			planActions { document { title } leads { name } }
		} } } }`

	// The chain agencies → duties → provision → document costs one call per
	// level, plus the province check.
	wantChain := map[string]int{"Provinces": 1, "Agencies": 1, "Duties": 1, "Provisions": 1, "Documents": 1}

	// The wide query reads through loaders at 21 places (counting the root
	// list and the province check); batches of neighbouring levels may
	// share a store call, so 21 bounds its calls whatever the agencies.
	const wideUses = 21
	for _, n := range []int{3, 40} {
		store := storetest.NewCounting(memory.New(ringDataset(n)))
		srv := schemaServer(t, store)

		var chainData struct {
			Agencies struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						ID     string
						Duties []struct {
							Provision struct {
								Path     string
								Document struct{ Number string }
							}
						}
					}
				}
			}
		}
		srv.MustQuery(t, chain, nil).Decode(t, &chainData)
		if chainData.Agencies.TotalCount != n || len(chainData.Agencies.Edges) != min(n, 100) {
			t.Fatalf("n=%d: %d agencies, %d edges", n, chainData.Agencies.TotalCount, len(chainData.Agencies.Edges))
		}
		for _, e := range chainData.Agencies.Edges {
			if len(e.Node.Duties) != 2 || e.Node.Duties[0].Provision.Document.Number != "1/2025/QĐ-UBND" {
				t.Fatalf("n=%d: agency %s resolved as %+v", n, e.Node.ID, e.Node)
			}
		}
		if calls, _ := store.Take(); !maps.Equal(calls, wantChain) {
			t.Errorf("n=%d: chain query made calls %v, want %v", n, calls, wantChain)
		}

		var wideData struct {
			Agencies struct {
				Edges []struct {
					Node struct {
						Partners   []struct{ ID string }
						HandoffsIn []struct{ From struct{ ID string } }
					}
				}
			}
		}
		store2 := storetest.NewCounting(memory.New(ringDataset(n)))
		schemaServer(t, store2).MustQuery(t, wide, nil).Decode(t, &wideData)
		for _, e := range wideData.Agencies.Edges {
			// In the ring each agency names the next and is named by the
			// previous (one and the same when n is 2 or less).
			if len(e.Node.Partners) != 2 || len(e.Node.HandoffsIn) != 1 {
				t.Fatalf("n=%d: %+v", n, e.Node)
			}
		}
		calls, total := store2.Take()
		t.Logf("n=%d agencies: wide query made %d store calls %v", n, total, calls)
		if total > wideUses {
			t.Errorf("n=%d: wide query made %d store calls %v, more than its %d loader uses", n, total, calls, wideUses)
		}
	}
}

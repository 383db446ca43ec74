package loadtest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/regnet/regnet/graph"
	"github.com/regnet/regnet/loadtest"
	"github.com/regnet/regnet/server"
	"github.com/regnet/regnet/server/servertest"
	"github.com/regnet/regnet/store/storetest"
)

// The benchmarks measure the two client queries on Neo4j twice: as the
// Cypher the store runs for them, sent through the driver directly (the
// floor: what the database and the driver cost), and as the GraphQL query
// over HTTP on loopback to a server backed by the Neo4j store (what a client
// gets). Each reports, beside ns/op, the p50, p90 and p99 of the per-request
// latency, and how many statements (direct) or store calls (GraphQL) one
// request makes. Requests are sent one after another from one client; see
// TestLoadRun for concurrent clients.

func BenchmarkHandoffChainCypher(b *testing.B) { benchDirect(b, runChain) }

func BenchmarkHandoffChainGraphQL(b *testing.B) { benchGraphQL(b, handoffChainFile, checkChain) }

func BenchmarkAgencyCypher(b *testing.B) { benchDirect(b, runAgency) }

func BenchmarkAgencyGraphQL(b *testing.B) { benchGraphQL(b, agencyFile, checkAgency) }

// warmup is how many requests run before the clock starts: the first runs of
// a statement pay for Neo4j's query planning and the JVM's compilation.
const warmup = 20

// The paired benchmarks send the direct Cypher and the GraphQL query in
// turn, so that both meet the same load from whatever else runs on the
// machine, and report both p50s and their ratio: the number the latency
// target (GraphQL p50 under 1.5 times the direct Cypher's) is about. They
// run the server with the default batch wait and with shorter ones, to show
// what the loaders' wait costs (graph.DefaultBatchWait, server.Config.BatchWait).

func BenchmarkHandoffChainPaired(b *testing.B) { benchPaired(b, handoffChainFile, runChain) }

func BenchmarkAgencyPaired(b *testing.B) { benchPaired(b, agencyFile, runAgency) }

func benchPaired(b *testing.B, file string, run func(context.Context, *direct) error) {
	for _, wait := range []time.Duration{graph.DefaultBatchWait, 500 * time.Microsecond, 100 * time.Microsecond} {
		b.Run("batchwait="+strings.ReplaceAll(wait.String(), "µ", "u"), func(b *testing.B) {
			d := &direct{env: fixture(b)}
			store := storetest.NewCounting(d.env.store)
			srv := servertest.New(b, store, func(c *server.Config) { c.BatchWait = wait })
			req := newRequest(b, srv.URL+"/graphql", file)
			req.Client = srv.Client
			ctx := context.Background()
			for range warmup {
				if err := run(ctx, d); err != nil {
					b.Fatal(err)
				}
				if _, err := req.Send(ctx); err != nil {
					b.Fatal(err)
				}
			}
			store.Take()
			var cypher, api []time.Duration
			for b.Loop() {
				start := time.Now()
				if err := run(ctx, d); err != nil {
					b.Fatal(err)
				}
				mid := time.Now()
				if _, err := req.Send(ctx); err != nil {
					b.Fatal(err)
				}
				cypher = append(cypher, mid.Sub(start))
				api = append(api, time.Since(mid))
			}
			pc, pa := loadtest.Summarize(cypher), loadtest.Summarize(api)
			b.ReportMetric(float64(pc.P50.Nanoseconds()), "cypher-p50-ns")
			b.ReportMetric(float64(pa.P50.Nanoseconds()), "graphql-p50-ns")
			b.ReportMetric(float64(pa.P50)/float64(pc.P50), "p50-ratio")
			_, calls := store.Take()
			b.ReportMetric(float64(calls)/float64(len(api)), "calls/op")
		})
	}
}

func benchDirect(b *testing.B, run func(context.Context, *direct) error) {
	d := &direct{env: fixture(b)}
	ctx := context.Background()
	for range warmup {
		if err := run(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
	d.count.Store(0)
	var lat []time.Duration
	for b.Loop() {
		start := time.Now()
		if err := run(ctx, d); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	reportLatency(b, lat)
	b.ReportMetric(float64(d.count.Load())/float64(len(lat)), "stmts/op")
}

// benchGraphQL posts the query in file, as it is, to a server over the Neo4j
// store, after check has compared one answer with the direct Cypher's.
func benchGraphQL(b *testing.B, file string, check func(testing.TB, *env, []byte)) {
	e := fixture(b)
	store := storetest.NewCounting(e.store)
	srv := servertest.New(b, store)
	req := newRequest(b, srv.URL+"/graphql", file)
	req.Client = srv.Client
	ctx := context.Background()

	body, err := req.Send(ctx)
	if err != nil {
		b.Fatal(err)
	}
	check(b, e, body)
	calls, total := store.Take()
	b.Logf("one request: %d store calls %v", total, calls)
	for range warmup {
		if _, err := req.Send(ctx); err != nil {
			b.Fatal(err)
		}
	}
	store.Take()

	var lat []time.Duration
	for b.Loop() {
		start := time.Now()
		if _, err := req.Send(ctx); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	reportLatency(b, lat)
	_, total = store.Take()
	b.ReportMetric(float64(total)/float64(len(lat)), "calls/op")
}

// newRequest reads a client query file and makes a request of it.
func newRequest(tb testing.TB, url, file string) loadtest.Request {
	tb.Helper()
	query, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	body, err := loadtest.NewBody(string(query), nil)
	if err != nil {
		tb.Fatal(err)
	}
	return loadtest.Request{URL: url, Body: body}
}

func reportLatency(b *testing.B, lat []time.Duration) {
	p := loadtest.Summarize(lat)
	b.ReportMetric(float64(p.P50.Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(p.P90.Nanoseconds()), "p90-ns")
	b.ReportMetric(float64(p.P99.Nanoseconds()), "p99-ns")
}

// checkChain fails unless the GraphQL answer has the hops the direct Cypher
// finds, in the same order.
func checkChain(tb testing.TB, e *env, body []byte) {
	tb.Helper()
	var answer struct {
		Data struct {
			HandoffChain []struct {
				Handoff struct{ ID string }
			}
		}
	}
	if err := json.Unmarshal(body, &answer); err != nil {
		tb.Fatalf("decode %s: %v", body, err)
	}
	var got []string
	for _, h := range answer.Data.HandoffChain {
		got = append(got, h.Handoff.ID)
	}
	want, err := chainDirect(context.Background(), &direct{env: e})
	if err != nil {
		tb.Fatal(err)
	}
	if len(want) == 0 || !slices.Equal(got, want) {
		tb.Fatalf("GraphQL chain %v, direct Cypher %v", got, want)
	}
}

// checkAgency fails unless the GraphQL answer has the agencies, duties and
// handoffs the direct Cypher finds.
func checkAgency(tb testing.TB, e *env, body []byte) {
	tb.Helper()
	var answer struct {
		Data struct {
			Agencies struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						ID          string
						Duties      []json.RawMessage
						HandoffsOut []json.RawMessage
						HandoffsIn  []json.RawMessage
					}
				}
			}
		}
	}
	if err := json.Unmarshal(body, &answer); err != nil {
		tb.Fatalf("decode %s: %v", body, err)
	}
	got := agencySummary{Total: answer.Data.Agencies.TotalCount}
	for _, ed := range answer.Data.Agencies.Edges {
		n := ed.Node
		got.Nodes = append(got.Nodes, fmt.Sprintf("%s %d/%d/%d", n.ID, len(n.Duties), len(n.HandoffsOut), len(n.HandoffsIn)))
	}
	want, err := agencyDirect(context.Background(), &direct{env: e})
	if err != nil {
		tb.Fatal(err)
	}
	if len(want.Nodes) == 0 || got.Total != want.Total || !slices.Equal(got.Nodes, want.Nodes) {
		tb.Fatalf("GraphQL agencies %+v, direct Cypher %+v", got, want)
	}
	tb.Logf("agencies (id duties/out/in): %v of %d", got.Nodes, got.Total)
}

package loadtest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/data"
	"github.com/regnet/regnet/loader"
	"github.com/regnet/regnet/loadtest"
	"github.com/regnet/regnet/server"
	"github.com/regnet/regnet/store/memory"
)

// TestAttackLoad is the load run under attack: well-behaved clients send
// the shared client queries at a fixed rate, first alone, then while
// attackers send every attack of the hardening tests back to back. It
// checks that the well-behaved clients get no error, that their p99 under
// attack stays within 3 times their p99 alone, that no attack gets an
// answer, and that the process's heap stays under REGNET_LOADTEST_HEAP_MB
// (default 256). It takes twice REGNET_LOADTEST_DURATION (default 20s), so
// it runs only when asked:
//
//	REGNET_LOADTEST_ATTACK=1 go test ./loadtest -run TestAttackLoad -v
//
// The store is the bundled documents in memory, or in Neo4j with
// REGNET_LOADTEST_STORE=neo4j (and NEO4J_URI). REGNET_LOADTEST_RATE is the
// well-behaved requests per second of each query (default 10);
// REGNET_LOADTEST_PENALTY=off turns off the server's penalties for refused
// requests, to see what they are for. Attackers
// and well-behaved clients connect from different loopback addresses
// (127.0.0.2 for every attacker, 127.0.0.10 and up for the well-behaved
// clients, one per query), as different hosts would.
func TestAttackLoad(t *testing.T) {
	if os.Getenv("REGNET_LOADTEST_ATTACK") == "" {
		t.Skip("set REGNET_LOADTEST_ATTACK=1 to run the load test under attack")
	}
	duration := envDuration(t, "REGNET_LOADTEST_DURATION", 20*time.Second)
	rate := float64(envInt(t, "REGNET_LOADTEST_RATE", 10))
	heapMB := envInt(t, "REGNET_LOADTEST_HEAP_MB", 256)

	var store regnet.Store
	if os.Getenv("REGNET_LOADTEST_STORE") == "neo4j" {
		store = fixture(t).store
	} else {
		ds, err := loader.New().ParseFS(data.FS, ".")
		if err != nil {
			t.Fatal(err)
		}
		store = memory.New(ds)
	}
	cfg := server.Config{Store: store}
	if os.Getenv("REGNET_LOADTEST_PENALTY") == "off" {
		cfg.MaxPenalty = -1
	}
	srv, err := server.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	url := "http://" + ln.Addr().String() + "/graphql"
	bad := clientFrom(t, "127.0.0.2", 16)

	files, err := filepath.Glob("../graph/testdata/queries/*.graphql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no client queries: %v", err)
	}
	wellBehaved := func() map[string]*loadtest.Result {
		var mu sync.Mutex
		out := map[string]*loadtest.Result{}
		var wg sync.WaitGroup
		for i, f := range files {
			req := newRequest(t, url, f)
			req.Client = clientFrom(t, fmt.Sprintf("127.0.0.%d", 10+i), 2)
			wg.Go(func() {
				res, err := loadtest.Run(context.Background(), loadtest.Config{Request: req, Clients: 2, Rate: rate, Duration: duration})
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				out[filepath.Base(f)] = res
				mu.Unlock()
			})
		}
		wg.Wait()
		return out
	}

	// Warm up (Neo4j plans each statement on its first run), then measure.
	for _, f := range files {
		req := newRequest(t, url, f)
		req.Client = clientFrom(t, "127.0.0.10", 1)
		if _, err := loadtest.Run(context.Background(), loadtest.Config{Request: req, Requests: 20}); err != nil {
			t.Fatal(err)
		}
	}
	alone := wellBehaved()

	// Under attack: every attack from its own client, back to back, while
	// the heap is sampled.
	attackCtx, stopAttacks := context.WithCancel(context.Background())
	var peak atomic.Uint64
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var m runtime.MemStats
		for attackCtx.Err() == nil {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}()
	type attackResult struct {
		name string
		res  *loadtest.Result
	}
	results := make(chan attackResult, len(attacks()))
	var awg sync.WaitGroup
	for name, body := range attacks() {
		awg.Go(func() {
			res, err := loadtest.Run(attackCtx, loadtest.Config{
				Request: loadtest.Request{URL: url, Body: body, Client: bad}, Clients: 1, Duration: duration + time.Second,
			})
			if err != nil {
				t.Error(err)
				return
			}
			results <- attackResult{name, res}
		})
	}
	attacked := wellBehaved()
	stopAttacks()
	awg.Wait()
	close(results)
	<-sampled

	for _, f := range files {
		name := filepath.Base(f)
		a, b := alone[name], attacked[name]
		if a == nil || b == nil {
			continue
		}
		t.Logf("%-22s alone: %5d requests, p50 %8v p99 %8v | attacked: %5d requests, %d errors, p50 %8v p99 %8v (%.2fx)",
			name, a.Requests, a.Latency.P50, a.Latency.P99, b.Requests, b.Errors(), b.Latency.P50, b.Latency.P99,
			float64(b.Latency.P99)/float64(a.Latency.P99))
		if a.Errors()+b.Errors() > 0 {
			t.Errorf("%s: %d errors alone, %d attacked; first: %s%s", name, a.Errors(), b.Errors(), a.FirstError, b.FirstError)
		}
		if b.Latency.P99 > 3*a.Latency.P99 {
			t.Errorf("%s: p99 under attack %v, more than 3 times %v alone", name, b.Latency.P99, a.Latency.P99)
		}
	}
	total := 0
	for r := range results {
		total += r.res.Requests
		t.Logf("attack %-28s %6d sent, %6d refused, p50 %v", r.name, r.res.Requests, r.res.Errors(), r.res.Latency.P50)
		if r.res.Errors() != r.res.Requests {
			t.Errorf("attack %s: %d of %d requests were answered", r.name, r.res.Requests-r.res.Errors(), r.res.Requests)
		}
	}
	t.Logf("%d attacks in %v; peak heap %d MiB (bound %d MiB)", total, duration, peak.Load()>>20, heapMB)
	if peak.Load() > uint64(heapMB)<<20 {
		t.Errorf("peak heap %d MiB, over the %d MiB bound", peak.Load()>>20, heapMB)
	}
}

// clientFrom returns an HTTP client whose connections come from the
// loopback address ip, at most conns of them.
func clientFrom(t *testing.T, ip string, conns int) *http.Client {
	t.Helper()
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: 5 * time.Second}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = dialer.DialContext
	tr.MaxIdleConns, tr.MaxIdleConnsPerHost, tr.MaxConnsPerHost = conns, conns, conns
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: 30 * time.Second}
}

// attacks are the request bodies of the hostile client (server's
// attack_test.go sends each one alone).
func attacks() map[string][]byte {
	body := func(query string, vars map[string]any, op string) []byte {
		m := map[string]any{"query": query}
		if vars != nil {
			m["variables"] = vars
		}
		if op != "" {
			m["operationName"] = op
		}
		b, _ := json.Marshal(m)
		return b
	}
	var conflicting strings.Builder
	conflicting.WriteString("{")
	for conflicting.Len() < 50_000 {
		conflicting.WriteString(" fields { code } fields: areas { code }")
	}
	conflicting.WriteString(" }")
	var network strings.Builder
	for i := range 700 {
		fmt.Fprintf(&network, ` n%d: network(province: "Lạng Sơn") { nodes { id } }`, i)
	}
	var fragments strings.Builder
	fragments.WriteString("{ provinces { ...F0 } }\n")
	for i := range 8 {
		fmt.Fprintf(&fragments, "fragment F%d on Province { id%s }\n", i, strings.Repeat(fmt.Sprintf(" ...F%d", i+1), 4*min(1, 7-i)))
	}
	huge := strings.Repeat("x", 500_000)
	name := strings.Repeat("N", 900_000)
	partners := `{ agency(id: "agency:lang-son:CUSTOMS") ` + strings.Repeat("{ partners ", 10) + "{ id }" + strings.Repeat(" }", 10) + " }"
	partners8 := `{ agency(id: "agency:lang-son:CUSTOMS") ` + strings.Repeat("{ partners ", 8) + "{ id }" + strings.Repeat(" }", 8) + " }"
	return map[string][]byte{
		"conflicting aliases 50 KB": body(conflicting.String(), nil, ""),
		"partners 10 deep":          body(partners, nil, ""),
		"partners 8 deep":           body(partners8, nil, ""),
		"9,990 __typename":          body("{"+strings.Repeat(" __typename", 9_990)+" }", nil, ""),
		"700 network aliases":       body("{"+network.String()+" }", nil, ""),
		"nested fragments":          body(fragments.String(), nil, ""),
		"Date as an object":         body(`query($d: Date) { planActions(filter: {deadlineBefore: $d}) { totalCount } }`, map[string]any{"d": map[string]any{"y": 1}}, ""),
		"1,100-word search":         body(`query($t: String!) { search(text: $t) { id } }`, map[string]any{"t": strings.Repeat("a ", 1100)}, ""),
		"500 KB argument":           body(`{ agency(id: "`+huge+`") { id } }`, nil, ""),
		"900 KB operation name":     body("query Q { provinces { id } }", nil, name),
		"40 KB operation name":      body("query Q { provinces { id } }", nil, name[:40_000]),
	}
}

package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/data"
	"github.com/regnet/regnet/loader"
	"github.com/regnet/regnet/server"
	"github.com/regnet/regnet/server/servertest"
	"github.com/regnet/regnet/store/memory"
)

// The attacks of a hostile client, each answered by a refusal that costs
// about as much as a normal query. Each test sends the attack over HTTP and
// checks the status and code, the time as a ratio to a normal query in the
// same run, and that the server answers a normal query while attacks run
// and after.

var bundled struct {
	once sync.Once
	ds   *regnet.Dataset
	err  error
}

// bundledStore is a memory store of the bundled documents: real fan-out.
func bundledStore(t *testing.T) regnet.Store {
	t.Helper()
	bundled.once.Do(func() { bundled.ds, bundled.err = loader.New().ParseFS(data.FS, ".") })
	if bundled.err != nil {
		t.Fatal(bundled.err)
	}
	return memory.New(bundled.ds)
}

// normalQuery is what a well-behaved client asks (the contract's agency
// panel): the yardstick of the time ratios.
const normalQuery = `{ agencies(filter: {province: "Điện Biên", kind: CUSTOMS}, first: 5) { totalCount edges { node { id name
  duties { role text fields { code name } areas { code } partners { name } provision { path document { number } } }
  handoffsOut { notifies { kind } } handoffsIn { from { kind } } } } } }`

// maxRatio bounds an attack's time over a normal query's: a refusal reads
// the body, parses a bounded document and stops, so it takes a few normal
// queries' time (more under the contention of a shared machine); the
// failures it guards against were thousands of times slower.
const maxRatio = 50

// attack is one hostile request.
type attack struct {
	name   string
	send   func(t *testing.T, srv *servertest.Server) *servertest.Response
	status int
	code   string
}

func post(q string) func(*testing.T, *servertest.Server) *servertest.Response {
	return func(t *testing.T, srv *servertest.Server) *servertest.Response { return srv.Query(t, q, nil) }
}

func get(q string) func(*testing.T, *servertest.Server) *servertest.Response {
	return func(t *testing.T, srv *servertest.Server) *servertest.Response { return srv.Get(t, q) }
}

// conflicting is `{ fields fields: areas fields fields: areas … }` of about
// size bytes: every pair of the same response name conflicts.
func conflicting(size int) string {
	var b strings.Builder
	b.WriteString("{")
	for b.Len() < size {
		b.WriteString(" fields { code } fields: areas { code }")
	}
	return b.String() + " }"
}

// partners nests agency partners depth levels deep.
func partners(depth int) string {
	return `{ agency(id: "agency:lang-son:CUSTOMS") ` + strings.Repeat("{ partners ", depth) + "{ id }" + strings.Repeat(" }", depth) + " }"
}

func TestAttacksRefused(t *testing.T) {
	// Penalties off: here the attacker and the normal client share an
	// address, and what is timed is the refusal (TestPenalty times those).
	srv := servertest.New(t, bundledStore(t), noPenalty)
	attacks := []attack{
		// 1. Conflicting aliases: quadratic errors, over POST and GET.
		{"conflicting aliases 20 KB", post(conflicting(20_000)), 422, "GRAPHQL_PARSE_FAILED"},
		{"conflicting aliases 50 KB over GET", get(conflicting(50_000)), 422, "GRAPHQL_PARSE_FAILED"},
		{"conflicting aliases 200 KB", post(conflicting(200_000)), 413, "REQUEST_TOO_LARGE"},
		{"conflicting aliases within the token limit", post(conflicting(1_500)), 422, "QUERY_TOO_COMPLEX"},
		{"conflicting fields without aliases", post("{" + strings.Repeat(" fields { code } fields { name }", 60) + " }"), 422, "QUERY_TOO_COMPLEX"},
		// 2. Fan-out through lists that are not connections.
		{"partners ten deep", post(partners(10)), 422, "QUERY_TOO_COMPLEX"},
		{"partners within the depth limit", post(partners(8)), 422, "QUERY_TOO_COMPLEX"},
		{"duties of partners of duties", post(`{ agencies(first: 100) { edges { node { duties { partners { duties { partners { duties { text } } } } } } } } }`), 422, "QUERY_TOO_COMPLEX"},
		// 3. Validation work before any limit: 9,990 __typename.
		{"9,990 __typename", post("{" + strings.Repeat(" __typename", 9_990) + " }"), 413, "REQUEST_TOO_LARGE"},
		{"5,000 __typename over GET", get("{" + strings.Repeat(" __typename", 5_000) + " }"), 422, "GRAPHQL_PARSE_FAILED"},
		{"9,990 __typename over GET", get("{" + strings.Repeat(" __typename", 9_990) + " }"), 414, "REQUEST_TOO_LARGE"},
		{"900 __typename", post("{" + strings.Repeat(" __typename", 900) + " }"), 422, "QUERY_TOO_COMPLEX"},
		{"fragments spread into fragments", post(nestedFragments(6, 4)), 422, "QUERY_TOO_COMPLEX"},
		{"directives", post(`{ __typename` + strings.Repeat(" @skip(if: false)", 50) + ` }`), 422, "QUERY_TOO_COMPLEX"},
		// 8. Bad input.
		{"700 aliases of network", post("{" + networkAliases(700) + " }"), 422, "GRAPHQL_PARSE_FAILED"},
		{"16 aliases of network", post("{" + networkAliases(16) + " }"), 422, "QUERY_TOO_COMPLEX"},
		{"Date variable as an object", func(t *testing.T, srv *servertest.Server) *servertest.Response {
			return srv.Query(t, `query($d: Date) { planActions(filter: {deadlineBefore: $d}) { totalCount } }`, map[string]any{"d": map[string]any{"y": 2026}})
		}, 422, "BAD_USER_INPUT"},
		{"Date literal as an object", post(`{ planReport(province: "Lạng Sơn", asOf: {y: 2026}) { overdue { id } } }`), 422, "BAD_USER_INPUT"},
		{"text/plain body", func(t *testing.T, srv *servertest.Server) *servertest.Response {
			return srv.Post(t, jsonQuery(normalQuery), http.Header{"Content-Type": {"text/plain"}})
		}, 415, "BAD_REQUEST"},
		{"form body", func(t *testing.T, srv *servertest.Server) *servertest.Response {
			return srv.Post(t, []byte("query="+url.QueryEscape(normalQuery)), http.Header{"Content-Type": {"application/x-www-form-urlencoded"}})
		}, 415, "BAD_REQUEST"},
		{"WebSocket upgrade", func(t *testing.T, srv *servertest.Server) *servertest.Response {
			req, _ := http.NewRequest(http.MethodGet, srv.URL+"/graphql?query="+url.QueryEscape("{ provinces { id } }"), nil)
			req.Header.Set("Upgrade", "websocket")
			req.Header.Set("Connection", "Upgrade")
			return srv.Do(t, req)
		}, 400, "BAD_REQUEST"},
	}

	normal := timeNormal(t, srv)
	for _, a := range attacks {
		t.Run(a.name, func(t *testing.T) {
			stop := answersDuring(t, srv)
			var r *servertest.Response
			took := time.Hour
			for range 3 { // the fastest of three: the noise of others is not the attack's
				start := time.Now()
				r = a.send(t, srv)
				took = min(took, time.Since(start))
			}
			stop()
			if r.Status != a.status || len(r.Errors) == 0 || r.Errors[0].Code() != a.code {
				t.Errorf("status %d, errors %.300v; want %d and %s", r.Status, r.Errors, a.status, a.code)
			}
			if len(r.Errors) > graphDefaultMaxErrors+1 {
				t.Errorf("%d errors; at most %d are returned", len(r.Errors), graphDefaultMaxErrors+1)
			}
			if took > maxRatio*normal {
				t.Errorf("refused after %v, %.0f times a normal query (%v); want at most %d times", took, float64(took)/float64(normal), normal, maxRatio)
			}
			srv.MustQuery(t, normalQuery, nil)
		})
	}
}

const graphDefaultMaxErrors = 20

func noPenalty(c *server.Config) { c.MaxPenalty = -1 }

// TestPenalty: a client sending refused requests back to back is slowed to
// about one a second, while another client's queries go on as fast as
// before; answers take its penalty away again.
func TestPenalty(t *testing.T) {
	s, err := server.New(server.Config{Store: bundledStore(t), MaxPenalty: 200 * time.Millisecond, QueueWait: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	defer func() {
		cancel()
		<-served
	}()
	base := "http://" + ln.Addr().String()
	attacker := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.2")}}
	if _, err := postRaw(base, "{", attacker); err != nil {
		t.Skipf("no second loopback address here: %v", err)
	}

	normal := time.Hour
	for range 5 {
		start := time.Now()
		if res, err := postRaw(base, normalQuery, nil); err != nil || res.StatusCode != 200 {
			t.Fatalf("normal query: %v %v", res, err)
		}
		normal = min(normal, time.Since(start))
	}

	// Four attackers on one address for a second.
	var sent sync.WaitGroup
	var mu sync.Mutex
	n := 0
	stop := time.Now().Add(time.Second)
	for range 4 {
		sent.Add(1)
		go func() {
			defer sent.Done()
			for time.Now().Before(stop) {
				res, err := postRaw(base, partners(10), attacker)
				if err == nil && res.StatusCode != 422 && res.StatusCode != 503 {
					t.Errorf("attack answered %d", res.StatusCode)
				}
				mu.Lock()
				n++
				mu.Unlock()
			}
		}()
	}
	var during []time.Duration
	for time.Now().Before(stop) {
		start := time.Now()
		if res, err := postRaw(base, normalQuery, nil); err != nil || res.StatusCode != 200 {
			t.Fatalf("normal query during the attack: %v %v", res, err)
		}
		during = append(during, time.Since(start))
	}
	sent.Wait()
	slices.Sort(during)
	if med := during[len(during)/2]; med > maxRatio*normal {
		t.Errorf("normal queries during the attack: median %v, %v alone", med, normal)
	}
	if n > 40 {
		t.Errorf("the attackers sent %d requests in a second: not held back", n)
	}
	// Answers take the penalty away.
	deadline := time.Now().Add(5 * time.Second)
	for {
		start := time.Now()
		res, err := postRaw(base, `{ provinces { id } }`, attacker)
		if err == nil && res.StatusCode == 200 && time.Since(start) < 5*normal+minPenaltyTest {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the penalty did not wear off within 5 s of good requests")
		}
	}
}

// minPenaltyTest is the smallest delay a penalised request waits.
const minPenaltyTest = 10 * time.Millisecond

// timeNormal returns the median time of a normal query.
func timeNormal(t *testing.T, srv *servertest.Server) time.Duration {
	t.Helper()
	var ds []time.Duration
	for range 9 {
		start := time.Now()
		srv.MustQuery(t, normalQuery, nil)
		ds = append(ds, time.Since(start))
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)/2]
}

// answersDuring sends normal queries until the returned func is called,
// failing the test if one of them fails.
func answersDuring(t *testing.T, srv *servertest.Server) func() {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan string, 1)
	go func() {
		n := 0
		for ctx.Err() == nil || n == 0 {
			req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, srv.URL+"/graphql", bytes.NewReader(jsonQuery(normalQuery)))
			req.Header.Set("Content-Type", "application/json")
			res, err := srv.Client.Do(req)
			if err != nil {
				done <- err.Error()
				return
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != 200 || bytes.Contains(b, []byte(`"errors"`)) {
				done <- fmt.Sprintf("%d %.200s", res.StatusCode, b)
				return
			}
			n++
		}
		done <- ""
	}()
	return func() {
		t.Helper()
		cancel()
		if msg := <-done; msg != "" {
			t.Errorf("a normal query failed while the attack ran: %s", msg)
		}
	}
}

// nestedFragments is depth fragments each spreading the next one width
// times: tiny to write, width^depth fields when written out.
func nestedFragments(depth, width int) string {
	var b strings.Builder
	b.WriteString("{ provinces { ...F0 } }\n")
	for i := range depth {
		fmt.Fprintf(&b, "fragment F%d on Province { id", i)
		if i < depth-1 {
			b.WriteString(strings.Repeat(fmt.Sprintf(" ...F%d", i+1), width))
		}
		b.WriteString(" }\n")
	}
	return b.String()
}

func networkAliases(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, ` n%d: network(province: "Lạng Sơn") { nodes { id } }`, i)
	}
	return b.String()
}

// TestValidationBounded: the costliest document the limits let through
// validates in about the time of a normal query, so the request deadline
// need not interrupt validation.
func TestValidationBounded(t *testing.T) {
	srv := servertest.New(t, bundledStore(t), noPenalty)
	normal := timeNormal(t, srv)
	for name, q := range map[string]string{
		"20 __typename":          "{" + strings.Repeat(" __typename", 20) + " }",
		"20 of each root field":  "{" + strings.Repeat(" fields { code name } areas { code name } provinces { id name } handoffs { id }", 20) + " }",
		"15 conflicting aliases": "{" + strings.Repeat(" fields { code }", 20) + strings.Repeat(" fields: areas { code }", 15) + " }",
		"fragments at the limit": "{ provinces { ...A ...B } } fragment A on Province { id name " + strings.Repeat(" agencies { id name kind }", 19) + " } fragment B on Province { id " + strings.Repeat(" agencies { id kind }", 19) + " }",
	} {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			r := srv.Query(t, q, nil)
			took := time.Since(start)
			if r.Status != 200 && r.Status != 422 {
				t.Errorf("status %d, errors %.300v", r.Status, r.Errors)
			}
			if len(r.Errors) > graphDefaultMaxErrors+1 {
				t.Errorf("%d errors; at most %d are returned", len(r.Errors), graphDefaultMaxErrors+1)
			}
			if took > maxRatio*normal {
				t.Errorf("answered after %v, %.0f times a normal query (%v)", took, float64(took)/float64(normal), normal)
			}
		})
	}
}

// TestEchoesCut: a long argument is not echoed whole, a long operation name
// is not logged whole (a body over the limit is refused before either).
func TestEchoesCut(t *testing.T) {
	var logs syncBuffer
	srv := servertest.New(t, bundledStore(t), noPenalty, func(c *server.Config) { c.Logger = slog.New(slog.NewJSONHandler(&logs, nil)) })
	huge := strings.Repeat("x", 40_000) // the body limit refuses more
	for _, q := range []string{
		`{ agency(id: "` + huge + `") { id } }`,
		`{ planActions(filter: {deadlineBefore: "` + huge + `"}) { totalCount } }`,
		`{ agencies(after: "` + huge + `") { totalCount } }`,
	} {
		r := srv.Query(t, q, nil)
		if len(r.Errors) == 0 || !slices.Contains([]string{"BAD_USER_INPUT", "NOT_FOUND"}, r.Errors[0].Code()) {
			t.Errorf("errors %.300v; want BAD_USER_INPUT or NOT_FOUND", r.Errors)
		}
		for _, e := range r.Errors {
			if len(e.Message) > 1000 {
				t.Errorf("a message of %d bytes echoes the argument", len(e.Message))
			}
		}
	}
	name := strings.Repeat("N", 40_000)
	body, _ := json.Marshal(map[string]string{"query": "query " + name + " { provinces { id } }", "operationName": name})
	srv.Post(t, body, nil)
	body, _ = json.Marshal(map[string]string{"query": "query Q { provinces { id } }", "operationName": name})
	if r := srv.Post(t, body, nil); r.Status != 422 || len(r.Errors) == 0 || len(r.Errors[0].Message) > 1000 {
		t.Errorf("unknown operation name: status %d, errors %.300v", r.Status, r.Errors)
	}
	for _, line := range strings.Split(logs.String(), "\n") {
		if len(line) > 10_000 {
			t.Errorf("a log line of %d bytes", len(line))
		}
	}
}

// TestBusy: past the concurrent requests of a client, or the connections
// of the server, requests get 503 with Retry-After and the others go on.
func TestBusy(t *testing.T) {
	release := make(chan struct{})
	store := &blockingStore{Store: bundledStore(t), release: release}
	s, err := server.New(server.Config{Store: store, MaxPerClient: 2, MaxConcurrent: 3, MaxConns: 6, QueueWait: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	defer func() {
		cancel()
		<-served
	}()
	base := "http://" + ln.Addr().String()
	blocked := `{ search(text: "block") { id } }`

	var wg sync.WaitGroup
	for range 2 { // fill the client's share
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = postRaw(base, blocked, nil)
		}()
	}
	store.waitBlocked(t, 2)
	res, err := postRaw(base, `{ provinces { id } }`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 503 || res.Header.Get("Retry-After") == "" || !strings.Contains(res.body, "SERVER_BUSY") {
		t.Errorf("past the client's share: %d %q Retry-After %q", res.StatusCode, res.body, res.Header.Get("Retry-After"))
	}
	// Another client address (127.0.0.2 is loopback too) still gets in.
	other := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.2")}}
	res, err = postRaw(base, `{ provinces { id } }`, other)
	if err != nil {
		t.Skipf("no second loopback address here: %v", err)
	}
	if res.StatusCode != 200 {
		t.Errorf("another client: %d %s", res.StatusCode, res.body)
	}
	close(release)
	wg.Wait()

	// Connections past MaxConns: answered 503 and closed. Connections of the
	// requests above may still be closing, so dial until one is refused.
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	var refused string
	for range 12 {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		_ = c.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
		b, _ := io.ReadAll(c)
		if len(b) > 0 {
			refused = string(b)
			c.Close()
			break
		}
		conns = append(conns, c) // held open by the server
	}
	if !strings.HasPrefix(refused, "HTTP/1.1 503") || !strings.Contains(refused, "Retry-After: 1") || len(conns) > 6 {
		t.Errorf("after %d connections held, the next got %q; want 503 with Retry-After by the 7th", len(conns), refused)
	}
	for _, c := range conns {
		c.Close()
	}
	conns = nil
	for range 100 { // the server notices the closes
		if res, err := postRaw(base, `{ provinces { id } }`, nil); err == nil && res.StatusCode == 200 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Error("no answer after the connections closed")
}

type rawResponse struct {
	*http.Response
	body string
}

func postRaw(base, query string, dialer *net.Dialer) (*rawResponse, error) {
	tr := &http.Transport{}
	if dialer != nil {
		tr.DialContext = dialer.DialContext
	}
	defer tr.CloseIdleConnections()
	res, err := (&http.Client{Transport: tr, Timeout: 10 * time.Second}).Post(base+"/graphql", "application/json", bytes.NewReader(jsonQuery(query)))
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return &rawResponse{res, string(b)}, nil
}

// blockingStore holds a search for "block" until release is closed.
type blockingStore struct {
	regnet.Store
	release chan struct{}
	mu      sync.Mutex
	blocked int
}

func (s *blockingStore) Search(ctx context.Context, text string, limit int) ([]*regnet.SearchHit, error) {
	if text == "block" {
		s.mu.Lock()
		s.blocked++
		s.mu.Unlock()
		select {
		case <-s.release:
		case <-ctx.Done():
		}
	}
	return s.Store.Search(ctx, text, limit)
}

func (s *blockingStore) waitBlocked(t *testing.T, n int) {
	t.Helper()
	for range 500 {
		s.mu.Lock()
		b := s.blocked
		s.mu.Unlock()
		if b >= n {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%d requests never reached the store", n)
}

// TestResponseTooLarge: an answer over MaxResponseBytes is replaced by
// RESPONSE_TOO_LARGE, whatever the cost model estimated; smaller answers
// pass untouched.
func TestResponseTooLarge(t *testing.T) {
	srv := servertest.New(t, bundledStore(t), func(c *server.Config) { c.MaxResponseBytes = 4 << 10 })
	r := srv.Query(t, `{ provisions(first: 100) { edges { node { id text } } } }`, nil)
	if r.Status != 422 || len(r.Errors) != 1 || r.Errors[0].Code() != "RESPONSE_TOO_LARGE" {
		t.Errorf("status %d, errors %.300v; want 422 RESPONSE_TOO_LARGE", r.Status, r.Errors)
	}
	srv.MustQuery(t, `{ provinces { id } }`, nil)
}

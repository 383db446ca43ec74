package loadtest_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/regnet/regnet/loadtest"
)

// graphqlServer answers every POST with data, except that fail(n) decides,
// for the n-th request (from 1), to answer with a GraphQL error ("gql") or
// an HTTP 500 ("http"). It checks that each request carries the body sent.
func graphqlServer(t *testing.T, wantQuery string, fail func(n int64) string) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := n.Add(1)
		var body struct {
			Query     string         `json:"query"`
			Variables map[string]any `json:"variables"`
		}
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" {
			http.Error(w, "want a JSON POST", http.StatusBadRequest)
			return
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.Query != wantQuery {
			http.Error(w, "unexpected body", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		switch fail(i) {
		case "gql":
			io.WriteString(w, `{"errors":[{"message":"no province \"X\"","extensions":{"code":"NOT_FOUND"}}],"data":null}`)
		case "http":
			w.WriteHeader(http.StatusInternalServerError)
			io.WriteString(w, `{"errors":[{"message":"boom"}]}`)
		default:
			io.WriteString(w, `{"data":{"ok":true}}`)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func never(int64) string { return "" }

func request(t *testing.T, url, query string) loadtest.Request {
	t.Helper()
	body, err := loadtest.NewBody(query, nil)
	if err != nil {
		t.Fatal(err)
	}
	return loadtest.Request{URL: url, Body: body}
}

func TestRunRequests(t *testing.T) {
	const q = `{ ok }`
	srv, served := graphqlServer(t, q, never)
	res, err := loadtest.Run(context.Background(), loadtest.Config{
		Request: request(t, srv.URL, q), Clients: 4, Requests: 200,
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Requests != 200 || served.Load() != 200 {
		t.Errorf("sent %d requests, server saw %d; want 200", res.Requests, served.Load())
	}
	if res.Errors() != 0 {
		t.Errorf("errors: %d (%s)", res.Errors(), res.FirstError)
	}
	// Keep-alive: one connection per client, not one per request.
	if res.Conns < 1 || res.Conns > 4 {
		t.Errorf("opened %d connections for 4 clients", res.Conns)
	}
	l := res.Latency
	if !(0 < l.P50 && l.P50 <= l.P90 && l.P90 <= l.P95 && l.P95 <= l.P99 && l.P99 <= l.Max) {
		t.Errorf("percentiles out of order: %+v", l)
	}
	if res.Throughput() <= 0 {
		t.Errorf("throughput %v", res.Throughput())
	}
}

func TestRunCountsErrors(t *testing.T) {
	const q = `{ ok }`
	// Every 5th request gets a GraphQL error, every 7th an HTTP 500 (35th:
	// the 500 wins); of 100: 20 - 2 GraphQL errors, 14 HTTP errors.
	srv, _ := graphqlServer(t, q, func(n int64) string {
		switch {
		case n%7 == 0:
			return "http"
		case n%5 == 0:
			return "gql"
		}
		return ""
	})
	res, err := loadtest.Run(context.Background(), loadtest.Config{
		Request: request(t, srv.URL, q), Clients: 3, Requests: 100,
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Requests != 100 || res.GraphQLErrors != 18 || res.HTTPErrors != 14 || res.Errors() != 32 {
		t.Errorf("requests %d, graphql errors %d, http errors %d; want 100, 18, 14", res.Requests, res.GraphQLErrors, res.HTTPErrors)
	}
	if res.FirstError == "" || !strings.Contains(res.String(), "errors       32 (http 14, graphql 18)") {
		t.Errorf("summary does not show the errors:\n%s", res)
	}
}

func TestRunUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	res, err := loadtest.Run(context.Background(), loadtest.Config{
		Request: request(t, url, `{ ok }`), Clients: 2, Requests: 10,
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.HTTPErrors != 10 {
		t.Errorf("http errors %d, want 10 (%s)", res.HTTPErrors, res.FirstError)
	}
}

func TestRunDuration(t *testing.T) {
	const q = `{ ok }`
	srv, _ := graphqlServer(t, q, never)
	start := time.Now()
	res, err := loadtest.Run(context.Background(), loadtest.Config{
		Request: request(t, srv.URL, q), Clients: 2, Duration: 200 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took < 200*time.Millisecond || took > 5*time.Second {
		t.Errorf("a 200ms run took %v", took)
	}
	if res.Requests == 0 || res.Errors() != 0 {
		t.Errorf("requests %d, errors %d (%s)", res.Requests, res.Errors(), res.FirstError)
	}
}

func TestRunRate(t *testing.T) {
	const q = `{ ok }`
	srv, _ := graphqlServer(t, q, never)
	res, err := loadtest.Run(context.Background(), loadtest.Config{
		Request: request(t, srv.URL, q), Clients: 4, Rate: 200, Duration: 500 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	// 200/s for 0.5 s is 100 requests due; a busy machine may drop some,
	// but every one is either sent or counted as dropped.
	if res.Requests+res.Dropped != 100 || res.Requests == 0 {
		t.Errorf("sent %d, dropped %d; want 100 due", res.Requests, res.Dropped)
	}
}

func TestRunCancelled(t *testing.T) {
	const q = `{ ok }`
	srv, _ := graphqlServer(t, q, never)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	res, err := loadtest.Run(ctx, loadtest.Config{
		Request: request(t, srv.URL, q), Clients: 2, Duration: time.Hour,
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Elapsed > 5*time.Second || res.Errors() != 0 {
		t.Errorf("cancelled run took %v with %d errors (%s)", res.Elapsed, res.Errors(), res.FirstError)
	}
}

func TestRunNeedsABound(t *testing.T) {
	_, err := loadtest.Run(context.Background(), loadtest.Config{Request: loadtest.Request{URL: "http://127.0.0.1:1/graphql"}})
	if err == nil {
		t.Fatal("an unbounded run started")
	}
}

func TestSend(t *testing.T) {
	const q = `{ ok }`
	srv, _ := graphqlServer(t, q, func(n int64) string { return map[int64]string{2: "gql", 3: "http"}[n] })
	r := request(t, srv.URL, q)
	ctx := context.Background()

	body, err := r.Send(ctx)
	if err != nil || string(body) != `{"data":{"ok":true}}` {
		t.Errorf("first: %s, %v", body, err)
	}
	var gerr *loadtest.GraphQLError
	if _, err := r.Send(ctx); !errors.As(err, &gerr) || gerr.Messages[0] != `no province "X"` {
		t.Errorf("second: want a GraphQL error, got %v", err)
	}
	var herr *loadtest.HTTPError
	if _, err := r.Send(ctx); !errors.As(err, &herr) || herr.Status != http.StatusInternalServerError {
		t.Errorf("third: want an HTTP 500 error, got %v", err)
	}
}

func TestSummarize(t *testing.T) {
	var ds []time.Duration
	for i := 100; i >= 1; i-- {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	got := loadtest.Summarize(ds)
	want := loadtest.Percentiles{P50: 50 * time.Millisecond, P90: 90 * time.Millisecond, P95: 95 * time.Millisecond,
		P99: 99 * time.Millisecond, Max: 100 * time.Millisecond, Mean: 50500 * time.Microsecond}
	if got != want {
		t.Errorf("Summarize = %+v, want %+v", got, want)
	}
	if ds[0] != 100*time.Millisecond {
		t.Error("Summarize reordered its argument")
	}
	if (loadtest.Summarize(nil) != loadtest.Percentiles{}) {
		t.Error("Summarize(nil) is not zero")
	}
}

// Package loadtest sends one GraphQL request again and again from many
// concurrent clients and reports latency percentiles, throughput and errors.
// It exists so that the API's latency can be measured, and a bounded load run
// checked, with plain Go and no outside tool: cmd/loadgen and the benchmarks
// beside it use it.
package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Request is one GraphQL request over HTTP, to be sent many times.
type Request struct {
	URL    string       // the GraphQL endpoint, e.g. http://127.0.0.1:8080/graphql
	Body   []byte       // the JSON body, as NewBody makes it
	Client *http.Client // nil: http.DefaultClient
}

// NewBody returns the JSON body of a GraphQL POST: the query, sent as it is,
// and its variables (left out when there are none).
func NewBody(query string, variables map[string]any) ([]byte, error) {
	req := map[string]any{"query": query}
	if len(variables) > 0 {
		req["variables"] = variables
	}
	b, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("encode GraphQL request: %w", err)
	}
	return b, nil
}

// HTTPError is a request that got no GraphQL answer: the connection failed,
// the status was not 200 or the body was not JSON.
type HTTPError struct {
	Status int // 0 when no answer came
	Err    error
}

func (e *HTTPError) Error() string {
	if e.Status == 0 {
		return e.Err.Error()
	}
	return fmt.Sprintf("HTTP %d: %v", e.Status, e.Err)
}

func (e *HTTPError) Unwrap() error { return e.Err }

// GraphQLError is an answer whose "errors" list is not empty.
type GraphQLError struct {
	Messages []string
}

func (e *GraphQLError) Error() string {
	return "GraphQL errors: " + strings.Join(e.Messages, "; ")
}

// Send posts the request once and returns the whole answer. It reads the body
// to the end, so that the keep-alive connection can carry the next request,
// and decodes it to find GraphQL errors: a client sees those as failures as
// much as a 500.
func (r *Request) Send(ctx context.Context) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.URL, bytes.NewReader(r.Body))
	if err != nil {
		return nil, fmt.Errorf("new request to %s: %w", r.URL, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	client := r.Client
	if client == nil {
		client = http.DefaultClient
	}
	res, err := client.Do(req)
	if err != nil {
		return nil, &HTTPError{Err: err}
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, &HTTPError{Status: res.StatusCode, Err: fmt.Errorf("read answer: %w", err)}
	}
	if res.StatusCode != http.StatusOK {
		return body, &HTTPError{Status: res.StatusCode, Err: fmt.Errorf("answer %.200q", body)}
	}
	var answer struct {
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(body, &answer); err != nil {
		return body, &HTTPError{Status: res.StatusCode, Err: fmt.Errorf("answer is not JSON: %w", err)}
	}
	if len(answer.Errors) > 0 {
		gerr := &GraphQLError{}
		for _, e := range answer.Errors {
			gerr.Messages = append(gerr.Messages, e.Message)
		}
		return body, gerr
	}
	return body, nil
}

// Config bounds a load run. Duration, Requests or both must be set, so that
// every run ends by itself.
type Config struct {
	Request  Request
	Clients  int           // concurrent clients, each with one request in flight (default 1)
	Duration time.Duration // no request starts after this long
	Requests int           // no more than this many requests in all
	// Rate, when set, is the requests per second the clients send in all, on
	// a fixed schedule: latency then counts from when a request was due, so
	// that a server that falls behind shows it in its percentiles rather than
	// slowing the clients down (no coordinated omission). Without a rate each client
	// sends its next request as soon as the previous one is answered.
	Rate    float64
	Timeout time.Duration // per request (default 30s), when Request.Client is nil
}

// Result is what a load run measured. Latency covers every request, failed
// ones too.
type Result struct {
	Clients       int
	Requests      int // requests sent and answered or failed
	HTTPErrors    int
	GraphQLErrors int
	FirstError    string
	Dropped       int   // requests a Rate schedule had due that were never sent
	Conns         int64 // TCP connections dialled (when Run made the client)
	Elapsed       time.Duration
	Latency       Percentiles
}

// Errors counts the failed requests of both kinds.
func (r *Result) Errors() int { return r.HTTPErrors + r.GraphQLErrors }

// Throughput is requests per second over the whole run.
func (r *Result) Throughput() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// String is the summary cmd/loadgen prints.
func (r *Result) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "requests     %d in %.1fs from %d clients: %.1f req/s\n", r.Requests, r.Elapsed.Seconds(), r.Clients, r.Throughput())
	fmt.Fprintf(&b, "errors       %d (http %d, graphql %d)\n", r.Errors(), r.HTTPErrors, r.GraphQLErrors)
	if r.FirstError != "" {
		fmt.Fprintf(&b, "first error  %s\n", r.FirstError)
	}
	if r.Dropped > 0 {
		fmt.Fprintf(&b, "dropped      %d requests due but not sent\n", r.Dropped)
	}
	if r.Conns > 0 {
		fmt.Fprintf(&b, "connections  %d\n", r.Conns)
	}
	l := r.Latency
	fmt.Fprintf(&b, "latency      p50 %v  p90 %v  p95 %v  p99 %v  max %v  mean %v\n",
		round(l.P50), round(l.P90), round(l.P95), round(l.P99), round(l.Max), round(l.Mean))
	return b.String()
}

func round(d time.Duration) time.Duration { return d.Round(10 * time.Microsecond) }

// Percentiles summarise latencies (nearest rank).
type Percentiles struct {
	P50, P90, P95, P99, Max, Mean time.Duration
}

// Summarize returns the percentiles of ds; ds is left as it was.
func Summarize(ds []time.Duration) Percentiles {
	if len(ds) == 0 {
		return Percentiles{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	at := func(p float64) time.Duration {
		i := int(math.Ceil(p*float64(len(s)))) - 1
		return s[min(max(i, 0), len(s)-1)]
	}
	var sum time.Duration
	for _, d := range s {
		sum += d
	}
	return Percentiles{P50: at(0.50), P90: at(0.90), P95: at(0.95), P99: at(0.99),
		Max: s[len(s)-1], Mean: sum / time.Duration(len(s))}
}

// Run sends cfg.Request from cfg.Clients clients until Duration has passed
// or Requests have been sent, then waits for the answers in flight. When ctx
// ends first, Run stops early; requests cut short by it are not counted.
// The error is for a run that could not start; failed requests are counted
// in the Result.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	if cfg.Request.URL == "" {
		return nil, errors.New("loadtest: no URL")
	}
	if cfg.Duration <= 0 && cfg.Requests <= 0 {
		return nil, errors.New("loadtest: give a duration or a number of requests, so that the run ends")
	}
	cfg.Clients = max(cfg.Clients, 1)
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	req := cfg.Request
	var dials atomic.Int64
	if req.Client == nil {
		req.Client = newClient(cfg.Clients, cfg.Timeout, &dials)
		defer req.Client.CloseIdleConnections()
	}

	start := time.Now()
	var end time.Time
	if cfg.Duration > 0 {
		end = start.Add(cfg.Duration)
	}
	// next hands a client its next request: when it is due, or false when the
	// run is over.
	var next func() (time.Time, bool)
	var sent atomic.Int64
	if cfg.Rate > 0 {
		due := schedule(ctx, start, end, cfg.Rate, cfg.Requests)
		next = func() (time.Time, bool) {
			t, ok := <-due
			return t, ok
		}
	} else {
		next = func() (time.Time, bool) {
			now := time.Now()
			if ctx.Err() != nil || (!end.IsZero() && !now.Before(end)) {
				return now, false
			}
			return now, cfg.Requests <= 0 || sent.Add(1) <= int64(cfg.Requests)
		}
	}

	res := &Result{Clients: cfg.Clients}
	var mu sync.Mutex
	var latencies []time.Duration
	var wg sync.WaitGroup
	for range cfg.Clients {
		wg.Go(func() {
			var mine []time.Duration
			for {
				due, ok := next()
				if !ok {
					break
				}
				_, err := req.Send(ctx)
				took := time.Since(due)
				if ctx.Err() != nil {
					break
				}
				mine = append(mine, took)
				if err != nil {
					mu.Lock()
					var gerr *GraphQLError
					if errors.As(err, &gerr) {
						res.GraphQLErrors++
					} else {
						res.HTTPErrors++
					}
					if res.FirstError == "" {
						res.FirstError = err.Error()
					}
					mu.Unlock()
				}
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	res.Requests = len(latencies)
	res.Latency = Summarize(latencies)
	res.Conns = dials.Load()
	if cfg.Rate > 0 && cfg.Duration > 0 && ctx.Err() == nil {
		want := int(cfg.Rate * cfg.Duration.Seconds())
		if cfg.Requests > 0 {
			want = min(want, cfg.Requests)
		}
		res.Dropped = max(want-res.Requests, 0)
	}
	return res, nil
}

// schedule sends on the channel it returns the times requests are due at
// rate per second from start, until end or n requests (whichever is set and
// comes first), then closes it. A due time waits there until a client is
// free; past end, requests still waiting are dropped.
func schedule(ctx context.Context, start, end time.Time, rate float64, n int) <-chan time.Time {
	due := make(chan time.Time)
	interval := time.Duration(float64(time.Second) / rate)
	go func() {
		defer close(due)
		timer := time.NewTimer(0)
		defer timer.Stop()
		for i := 0; n <= 0 || i < n; i++ {
			t := start.Add(time.Duration(i) * interval)
			if !end.IsZero() && (!t.Before(end) || !time.Now().Before(end)) {
				return
			}
			timer.Reset(time.Until(t))
			select {
			case <-ctx.Done():
				return
			case <-timer.C:
			}
			select {
			case <-ctx.Done():
				return
			case due <- t:
			}
		}
	}()
	return due
}

// newClient returns an HTTP client that keeps a connection per client alive
// (the default keeps only two idle ones per host, so 50 clients would keep
// dialling) and counts the connections it opens in dials.
func newClient(clients int, timeout time.Duration, dials *atomic.Int64) *http.Client {
	dialer := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns = clients
	tr.MaxIdleConnsPerHost = clients
	// No more connections than clients: without this bound the transport
	// may dial a spare connection while another is on its way back to the
	// idle pool, and a run would hold more connections than it has clients.
	tr.MaxConnsPerHost = clients
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		dials.Add(1)
		return dialer.DialContext(ctx, network, addr)
	}
	return &http.Client{Transport: tr, Timeout: timeout}
}

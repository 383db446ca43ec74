// Package servertest runs a regnet server around any regnet.Store over real
// HTTP, for end-to-end tests: send a query, read data, errors and codes.
package servertest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/server"
)

// Server is a running test server.
type Server struct {
	URL    string // base URL, no trailing slash
	Client *http.Client
}

// New starts a server around store on a local port and stops it when the
// test ends. configure, when given, may change the configuration first.
func New(tb testing.TB, store regnet.Store, configure ...func(*server.Config)) *Server {
	tb.Helper()
	cfg := server.Config{Store: store}
	for _, f := range configure {
		f(&cfg)
	}
	s, err := server.New(cfg)
	if err != nil {
		tb.Fatalf("server.New: %v", err)
	}
	ts := httptest.NewServer(s)
	tb.Cleanup(ts.Close)
	return &Server{URL: ts.URL, Client: ts.Client()}
}

// Response is a GraphQL response with its HTTP status.
type Response struct {
	Status int             `json:"-"`
	Header http.Header     `json:"-"`
	Data   json.RawMessage `json:"data"`
	Errors []Error         `json:"errors"`
}

// Error is one GraphQL error.
type Error struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// Code returns the error's extensions.code.
func (e Error) Code() string {
	c, _ := e.Extensions["code"].(string)
	return c
}

// Codes returns the codes of the response's errors, in order.
func (r *Response) Codes() []string {
	var cs []string
	for _, e := range r.Errors {
		cs = append(cs, e.Code())
	}
	return cs
}

// Decode decodes the data into v, failing the test when it cannot.
func (r *Response) Decode(tb testing.TB, v any) {
	tb.Helper()
	if err := json.Unmarshal(r.Data, v); err != nil {
		tb.Fatalf("decode data %s: %v", r.Data, err)
	}
}

// Query posts a query (with variables, which may be nil) to /graphql.
func (s *Server) Query(tb testing.TB, query string, variables map[string]any) *Response {
	tb.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": variables})
	if err != nil {
		tb.Fatalf("encode request: %v", err)
	}
	return s.Post(tb, body, nil)
}

// MustQuery is Query failing the test on any status but 200 or any error.
func (s *Server) MustQuery(tb testing.TB, query string, variables map[string]any) *Response {
	tb.Helper()
	r := s.Query(tb, query, variables)
	if r.Status != http.StatusOK || len(r.Errors) > 0 {
		tb.Fatalf("query answered %d with errors %+v", r.Status, r.Errors)
	}
	return r
}

// Post posts a raw body to /graphql with extra headers (Content-Type is
// application/json unless headers say otherwise).
func (s *Server) Post(tb testing.TB, body []byte, headers http.Header) *Response {
	tb.Helper()
	req, err := http.NewRequest(http.MethodPost, s.URL+"/graphql", bytes.NewReader(body))
	if err != nil {
		tb.Fatalf("new request: %v", err)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, vs := range headers {
		req.Header[k] = vs
	}
	return s.Do(tb, req)
}

// Get sends a query with GET.
func (s *Server) Get(tb testing.TB, query string) *Response {
	tb.Helper()
	req, err := http.NewRequest(http.MethodGet, s.URL+"/graphql?query="+url.QueryEscape(query), nil)
	if err != nil {
		tb.Fatalf("new request: %v", err)
	}
	return s.Do(tb, req)
}

// Do sends req and decodes a GraphQL response.
func (s *Server) Do(tb testing.TB, req *http.Request) *Response {
	tb.Helper()
	res, err := s.Client.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatalf("read response: %v", err)
	}
	r := &Response{Status: res.StatusCode, Header: res.Header}
	if err := json.Unmarshal(b, r); err != nil {
		tb.Fatalf("%s %s answered %d with a body that is not JSON: %q", req.Method, req.URL.Path, res.StatusCode, b)
	}
	return r
}

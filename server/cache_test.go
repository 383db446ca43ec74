package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/server"
	"github.com/regnet/regnet/server/servertest"
	"github.com/regnet/regnet/store/memory"
	"github.com/regnet/regnet/store/storetest"
)

// versionedStore counts store calls and has a version the test moves, as a
// load committed by another process would.
type versionedStore struct {
	*storetest.Counting
	version  atomic.Int64
	versions atomic.Int64 // Version calls
}

func (s *versionedStore) Version(ctx context.Context) (int64, error) {
	s.versions.Add(1)
	return s.version.Load(), ctx.Err()
}

func newVersionedStore() *versionedStore {
	return &versionedStore{Counting: storetest.NewCounting(memory.New(storetest.Fixture()))}
}

const agenciesQuery = `query A($p: String, $first: Int) { agencies(filter: {province: $p}, first: $first) { totalCount edges { node { id name } } } }`

func cacheStatus(t *testing.T, r *servertest.Response) string {
	t.Helper()
	if r.Status != http.StatusOK || len(r.Errors) > 0 {
		t.Fatalf("answered %d with errors %+v", r.Status, r.Errors)
	}
	return r.Header.Get(server.CacheHeader)
}

func TestCacheServesRepeatsUntilTheVersionChanges(t *testing.T) {
	st := newVersionedStore()
	srv := servertest.New(t, st, func(c *server.Config) { c.CacheCheckInterval = -1 })
	vars := map[string]any{"p": "Điện Biên", "first": 5}

	first := srv.Query(t, agenciesQuery, vars)
	if got := cacheStatus(t, first); got != "miss" {
		t.Fatalf("first request: %s %q, want miss", server.CacheHeader, got)
	}
	if _, n := st.Take(); n == 0 {
		t.Fatal("the first request did not reach the store")
	}

	// The same request with its variables in another order and spacing.
	again := srv.Post(t, []byte(`{"variables": {"first": 5,  "p": "Điện Biên"}, "query": `+quote(agenciesQuery)+`}`), nil)
	if got := cacheStatus(t, again); got != "hit" {
		t.Fatalf("repeated request: %s %q, want hit", server.CacheHeader, got)
	}
	if calls, n := st.Take(); n != 0 {
		t.Errorf("a cached answer called the store: %v", calls)
	}
	if string(again.Data) != string(first.Data) {
		t.Errorf("cached answer %s differs from the first %s", again.Data, first.Data)
	}

	// Other variables are another question.
	other := srv.Query(t, agenciesQuery, map[string]any{"p": "Điện Biên", "first": 1})
	if got := cacheStatus(t, other); got != "miss" {
		t.Errorf("other variables: %s %q, want miss", server.CacheHeader, got)
	}

	// A load: the next request is computed again.
	st.version.Add(1)
	st.Take()
	after := srv.Query(t, agenciesQuery, vars)
	if got := cacheStatus(t, after); got != "miss" {
		t.Errorf("after a new version: %s %q, want miss", server.CacheHeader, got)
	}
	if _, n := st.Take(); n == 0 {
		t.Error("after a new version the answer did not come from the store")
	}
}

func TestCacheReadsTheVersionOncePerInterval(t *testing.T) {
	st := newVersionedStore()
	srv := servertest.New(t, st, func(c *server.Config) { c.CacheCheckInterval = time.Hour })
	for range 5 {
		srv.MustQuery(t, agenciesQuery, nil)
	}
	if n := st.versions.Load(); n != 1 {
		t.Errorf("5 requests within the interval read the version %d times, want 1", n)
	}
}

func TestCacheKeepsNoErrors(t *testing.T) {
	st := newVersionedStore()
	srv := servertest.New(t, st, func(c *server.Config) { c.CacheCheckInterval = -1 })
	const q = `{ agency(id: "no such agency") { id } nosuchfield }`
	for i := range 2 {
		r := srv.Query(t, q, nil)
		if len(r.Errors) == 0 {
			t.Fatalf("request %d: no errors for an unknown field", i)
		}
		if got := r.Header.Get(server.CacheHeader); got == "hit" {
			t.Fatalf("request %d: an answer with errors came from the cache", i)
		}
	}
}

func TestCacheOffAndBound(t *testing.T) {
	st := newVersionedStore()
	off := servertest.New(t, st, func(c *server.Config) { c.CacheBytes = -1 })
	for range 2 {
		if got := cacheStatus(t, off.Query(t, agenciesQuery, nil)); got != "" {
			t.Fatalf("cache off: %s %q", server.CacheHeader, got)
		}
	}

	// Room for four answers of this size: the fifth evicts the least
	// recently used. Pages longer than the fixture's list give answers of
	// one size for different requests.
	page := func(n int) map[string]any { return map[string]any{"first": n} }
	probe := servertest.New(t, st, func(c *server.Config) { c.CacheBytes = -1 }).Query(t, agenciesQuery, page(50))
	size := len(probe.Data) + len(agenciesQuery) + 300
	small := servertest.New(t, st, func(c *server.Config) {
		c.CacheBytes = int64(4 * size)
		c.CacheCheckInterval = -1
	})
	for _, step := range []struct {
		first int
		want  string
	}{
		{50, "miss"}, {51, "miss"}, {52, "miss"}, {53, "miss"},
		{50, "hit"},  // 50 is now the most recently used
		{54, "miss"}, // evicts 51
		{51, "miss"}, // evicts 52
		{50, "hit"},
		{53, "hit"},
	} {
		if got := cacheStatus(t, small.Query(t, agenciesQuery, page(step.first))); got != step.want {
			t.Errorf("first=%d: %s %q, want %q", step.first, server.CacheHeader, got, step.want)
		}
	}
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

var _ regnet.Versioned = (*versionedStore)(nil)

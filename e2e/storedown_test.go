package e2e_test

import (
	"context"
	"net/http"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/data"
	"github.com/regnet/regnet/loader"
	"github.com/regnet/regnet/server"
	"github.com/regnet/regnet/server/servertest"
	"github.com/regnet/regnet/store/neo4j"
	"github.com/regnet/regnet/store/neo4j/neo4jtest"
)

// TestNeo4jGoesAway serves the API from a Neo4j of the test's own, kills
// the database, and checks what clients see: STORE_UNAVAILABLE on queries,
// /readyz failing while /healthz still answers; then starts the database
// again on the same data and checks that the same server, never restarted,
// answers again.
func TestNeo4jGoesAway(t *testing.T) {
	neo4jtest.URI(t) // runs where the other Neo4j tests run; fails in CI without one
	ctx := context.Background()
	data, port := filepath.Join(t.TempDir(), "neo4j"), neo4jtest.FreePort(t)
	db := neo4jtest.Start(t, data, port)
	// A short retry time: the driver would otherwise retry for 30 s.
	s, err := neo4j.Open(ctx, neo4j.Config{URI: db.URI, RetryTime: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	ds := parsed(t)
	if _, err := s.Load(ctx, ds); err != nil {
		t.Fatal(err)
	}
	// Without the answer cache: the test times queries that reach the store.
	srv := servertest.New(t, s, func(c *server.Config) { c.CacheBytes = -1 })
	const query = `{ provinces { name } }`

	if r := srv.Query(t, query, nil); len(r.Errors) > 0 {
		t.Fatalf("with the database up: %v", r.Errors)
	}
	status(t, srv, "/readyz", http.StatusOK)

	normal := time.Hour
	for range 5 {
		start := time.Now()
		srv.MustQuery(t, query, nil)
		normal = min(normal, time.Since(start))
	}

	db.Kill()
	r := srv.Query(t, query, nil)
	if !slices.Contains(r.Codes(), "STORE_UNAVAILABLE") {
		t.Errorf("with the database down: codes %v, want STORE_UNAVAILABLE", r.Codes())
	}
	status(t, srv, "/readyz", http.StatusServiceUnavailable)
	status(t, srv, "/healthz", http.StatusOK)
	// Known down: every request fails at once, in about a normal query's
	// time (the first one waited for the driver).
	for range 5 {
		start := time.Now()
		r := srv.Query(t, query, nil)
		took := time.Since(start)
		if r.Status != http.StatusServiceUnavailable || !slices.Equal(r.Codes(), []string{"STORE_UNAVAILABLE"}) {
			t.Errorf("while known down: status %d, codes %v; want 503 STORE_UNAVAILABLE", r.Status, r.Codes())
		}
		if took > 20*normal {
			t.Errorf("while known down: failed after %v, a normal query takes %v", took, normal)
		}
	}

	neo4jtest.Start(t, data, port)
	// The driver reconnects on its own; give it a bounded number of tries.
	deadline := time.Now().Add(60 * time.Second)
	for {
		res, err := srv.Client.Get(srv.URL + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("/readyz did not recover within 60 s of the database coming back")
		}
		time.Sleep(200 * time.Millisecond)
	}
	// The breaker closes by itself: the readiness check passed.
	r = srv.Query(t, query, nil)
	if len(r.Errors) > 0 {
		t.Fatalf("after the database came back: %v", r.Errors)
	}
	var got struct{ Provinces []struct{ Name string } }
	r.Decode(t, &got)
	if len(got.Provinces) != len(ds.Provinces) {
		t.Errorf("after the database came back: %d provinces, want %d", len(got.Provinces), len(ds.Provinces))
	}
}

// status checks the HTTP status of a GET.
func status(t *testing.T, srv *servertest.Server, path string, want int) {
	t.Helper()
	res, err := srv.Client.Get(srv.URL + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	res.Body.Close()
	if res.StatusCode != want {
		t.Errorf("GET %s: %d, want %d", path, res.StatusCode, want)
	}
}

// parsed returns the bundled documents, parsed.
func parsed(t *testing.T) *regnet.Dataset {
	t.Helper()
	ds, err := loader.New().ParseFS(data.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

package neo4j_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/server"
	"github.com/regnet/regnet/server/servertest"
	"github.com/regnet/regnet/store/storetest"
)

// TestVersion checks that every committed load moves the version and a
// failed one does not, so that caches keyed by version see each load.
func TestVersion(t *testing.T) {
	s := openStore(t, serverURI(t))
	ctx := context.Background()
	if err := s.Wipe(ctx); err != nil {
		t.Fatal(err)
	}
	version := func() int64 {
		t.Helper()
		v, err := s.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if v := version(); v != 0 {
		t.Fatalf("empty database: version %d, want 0", v)
	}
	if _, err := s.Load(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	v1 := version()
	if v1 == 0 {
		t.Fatal("a load left the version at 0")
	}
	// A load that changes nothing is still a load.
	if _, err := s.Load(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	v2 := version()
	if v2 == v1 {
		t.Errorf("a second load left the version at %d", v2)
	}

	s.BeforeBatch(func(_ context.Context, _ driver.ManagedTransaction, done int, _ string) error {
		if done == 2 {
			return errors.New("stop")
		}
		return nil
	})
	_, err := s.Load(ctx, storetest.Fixture())
	s.BeforeBatch(nil)
	if err == nil {
		t.Fatal("a load stopped halfway succeeded")
	}
	if v := version(); v != v2 {
		t.Errorf("a failed load moved the version from %d to %d", v2, v)
	}
}

// TestCacheSeesALoad serves the API from Neo4j with the answer cache on and
// checks that a load committed through another store value (as `regnet
// load` in another process would) is seen by the next request.
func TestCacheSeesALoad(t *testing.T) {
	uri := serverURI(t)
	s := openStore(t, uri)
	ctx := context.Background()
	if err := s.Wipe(ctx); err != nil {
		t.Fatal(err)
	}
	ds := storetest.Fixture()
	if _, err := s.Load(ctx, ds); err != nil {
		t.Fatal(err)
	}
	srv := servertest.New(t, s, func(c *server.Config) { c.CacheCheckInterval = -1 })
	const q = `{ provinces { name } }`
	before := srv.MustQuery(t, q, nil)
	if got := srv.MustQuery(t, q, nil).Header.Get(server.CacheHeader); got != "hit" {
		t.Fatalf("repeated query: %s %q, want hit", server.CacheHeader, got)
	}

	more := storetest.Fixture()
	more.Provinces = append(more.Provinces, regnet.Province{ID: "prov:cache-test", Name: "Tỉnh Thử"})
	if _, err := openStore(t, uri).Load(ctx, more); err != nil {
		t.Fatal(err)
	}
	after := srv.MustQuery(t, q, nil)
	if got := after.Header.Get(server.CacheHeader); got != "miss" {
		t.Errorf("after a load: %s %q, want miss", server.CacheHeader, got)
	}
	if !strings.Contains(string(after.Data), "Tỉnh Thử") || strings.Contains(string(before.Data), "Tỉnh Thử") {
		t.Errorf("the new province is not in the answer after the load: before %s, after %s", before.Data, after.Data)
	}
}

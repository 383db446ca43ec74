package neo4j_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/store/neo4j"
	"github.com/regnet/regnet/store/neo4j/neo4jtest"
	"github.com/regnet/regnet/store/storetest"
)

// TestLoadWhenServerStops kills the server in the middle of a big load,
// starts it again on the same data and checks that the graph is the one
// before the load: the transaction never committed, so recovery drops it.
func TestLoadWhenServerStops(t *testing.T) {
	serverURI(t) // runs where the other Neo4j tests run
	if testing.Short() {
		t.Skip("starts a Neo4j server of its own")
	}
	ctx := context.Background()
	data, port := filepath.Join(t.TempDir(), "neo4j"), neo4jtest.FreePort(t)
	t0 := time.Now()
	srv := neo4jtest.Start(t, data, port)
	t.Logf("server started in %v", time.Since(t0).Round(time.Millisecond))
	uri := "bolt://127.0.0.1:" + port
	// A short retry time: the driver would otherwise retry the dead
	// transaction for 30 s before giving up.
	s, err := neo4j.Open(ctx, neo4j.Config{URI: uri, RetryTime: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	t0 = time.Now()
	if _, err := s.Load(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	before := dump(t, s)
	t.Logf("fixture loaded in %v", time.Since(t0).Round(time.Millisecond))

	big := bigDataset(1500)
	killed := false
	s.Progress = func(done, total int, what string) {
		if !killed && done >= total/2 {
			killed = true
			srv.Kill()
		}
	}
	t0 = time.Now()
	_, err = s.Load(ctx, big)
	t.Logf("the load failed after %v: %v", time.Since(t0).Round(time.Millisecond), err)
	s.Progress = nil
	if !killed {
		t.Fatal("the load ended before the server was stopped")
	}
	if code := regnet.ErrorCode(err); code != regnet.EUNAVAILABLE {
		t.Errorf("load with the server gone: %v (code %q), want %q", err, code, regnet.EUNAVAILABLE)
	}
	if code := regnet.ErrorCode(s.Ping(ctx)); code != regnet.EUNAVAILABLE {
		t.Errorf("ping with the server gone: code %q, want %q", code, regnet.EUNAVAILABLE)
	}

	t0 = time.Now()
	neo4jtest.Start(t, data, port)
	t.Logf("server restarted in %v", time.Since(t0).Round(time.Millisecond))
	// The same store, whose connections died with the server, reconnects.
	t0 = time.Now()
	sameGraph(t, "after the restart", dump(t, s), before)
	t.Logf("graph read after the restart in %v", time.Since(t0).Round(time.Millisecond))
	if err := s.Ping(ctx); err != nil {
		t.Errorf("ping after the restart: %v", err)
	}
}

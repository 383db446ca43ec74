package loadtest_test

import (
	"context"
	"net"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/regnet/regnet/loadtest"
	"github.com/regnet/regnet/server"
	"github.com/regnet/regnet/store/storetest"
)

// TestLoadRun is the bounded load run in one process: the bundled documents
// in Neo4j, the server on loopback, and cmd/loadgen's run against it for
// each client query. It takes a minute, so it runs only when asked:
//
//	REGNET_LOADTEST=1 NEO4J_URI=bolt://… go test ./loadtest -run TestLoadRun -v
//
// REGNET_LOADTEST_CLIENTS (default 50), REGNET_LOADTEST_DURATION (30s),
// REGNET_LOADTEST_RATE (requests per second; default none: closed loop) and
// REGNET_LOADTEST_BATCH_WAIT (server.Config.BatchWait; default the
// server's) change the run. It fails when any request fails.
func TestLoadRun(t *testing.T) {
	if os.Getenv("REGNET_LOADTEST") == "" {
		t.Skip("set REGNET_LOADTEST=1 to run the load test")
	}
	clients := envInt(t, "REGNET_LOADTEST_CLIENTS", 50)
	duration := envDuration(t, "REGNET_LOADTEST_DURATION", 30*time.Second)
	wait := envDuration(t, "REGNET_LOADTEST_BATCH_WAIT", 0)
	rate, err := strconv.ParseFloat(envOr("REGNET_LOADTEST_RATE", "0"), 64)
	if err != nil {
		t.Fatalf("REGNET_LOADTEST_RATE: %v", err)
	}

	e := fixture(t)
	store := storetest.NewCounting(e.store)
	srv, err := server.New(server.Config{Store: store, BatchWait: wait})
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

	for _, file := range []string{handoffChainFile, agencyFile} {
		store.Take()
		res, err := loadtest.Run(context.Background(), loadtest.Config{
			Request: newRequest(t, url, file), Clients: clients, Duration: duration, Rate: rate,
		})
		if err != nil {
			t.Fatal(err)
		}
		_, calls := store.Take()
		waitName := "the default"
		if wait > 0 {
			waitName = wait.String()
		}
		t.Logf("%s, batch wait %s:\n%sstore calls  %.2f per request", file, waitName, res, float64(calls)/float64(max(res.Requests, 1)))
		if res.Errors() > 0 {
			t.Errorf("%s: %d of %d requests failed; first: %s", file, res.Errors(), res.Requests, res.FirstError)
		}
	}
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func envInt(t *testing.T, name string, def int) int {
	t.Helper()
	n, err := strconv.Atoi(envOr(name, strconv.Itoa(def)))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return n
}

func envDuration(t *testing.T, name string, def time.Duration) time.Duration {
	t.Helper()
	d, err := time.ParseDuration(envOr(name, def.String()))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return d
}

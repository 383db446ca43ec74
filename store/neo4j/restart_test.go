package neo4j_test

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/store/neo4j"
	"github.com/regnet/regnet/store/storetest"
)

// server is a Neo4j of the test's own, run by scripts/neo4j-launcher on a
// data folder the test chooses, so that it can be killed and started again
// on the same data. (scripts/neo4j gives every start a fresh data folder.)
type server struct {
	cmd  *exec.Cmd
	done chan struct{}
}

// startServer starts Neo4j on data and port and waits until Bolt answers.
func startServer(t *testing.T, data, port string) *server {
	t.Helper()
	launcher, err := filepath.Abs("../../scripts/neo4j-launcher")
	if err != nil {
		t.Fatal(err)
	}
	for _, need := range []string{"target/classes/regnet/Neo4jLauncher.class", "target/lib"} {
		if _, err := os.Stat(filepath.Join(launcher, need)); err != nil {
			t.Fatalf("the Neo4j launcher is not built (%v): run scripts/neo4j build", err)
		}
	}
	java := "java"
	if home := os.Getenv("JAVA_HOME"); home != "" {
		java = filepath.Join(home, "bin", "java")
	}
	log, err := os.Create(filepath.Join(t.TempDir(), "neo4j.log"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { log.Close() })
	cmd := exec.Command(java,
		"-Xms256m", "-Xmx1g", "-XX:+UseG1GC",
		"--add-opens=java.base/java.nio=ALL-UNNAMED",
		"--add-opens=java.base/java.io=ALL-UNNAMED",
		"--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
		"-cp", filepath.Join(launcher, "target/classes")+":"+filepath.Join(launcher, "target/lib/*"),
		"regnet.Neo4jLauncher", data, port)
	cmd.Stderr = log
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start Neo4j: %v", err)
	}
	srv := &server{cmd: cmd, done: make(chan struct{})}
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(out)
		ok := false
		for sc.Scan() {
			if !ok && strings.HasPrefix(sc.Text(), "ready bolt://") {
				ok = true
				ready <- true
			}
		}
		if !ok {
			ready <- false
		}
	}()
	go func() {
		cmd.Wait()
		close(srv.done)
	}()
	t.Cleanup(srv.kill)
	select {
	case ok := <-ready:
		if !ok {
			srv.kill()
			t.Fatalf("Neo4j exited during start; log: %s", log.Name())
		}
	case <-time.After(3 * time.Minute):
		srv.kill()
		t.Fatalf("Neo4j did not start within 3 minutes; log: %s", log.Name())
	}
	return srv
}

// kill stops the server at once (SIGKILL), as a crash would, and waits for
// it to exit.
func (s *server) kill() {
	select {
	case <-s.done:
		return
	default:
	}
	s.cmd.Process.Kill()
	<-s.done
}

// TestLoadWhenServerStops kills the server in the middle of a big load,
// starts it again on the same data and checks that the graph is the one
// before the load: the transaction never committed, so recovery drops it.
func TestLoadWhenServerStops(t *testing.T) {
	serverURI(t) // runs where the other Neo4j tests run
	if testing.Short() {
		t.Skip("starts a Neo4j server of its own")
	}
	ctx := context.Background()
	data, port := filepath.Join(t.TempDir(), "neo4j"), freePort(t)
	t0 := time.Now()
	srv := startServer(t, data, port)
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
			srv.kill()
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
	startServer(t, data, port)
	t.Logf("server restarted in %v", time.Since(t0).Round(time.Millisecond))
	// The same store, whose connections died with the server, reconnects.
	t0 = time.Now()
	sameGraph(t, "after the restart", dump(t, s), before)
	t.Logf("graph read after the restart in %v", time.Since(t0).Round(time.Millisecond))
	if err := s.Ping(ctx); err != nil {
		t.Errorf("ping after the restart: %v", err)
	}
}

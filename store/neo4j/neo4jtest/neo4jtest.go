// Package neo4jtest gives tests a Neo4j of their own: started by the
// project's launcher (scripts/neo4j-launcher) on a data folder and port the
// test chooses, so that a test can kill it as a crash would and start it
// again on the same data. (scripts/neo4j gives every start a fresh data
// folder, and is shared by all the tests of a run.)
package neo4jtest

import (
	"bufio"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Server is a running Neo4j.
type Server struct {
	URI  string
	cmd  *exec.Cmd
	done chan struct{}
}

// launcherDir finds scripts/neo4j-launcher from this source file, so that
// tests in any package find it.
func launcherDir(tb testing.TB) string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		tb.Fatal("neo4jtest: cannot find its own source file")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "scripts", "neo4j-launcher")
}

// Start starts Neo4j on the data folder and port and waits until Bolt
// answers. The server is killed when the test ends.
func Start(tb testing.TB, data, port string) *Server {
	tb.Helper()
	launcher := launcherDir(tb)
	for _, need := range []string{"target/classes/regnet/Neo4jLauncher.class", "target/lib"} {
		if _, err := os.Stat(filepath.Join(launcher, need)); err != nil {
			tb.Fatalf("the Neo4j launcher is not built (%v): run scripts/neo4j build", err)
		}
	}
	java := "java"
	if home := os.Getenv("JAVA_HOME"); home != "" {
		java = filepath.Join(home, "bin", "java")
	}
	log, err := os.Create(filepath.Join(tb.TempDir(), "neo4j.log"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { log.Close() })
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
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatalf("start Neo4j: %v", err)
	}
	srv := &Server{URI: "bolt://127.0.0.1:" + port, cmd: cmd, done: make(chan struct{})}
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
	tb.Cleanup(srv.Kill)
	select {
	case ok := <-ready:
		if !ok {
			srv.Kill()
			tb.Fatalf("Neo4j exited during start; log: %s", log.Name())
		}
	case <-time.After(3 * time.Minute):
		srv.Kill()
		tb.Fatalf("Neo4j did not start within 3 minutes; log: %s", log.Name())
	}
	return srv
}

// Kill stops the server at once (SIGKILL), as a crash would, and waits for
// it to exit.
func (s *Server) Kill() {
	select {
	case <-s.done:
		return
	default:
	}
	s.cmd.Process.Kill()
	<-s.done
}

// FreePort returns a TCP port on 127.0.0.1 that nothing listens on.
func FreePort(tb testing.TB) string {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}

// URI returns the Bolt URI of the shared test server, from NEO4J_URI
// (scripts/test sets it). Without it the test is skipped on a developer's
// machine and fails in CI (CI set), where a missing database is a failure,
// never a skip.
func URI(tb testing.TB) string {
	tb.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		const msg = "NEO4J_URI is not set: start a server with scripts/neo4j start and set NEO4J_URI to the URI it prints"
		if os.Getenv("CI") != "" {
			tb.Fatal(msg + " (CI is set, so the Neo4j tests must run)")
		}
		tb.Skip(msg)
	}
	return uri
}

package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/regnet/regnet/store/neo4j/neo4jtest"
)

// runBounded is run, failing the test when the command takes more than
// limit: a guard, since the failures below used to block for good; the
// tests compare times with a normal parse.
func runBounded(t *testing.T, limit time.Duration, args ...string) (int, string) {
	t.Helper()
	type result struct {
		code   int
		stderr string
	}
	done := make(chan result, 1)
	go func() {
		code, _, stderr := run(t, args...)
		done <- result{code, stderr}
	}()
	select {
	case r := <-done:
		return r.code, r.stderr
	case <-time.After(limit):
		t.Fatalf("regnet %s still running after %v", strings.Join(args, " "), limit)
		return 0, ""
	}
}

// TestInputFilesRefused: what is not a regular document file is refused at
// once with an error naming it, by every command that reads files.
func TestInputFilesRefused(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("named pipes and /dev/zero are Unix things")
	}
	t.Setenv("NEO4J_URI", "") // serve and report read files only without one
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, []byte(strings.Repeat("Điều 1. Phạm vi\n", 100_000)), 0o600); err != nil {
		t.Fatal(err)
	}
	pipeDir := filepath.Join(dir, "withpipe")
	if err := os.Mkdir(pipeDir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(pipeDir, "a.txt"), 0o600); err != nil {
		t.Fatal(err)
	}
	// A normal parse of one bundled document, the yardstick of the refusals.
	doc, err := filepath.Glob("../../data/*.txt")
	if err != nil || len(doc) == 0 {
		t.Fatalf("no bundled document: %v", err)
	}
	normal := time.Hour
	for range 3 {
		start := time.Now()
		if code, stderr := runBounded(t, time.Minute, "parse", doc[0]); code != exitOK {
			t.Fatalf("parse %s: exit %d: %s", doc[0], code, stderr)
		}
		normal = min(normal, time.Since(start))
	}
	for _, tc := range []struct {
		name string
		args []string
		want string // in stderr
		code int
	}{
		{"parse a named pipe", []string{"parse", fifo}, fifo + ": a named pipe", exitError},
		{"parse a folder holding a named pipe", []string{"parse", pipeDir}, "a.txt: a named pipe", exitError},
		{"parse /dev/zero", []string{"parse", "/dev/zero"}, "/dev/zero: a device", exitError},
		{"load a named pipe", []string{"load", "--neo4j", "bolt://127.0.0.1:1", fifo}, fifo + ": a named pipe", exitError},
		{"serve a named pipe", []string{"serve", "--addr", "127.0.0.1:0", fifo}, fifo + ": a named pipe", exitError},
		{"report on /dev/zero", []string{"report", "coverage", "--province", "x", "/dev/zero"}, "/dev/zero: a device", exitError},
		{"file over the limit", []string{"parse", "--max-file-size", "1MB", big}, big + ": larger than 1048576 bytes", exitError},
		{"bad limit", []string{"parse", "--max-file-size", "lots", big}, "--max-file-size", exitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			code, stderr := runBounded(t, time.Minute, tc.args...)
			took := time.Since(start)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tc.code, tc.want)
			}
			if took > 5*normal {
				t.Errorf("refused after %v; parsing a document takes %v", took, normal)
			}
		})
	}
	t.Run("file under a larger limit", func(t *testing.T) {
		if _, stderr := runBounded(t, 30*time.Second, "parse", "--max-file-size", "4MB", big); strings.Contains(stderr, "larger than") {
			t.Errorf("a 4MB limit refused the file: %s", stderr)
		}
	})
	t.Run("limit from the environment", func(t *testing.T) {
		t.Setenv("REGNET_MAX_FILE_SIZE", "100KB")
		code, stderr := runBounded(t, 10*time.Second, "parse", big)
		if code != exitError || !strings.Contains(stderr, "larger than 102400 bytes") {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
	})
}

// TestCredentialsNotPrinted: a password in the Neo4j URI appears in no
// output of load, serve or report.
func TestCredentialsNotPrinted(t *testing.T) {
	uri := "bolt://neo4j:s3cret-pass@127.0.0.1:" + neo4jtest.FreePort(t)
	for _, args := range [][]string{
		{"load", "--neo4j", uri},
		{"report", "coverage", "--province", "Lạng Sơn", "--neo4j", uri},
		{"serve", "--addr", "127.0.0.1:0", "--neo4j", uri},
	} {
		code, stdout, stderr := run(t, args...)
		if code == exitOK {
			t.Errorf("%s: exit 0 with no server at %s", args[0], uri)
		}
		if strings.Contains(stdout+stderr, "s3cret") {
			t.Errorf("%s prints the password: %s%s", args[0], stdout, stderr)
		}
		if !strings.Contains(stderr, "127.0.0.1") {
			t.Errorf("%s no longer names the server: %s", args[0], stderr)
		}
	}
	if got := redactURI("bolt://user:pw@host:7687/db?x=1"); got != "bolt://REDACTED@host:7687/db?x=1" {
		t.Errorf("redactURI = %q", got)
	}
	if got := redact("dial neo4j+s://u:p@h:1: refused"); got != "dial neo4j+s://REDACTED@h:1: refused" {
		t.Errorf("redact = %q", got)
	}
}

// TestSignalStops builds regnet and checks that SIGTERM and SIGINT stop
// serve promptly (a second one, or the grace period, ends any command).
func TestSignalStops(t *testing.T) {
	if runtime.GOOS == "windows" || testing.Short() {
		t.Skip("builds the binary and sends Unix signals")
	}
	bin := filepath.Join(t.TempDir(), "regnet")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, sig := range []os.Signal{syscall.SIGTERM, os.Interrupt} {
		t.Run(sig.String(), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, bin, "serve", "--addr", "127.0.0.1:0")
			stderr, _ := cmd.StderrPipe()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			buf := make([]byte, 4096)
			if _, err := stderr.Read(buf); err != nil { // the first log line: it is up
				t.Fatal(err)
			}
			start := time.Now()
			_ = cmd.Process.Signal(sig)
			err := cmd.Wait()
			// The bug was a command that never stopped; a busy machine may
			// take seconds to finish a request or a start, so only a stop
			// that does not come at all (within a minute) fails.
			if ctx.Err() != nil {
				t.Errorf("serve did not stop within a minute of %v (%v, %v)", sig, err, time.Since(start))
			}
		})
	}
}

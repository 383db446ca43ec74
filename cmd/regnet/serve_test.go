package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// serveInBackground runs `regnet serve args...` in-process until the test
// ends and returns the base URL it listens on, read from its "serving" log
// line (the address is 127.0.0.1:0, so the port is the kernel's choice).
func serveInBackground(t *testing.T, args ...string) (string, func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	code := make(chan int, 1)
	go func() {
		code <- Run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), io.Discard, pw)
		pw.Close()
	}()
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			var line struct{ Msg, Addr string }
			if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "serving" {
				addr <- line.Addr
			}
		}
		close(addr)
	}()
	stop := func() int {
		cancel()
		select {
		case c := <-code:
			return c
		case <-time.After(30 * time.Second):
			t.Fatal("serve did not stop within 30 s of its context ending")
			return -1
		}
	}
	t.Cleanup(func() { cancel() })
	select {
	case a, ok := <-addr:
		if !ok {
			t.Fatalf("serve stopped before listening: exit %d", <-code)
		}
		return "http://" + a, stop
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not start listening within 60 s")
		return "", stop
	}
}

func TestServeBundledDocuments(t *testing.T) {
	t.Setenv("NEO4J_URI", "") // the in-memory store of the bundled documents
	base, stop := serveInBackground(t)

	for _, path := range []string{"/healthz", "/readyz", "/graphiql"} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %s", path, resp.Status)
		}
	}

	body := `{"query":"{ handoffChain(province: \"Lạng Sơn\", leaving: CUSTOMS_ZONE, maxDepth: 1) { depth handoff { from { kind } } } }"}`
	resp, err := http.Post(base+"/graphql", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got struct {
		Data struct {
			HandoffChain []struct {
				Depth   int
				Handoff struct{ From struct{ Kind string } }
			}
		}
		Errors []json.RawMessage
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	if len(got.Errors) > 0 || len(got.Data.HandoffChain) == 0 {
		t.Fatalf("handoffChain: %d hops, errors %s", len(got.Data.HandoffChain), got.Errors)
	}
	if k := got.Data.HandoffChain[0].Handoff.From.Kind; k != "CUSTOMS" {
		t.Errorf("first hop leaving the customs zone starts at %s, want CUSTOMS", k)
	}

	if code := stop(); code != exitOK {
		t.Errorf("serve exited %d after its context ended, want 0", code)
	}
}

func TestServeUsage(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	code, _, stderr := run(t, "serve", "--addr")
	if code != exitUsage || !strings.Contains(stderr, "flag needs an argument") {
		t.Errorf("exit %d, stderr %q; want a usage error", code, stderr)
	}
	code, _, stderr = run(t, "serve", "--addr", "127.0.0.1:0", "no-such-folder")
	if code != exitError || !strings.Contains(stderr, "no-such-folder") {
		t.Errorf("exit %d, stderr %q; want an error naming the missing file", code, stderr)
	}
	code, _, stderr = run(t, "serve", "--addr", "127.0.0.1:0", "--cache-size", "lots")
	if code != exitUsage || !strings.Contains(stderr, "--cache-size") {
		t.Errorf("exit %d, stderr %q; want a usage error naming --cache-size", code, stderr)
	}
}

// TestServePrintsItsPort: serve prints where it listens only once it has
// the port, with the port the kernel chose for ":0", and the address answers.
func TestServePrintsItsPort(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	code := make(chan int, 1)
	go func() {
		code <- Run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, pw, io.Discard)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("read serve's first line: %v", err)
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	const prefix = "regnet: explorer at http://"
	if !strings.HasPrefix(line, prefix) {
		t.Fatalf("serve printed %q", line)
	}
	addr := strings.TrimPrefix(line, prefix)
	addr = addr[:strings.Index(addr, "/")]
	if strings.HasSuffix(addr, ":0") {
		t.Fatalf("serve printed %s, not the port it listens on", addr)
	}
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatalf("the printed address does not answer: %v", err)
	}
	resp.Body.Close()
	cancel()
	if c := <-code; c != 0 {
		t.Errorf("serve exited %d", c)
	}
}

// TestVersion: --version prints the version set at build time.
func TestVersion(t *testing.T) {
	defer func(v string) { version = v }(version)
	version = "v1.2.3-test"
	var out strings.Builder
	if code := Run(context.Background(), []string{"--version"}, &out, io.Discard); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if out.String() != "regnet v1.2.3-test\n" {
		t.Errorf("--version printed %q", out.String())
	}
	version = ""
	out.Reset()
	Run(context.Background(), []string{"--version"}, &out, io.Discard)
	if !strings.HasPrefix(out.String(), "regnet ") || len(out.String()) < len("regnet x\n") {
		t.Errorf("--version without a build version printed %q", out.String())
	}
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// auditScript runs graphql-http's auditServer (the reference suite of the
// GraphQL-over-HTTP spec) against the URL in argv[2] and prints every
// result as JSON. It loads the audit module by path, which needs neither
// the graphql package nor a package.json.
const auditScript = `
const { auditServer } = require(process.argv[1] + '/package/lib/audits/server.js');
auditServer({ url: process.argv[2] })
  .then(rs => console.log(JSON.stringify(rs.map(r => ({ id: r.id, name: r.name, status: r.status, reason: r.reason })))))
  .catch(e => { console.error(e); process.exit(2); });
`

// TestGraphQLOverHTTPAudit runs the GraphQL-over-HTTP audit against `regnet
// serve` and fails on every warning and error it reports: MUSTs and SHOULDs
// alike, per the media type the client accepts. It needs Node; npm fetches
// the pinned audit once (scripts/install-graphql-http).
func TestGraphQLOverHTTPAudit(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: the GraphQL-over-HTTP audit runs on Node")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var stderr bytes.Buffer
	install := exec.CommandContext(ctx, filepath.Join("..", "..", "scripts", "install-graphql-http"))
	install.Stderr = &stderr
	out, err := install.Output()
	if err != nil {
		t.Fatalf("scripts/install-graphql-http: %v\n%s", err, stderr.String())
	}
	dir := strings.TrimSpace(string(out))

	// The audit sends its requests at once, from one address, and many of
	// them are refused on purpose: more than a client's share of the server,
	// and refusals that slow the client down, which under load would turn
	// some answers into 503 and hide what the protocol answers. The share
	// and the penalty are not what it audits.
	base, _ := serveInBackground(t, "--max-per-client", "200", "--max-concurrent", "200", "--max-penalty", "0")
	stderr.Reset()
	audit := exec.CommandContext(ctx, node, "-e", auditScript, dir, base+"/graphql")
	audit.Stderr = &stderr
	out, err = audit.Output()
	if err != nil {
		t.Fatalf("audit: %v\n%s", err, stderr.String())
	}
	var results []struct{ ID, Name, Status, Reason string }
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("audit output: %v\n%.500s", err, out)
	}
	if len(results) < 50 {
		t.Fatalf("the audit ran %d checks; want the whole suite (over 50)", len(results))
	}
	counts := map[string]int{}
	for _, r := range results {
		counts[r.Status]++
		if r.Status == "warn" || r.Status == "error" {
			t.Errorf("%s %s: %s (%s)", r.Status, r.ID, r.Name, r.Reason)
		}
	}
	t.Logf("audit: %v", counts)
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run runs the command line in-process and returns its exit code and output.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestParseJSON(t *testing.T) {
	code, out, stderr := run(t, "parse", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not one JSON object: %v", err)
	}
	// The keys of the contract: the Dataset's JSON names.
	for _, key := range []string{"documents", "provisions", "agencies", "duties", "handoffs", "planActions", "targets", "schedules", "warnings"} {
		if _, ok := got[key]; !ok {
			t.Errorf("key %q missing", key)
		}
	}
	var docs []map[string]any
	if err := json.Unmarshal(got["documents"], &docs); err != nil || len(docs) != 5 {
		t.Fatalf("documents: %v (%d)", err, len(docs))
	}
	for _, key := range []string{"id", "number", "kind", "title", "province", "level", "status", "issued", "effective", "effectiveRule", "signer", "basedOn", "replaces", "source"} {
		if _, ok := docs[0][key]; !ok {
			t.Errorf("document key %q missing", key)
		}
	}
}

func TestParseSummary(t *testing.T) {
	code, out, stderr := run(t, "parse", filepath.Join("..", "..", "data", "dienbien_quyche_du-thao-2025.txt"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// The summary counts the duty statements that parse --json prints.
	code, js, stderr := run(t, "parse", "--json", filepath.Join("..", "..", "data", "dienbien_quyche_du-thao-2025.txt"))
	if code != 0 {
		t.Fatalf("parse --json: exit %d: %s", code, stderr)
	}
	var ds struct{ Duties []json.RawMessage }
	if err := json.Unmarshal([]byte(js), &ds); err != nil || len(ds.Duties) == 0 {
		t.Fatalf("parse --json: %v (%d duties)", err, len(ds.Duties))
	}
	for _, want := range []string{"QUY_CHE", "Điện Biên", "DRAFT", fmt.Sprintf("%d duties", len(ds.Duties)), "schedules", "warnings"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

// TestParseUnknownAgencies checks that the summary shows the agencies a
// document names that the ontology does not know, with their line.
func TestParseUnknownAgencies(t *testing.T) {
	code, out, stderr := run(t, "parse", filepath.Join("..", "..", "loader", "testdata", "metadata", "unknown_agencies.txt"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"line 27:", `"Sở Ngoại vụ" is not in the ontology (nearest kind HOME_AFFAIRS`} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

func TestParseErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(bad, []byte("abc\n\xff\xfe"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"parse", bad}, 1, bad + ":2: not UTF-8 text"},
		{[]string{"parse", filepath.Join(dir, "missing.txt")}, 1, "missing.txt"},
		{[]string{"parse", empty}, 1, "no .txt documents"},
		{[]string{"parse", "--nope"}, 2, "flag provided but not defined"},
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"load"}, 2, "NEO4J_URI"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			if tt.args[0] == "load" {
				t.Setenv("NEO4J_URI", "")
			}
			code, _, stderr := run(t, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tt.code, tt.want)
			}
		})
	}
}

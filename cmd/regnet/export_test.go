package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportCommand(t *testing.T) {
	t.Setenv("NEO4J_URI", "") // the bundled documents, parsed
	code, out, stderr := run(t, "export", "--format", "csv", "--province", "dien bien")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden, err := os.ReadFile(filepath.Join("..", "..", "export", "testdata", "dienbien.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if out != string(golden) {
		t.Errorf("export --format csv differs from export/testdata/dienbien.csv")
	}

	code, out, stderr = run(t, "export")
	if code != exitOK || !strings.Contains(out, "<graphml") || !strings.Contains(out, "agency:lang-son:") || !strings.Contains(out, "agency:dien-bien:") {
		t.Errorf("export of every province as GraphML: exit %d, stderr %q", code, stderr)
	}

	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"export", "--format", "dot"}, exitUsage, "unknown format"},
		{[]string{"export", "--province", "Hà Nội"}, exitError, `unknown province "Hà Nội"`},
	} {
		code, _, stderr := run(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
}

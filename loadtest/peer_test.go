package loadtest_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// The benchmark's peer is run only by scripts/bench; these checks keep its
// files from rotting between runs without Node: its type definitions and
// queries parse, it asks every question regnet is asked, and its npm lock
// pins exactly the versions package.json names.

func TestPeerTypeDefsParse(t *testing.T) {
	text, err := os.ReadFile("peer/typeDefs.graphql")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parser.ParseSchema(&ast.Source{Name: "typeDefs.graphql", Input: string(text)})
	if err != nil {
		t.Fatalf("typeDefs.graphql: %v", err)
	}
	types := map[string]bool{}
	for _, d := range doc.Definitions {
		types[d.Name] = true
	}
	// The labels the peer's questions read; each must be a type.
	for _, label := range []string{"Agency", "Duty", "Handoff", "Provision", "Document", "Province", "Field", "Area", "Query"} {
		if !types[label] {
			t.Errorf("typeDefs.graphql has no type %s", label)
		}
	}
}

func TestPeerAsksEveryQuestion(t *testing.T) {
	ours, err := filepath.Glob("queries/*.graphql")
	if err != nil || len(ours) == 0 {
		t.Fatalf("no questions in queries/: %v", err)
	}
	for _, f := range ours {
		text, err := os.ReadFile(filepath.Join("peer", f))
		if err != nil {
			t.Errorf("the peer does not ask %s: %v", f, err)
			continue
		}
		if _, err := parser.ParseQuery(&ast.Source{Name: f, Input: string(text)}); err != nil {
			t.Errorf("peer/%s: %v", f, err)
		}
	}
}

func TestPeerLockPinsPackageJSON(t *testing.T) {
	var pkg struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	var lock struct {
		LockfileVersion int `json:"lockfileVersion"`
		Packages        map[string]struct {
			Version      string            `json:"version"`
			Dependencies map[string]string `json:"dependencies"`
			Integrity    string            `json:"integrity"`
		} `json:"packages"`
	}
	for file, into := range map[string]any{"peer/package.json": &pkg, "peer/package-lock.json": &lock} {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, into); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
	}
	if len(pkg.Dependencies) == 0 {
		t.Fatal("package.json names no dependencies")
	}
	root := lock.Packages[""]
	for name, want := range pkg.Dependencies {
		if strings.ContainsAny(want, "^~<>=*x ") {
			t.Errorf("package.json: %s %q is a range, not a pinned version", name, want)
		}
		if root.Dependencies[name] != want {
			t.Errorf("package-lock.json: root wants %s %q, package.json %q", name, root.Dependencies[name], want)
		}
		got := lock.Packages["node_modules/"+name]
		if got.Version != want {
			t.Errorf("package-lock.json: %s is %q, package.json pins %q", name, got.Version, want)
		}
	}
	for path, p := range lock.Packages {
		if path != "" && p.Integrity == "" {
			t.Errorf("package-lock.json: %s has no checksum", path)
		}
	}
}

package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/regnet/regnet/store/neo4j/neo4jtest"
)

// graphCounts returns the numbers of nodes and relationships, read with
// Cypher through the driver, not through regnet.
func graphCounts(t *testing.T, uri string) (int64, int64) {
	t.Helper()
	ctx := context.Background()
	drv, err := driver.NewDriverWithContext(uri, driver.BasicAuth(os.Getenv("NEO4J_USERNAME"), os.Getenv("NEO4J_PASSWORD"), ""))
	if err != nil {
		t.Fatal(err)
	}
	defer drv.Close(ctx)
	res, err := driver.ExecuteQuery(ctx, drv,
		"CALL { MATCH (n) RETURN count(n) AS n } CALL { MATCH ()-[r]->() RETURN count(r) AS r } RETURN n, r",
		nil, driver.EagerResultTransformer, driver.ExecuteQueryWithDatabase(os.Getenv("NEO4J_DATABASE")))
	if err != nil {
		t.Fatal(err)
	}
	n, _ := res.Records[0].Get("n")
	r, _ := res.Records[0].Get("r")
	return n.(int64), r.(int64)
}

// TestLoadCommand runs `regnet load` as a user would: the bundled documents
// twice (the second load changes nothing), then a batch with one file that
// is not text (nothing is written, the error names the file).
func TestLoadCommand(t *testing.T) {
	uri := neo4jtest.URI(t)

	code, out, stderr := run(t, "load", "--neo4j", uri)
	if code != exitOK {
		t.Fatalf("first load: exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "loaded 5 documents") {
		t.Errorf("first load: summary %q", out)
	}
	nodes, rels := graphCounts(t, uri)
	if nodes == 0 || rels == 0 {
		t.Fatalf("after a load the graph has %d nodes and %d relationships", nodes, rels)
	}

	code, out, stderr = run(t, "load", "--neo4j", uri)
	if code != exitOK {
		t.Fatalf("second load: exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "0 nodes created, 0 updated, 0 removed; 0 relationships created, 0 removed") {
		t.Errorf("second load of the same documents changed the graph: %q", out)
	}
	if n, r := graphCounts(t, uri); n != nodes || r != rels {
		t.Errorf("second load: %d nodes, %d relationships; want %d, %d", n, r, nodes, rels)
	}

	dir := t.TempDir()
	good, err := os.ReadFile(filepath.Join("..", "..", "data", "dienbien_quyche_du-thao-2025.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// The good file under a new name would add a document; with the bad one
	// beside it, neither may be written.
	changed := strings.Replace(string(good), "Điện Biên", "Lai Châu", -1)
	if err := os.WriteFile(filepath.Join(dir, "a_good.txt"), []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "b_bad.txt")
	if err := os.WriteFile(bad, []byte{0x89, 'P', 'N', 'G', 0, 0, 0xff, 0xfe, 0}, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = run(t, "load", "--neo4j", uri, dir)
	if code != exitError || !strings.Contains(stderr, "b_bad.txt") {
		t.Errorf("batch with a binary file: exit %d, stderr %q; want exit 1 naming b_bad.txt", code, stderr)
	}
	if n, r := graphCounts(t, uri); n != nodes || r != rels {
		t.Errorf("failed batch changed the graph: %d nodes, %d relationships; want %d, %d", n, r, nodes, rels)
	}
}

// TestLoadNoServer: with nothing listening at the URI, load fails at once,
// writes nothing and says how to start a Neo4j.
func TestLoadNoServer(t *testing.T) {
	uri := "bolt://127.0.0.1:" + neo4jtest.FreePort(t)
	code, _, stderr := run(t, "load", "--neo4j", uri)
	if code != exitError || !strings.Contains(stderr, uri) || !strings.Contains(stderr, "scripts/neo4j start") {
		t.Errorf("exit %d, stderr %q; want exit 1 naming %s and how to start Neo4j", code, stderr, uri)
	}
}

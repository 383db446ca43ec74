package e2e_test

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/data"
	"github.com/regnet/regnet/loader"
	"github.com/regnet/regnet/server/servertest"
	"github.com/regnet/regnet/store/memory"
	"github.com/regnet/regnet/store/neo4j"
)

// store is one store under test: every check runs once per store, as a
// subtest named after it.
type store struct {
	name string
	// store is nil when the store cannot be used; then skip says why the
	// subtest is skipped, or, when skip is empty, err why it fails.
	store regnet.Store
	skip  string
	err   error
}

// setup holds what every test shares: the bundled documents are parsed
// once (with the statements document of statements_test.go added) and both
// stores are filled once per test binary, since loading Neo4j is the slow
// part of the run.
var setup struct {
	once    sync.Once
	err     error // parsing failed
	stores  []store
	cleanup []func()
}

// TestMain closes the Neo4j store after the last test.
func TestMain(m *testing.M) {
	code := m.Run()
	for _, f := range setup.cleanup {
		f()
	}
	os.Exit(code)
}

// stores returns the stores under test, both holding the bundled
// documents, failing the test when the documents do not parse.
func stores(t *testing.T) []store {
	t.Helper()
	prepare()
	if setup.err != nil {
		t.Fatalf("parse the bundled documents: %v", setup.err)
	}
	return setup.stores
}

// forEachStore runs check as a subtest per store, each against its own
// server over real HTTP on loopback.
func forEachStore(t *testing.T, check func(t *testing.T, srv *servertest.Server, st regnet.Store)) {
	t.Helper()
	for _, st := range stores(t) {
		t.Run(st.name, func(t *testing.T) {
			srv := serve(t, st)
			check(t, srv, st.store)
		})
	}
}

// serve starts a server around st, or skips or fails the test when st
// cannot be used.
func serve(t *testing.T, st store) *servertest.Server {
	t.Helper()
	switch {
	case st.skip != "":
		t.Skip(st.skip)
	case st.err != nil:
		t.Fatal(st.err)
	}
	return servertest.New(t, st.store)
}

func prepare() {
	setup.once.Do(func() {
		ds, err := loader.New().ParseFS(data.FS, ".")
		if err != nil {
			setup.err = fmt.Errorf("parse data.FS: %w", err)
			return
		}
		ds = withStatements(ds)
		setup.stores = []store{{name: "memory", store: memory.New(ds)}, openNeo4j(ds)}
	})
}

// noNeo4j is the message when NEO4J_URI is unset.
const noNeo4j = "NEO4J_URI is not set: start a server with scripts/neo4j start and set NEO4J_URI to the URI it prints"

// openNeo4j opens the Neo4j store at $NEO4J_URI, wipes the database and
// loads ds. Without NEO4J_URI the store is skipped on a developer's machine
// and fails in CI (CI set), where a missing database is a failure.
func openNeo4j(ds *regnet.Dataset) store {
	st := store{name: "neo4j"}
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		if os.Getenv("CI") == "" {
			st.skip = noNeo4j
		} else {
			st.err = fmt.Errorf("%s (CI is set, so the Neo4j tests must run)", noNeo4j)
		}
		return st
	}
	cfg := neo4j.Config{
		URI:      uri,
		Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
	}
	ctx := context.Background()
	if err := wipe(ctx, cfg); err != nil {
		st.err = err
		return st
	}
	s, err := neo4j.Open(ctx, cfg)
	if err != nil {
		st.err = fmt.Errorf("open neo4j at %s: %w", uri, err)
		return st
	}
	setup.cleanup = append(setup.cleanup, func() { _ = s.Close(context.Background()) })
	if _, err := s.Load(ctx, ds); err != nil {
		st.err = fmt.Errorf("load the bundled documents into neo4j at %s: %w", uri, err)
		return st
	}
	st.store = s
	return st
}

// wipe deletes every node of the database, so that what other test
// packages left on the shared server does not leak into the answers. It
// talks to the driver directly: store/neo4j offers no wipe outside its own
// tests.
func wipe(ctx context.Context, cfg neo4j.Config) error {
	auth := driver.NoAuth()
	if cfg.Username != "" {
		auth = driver.BasicAuth(cfg.Username, cfg.Password, "")
	}
	d, err := driver.NewDriverWithContext(cfg.URI, auth)
	if err != nil {
		return fmt.Errorf("wipe neo4j at %s: %w", cfg.URI, err)
	}
	defer d.Close(ctx)
	// Fail at once on a server that does not answer, rather than after the
	// driver's retries.
	if err := d.VerifyConnectivity(ctx); err != nil {
		return fmt.Errorf("wipe neo4j at %s: %w", cfg.URI, err)
	}
	sess := d.NewSession(ctx, driver.SessionConfig{DatabaseName: cfg.Database, AccessMode: driver.AccessModeWrite})
	defer sess.Close(ctx)
	_, err = sess.ExecuteWrite(ctx, func(tx driver.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, "MATCH (n) DETACH DELETE n", nil)
		if err != nil {
			return nil, err
		}
		return res.Consume(ctx)
	})
	if err != nil {
		return fmt.Errorf("wipe neo4j at %s: %w", cfg.URI, err)
	}
	return nil
}

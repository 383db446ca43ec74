package loadtest_test

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/regnet/regnet/data"
	"github.com/regnet/regnet/loader"
	"github.com/regnet/regnet/store/neo4j"
	"github.com/regnet/regnet/store/neo4j/neo4jtest"
)

// The client queries measured, sent as they are (graph/testdata/queries is
// the project's copy of the shared client queries).
const (
	handoffChainFile = "../graph/testdata/queries/handoff_chain.graphql"
	agencyFile       = "../graph/testdata/queries/agency.graphql"
)

// env is the graph every benchmark of the package reads: the bundled
// documents loaded into an emptied database, once per process, because a
// load takes longer than most benchmarks.
type env struct {
	store  *neo4j.Store
	driver driver.DriverWithContext // for the direct Cypher, beside the store's own
	db     string
}

var (
	envOnce sync.Once
	envVal  *env
	envErr  error
)

// fixture returns the loaded graph, loading it on first use.
func fixture(tb testing.TB) *env {
	tb.Helper()
	uri := neo4jtest.URI(tb) // skipped on a developer machine without one, a failure in CI
	envOnce.Do(func() { envVal, envErr = newEnv(context.Background(), uri) })
	if envErr != nil {
		tb.Fatal(envErr)
	}
	return envVal
}

// closeFixture closes what fixture opened; TestMain calls it.
func closeFixture() {
	if envVal == nil {
		return
	}
	ctx := context.Background()
	envVal.store.Close(ctx)
	envVal.driver.Close(ctx)
}

func TestMain(m *testing.M) {
	code := m.Run()
	closeFixture()
	os.Exit(code)
}

// newEnv parses the bundled documents, opens the store and a driver of its
// own on uri, empties the database and loads the documents.
func newEnv(ctx context.Context, uri string) (*env, error) {
	ds, err := loader.New().ParseFS(data.FS, ".")
	if err != nil {
		return nil, fmt.Errorf("parse bundled documents: %w", err)
	}
	cfg := neo4j.Config{
		URI:      uri,
		Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
	}
	s, err := neo4j.Open(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	auth := driver.NoAuth()
	if cfg.Username != "" {
		auth = driver.BasicAuth(cfg.Username, cfg.Password, "")
	}
	d, err := driver.NewDriverWithContext(uri, auth)
	if err != nil {
		s.Close(ctx)
		return nil, fmt.Errorf("driver for %s: %w", uri, err)
	}
	e := &env{store: s, driver: d, db: cfg.Database}
	if err := e.wipe(ctx); err != nil {
		e.close(ctx)
		return nil, err
	}
	if _, err := s.Load(ctx, ds); err != nil {
		e.close(ctx)
		return nil, fmt.Errorf("load bundled documents: %w", err)
	}
	return e, nil
}

func (e *env) close(ctx context.Context) {
	e.store.Close(ctx)
	e.driver.Close(ctx)
}

// wipe deletes every node and relationship (the store's schema stays), so
// that facts left by other tests cannot change the answers.
func (e *env) wipe(ctx context.Context) error {
	sess := e.driver.NewSession(ctx, driver.SessionConfig{DatabaseName: e.db, AccessMode: driver.AccessModeWrite})
	defer sess.Close(ctx)
	_, err := driver.ExecuteWrite(ctx, sess, func(tx driver.ManagedTransaction) (struct{}, error) {
		res, err := tx.Run(ctx, "MATCH (n) DETACH DELETE n", nil)
		if err != nil {
			return struct{}{}, err
		}
		_, err = res.Consume(ctx)
		return struct{}{}, err
	})
	if err != nil {
		return fmt.Errorf("wipe database: %w", err)
	}
	return nil
}

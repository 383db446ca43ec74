package neo4j_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/store/neo4j"
	"github.com/regnet/regnet/store/neo4j/neo4jtest"
	"github.com/regnet/regnet/store/storetest"
)

// serverURI returns the Bolt URI of the test server (see neo4jtest.URI).
func serverURI(tb testing.TB) string {
	tb.Helper()
	return neo4jtest.URI(tb)
}

// openStore opens a store on uri and closes it when the test ends.
func openStore(tb testing.TB, uri string) *neo4j.Store {
	tb.Helper()
	ctx := context.Background()
	s, err := neo4j.Open(ctx, neo4j.Config{
		URI:      uri,
		Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
	})
	if err != nil {
		tb.Fatalf("open %s: %v", uri, err)
	}
	tb.Cleanup(func() { s.Close(ctx) })
	return s
}

// fresh empties the database and loads ds.
func fresh(tb testing.TB, s *neo4j.Store, ds *regnet.Dataset) *regnet.LoadSummary {
	tb.Helper()
	ctx := context.Background()
	if err := s.Wipe(ctx); err != nil {
		tb.Fatalf("wipe: %v", err)
	}
	sum, err := s.Load(ctx, ds)
	if err != nil {
		tb.Fatalf("load: %v", err)
	}
	return sum
}

func dump(tb testing.TB, s *neo4j.Store) []string {
	tb.Helper()
	lines, err := s.Dump(context.Background())
	if err != nil {
		tb.Fatalf("dump: %v", err)
	}
	return lines
}

// sameGraph fails the test when two dumps differ, showing the first
// differences.
func sameGraph(t *testing.T, what string, got, want []string) {
	t.Helper()
	if slices.Equal(got, want) {
		return
	}
	gotSet := map[string]bool{}
	for _, l := range got {
		gotSet[l] = true
	}
	wantSet := map[string]bool{}
	for _, l := range want {
		wantSet[l] = true
	}
	shown := 0
	for _, l := range got {
		if !wantSet[l] && shown < 10 {
			t.Errorf("%s: unexpected %s", what, l)
			shown++
		}
	}
	for _, l := range want {
		if !gotSet[l] && shown < 20 {
			t.Errorf("%s: missing %s", what, l)
			shown++
		}
	}
	t.Errorf("%s: graphs differ (%d lines, want %d)", what, len(got), len(want))
}

func TestStore(t *testing.T) {
	s := openStore(t, serverURI(t))
	storetest.Run(t, func(t *testing.T, ds *regnet.Dataset) regnet.Store {
		fresh(t, s, ds)
		return s
	})
}

func TestLoadTwiceChangesNothing(t *testing.T) {
	s := openStore(t, serverURI(t))
	ctx := context.Background()
	first := fresh(t, s, storetest.Fixture())
	if first.NodesCreated == 0 || first.RelationshipsCreated == 0 {
		t.Fatalf("first load created nothing: %+v", first)
	}
	nodes, rels, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if first.NodesUpdated != 0 {
		t.Errorf("first load into an empty graph reports %d nodes updated", first.NodesUpdated)
	}
	if int64(first.NodesCreated) != nodes || int64(first.RelationshipsCreated) != rels {
		t.Errorf("first load reports %d nodes, %d relationships created; the graph has %d, %d",
			first.NodesCreated, first.RelationshipsCreated, nodes, rels)
	}
	before := dump(t, s)

	again, err := s.Load(ctx, storetest.Fixture())
	if err != nil {
		t.Fatal(err)
	}
	want := regnet.LoadSummary{Documents: first.Documents}
	if *again != want {
		t.Errorf("second load reports %+v, want no change", *again)
	}
	nodes2, rels2, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if nodes2 != nodes || rels2 != rels {
		t.Errorf("after the second load: %d nodes, %d relationships; want %d, %d", nodes2, rels2, nodes, rels)
	}
	sameGraph(t, "second load", dump(t, s), before)
}

// TestReloadChangedDocument loads the fixture, then the Lạng Sơn quy chế
// again with changed facts, and checks that the graph is the one a fresh
// load of the changed fixture makes: nothing stale is left.
func TestReloadChangedDocument(t *testing.T) {
	s := openStore(t, serverURI(t))
	ctx := context.Background()

	base, changed, doc := changedFixture()
	fresh(t, s, changed)
	want := dump(t, s)

	fresh(t, s, base)
	sum, err := s.Load(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	if sum.NodesDeleted == 0 || sum.NodesUpdated == 0 || sum.RelationshipsDeleted == 0 || sum.RelationshipsCreated == 0 {
		t.Errorf("reload reports %+v; want deletions, updates and creations", *sum)
	}
	sameGraph(t, "reloaded document", dump(t, s), want)

	// The agency that only the removed duty named is gone; the documents
	// the reload did not touch are still there.
	ags, err := s.Agencies(ctx, regnet.AgencyFilter{IDs: []string{taxAgency}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ags) != 0 {
		t.Errorf("agency %s is still there after the reload", taxAgency)
	}
	docs, err := s.Documents(ctx, regnet.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != len(base.Documents) {
		t.Errorf("%d documents after the reload, want %d", len(docs), len(base.Documents))
	}
}

// TestFailedLoadChangesNothing makes a load fail at each of its statements
// in turn, with a real server error (a division by zero run in the load's
// transaction), and checks that the graph is exactly as before each time.
func TestFailedLoadChangesNothing(t *testing.T) {
	s := openStore(t, serverURI(t))
	ctx := context.Background()
	base, _, doc := changedFixture()
	fresh(t, s, base)
	before := dump(t, s)

	steps := 0
	for failAt := 0; ; failAt++ {
		s.BeforeBatch(func(ctx context.Context, tx driver.ManagedTransaction, done int, what string) error {
			if done == failAt {
				res, err := tx.Run(ctx, "RETURN 1 / 0", nil)
				if err != nil {
					return err
				}
				_, err = res.Consume(ctx)
				return err
			}
			return nil
		})
		_, err := s.Load(ctx, doc)
		if err == nil {
			steps = failAt
			break
		}
		if code := regnet.ErrorCode(err); code != regnet.EINTERNAL {
			t.Errorf("failing at statement %d: error code %q (%v), want %q", failAt, code, err, regnet.EINTERNAL)
		}
		sameGraph(t, fmt.Sprintf("load failed at statement %d", failAt), dump(t, s), before)
		if t.Failed() {
			break
		}
	}
	s.BeforeBatch(nil)
	t.Logf("failed the load at each of its %d statements in turn", steps)
	if steps < 10 {
		t.Errorf("the load ran only %d statements; the test did not exercise it", steps)
	}
	// An error from outside the driver fails the load the same way.
	fresh(t, s, base)
	s.BeforeBatch(func(_ context.Context, _ driver.ManagedTransaction, done int, _ string) error {
		if done == steps/2 {
			return errors.New("injected")
		}
		return nil
	})
	if _, err := s.Load(ctx, doc); err == nil {
		t.Error("a load whose statement failed returned no error")
	}
	s.BeforeBatch(nil)
	sameGraph(t, "load failed by the hook", dump(t, s), before)
}

func TestLoadRejectsBadDataset(t *testing.T) {
	s := openStore(t, serverURI(t))
	ctx := context.Background()
	fresh(t, s, storetest.Fixture())
	before := dump(t, s)
	for name, change := range map[string]func(*regnet.Dataset){
		"duty without id":      func(ds *regnet.Dataset) { ds.Duties[0].ID = "" },
		"two agencies, one id": func(ds *regnet.Dataset) { ds.Agencies[1].ID = ds.Agencies[0].ID },
		"same id, other text": func(ds *regnet.Dataset) {
			dup := ds.Duties[0]
			dup.Text = "other"
			ds.Duties = append(ds.Duties, dup)
		},
		"plan action without document": func(ds *regnet.Dataset) {
			ds.PlanActions[0].Document = ""
		},
	} {
		ds := storetest.Fixture()
		change(ds)
		ds.Documents[0].Title = "changed"
		_, err := s.Load(ctx, ds)
		if code := regnet.ErrorCode(err); code != regnet.EINVALID {
			t.Errorf("%s: error %v (code %q), want %q", name, err, code, regnet.EINVALID)
		}
	}
	if _, err := s.Load(ctx, nil); regnet.ErrorCode(err) != regnet.EINVALID {
		t.Errorf("nil dataset: error %v, want %q", err, regnet.EINVALID)
	}
	sameGraph(t, "rejected loads", dump(t, s), before)
}

// TestLoadAcceptsRepeats loads a dataset that names the same agencies and
// duties twice, as datasets merged from several files may: the graph is the
// one the dataset without repeats makes.
func TestLoadAcceptsRepeats(t *testing.T) {
	s := openStore(t, serverURI(t))
	fresh(t, s, storetest.Fixture())
	want := dump(t, s)
	ds := storetest.Fixture()
	ds.Agencies = append(ds.Agencies, storetest.Fixture().Agencies...)
	ds.Duties = append(ds.Duties, storetest.Fixture().Duties[:3]...)
	fresh(t, s, ds)
	sameGraph(t, "repeated records", dump(t, s), want)
}

func TestSchemaIsIdempotent(t *testing.T) {
	uri := serverURI(t)
	s := openStore(t, uri)
	fresh(t, s, storetest.Fixture())
	before := dump(t, s)
	// Opening again applies schema.cypher again.
	s2 := openStore(t, uri)
	sameGraph(t, "second open", dump(t, s2), before)
}

func TestLoadReportsProgress(t *testing.T) {
	s := openStore(t, serverURI(t))
	s.SetBatchSize(3)
	t.Cleanup(func() { s.SetBatchSize(500); s.Progress = nil })
	var calls, last, total int
	s.Progress = func(done, n int, what string) {
		calls++
		if done <= last || done > n || what == "" {
			t.Errorf("progress %d/%d %q after %d", done, n, what, last)
		}
		last, total = done, n
	}
	fresh(t, s, storetest.Fixture())
	if calls < 20 || last != total {
		t.Errorf("%d progress calls, last %d of %d; want many, ending at the total", calls, last, total)
	}
}

func TestOpenUnreachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err := neo4j.Open(ctx, neo4j.Config{URI: "bolt://127.0.0.1:" + neo4jtest.FreePort(t)})
	if code := regnet.ErrorCode(err); code != regnet.EUNAVAILABLE {
		t.Errorf("open with nothing listening: %v (code %q), want %q", err, code, regnet.EUNAVAILABLE)
	}
	_, err = neo4j.Open(ctx, neo4j.Config{URI: "http://[::1"})
	if code := regnet.ErrorCode(err); code != regnet.EINVALID {
		t.Errorf("open with a bad URI: %v (code %q), want %q", err, code, regnet.EINVALID)
	}
}

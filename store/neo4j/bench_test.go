package neo4j_test

import (
	"context"
	"testing"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/data/datatest"
	"github.com/regnet/regnet/loader"
	"github.com/regnet/regnet/store/neo4j"
	"github.com/regnet/regnet/store/storetest"
)

// benchLoad loads ds into an empty graph b.N times and reports what one
// load writes per second.
func benchLoad(b *testing.B, ds *regnet.Dataset) {
	s := openStore(b, serverURI(b))
	ctx := context.Background()
	var written int
	for b.Loop() {
		b.StopTimer()
		if err := s.Wipe(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum, err := s.Load(ctx, ds)
		if err != nil {
			b.Fatal(err)
		}
		written += sum.NodesCreated + sum.RelationshipsCreated
	}
	b.ReportMetric(float64(written)/b.Elapsed().Seconds(), "nodes+rels/s")
}

// BenchmarkLoad loads the conformance fixture into an empty graph.
func BenchmarkLoad(b *testing.B) {
	benchLoad(b, storetest.Fixture())
}

// BenchmarkLoadBig loads a synthetic quy chế of 2000 articles (about 4,500
// nodes and 15,000 relationships) into an empty graph.
func BenchmarkLoadBig(b *testing.B) {
	benchLoad(b, bigDataset(2000))
}

// BenchmarkReload loads a dataset that is already in the graph: the work a
// repeated `regnet load` does to find that nothing changed.
func BenchmarkReload(b *testing.B) {
	s := openStore(b, serverURI(b))
	ctx := context.Background()
	ds := bigDataset(2000)
	fresh(b, s, ds)
	for b.Loop() {
		sum, err := s.Load(ctx, ds)
		if err != nil {
			b.Fatal(err)
		}
		if sum.NodesCreated+sum.NodesDeleted+sum.RelationshipsCreated+sum.RelationshipsDeleted != 0 {
			b.Fatalf("reload changed the graph: %+v", *sum)
		}
	}
}

// repeatedDataset parses the bundled documents repeated n times (each copy
// in made-up provinces, see datatest.Repeated).
func repeatedDataset(tb testing.TB, n int) *regnet.Dataset {
	tb.Helper()
	files, err := datatest.Repeated(n)
	if err != nil {
		tb.Fatal(err)
	}
	var inputs []loader.Input
	for _, f := range files {
		inputs = append(inputs, loader.Input{Name: f.Name, Data: f.Data})
	}
	ds, err := loader.New().Parse(inputs...)
	if err != nil {
		tb.Fatal(err)
	}
	return ds
}

// benchOpenLoad measures what `regnet load` does against an empty graph:
// open the store (connect, apply the schema), load, close.
func benchOpenLoad(b *testing.B, ds *regnet.Dataset) {
	uri := serverURI(b)
	wiper := openStore(b, uri)
	ctx := context.Background()
	var written int
	for b.Loop() {
		b.StopTimer()
		if err := wiper.Wipe(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		s, err := neo4j.Open(ctx, neo4j.Config{URI: uri})
		if err != nil {
			b.Fatal(err)
		}
		sum, err := s.Load(ctx, ds)
		if err != nil {
			b.Fatal(err)
		}
		s.Close(ctx)
		written += sum.NodesCreated + sum.RelationshipsCreated
	}
	b.ReportMetric(float64(written)/float64(b.N), "nodes+rels/op")
	b.ReportMetric(float64(written)/b.Elapsed().Seconds(), "nodes+rels/s")
}

// BenchmarkLoadBundled opens the store and loads the five bundled documents
// into an empty graph.
func BenchmarkLoadBundled(b *testing.B) { benchOpenLoad(b, repeatedDataset(b, 1)) }

// BenchmarkLoadBundled20x does the same with twenty copies of them: ns/op
// should be about twenty times BenchmarkLoadBundled's.
func BenchmarkLoadBundled20x(b *testing.B) { benchOpenLoad(b, repeatedDataset(b, 20)) }

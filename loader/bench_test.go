package loader_test

import (
	"testing"

	"github.com/regnet/regnet/data/datatest"
	"github.com/regnet/regnet/loader"
)

// bundledInputs returns the bundled documents repeated n times (see
// datatest.Repeated) and their size in bytes.
func bundledInputs(tb testing.TB, n int) ([]loader.Input, int) {
	tb.Helper()
	files, err := datatest.Repeated(n)
	if err != nil {
		tb.Fatalf("bundled documents: %v", err)
	}
	var inputs []loader.Input
	size := 0
	for _, f := range files {
		size += len(f.Data)
		inputs = append(inputs, loader.Input{Name: f.Name, Data: f.Data})
	}
	return inputs, size
}

func benchmarkParse(b *testing.B, n int) {
	inputs, size := bundledInputs(b, n)
	l := loader.New()
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := l.Parse(inputs...); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseBundled parses the five bundled documents.
func BenchmarkParseBundled(b *testing.B) { benchmarkParse(b, 1) }

// BenchmarkParseBundled10x parses ten copies of them: ns/op should be about
// ten times BenchmarkParseBundled's (the cost grows linearly).
func BenchmarkParseBundled10x(b *testing.B) { benchmarkParse(b, 10) }

// TestTenfoldBatch checks that the 10x batch used by the benchmark parses,
// with ten times the duties.
func TestTenfoldBatch(t *testing.T) {
	one, _ := bundledInputs(t, 1)
	ten, _ := bundledInputs(t, 10)
	l := loader.New()
	a, err := l.Parse(one...)
	if err != nil {
		t.Fatal(err)
	}
	b, err := l.Parse(ten...)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Duties) != 10*len(a.Duties) || len(b.Handoffs) != 10*len(a.Handoffs) {
		t.Errorf("10x batch: %d duties, %d handoffs; want %d, %d", len(b.Duties), len(b.Handoffs), 10*len(a.Duties), 10*len(a.Handoffs))
	}
}

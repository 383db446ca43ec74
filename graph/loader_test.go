package graph_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/regnet/regnet/graph"
)

// recorder is a fetch function that records its batches.
type recorder struct {
	mu      sync.Mutex
	batches [][]string
}

func (r *recorder) fetch(_ context.Context, keys []string) (map[string]string, error) {
	r.mu.Lock()
	r.batches = append(r.batches, slices.Clone(keys))
	r.mu.Unlock()
	out := map[string]string{}
	for _, k := range keys {
		if k != "missing" {
			out[k] = strings.ToUpper(k)
		}
	}
	return out, nil
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.batches)
}

func TestLoaderBatchesConcurrentLoads(t *testing.T) {
	ctx := context.Background()
	rec := &recorder{}
	l := graph.NewLoader(ctx, 20*time.Millisecond, 100, rec.fetch)
	keys := []string{"a", "b", "c", "a", "missing", "d"}
	got := make([]string, len(keys))
	var wg sync.WaitGroup
	for i, k := range keys {
		wg.Go(func() {
			v, err := l.Load(ctx, k)
			if err != nil {
				t.Errorf("Load(%s): %v", k, err)
			}
			got[i] = v
		})
	}
	wg.Wait()
	want := []string{"A", "B", "C", "A", "", "D"}
	if !slices.Equal(got, want) {
		t.Errorf("values = %q, want %q", got, want)
	}
	if rec.count() != 1 {
		t.Fatalf("%d fetches %v, want 1", rec.count(), rec.batches)
	}
	if n := len(rec.batches[0]); n != 5 {
		t.Errorf("batch of %d keys %v, want 5 distinct keys", n, rec.batches[0])
	}

	// Known keys, found or not, are answered from the cache.
	if _, err := l.LoadMany(ctx, []string{"a", "missing"}); err != nil {
		t.Fatal(err)
	}
	if rec.count() != 1 {
		t.Errorf("cached keys fetched again: %v", rec.batches)
	}
}

func TestLoaderSplitsFullBatches(t *testing.T) {
	ctx := context.Background()
	rec := &recorder{}
	l := graph.NewLoader(ctx, time.Hour, 2, rec.fetch)
	vals, err := l.LoadMany(ctx, []string{"a", "b", "c", "d"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(vals, []string{"A", "B", "C", "D"}) {
		t.Errorf("values = %q", vals)
	}
	if rec.count() != 2 {
		t.Errorf("%d fetches %v, want 2 full batches (the wait is an hour)", rec.count(), rec.batches)
	}
}

func TestLoaderPrime(t *testing.T) {
	ctx := context.Background()
	rec := &recorder{}
	l := graph.NewLoader(ctx, time.Millisecond, 100, rec.fetch)
	l.Prime("a", "primed")
	if v, _ := l.Load(ctx, "a"); v != "primed" || rec.count() != 0 {
		t.Errorf("Load after Prime = %q with %d fetches", v, rec.count())
	}
}

func TestLoaderErrorsAndPanics(t *testing.T) {
	ctx := context.Background()
	boom := errors.New("boom")
	l := graph.NewLoader(ctx, time.Millisecond, 100, func(context.Context, []string) (map[string]int, error) {
		return nil, boom
	})
	if _, err := l.LoadMany(ctx, []string{"a", "b"}); !errors.Is(err, boom) {
		t.Errorf("error = %v, want boom", err)
	}
	p := graph.NewLoader(ctx, time.Millisecond, 100, func(context.Context, []string) (map[string]int, error) {
		panic("bug")
	})
	if _, err := p.Load(ctx, "a"); err == nil || !strings.Contains(err.Error(), "bug") {
		t.Errorf("a panicking fetch gave %v", err)
	}
}

func TestLoaderHonoursCancellation(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	l := graph.NewLoader(context.Background(), time.Millisecond, 100, func(context.Context, []string) (map[string]int, error) {
		<-block
		return nil, nil
	})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := l.Load(ctx, "a"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want the context's", err)
	}
}

package graph_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
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

// TestLoaderBatchesConcurrentLoads runs in a synctest bubble: the batch
// wait is fake time, which passes only once every goroutine waits, so the
// six loads always meet in one batch, however busy the machine.
func TestLoaderBatchesConcurrentLoads(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
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
	})
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

// TestLoaderPrefetch checks that prefetched keys are sent at once, together
// with the keys of the open batch, in one fetch, and that a later Load of
// them waits for nothing. It runs in a synctest bubble: the batch wait is an
// hour of fake time, and synctest.Wait says when the Load has joined its
// batch.
func TestLoaderPrefetch(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		rec := &recorder{}
		l := graph.NewLoader(ctx, time.Hour, 100, rec.fetch)

		done := make(chan string)
		go func() {
			v, _ := l.Load(ctx, "a") // opens a batch that would wait an hour
			done <- v
		}()
		synctest.Wait()
		start := time.Now()
		l.Prefetch([]string{"b", "c"})
		if v := <-done; v != "A" {
			t.Errorf("Load(a) = %q", v)
		}
		vals, err := l.LoadMany(ctx, []string{"a", "b", "c"})
		if err != nil || !slices.Equal(vals, []string{"A", "B", "C"}) {
			t.Errorf("LoadMany = %q, %v", vals, err)
		}
		if waited := time.Since(start); waited > 0 {
			t.Errorf("the loads waited %v after the prefetch", waited)
		}
		if rec.count() != 1 || !slices.Equal(rec.batches[0], []string{"a", "b", "c"}) {
			t.Errorf("batches %q, want one with a, b and c", rec.batches)
		}

		l.Prefetch([]string{"a", "b"}) // all known: nothing to send
		synctest.Wait()
		if rec.count() != 1 {
			t.Errorf("a prefetch of known keys fetched again: %q", rec.batches)
		}
	})
}

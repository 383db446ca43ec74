package server

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/graph"
)

// breaker remembers that the store is down, so that GraphQL requests fail
// at once with STORE_UNAVAILABLE instead of each waiting for the driver to
// give up (30 s for Neo4j). It opens when the readiness check fails (a
// /readyz probe, or a request that met STORE_UNAVAILABLE) and closes when
// the same check passes again: while it is open, a request that finds the
// last check older than interval starts one in the background, so it
// recovers by itself without a goroutine of its own.
type breaker struct {
	check    func(context.Context) error // the readiness check
	interval time.Duration
	timeout  time.Duration // of one background check

	mu       sync.Mutex
	open     bool
	checking bool
	last     time.Time // when the last check started
}

func newBreaker(check func(context.Context) error, interval time.Duration) *breaker {
	return &breaker{check: check, interval: interval, timeout: 5 * time.Second}
}

// isOpen reports whether requests should fail fast, and starts a
// background check when one is due.
func (b *breaker) isOpen() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.open {
		return false
	}
	if !b.checking && time.Since(b.last) >= b.interval {
		b.checking, b.last = true, time.Now()
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), b.timeout)
			defer cancel()
			b.record(b.check(ctx))
			b.mu.Lock()
			b.checking = false
			b.mu.Unlock()
		}()
	}
	return true
}

// record feeds the breaker the result of a readiness check.
func (b *breaker) record(err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err == nil {
		b.open = false
		return
	}
	if !b.open {
		b.open, b.last = true, time.Now()
	}
}

// trip opens the breaker after a request met an unreachable store.
func (b *breaker) trip() { b.record(regnet.Errorf(regnet.EUNAVAILABLE, "store unavailable")) }

// failFast answers STORE_UNAVAILABLE with 503 and Retry-After while the
// breaker is open.
func (s *Server) failFast(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.breaker.isOpen() {
			w.Header().Set("Retry-After", retryAfter(s.cfg.StoreCheckInterval))
			writeError(w, http.StatusServiceUnavailable, graph.CodeStoreUnavailable,
				"the store is unavailable; try again later")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// retryAfter is a Retry-After value in whole seconds, at least one.
func retryAfter(d time.Duration) string {
	n := int((d + time.Second - 1) / time.Second)
	return itoa(max(n, 1))
}

package graph

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"
)

// Loader batches the keys that concurrently running resolvers ask for into
// one fetch, and remembers every answer for the rest of the request.
//
// gqlgen resolves the elements of a list, and the resolver fields of an
// object, in their own goroutines: each asks for one key and waits. A batch
// stays open while keys keep coming: it is sent when no key has come for
// wait, when it has been open for maxWaitFactor times wait, or when it is
// full. The keys gathered go to fetch in one call, so a nested query costs a
// store round trip per level of nesting rather than one per parent, even
// when a busy machine takes a while to start a long list's goroutines.
//
// A Loader belongs to one request: it caches errors as well as values, and
// it never forgets.
type Loader[K comparable, V any] struct {
	fetch    func(ctx context.Context, keys []K) (map[K]V, error)
	ctx      context.Context
	wait     time.Duration
	maxBatch int

	mu    sync.Mutex
	cache map[K]*entry[V]
	batch *batch[K]
}

// maxWaitFactor bounds how long a batch stays open, in multiples of wait.
const maxWaitFactor = 10

// batch is the open batch: its keys, when it opened, and its timer.
type batch[K comparable] struct {
	keys   []K
	opened time.Time
	timer  *time.Timer
}

type entry[V any] struct {
	done chan struct{}
	val  V
	err  error
}

// NewLoader returns a Loader that calls fetch with the request context ctx
// for batches of at most maxBatch keys, sent once no key has come for wait
// (or after maxWaitFactor times wait). fetch returns the values it found; a
// key it leaves out loads as the zero value.
func NewLoader[K comparable, V any](ctx context.Context, wait time.Duration, maxBatch int, fetch func(ctx context.Context, keys []K) (map[K]V, error)) *Loader[K, V] {
	if maxBatch <= 0 {
		maxBatch = 1000
	}
	return &Loader[K, V]{fetch: fetch, ctx: ctx, wait: wait, maxBatch: maxBatch, cache: map[K]*entry[V]{}}
}

// Load returns the value for key, waiting for the batch it joins.
func (l *Loader[K, V]) Load(ctx context.Context, key K) (V, error) {
	return l.await(ctx, l.enqueue(key))
}

// LoadMany returns the values for keys, in order, from as few batches as the
// keys fit in.
func (l *Loader[K, V]) LoadMany(ctx context.Context, keys []K) ([]V, error) {
	entries := make([]*entry[V], len(keys))
	for i, k := range keys {
		entries[i] = l.enqueue(k)
	}
	vals := make([]V, len(keys))
	for i, e := range entries {
		v, err := l.await(ctx, e)
		if err != nil {
			return nil, err
		}
		vals[i] = v
	}
	return vals, nil
}

// Prime stores a value fetched some other way (a list query), so that a
// later Load of its key costs nothing. A key already known is left alone.
func (l *Loader[K, V]) Prime(key K, val V) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.cache[key]; ok {
		return
	}
	e := &entry[V]{done: make(chan struct{}), val: val}
	close(e.done)
	l.cache[key] = e
}

func (l *Loader[K, V]) await(ctx context.Context, e *entry[V]) (V, error) {
	// Most values are there already (primed, or loaded for a sibling): a
	// check that cannot block costs less than a select on two channels,
	// whose frame also grows the small stacks of the resolvers' goroutines.
	select {
	case <-e.done:
		return e.val, e.err
	default:
	}
	select {
	case <-e.done:
		return e.val, e.err
	case <-ctx.Done():
		var zero V
		return zero, ctx.Err()
	}
}

func (l *Loader[K, V]) enqueue(key K) *entry[V] {
	l.mu.Lock()
	defer l.mu.Unlock()
	if e, ok := l.cache[key]; ok {
		return e
	}
	return l.enqueueLocked(key)
}

// enqueueLocked adds a key that is not cached yet to the open batch.
func (l *Loader[K, V]) enqueueLocked(key K) *entry[V] {
	e := &entry[V]{done: make(chan struct{})}
	l.cache[key] = e
	now := time.Now()
	b := l.batch
	if b == nil {
		b = &batch[K]{opened: now}
		b.timer = time.AfterFunc(l.wait, func() { l.flush(b) })
		l.batch = b
	} else if d := min(l.wait, b.opened.Add(maxWaitFactor*l.wait).Sub(now)); d > 0 {
		b.timer.Reset(d)
	}
	b.keys = append(b.keys, key)
	if len(b.keys) >= l.maxBatch {
		l.flushLocked()
	}
	return e
}

// flush sends batch b when it is still the open one: its timer may fire
// again after it was sent for being full.
func (l *Loader[K, V]) flush(b *batch[K]) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.batch == b {
		l.flushLocked()
	}
}

// flushLocked sends the open batch to fetch.
func (l *Loader[K, V]) flushLocked() {
	b := l.batch
	l.batch = nil
	b.timer.Stop()
	entries := make([]*entry[V], len(b.keys))
	for i, k := range b.keys {
		entries[i] = l.cache[k]
	}
	go l.run(b.keys, entries)
}

func (l *Loader[K, V]) run(keys []K, entries []*entry[V]) {
	vals, err := l.safeFetch(keys)
	for i, k := range keys {
		e := entries[i]
		if err != nil {
			e.err = err
		} else {
			e.val = vals[k]
		}
		close(e.done)
	}
}

// safeFetch turns a panic in fetch into an error: the waiting resolvers
// would otherwise hang, since the panic happens on the loader's goroutine.
func (l *Loader[K, V]) safeFetch(keys []K) (vals map[K]V, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("loader panic: %v", r)
		}
	}()
	return l.fetch(l.ctx, keys)
}

// Prefetch starts loading keys now, without waiting for more keys to join:
// for a resolver that knows what its children are about to ask for, so
// that they find their values loaded or on the way instead of each level
// of the query paying the batch wait. The keys join the open batch (where
// children that asked a moment earlier wait too), which is sent at once:
// one store call, no wait.
func (l *Loader[K, V]) Prefetch(keys []K) {
	l.mu.Lock()
	defer l.mu.Unlock()
	send := false
	for _, k := range keys {
		if _, ok := l.cache[k]; ok {
			send = send || l.batch != nil && slices.Contains(l.batch.keys, k)
			continue
		}
		l.enqueueLocked(k)
		send = true
	}
	if send && l.batch != nil {
		l.flushLocked()
	}
}

package server

import (
	"context"
	"net/http"
	"sync"
	"time"
)

// Penalties for refused requests. A client whose requests are refused (any
// 4xx, or 503 for being over its share) is served one request at a time,
// each after a delay that doubles with every refusal up to maxPenalty and
// halves with every answer (Config.MaxPenalty). A hostile client sending refused requests back
// to back is slowed to about one request a second and holds one slot, so
// that its attack slows itself rather than the others; a client that makes
// one mistake loses ten milliseconds.
const (
	minPenalty        = 10 * time.Millisecond
	DefaultMaxPenalty = time.Second
	// maxPenalized bounds the clients remembered: past it they are
	// forgotten, so that many addresses cannot grow the map for good.
	maxPenalized = 10_000
)

type penalties struct {
	max     time.Duration // 0: penalties off
	mu      sync.Mutex
	clients map[string]*penalty
}

type penalty struct {
	delay time.Duration
	slot  chan struct{} // one request at a time
}

func newPenalties(max time.Duration) *penalties {
	return &penalties{max: max, clients: map[string]*penalty{}}
}

// get returns client's penalty and its delay now, or nil when it has
// none. The delay is read here, under the lock that record changes it
// under.
func (p *penalties) get(client string) (*penalty, time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	c := p.clients[client]
	if c == nil {
		return nil, 0
	}
	return c, c.delay
}

// record updates client's penalty after a response with status.
func (p *penalties) record(client string, status int) {
	refused := status >= 400 && status < 500 || status == http.StatusServiceUnavailable
	if p.max <= 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	c := p.clients[client]
	switch {
	case refused && c == nil:
		if len(p.clients) >= maxPenalized {
			p.clients = map[string]*penalty{}
		}
		p.clients[client] = &penalty{delay: minPenalty, slot: make(chan struct{}, 1)}
	case refused:
		c.delay = min(2*c.delay, p.max)
	case c != nil:
		if c.delay /= 2; c.delay < minPenalty {
			delete(p.clients, client)
		}
	}
}

// wait takes the penalised client's one slot and waits out its delay, at
// most max in all; false when that was not enough or ctx ended.
func (c *penalty) wait(ctx context.Context, delay, max time.Duration) bool {
	deadline := time.NewTimer(max)
	defer deadline.Stop()
	select {
	case c.slot <- struct{}{}:
	case <-deadline.C:
		return false
	case <-ctx.Done():
		return false
	}
	pause := time.NewTimer(delay)
	defer pause.Stop()
	select {
	case <-pause.C:
		return true
	case <-deadline.C:
	case <-ctx.Done():
	}
	<-c.slot
	return false
}

func (c *penalty) done() { <-c.slot }

// statusRecorder remembers the status of a response.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (w *statusRecorder) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusRecorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

package server

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/regnet/regnet/graph"
)

// Codes of the rejections this file makes.
const (
	// CodeBusy is a request refused because the server, or the client's
	// share of it, is full (HTTP 503 with Retry-After).
	CodeBusy = "SERVER_BUSY"
	// CodeResponseTooLarge is an answer over MaxResponseBytes (HTTP 422).
	CodeResponseTooLarge = "RESPONSE_TOO_LARGE"
)

func itoa(n int) string { return strconv.Itoa(n) }

// limiter bounds the GraphQL requests in flight, in all and per client
// address, so that one client sending heavy or hostile requests holds at
// most its share of the server and the others go on. A request past a bound
// waits for a slot a short time (a browser's burst is served in turn), then
// is refused: waiting longer would only hold its connection.
type limiter struct {
	all       chan struct{}
	perClient int
	wait      time.Duration

	mu      sync.Mutex
	clients map[string]*clientSlots
}

type clientSlots struct {
	slots chan struct{}
	users int // requests holding or waiting for a slot
}

func newLimiter(max, perClient int, wait time.Duration) *limiter {
	return &limiter{all: make(chan struct{}, max), perClient: perClient, wait: wait, clients: map[string]*clientSlots{}}
}

// acquire takes a slot for client, waiting at most l.wait, or reports false.
func (l *limiter) acquire(ctx context.Context, client string) bool {
	l.mu.Lock()
	c := l.clients[client]
	if c == nil {
		c = &clientSlots{slots: make(chan struct{}, l.perClient)}
		l.clients[client] = c
	}
	c.users++
	l.mu.Unlock()

	timer := time.NewTimer(l.wait)
	defer timer.Stop()
	select {
	case c.slots <- struct{}{}:
	case <-timer.C:
		l.leave(client, c)
		return false
	case <-ctx.Done():
		l.leave(client, c)
		return false
	}
	select {
	case l.all <- struct{}{}:
		return true
	case <-timer.C:
	case <-ctx.Done():
	}
	<-c.slots
	l.leave(client, c)
	return false
}

func (l *limiter) release(client string) {
	<-l.all
	l.mu.Lock()
	c := l.clients[client]
	l.mu.Unlock()
	<-c.slots
	l.leave(client, c)
}

func (l *limiter) leave(client string, c *clientSlots) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if c.users--; c.users == 0 {
		delete(l.clients, client)
	}
}

// clientOf is the address a request comes from: the peer's IP. Headers such
// as X-Forwarded-For are not trusted: any client can set them.
func clientOf(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// limitConcurrency answers 503 with Retry-After past the limiter's bounds,
// and holds back clients whose requests were refused (penalties).
func (s *Server) limitConcurrency(next http.Handler) http.Handler {
	busy := func(w http.ResponseWriter, client string) {
		s.penalties.record(client, http.StatusServiceUnavailable)
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusServiceUnavailable, CodeBusy, "too many requests at once; try again shortly")
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		client := clientOf(r)
		if p, delay := s.penalties.get(client); p != nil {
			if !p.wait(r.Context(), delay, s.cfg.QueueWait+delay) {
				busy(w, client)
				return
			}
			defer p.done()
		}
		if !s.limiter.acquire(r.Context(), client) {
			busy(w, client)
			return
		}
		defer s.limiter.release(client)
		sw := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		// A 503 from further in says the store is down, which is not the
		// client's doing: it neither adds to a penalty nor takes from one.
		if sw.status != http.StatusServiceUnavailable {
			s.penalties.record(client, sw.status)
		}
	})
}

// limitResponse holds a GraphQL answer until it is complete and sends it
// when it is at most MaxResponseBytes, else a RESPONSE_TOO_LARGE error. The
// cost limit should refuse such a query first; this is the guard behind it,
// so that no estimate that turns out wrong sends a client hundreds of
// megabytes.
func (s *Server) limitResponse(next http.Handler) http.Handler {
	max := s.cfg.MaxResponseBytes
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		bw := &boundedWriter{header: http.Header{}, max: max, buf: answerBuffers.Get().(*bytes.Buffer)}
		defer bw.release()
		next.ServeHTTP(bw, r)
		if bw.over {
			writeError(w, http.StatusUnprocessableEntity, CodeResponseTooLarge,
				fmt.Sprintf("the answer is larger than %d bytes: ask for smaller pages or fewer fields", max))
			return
		}
		for k, vs := range bw.header {
			w.Header()[k] = vs
		}
		if bw.status == 0 {
			bw.status = http.StatusOK
		}
		// The answer is whole here: the place to set its status by the
		// media type (GraphQL over HTTP) without buffering it twice.
		status, body := overHTTP(r, bw.header, bw.status, bw.buf.Bytes())
		if len(body) != bw.buf.Len() {
			w.Header().Del("Content-Length")
		}
		w.WriteHeader(status)
		_, _ = w.Write(body)
	})
}

// boundedWriter buffers a response up to max bytes and drops the rest.
type boundedWriter struct {
	header http.Header
	status int
	buf    *bytes.Buffer
	max    int
	over   bool
}

// answerBuffers keeps the buffers of answers sent: an answer of tens of
// kilobytes would otherwise grow a new one, by doubling, every request.
// Buffers grown past pooledBufferMax are left to the collector, so that
// one large answer does not stay held.
var answerBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const pooledBufferMax = 1 << 20

// release returns the buffer once the answer is sent.
func (w *boundedWriter) release() {
	if w.buf.Cap() <= pooledBufferMax {
		w.buf.Reset()
		answerBuffers.Put(w.buf)
	}
	w.buf = nil
}

func (w *boundedWriter) Header() http.Header { return w.header }

func (w *boundedWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

func (w *boundedWriter) Write(b []byte) (int, error) {
	if w.over || w.buf.Len()+len(b) > w.max {
		w.over = true
		w.buf.Reset()
		return 0, errResponseTooLarge
	}
	return w.buf.Write(b)
}

var errResponseTooLarge = fmt.Errorf("response over the size limit")

// limitListener bounds the connections a listener hands out. Past the bound
// a connection is answered with 503 and Retry-After and closed at once, so
// that a client opening connections by the thousand neither exhausts file
// descriptors nor waits in the kernel's queue without an answer.
type limitListener struct {
	net.Listener
	slots chan struct{}
}

func newLimitListener(ln net.Listener, max int) net.Listener {
	return &limitListener{Listener: ln, slots: make(chan struct{}, max)}
}

var busyResponse = func() string {
	body := `{"errors":[{"message":"too many connections; try again shortly","extensions":{"code":"` + CodeBusy + `"}}]}` + "\n"
	return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\nConnection: close\r\n" +
		"Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
}()

func (l *limitListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		select {
		case l.slots <- struct{}{}:
			return &limitConn{Conn: c, release: func() { <-l.slots }}, nil
		default:
			go func() {
				_ = c.SetWriteDeadline(time.Now().Add(time.Second))
				_, _ = c.Write([]byte(busyResponse))
				_ = c.Close()
			}()
		}
	}
}

type limitConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}

// deadline is a gqlgen extension that stops a request whose time ran out
// while it was parsed and validated, before any resolver runs. Preflight
// bounds that work, so this is rare; without it such a request would go on
// to run its resolvers only to have each fail on its context.
type deadline struct{}

func (deadline) ExtensionName() string                   { return "Deadline" }
func (deadline) Validate(graphql.ExecutableSchema) error { return nil }

func (deadline) MutateOperationContext(ctx context.Context, _ *graphql.OperationContext) *gqlerror.Error {
	if ctx.Err() == nil {
		return nil
	}
	e := gqlerror.Errorf("the request ran out of time")
	e.Extensions = map[string]any{"code": graph.CodeTimeout}
	return e
}

package server

import (
	"bytes"
	"container/list"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/regnet/regnet"
)

// Defaults of the answer cache.
const (
	DefaultCacheBytes         = 64 << 20
	DefaultCacheCheckInterval = 100 * time.Millisecond
)

// CacheHeader tells a client whether its answer came from the cache
// ("hit") or was computed ("miss").
const CacheHeader = "X-Cache"

// answerCache keeps whole GraphQL answers, keyed by the request (method,
// Accept, operation name, query text and variables) and valid for one load
// version of the store. The store's facts change only when a load commits,
// and a load changes the version in the same transaction, so an answer
// computed at a version is the answer for as long as the version holds.
// When the version changes every entry is dropped at once.
//
// Only answers with status 200 and no GraphQL errors are kept: an error may
// be passing (a timeout, a store that could not be reached). Entries are
// evicted least recently used first so that keys and bodies together stay
// under max bytes; an answer over a quarter of max is not kept.
type answerCache struct {
	store    regnet.Versioned
	max      int
	interval time.Duration // how long a read version is trusted; <= 0: not at all

	refresh sync.Mutex // held by the one request that asks the store
	mu      sync.Mutex
	version int64
	known   bool
	checked time.Time
	entries map[string]*list.Element
	lru     list.List // of *cacheEntry, most recently used first
	size    int
}

type cacheEntry struct {
	key         string
	status      int
	contentType string
	body        []byte
}

// entryOverhead is what an entry costs besides its key and body: the list
// element, the map slot and the entry itself, roughly.
const entryOverhead = 160

func (e *cacheEntry) cost() int { return len(e.key) + len(e.body) + entryOverhead }

func newAnswerCache(store regnet.Versioned, max int, interval time.Duration) *answerCache {
	return &answerCache{store: store, max: max, interval: interval, entries: map[string]*list.Element{}}
}

// currentVersion returns the store's version, asking the store at most once
// per interval; the other requests of that moment use the version read.
func (c *answerCache) currentVersion(ctx context.Context) (int64, error) {
	if v, ok := c.fresh(); ok {
		return v, nil
	}
	c.refresh.Lock()
	defer c.refresh.Unlock()
	if v, ok := c.fresh(); ok {
		return v, nil
	}
	v, err := c.store.Version(ctx)
	if err != nil {
		return 0, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.known || v != c.version {
		c.entries = map[string]*list.Element{}
		c.lru.Init()
		c.size = 0
	}
	c.version, c.known, c.checked = v, true, time.Now()
	return v, nil
}

func (c *answerCache) fresh() (int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.known && c.interval > 0 && time.Since(c.checked) < c.interval {
		return c.version, true
	}
	return 0, false
}

func (c *answerCache) get(version int64, key string) *cacheEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.known || c.version != version {
		return nil
	}
	el := c.entries[key]
	if el == nil {
		return nil
	}
	c.lru.MoveToFront(el)
	return el.Value.(*cacheEntry)
}

func (c *answerCache) put(version int64, e *cacheEntry) {
	if e.cost() > c.max/4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.known || c.version != version {
		return // a newer load is known: this answer may be stale
	}
	if old := c.entries[e.key]; old != nil {
		c.size -= old.Value.(*cacheEntry).cost()
		c.lru.Remove(old)
	}
	c.entries[e.key] = c.lru.PushFront(e)
	c.size += e.cost()
	for c.size > c.max {
		last := c.lru.Back()
		victim := last.Value.(*cacheEntry)
		c.lru.Remove(last)
		delete(c.entries, victim.key)
		c.size -= victim.cost()
	}
}

// requestKey is the cache key of a GraphQL request on the current day (in
// Vietnam), or "" when the request
// is not one the cache can tell apart reliably (a body that is not a
// GraphQL request object). Variables are decoded and encoded again so
// that their order and spacing do not matter.
func requestKey(r *http.Request) string {
	var p struct {
		Query         string          `json:"query"`
		OperationName string          `json:"operationName"`
		Variables     json.RawMessage `json:"variables"`
		Extensions    json.RawMessage `json:"extensions"`
	}
	switch r.Method {
	case http.MethodPost:
		if r.Body == nil {
			return ""
		}
		// limitBody has read the body already, within its bound; read it
		// again from memory and put it back for gqlgen.
		body, err := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		if err != nil || json.Unmarshal(body, &p) != nil {
			return ""
		}
	case http.MethodGet:
		q, err := url.ParseQuery(r.URL.RawQuery)
		if err != nil {
			return ""
		}
		p.Query, p.OperationName = q.Get("query"), q.Get("operationName")
		p.Variables, p.Extensions = json.RawMessage(q.Get("variables")), json.RawMessage(q.Get("extensions"))
	default:
		return ""
	}
	vars, ok := canonicalJSON(p.Variables)
	if !ok {
		return ""
	}
	ext, ok := canonicalJSON(p.Extensions)
	if !ok {
		return ""
	}
	var b bytes.Buffer
	// The day is part of the key: an answer that counts from today (a
	// plan's overdue actions) must not outlive it.
	for _, part := range []string{regnet.Today(), r.Method, r.Header.Get("Accept"), p.OperationName, p.Query, vars, ext} {
		b.WriteString(strconv.Itoa(len(part)))
		b.WriteByte(':')
		b.WriteString(part)
	}
	return b.String()
}

// canonicalJSON returns raw JSON with object keys sorted and no spacing;
// "" for none.
func canonicalJSON(raw json.RawMessage) (string, bool) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return "", true
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return "", false
	}
	out, err := json.Marshal(v)
	if err != nil {
		return "", false
	}
	return string(out), true
}

// cacheAnswers serves repeated GraphQL requests from the answer cache while
// the store's version holds. A request whose version cannot be read is
// served without the cache.
func (s *Server) cacheAnswers(next http.Handler) http.Handler {
	c := s.cache
	if c == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := requestKey(r)
		if key == "" {
			next.ServeHTTP(w, r)
			return
		}
		version, err := c.currentVersion(r.Context())
		if err != nil {
			next.ServeHTTP(w, r)
			return
		}
		if e := c.get(version, key); e != nil {
			h := w.Header()
			h.Set("Content-Type", e.contentType)
			h.Set(CacheHeader, "hit")
			w.WriteHeader(e.status)
			_, _ = w.Write(e.body)
			return
		}
		w.Header().Set(CacheHeader, "miss")
		rec := &recordingWriter{ResponseWriter: w, max: c.max / 4}
		next.ServeHTTP(rec, r)
		if rec.status != 0 && rec.status != http.StatusOK || rec.over || hasErrors(rec.buf.Bytes()) {
			return
		}
		c.put(version, &cacheEntry{key: key, status: http.StatusOK,
			contentType: w.Header().Get("Content-Type"), body: bytes.Clone(rec.buf.Bytes())})
	})
}

// hasErrors reports whether a GraphQL answer holds errors. A quote inside a
// JSON string is escaped, so `"errors":` can only be a key.
func hasErrors(body []byte) bool { return bytes.Contains(body, []byte(`"errors":`)) }

// recordingWriter passes a response through and keeps a copy of up to max
// bytes of it.
type recordingWriter struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
	max    int
	over   bool
}

func (w *recordingWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *recordingWriter) Write(b []byte) (int, error) {
	if !w.over {
		if w.buf.Len()+len(b) > w.max {
			w.over = true
			w.buf = bytes.Buffer{}
		} else {
			w.buf.Write(b)
		}
	}
	return w.ResponseWriter.Write(b)
}

func (w *recordingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

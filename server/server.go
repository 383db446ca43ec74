// Package server is regnet's HTTP server: the GraphQL endpoint with its
// limits, health and readiness probes, and the explorer's hook.
//
// Routes:
//
//	POST /graphql   GraphQL over HTTP (JSON body)
//	GET  /graphql   queries only (?query=…&variables=…)
//	GET  /healthz   200 while the process runs
//	GET  /readyz    200 when the store answers Ping, 503 while it does not
//	/               the explorer (and its GraphiQL page at /graphiql), when
//	                Config.Explorer is set
//
// HTTP statuses of rejections (errors[0].extensions.code in brackets):
//
//	a client's share or the server full           503 [SERVER_BUSY], Retry-After
//	the store known to be down                    503 [STORE_UNAVAILABLE], Retry-After
//	body or GET query string over MaxBodyBytes    413 / 414 [REQUEST_TOO_LARGE]
//	POST that is not application/json             415 [BAD_REQUEST]
//	malformed query, too many tokens              422 [GRAPHQL_PARSE_FAILED]
//	query invalid for the schema (also a mutation,
//	  since the schema has none; also over GET)   422 [GRAPHQL_VALIDATION_FAILED]
//	too many aliases, selections, directives or
//	  repeats; too deep or too costly             422 [QUERY_TOO_COMPLEX]
//	a Date that is not a string                   422 [BAD_USER_INPUT]
//	answer over MaxResponseBytes                  422 [RESPONSE_TOO_LARGE]
//	body that is not JSON                         400 [BAD_REQUEST]
//	other method than GET/POST/OPTIONS            405
//
// These 422s (but RESPONSE_TOO_LARGE) are for a client that names no media
// type. GraphQL over HTTP asks otherwise when it does (see overHTTP): one that
// asks for application/json gets 200 with the errors, one that asks for
// application/graphql-response+json 400 and no data entry. Errors met while
// running a valid query (BAD_USER_INPUT, NOT_FOUND, STORE_UNAVAILABLE,
// TIMEOUT, INTERNAL_SERVER_ERROR) come with 200 and whatever data could be
// resolved, as GraphQL prescribes.
package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/graph"
)

// Defaults of Config's limits. Practice elsewhere: depth 6-15, body 1-2 MB,
// page size 100. The cost limit lets every client query of the contract run
// with room to spare and refuses a list of lists of lists.
const (
	DefaultAddr             = "localhost:8080" // this machine only; a container sets REGNET_ADDR=0.0.0.0:8080
	DefaultMaxBodyBytes     = 64 << 10
	DefaultMaxDepth         = 10
	DefaultComplexityLimit  = 250000
	DefaultTokenLimit       = graph.DefaultTokenLimit
	DefaultRequestTimeout   = 30 * time.Second
	DefaultShutdownTimeout  = 10 * time.Second
	DefaultMaxResponseBytes = 8 << 20
	DefaultMaxConcurrent    = 64
	DefaultMaxPerClient     = 4
	DefaultQueueWait        = time.Second
	DefaultMaxConns         = 512
)

// CodeRequestTooLarge is the extensions.code of a body over the limit.
const CodeRequestTooLarge = "REQUEST_TOO_LARGE"

// Config configures a Server. Only Store is required; zero values take the
// defaults above.
type Config struct {
	Store regnet.Store
	// Addr is the address Run listens on.
	Addr string
	// CORSOrigins are the origins browsers may call /graphql from ("*" for
	// any). None by default: only pages of the same origin (the explorer,
	// GraphiQL) can call the API from a browser.
	CORSOrigins []string
	// Logger receives one line per request and the errors of failed
	// fields; nil discards them.
	Logger *slog.Logger
	// Explorer, when set, is served at / (the web explorer).
	Explorer http.Handler

	// MaxBodyBytes bounds a POST body and a GET query string. A query is at
	// most TokenLimit tokens and arguments are short, so 64 KiB is ample;
	// a larger body would only cost reading and decoding it.
	MaxBodyBytes int64
	// MaxDepth bounds how deeply fields nest in an operation.
	MaxDepth int
	// ComplexityLimit bounds an operation's estimated cost (graph.CostLimit:
	// a list costs its expected size times what each item selects).
	ComplexityLimit int
	// TokenLimit bounds the tokens the parser reads from a query.
	TokenLimit int
	// MaxAliases, MaxSelections, MaxDirectives and MaxRepeats bound a
	// document before it is validated (graph.Preflight);
	// MaxValidationErrors bounds the errors validation returns.
	MaxAliases          int
	MaxSelections       int
	MaxDirectives       int
	MaxRepeats          int
	MaxValidationErrors int
	// MaxResponseBytes bounds a GraphQL answer: a last guard behind the
	// cost limit.
	MaxResponseBytes int
	// MaxConcurrent bounds the GraphQL requests served at once, and
	// MaxPerClient those of one client address (behind a reverse proxy,
	// every client has the proxy's address: raise it). A request past them
	// waits up to QueueWait for a slot, then gets 503 with Retry-After.
	MaxConcurrent int
	MaxPerClient  int
	QueueWait     time.Duration
	// MaxPenalty is the longest a client whose requests are refused waits
	// before each next one (see penalties); negative turns penalties off.
	MaxPenalty time.Duration
	// MaxConns bounds the connections Serve holds open; past it a new
	// connection gets 503 with Retry-After and is closed.
	MaxConns int
	// StoreCheckInterval is how often, at most, the store is asked whether
	// it is back while the circuit breaker is open (default 1s).
	StoreCheckInterval time.Duration
	// RequestTimeout bounds the time a GraphQL request may take.
	RequestTimeout time.Duration
	// CacheBytes bounds the answer cache (see answerCache): whole answers
	// kept per load version of the store, for stores that have versions
	// (regnet.Versioned). Zero takes DefaultCacheBytes; negative turns the
	// cache off.
	CacheBytes int64
	// CacheCheckInterval is how long the cache trusts the version it read
	// from the store: a load committed by any process is seen within it.
	// Zero takes DefaultCacheCheckInterval; negative reads the version on
	// every request.
	CacheCheckInterval time.Duration
	// BatchWait is how long the per-request loaders gather keys
	// (graph.DefaultBatchWait when zero).
	BatchWait time.Duration

	// Timeouts of the HTTP server Run starts.
	ReadHeaderTimeout time.Duration // default 5s
	ReadTimeout       time.Duration // default 15s
	WriteTimeout      time.Duration // default RequestTimeout + 5s
	IdleTimeout       time.Duration // default 60s
	ShutdownTimeout   time.Duration // default 10s
}

// Server serves regnet over HTTP. It is an http.Handler; Run also listens
// and shuts down gracefully.
type Server struct {
	cfg     Config
	log     *slog.Logger
	handler http.Handler
	breaker *breaker
	limiter *limiter
	// penalties hold back the clients whose requests are refused.
	penalties *penalties
	bounds    atomic.Pointer[graph.Bounds]
	// cache holds answers per load version; nil when off.
	cache *answerCache
}

// New returns a Server for cfg.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("server: no store")
	}
	cfg = withDefaults(cfg)
	s := &Server{cfg: cfg, log: cfg.Logger, limiter: newLimiter(cfg.MaxConcurrent, cfg.MaxPerClient, cfg.QueueWait),
		penalties: newPenalties(cfg.MaxPenalty)}
	s.breaker = newBreaker(s.checkStore, cfg.StoreCheckInterval)
	if v, ok := cfg.Store.(regnet.Versioned); ok && cfg.CacheBytes > 0 {
		s.cache = newAnswerCache(v, int(cfg.CacheBytes), cfg.CacheCheckInterval)
	}
	s.bounds.Store(graph.StaticBounds())
	s.measureBounds(context.Background())

	mux := http.NewServeMux()
	mux.Handle("/graphql", s.graphqlHandler())
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeStatus(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", s.ready)
	if cfg.Explorer != nil {
		mux.Handle("/", cfg.Explorer)
	}
	s.handler = s.logRequests(mux)
	return s, nil
}

func withDefaults(cfg Config) Config {
	if cfg.Addr == "" {
		cfg.Addr = DefaultAddr
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.MaxDepth <= 0 {
		cfg.MaxDepth = DefaultMaxDepth
	}
	if cfg.ComplexityLimit <= 0 {
		cfg.ComplexityLimit = DefaultComplexityLimit
	}
	if cfg.TokenLimit <= 0 {
		cfg.TokenLimit = DefaultTokenLimit
	}
	cfg.MaxAliases = orDefault(cfg.MaxAliases, graph.DefaultMaxAliases)
	cfg.MaxSelections = orDefault(cfg.MaxSelections, graph.DefaultMaxSelections)
	cfg.MaxDirectives = orDefault(cfg.MaxDirectives, graph.DefaultMaxDirectives)
	cfg.MaxRepeats = orDefault(cfg.MaxRepeats, graph.DefaultMaxRepeats)
	cfg.MaxValidationErrors = orDefault(cfg.MaxValidationErrors, graph.DefaultMaxValidationErrors)
	cfg.MaxResponseBytes = orDefault(cfg.MaxResponseBytes, DefaultMaxResponseBytes)
	cfg.MaxConcurrent = orDefault(cfg.MaxConcurrent, DefaultMaxConcurrent)
	cfg.MaxPerClient = orDefault(cfg.MaxPerClient, DefaultMaxPerClient)
	cfg.MaxConns = orDefault(cfg.MaxConns, DefaultMaxConns)
	if cfg.QueueWait <= 0 {
		cfg.QueueWait = DefaultQueueWait
	}
	if cfg.MaxPenalty == 0 {
		cfg.MaxPenalty = DefaultMaxPenalty
	}
	if cfg.CacheBytes == 0 {
		cfg.CacheBytes = DefaultCacheBytes
	}
	if cfg.CacheCheckInterval == 0 {
		cfg.CacheCheckInterval = DefaultCacheCheckInterval
	}
	if cfg.StoreCheckInterval <= 0 {
		cfg.StoreCheckInterval = time.Second
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.ReadHeaderTimeout <= 0 {
		cfg.ReadHeaderTimeout = 5 * time.Second
	}
	if cfg.ReadTimeout <= 0 {
		cfg.ReadTimeout = 15 * time.Second
	}
	if cfg.WriteTimeout <= 0 {
		cfg.WriteTimeout = cfg.RequestTimeout + 5*time.Second
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = 60 * time.Second
	}
	if cfg.ShutdownTimeout <= 0 {
		cfg.ShutdownTimeout = DefaultShutdownTimeout
	}
	var origins []string
	for _, o := range cfg.CORSOrigins {
		if o = strings.TrimSpace(o); o != "" {
			origins = append(origins, o)
		}
	}
	cfg.CORSOrigins = origins
	return cfg
}

func orDefault(n, def int) int {
	if n <= 0 {
		return def
	}
	return n
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// Run listens on Config.Addr and serves until ctx is done, then shuts down
// gracefully: in-flight requests get ShutdownTimeout to finish.
func (s *Server) Run(ctx context.Context) error {
	ln, err := s.Listen()
	if err != nil {
		return err
	}
	return s.Serve(ctx, ln)
}

// Listen opens Config.Addr, so that a caller can say where the server is
// (the port chosen for ":0" included) before calling Serve.
func (s *Server) Listen() (net.Listener, error) {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", s.cfg.Addr, err)
	}
	return ln, nil
}

// Serve is Run on a listener of the caller's (tests listen on port 0).
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	ln = newLimitListener(ln, s.cfg.MaxConns)
	go s.refreshBounds(ctx)
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: s.cfg.ReadHeaderTimeout,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.WriteTimeout,
		IdleTimeout:       s.cfg.IdleTimeout,
		MaxHeaderBytes:    int(s.cfg.MaxBodyBytes) + 16<<10, // a GET query is in the header
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	s.log.Info("serving", "addr", ln.Addr().String())
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// graphqlHandler is the GraphQL endpoint: CORS, method check, body limit,
// request timeout, per-request loaders, then gqlgen.
func (s *Server) graphqlHandler() http.Handler {
	es := graph.NewSchema(s.cfg.Store)
	gql := handler.New(es)
	gql.AddTransport(transport.GET{})
	gql.AddTransport(postJSON{})
	cache := lru.New[*ast.QueryDocument](1000)
	gql.SetQueryCache(cache)
	gql.SetParserTokenLimit(s.cfg.TokenLimit)
	gql.SetValidationRulesFn(graph.CappedRules(s.cfg.MaxValidationErrors))
	present := graph.ErrorPresenter(s.log)
	gql.SetErrorPresenter(func(ctx context.Context, err error) *gqlerror.Error {
		e := present(ctx, err)
		if e.Extensions["code"] == graph.CodeStoreUnavailable {
			s.breaker.trip()
		}
		return e
	})
	gql.SetRecoverFunc(func(ctx context.Context, v any) error {
		s.log.ErrorContext(ctx, "graphql panic", "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
		return gqlerror.Errorf("internal error")
	})
	gql.Use(operationName{}) // first, so that rejected operations are logged by name
	gql.Use(graph.Preflight{
		TokenLimit:    s.cfg.TokenLimit,
		MaxAliases:    s.cfg.MaxAliases,
		MaxSelections: s.cfg.MaxSelections,
		MaxDirectives: s.cfg.MaxDirectives,
		MaxRepeats:    s.cfg.MaxRepeats,
		Cache:         cache,
	})
	gql.Use(extension.Introspection{})
	gql.Use(graph.DepthLimit{Max: s.cfg.MaxDepth})
	gql.Use(graph.CostLimit{Max: s.cfg.ComplexityLimit, Bounds: s.bounds.Load})
	gql.Use(graph.ScalarInputs{Schema: es.Schema()})
	gql.Use(deadline{})

	var h http.Handler = gql
	h = graph.Middleware(s.cfg.Store, s.cfg.BatchWait)(h)
	h = s.limitResponse(h)
	h = s.cacheAnswers(h)
	h = s.timeout(h)
	h = s.limitBody(h)
	h = s.failFast(h)
	h = s.limitConcurrency(h)
	h = requireTransport(h)
	h = allowMethods(h, http.MethodGet, http.MethodPost)
	return s.cors().Handler(h)
}

// cors answers preflight requests and sets the CORS headers for the
// configured origins. With none configured it allows no other origin (rs/cors
// would otherwise allow every origin for an empty list).
func (s *Server) cors() *cors.Cors {
	opts := cors.Options{
		AllowedOrigins: s.cfg.CORSOrigins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost},
		AllowedHeaders: []string{"Accept", "Content-Type", "Authorization"},
		MaxAge:         600,
	}
	if len(s.cfg.CORSOrigins) == 0 {
		opts.AllowOriginFunc = func(string) bool { return false }
	}
	return cors.New(opts)
}

func allowMethods(next http.Handler, methods ...string) http.Handler {
	allow := strings.Join(methods, ", ")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, m := range methods {
			if r.Method == m {
				next.ServeHTTP(w, r)
				return
			}
		}
		w.Header().Set("Allow", allow)
		writeError(w, http.StatusMethodNotAllowed, "", "method "+r.Method+" not allowed; use "+allow)
	})
}

// requireTransport refuses, with a code, the requests no gqlgen transport
// takes (gqlgen answers them with a bare "transport not supported"): a POST
// whose body is not JSON by its Content-Type (415), a GET asking for a
// protocol upgrade (400).
func requireTransport(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodPost:
			mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
			if err != nil || mt != "application/json" {
				writeError(w, http.StatusUnsupportedMediaType, graph.CodeBadRequest,
					"a POST to /graphql must have Content-Type: application/json")
				return
			}
		case r.Header.Get("Upgrade") != "":
			writeError(w, http.StatusBadRequest, graph.CodeBadRequest, "protocol upgrades (WebSocket) are not supported")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// limitBody reads at most MaxBodyBytes of a request body and answers 413
// beyond that (414 for a GET query string over it), before gqlgen sees the
// request. A body without a Content-Length (chunked) is read up to the
// limit to find out.
func (s *Server) limitBody(next http.Handler) http.Handler {
	max := s.cfg.MaxBodyBytes
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if int64(len(r.URL.RawQuery)) > max {
			writeError(w, http.StatusRequestURITooLong, CodeRequestTooLarge,
				fmt.Sprintf("the query string is longer than %d bytes", max))
			return
		}
		if r.ContentLength > max {
			writeTooLarge(w, max)
			return
		}
		if r.Body != nil && r.Body != http.NoBody {
			body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, max))
			var tooLarge *http.MaxBytesError
			switch {
			case errors.As(err, &tooLarge):
				writeTooLarge(w, max)
				return
			case err != nil:
				writeError(w, http.StatusBadRequest, "", "could not read the request body")
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		next.ServeHTTP(w, r)
	})
}

func writeTooLarge(w http.ResponseWriter, max int64) {
	writeError(w, http.StatusRequestEntityTooLarge, CodeRequestTooLarge,
		fmt.Sprintf("request body is larger than %d bytes", max))
}

// timeout bounds a request's context; store calls and loaders run under it.
func (s *Server) timeout(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.RequestTimeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// ready answers 200 when the store answers Ping and 503 when it does not.
// It asks the store every time, so readiness comes back by itself when the
// store does; the answer feeds the circuit breaker of /graphql.
func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	err := s.checkStore(ctx)
	s.breaker.record(err)
	if err != nil {
		s.log.WarnContext(ctx, "store not ready", "err", err)
		writeStatus(w, http.StatusServiceUnavailable, map[string]string{
			"status": "unavailable", "error": regnet.ErrorMessage(err),
		})
		return
	}
	writeStatus(w, http.StatusOK, map[string]string{"status": "ok"})
}

// checkStore is the readiness check: the store answers Ping.
func (s *Server) checkStore(ctx context.Context) error { return s.cfg.Store.Ping(ctx) }

// measureBounds measures the store's lists for the cost model, keeping the
// bounds it had when the store cannot be asked within a request's time.
func (s *Server) measureBounds(ctx context.Context) bool {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.RequestTimeout)
	defer cancel()
	b, err := graph.MeasureBounds(ctx, s.cfg.Store)
	if err != nil {
		s.log.WarnContext(ctx, "could not measure the store's lists; the cost model uses the last or static bounds", "err", err)
		return false
	}
	s.bounds.Store(b)
	return true
}

// refreshBounds measures the lists again every few minutes, and every
// half minute while the last try failed, so that a load or a store that
// was down at start is taken into account without a restart.
func (s *Server) refreshBounds(ctx context.Context) {
	ok := true
	for {
		wait := 5 * time.Minute
		if !ok {
			wait = 30 * time.Second
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		ok = s.measureBounds(ctx)
	}
}

func writeStatus(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// writeError answers with a GraphQL-shaped error body, so that clients read
// every rejection the same way.
func writeError(w http.ResponseWriter, status int, code, msg string) {
	e := &gqlerror.Error{Message: msg}
	if code != "" {
		e.Extensions = map[string]any{"code": code}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(graphql.Response{Errors: gqlerror.List{e}})
}

package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/graph"
	"github.com/regnet/regnet/server"
	"github.com/regnet/regnet/store/memory"
	"github.com/regnet/regnet/web"
)

// cmdServe serves the GraphQL API. With a Neo4j URI (--neo4j or NEO4J_URI)
// it answers from that graph; without one it parses the bundled documents
// (or FILE|DIR arguments) into memory at start, so that the API runs on any
// machine with nothing else installed.
func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	addr := fs.String("addr", envOr("REGNET_ADDR", server.DefaultAddr), "listen address HOST:PORT (default $REGNET_ADDR)")
	uri := fs.String("neo4j", "", "Neo4j Bolt URI (default $NEO4J_URI); without one, documents are served from memory")
	origins := fs.String("cors", envOr("REGNET_CORS_ORIGINS", ""), "comma-separated origins allowed to call /graphql from a browser, or * (default $REGNET_CORS_ORIGINS)")
	cacheSize := fs.String("cache-size", envOr("REGNET_CACHE_SIZE", "64MB"), "memory for cached answers, in bytes or with KB or MB; 0 turns the cache off (default $REGNET_CACHE_SIZE)")
	cacheCheck := fs.Duration("cache-check", server.DefaultCacheCheckInterval, "how often the cache asks the store for its load version; 0 asks on every request")
	pprofAddr := fs.String("pprof", "", "serve Go profiles (net/http/pprof) on this address HOST:PORT; off when empty")
	limits := serveLimits(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cacheBytes := int64(-1)
	if strings.TrimSpace(*cacheSize) != "0" {
		var err error
		if cacheBytes, err = parseBytes(*cacheSize); err != nil {
			return usagef("--cache-size (or REGNET_CACHE_SIZE): %v", err)
		}
	}
	checkEvery := *cacheCheck
	if checkEvery <= 0 {
		checkEvery = -1
	}
	timeout, err := time.ParseDuration(limits.timeout)
	if err != nil || timeout <= 0 {
		return usagef("--request-timeout (or REGNET_REQUEST_TIMEOUT): %q is not a duration such as 30s", limits.timeout)
	}
	penalty, err := time.ParseDuration(limits.penalty)
	if err != nil || penalty < 0 {
		return usagef("--max-penalty (or REGNET_MAX_PENALTY): %q is not a duration such as 1s", limits.penalty)
	}
	if penalty == 0 {
		penalty = -1 // server.Config: negative turns penalties off
	}
	respBytes, err := parseBytes(limits.response)
	if err != nil {
		return usagef("--max-response-size (or REGNET_MAX_RESPONSE_SIZE): %v", err)
	}
	log := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{ReplaceAttr: redactAttr}))
	tuneGC(cacheBytes, log)

	var store regnet.Store
	cfg := neo4jConfig(*uri)
	if cfg.URI != "" {
		if fs.NArg() > 0 {
			return usagef("documents are given to `regnet load` when serving from Neo4j; serve takes FILE|DIR only without a Neo4j URI")
		}
		s, err := openNeo4j(ctx, cfg)
		if err != nil {
			return err
		}
		defer s.Close(context.Background())
		store = s
		log.Info("store", "kind", "neo4j", "uri", redactURI(cfg.URI))
	} else {
		ds, err := parseInputs(ctx, fs)
		if err != nil {
			return err
		}
		for _, w := range ds.Warnings {
			log.Warn("parse", "file", w.File, "line", w.Line, "warning", w.Message)
		}
		store = memory.New(ds)
		log.Info("store", "kind", "memory", "documents", len(ds.Documents), "agencies", len(ds.Agencies))
	}

	srv, err := server.New(server.Config{
		Store:              store,
		Addr:               *addr,
		CORSOrigins:        splitList(*origins),
		Logger:             log,
		Explorer:           web.Handler(),
		MaxDepth:           limits.depth,
		ComplexityLimit:    limits.cost,
		TokenLimit:         limits.tokens,
		MaxAliases:         limits.aliases,
		MaxSelections:      limits.selections,
		MaxResponseBytes:   int(respBytes),
		MaxConcurrent:      limits.concurrent,
		MaxPerClient:       limits.perClient,
		MaxConns:           limits.conns,
		RequestTimeout:     timeout,
		CacheBytes:         cacheBytes,
		CacheCheckInterval: checkEvery,
		MaxPenalty:         penalty,
	})
	if err != nil {
		return err
	}
	if *pprofAddr != "" {
		stop, err := servePprof(ctx, *pprofAddr, log)
		if err != nil {
			return err
		}
		defer stop()
	}
	// The address is printed once the port is open, so that whoever reads
	// it can connect at once, and with the port chosen for ":0".
	ln, err := srv.Listen()
	if err != nil {
		return err
	}
	at := ln.Addr().String()
	fmt.Fprintf(stdout, "regnet: explorer at http://%s/, GraphQL at http://%s/graphql, GraphiQL at http://%s/graphiql\n", at, at, at)
	return srv.Serve(ctx, ln)
}

// limits are serve's request limits, by flag with environment fallbacks.
type limits struct {
	depth, cost, tokens, aliases, selections int
	concurrent, perClient, conns             int
	timeout, response, penalty               string
}

func serveLimits(fs *flag.FlagSet) *limits {
	l := &limits{}
	intFlag := func(p *int, name, env string, def int, usage string) {
		v := def
		if n, err := strconv.Atoi(envOr(env, "")); err == nil && n > 0 {
			v = n
		}
		fs.IntVar(p, name, v, usage+" (default $"+env+")")
	}
	intFlag(&l.depth, "max-depth", "REGNET_MAX_DEPTH", server.DefaultMaxDepth, "deepest nesting of fields in a query")
	intFlag(&l.cost, "max-cost", "REGNET_MAX_COST", server.DefaultComplexityLimit, "highest estimated cost of a query (lists count their expected size)")
	intFlag(&l.tokens, "max-tokens", "REGNET_MAX_TOKENS", server.DefaultTokenLimit, "most tokens in a query")
	intFlag(&l.aliases, "max-aliases", "REGNET_MAX_ALIASES", graph.DefaultMaxAliases, "most aliases in a query")
	intFlag(&l.selections, "max-selections", "REGNET_MAX_SELECTIONS", graph.DefaultMaxSelections, "most selections in a query, fragments written out")
	intFlag(&l.concurrent, "max-concurrent", "REGNET_MAX_CONCURRENT", server.DefaultMaxConcurrent, "most GraphQL requests served at once")
	intFlag(&l.perClient, "max-per-client", "REGNET_MAX_PER_CLIENT", server.DefaultMaxPerClient, "most GraphQL requests at once from one client address")
	intFlag(&l.conns, "max-conns", "REGNET_MAX_CONNS", server.DefaultMaxConns, "most open connections")
	fs.StringVar(&l.timeout, "request-timeout", envOr("REGNET_REQUEST_TIMEOUT", server.DefaultRequestTimeout.String()), "longest a GraphQL request may take (default $REGNET_REQUEST_TIMEOUT)")
	fs.StringVar(&l.penalty, "max-penalty", envOr("REGNET_MAX_PENALTY", server.DefaultMaxPenalty.String()), "longest a client whose requests are refused waits before each next one; 0 turns the penalty off (default $REGNET_MAX_PENALTY)")
	fs.StringVar(&l.response, "max-response-size", envOr("REGNET_MAX_RESPONSE_SIZE", "8MB"), "largest GraphQL answer, in bytes or with KB or MB (default $REGNET_MAX_RESPONSE_SIZE)")
	return l
}

// splitList splits a comma-separated setting, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

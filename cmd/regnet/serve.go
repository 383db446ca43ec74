package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/regnet/regnet"
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
	addr := fs.String("addr", envOr("REGNET_ADDR", "localhost:8080"), "listen address HOST:PORT (default $REGNET_ADDR)")
	uri := fs.String("neo4j", "", "Neo4j Bolt URI (default $NEO4J_URI); without one, documents are served from memory")
	origins := fs.String("cors", envOr("REGNET_CORS_ORIGINS", ""), "comma-separated origins allowed to call /graphql from a browser, or * (default $REGNET_CORS_ORIGINS)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	log := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{ReplaceAttr: redactAttr}))

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
		Store:       store,
		Addr:        *addr,
		CORSOrigins: splitList(*origins),
		Logger:      log,
		Explorer:    web.Handler(),
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "regnet: explorer at http://%s/, GraphQL at http://%s/graphql, GraphiQL at http://%s/graphiql\n", *addr, *addr, *addr)
	return srv.Run(ctx)
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

package main

// Opening the store a command reads or writes, and finding a province in it.

import (
	"context"
	"flag"
	"fmt"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/store/memory"
	"github.com/regnet/regnet/store/neo4j"
)

// neo4jConfig reads the Neo4j settings from the environment; uri, when not
// empty, comes from a flag and wins.
func neo4jConfig(uri string) neo4j.Config {
	if uri == "" {
		uri = envOr("NEO4J_URI", "")
	}
	return neo4j.Config{
		URI:      uri,
		Username: envOr("NEO4J_USERNAME", ""),
		Password: envOr("NEO4J_PASSWORD", ""),
		Database: envOr("NEO4J_DATABASE", ""),
	}
}

// openNeo4j opens the Neo4j store; when the server cannot be reached the
// error says how to start one.
func openNeo4j(ctx context.Context, cfg neo4j.Config) (*neo4j.Store, error) {
	s, err := neo4j.Open(ctx, cfg)
	if regnet.ErrorCode(err) == regnet.EUNAVAILABLE {
		return nil, fmt.Errorf("%w\n(is Neo4j running at %s? `scripts/neo4j start` starts one and prints its URI; `docker compose up neo4j` is the other way)", err, redactURI(cfg.URI))
	}
	return s, err
}

// reportStore opens the store a report reads: Neo4j when a URI is given
// (by flag or NEO4J_URI), else the documents parsed into memory. The
// returned func closes it.
func reportStore(ctx context.Context, uri string, fs *flag.FlagSet) (regnet.Store, func(), error) {
	files := fs.Args()
	cfg := neo4jConfig(uri)
	if cfg.URI == "" {
		ds, err := parseInputs(ctx, fs)
		if err != nil {
			return nil, nil, err
		}
		return memory.New(ds), func() {}, nil
	}
	if len(files) > 0 {
		return nil, nil, usagef("with Neo4j (%s) the report reads the loaded graph: load the files with regnet load, or unset NEO4J_URI to read them directly", redactURI(cfg.URI))
	}
	s, err := openNeo4j(ctx, cfg)
	if err != nil {
		return nil, nil, fmt.Errorf("open Neo4j at %s: %w", redactURI(cfg.URI), err)
	}
	return s, func() { _ = s.Close(context.Background()) }, nil
}

// knownProvince returns the province as the documents spell it, found by
// regnet.FindProvince: a name that differs only in accents or case ("lang
// son") is accepted; anything else is an error that lists the provinces
// there are.
func knownProvince(ctx context.Context, s regnet.Store, name string) (string, error) {
	list, err := s.Provinces(ctx)
	if err != nil {
		return "", fmt.Errorf("list provinces: %w", err)
	}
	p, err := regnet.FindProvince(list, name)
	if err != nil {
		return "", err
	}
	return p.Name, nil
}

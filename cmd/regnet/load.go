package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// cmdLoad parses documents (all of them before writing anything) and writes
// them to Neo4j in one transaction: the graph holds either all of the batch
// or, when anything fails, what it held before.
func cmdLoad(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("load", stderr)
	uri := fs.String("neo4j", "", "Neo4j Bolt URI (default $NEO4J_URI)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg := neo4jConfig(*uri)
	if cfg.URI == "" {
		return usagef("no Neo4j to load into: give --neo4j URI or set NEO4J_URI (scripts/neo4j start prints one)")
	}
	start := time.Now()
	ds, err := parseInputs(ctx, fs)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "parsed %d documents: %d provisions, %d agencies, %d duties, %d handoff rules, %d plan actions, %d schedules, %d warnings\n",
		len(ds.Documents), len(ds.Provisions), len(ds.Agencies), len(ds.Duties), len(ds.Handoffs), len(ds.PlanActions), len(ds.Schedules), len(ds.Warnings))
	store, err := openNeo4j(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	progress := newProgress(stderr)
	store.Progress = progress.update
	sum, err := store.Load(ctx, ds)
	progress.done()
	if err != nil {
		return fmt.Errorf("load into %s (nothing was changed): %w", redactURI(cfg.URI), err)
	}
	fmt.Fprintf(stdout, "loaded %d documents into %s in %s: %d nodes created, %d updated, %d removed; %d relationships created, %d removed; %d properties set\n",
		sum.Documents, redactURI(cfg.URI), time.Since(start).Round(time.Millisecond), sum.NodesCreated, sum.NodesUpdated, sum.NodesDeleted,
		sum.RelationshipsCreated, sum.RelationshipsDeleted, sum.PropertiesSet)
	return nil
}

// progress shows how far a load is: a bar redrawn in place on a terminal,
// one log line per step otherwise.
type progress struct {
	w        io.Writer
	terminal bool
	last     string
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w}
	if f, ok := w.(*os.File); ok {
		if info, err := f.Stat(); err == nil && info.Mode()&os.ModeCharDevice != 0 {
			p.terminal = true
		}
	}
	return p
}

func (p *progress) update(done, total int, what string) {
	if total <= 0 {
		return
	}
	if p.terminal {
		const width = 30
		n := done * width / total
		fmt.Fprintf(p.w, "\r[%s%s] %3d/%d %-20s", strings.Repeat("=", n), strings.Repeat(" ", width-n), done, total, what)
		return
	}
	if what != p.last || done == total {
		fmt.Fprintf(p.w, "load: %d/%d batches written (%s)\n", done, total, what)
		p.last = what
	}
}

func (p *progress) done() {
	if p.terminal {
		fmt.Fprintln(p.w)
	}
}

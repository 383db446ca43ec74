// Command loadgen sends one GraphQL query to a running regnet API from many
// concurrent clients for a bounded time and prints latency percentiles,
// throughput and errors. It exits 1 when any request failed, so that a
// script can use a load run as a check.
//
//	go run ./cmd/loadgen -url http://127.0.0.1:8080/graphql \
//	    -query graph/testdata/queries/handoff_chain.graphql -c 50 -d 30s
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/regnet/regnet/loadtest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run parses the flags, runs the load and prints the summary; it returns the
// exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("url", "http://127.0.0.1:8080/graphql", "GraphQL endpoint")
	queryFile := fs.String("query", "", "file holding the GraphQL query, sent as it is (required)")
	vars := fs.String("vars", "", "variables as a JSON object")
	clients := fs.Int("c", 10, "concurrent clients")
	duration := fs.Duration("d", 10*time.Second, "how long to send requests (0: until -n)")
	requests := fs.Int("n", 0, "stop after this many requests (0: until -d)")
	rate := fs.Float64("rate", 0, "requests per second in all, on a fixed schedule (0: each client sends as soon as answered)")
	timeout := fs.Duration("timeout", 30*time.Second, "per-request timeout")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *queryFile == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "loadgen: give -query FILE and no arguments")
		fs.Usage()
		return 2
	}
	res, err := load(ctx, *url, *queryFile, *vars, loadtest.Config{
		Clients: *clients, Duration: *duration, Requests: *requests, Rate: *rate, Timeout: *timeout,
	})
	if err != nil {
		fmt.Fprintln(stderr, "loadgen:", err)
		return 1
	}
	fmt.Fprintf(stdout, "query        %s -> %s\n", *queryFile, *url)
	fmt.Fprint(stdout, res)
	if res.Errors() > 0 {
		return 1
	}
	return 0
}

func load(ctx context.Context, url, queryFile, vars string, cfg loadtest.Config) (*loadtest.Result, error) {
	query, err := os.ReadFile(queryFile)
	if err != nil {
		return nil, fmt.Errorf("read query: %w", err)
	}
	var variables map[string]any
	if vars != "" {
		if err := json.Unmarshal([]byte(vars), &variables); err != nil {
			return nil, fmt.Errorf("-vars is not a JSON object: %w", err)
		}
	}
	body, err := loadtest.NewBody(string(query), variables)
	if err != nil {
		return nil, err
	}
	cfg.Request = loadtest.Request{URL: url, Body: body}
	res, err := loadtest.Run(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("run: %w", err)
	}
	return res, nil
}

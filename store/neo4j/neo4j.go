// Package neo4j stores regnet's graph in Neo4j (schema.cypher) and answers
// the regnet.Store questions with Cypher.
//
// The graph: Document, Provision, Province, Agency, Duty, Field, Area,
// Handoff, PlanAction, Target and Schedule nodes, linked as §4.1 says. Every node has
// a stable id (Field and Area nodes a code) with a uniqueness constraint, so
// that loading the same dataset twice changes nothing. Each node also holds
// its whole regnet record as properties (see props.go), so that reads
// rebuild records exactly without walking relationships. Beyond §4.1:
//   - (Agency)-[:COORDINATES_WITH {duty}]->(Agency) is derived, like
//     HANDS_OFF_TO, from each duty's agency to each partner it names, so
//     that path queries walk agency to agency;
//   - (Target)-[:IN_PLAN]->(Document) and (Target)-[:STATED_IN]->(Provision)
//     tie targets to their plan as plan actions are tied;
//   - (Agency)-[:REPORTS_TO {duty, when}]->(Agency) is derived from each
//     duty's reporting lines, holder to recipient, with the period as
//     written ("" when the text gives none); evidence stays on the Duty
//     node as a JSON string (see props.go);
//   - (Schedule) nodes are the meetings, reviews and reports a document
//     sets: (Schedule)-[:STATED_IN]->(Provision), -[:HELD_BY]->(Agency) for
//     the agencies that hold or send it, -[:SENT_TO]->(Agency) for those
//     that receive a report;
//   - documents cited by number (BASED_ON, REPLACES, AMENDS) but not loaded
//     are placeholder Document nodes with id regnet.DocumentID(number) and
//     reference = true; Documents leaves them out.
//
// The schema lives in schema.cypher and is applied, idempotently, when the
// store opens. All Cypher text is constant; values always travel as
// parameters.
package neo4j

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/regnet/regnet"
)

//go:embed schema.cypher
var schema string

// Config says how to reach the server.
type Config struct {
	URI      string // bolt://host:port or neo4j://host:port
	Username string // empty: no authentication
	Password string
	Database string // empty: the server's default database
	// RetryTime bounds how long a read or a transaction is retried after
	// transient failures (a lost connection, a deadlock); zero keeps the
	// driver's default of 30 s.
	RetryTime time.Duration
}

// defaultRetryTime is the driver's own default for RetryTime.
const defaultRetryTime = 30 * time.Second

// Store is a regnet.Store and regnet.Writer on a Neo4j database. It is safe
// for concurrent use; Progress must be set before the store is shared.
type Store struct {
	driver neo4j.DriverWithContext
	db     string

	// Progress, when set, is told after each batch of a Load how many of its
	// batches are done, out of how many, and what the last one wrote. A
	// Load whose transaction is retried reports from the start again.
	Progress func(done, total int, what string)

	// beforeBatch, when set (by tests), runs before each statement of a
	// Load, in its transaction; an error from it fails the Load.
	beforeBatch func(ctx context.Context, tx neo4j.ManagedTransaction, done int, what string) error
	// batchSize is the number of rows per UNWIND statement.
	batchSize int
	// retryTime bounds how long a read is retried (Config.RetryTime).
	retryTime time.Duration
	// searchDepth, when set (by tests), replaces the package's searchDepth;
	// deepSearches counts the searches that had to read every match of an
	// index (see cypherSearch).
	searchDepth  int
	deepSearches atomic.Int64
}

var (
	_ regnet.Store  = (*Store)(nil)
	_ regnet.Writer = (*Store)(nil)
)

// Open connects to the server, checks that it answers and applies the
// schema. A server that cannot be reached gives an EUNAVAILABLE error.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.URI == "" {
		return nil, regnet.Errorf(regnet.EINVALID, "neo4j: no URI given")
	}
	auth := neo4j.NoAuth()
	if cfg.Username != "" {
		auth = neo4j.BasicAuth(cfg.Username, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		if cfg.RetryTime > 0 {
			c.MaxTransactionRetryTime = cfg.RetryTime
		}
	})
	if err != nil {
		return nil, &regnet.Error{Code: regnet.EINVALID, Message: "neo4j: bad URI " + cfg.URI, Err: err}
	}
	if err := driver.VerifyConnectivity(ctx); err != nil {
		_ = driver.Close(ctx)
		return nil, storeError("neo4j: connect to "+cfg.URI, err)
	}
	retry := cfg.RetryTime
	if retry <= 0 {
		retry = defaultRetryTime
	}
	s := &Store{driver: driver, db: cfg.Database, batchSize: 500, retryTime: retry}
	if err := s.applySchema(ctx); err != nil {
		_ = driver.Close(ctx)
		return nil, err
	}
	return s, nil
}

// Close closes the driver and its connections.
func (s *Store) Close(ctx context.Context) error {
	return s.driver.Close(ctx)
}

// Ping reports whether the server answers a query. It does not retry (a
// read would, for up to RetryTime), so that a health check
// learns at once that the server is gone.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		return storeError("neo4j: ping", err)
	}
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, "RETURN 1", nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	return storeError("neo4j: ping", err)
}

// applySchema runs every statement of schema.cypher. Each one says IF NOT
// EXISTS, so opening a store twice is harmless. Schema commands cannot share
// a transaction with writes, so each runs in its own.
func (s *Store) applySchema(ctx context.Context) error {
	for _, stmt := range schemaStatements(schema) {
		_, err := write(ctx, s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
			res, err := tx.Run(ctx, stmt, nil)
			if err != nil {
				return struct{}{}, err
			}
			_, err = res.Consume(ctx)
			return struct{}{}, err
		})
		if err != nil {
			return storeError("neo4j: apply schema", err)
		}
	}
	// Full-text and other indexes fill in the background; wait so that the
	// first search after opening sees every node.
	_, err := write(ctx, s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		res, err := tx.Run(ctx, "CALL db.awaitIndexes(300)", nil)
		if err != nil {
			return struct{}{}, err
		}
		_, err = res.Consume(ctx)
		return struct{}{}, err
	})
	return storeError("neo4j: wait for indexes", err)
}

// schemaStatements splits schema.cypher into statements: ";" ends one, and
// lines starting with "//" are comments.
func schemaStatements(text string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "//") {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasSuffix(trimmed, ";") {
			stmt := strings.TrimSuffix(strings.TrimSpace(cur.String()), ";")
			out = append(out, stmt)
			cur.Reset()
		}
	}
	if rest := strings.TrimSpace(cur.String()); rest != "" {
		out = append(out, rest)
	}
	return out
}

func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: mode})
}

// read runs one read-only statement and hands its records to conv. It is
// sent as an autocommit transaction: a managed one costs Neo4j a BEGIN and
// a COMMIT besides, measured at half a millisecond of its CPU per read
// (docs/benchmarks.md), more than many of these statements cost
// themselves. What the driver would do for a managed transaction is done
// here: a failure the driver calls retryable (a lost connection, a server
// not yet available) is retried, waiting longer each time, for up to
// RetryTime; reading again is safe, since nothing was written.
func read[T any](ctx context.Context, s *Store, cypher string, params map[string]any, conv func([]*neo4j.Record) (T, error)) (T, error) {
	var zero T
	give := time.Now().Add(s.retryTime)
	wait := 20 * time.Millisecond
	for {
		recs, err := s.runRead(ctx, cypher, params)
		if err == nil {
			return conv(recs)
		}
		if !neo4j.IsRetryable(err) || time.Now().Add(wait).After(give) {
			return zero, err
		}
		select {
		case <-ctx.Done():
			return zero, err
		case <-time.After(wait):
		}
		wait = min(2*wait, time.Second)
	}
}

// runRead sends one statement as an autocommit read and collects its records.
func (s *Store) runRead(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// write runs work in a managed write transaction, which the driver retries
// after transient failures for up to RetryTime. work may run more than
// once and must return driver errors unwrapped, so that the driver can tell
// which ones to retry.
func write[T any](ctx context.Context, s *Store, work neo4j.ManagedTransactionWorkT[T]) (T, error) {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	return neo4j.ExecuteWrite(ctx, sess, work)
}

// storeError wraps a driver error with what was being done, as an
// EUNAVAILABLE error when the server could not be reached and EINTERNAL
// otherwise. It is the one place where driver errors meet regnet's codes.
// Errors that already carry a code keep it.
func storeError(doing string, err error) error {
	if err == nil {
		return nil
	}
	var re *regnet.Error
	if errors.As(err, &re) {
		return fmt.Errorf("%s: %w", doing, err)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: %w", doing, err)
	}
	if unreachable(err) {
		return regnet.Unavailable(fmt.Errorf("%s: %w", doing, err))
	}
	return &regnet.Error{Code: regnet.EINTERNAL, Message: "internal error", Err: fmt.Errorf("%s: %w", doing, err)}
}

// unreachable reports whether err says the server could not be reached or
// the connection was lost, rather than that a query was wrong.
func unreachable(err error) bool {
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) {
		for _, e := range limit.Errors {
			if unreachable(e) {
				return true
			}
		}
		return false
	}
	var conn *neo4j.ConnectivityError
	if errors.As(err, &conn) {
		return true
	}
	var netErr net.Error
	if errors.As(err, &netErr) {
		return true
	}
	var dbErr *neo4j.Neo4jError
	if errors.As(err, &dbErr) {
		switch dbErr.Code {
		case "Neo.TransientError.General.DatabaseUnavailable",
			"Neo.ClientError.Database.DatabaseNotFound",
			"Neo.TransientError.Database.DatabaseUnavailable":
			return true
		}
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "connection refused") || strings.Contains(msg, "ConnectivityError")
}

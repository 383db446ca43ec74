package neo4j

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Hooks for the tests in package neo4j_test.

// BeforeBatch sets a function that runs before each statement of a Load, in
// its transaction; an error from it fails the Load.
func (s *Store) BeforeBatch(f func(ctx context.Context, tx neo4j.ManagedTransaction, done int, what string) error) {
	s.beforeBatch = f
}

// SetBatchSize sets the number of rows per UNWIND statement.
func (s *Store) SetBatchSize(n int) { s.batchSize = n }

// Wipe deletes every node and relationship; the schema stays.
func (s *Store) Wipe(ctx context.Context) error {
	_, err := write(ctx, s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		res, err := tx.Run(ctx, "MATCH (n) DETACH DELETE n", nil)
		if err != nil {
			return struct{}{}, err
		}
		_, err = res.Consume(ctx)
		return struct{}{}, err
	})
	return err
}

// Counts returns the numbers of nodes and relationships.
func (s *Store) Counts(ctx context.Context) (nodes, rels int64, err error) {
	type counts struct{ n, r int64 }
	c, err := managedRead(ctx, s, func(tx neo4j.ManagedTransaction) (counts, error) {
		res, err := tx.Run(ctx, "CALL { MATCH (n) WHERE NOT n:Meta RETURN count(n) AS n } CALL { MATCH ()-[r]->() RETURN count(r) AS r } RETURN n, r", nil)
		if err != nil {
			return counts{}, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return counts{}, err
		}
		return counts{rec.Values[0].(int64), rec.Values[1].(int64)}, nil
	})
	return c.n, c.r, err
}

// Dump returns the whole graph as sorted lines: each node with its labels
// and properties, each relationship with its type, ends and properties.
// Two graphs are equal when their dumps are.
func (s *Store) Dump(ctx context.Context) ([]string, error) {
	return managedRead(ctx, s, func(tx neo4j.ManagedTransaction) ([]string, error) {
		var lines []string
		res, err := tx.Run(ctx, "MATCH (n) WHERE NOT n:Meta RETURN labels(n), properties(n)", nil)
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			lines = append(lines, fmt.Sprintf("node %v %s", r.Values[0], mapString(r.Values[1].(map[string]any))))
		}
		res, err = tx.Run(ctx, `MATCH (a)-[r]->(b) RETURN type(r), coalesce(a.id, a.code), coalesce(b.id, b.code), properties(r)`, nil)
		if err != nil {
			return nil, err
		}
		recs, err = res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			lines = append(lines, fmt.Sprintf("rel %v %v->%v %s", r.Values[0], r.Values[1], r.Values[2], mapString(r.Values[3].(map[string]any))))
		}
		sort.Strings(lines)
		return lines, nil
	})
}

func mapString(m map[string]any) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%#v ", k, m[k])
	}
	return b.String()
}

// SetSearchDepth sets how many times the hits asked for a search first asks
// each index for; DeepSearches says how many searches then had to read
// every match.
func (s *Store) SetSearchDepth(n int) { s.searchDepth = n }
func (s *Store) DeepSearches() int64  { return s.deepSearches.Load() }

// managedRead runs work in a managed read transaction: the hooks above
// read with more than one statement.
func managedRead[T any](ctx context.Context, s *Store, work neo4j.ManagedTransactionWorkT[T]) (T, error) {
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(ctx)
	return neo4j.ExecuteRead(ctx, sess, work)
}

package neo4j

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/regnet/regnet"
)

var _ regnet.Versioned = (*Store)(nil)

// The load version lives on one (:Meta {id: "load"}) node. Load bumps it in
// its own transaction, so a reader sees the new facts and the new version
// together, and every regnet server on the database reads the same number.
const (
	cypherBumpVersion = `MERGE (m:Meta {id: 'load'})
SET m.version = coalesce(m.version, 0) + 1`
	cypherVersion = `OPTIONAL MATCH (m:Meta {id: 'load'}) RETURN coalesce(m.version, 0)`
)

// bumpVersion gives the load running in tx a new version. It is not counted
// in the load's summary: the summary counts facts.
func bumpVersion(ctx context.Context, tx neo4j.ManagedTransaction) error {
	res, err := tx.Run(ctx, cypherBumpVersion, nil)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// Version returns the version of the last committed load, 0 before any.
// It is one lookup by a unique key: cheap enough to ask often.
func (s *Store) Version(ctx context.Context) (int64, error) {
	v, err := read(ctx, s, cypherVersion, nil, func(recs []*neo4j.Record) (int64, error) {
		if len(recs) != 1 {
			return 0, fmt.Errorf("%d records for the version, want 1", len(recs))
		}
		n, _ := recs[0].Values[0].(int64)
		return n, nil
	})
	return v, storeError("neo4j: version", err)
}

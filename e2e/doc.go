// Package e2e holds regnet's end-to-end tests: the bundled documents are
// parsed once, put into both stores (memory, and Neo4j at $NEO4J_URI, wiped
// first), and each store is served by the real HTTP server on loopback.
//
// The tests send every client query of graph/testdata/queries unchanged,
// as the clients do, and check the answers against the facts read by hand
// in loader/testdata/gold/seeds.yaml: the handoff chain out of Lạng Sơn's
// customs zone, the customs agencies a diacritic-free search finds, the
// agency networks, an agency's duties with their provenance, who leads food
// safety, what Lạng Sơn has that Điện Biên lacks, and the plan actions due
// by February 2026. A few queries of the tests' own (the plan report, the
// amending plan action, Lạng Sơn's network) cover what the client files do
// not. Finally every query must get the same answer from both stores, up
// to what the store contract (store/storetest) leaves to each store.
//
// Run them against a Neo4j server of your own:
//
//	uri=$(REGNET_NEO4J_HOME=/tmp/neo4j-e2e scripts/neo4j start)
//	NEO4J_URI=$uri CI=true go test -p 1 ./e2e -count=1
//	REGNET_NEO4J_HOME=/tmp/neo4j-e2e scripts/neo4j stop
//
// The tests wipe the database they are given. Without NEO4J_URI the Neo4j
// variant is skipped, unless CI is set: then it fails, since in CI a
// missing database is a failure, never a skip.
package e2e

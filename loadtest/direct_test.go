package loadtest_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/regnet/regnet"
)

// The direct Cypher: the statements the Neo4j store runs for the two client
// queries, copied from store/neo4j (query.go builds "MATCH … WHERE … RETURN"
// from a fixed set of clauses; graph.go holds the handoff chain), with the
// same parameters. Keep them in step with the store: the benchmarks check
// that both sides find the same facts, not that the text is the same.
const (
	cypherProvinces = "MATCH (n:Province)\nRETURN properties(n) AS n ORDER BY n.id"
	cypherAgencyIDs = "MATCH (n:Agency)\nWHERE n.id IN $ids\nRETURN properties(n) AS n ORDER BY n.id"
	cypherAgencies  = "MATCH (n:Agency)\nWHERE n.province = $province\n  AND n.kind = $kind\nRETURN properties(n) AS n ORDER BY n.id"
	cypherAreas     = "MATCH (n:Area)\nWHERE n.code IN $codes\nRETURN properties(n) AS n ORDER BY n.code"
	cypherFields    = "MATCH (n:Field)\nWHERE n.code IN $codes\nRETURN properties(n) AS n ORDER BY n.code"
	cypherProvs     = "MATCH (n:Provision)\nWHERE n.id IN $ids\nRETURN properties(n) AS n ORDER BY n.id"
	cypherDocs      = "MATCH (n:Document)\nWHERE n.reference IS NULL\n  AND n.id IN $ids\nRETURN properties(n) AS n ORDER BY n.id"
	cypherDuties    = "MATCH (n:Duty)\nWHERE n.agency IN $agencies\nRETURN properties(n) AS n ORDER BY n.id"
	cypherFrom      = "MATCH (n:Handoff)\nWHERE n.from IN $from\nRETURN properties(n) AS n ORDER BY n.id"
	cypherTo        = "MATCH (n:Handoff)\nWHERE any(a IN coalesce(n.notifies, []) + coalesce(n.transfersTo, []) WHERE a IN $to)\nRETURN properties(n) AS n ORDER BY n.id"

	// cypherChainStart is the store's statement for a chain's first hops:
	// the rules of a province for goods leaving an area.
	cypherChainStart = "MATCH (n:Handoff)\nWHERE EXISTS { MATCH (d:Document {id: n.document}) WHERE d.province = $province }\n  AND $leaving IN n.leaving\nRETURN properties(n) AS n ORDER BY n.id"
)

// The arguments written in the client queries.
const (
	chainProvince  = "Lạng Sơn"
	chainLeaving   = "CUSTOMS_ZONE"
	chainDepth     = 3
	agencyProvince = "Điện Biên"
	agencyKind     = "CUSTOMS"
	agencyFirst    = 5
)

// stmt is one statement with its parameters.
type stmt struct {
	cypher string
	params map[string]any
}

// direct runs statements through the driver the way the store does: each in
// a session of its own as an autocommit read, its records collected.
type direct struct {
	env   *env
	count atomic.Int64 // statements run
}

// one runs a statement and returns the first column of each record as node
// properties.
func (d *direct) one(ctx context.Context, s stmt) ([]map[string]any, error) {
	recs, err := d.records(ctx, s)
	if err != nil {
		return nil, err
	}
	out := make([]map[string]any, len(recs))
	for i, r := range recs {
		out[i], _ = r.Values[0].(map[string]any)
	}
	return out, nil
}

func (d *direct) records(ctx context.Context, s stmt) ([]*driver.Record, error) {
	d.count.Add(1)
	sess := d.env.driver.NewSession(ctx, driver.SessionConfig{DatabaseName: d.env.db, AccessMode: driver.AccessModeRead})
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, s.cypher, s.params)
	var recs []*driver.Record
	if err == nil {
		recs, err = res.Collect(ctx)
	}
	if err != nil {
		return nil, fmt.Errorf("run %.40q: %w", s.cypher, err)
	}
	return recs, nil
}

// level runs the statements of one level of the query at the same time, as
// the per-request loaders send their batches; a nil statement (no keys to
// look up) is skipped, as a loader with nothing to load makes no call.
func (d *direct) level(ctx context.Context, stmts ...*stmt) ([][]map[string]any, error) {
	out := make([][]map[string]any, len(stmts))
	errs := make([]error, len(stmts))
	var wg sync.WaitGroup
	for i, s := range stmts {
		if s == nil {
			continue
		}
		wg.Go(func() { out[i], errs[i] = d.one(ctx, *s) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// byKeys returns a statement looking up keys, or nil when there are none.
func byKeys(cypher, param string, keys []string) *stmt {
	if len(keys) == 0 {
		return nil
	}
	return &stmt{cypher, map[string]any{param: keys}}
}

// keySet gathers lookup keys in order of first sight, leaving out empty ones
// and those already known (a loader's cache answers those).
type keySet struct {
	known map[string]bool
	keys  []string
}

func newKeySet(known map[string]bool) *keySet {
	if known == nil {
		known = map[string]bool{}
	}
	return &keySet{known: known}
}

func (k *keySet) add(vals ...any) {
	for _, v := range vals {
		switch v := v.(type) {
		case string:
			if v != "" && !k.known[v] {
				k.known[v] = true
				k.keys = append(k.keys, v)
			}
		case []any:
			k.add(v...)
		}
	}
}

// chainDirect does what the handoffChain query costs the API in Cypher, in
// the same order: the province check (Provinces), the chain; then, for the
// hops, their agencies (from, notifies, transfersTo), areas (leaving,
// entering) and provisions at once; then the provisions' documents. It
// returns the handoff ids of the hops.
func chainDirect(ctx context.Context, d *direct) ([]string, error) {
	if _, err := d.one(ctx, stmt{cypherProvinces, nil}); err != nil {
		return nil, err
	}
	// The query keeps the direction of travel (its default), which the
	// store walks a depth at a time: the same statements here.
	hops, err := regnet.WalkChain(ctx, directHandoffs{d}, regnet.ChainQuery{
		Province: chainProvince, Leaving: chainLeaving, Direction: regnet.ChainSame,
	}, chainDepth)
	if err != nil {
		return nil, err
	}
	agencies, areas, provisions := newKeySet(nil), newKeySet(nil), newKeySet(nil)
	var ids []string
	for _, hop := range hops {
		h := hop.Handoff
		ids = append(ids, h.ID)
		agencies.add(h.From)
		for _, list := range [][]string{h.Notifies, h.TransfersTo} {
			for _, a := range list {
				agencies.add(a)
			}
		}
		for _, list := range [][]string{h.Leaving, h.Entering} {
			for _, a := range list {
				areas.add(a)
			}
		}
		provisions.add(h.Provision)
	}
	got, err := d.level(ctx,
		byKeys(cypherAgencyIDs, "ids", agencies.keys),
		byKeys(cypherAreas, "codes", areas.keys),
		byKeys(cypherProvs, "ids", provisions.keys))
	if err != nil {
		return nil, err
	}
	docs := newKeySet(nil)
	for _, p := range got[2] {
		docs.add(p["document"])
	}
	if _, err := d.level(ctx, byKeys(cypherDocs, "ids", docs.keys)); err != nil {
		return nil, err
	}
	return ids, nil
}

// directHandoffs lists handoff rules with the statements the store sends
// for the filters a chain uses: the first hops (province and area left) and
// the rules of the agencies reached.
type directHandoffs struct{ d *direct }

func (h directHandoffs) Handoffs(ctx context.Context, f regnet.HandoffFilter) ([]*regnet.Handoff, error) {
	s := stmt{cypherChainStart, map[string]any{"province": f.Province, "leaving": f.Leaving}}
	if len(f.From) > 0 {
		s = stmt{cypherFrom, map[string]any{"from": f.From}}
	}
	rows, err := h.d.one(ctx, s)
	if err != nil {
		return nil, err
	}
	out := make([]*regnet.Handoff, len(rows))
	for i, r := range rows {
		str := func(k string) string { v, _ := r[k].(string); return v }
		list := func(k string) []string {
			var xs []string
			for _, x := range asList(r[k]) {
				if v, ok := x.(string); ok {
					xs = append(xs, v)
				}
			}
			return xs
		}
		out[i] = &regnet.Handoff{ID: str("id"), From: str("from"), Notifies: list("notifies"), TransfersTo: list("transfersTo"),
			Leaving: list("leaving"), Entering: list("entering"), Provision: str("provision")}
	}
	return out, nil
}

func asList(v any) []any {
	xs, _ := v.([]any)
	return xs
}

// runChain and runAgency are chainDirect and agencyDirect for the
// benchmarks, which only time them.
func runChain(ctx context.Context, d *direct) error {
	_, err := chainDirect(ctx, d)
	return err
}

func runAgency(ctx context.Context, d *direct) error {
	_, err := agencyDirect(ctx, d)
	return err
}

// agencySummary is what the answer check compares: the agencies of the page
// and how many duties and handoffs each has.
type agencySummary struct {
	Total int
	Nodes []string // "id duties/out/in"
}

// agencyDirect does what the agency query costs the API in Cypher, level by
// level as the loaders batch it:
//  1. the province check (Provinces; the agencies' province field reuses it);
//  2. the agencies of the province and kind, all of them (the API pages
//     after the store answers); the first five make the page;
//  3. for the page at once: parents not among the agencies listed, duties,
//     handoffs out, handoffs in;
//  4. at once: the duties' fields and areas, the agencies not yet known
//     (duty partners, handoffs' notified agencies and initiators), and the
//     provisions of the duties and of the handoffs out;
//  5. the documents of the duties' provisions.
func agencyDirect(ctx context.Context, d *direct) (agencySummary, error) {
	var sum agencySummary
	if _, err := d.one(ctx, stmt{cypherProvinces, nil}); err != nil {
		return sum, err
	}
	all, err := d.one(ctx, stmt{cypherAgencies, map[string]any{"province": agencyProvince, "kind": agencyKind}})
	if err != nil {
		return sum, err
	}
	sum.Total = len(all)
	known := map[string]bool{}
	for _, a := range all {
		known[a["id"].(string)] = true
	}
	page := all[:min(agencyFirst, len(all))]
	var ids []string
	parents := newKeySet(known)
	for _, a := range page {
		ids = append(ids, a["id"].(string))
		parents.add(a["parent"])
	}
	l3, err := d.level(ctx,
		byKeys(cypherAgencyIDs, "ids", parents.keys),
		byKeys(cypherDuties, "agencies", ids),
		byKeys(cypherFrom, "from", ids),
		byKeys(cypherTo, "to", ids))
	if err != nil {
		return sum, err
	}
	duties, out, in := l3[1], l3[2], l3[3]

	fields, areas, provisions := newKeySet(nil), newKeySet(nil), newKeySet(nil)
	others := newKeySet(known)
	for _, du := range duties {
		fields.add(du["fields"])
		areas.add(du["areas"])
		others.add(du["partners"])
		provisions.add(du["provision"])
	}
	for _, h := range out {
		others.add(h["notifies"])
		provisions.add(h["provision"])
	}
	for _, h := range in {
		others.add(h["from"])
	}
	l4, err := d.level(ctx,
		byKeys(cypherFields, "codes", fields.keys),
		byKeys(cypherAreas, "codes", areas.keys),
		byKeys(cypherAgencyIDs, "ids", others.keys),
		byKeys(cypherProvs, "ids", provisions.keys))
	if err != nil {
		return sum, err
	}
	dutyProvs := map[string]bool{}
	for _, du := range duties {
		dutyProvs[du["provision"].(string)] = true
	}
	docs := newKeySet(nil)
	for _, p := range l4[3] {
		if dutyProvs[p["id"].(string)] {
			docs.add(p["document"])
		}
	}
	if _, err := d.level(ctx, byKeys(cypherDocs, "ids", docs.keys)); err != nil {
		return sum, err
	}

	for _, id := range ids {
		nd, no, ni := 0, 0, 0
		for _, du := range duties {
			if du["agency"] == id {
				nd++
			}
		}
		for _, h := range out {
			if h["from"] == id {
				no++
			}
		}
		for _, h := range in {
			if slices.Contains(strs(h["notifies"]), id) || slices.Contains(strs(h["transfersTo"]), id) {
				ni++
			}
		}
		sum.Nodes = append(sum.Nodes, fmt.Sprintf("%s %d/%d/%d", id, nd, no, ni))
	}
	return sum, nil
}

func strs(v any) []string {
	var out []string
	l, _ := v.([]any)
	for _, x := range l {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

package neo4j

import (
	"context"
	"sort"
	"strconv"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/regnet/regnet"
)

// HandoffChain finds the rules that start the chain, then every rule
// reachable from them over the derived HANDS_OFF_TO links, at the depth of
// its shortest route. A chain in the same direction of travel is walked
// with regnet.WalkChain, one query per depth.
//
// A rule h started by agency x is at depth k+2 when x is reached from a
// target t of a first hop s by k HANDS_OFF_TO links; Via is the agency whose
// rule led to x (s's initiator when k is 0). Among equally short routes the
// smallest Via wins.
func (s *Store) HandoffChain(ctx context.Context, q regnet.ChainQuery) ([]*regnet.ChainHop, error) {
	if q.From == "" && q.Leaving == "" && q.Entering == "" {
		return nil, regnet.Errorf(regnet.EINVALID, "a handoff chain starts from an agency or an area being left or entered")
	}
	depth := regnet.ChainDepth(q.MaxDepth)
	if q.Direction != "" && q.Direction != regnet.ChainAny {
		// Whether a rule may be taken depends on the route to it, which a
		// shortest-path search cannot carry: walk it a depth at a time.
		return regnet.WalkChain(ctx, s, q, depth)
	}

	start := newQuery("MATCH (s:Handoff)")
	if q.From != "" {
		start.when("s.from = $from", "from", q.From)
	}
	if q.Leaving != "" {
		start.when("$leaving IN s.leaving", "leaving", q.Leaving)
	}
	if q.Entering != "" {
		start.when("$entering IN s.entering", "entering", q.Entering)
	}
	if q.Province != "" {
		start.when("EXISTS { MATCH (d:Document {id: s.document}) WHERE d.province = $province }", "province", q.Province)
	}
	start.params["maxDepth"] = int64(depth)
	cypher := start.text(chainRest(depth))

	hops, err := read(ctx, s, cypher, start.params, func(recs []*neo4j.Record) ([]*regnet.ChainHop, error) {
		out := make([]*regnet.ChainHop, 0, len(recs))
		for _, r := range recs {
			m, _ := r.Values[0].(map[string]any)
			d, _ := r.Values[1].(int64)
			via, _ := r.Values[2].(string)
			out = append(out, &regnet.ChainHop{Depth: int(d), Handoff: toHandoff(props(m)), Via: via})
		}
		return out, nil
	})
	if err != nil {
		return nil, storeError("neo4j: handoff chain", err)
	}
	sort.SliceStable(hops, func(i, j int) bool {
		if hops[i].Depth != hops[j].Depth {
			return hops[i].Depth < hops[j].Depth
		}
		return hops[i].Handoff.ID < hops[j].Handoff.ID
	})
	return hops, nil
}

// chainRest follows the first hops ("s", chosen by HandoffChain's WHERE)
// to the rules reachable from them within depth hops: the agencies
// reachable from each first hop's target first (a pruning breadth-first
// search, so the work grows with what is reachable, not with the graph),
// then the shortest paths to those that initiate rules. allShortestPaths
// over one relationship type in one direction runs as a breadth-first
// search. Variable-length patterns always have an upper bound, a direction
// and types; Cypher takes no parameter for the bound, so it is written into
// the text: depth less the first hop and the hop itself (a rule at depth
// k+2 is k links past the first hop's target). Bounding the search by the
// depth asked, not the deepest allowed, keeps a short chain from walking
// every agency a long one would reach; there are at most
// regnet.MaxChainDepth texts.
func chainRest(depth int) string {
	bound := strconv.Itoa(max(min(depth, regnet.MaxChainDepth)-2, 0))
	return `WITH collect(DISTINCT s) AS starts
CALL (starts) {
  UNWIND starts AS s
  RETURN s AS h, 1 AS depth, '' AS via
UNION
  UNWIND starts AS s
  MATCH (a0:Agency {id: s.from})-[:HANDS_OFF_TO {handoff: s.id}]->(t:Agency)
  CALL (t) {
    MATCH (t)-[:HANDS_OFF_TO*0..` + bound + `]->(x:Agency)
    RETURN DISTINCT x
  }
  MATCH (x)-[:INITIATES]->(h:Handoff)
  WHERE NOT h IN starts
  MATCH p = allShortestPaths((t)-[:HANDS_OFF_TO*0..` + bound + `]->(x))
  WITH h, length(p) + 2 AS depth, CASE length(p) WHEN 0 THEN a0.id ELSE nodes(p)[-2].id END AS via
  WHERE depth <= $maxDepth
  RETURN h, depth, via
}
WITH h, depth, via ORDER BY depth, via
WITH h, collect([depth, via])[0] AS best
RETURN h ` + handoffProjection + ` AS h, best[0] AS depth, best[1] AS via
ORDER BY depth, h.id`
}

// CoordinationPaths returns every shortest path between two agencies over
// HANDS_OFF_TO links (followed in their direction), COORDINATES_WITH and
// PART_OF links (either way) and REPORTS_TO links (in their direction), of
// at most maxDepth steps. Steps are in the direction of travel.
//
// The query is ALL SHORTEST over a quantified path pattern rather than
// allShortestPaths: the direction rule depends on each link's type, and
// allShortestPaths can check such a rule only by falling back to an
// exhaustive search, while ALL SHORTEST checks it during the search.
func (s *Store) CoordinationPaths(ctx context.Context, from, to string, maxDepth int) ([]*regnet.Path, error) {
	if from == "" || to == "" {
		return nil, regnet.Errorf(regnet.EINVALID, "a coordination path needs two agencies")
	}
	if from == to {
		return []*regnet.Path{}, nil
	}
	params := map[string]any{"from": from, "to": to, "maxDepth": int64(regnet.PathDepth(maxDepth))}
	paths, err := read(ctx, s, cypherCoordinationPaths, params, func(recs []*neo4j.Record) ([]*regnet.Path, error) {
		out := make([]*regnet.Path, 0, len(recs))
		for _, r := range recs {
			steps, _ := r.Values[0].([]any)
			p := &regnet.Path{Steps: make([]*regnet.PathStep, 0, len(steps))}
			for _, st := range steps {
				m := props(st.(map[string]any))
				p.Steps = append(p.Steps, &regnet.PathStep{
					From: m.str("from"), To: m.str("to"), Type: m.str("type"),
					Via: m.str("via"), Provision: m.str("provision"),
				})
			}
			out = append(out, p)
		}
		return out, nil
	})
	if err != nil {
		return nil, storeError("neo4j: coordination paths", err)
	}
	sort.SliceStable(paths, func(i, j int) bool { return pathLess(paths[i], paths[j]) })
	if len(paths) > regnet.MaxPaths {
		paths = paths[:regnet.MaxPaths]
	}
	return paths, nil
}

// cypherCoordinationPaths: the pattern's bound is regnet.MaxPathDepth, the
// caller's depth is applied on top of it.
var cypherCoordinationPaths = `MATCH p = ALL SHORTEST (a:Agency {id: $from})
  ((x:Agency)-[r:HANDS_OFF_TO|COORDINATES_WITH|PART_OF|REPORTS_TO]-(y:Agency)
    WHERE x <> y AND (type(r) IN ['COORDINATES_WITH', 'PART_OF'] OR startNode(r) = x)){1,` + strconv.Itoa(regnet.MaxPathDepth) + `}
  (b:Agency {id: $to})
WHERE length(p) <= $maxDepth
RETURN [i IN range(0, length(p) - 1) |
  {from: nodes(p)[i].id, to: nodes(p)[i + 1].id, type: type(relationships(p)[i]),
   via: coalesce(relationships(p)[i].handoff, relationships(p)[i].duty, ''),
   provision: coalesce(
     COLLECT { MATCH (h:Handoff {id: relationships(p)[i].handoff}) RETURN h.provision }[0],
     COLLECT { MATCH (d:Duty {id: relationships(p)[i].duty}) RETURN d.provision }[0],
     '')}
] AS steps`

// pathLess orders paths step by step by (To, Type, Via) of the first step
// where they differ; a path that is a prefix of another comes first.
func pathLess(a, b *regnet.Path) bool {
	for i := 0; i < len(a.Steps) && i < len(b.Steps); i++ {
		x, y := a.Steps[i], b.Steps[i]
		if x.To != y.To {
			return x.To < y.To
		}
		if x.Type != y.Type {
			return x.Type < y.Type
		}
		if x.Via != y.Via {
			return x.Via < y.Via
		}
	}
	return len(a.Steps) < len(b.Steps)
}

package neo4j

import (
	"context"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/regnet/regnet"
)

// Search limits (storetest's contract).
const (
	defaultSearchLimit = 20
	maxSearchLimit     = 100
)

// Search finds agencies, duties, provisions and plan actions whose folded
// text holds every word of text, each as a whole token or as the start of
// one. Agencies come first: the agency index is asked separately, and each
// agency's score is raised above the best score of the other hits. Among
// equal scores hits are ordered by id.
func (s *Store) Search(ctx context.Context, text string, limit int) ([]*regnet.SearchHit, error) {
	if err := regnet.CheckSearchText(text); err != nil {
		return nil, err
	}
	words := tokens(text)
	if len(words) == 0 {
		return []*regnet.SearchHit{}, nil
	}
	if limit <= 0 {
		limit = defaultSearchLimit
	}
	limit = min(limit, maxSearchLimit)
	depth := s.searchDepth
	if depth <= 0 {
		depth = searchDepth
	}
	params := map[string]any{"q": luceneQuery(words), "limit": int64(limit), "k": int64(limit * depth)}
	type found struct {
		agencies, others []*regnet.SearchHit
	}
	f, err := read(ctx, s, cypherSearch, params, func(recs []*neo4j.Record) (found, error) {
		f := found{agencies: []*regnet.SearchHit{}, others: []*regnet.SearchHit{}}
		deep := false
		for _, r := range recs {
			m, _ := r.Values[0].(map[string]any)
			score, _ := r.Values[1].(float64)
			d, _ := r.Values[2].(bool)
			deep = deep || d
			h := toHit(props(m), score, words[0])
			if h.Type == regnet.HitAgency {
				f.agencies = append(f.agencies, h)
			} else {
				f.others = append(f.others, h)
			}
		}
		if deep {
			s.deepSearches.Add(1)
		}
		return f, nil
	})
	if err != nil {
		return nil, storeError("neo4j: search", err)
	}
	best := 0.0
	for _, h := range f.others {
		best = max(best, h.Score)
	}
	for _, h := range f.agencies {
		h.Score += best
	}
	byScore := func(hits []*regnet.SearchHit) {
		sort.SliceStable(hits, func(i, j int) bool {
			if hits[i].Score != hits[j].Score {
				return hits[i].Score > hits[j].Score
			}
			if hits[i].ID != hits[j].ID {
				return hits[i].ID < hits[j].ID
			}
			return hits[i].Type < hits[j].Type
		})
	}
	byScore(f.agencies)
	byScore(f.others)
	hits := append(f.agencies, f.others...)
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}

// searchDepth times the hits asked for is how many best matches the search
// statement first asks each full-text index for (see cypherSearch).
const searchDepth = 4

// The search statement asks both indexes in one round trip and returns the
// best $limit hits of each, ordered by score and, among equal scores, by
// id. An index finds its best $k matches (score order, ties in its own
// order) without reading the rest, so each part first asks for those: when
// the $k-th scores below the $limit-th, every match that scores as high as
// the $limit-th is among them, and the best $limit by score, id and kind
// (a plan action and the provision that states it share an id) are cut
// from them exactly. Otherwise (ties run past $k) the index is asked again
// for every match. deep says which was done. The statement returns only
// what a hit shows, with the province (of the agency, or of the document
// stating the fact), so that nothing is left for regnet.Find to look up.
var cypherSearch = bestMatches("regnet_search_agencies", "") + `
RETURN node {.id, .name, .aliases, .province, label: 'Agency'} AS n, score, deep
UNION ALL
` + bestMatches("regnet_search_facts", "head([l IN labels(node) WHERE l IN ['Duty', 'Provision', 'PlanAction']])") + `
OPTIONAL MATCH (a:Agency {id: node.agency})
OPTIONAL MATCH (d:Document {id: node.document})
RETURN node {.id, .role, .provision, .text, .path, .heading, .output, .document,
             label: label, agencyName: a.name, province: d.province} AS n, score, deep`

// bestMatches is the part of the search statement that reads the best
// $limit matches of a full-text index as node, score, deep and label (the
// Cypher expression kind, or none). The matches are kept as two lists,
// nodes and scores, rather than as a map per match: Neo4j builds no maps
// it would take apart again.
func bestMatches(index, kind string) string {
	if kind == "" {
		kind = "null"
	}
	return `CALL db.index.fulltext.queryNodes('` + index + `', $q, {limit: $k}) YIELD node, score
WITH collect(node) AS nodes, collect(score) AS scores
CALL (nodes, scores) {
  WITH nodes, scores WHERE size(nodes) = $k AND scores[$k - 1] >= scores[$limit - 1]
  CALL db.index.fulltext.queryNodes('` + index + `', $q) YIELD node, score
  RETURN collect(node) AS everyNode, collect(score) AS everyScore
}
WITH size(everyNode) > 0 AS deep,
     CASE WHEN size(everyNode) > 0 THEN everyNode ELSE nodes END AS ns,
     CASE WHEN size(everyNode) > 0 THEN everyScore ELSE scores END AS ss
UNWIND range(0, size(ns) - 1) AS i
WITH ns[i] AS node, ss[i] AS score, deep
WITH node, score, deep, ` + kind + ` AS label
ORDER BY score DESC, node.id, label LIMIT $limit`
}

// toHit makes a hit from a node's properties. The snippet is a piece of the
// searched text around the first place word matches.
func toHit(m props, score float64, word string) *regnet.SearchHit {
	h := &regnet.SearchHit{ID: m.str("id"), Score: score, Document: m.str("document"), Province: m.str("province")}
	switch m.str("label") {
	case "Agency":
		h.Type, h.Title = regnet.HitAgency, m.str("name")
		h.Snippet = snippet(append([]string{m.str("name")}, m.strs("aliases")...), word)
	case "Duty":
		h.Type, h.Title, h.DutyProvision = regnet.HitDuty, m.str("role"), m.str("provision")
		if name := m.str("agencyName"); name != "" {
			h.Title = name + " (" + m.str("role") + ")"
		}
		h.Snippet = snippet([]string{m.str("text")}, word)
	case "Provision":
		h.Type, h.Title = regnet.HitProvision, m.str("path")
		if hd := m.str("heading"); hd != "" {
			h.Title += ". " + hd
		}
		h.Snippet = snippet([]string{m.str("heading"), m.str("text")}, word)
	case "PlanAction":
		h.Type, h.Title = regnet.HitPlanAction, shorten(m.str("text"), 12)
		if h.Title == "" {
			h.Title = m.str("id")
		}
		h.Snippet = snippet([]string{m.str("text"), m.str("output")}, word)
	}
	return h
}

// snippetWords is how many words a snippet shows before and after the match.
const snippetWords = 12

// snippet returns the words of the first text that holds word (as a token
// or the start of one), from a few before the match to a few after it, so
// that the snippet's folded form holds word.
func snippet(texts []string, word string) string {
	for _, text := range texts {
		ws := strings.Fields(text)
		for i, w := range ws {
			for _, tok := range tokens(w) {
				if strings.HasPrefix(tok, word) {
					from, to := max(0, i-snippetWords), min(len(ws), i+snippetWords+1)
					out := strings.Join(ws[from:to], " ")
					if from > 0 {
						out = "… " + out
					}
					if to < len(ws) {
						out += " …"
					}
					return out
				}
			}
		}
	}
	return shorten(strings.Join(texts, " "), 2*snippetWords)
}

// shorten keeps the first n words of s.
func shorten(s string, n int) string {
	ws := strings.Fields(s)
	if len(ws) <= n {
		return strings.Join(ws, " ")
	}
	return strings.Join(ws[:n], " ") + " …"
}

// tokens are the words search matches, on both sides: regnet.SearchWords.
var tokens = regnet.SearchWords

// searchText is what the full-text indexes hold for a node: its tokens
// joined by spaces, which the whitespace analyzer splits again unchanged.
func searchText(parts ...string) string {
	return strings.Join(tokens(strings.Join(parts, " ")), " ")
}

// luceneQuery makes a Lucene query that requires every word as a whole
// token ("hai quan" finds "Hải quan"). Not as a prefix: Vietnamese words are
// short syllables, and "la" would find "làng", "lâm", "lạng" and every other
// "la…"; the memory store matches the same way, so both stores give the
// same hits. Words are runs of letters and digits, so Lucene's operators
// cannot get in; escapeLucene guards the rest.
func luceneQuery(words []string) string {
	parts := make([]string, 0, len(words))
	for _, w := range words {
		w = escapeLucene(w)
		parts = append(parts, "+"+w)
	}
	return strings.Join(parts, " ")
}

// escapeLucene escapes the characters Lucene's query parser gives a meaning.
func escapeLucene(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`\+-!():^[]"{}~*?|&/`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

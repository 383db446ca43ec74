package loader

import "strings"

// Grammar is the ontology's word lists for reading duty statements (the
// "grammar" section of ontology.yaml): which words may stand before a role
// cue, which open a clause, which name partners or report receivers, which
// limit help to a request, which exclude an area.
type Grammar struct {
	Light        []string `yaml:"light"`
	Openers      []string `yaml:"openers"`
	Conjunctions []string `yaml:"conjunctions"`
	Partners     []string `yaml:"partners"`
	Reports      []string `yaml:"reports"`
	ReportsAfter []string `yaml:"reportsAfter"`
	Requests     []string `yaml:"requests"`
	Negations    []string `yaml:"negations"`
	Crossings    []string `yaml:"crossings"`
}

// grammar is Grammar indexed for matching.
type grammar struct {
	light, openers, conj, partners, reports, reportsAfter, requests, negations, crossings *matcher
	cues                                                                                  *matcher
}

func newGrammar(g Grammar, cues *matcher) *grammar {
	build := func(list []string) *matcher {
		m := newMatcher()
		for _, w := range list {
			m.add(w, w, false)
		}
		return m
	}
	return &grammar{
		light: build(g.Light), openers: build(g.Openers), conj: build(g.Conjunctions), partners: build(g.Partners),
		reports: build(g.Reports), reportsAfter: build(g.ReportsAfter), requests: build(g.Requests),
		negations: build(g.Negations), crossings: build(g.Crossings), cues: cues,
	}
}

// at returns the length in tokens of the longest phrase of m that starts at
// token i, or 0.
func (m *matcher) at(toks []token, i int) int {
	p, _ := m.longestAt(toks, i)
	return len(p.keys)
}

// cueAt returns the role cue that starts at token i and its length.
func (g *grammar) cueAt(toks []token, i int) (*RoleCue, int) {
	if p, ok := g.cues.longestAt(toks, i); ok {
		return p.value.(*RoleCue), len(p.keys)
	}
	return nil, 0
}

// isConjunction reports whether token i opens a new clause: "đồng thời",
// "thì", or "và" before a control cue.
func (g *grammar) isConjunction(toks []token, i int) bool {
	if g.conj.at(toks, i) > 0 {
		return true
	}
	if toks[i].key == "và" {
		if rc, _ := g.cueAt(toks, i+1); rc != nil && rc.Control {
			return true
		}
	}
	return false
}

// examples returns the spans of text that only give examples of goods, whose
// words name no field of the statement: a list introduced by "như" (up to
// the end of its clause) and an enumeration of goods ("hàng lậu, hàng giả,
// hàng kém chất lượng").
func (g *grammar) examples(text string, toks []token) []span {
	var out []span
	end := func(i int) int { // end of the clause that token i is in
		for j := i + 1; j < len(toks); j++ {
			if strings.ContainsAny(text[toks[j-1].end:toks[j].start], ";.:") {
				return toks[j-1].end
			}
		}
		return len(text)
	}
	for i, t := range toks {
		if t.key == "như" && (i == 0 || toks[i-1].key != "cũng") && i+1 < len(toks) {
			out = append(out, span{t.start, end(i)})
		}
	}
	// Goods lists: two or more items, separated by commas, each starting
	// with "hàng".
	for i := 0; i < len(toks); i++ {
		if toks[i].key != "hàng" {
			continue
		}
		items := []int{i}
		for j := i + 1; j < len(toks); j++ {
			gap := text[toks[j-1].end:toks[j].start]
			if strings.ContainsAny(gap, ";.:") {
				break
			}
			if toks[j].key == "hàng" && (strings.Contains(gap, ",") || toks[j-1].key == "và") {
				items = append(items, j)
			}
		}
		if len(items) < 2 {
			continue
		}
		last := items[len(items)-1]
		stop := len(text)
		for j := last + 1; j < len(toks); j++ {
			if strings.ContainsAny(text[toks[j-1].end:toks[j].start], ",;.:") {
				stop = toks[j-1].end
				break
			}
		}
		out = append(out, span{toks[i].start, stop})
		for i < len(toks) && toks[i].start < stop {
			i++
		}
	}
	return out
}

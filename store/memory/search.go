package memory

import (
	"cmp"
	"context"
	"slices"
	"unicode/utf8"

	"github.com/regnet/regnet"
)

// Search limits (see store/storetest).
const (
	defaultLimit = 20
	maxLimit     = 100
	// snippetRunes is the longest snippet; longer fields are cut around the
	// match, snippetBefore runes of context kept ahead of it.
	snippetRunes  = 160
	snippetBefore = 50
)

// typeRank orders hits of equal score: agencies, then duties, plan actions
// and provisions, the more specific facts first.
var typeRank = map[string]int{
	regnet.HitAgency:     0,
	regnet.HitDuty:       1,
	regnet.HitPlanAction: 2,
	regnet.HitProvision:  3,
}

// entry is one searchable record: its fields' original texts and their
// folded tokens.
type entry struct {
	typ, id, title string
	fields         []field
}

// field is one text of a record with its tokens.
type field struct {
	text   string
	tokens []token
}

// token is a folded word and where its original form lies in the field text.
type token struct {
	folded     string
	start, end int // byte offsets into field.text
}

// tokenize cuts text into words (letters, digits and the combining marks of
// decomposed letters) and folds each with regnet.Fold, keeping the offsets of
// the original words so that snippets show the text as written.
func tokenize(text string) []token {
	var out []token
	regnet.WordSpans(text, func(start, end int) {
		if f := regnet.Fold(text[start:end]); f != "" {
			out = append(out, token{folded: f, start: start, end: end})
		}
	})
	return out
}

// queryWords folds a query and cuts it into words the way texts are cut.
var queryWords = regnet.SearchWords

func newEntry(typ, id, title string, texts ...string) entry {
	e := entry{typ: typ, id: id, title: title}
	for _, t := range texts {
		if t == "" {
			continue
		}
		e.fields = append(e.fields, field{text: t, tokens: tokenize(t)})
	}
	return e
}

// buildIndex makes one entry per agency, duty, provision and plan action.
func (s *Store) buildIndex() {
	agencyName := func(id string) string {
		if a := s.agencyByID[id]; a != nil {
			return a.Name
		}
		return id
	}
	docLabel := func(id string) string {
		d := s.documentByID[id]
		switch {
		case d == nil:
			return id
		case d.Number != nil:
			return *d.Number
		}
		return shorten(d.Title, 60)
	}
	provisionLabel := func(id string) string {
		if p := s.provisionByID[id]; p != nil {
			return p.Path + ", " + docLabel(p.Document)
		}
		return id
	}
	for _, a := range s.agencies {
		s.index = append(s.index, newEntry(regnet.HitAgency, a.ID, a.Name, append([]string{a.Name}, a.Aliases...)...))
	}
	for _, d := range s.duties {
		s.index = append(s.index, newEntry(regnet.HitDuty, d.ID, agencyName(d.Agency)+" — "+provisionLabel(d.Provision), d.Text))
	}
	for _, p := range s.provisions {
		s.index = append(s.index, newEntry(regnet.HitProvision, p.ID, p.Path+", "+docLabel(p.Document), p.Heading, p.Text))
	}
	for _, a := range s.planActions {
		title := docLabel(a.Document)
		if a.Group != "" {
			title += " — " + a.Group
		}
		s.index = append(s.index, newEntry(regnet.HitPlanAction, a.ID, title, a.Text, a.Output))
	}
	s.postings = map[string][]int{}
	for i, e := range s.index {
		for _, f := range e.fields {
			for _, t := range f.tokens {
				if p := s.postings[t.folded]; len(p) == 0 || p[len(p)-1] != i {
					s.postings[t.folded] = append(p, i)
				}
			}
		}
	}
}

// Search returns the records that hold every word of text as a whole
// token, agencies first, best first (see the package comment for the score).
// The posting lists give the records that hold the rarest word; only those
// are scored.
func (s *Store) Search(ctx context.Context, text string, limit int) ([]*regnet.SearchHit, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := regnet.CheckSearchText(text); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = defaultLimit
	}
	limit = min(limit, maxLimit)
	hits := make([]*regnet.SearchHit, 0)
	words := queryWords(text)
	if len(words) == 0 {
		return hits, nil
	}
	first := words[0]
	slices.Sort(words)
	words = slices.Compact(words)
	cands := s.postings[words[0]]
	for _, w := range words[1:] {
		if p := s.postings[w]; len(p) < len(cands) {
			cands = p
		}
	}
	for _, i := range cands {
		if h := match(&s.index[i], words, first); h != nil {
			hits = append(hits, h)
		}
	}
	slices.SortFunc(hits, func(a, b *regnet.SearchHit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(typeRank[a.Type], typeRank[b.Type]), cmp.Compare(a.ID, b.ID))
	})
	return hits[:min(len(hits), limit)], nil
}

// match scores e against the distinct, sorted query words, or returns nil
// when one of them is none of its tokens. Each field scores half the share of the
// words it holds and half the share of its tokens that are query words; the
// record scores its best field's score, plus 1 for an agency.
func match(e *entry, words []string, first string) *regnet.SearchHit {
	found := make([]bool, len(words))
	best, bestField := 0.0, -1
	for fi, f := range e.fields {
		inField := make([]bool, len(words))
		matched := 0
		for _, t := range f.tokens {
			if wi, ok := slices.BinarySearch(words, t.folded); ok {
				matched++
				inField[wi], found[wi] = true, true
			}
		}
		if matched == 0 {
			continue
		}
		n := 0
		for _, ok := range inField {
			if ok {
				n++
			}
		}
		sc := 0.5*float64(n)/float64(len(words)) + 0.5*float64(matched)/float64(len(f.tokens))
		if sc > best {
			best, bestField = sc, fi
		}
	}
	if slices.Contains(found, false) {
		return nil
	}
	if e.typ == regnet.HitAgency {
		best++
	}
	return &regnet.SearchHit{
		Type:    e.typ,
		ID:      e.id,
		Title:   e.title,
		Snippet: e.snippet(bestField, first),
		Score:   best,
	}
}

// snippet shows the query's first word where the best field holds it, or
// else in the first field that does (every word is in some field).
func (e *entry) snippet(best int, first string) string {
	order := make([]int, 0, len(e.fields)+1)
	order = append(order, best)
	for i := range e.fields {
		order = append(order, i)
	}
	for _, i := range order {
		f := e.fields[i]
		for ti, t := range f.tokens {
			if t.folded == first {
				return window(f, ti)
			}
		}
	}
	return ""
}

// window returns the field's text, or a window of it around token ti cut
// at word boundaries, with "…" where it was cut.
func window(f field, ti int) string {
	if utf8.RuneCountInString(f.text) <= snippetRunes {
		return f.text
	}
	// Start at the first token that lies within snippetBefore runes ahead of
	// the match, end at the last token that fits in snippetRunes.
	first := ti
	for first > 0 && utf8.RuneCountInString(f.text[f.tokens[first-1].start:f.tokens[ti].start]) <= snippetBefore {
		first--
	}
	start := f.tokens[first].start
	last := ti
	for last+1 < len(f.tokens) && utf8.RuneCountInString(f.text[start:f.tokens[last+1].end]) <= snippetRunes {
		last++
	}
	end := f.tokens[last].end
	out := f.text[start:end]
	if start > 0 {
		out = "…" + out
	}
	if end < len(f.text) {
		out += "…"
	}
	return out
}

// shorten cuts s to at most n runes at a word boundary, marking the cut.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := 0
	for i := range s {
		if utf8.RuneCountInString(s[:i]) > n-1 {
			break
		}
		if s[i] == ' ' {
			cut = i
		}
	}
	if cut == 0 {
		cut = len(string([]rune(s)[:n-1]))
	}
	return s[:cut] + "…"
}

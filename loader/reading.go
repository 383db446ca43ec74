package loader

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// The reading step cuts a duty text into the pieces a reader of Vietnamese
// legal prose works with, keeping every byte offset so that what is found
// later can be shown as evidence:
//
//   - sentences (a full stop before a capital, or a line break);
//   - segments: the parts of a sentence between ";" or ":";
//   - clauses: the parts of a segment that start at a comma, or at a
//     conjunction ("và", "đồng thời", "thì") that opens a new verb phrase.
//
// Before anything is matched, the spans that must not lend their words are
// found: agency names, quoted or cited titles ("Quyết định số … về …"),
// parentheses, goods given as examples.

// reading is one duty text cut into tokens and clauses.
type reading struct {
	text     string
	toks     []token
	clauses  []piece
	mentions []mention
	titles   []span // quoted and cited titles
	parens   []span // text in parentheses
	examples []span // goods lists and "như …" examples
	leadIns  []span // "Căn cứ chức năng, nhiệm vụ được giao": not cut at its comma
}

// span is a byte range of the text, end exclusive.
type span struct{ start, end int }

func (s span) holds(start, end int) bool { return s.start <= start && end <= s.end }

func within(spans []span, start, end int) bool {
	for _, s := range spans {
		if s.holds(start, end) {
			return true
		}
	}
	return false
}

// piece is a run of tokens [from, to) with its place in the text.
type piece struct {
	from, to int // token indexes
	sentence int
	segment  int // counts segments across the whole text
	// opener is the token key that opened the piece when it is a
	// conjunction ("và", "thì"), "" after punctuation or at a segment start.
	opener string
	// afterComma is true when a comma separates the piece from the one
	// before it in the same segment.
	afterComma bool
}

var (
	// reTitle finds titles that are names, not statements: text in
	// quotation marks, and a cited document's title after its number
	// ("Quyết định số 09/2017/QĐ-UBND ngày … của … ban hành Quy chế …"), up to
	// the end of the piece.
	reQuoted   = regexp.MustCompile(`“[^”]*”|"[^"]*"`)
	reCitation = regexp.MustCompile(`(?i)\b(?:Luật|Bộ luật|Nghị định|Nghị quyết|Quyết định|Thông tư|Chỉ thị|Kế hoạch|Quy chế|Công văn|Văn bản)\s+(?:số\s+)?\d+[^\s,;]*[^;.]*`)
	reParen    = regexp.MustCompile(`\([^()]*\)`)
)

// newReading tokenizes text, finds the names and titles in it, and cuts it
// into clauses.
func (p *docParser) newReading(text string) *reading {
	r := &reading{text: text, toks: tokenize(text)}
	for _, m := range reQuoted.FindAllStringIndex(text, -1) {
		r.titles = append(r.titles, span{m[0], m[1]})
	}
	for _, m := range reCitation.FindAllStringIndex(text, -1) {
		r.titles = append(r.titles, span{m[0], m[1]})
	}
	for _, m := range reParen.FindAllStringIndex(text, -1) {
		r.parens = append(r.parens, span{m[0], m[1]})
	}
	for _, m := range p.findAgencies(text, r.toks) {
		if !within(r.titles, m.start, m.end) {
			r.mentions = append(r.mentions, m)
		}
	}
	r.examples = p.ont.grammar.examples(text, r.toks)
	for _, m := range reLeadInAnywhere.FindAllStringSubmatchIndex(text, -1) {
		r.leadIns = append(r.leadIns, span{m[2], m[3]})
	}
	r.split(p.ont.grammar)
	return r
}

// split cuts the tokens into sentences, segments and clauses.
func (r *reading) split(g *grammar) {
	sentence, segment := 0, 0
	start := 0
	opener := ""
	comma := false
	flush := func(end int) {
		if end > start {
			r.clauses = append(r.clauses, piece{from: start, to: end, sentence: sentence, segment: segment, opener: opener, afterComma: comma})
		}
		start = end
	}
	for i := 1; i < len(r.toks); i++ {
		gap := r.text[r.toks[i-1].end:r.toks[i].start]
		switch {
		case strings.Contains(gap, "\n") || (strings.Contains(gap, ".") && startsUpper(r.text[r.toks[i].start:])):
			flush(i)
			sentence++
			segment++
			opener, comma = "", false
		case strings.ContainsAny(gap, ";:"):
			flush(i)
			segment++
			opener, comma = "", false
		case strings.Contains(gap, ",") && !r.inParens(r.toks[i].start) && !r.inLeadIn(r.toks[i].start):
			flush(i)
			opener, comma = "", true
		case g.isConjunction(r.toks, i) && strings.TrimSpace(gap) == "":
			flush(i)
			opener, comma = r.toks[i].key, false
		}
	}
	flush(len(r.toks))
}

func (r *reading) inLeadIn(pos int) bool {
	for _, s := range r.leadIns {
		if s.start < pos && pos < s.end {
			return true
		}
	}
	return false
}

func (r *reading) inParens(pos int) bool {
	for _, s := range r.parens {
		if s.start < pos && pos < s.end {
			return true
		}
	}
	return false
}

// mentionAt returns the agency mention that starts at token i, if any.
func (r *reading) mentionAt(i int) (mention, bool) {
	for _, m := range r.mentions {
		if m.start == r.toks[i].start {
			return m, true
		}
	}
	return mention{}, false
}

// inMention reports whether token i lies inside an agency name.
func (r *reading) inMention(i int) bool {
	t := r.toks[i]
	for _, m := range r.mentions {
		if m.start <= t.start && t.end <= m.end {
			return true
		}
	}
	return false
}

// tokenAfter returns the index of the first token at or after byte offset pos.
func (r *reading) tokenAfter(pos int) int {
	for i, t := range r.toks {
		if t.start >= pos {
			return i
		}
	}
	return len(r.toks)
}

// runeOffset converts a byte offset of text into a character offset.
func runeOffset(text string, pos int) int {
	if pos > len(text) {
		pos = len(text)
	}
	return utf8.RuneCountInString(text[:pos])
}

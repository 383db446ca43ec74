package regnet

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// HitDocument is a search hit that is a whole document, found by its number.
const HitDocument = "DOCUMENT"

// Reference is what a search text cites rather than says: a document number
// ("83/2025", "83/2025/QĐ-UBND") and a provision path ("Điều 7 khoản 4
// điểm c", "d7 k4 c"), with the words left over.
type Reference struct {
	Number  string // as typed; "" when none
	Article int    // 0 when none
	Clause  int
	Point   string // folded letter
	Words   []string
}

var (
	// A document number: digits, a slash, then a year or a kind, and maybe more parts.
	numberRE = regexp.MustCompile(`\b\d{1,5}/[\p{L}\d&-]+(?:/[\p{L}\d&-]+)*`)
	// A path in folded text: điều N, khoản N, điểm x, in full or as d N, k N.
	pathRE = regexp.MustCompile(`(?:^|\s)(?:dieu|d)\s*(\d{1,3})(?:\s*,?\s*(?:khoan|k)\s*(\d{1,3}))?(?:\s*,?\s*(?:diem\s*|dm\s*)?([a-z])\b)?`)
)

// ParseReference finds a document number and a provision path in a search
// text. Without either, ok is false.
func ParseReference(text string) (ref Reference, ok bool) {
	if m := numberRE.FindString(text); m != "" {
		ref.Number = m
		text = strings.Replace(text, m, " ", 1)
	}
	folded := Fold(text)
	if m := pathRE.FindStringSubmatchIndex(folded); m != nil {
		ref.Article, _ = strconv.Atoi(folded[m[2]:m[3]])
		if m[4] >= 0 {
			ref.Clause, _ = strconv.Atoi(folded[m[4]:m[5]])
		}
		if m[6] >= 0 {
			ref.Point = folded[m[6]:m[7]]
		}
		folded = folded[:m[0]] + " " + folded[m[1]:]
	}
	ref.Words = strings.FieldsFunc(folded, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return ref, ref.Number != "" || ref.Article > 0
}

// Find is the search of the API: the store's Search, with three things
// added the same way for every store. A text that cites a document number
// or a provision path finds those documents and provisions. A duty and the
// provision it was read from are one hit (the duty's), not two. Every hit
// names its document and province, where it has them.
func Find(ctx context.Context, s Store, text string, limit int) ([]*SearchHit, error) {
	if err := CheckSearchText(text); err != nil {
		return nil, err
	}
	var hits []*SearchHit
	var err error
	if ref, ok := ParseReference(text); ok {
		hits, err = findReference(ctx, s, ref, limit)
	} else {
		// Ask for more, as merging duties with their provisions drops some.
		hits, err = s.Search(ctx, text, min(2*limit, 100))
		if err == nil {
			hits, err = mergeDutyProvisions(ctx, s, hits)
		}
	}
	if err != nil {
		return nil, err
	}
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, placeHits(ctx, s, hits)
}

// mergeDutyProvisions leaves out the provision hits whose provision a duty
// hit of the list was read from: the duty says the same with more meaning.
// The duties are read only where the hits do not name their provision.
func mergeDutyProvisions(ctx context.Context, s Store, hits []*SearchHit) ([]*SearchHit, error) {
	covered := map[string]bool{}
	var ids []string
	for _, h := range hits {
		switch {
		case h.Type != HitDuty:
		case h.DutyProvision != "":
			covered[h.DutyProvision] = true
		default:
			ids = append(ids, h.ID)
		}
	}
	if len(ids) > 0 {
		duties, err := s.Duties(ctx, DutyFilter{IDs: ids})
		if err != nil {
			return nil, err
		}
		for _, d := range duties {
			covered[d.Provision] = true
		}
	}
	if len(covered) == 0 {
		return hits, nil
	}
	return slices.DeleteFunc(hits, func(h *SearchHit) bool { return h.Type == HitProvision && covered[h.ID] }), nil
}

// findReference answers a text that cites a number or a path: the cited
// documents (when only a number is given) or the cited provisions, those
// holding every other word of the text, in reading order.
func findReference(ctx context.Context, s Store, ref Reference, limit int) ([]*SearchHit, error) {
	docs, err := s.Documents(ctx, DocumentFilter{IncludeDrafts: true, IncludeNamed: true})
	if err != nil {
		return nil, err
	}
	if ref.Number != "" {
		key := NumberKey(ref.Number)
		docs = slices.DeleteFunc(docs, func(d *Document) bool {
			if d.Number == nil {
				return true
			}
			n := NumberKey(*d.Number)
			return n != key && !strings.HasPrefix(n, key+"/")
		})
	}
	label := map[string]string{}
	ids := make([]string, 0, len(docs))
	for _, d := range docs {
		ids = append(ids, d.ID)
		label[d.ID] = d.Title
		if d.Number != nil {
			label[d.ID] = *d.Number
		}
	}
	hits := []*SearchHit{}
	if len(ids) == 0 {
		return hits, nil
	}
	if ref.Article == 0 && len(ref.Words) == 0 {
		for _, d := range docs {
			hits = append(hits, &SearchHit{Type: HitDocument, ID: d.ID, Title: label[d.ID], Snippet: d.Title, Score: 1})
		}
		return hits, nil
	}
	provs, err := s.Provisions(ctx, ProvisionFilter{Documents: ids})
	if err != nil {
		return nil, err
	}
	for _, p := range provs {
		if !citedBy(p, ref) {
			continue
		}
		hits = append(hits, &SearchHit{Type: HitProvision, ID: p.ID, Title: p.Path + ", " + label[p.Document],
			Snippet: snippetOf(p.Text), Score: 1})
		if len(hits) == limit {
			break
		}
	}
	return hits, nil
}

// citedBy says whether p is the provision ref cites and holds ref's other
// words.
func citedBy(p *Provision, ref Reference) bool {
	if ref.Article > 0 && (p.Article == nil || *p.Article != ref.Article || p.Part == PartDecision) {
		return false
	}
	if ref.Clause > 0 && (p.Clause == nil || *p.Clause != ref.Clause) {
		return false
	}
	if ref.Article > 0 && ref.Clause == 0 && p.Clause != nil {
		return false
	}
	if ref.Point != "" && (p.Point == nil || Fold(*p.Point) != ref.Point) {
		return false
	}
	if ref.Clause > 0 && ref.Point == "" && p.Point != nil {
		return false
	}
	if len(ref.Words) == 0 {
		return true
	}
	words := strings.FieldsFunc(Fold(p.Heading+" "+p.Text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for _, w := range ref.Words {
		if !slices.Contains(words, w) {
			return false
		}
	}
	return true
}

// snippetOf is the start of a text, cut at a word.
func snippetOf(text string) string {
	const n = 160
	r := []rune(text)
	if len(r) <= n {
		return text
	}
	cut := n
	for cut > n/2 && r[cut] != ' ' {
		cut--
	}
	return string(r[:cut]) + "…"
}

// placeHits sets the document and province of each hit: a fact's document
// is the one its id begins with, an agency's province its own. Hits a store
// placed already (a fact with its document, an agency with its province)
// are left as they are.
func placeHits(ctx context.Context, s Store, hits []*SearchHit) error {
	var agencyIDs, docIDs []string
	var todo []*SearchHit
	for _, h := range hits {
		switch {
		case h.Type == HitAgency && h.Province != "":
			continue // placed by the store
		case h.Type == HitAgency:
			agencyIDs = append(agencyIDs, h.ID)
		case h.Document != "":
			continue // placed by the store
		case h.Type == HitDocument:
			h.Document = h.ID
		default:
			h.Document = DocumentOf(h.ID)
		}
		todo = append(todo, h)
		if h.Document != "" {
			docIDs = append(docIDs, h.Document)
		}
	}
	province := map[string]string{}
	if len(docIDs) > 0 {
		docs, err := s.Documents(ctx, DocumentFilter{IDs: docIDs, IncludeDrafts: true, IncludeNamed: true})
		if err != nil {
			return err
		}
		for _, d := range docs {
			province[d.ID] = d.Province
		}
	}
	if len(agencyIDs) > 0 {
		agencies, err := s.Agencies(ctx, AgencyFilter{IDs: agencyIDs})
		if err != nil {
			return err
		}
		for _, a := range agencies {
			province[a.ID] = a.Province
		}
	}
	for _, h := range todo {
		if h.Type == HitAgency {
			h.Province = province[h.ID]
		} else {
			h.Province = province[h.Document]
		}
	}
	return nil
}

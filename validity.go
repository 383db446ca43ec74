package regnet

import (
	"slices"
	"sort"
	"strings"
	"time"
)

// A document is in force for a span of days, read from what the texts say:
//
//   - it starts on its effective date (Effective: stated, the issue date for
//     "kể từ ngày ký", or computed from "sau 10 ngày kể từ ngày ký");
//   - it ends the day before a document that replaces it takes effect, or on
//     the last day of the last year of a plan's period ("giai đoạn 2021 -
//     2025" ends on 2025-12-31);
//   - a draft, and a news report, is never in force: neither has legal effect.
//
// Validity depends on the other documents (who replaces whom), so it is
// computed when asked, from the loaded documents, never stored: loading a
// newer text changes an older one's end without rewriting it.

// ValidFrom returns the first day d is in force: its effective date or,
// for a text with no effective-date clause (plans usually have none), its
// issue date. It is nil for a draft, a news report, a document named but
// not loaded, and a clause that depends on an event the text does not date.
func ValidFrom(d *Document) *string {
	if !canBeInForce(d) {
		return nil
	}
	if d.Effective != nil {
		return d.Effective
	}
	if d.EffectiveRule == nil {
		return d.Issued
	}
	return nil
}

// ValidUntil returns the last day d is in force, nil while it is open. docs
// are the loaded documents: the ones that replace d (by number) end it the
// day before the first of them takes effect; a draft that would replace it
// ends nothing. Otherwise a plan ends with its period.
func ValidUntil(d *Document, docs []*Document) *string {
	if !canBeInForce(d) {
		return nil
	}
	var until *string
	if d.Number != nil {
		for _, r := range docs {
			if r.ID == d.ID || r.Status == StatusDraft || !slices.Contains(r.Replaces, *d.Number) {
				continue
			}
			from := ValidFrom(r)
			if from == nil {
				continue
			}
			day := dayBefore(*from)
			if day != "" && (until == nil || day < *until) {
				until = &day
			}
		}
	}
	if until == nil && len(d.Period) == 2 {
		day := time.Date(d.Period[1], time.December, 31, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
		until = &day
	}
	return until
}

// InForce reports whether d is in force on date (an ISO date), docs being
// the loaded documents (see ValidUntil). Where the start is not known, a
// loaded document is taken to be in force only after its issue date, and a
// document that is only named since before any date asked.
func InForce(d *Document, docs []*Document, date string) bool {
	if !canBeInForce(d) {
		return false
	}
	if from := ValidFrom(d); from != nil {
		if date < *from {
			return false
		}
	} else if d.Issued != nil && date <= *d.Issued {
		return false
	}
	if until := ValidUntil(d, docs); until != nil && date > *until {
		return false
	}
	return true
}

func canBeInForce(d *Document) bool {
	return d.Status != StatusDraft && d.Kind != KindTinTuc
}

func dayBefore(date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return ""
	}
	return t.AddDate(0, 0, -1).Format(time.DateOnly)
}

// NamedDocuments returns a document for every number that the loaded
// documents replace or cite as a legal basis but that is not loaded itself,
// so that "83/2025/QĐ-UBND replaces 09/2017/QĐ-UBND" has both ends without
// the 2017 text. Each holds what the citing texts tell: its number, its kind
// and level from the number's code, the province of a provincial document
// that replaces it, and status REPLACED when an issued document replaces it.
// Its id is the one the Neo4j store gives its placeholder node. Numbers whose
// code does not say the kind (a tờ trình, a letter) are left out. The result
// is ordered by id.
func NamedDocuments(docs []*Document) []*Document {
	loaded := map[string]bool{}
	for _, d := range docs {
		loaded[d.ID] = true
		if d.Number != nil {
			loaded[*d.Number] = true
		}
	}
	named := map[string]*Document{}
	add := func(number string) *Document {
		id := DocumentID(number)
		if loaded[number] || loaded[id] {
			return nil
		}
		if n := named[id]; n != nil {
			return n
		}
		kind, level := kindOfNumber(number)
		if kind == "" {
			return nil
		}
		n := &Document{ID: id, Number: &number, Kind: kind, Level: level, Status: StatusIssued,
			BasedOn: []string{}, Replaces: []string{}, Mentions: []string{}, Named: true}
		named[id] = n
		return n
	}
	for _, d := range docs {
		for _, number := range d.BasedOn {
			add(number)
		}
		for _, number := range d.Replaces {
			n := add(number)
			if n == nil || d.Status == StatusDraft {
				continue
			}
			n.Status = StatusReplaced
			if n.Level == LevelProvincial && n.Province == "" {
				n.Province = d.Province
			}
		}
	}
	out := make([]*Document, 0, len(named))
	for _, n := range named {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// kindOfNumber reads a document's kind and level from the code of its
// number ("09/2017/QĐ-UBND": a provincial decision), or "" where the code
// does not say.
func kindOfNumber(number string) (kind, level string) {
	parts := strings.Split(strings.ToUpper(number), "/")
	last := parts[len(parts)-1]
	if strings.HasPrefix(last, "QH") {
		return KindLuat, LevelNational // 72/2025/QH15
	}
	typ, issuer, ok := strings.Cut(last, "-")
	if !ok {
		// A party committee's text puts its type after the serial
		// ("11-CT/TU"): the level is not the state's.
		_, typ, _ = strings.Cut(parts[0], "-")
	}
	switch issuer {
	case "UBND", "HĐND":
		level = LevelProvincial
	case "TTG", "CP":
		level = LevelNational
	}
	switch typ {
	case "QĐ":
		kind = KindQuyetDinh
	case "KH":
		kind = KindKeHoach
	case "NQ":
		kind = KindNghiQuyet
	case "CT":
		kind = KindChiThi
	}
	return kind, level
}

// SelectDocuments returns the documents of docs (the loaded documents, all
// of them: validity depends on the others) that match f, with the named
// documents when f.IncludeNamed, ordered by id. It is how both stores answer
// the filters on time, so that they agree.
func SelectDocuments(docs []*Document, f DocumentFilter) []*Document {
	all := docs
	if f.IncludeNamed {
		all = append(append([]*Document{}, docs...), NamedDocuments(docs)...)
		sort.Slice(all, func(i, j int) bool { return all[i].ID < all[j].ID })
	}
	keys := make([]string, len(f.Numbers))
	for i, n := range f.Numbers {
		keys[i] = NumberKey(n)
	}
	out := []*Document{}
	for _, d := range all {
		switch {
		case len(f.IDs) > 0 && !slices.Contains(f.IDs, d.ID),
			len(f.Numbers) > 0 && (d.Number == nil || !slices.Contains(keys, NumberKey(*d.Number))),
			f.Province != "" && d.Province != f.Province,
			f.Kind != "" && d.Kind != f.Kind,
			f.Status != "" && d.Status != f.Status:
			continue
		}
		if f.InForceOn != "" && !InForce(d, docs, f.InForceOn) && !(f.IncludeDrafts && d.Status == StatusDraft) {
			continue
		}
		out = append(out, d)
	}
	return out
}

// Vietnam is the time zone a day is reckoned in: the documents date
// themselves, their deadlines and their effect by Vietnamese calendar days.
var Vietnam = time.FixedZone("ICT", 7*60*60)

// Today is the current day in Vietnam (YYYY-MM-DD): what "today" means for
// plan deadlines, and what an answer that depends on today is keyed by.
func Today() string { return time.Now().In(Vietnam).Format(time.DateOnly) }

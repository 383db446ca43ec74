package loader

import (
	"regexp"
	"strings"

	"github.com/regnet/regnet"
)

// The header of a Vietnamese legal document: the issuing body and the
// national motto side by side, then the number and the place and date. It
// reaches us as a table flattened into lines: parts on lines of their own,
// one table cell per line with the cell's own line breaks kept ("CỘNG" /
// "HÒA …", "Số:" / "65/2010/QĐ-TTg", "Hà" / "Nội, ngày …"), or packed into
// "|" rows. Portal text may come before it.

var (
	// rePlaceDate matches "Place, ngày D tháng M năm Y", with the spaces a
	// copy lost ("năm2009"), the typo "ngày 13 ngày 8", and the day or month
	// left blank in a draft; or "Place, D/M/Y".
	rePlaceDate  = regexp.MustCompile(`(\p{Lu}[\p{L}.\-–]*(?:\s+[\p{L}.\-–]+){0,5}?)\s*,?\s*ngày\s*([\d.…_ ]*?)\s*(?:tháng|ngày)\s*([\d.…_ ]*?)\s*năm\s*(\d{4})|(\p{Lu}[\p{L}.\-–]*(?:\s+[\p{L}.\-–]+){0,5})\s*,\s*(?:ngày\s*)?(\d{1,2})/(\d{1,2})/(\d{4})`)
	reNumberLine = regexp.MustCompile(`(?i)^(?:số|(?:kế hoạch|quyết định)\s+số)\s*:?\s*(.*)$`)
	// reMotto is the national motto, in the folded form of regnet.Slug.
	reMotto = regexp.MustCompile(`cong-hoa-xa-hoi-chu-nghia-viet-nam|doc-lap-tu-do-hanh-phuc`)
)

// issuerStarts are the first words of an issuing body's heading: what
// opens a header.
var issuerStarts = []string{"ỦY BAN", "UỶ BAN", "UBND", "CHỦ TỊCH", "THỦ TƯỚNG", "CHÍNH PHỦ", "QUỐC HỘI", "BỘ ", "TỔNG CỤC", "CỤC ", "CHI CỤC", "SỞ ", "BAN ", "VĂN PHÒNG", "HỘI ĐỒNG", "TỈNH ", "THÀNH PHỐ", "CỘNG HÒA", "CỘNG HOÀ"}

// headerInfo is what a document's header says.
type headerInfo struct {
	start  int    // index of the header's first line
	issuer string // the issuing body's heading cells, joined, motto removed (Slug form)
	motto  bool
	number *string
	place  string
	issued *string
	draft  bool
}

// parts counts the header parts seen: a file with two of them has a header.
func (h headerInfo) parts() int {
	n := 0
	for _, ok := range []bool{h.issuer != "", h.motto, h.number != nil, h.issued != nil || h.draft} {
		if ok {
			n++
		}
	}
	return n
}

// findHeaderStart returns the index of the header's first line: the first
// issuer heading, motto or "Số:" line before end that is not portal text.
// Without one it returns 0.
func findHeaderStart(lines []Line, end int, portal map[int]bool) int {
	for i := 0; i < end && i < len(lines); i++ {
		if !portal[i] && headerAnchorAt(lines, i) && headerFollows(lines, i) {
			return i
		}
	}
	return 0
}

// headerFollows reports whether a header's other parts (the motto, the
// number, the title) follow line i closely, so that portal text in
// capitals ("BỘ LỌC TÌM KIẾM") is not taken for an issuer.
func headerFollows(lines []Line, i int) bool {
	for j := i; j < len(lines) && j < i+16; j++ {
		for _, c := range cells(lines[j].Text) {
			if reMotto.MatchString(regnet.Slug(c)) || c == "CỘNG" || reNumberLine.MatchString(c) || headingKind(c) != "" {
				return true
			}
		}
	}
	return false
}

// headerAnchorAt reports whether line i opens a header.
func headerAnchorAt(lines []Line, i int) bool {
	if i >= len(lines) {
		return false
	}
	for _, c := range cells(lines[i].Text) {
		if isIssuerHeading(c) || (reNumberLine.MatchString(c) && numberOfLine(c, lines, i) != "") {
			return true
		}
	}
	return false
}

// cells splits a line laid out as a table row ("| a | b |") into its
// non-empty cells; a line without "|" is one cell.
func cells(t string) []string {
	var out []string
	for _, c := range strings.Split(t, "|") {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// isIssuerHeading reports whether a header cell opens an issuer's heading
// or the motto.
func isIssuerHeading(c string) bool {
	if !isUpper(c) {
		return false
	}
	for _, p := range issuerStarts {
		if strings.HasPrefix(c+" ", p) {
			return true
		}
	}
	return c == "CỘNG"
}

// numberOfLine returns the number a "Số:" line gives, looking at the next
// line when the number was wrapped there.
func numberOfLine(c string, lines []Line, i int) string {
	m := reNumberLine.FindStringSubmatch(c)
	if m == nil {
		return ""
	}
	rest := m[1]
	if strings.TrimSpace(rest) == "" && i+1 < len(lines) {
		rest = lines[i+1].Text
	}
	return ownNumber(rest)
}

// ownNumber reads a header's own number from the text after "Số:": it must
// start there, and spaces around its "/" and "-" are dropped.
func ownNumber(rest string) string {
	rest = reNumberGaps.ReplaceAllString(strings.TrimSpace(rest), "$1")
	n := reDocNumber.FindString(rest)
	if n == "" || !strings.HasPrefix(rest, strings.SplitN(n, "/", 2)[0]) {
		return ""
	}
	return cleanNumber(n)
}

// readHeader reads the header cells of lines[start:end].
func readHeader(lines []Line, start, end int) headerInfo {
	h := headerInfo{start: start}
	var issuer []string
	for _, cell := range headerCells(lines[start:end]) {
		t := cell.Text
		if strings.Contains(t, "DỰ THẢO") || strings.EqualFold(t, "dự thảo") {
			h.draft = true
			continue
		}
		if reMotto.MatchString(regnet.Slug(t)) {
			h.motto = true
		}
		numberCell := false
		if m := reNumberLine.FindStringSubmatch(t); m != nil && !strings.HasPrefix(strings.ToLower(t), "số hiệu") {
			numberCell = true
			if h.number == nil {
				if n := ownNumber(m[1]); n != "" {
					h.number = &n
				} else if reBlankNumber.MatchString(t) {
					h.draft = true
				}
			}
		}
		if m := placeDate(t); m != nil && h.issued == nil && h.place == "" {
			h.place = m[1]
			if d, err := isoDate(m[2], m[3], m[4]); err == nil {
				h.issued = &d
			} else if strings.Trim(m[2], ".…_ ") == "" {
				h.draft = true // "ngày    tháng 02 năm 2026": the day is still blank
			}
			continue
		}
		if numberCell {
			continue
		}
		switch {
		case isUpper(t) && strings.Trim(t, "-–*_=. ") != "" && headingKind(t) == "":
			issuer = append(issuer, t)
		case !isUpper(t) && !h.motto && !isMottoPart(t) && strings.Trim(t, "-–*_=. ") != "":
			issuer = nil // text before the header (portal lines in capitals) is no issuer
		}
	}
	slug := regnet.Slug(strings.Join(issuer, " "))
	slug = strings.Trim(reMotto.ReplaceAllString(slug, "-"), "-")
	h.issuer = strings.ReplaceAll(slug, "--", "-")
	if strings.Contains(h.issuer, "cong-hoa") || h.issuer == "cong" {
		h.motto = true
	}
	return h
}

// splitBefore cuts c before each of the markers it holds after its start.
func splitBefore(c string, markers ...string) []string {
	var out []string
	for {
		cut := -1
		for _, m := range markers {
			if i := strings.Index(c, m); i > 0 && (cut < 0 || i < cut) {
				cut = i
			}
		}
		if cut < 0 {
			return append(out, c)
		}
		out = append(out, strings.TrimSpace(c[:cut]))
		c = strings.TrimSpace(c[cut:])
	}
}

// isMottoPart reports whether a cell is a piece of the motto that a copy
// cut into lines ("Độc lập - Tự do -" / "Hạnh phúc").
func isMottoPart(t string) bool {
	slug := regnet.Slug(t)
	return slug != "" && strings.Contains("-cong-hoa-xa-hoi-chu-nghia-viet-nam-doc-lap-tu-do-hanh-phuc-", "-"+slug+"-")
}

// headerCells returns header lines as the header reader wants them: a
// header laid out as a table ("| Số: … | Hà Giang, ngày … |") split into
// its cells, and a cell broken mid-phrase joined with the next ("Số:" +
// "12/2024/QĐ-UBND", "Tuyên Quang," + "ngày 05 …", "Hà" + "Nội, ngày …").
func headerCells(lines []Line) []Line {
	var all []Line
	for _, l := range lines {
		for _, c := range cells(l.Text) {
			// A row flattened without its "|": "… TỈNH X Số: 12/QĐ-UBND",
			// "TỈNH X Độc lập - Tự do - Hạnh phúc".
			for _, part := range splitBefore(c, " Số:", " Độc lập", " CỘNG HÒA", " CỘNG HOÀ") {
				all = append(all, Line{No: l.No, Text: part})
			}
		}
	}
	var out []Line
	for i := 0; i < len(all); i++ {
		c := all[i]
		for i+1 < len(all) && continuesOnNext(c.Text, all[i+1].Text) {
			sep := " "
			if reNumberLine.MatchString(c.Text) && (strings.HasSuffix(c.Text, "-") || strings.HasSuffix(c.Text, "/")) {
				sep = ""
			}
			c.Text += sep + all[i+1].Text
			i++
		}
		out = append(out, c)
	}
	return out
}

var (
	rePlaceStart  = regexp.MustCompile(`^(?:\p{Lu}\p{Ll}*\s?){1,3}$`)
	rePlaceOnNext = regexp.MustCompile(`^(?:\p{Lu}?[\p{L}.\-–]*\s*){1,5},\s*(?:ngày|\d)`)
	reDateOnNext  = regexp.MustCompile(`^ngày\s*[\d.…_ ]*\s*tháng`)
	reYearDate    = regexp.MustCompile(`năm\s*\d{4}|\d{1,2}/\d{1,2}/\d{4}`)
)

// continuesOnNext reports whether a header cell was cut before its end: a
// number cell that stops at "Số:" or at a "-" or "/", a place and date that
// stops before the year, a place name cut between its words.
func continuesOnNext(t, next string) bool {
	if m := reNumberLine.FindStringSubmatch(t); m != nil {
		rest := strings.TrimSpace(m[1])
		return rest == "" || strings.HasSuffix(rest, "-") || strings.HasSuffix(rest, "/")
	}
	if reYearDate.MatchString(t) {
		return false
	}
	if strings.Contains(t, ", ngày") || strings.HasSuffix(t, ",") || strings.HasSuffix(t, ", ngày") {
		return true
	}
	return !isUpper(t) && rePlaceStart.MatchString(t) && (rePlaceOnNext.MatchString(next) || reDateOnNext.MatchString(next))
}

// placeDate matches a "Place, ngày D tháng M năm Y" or "Place, D/M/Y" cell
// and returns place, day, month and year at indexes 1 to 4.
func placeDate(t string) []string {
	m := rePlaceDate.FindStringSubmatch(t)
	if m == nil {
		return nil
	}
	if m[1] == "" {
		m = []string{m[0], m[5], m[6], m[7], m[8]}
	} else {
		m = m[:5]
	}
	// A cell that also holds the number ("Số: 12/QĐ-UBND Hà Giang, ngày …")
	// lends the place its code: keep the place's own words.
	words := strings.Fields(m[1])
	for len(words) > 1 && (isUpper(words[0]) || strings.ContainsAny(words[0], "/0123456789")) && !isUpper(strings.Join(words, " ")) {
		words = words[1:]
	}
	m[1] = strings.Join(words, " ")
	return m
}

// provinceIn returns the province a text names, from the ontology's list,
// in its Slug form: the first name after "tỉnh" or "thành phố" when
// requireUnit, else the first name at all.
func (o *Ontology) provinceIn(slug string, requireUnit bool) string {
	if slug == "" {
		return ""
	}
	padded := "-" + slug + "-"
	best, bestAt := "", len(padded)
	for _, p := range o.Provinces {
		for _, name := range append([]string{p.Name}, p.Aliases...) {
			key := "-" + regnet.Slug(name) + "-"
			from := 0
			for {
				i := strings.Index(padded[from:], key)
				if i < 0 {
					break
				}
				at := from + i
				from = at + 1
				before := padded[:at+1]
				if requireUnit && !strings.HasSuffix(before, "-tinh-") && !strings.HasSuffix(before, "-thanh-pho-") && !strings.HasSuffix(before, "-tp-") {
					continue
				}
				if at < bestAt || (at == bestAt && len(key) > len(regnet.Slug(best))+2) {
					best, bestAt = p.Name, at
				}
				break
			}
		}
	}
	return best
}

// isNational reports whether an issuer heading (Slug form) is a national
// body's.
func (o *Ontology) isNational(issuer string) bool {
	if strings.Contains(issuer, "quoc-gia") {
		return true
	}
	for _, n := range o.NationalIssuers {
		s := regnet.Slug(n.Name)
		if issuer == s || strings.HasPrefix(issuer, s+"-") {
			return true
		}
	}
	return false
}

// isPeoplesCommittee reports whether an issuer heading (Slug form) is a
// People's Committee or its Chairman: a body whose place line is its
// province.
func isPeoplesCommittee(issuer string) bool {
	return strings.Contains(issuer, "uy-ban-nhan-dan") || strings.Contains(issuer, "ubnd")
}

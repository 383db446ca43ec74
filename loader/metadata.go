package loader

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/regnet/regnet"
)

// The metadata step reads a document's header and preamble: kind, number,
// place and date, title, status, legal bases, replaced documents, effective
// date and signer.

var (
	// Document numbers as written: "83/2025/QĐ-UBND", "125/KH-UBND",
	// "11-CT/TU", "01/QĐ-BCĐ389", "72/2025/QH15".
	reDocNumber   = regexp.MustCompile(`\b\d+(?:-[\p{Lu}Đ]+)?(?:/\d{4})?/[\p{Lu}Đ][\p{Lu}Đ0-9]*(?:-[\p{L}0-9]+)*`)
	reNumberLine  = regexp.MustCompile(`(?i)^(?:số|(?:kế hoạch|quyết định)\s+số)\s*:?\s*(.*)$`)
	reDateWords   = regexp.MustCompile(`ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})`)
	rePlaceDate   = regexp.MustCompile(`^([\p{L} ]+?)\s*,\s*ngày\s+(\S*)\s*tháng\s+(\S*)\s*năm\s+(\d{4})|^([\p{L} ]+?)\s*,\s*(?:ngày\s+)?(\d{1,2})/(\d{1,2})/(\d{4})`)
	reProvince    = regexp.MustCompile(`^TỈNH\s+(\p{Lu}[\p{Lu} ]+)$`)
	reProvinceIn  = regexp.MustCompile(`(?:địa bàn|trên địa bàn)\s+tỉnh\s+(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)*)`)
	reEffective   = regexp.MustCompile(`(?i)có hiệu lực(?: thi hành)?\s+(?:kể\s+)?từ\s+ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})|có hiệu lực(?: thi hành)?\s+(?:kể\s+)?từ\s+ngày\s+(\d{1,2}/\d{1,2}/\d{4})|có hiệu lực(?: thi hành)?\s+(?:sau\s+(\d+)\s+ngày\s+)?kể\s+từ\s+ngày\s+ký`)
	rePeriodRange = regexp.MustCompile(`(?:giai đoạn|từ năm)\s+(\d{4})\s*(?:-|–|đến(?: hết)?(?: năm)?)\s*(\d{4})`)
	rePeriodTo    = regexp.MustCompile(`đến năm\s+(\d{4})`)
)

// kindHeadings maps a heading line to a document kind.
var kindHeadings = []struct{ heading, kind string }{
	{"QUY CHẾ", regnet.KindQuyChe},
	{"KẾ HOẠCH", regnet.KindKeHoach},
	{"QUYẾT ĐỊNH", regnet.KindQuyetDinh},
	{"NGHỊ QUYẾT", regnet.KindNghiQuyet},
	{"CHỈ THỊ", regnet.KindChiThi},
	{"LUẬT", regnet.KindLuat},
}

// header is what the metadata step learned beyond the Document itself.
type header struct {
	quyChe    int // index of the "QUY CHẾ" heading line, or -1
	kindLine  int // index of the first kind heading, or -1
	bodyStart int // index of the first line after the preamble
}

// headingKind returns the kind a line names when it is a heading.
func headingKind(s string) string {
	if !isUpper(s) {
		return ""
	}
	for _, k := range kindHeadings {
		if s == k.heading || strings.HasPrefix(s, k.heading+" ") {
			return k.kind
		}
	}
	return ""
}

// readMetadata fills doc from the header and preamble of src.
func readMetadata(src *source, doc *regnet.Document, warn func(line int, format string, args ...any)) header {
	h := header{quyChe: -1, kindLine: -1}
	lines := src.lines
	firstStruct := len(lines)
	for i, l := range lines {
		if reArticle.MatchString(l.Text) || reChapter.MatchString(l.Text) || reRomanSection.MatchString(l.Text) {
			firstStruct = i
			break
		}
	}
	kinds := map[string]int{}
	for i, l := range lines {
		k := headingKind(l.Text)
		if k == "" {
			continue
		}
		if _, ok := kinds[k]; !ok {
			kinds[k] = i
		}
		if k == regnet.KindQuyChe && h.quyChe < 0 && (i < firstStruct || l.Text == "QUY CHẾ") {
			h.quyChe = i
		}
		if h.kindLine < 0 && i <= firstStruct {
			h.kindLine = i
		}
	}
	switch {
	case h.quyChe >= 0:
		doc.Kind = regnet.KindQuyChe
	case h.kindLine >= 0:
		doc.Kind = headingKind(lines[h.kindLine].Text)
	default:
		doc.Kind = regnet.KindTinTuc
	}
	if doc.Kind == regnet.KindQuyChe && h.kindLine >= 0 && headingKind(lines[h.kindLine].Text) == regnet.KindQuyetDinh {
		// A decision issuing a quy chế: its preamble is the decision's.
	}

	preambleEnd := firstStruct
	if h.quyChe >= 0 && h.quyChe < preambleEnd && h.kindLine == h.quyChe {
		preambleEnd = firstStruct
	}
	h.bodyStart = firstStruct

	// Number, place, date, province.
	draft := false
	numberSeen := false
	for _, cell := range headerCells(lines, preambleEnd) {
		t := cell.Text
		if strings.Contains(t, "DỰ THẢO") || strings.EqualFold(t, "dự thảo") {
			draft = true
		}
		if m := reNumberLine.FindStringSubmatch(t); m != nil && !numberSeen {
			numberSeen = true
			if n := reDocNumber.FindString(m[1]); n != "" && strings.HasPrefix(strings.TrimSpace(m[1]), strings.SplitN(n, "/", 2)[0]) {
				doc.Number = strPtr(n)
			}
		}
		if m := reProvince.FindStringSubmatch(t); m != nil && doc.Province == "" {
			doc.Province = titleCase(m[1])
		}
		if m := placeDate(t); m != nil && doc.Issued == nil {
			if doc.Province == "" && !strings.Contains(m[1], "Hà Nội") {
				doc.Province = strings.TrimSpace(m[1])
			}
			if d, err := isoDate(m[2], m[3], m[4]); err == nil {
				doc.Issued = &d
			} else if strings.TrimSpace(m[2]) == "" {
				draft = true // "ngày    tháng 02 năm 2026": the day is still blank
			}
		}
	}
	if doc.Province == "" {
		for _, l := range lines {
			if m := reProvinceIn.FindStringSubmatch(l.Text); m != nil {
				doc.Province = m[1]
				break
			}
		}
	}
	if doc.Number == nil && !draft && doc.Kind != regnet.KindTinTuc {
		draft = numberLeftBlank(lines, preambleEnd)
	}
	doc.Status = regnet.StatusIssued
	if draft {
		doc.Status = regnet.StatusDraft
	}
	doc.Level = regnet.LevelProvincial
	if doc.Province == "" {
		doc.Level = regnet.LevelNational
	}

	doc.Title = readTitle(lines, h, doc.Kind)

	// Legal bases: "Căn cứ …" and "Thực hiện …" paragraphs of the preamble
	// (not "Theo đề nghị …", which is a proposal).
	seen := map[string]bool{}
	for i := 0; i < preambleEnd; i++ {
		t := lines[i].Text
		if !strings.HasPrefix(t, "Căn cứ") && !strings.HasPrefix(t, "Thực hiện") {
			continue
		}
		para := t
		for j := i + 1; j < preambleEnd && !endsClause(para) && !startsPreambleClause(lines[j].Text); j++ {
			para += " " + lines[j].Text
		}
		if n := reDocNumber.FindString(para); n != "" && !seen[n] {
			seen[n] = true
			doc.BasedOn = append(doc.BasedOn, n)
		}
	}

	// Replaced documents and the effective date, anywhere in the text.
	for i, l := range lines {
		if i := strings.Index(l.Text, "thay thế"); i >= 0 && doc.Kind != regnet.KindTinTuc {
			for _, n := range reDocNumber.FindAllString(l.Text[i:], -1) {
				if !contains(doc.Replaces, n) && (doc.Number == nil || n != *doc.Number) {
					doc.Replaces = append(doc.Replaces, n)
				}
			}
		}
		if doc.Effective == nil && strings.Contains(l.Text, "hiệu lực") {
			// The clause may wrap onto the next line ("… kể từ ngày" / "ký").
			t := l.Text
			if i+1 < len(lines) {
				t += " " + lines[i+1].Text
			}
			if m := reEffective.FindStringSubmatch(t); m != nil {
				doc.Effective = effectiveDate(m, doc.Issued)
			}
		}
	}

	// Mentions: every other document number cited.
	for _, l := range lines {
		if !strings.Contains(l.Text, "/") {
			continue
		}
		for _, n := range reDocNumber.FindAllString(l.Text, -1) {
			if (doc.Number == nil || n != *doc.Number) && !contains(doc.Mentions, n) {
				doc.Mentions = append(doc.Mentions, n)
			}
		}
	}

	doc.Signer = readSigner(lines)
	if doc.Kind == regnet.KindKeHoach {
		doc.Period = readPeriod(lines, doc.Issued, doc.Title)
	}
	if doc.Kind == regnet.KindTinTuc {
		doc.Status = regnet.StatusIssued
	}
	return h
}

// headerCells returns the lines of a document's header (before end) as
// the header reader wants them: a header laid out as a table ("| Số: … |
// Hà Giang, ngày … |") split into its cells, and a cell broken mid-phrase
// joined with the next ("Số: 12/2024/QĐ-" + "UBND", "…, ngày 05 tháng 3" +
// "năm 2024").
func headerCells(lines []Line, end int) []Line {
	var cells []Line
	for i := 0; i < end && i < len(lines); i++ {
		for _, c := range strings.Split(lines[i].Text, "|") {
			if c = strings.TrimSpace(c); c != "" {
				cells = append(cells, Line{No: lines[i].No, Text: c})
			}
		}
	}
	var out []Line
	for i := 0; i < len(cells); i++ {
		c := cells[i]
		for i+1 < len(cells) && continuesOnNext(c.Text, cells[i+1].Text) {
			sep := " "
			if strings.HasSuffix(c.Text, "-") || strings.HasSuffix(c.Text, "/") {
				sep = ""
			}
			c.Text += sep + cells[i+1].Text
			i++
		}
		out = append(out, c)
	}
	return out
}

// continuesOnNext reports whether a header cell was cut before its end: a
// number ending in "-" or "/", or a place and date that stops before the
// year.
func continuesOnNext(t, next string) bool {
	if reNumberLine.MatchString(t) && (strings.HasSuffix(t, "-") || strings.HasSuffix(t, "/")) {
		return true
	}
	return strings.Contains(t, ", ngày") && !strings.Contains(t, "năm") && strings.HasPrefix(next, "năm ")
}

// placeDate matches a "Place, ngày D tháng M năm Y" or "Place, D/M/Y" line
// and returns place, day, month and year at indexes 1 to 4.
func placeDate(t string) []string {
	m := rePlaceDate.FindStringSubmatch(t)
	if m == nil {
		return nil
	}
	if m[1] == "" {
		return []string{m[0], m[5], m[6], m[7], m[8]}
	}
	return m[:5]
}

// numberLeftBlank reports whether a header has a number or date left blank
// ("Số:   /KH-UBND", "ngày   tháng 02 năm 2026"), the mark of a draft.
func numberLeftBlank(lines []Line, end int) bool {
	for i := 0; i < len(lines); i++ {
		t := lines[i].Text
		if strings.Contains(t, "số:") || strings.HasPrefix(t, "Số:") || strings.Contains(t, "Số:") {
			if reBlankNumber.MatchString(t) {
				return true
			}
		}
		if i < end && rePlaceDate.MatchString(t) {
			m := rePlaceDate.FindStringSubmatch(t)
			if strings.TrimSpace(m[2]) == "" {
				return true
			}
		}
	}
	return false
}

func startsPreambleClause(s string) bool {
	for _, p := range []string{"Căn cứ", "Thực hiện", "Theo đề nghị", "Xét đề nghị"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return headingKind(s) != ""
}

func endsClause(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, ";") || strings.HasSuffix(s, ".") || strings.HasSuffix(s, ":")
}

// readTitle joins the heading lines that follow the kind heading: header
// lines broken mid-phrase become one title.
func readTitle(lines []Line, h header, kind string) string {
	if h.kindLine < 0 {
		// A news report: its first line, without Markdown.
		for _, l := range lines {
			t := strings.Trim(l.Text, "#*=- ")
			if t != "" {
				return t
			}
		}
		return ""
	}
	start := h.kindLine
	title := lines[start].Text
	var parts []string
	for j := start + 1; j < len(lines) && j < start+8; j++ {
		t := lines[j].Text
		if startsPreambleClause(t) || strings.HasPrefix(t, "(") || isStructural(t) || reRomanSection.MatchString(t) || headingKind(t) != "" {
			break
		}
		parts = append(parts, t)
	}
	if len(parts) > 0 {
		title += " " + strings.Join(parts, " ")
	}
	return strings.Join(strings.Fields(title), " ")
}

// readSigner returns the name under the first signature block.
func readSigner(lines []Line) *string {
	for i, l := range lines {
		if !isSignatureStart(l.Text) && l.Text != "CHỦ TỊCH" && l.Text != "PHÓ CHỦ TỊCH" {
			continue
		}
		for j := i + 1; j < len(lines) && j < i+6; j++ {
			t := lines[j].Text
			if isPersonName(t) {
				return strPtr(t)
			}
		}
	}
	return nil
}

// isPersonName reports whether s looks like a Vietnamese full name: two to
// five capitalised words, not all in capitals.
func isPersonName(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 5 || isUpper(s) {
		return false
	}
	for _, w := range words {
		r := []rune(w)
		if !unicode.IsUpper(r[0]) {
			return false
		}
		for _, c := range r {
			if !unicode.IsLetter(c) {
				return false
			}
		}
	}
	return true
}

// readPeriod finds the years a plan covers.
func readPeriod(lines []Line, issued *string, title string) []int {
	for _, l := range lines {
		if m := rePeriodRange.FindStringSubmatch(l.Text); m != nil {
			a, _ := strconv.Atoi(m[1])
			b, _ := strconv.Atoi(m[2])
			if a <= b {
				return []int{a, b}
			}
		}
	}
	start := 0
	if issued != nil {
		start, _ = strconv.Atoi((*issued)[:4])
	}
	for _, l := range lines[:min(len(lines), 40)] {
		if m := reDateWords.FindStringSubmatch(l.Text); m != nil && start == 0 {
			start, _ = strconv.Atoi(m[3])
		}
		if m := reYear.FindStringSubmatch(l.Text); m != nil && start == 0 && rePlaceDate.MatchString(l.Text) {
			start, _ = strconv.Atoi(m[1])
		}
	}
	for _, l := range lines[:min(len(lines), 40)] {
		if m := rePeriodTo.FindStringSubmatch(l.Text); m != nil && start > 0 {
			end, _ := strconv.Atoi(m[1])
			if end >= start {
				return []int{start, end}
			}
		}
	}
	// A plan for one year says so in its title ("… năm 2025").
	if m := reTitleYear.FindStringSubmatch(title); m != nil {
		y, _ := strconv.Atoi(m[1])
		return []int{y, y}
	}
	return nil
}

var reTitleYear = regexp.MustCompile(`(?i)(?:^|\s)năm\s+((?:19|20)\d{2})\s*$`)

func effectiveDate(m []string, issued *string) *string {
	switch {
	case m[1] != "":
		if d, err := isoDate(m[1], m[2], m[3]); err == nil {
			return &d
		}
	case m[4] != "":
		p := strings.Split(m[4], "/")
		if d, err := isoDate(p[0], p[1], p[2]); err == nil {
			return &d
		}
	case issued != nil:
		days := 0
		if m[5] != "" {
			days, _ = strconv.Atoi(m[5])
		}
		t, err := time.Parse("2006-01-02", *issued)
		if err == nil {
			d := t.AddDate(0, 0, days).Format("2006-01-02")
			return &d
		}
	}
	return nil
}

// isoDate builds an ISO date from day, month and year as written.
func isoDate(day, month, year string) (string, error) {
	d, err1 := strconv.Atoi(strings.TrimSpace(day))
	m, err2 := strconv.Atoi(strings.TrimSpace(month))
	y, err3 := strconv.Atoi(strings.TrimSpace(year))
	if err1 != nil || err2 != nil || err3 != nil {
		return "", fmt.Errorf("incomplete date %q/%q/%q", day, month, year)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != m {
		return "", fmt.Errorf("no such date %d/%d/%d", d, m, y)
	}
	return t.Format("2006-01-02"), nil
}

// titleCase turns "LẠNG SƠN" into "Lạng Sơn".
func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

var (
	reBlankNumber = regexp.MustCompile(`(?i)số\s*:?\s*/`)
	reYear        = regexp.MustCompile(`năm\s+(\d{4})`)
)

// reRomanSection matches a plan's top-level section heading ("I. MỤC ĐÍCH").
var reRomanSection = regexp.MustCompile(`^[IVX]+\s*\.\s+\p{Lu}`)

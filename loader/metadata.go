package loader

import (
	"fmt"
	"regexp"
	"slices"
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
	reProvinceIn  = regexp.MustCompile(`(?:địa bàn|trên địa bàn)\s+tỉnh\s+(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)*)`)
	rePeriodRange = regexp.MustCompile(`(?:giai đoạn|từ năm)\s+(\d{4})\s*(?:-|–|đến(?: hết)?(?: năm)?)\s*(\d{4})`)
	rePeriodTo    = regexp.MustCompile(`đến năm\s+(\d{4})`)
	reDateWords   = regexp.MustCompile(`ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})`)
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
	quyChe    int  // index of the annex heading ("QUY CHẾ", "QUY ĐỊNH"), or -1
	kindLine  int  // index of the first kind heading, or -1
	bodyStart int  // index of the first line after the preamble
	found     bool // the file has a header one can read
}

// headingKind returns the kind a line names when it is a heading. A copy
// that lost the heading's spaces ("QUYẾTĐỊNH") still names it.
func headingKind(s string) string {
	if !isUpper(s) {
		// A title run into the heading's line: "QUYẾT ĐỊNH Về việc …".
		for _, k := range kindHeadings {
			if rest, ok := strings.CutPrefix(s, k.heading+" "); ok && startsUpper(strings.TrimLeft(rest, ": ")) && !strings.HasPrefix(rest, "này") {
				return k.kind
			}
		}
		return ""
	}
	tight := strings.ReplaceAll(s, " ", "")
	for _, k := range kindHeadings {
		if s == k.heading || strings.HasPrefix(s, k.heading+" ") || tight == strings.ReplaceAll(k.heading, " ", "") {
			return k.kind
		}
	}
	return ""
}

// isAnnexHeading reports whether a line heads the quy chế or quy định a
// decision issues.
func isAnnexHeading(s string) bool {
	return s == "QUY CHẾ" || s == "QUY ĐỊNH"
}

// zones are where a document's parts lie, as indexes into its lines.
type zones struct {
	start        int // the header's first line (after portal text)
	headerEnd    int // the title line, or the preamble when there is none
	preambleFrom int // the line after the title
	preambleEnd  int // the action line ("QUYẾT ĐỊNH:"), the first article or section
	firstStruct  int // the first Chương, Điều or Roman section
}

// readMetadata fills doc from the header, preamble and decision articles
// of src. It reads the header after any portal text, the legal bases from
// the preamble, the effective date and replaced documents from the
// decision's own articles (not from its annex), and uses a portal's
// metadata block only for what the text leaves out.
func readMetadata(src *source, doc *regnet.Document, ont *Ontology) header {
	joinSplitHeadings(src)
	lines := src.lines
	h, z, quyCheKind := locate(lines)
	portalEnd := z.start
	if !headerAnchorAt(lines, z.start) {
		portalEnd = max(h.kindLine, 0) // no header of its own: a portal block may stand for it
	}
	portal, _ := readPortal(lines, portalEnd)
	hi := readHeader(lines, z.start, max(z.start, z.headerEnd))
	h.found = hi.parts() >= 2 || (hi.parts() == 1 && h.kindLine >= 0) || (h.kindLine >= 0 && portal["số hiệu"] != "")

	// Number and kind: the title line, else the number's code, else the body.
	doc.Number = hi.number
	if doc.Number == nil && h.found {
		if n := ownNumber(portal["số hiệu"]); n != "" {
			doc.Number = &n
		}
	}
	switch {
	case h.quyChe >= 0 && quyCheKind:
		doc.Kind = regnet.KindQuyChe
	case h.kindLine >= 0:
		doc.Kind = headingKind(lines[h.kindLine].Text)
	case h.found:
		doc.Kind = kindWithoutTitle(doc.Number, lines[z.firstStruct:], portal)
	default:
		doc.Kind = regnet.KindTinTuc
	}
	doc.Title = readTitle(lines, h, z.headerEnd, z.preambleEnd)
	ont.readProvince(doc, hi, lines, z)
	if doc.Province == "" && doc.Level != regnet.LevelNational && h.found && !hi.draft {
		doc.Province = ont.provinceIn(regnet.Slug(portal["nơi ban hành"]+" "+portal["cơ quan ban hành"]), false)
	}

	// Dates and status.
	doc.Issued = hi.issued
	draft := hi.draft
	if doc.Number == nil && !draft && doc.Kind != regnet.KindTinTuc {
		draft = numberLeftBlank(lines[z.start:z.preambleEnd])
	}
	if doc.Issued == nil && !draft && h.found {
		doc.Issued = portal.date("ngày ban hành")
	}
	doc.Status = regnet.StatusIssued
	if draft && doc.Kind != regnet.KindTinTuc {
		doc.Status = regnet.StatusDraft
	}

	doc.BasedOn = readBases(lines, z.preambleFrom, z.preambleEnd, false)
	if doc.Kind == regnet.KindKeHoach {
		// A plan may list its bases in a section of their own ("I. CĂN CỨ").
		for _, sec := range basesSections(lines, z.firstStruct) {
			for _, n := range readBases(lines, sec[0], sec[1], true) {
				doc.BasedOn = addNumber(doc.BasedOn, n)
			}
		}
	}

	// The decision's own articles: the effective date and what it replaces.
	if doc.Kind != regnet.KindTinTuc {
		text := decisionText(lines, z.preambleEnd, h.quyChe)
		doc.Replaces = readReplaces(text, doc.Number, doc.Kind == regnet.KindKeHoach)
		if z.firstStruct == len(lines) {
			// No articles (a chỉ thị, a copy without them): the effective
			// date is in the running text.
			text = decisionText(lines, z.preambleFrom, h.quyChe)
		}
		var found bool
		doc.Effective, doc.EffectiveRule, found = readEffective(text, doc.Issued)
		if !found && h.found {
			doc.Effective = portal.date("ngày hiệu lực")
			if doc.Effective == nil {
				doc.Effective = portal.date("ngày có hiệu lực")
			}
		}
	}
	doc.Mentions = readMentions(lines[z.start:], doc.Number)

	doc.Signer = readSigner(lines[z.preambleEnd:])
	if doc.Signer == nil && h.found && !draft && isPersonName(portal["người ký"]) {
		doc.Signer = strPtr(portal["người ký"])
	}
	if doc.Kind == regnet.KindKeHoach {
		doc.Period = readPeriod(lines, doc.Issued, doc.Title)
	}
	return h
}

// locate finds a document's parts: the header after any portal text, the
// title line, the annex heading, the preamble and the first structure. It
// also says whether the annex is a quy chế (the document's kind then).
func locate(lines []Line) (header, zones, bool) {
	h := header{quyChe: -1, kindLine: -1}
	z := zones{firstStruct: len(lines)}
	for i, l := range lines {
		if reArticle.MatchString(l.Text) || reChapter.MatchString(l.Text) || reRomanSection.MatchString(l.Text) {
			z.firstStruct = i
			break
		}
	}
	_, portalLines := readPortal(lines, z.firstStruct)
	z.start = findHeaderStart(lines, z.firstStruct, portalLines)

	quyCheKind := false
	for i := z.start; i < len(lines); i++ {
		t := lines[i].Text
		k := headingKind(t)
		if k == "" && !isAnnexHeading(t) {
			continue
		}
		if h.quyChe < 0 && ((k == regnet.KindQuyChe && (i < z.firstStruct || t == "QUY CHẾ")) || (t == "QUY ĐỊNH" && i > z.firstStruct)) {
			h.quyChe = i
			quyCheKind = k == regnet.KindQuyChe
		}
		if h.kindLine < 0 && i <= z.firstStruct && k != "" {
			h.kindLine = i
		}
	}

	// The header runs to the title, or to the preamble when there is no
	// title line; a text with neither has none.
	z.headerEnd = h.kindLine
	if z.headerEnd < 0 {
		z.headerEnd = z.firstStruct
		for i := z.start; i < z.firstStruct; i++ {
			if startsPreambleClause(lines[i].Text) {
				z.headerEnd = i
				break
			}
		}
		if !headerAnchorAt(lines, z.start) {
			z.headerEnd = z.start
		}
	}
	z.preambleFrom = z.headerEnd
	if h.kindLine >= 0 {
		z.preambleFrom = h.kindLine + 1
	}
	z.preambleEnd = z.firstStruct
	for i := z.preambleFrom; i < z.firstStruct; i++ {
		t := lines[i].Text
		if (isUpper(t) && strings.HasSuffix(t, ":")) || isRecipients(t) || isSignatureStart(t) {
			z.preambleEnd = i
			break
		}
	}
	h.bodyStart = z.firstStruct
	return h, z, quyCheKind
}

// readProvince sets the document's province and level: from the issuer,
// else the title or the issuing line above the bases, else a People's
// Committee's place line; the place line alone never names the province.
// A national body's documents have no province.
func (o *Ontology) readProvince(doc *regnet.Document, hi headerInfo, lines []Line, z zones) {
	doc.Province = o.provinceIn(hi.issuer, false)
	national := doc.Province == "" && o.isNational(hi.issuer)
	if doc.Province == "" && !isPeoplesCommittee(hi.issuer) && regnet.Slug(hi.place) == "ha-noi" {
		national = true // no issuer to say otherwise: the capital's date line is the central government's
	}
	if doc.Province == "" && !national {
		var preamble []string
		for i := z.preambleFrom; i < z.preambleEnd; i++ {
			if isUpper(lines[i].Text) {
				preamble = append(preamble, lines[i].Text)
			}
		}
		doc.Province = o.provinceIn(regnet.Slug(doc.Title+" "+strings.Join(preamble, " ")), true)
	}
	if doc.Province == "" && !national && isPeoplesCommittee(hi.issuer) {
		doc.Province = o.provinceIn(regnet.Slug(hi.place), false)
	}
	if doc.Province == "" && !national && doc.Kind != regnet.KindTinTuc {
		for _, l := range lines[z.start:] {
			if m := reProvinceIn.FindStringSubmatch(l.Text); m != nil {
				doc.Province = m[1]
				if p := o.provinceIn(regnet.Slug(m[1]), false); p != "" {
					doc.Province = p
				}
				break
			}
		}
	}
	switch {
	case national:
		doc.Province, doc.Level = "", regnet.LevelNational
	case doc.Province == "" && doc.Kind == regnet.KindTinTuc:
		doc.Level = regnet.LevelNational // a news report that names no province
	default:
		doc.Level = regnet.LevelProvincial
	}
}

// decisionText returns the decision's own articles from line from, up to
// the recipients, the signature or the annex, as one text with its broken
// lines joined.
func decisionText(lines []Line, from, annex int) string {
	text := ""
	for i := from; i < len(lines) && (annex <= from || i < annex); i++ {
		t := lines[i].Text
		if i > from && (isRecipients(t) || isSignatureStart(t)) {
			break
		}
		if text == "" {
			text = t
		} else {
			text = joinBroken(text, t)
		}
	}
	return text
}

// readMentions returns every document number lines cite, other than own.
func readMentions(lines []Line, own *string) []string {
	out := []string{}
	for _, l := range lines {
		if !strings.Contains(l.Text, "/") {
			continue
		}
		for _, n := range reDocNumber.FindAllString(l.Text, -1) {
			n = cleanNumber(n)
			if (own == nil || n != *own) && !contains(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

// basesSections returns the [from, to) line ranges of a plan's sections
// headed "CĂN CỨ …" ("I. CĂN CỨ XÂY DỰNG KẾ HOẠCH").
func basesSections(lines []Line, from int) [][2]int {
	var out [][2]int
	for i := from; i < len(lines); i++ {
		if !reRomanSection.MatchString(lines[i].Text) || !strings.Contains(regnet.Fold(lines[i].Text), "can cu") {
			continue
		}
		j := i + 1
		for j < len(lines) && !reRomanSection.MatchString(lines[j].Text) {
			j++
		}
		out = append(out, [2]int{i + 1, j})
		i = j - 1
	}
	return out
}

// isIssuingLine reports whether a line names the body that issues the
// document, above its preamble ("ỦY BAN NHÂN DÂN TỈNH …", "CỤC TRƯỞNG
// CỤC HẢI QUAN …"), rather than continuing a title in capitals.
func isIssuingLine(t string) bool {
	if !isUpper(t) || strings.HasPrefix(t, "BAN HÀNH") || strings.HasPrefix(t, "VỀ ") {
		return false
	}
	if isIssuerHeading(t) {
		return true
	}
	for _, title := range signerTitles {
		if strings.HasPrefix(t, title+" ") {
			return true
		}
	}
	return false
}

// kindWithoutTitle reads the kind of a document whose title line is
// missing: from its number's code (QĐ, KH, CT, NQ), else from its body
// (articles make a decision, Roman sections a plan), else from a portal's
// "Loại văn bản".
func kindWithoutTitle(number *string, body []Line, portal portalInfo) string {
	if number != nil {
		if k := kindOfCode(*number); k != "" {
			return k
		}
	}
	if len(body) > 0 && reRomanSection.MatchString(body[0].Text) {
		return regnet.KindKeHoach
	}
	if len(body) > 0 {
		return regnet.KindQuyetDinh
	}
	if k := headingKind(strings.ToUpper(portal["loại văn bản"])); k != "" {
		return k
	}
	return regnet.KindQuyetDinh
}

// joinSplitHeadings joins a kind heading that a copy cut in two ("QUYẾT" /
// "ĐỊNH", "KẾ" / "HOẠCH").
func joinSplitHeadings(src *source) {
	lines := src.lines
	for i := 0; i+1 < len(lines); i++ {
		a, b := lines[i].Text, lines[i+1].Text
		if isStructural(a) {
			return
		}
		if len(strings.Fields(a)) == 1 && isUpper(a) && isUpper(b) && headingKind(a) == "" && headingKind(a+" "+b) != "" {
			lines[i].Text = a + " " + b
			src.lines = append(lines[:i+1], lines[i+2:]...)
			lines = src.lines
		}
	}
}

// numberLeftBlank reports whether a header has its number left blank
// ("Số:   /KH-UBND"), the mark of a draft.
func numberLeftBlank(lines []Line) bool {
	for _, l := range lines {
		if strings.Contains(strings.ToLower(l.Text), "số") && reBlankNumber.MatchString(l.Text) {
			return true
		}
	}
	return false
}

// readTitle joins the heading lines that follow the kind heading: header
// lines broken mid-phrase become one title. Without a kind heading, the
// lines between the header and the preamble are the title.
func readTitle(lines []Line, h header, headerEnd, preambleEnd int) string {
	if h.kindLine < 0 && !h.found {
		// A news report: its first line, without Markdown.
		for _, l := range lines {
			t := strings.Trim(l.Text, "#*=- ")
			if t != "" {
				return t
			}
		}
		return ""
	}
	if h.kindLine < 0 {
		// No title line: the subject line ("Về việc …") in the header.
		for j := 0; j < headerEnd; j++ {
			if t := lines[j].Text; reSubjectLine.MatchString(t) {
				return strings.Join(strings.Fields(t), " ")
			}
		}
		return ""
	}
	var parts []string
	start := headerEnd
	if h.kindLine >= 0 {
		start = h.kindLine + 1
		parts = append(parts, lines[h.kindLine].Text)
	}
	for j := start; j < len(lines) && j < start+8 && j < max(preambleEnd, start+1); j++ {
		t := lines[j].Text
		if startsPreambleClause(t) || strings.HasPrefix(t, "(") || isStructural(t) || reRomanSection.MatchString(t) || headingKind(t) != "" || strings.Trim(t, "-–*_=. ") == "" {
			break
		}
		if isIssuingLine(t) {
			break
		}
		parts = append(parts, t)
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

// signerTitles are the titles a signature block puts above the name.
var signerTitles = []string{"CHỦ TỊCH", "PHÓ CHỦ TỊCH", "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "BỘ TRƯỞNG", "THỨ TRƯỞNG",
	"TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "TỔNG CỤC TRƯỞNG", "PHÓ TỔNG CỤC TRƯỞNG", "CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG",
	"GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", "CHI CỤC TRƯỞNG"}

// reSigned is the mark a copy leaves where the signature was.
var reSigned = regexp.MustCompile(`(?i)\(?\s*đã\s*ký\s*\)?:?|\[\s*da\s*ky\s*\]`)

// reTrailingName is a name after the titles of a signature block on one line.
var reTrailingName = regexp.MustCompile(`\p{Lu}\s+(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}*){1,4})$`)

// readSigner returns the name under the first signature block. A block laid
// out as a table row ("| Nơi nhận: … | TM. ỦY BAN NHÂN DÂN |") is read by
// its cells.
func readSigner(lines []Line) *string {
	var all []string
	for _, l := range lines {
		for _, c := range cells(l.Text) {
			// A block run into the line before it: "… thi hành./. TM. ỦY BAN …".
			all = append(all, splitBefore(c, " TM. ", " KT. ", " TL. ", " Q. ")...)
		}
	}
	for i, c := range all {
		if m := reTrailingName.FindStringSubmatch(c); m != nil && isSignatureStart(strings.TrimSuffix(c, m[1])) && isPersonName(m[1]) {
			return strPtr(m[1]) // "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Nguyễn Văn A" in one cell
		}
		if !isSignatureStart(c) && !slices.Contains(signerTitles, c) {
			continue
		}
		for j := i + 1; j < len(all) && j < i+7; j++ {
			name := strings.TrimSpace(reSigned.ReplaceAllString(all[j], ""))
			if isPersonName(name) {
				return strPtr(name)
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

// reSubjectLine opens a document's subject line.
var reSubjectLine = regexp.MustCompile(`^(?:Về việc|V/v|Về|Ban hành)\s`)

var reTitleYear = regexp.MustCompile(`(?i)(?:^|\s)năm\s+((?:19|20)\d{2})\s*$`)

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

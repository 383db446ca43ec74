package loader

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/regnet/regnet"
)

// A plan's appendix table (task group, action, deadline, output, lead,
// co-ordinators) reaches us as text extracted from a PDF: each cell is cut
// into lines, cells of one row follow one another (sometimes two on one
// line), the header repeats on every page, the task group's cell continues
// after a page break, and a cell merged over several rows appears once, so
// the rows under it have none. Cell borders are lost; what is left is what
// each column looks like:
//
//   - the action column is the widest: its lines are long, and a new action
//     starts with a bullet, a long line after the other cells of a row, or a
//     capitalised line where the previous line ended short of the column's
//     width (a new paragraph);
//   - the deadline cell opens with a date or a cue ("Thường xuyên", "Định
//     kỳ", "Theo chỉ đạo …", "Sau khi …") on a narrow line;
//   - the output cell follows the deadline, the lead cell the output: lead
//     and co-ordinator cells open with an agency's name;
//   - a line that continues a cell starts with a lower-case letter, ends a
//     name that the previous line began, or could not have fitted on the
//     previous line (word wrap); a line whose first word would have fitted
//     on the previous line starts a new cell.

// appendixRow is one row of a plan's appendix table, cells as raw text.
type appendixRow struct {
	Group      int
	GroupTitle string
	GroupLine  int    // line of the group's title
	Row        int    // 1-based within the group
	Bullet     string // "-", "+" or "": the marker the action opened with (removed from Text)
	Text       string
	Deadline   string
	Output     string
	Leads      string
	// Coordinators is the co-ordinating agencies' cell. A merged cell that
	// the extraction printed twice under one row goes to the next row when
	// that row has none.
	Coordinators          string
	Line                  int // line of the action text's start
	Page                  int // the page the row starts on, counted by the repeated header (0 before the first)
	LeadsInherited        bool
	DeadlineInherited     bool
	OutputInherited       bool
	CoordinatorsInherited bool
}

// defaultAgencyStarts are the opening words of agency names in plan tables
// (lower case; one word, or the first two words of a longer name). The
// loader passes its ontology's names instead; these keep the table reader
// usable on its own.
var defaultAgencyStarts = []string{
	"sở", "ubnd", "ủy ban", "uỷ ban", "công an", "bộ chỉ", "ban chỉ", "bộ đội", "biên phòng",
	"chi cục", "cục", "thuế", "hải quan", "các sở", "các cơ", "các lực", "các ngành",
	"cơ quan", "báo và", "đài phát", "ngân hàng", "thanh tra", "văn phòng", "viện kiểm",
	"tòa án", "toà án", "mặt trận", "ban quản", "kho bạc", "quản lý",
}

// agencyStartPredicate returns a predicate that says whether a line opens
// with one of the given names: a name matches on its first word when it has
// one word and on its first two words otherwise, because table cells cut
// names after a word or two ("Sở Nông" / "nghiệp và Môi" / "trường").
func agencyStartPredicate(names []string) func(string) bool {
	one, two := map[string]bool{}, map[string]bool{}
	for _, n := range names {
		w := nameWords(n, 2)
		switch len(w) {
		case 1:
			one[w[0]] = true
		case 2:
			two[w[0]+" "+w[1]] = true
		}
	}
	return func(s string) bool {
		w := nameWords(s, 2)
		if len(w) == 0 {
			return false
		}
		if one[w[0]] {
			return true
		}
		return len(w) == 2 && two[w[0]+" "+w[1]]
	}
}

var defaultIsAgencyStart = agencyStartPredicate(defaultAgencyStarts)

// nameWords returns up to n lower-case words of s, without punctuation. It
// reads no further than it needs: it is called on the rest of long lines.
func nameWords(s string, n int) []string {
	var out []string
	for len(out) < n {
		s = strings.TrimLeft(s, " ")
		if s == "" {
			break
		}
		f := s
		if i := strings.IndexByte(s, ' '); i >= 0 {
			f, s = s[:i], s[i:]
		} else {
			s = ""
		}
		f = strings.TrimFunc(strings.ToLower(f), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if f == "" {
			break
		}
		out = append(out, f)
	}
	return out
}

// outputStarts open a result cell (KẾT QUẢ) that could otherwise pass for
// an agency's name ("Báo cáo" beside "Báo và Phát thanh").
var outputStarts = []string{"báo cáo", "kế hoạch", "văn bản", "quyết định", "thông tin", "thông báo", "cơ sở dữ liệu"}

// cellInitialWords open a cell and never continue a name: "các" is written
// in lower case inside a sentence, so "Các" starts a cell.
var cellInitialWords = []string{"Các", "Những", "Tất cả"}

// tableHeaderWords are the words of a table header (folded); a line of
// capitals made only of them is a repeated header.
var tableHeaderWords = strings.Fields(`nhiem vu giai phap hanh dong cu the thoi han gian ket qua san pham
	co quan don vi chu tri phoi hop thuc hien stt tt noi dung ghi chu du kien nhom linh vuc de xuat
	cong viec hoan thanh ten yeu cau muc tieu`)

// connectiveEnds are the last words (folded) of a line that the next line
// must continue even when it starts with a capital ("… đối với những" /
// "Website"). "năm", "tháng" are not among them: what follows them is a
// number, and "Hằng năm" / "Hội nghị" are two cells.
var connectiveEnds = map[string]bool{
	"va": true, "voi": true, "cua": true, "cho": true, "khi": true, "sau": true, "doi": true,
	"nhung": true, "cac": true, "theo": true, "truoc": true, "den": true, "tu": true,
	"tai": true, "trong": true, "hoac": true, "gui": true, "thuoc": true,
}

type column int

const (
	colNone column = iota // before the first row
	colGroup
	colText
	colDeadline
	colOutput
	colLead
	colCoord
)

// rowCells is a row while it is read: the lines of each cell.
type rowCells struct {
	line     int
	page     int
	bullet   string
	text     []string
	deadline []string
	output   []string
	lead     []string
	coords   [][]string
}

type tableReader struct {
	lines    []Line
	isAgency func(string) bool
	width    int // the action column's width in characters, estimated
	wide     int // a line at least this long is action text
	narrow   int // a deadline cell's line is at most this long
	colW     map[column]int

	group    int
	title    []string       // the current group's title, by line
	titles   map[int]string // every group's title
	titleAt  map[int]int    // every group's title line
	titleW   int
	inTitle  bool // the last line continued the group's title
	afterHdr bool // the last line was a repeated header
	page     int  // headers seen: the page being read
	seenHdr  bool // a header was seen: the table has begun
	appendix bool // the lines had a "PHỤ LỤC" heading

	col     column
	cellW   int // the widest line of the cell being read
	row     *rowCells
	groupN  int // rows so far in the group
	pending string
	rows    []appendixRow
	warns   []regnet.Warning
}

// parseAppendix reconstructs the rows of a plan's appendix table from the
// document's lines: it starts after the "PHỤ LỤC" line and reads to the end,
// to another appendix or to a signature block. Without a "PHỤ LỤC" line the
// table starts at its first header, so that a plan without a table gives no
// rows.
// isAgencyStart says whether a line opens with an agency's name (nil: a
// built-in list). Warnings carry lines but no file; the caller sets it.
func parseAppendix(lines []Line, isAgencyStart func(string) bool) ([]appendixRow, []regnet.Warning) {
	if isAgencyStart == nil {
		isAgencyStart = defaultIsAgencyStart
	}
	start, appendix := 0, false
	for i, l := range lines {
		if reAppendixHead.MatchString(l.Text) {
			start, appendix = i+1, true
			break
		}
	}
	lines = lines[start:]
	for i, l := range lines {
		if i > 0 && (reAppendixHead.MatchString(l.Text) || isSignatureStart(l.Text)) {
			lines = lines[:i]
			break
		}
	}
	r := &tableReader{lines: lines, isAgency: isAgencyStart, colW: map[column]int{}, titles: map[int]string{}, titleAt: map[int]int{}, appendix: appendix}
	r.estimateWidth()
	for i := range lines {
		r.readLine(i)
	}
	r.flush()
	r.titles[r.group] = strings.Join(r.title, " ")
	r.inherit()
	inheritMerged(r.rows, func(r *appendixRow) (*string, *bool) { return &r.Output, &r.OutputInherited })
	inheritMerged(r.rows, func(r *appendixRow) (*string, *bool) { return &r.Coordinators, &r.CoordinatorsInherited })
	for i := range r.rows { // a title may go on after the group's first rows
		r.rows[i].GroupTitle = r.titles[r.rows[i].Group]
		r.rows[i].GroupLine = r.titleAt[r.rows[i].Group]
	}
	return r.rows, r.warns
}

// estimateWidth sets the action column's width: the 90th percentile of line
// lengths, since most long lines are action text.
func (r *tableReader) estimateWidth() {
	var lens []int
	for _, l := range r.lines {
		lens = append(lens, runeLen(l.Text))
	}
	if len(lens) == 0 {
		return
	}
	sort.Ints(lens)
	r.width = lens[len(lens)*9/10]
	r.wide = r.width * 6 / 10
	r.narrow = r.width * 45 / 100
}

func (r *tableReader) warn(line int, format string, args ...any) {
	r.warns = append(r.warns, regnet.Warning{Line: line, Message: fmt.Sprintf(format, args...)})
}

var (
	reGroupStart = regexp.MustCompile(`^(\d{1,2})\s*\.\s+(\p{Lu}.*)$`)
	rePageNumber = regexp.MustCompile(`^(?:(?i:trang)\s+)?\d{1,3}$`)
	// a complete deadline at the start of a line, with the next cell after it
	reLeadingDeadline = regexp.MustCompile(`^((?:\d{1,2}/){0,2}\d{4}|(?i:thường xuyên|định kỳ|hằng năm|hàng năm|hằng quý|hằng tháng|liên tục))\s+(\p{Lu}.*)$`)
	// a deadline after the end of the action's last sentence
	reTrailingDeadline = regexp.MustCompile(`^(.*[.;:…)])\s+((?:\d{1,2}/){0,2}\d{4}|(?i:thường xuyên|định kỳ|hằng năm|hàng năm))$`)
)

func (r *tableReader) readLine(i int) {
	l := r.lines[i]
	t := l.Text
	if r.isHeader(t) {
		if !r.afterHdr {
			r.page++
		}
		r.afterHdr, r.seenHdr = true, true
		return
	}
	if rePageNumber.MatchString(t) {
		return
	}
	if m := reGroupStart.FindStringSubmatch(t); m != nil && atoiOr(m[1]) == r.group+1 && (r.appendix || r.seenHdr) {
		r.flush()
		r.titles[r.group] = strings.Join(r.title, " ")
		r.group++
		r.titleAt[r.group] = l.No
		r.groupN = 0
		r.title = []string{m[2]}
		r.seenHdr = true
		r.titleW = max(r.titleW, runeLen(t))
		r.col = colGroup
		r.afterHdr, r.inTitle = false, false
		return
	}
	if r.titleContinues(t) {
		r.title = append(r.title, t)
		r.titleW = max(r.titleW, runeLen(t))
		r.inTitle, r.afterHdr = true, false
		return
	}
	r.inTitle, r.afterHdr = false, false
	rest := t
	for rest != "" {
		head, tail := r.cut(rest)
		r.piece(head, l.No, i)
		rest = tail
	}
}

// isHeader reports whether a line is (part of) the repeated table header.
func (r *tableReader) isHeader(t string) bool {
	if !isUpper(t) {
		return false
	}
	letters := 0
	for _, c := range t {
		if unicode.IsLetter(c) {
			letters++
		}
	}
	if letters < 3 {
		return false // "VI" in "Chi cục Hải quan khu vực VI"
	}
	for _, w := range strings.Fields(regnet.Fold(t)) {
		w = strings.Trim(w, ",.;:/()")
		if w != "" && !contains(tableHeaderWords, w) {
			return false
		}
	}
	return true
}

// titleContinues reports whether a line continues the task group's cell
// after a page break or beside a finished row: the title is unfinished,
// the line is as narrow as the group column and starts in lower case, and
// it cannot continue the cell before it.
func (r *tableReader) titleContinues(t string) bool {
	if r.col == colGroup || r.col == colNone || len(r.title) == 0 || !startsLower(t) || runeLen(t) > r.titleW+3 {
		return false
	}
	last := strings.TrimRight(r.title[len(r.title)-1], " ”\")")
	if strings.HasSuffix(last, ".") {
		return false
	}
	if r.inTitle {
		return true
	}
	if r.afterHdr {
		// After a page break the group's column comes first, unless the
		// action's text runs on: its last line was full.
		return r.col != colText || fits(r.row.text[len(r.row.text)-1], t, r.width, 10)
	}
	switch r.col {
	case colOutput, colLead, colCoord:
		// Only a clear gap: character counts only approximate the widths
		// of the letters, and narrow columns magnify the error.
		cell := r.cell()
		return len(cell) > 0 && fits(cell[len(cell)-1], t, max(r.cellW, r.colW[r.col]), 25)
	}
	return false
}

// cut splits off the first cell of a line that holds two or more.
func (r *tableReader) cut(s string) (string, string) {
	switch r.col {
	case colNone, colGroup, colText, colDeadline:
		if m := leadingDeadline(s); m != nil && (r.col == colDeadline || r.isDeadlineStart(m[1])) {
			return m[1], m[2]
		}
		if r.col != colDeadline {
			if m := trailingDeadline(s); m != nil {
				return m[1], m[2]
			}
		}
	}
	if r.col == colNone || r.col == colGroup || r.col == colText {
		return s, ""
	}
	// "Công an tỉnh Các sở, ngành có liên": lead and co-ordinators
	if head, tail := r.cutBefore(s, func(rest, prev string) bool { return startsCellWord(rest) }); tail != "" {
		return head, tail
	}
	if r.opensAction(s) { // a new row's first line: only a deadline may share it
		if m := trailingDeadline(s); m != nil {
			return m[1], m[2]
		}
		return s, ""
	}
	if r.col == colDeadline || r.col == colOutput { // "Cơ sở dữ liệu Công an tỉnh": output and lead
		return r.cutBefore(s, func(rest, prev string) bool { return r.isAgency(rest) && !isUpper(prev) })
	}
	return s, ""
}

// leadingDeadline and trailingDeadline match reLeadingDeadline and
// reTrailingDeadline, after a cheap look at the line's first or last
// character: most lines cannot match.
func leadingDeadline(s string) []string {
	c, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsDigit(c) && !strings.ContainsRune("TtĐđHhLl", c) {
		return nil
	}
	return reLeadingDeadline.FindStringSubmatch(s)
}

func trailingDeadline(s string) []string {
	c, _ := utf8.DecodeLastRuneInString(s)
	if !unicode.IsDigit(c) && !strings.ContainsRune("nmỳ", c) {
		return nil
	}
	return reTrailingDeadline.FindStringSubmatch(s)
}

// cutBefore cuts s before the first capitalised word after a word that
// ends in a letter (no punctuation between) where at(rest, previous word)
// holds.
func (r *tableReader) cutBefore(s string, at func(rest, prev string) bool) (string, string) {
	words := strings.Fields(s)
	pos := len(words[0]) + 1
	for i := 1; i < len(words); i++ {
		prev, w := words[i-1], words[i]
		rest := s[pos:]
		pos += len(w) + 1
		if endsWithLetter(prev) && startsUpper(w) && at(rest, prev) {
			return strings.TrimSpace(s[:len(s)-len(rest)]), rest
		}
	}
	return s, ""
}

// opensAction reports whether a line, read after the cells of a row, looks
// like the first line of the next action: a bullet that does not open an
// agency's name, or a capitalised line as wide as the action column.
func (r *tableReader) opensAction(s string) bool {
	bullet, body := splitBullet(s)
	if bullet != "" {
		return !(startsLower(body) || r.isAgency(body) || startsCellWord(body))
	}
	return startsUpper(s) && runeLen(s) >= r.wide
}

// piece reads one cell's line (a whole line, or part of one that held
// several cells).
func (r *tableReader) piece(p string, no, i int) {
	bullet, body := splitBullet(p)
	agencyBullet := bullet != "" && (startsLower(body) || r.isAgency(body) || startsCellWord(body))
	capital := startsUpper(p)
	wide := capital && runeLen(p) >= r.wide
	switch r.col {
	case colNone, colGroup:
		if r.col == colNone && !r.seenHdr {
			return // the appendix's title, above the table
		}
		if bullet != "" || wide || capital && r.nextIsDeadline(i) {
			r.newRow(p, no)
		} else if r.col == colGroup {
			r.title = append(r.title, p)
			r.titleW = max(r.titleW, runeLen(p))
		} else {
			r.warn(no, "appendix: text before the first row of the table: %q", p)
		}
	case colText:
		last := r.row.text[len(r.row.text)-1]
		switch {
		case r.isDeadlineStart(p) && !endsWithDateWord(last):
			r.add(colDeadline, p, true)
		case bullet != "":
			r.newRow(p, no)
		case capital && fits(last, p, r.width, 10):
			r.newRow(p, no)
		default:
			r.add(colText, p, false)
		}
	case colDeadline:
		switch {
		case bullet != "":
			if agencyBullet {
				r.add(colLead, p, true)
			} else {
				r.newRow(p, no)
			}
		case !capital:
			r.add(colDeadline, p, false)
		case wide:
			r.newRow(p, no)
		case r.deadlineOpen(p):
			r.add(colDeadline, p, false)
		case r.isAgency(p) && !hasAnyPrefix(strings.ToLower(p), outputStarts):
			r.add(colLead, p, true)
		default:
			r.add(colOutput, p, true)
		}
	case colOutput:
		switch {
		case bullet != "":
			if agencyBullet {
				r.add(colLead, p, true)
			} else {
				r.newRow(p, no)
			}
		case !capital:
			r.add(colOutput, p, false)
		case wide || !r.isAgency(p) && r.nextIsDeadline(i):
			r.newRow(p, no)
		default:
			r.add(colLead, p, true)
		}
	case colLead, colCoord:
		cell := r.cell()
		prev := cell[len(cell)-1]
		opened, _ := splitBullet(cell[0])
		switch {
		case bullet != "":
			switch {
			case !agencyBullet:
				r.newRow(p, no)
			case opened != "":
				r.add(r.col, p, false) // a list of agencies
			default:
				r.add(colCoord, p, true)
			}
		case !capital:
			r.add(r.col, p, false)
		case wide || !r.isAgency(p) && r.nextIsDeadline(i):
			r.newRow(p, no)
		case endsConnective(prev):
			r.add(r.col, p, false)
		case startsCellWord(p):
			r.add(colCoord, p, true)
		case !r.isAgency(p):
			r.add(r.col, p, false) // "Sở Văn hóa," / "Thể thao và" / "Du lịch"
		case fits(prev, p, max(r.cellW, r.colW[r.col]), 20):
			r.add(colCoord, p, true)
		default:
			r.add(r.col, p, false)
		}
	}
}

// deadlineOpen reports whether a capitalised line continues the deadline
// cell: the cell ends with a word that needs more ("… đối với những" /
// "Website"), or it is a condition ("Sau khi Thủ tướng Chính phủ ban hành
// Quyết định …") whose last word is part of a name or the line's first word
// would not have fitted beside it.
func (r *tableReader) deadlineOpen(p string) bool {
	cell := r.row.deadline
	prev := cell[len(cell)-1]
	if endsConnective(prev) {
		return true
	}
	if parseDeadline(strings.Join(cell[:min(len(cell), 2)], " ")).Kind != regnet.DeadlineConditional { // the opening decides
		return false
	}
	f := strings.Fields(prev)
	if startsUpper(f[len(f)-1]) {
		return true
	}
	return !fits(prev, p, max(r.cellW, r.colW[colDeadline]), 10)
}

// isDeadlineStart reports whether a narrow line opens a deadline cell.
func (r *tableReader) isDeadlineStart(p string) bool {
	return !startsLower(p) && runeLen(p) <= r.narrow && parseDeadline(p).Kind != ""
}

// nextIsDeadline reports whether the line after line i opens a deadline, so
// that a short capitalised line before it is an action, not a cell's end.
func (r *tableReader) nextIsDeadline(i int) bool {
	for j := i + 1; j < len(r.lines); j++ {
		t := r.lines[j].Text
		if r.isHeader(t) || rePageNumber.MatchString(t) {
			continue
		}
		if m := leadingDeadline(t); m != nil {
			t = m[1]
		}
		return r.isDeadlineStart(t)
	}
	return false
}

func (r *tableReader) cell() []string {
	switch r.col {
	case colText:
		return r.row.text
	case colDeadline:
		return r.row.deadline
	case colOutput:
		return r.row.output
	case colLead:
		return r.row.lead
	case colCoord:
		return r.row.coords[len(r.row.coords)-1]
	}
	return nil
}

// add puts a line into a column of the current row; newCell starts a new
// cell there (only co-ordinators keep several).
func (r *tableReader) add(col column, p string, newCell bool) {
	if newCell || col != r.col {
		r.cellW = 0
	}
	r.cellW = max(r.cellW, runeLen(p))
	r.colW[col] = max(r.colW[col], runeLen(p))
	r.col = col
	switch col {
	case colText:
		r.row.text = append(r.row.text, p)
	case colDeadline:
		r.row.deadline = append(r.row.deadline, p)
	case colOutput:
		r.row.output = append(r.row.output, p)
	case colLead:
		r.row.lead = append(r.row.lead, p)
	case colCoord:
		if newCell || len(r.row.coords) == 0 {
			r.row.coords = append(r.row.coords, nil)
		}
		k := len(r.row.coords) - 1
		r.row.coords[k] = append(r.row.coords[k], p)
	}
}

func (r *tableReader) newRow(p string, no int) {
	r.flush()
	bullet, body := splitBullet(p)
	r.row = &rowCells{line: no, page: r.page, bullet: bullet, text: []string{body}}
	r.col = colText
	r.cellW = runeLen(p)
	r.colW[colText] = max(r.colW[colText], runeLen(p))
}

// flush turns the current row into an appendixRow.
func (r *tableReader) flush() {
	c := r.row
	if c == nil {
		return
	}
	r.row = nil
	r.groupN++
	row := appendixRow{
		Group: r.group, Row: r.groupN, Bullet: c.bullet,
		Text: strings.Join(c.text, " "), Deadline: strings.Join(c.deadline, " "),
		Output: strings.Join(c.output, " "), Leads: strings.Join(c.lead, " "), Line: c.line, Page: c.page,
	}
	var coords []string
	dup := ""
	for i, cell := range c.coords {
		text := strings.Join(cell, " ")
		if i > 0 && text == coords[0] {
			dup = text // a merged cell printed again: it belongs to a row further down
			continue
		}
		coords = append(coords, text)
	}
	if len(coords) == 0 && r.pending != "" {
		coords = []string{r.pending}
	}
	r.pending = dup
	row.Coordinators = strings.Join(coords, " ")
	r.rows = append(r.rows, row)
}

// inherit fills the lead and deadline of rows under a merged cell from the
// row above in the same group.
func (r *tableReader) inherit() {
	for i := range r.rows {
		row := &r.rows[i]
		above := i > 0 && r.rows[i-1].Group == row.Group
		if row.Leads == "" {
			if above {
				row.Leads, row.LeadsInherited = r.rows[i-1].Leads, true
			} else {
				r.warn(row.Line, "appendix: group %d row %d has no lead agency", row.Group, row.Row)
			}
		}
		if row.Deadline == "" {
			if above {
				row.Deadline, row.DeadlineInherited = r.rows[i-1].Deadline, true
			} else {
				r.warn(row.Line, "appendix: group %d row %d has no deadline", row.Group, row.Row)
			}
		}
	}
}

// inheritMerged fills the empty cells of one column (output, co-ordinators)
// that sit under a merged cell. Unlike a lead or a deadline, these cells may
// be empty in the original, so only the layout can say a row is under a
// merged cell. The extraction prints a merged cell once on every page it
// spans, level with one of its rows, not always the first (the text is
// centred in the cell). So, within a task group:
//   - an empty cell below a filled one on the same page is under it;
//   - empty cells at the top of a page are under the cell printed below
//     them on that page when that cell is the one the last row of the
//     previous page had: the merged cell went on over the page break;
//   - a page that prints no cell for the column has none: a merged cell
//     spanning it would have been printed there.
func inheritMerged(rows []appendixRow, cell func(*appendixRow) (*string, *bool)) {
	for i := range rows {
		text, inherited := cell(&rows[i])
		if *text != "" || i == 0 || !samePage(rows[i-1], rows[i]) {
			continue
		}
		if above, _ := cell(&rows[i-1]); *above != "" {
			*text, *inherited = *above, true
		}
	}
	for i := 1; i < len(rows); i++ {
		if rows[i-1].Group != rows[i].Group || samePage(rows[i-1], rows[i]) {
			continue
		}
		last, _ := cell(&rows[i-1]) // i opens a page inside a group
		j := i
		for j < len(rows) && samePage(rows[i], rows[j]) {
			if t, _ := cell(&rows[j]); *t != "" {
				break
			}
			j++
		}
		if j == i || j == len(rows) || !samePage(rows[i], rows[j]) {
			continue
		}
		if below, _ := cell(&rows[j]); *last == "" || *below != *last {
			continue
		}
		for k := i; k < j; k++ {
			t, inh := cell(&rows[k])
			*t, *inh = *last, true
		}
	}
}

// samePage reports whether two rows are of one task group and start on one
// page.
func samePage(a, b appendixRow) bool { return a.Group == b.Group && a.Page == b.Page }

// fits reports whether the first word of next would have fitted on prev
// in a column width characters wide, less slack percent for the
// differences in glyph widths: if it would have, the writer broke the line
// on purpose, so next starts a new paragraph or cell.
func fits(prev, next string, width, slack int) bool {
	first := next
	if i := strings.IndexByte(next, ' '); i >= 0 {
		first = next[:i]
	}
	return runeLen(prev)+1+runeLen(first) <= width-width*slack/100
}

func splitBullet(p string) (string, string) {
	for _, b := range []string{"- ", "+ ", "– ", "• "} {
		if strings.HasPrefix(p, b) {
			return strings.TrimSpace(b), strings.TrimSpace(p[len(b):])
		}
	}
	return "", p
}

func startsCellWord(s string) bool {
	for _, w := range cellInitialWords {
		if hasWordPrefixExact(s, w) {
			return true
		}
	}
	return false
}

// hasWordPrefixExact reports whether s starts with the word(s) w, exactly.
func hasWordPrefixExact(s, w string) bool {
	if !strings.HasPrefix(s, w) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[len(w):])
	return len(s) == len(w) || !unicode.IsLetter(r)
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// endsConnective reports whether a line ends in a way the next line must
// continue: a list separator or a word that needs an object.
func endsConnective(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	switch s[len(s)-1] {
	case ',', ';', ':', '-', '/', '(', '&':
		return true
	}
	return connectiveEnds[lastWordFolded(s)]
}

// endsWithDateWord reports whether a line ends with a word a year or a
// date completes ("… đến năm" / "2030"), so that the number is not a
// deadline cell.
func endsWithDateWord(s string) bool {
	switch lastWordFolded(s) {
	case "nam", "thang", "ngay", "den", "tu", "quy", "so":
		return true
	}
	return false
}

// lastWordFolded returns the last word of s, folded.
func lastWordFolded(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		s = s[i+1:]
	}
	return regnet.Fold(s)
}

func endsWithLetter(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r)
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// appendixProvisions returns the provisions of part APPENDIX for a table's
// rows: one per task group ("Phụ lục, nhóm 5", id doc + "#APPENDIX/5",
// heading the group's title) and one per row ("Phụ lục, nhóm 5, dòng 2",
// id doc + "#APPENDIX/5/2", text the action), rows under their group.
func appendixProvisions(doc string, rows []appendixRow) []regnet.Provision {
	var out []regnet.Provision
	group := -1
	var groupID string
	for _, r := range rows {
		if r.Group != group {
			group = r.Group
			groupID = fmt.Sprintf("%s#APPENDIX/%d", doc, r.Group)
			line := r.GroupLine
			if line == 0 {
				line = r.Line
			}
			out = append(out, regnet.Provision{
				ID: groupID, Document: doc, Part: regnet.PartAppendix,
				Path: fmt.Sprintf("Phụ lục, nhóm %d", r.Group), Heading: r.GroupTitle, Line: line,
			})
		}
		parent := groupID
		out = append(out, regnet.Provision{
			ID: fmt.Sprintf("%s/%d", groupID, r.Row), Document: doc, Part: regnet.PartAppendix,
			Path: fmt.Sprintf("Phụ lục, nhóm %d, dòng %d", r.Group, r.Row), Parent: &parent,
			Text: r.Text, Line: r.Line,
		})
	}
	return out
}

// ontologyAgencyStart builds the table reader's agency predicate from the
// ontology: every unit's name, patterns and weak names.
func ontologyAgencyStart(o *Ontology) func(string) bool {
	var names []string
	for _, k := range o.Kinds {
		names = append(names, k.Name)
		for _, u := range k.Units {
			names = append(names, u.Name)
			names = append(names, u.Patterns...)
			names = append(names, u.Weak...)
		}
	}
	return agencyStartPredicate(names)
}

package loader

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// A PDF is read by PDFium, compiled to WebAssembly and run in-process by
// wazero: no cgo and no program to install. PDFium gives each run of text
// with its box on the page; the loader puts runs side by side on one line
// when their boxes share a baseline, and orders lines from the top of the
// page down, so that the text comes in reading order whatever order the
// PDF's content stream drew it in. A PDF with no text at all is a scan: it
// is refused, since OCR is not the loader's job.

const maxPDFSize = 100 << 20

var (
	pdfiumOnce sync.Once
	pdfiumMu   sync.Mutex
	pdfiumInst pdfium.Pdfium
	pdfiumErr  error
)

// pdfEngine starts PDFium once per process (compiling the WebAssembly takes
// seconds; the compiled code is cached under the user's cache folder).
func pdfEngine() (pdfium.Pdfium, error) {
	pdfiumOnce.Do(func() {
		cfg := webassembly.Config{MinIdle: 1, MaxIdle: 1, MaxTotal: 1}
		if dir, err := os.UserCacheDir(); err == nil {
			if cache, err := wazero.NewCompilationCacheWithDir(filepath.Join(dir, "regnet", "wazero")); err == nil {
				// PDFium's build needs WebAssembly exceptions, which a
				// custom runtime configuration must turn on itself.
				cfg.RuntimeConfig = wazero.NewRuntimeConfig().WithCompilationCache(cache).
					WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling)
			}
		}
		pool, err := webassembly.Init(cfg)
		if err != nil {
			pdfiumErr = fmt.Errorf("start PDFium: %w", err)
			return
		}
		pdfiumInst, pdfiumErr = pool.GetInstance(2 * time.Minute)
		if pdfiumErr != nil {
			pdfiumErr = fmt.Errorf("start PDFium: %w", pdfiumErr)
		}
	})
	return pdfiumInst, pdfiumErr
}

// pdfToText returns a PDF's text lines and the page of each.
func pdfToText(name string, data []byte) ([]string, []int, error) {
	if len(data) > maxPDFSize {
		return nil, nil, &InputError{File: name, Msg: fmt.Sprintf("a PDF of more than %d MB: refused", maxPDFSize>>20)}
	}
	inst, err := pdfEngine()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	pdfiumMu.Lock()
	defer pdfiumMu.Unlock()
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		return nil, nil, &InputError{File: name, Msg: "not a readable PDF: " + err.Error()}
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	count, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return nil, nil, &InputError{File: name, Msg: "not a readable PDF: " + err.Error()}
	}
	var lines []string
	var pages []int
	var prev *pdfTable
	joinNext := false
	var all []*pdfPage
	for i := 0; i < count.PageCount; i++ {
		page, err := readPDFPage(inst, doc.Document, i)
		if err != nil {
			return nil, nil, &InputError{File: name, Msg: fmt.Sprintf("page %d: %v", i+1, err)}
		}
		page.prepare()
		all = append(all, page)
	}
	dropRunning(all)
	for i, page := range all {
		out, wrappedEnd := page.layout(&prev)
		for k, l := range out {
			// a paragraph that goes on over the page break
			if k == 0 && joinNext && !isPipeRow(l) && startsLower(l) && !reNewParagraph.MatchString(l) && len(lines) > 0 {
				lines[len(lines)-1] = joinPDFWrapped(lines[len(lines)-1], l)
				continue
			}
			lines = append(lines, l)
			pages = append(pages, i+1)
		}
		joinNext = wrappedEnd
	}
	if len(lines) == 0 {
		return nil, nil, &InputError{File: name, Msg: "has no text layer (a scan?): run OCR first (for instance ocrmypdf) and read the PDF it makes"}
	}
	return lines, pages, nil
}

// readPDFPage reads a page's characters with their boxes and the thin
// rectangles and lines drawn on it (table borders).
func readPDFPage(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, index int) (*pdfPage, error) {
	page := requests.Page{ByIndex: &requests.PageByIndex{Document: doc, Index: index}}
	res, err := inst.GetPageTextStructured(&requests.GetPageTextStructured{Page: page, Mode: requests.GetPageTextStructuredModeChars})
	if err != nil {
		return nil, err
	}
	p := &pdfPage{}
	for _, c := range res.Chars {
		b := c.PointPosition
		p.chars = append(p.chars, pdfBox{text: c.Text, left: b.Left, right: b.Right, top: math.Max(b.Top, b.Bottom), bottom: math.Min(b.Top, b.Bottom)})
	}
	n, err := inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: page})
	if err != nil {
		return nil, err
	}
	for k := 0; k < n.Count && k < 100000; k++ {
		obj, err := inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: page, Index: k})
		if err != nil {
			continue
		}
		typ, err := inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: obj.PageObject})
		if err != nil || typ.Type != enums.FPDF_PAGEOBJ_PATH {
			continue
		}
		b, err := inst.FPDFPageObj_GetBounds(&requests.FPDFPageObj_GetBounds{PageObject: obj.PageObject})
		if err != nil {
			continue
		}
		l, r, bot, top := float64(b.Left), float64(b.Right), float64(b.Bottom), float64(b.Top)
		switch w, h := r-l, top-bot; {
		case h <= 2.5 && w > 3:
			p.hrules = append(p.hrules, pdfRule{at: (top + bot) / 2, from: l, to: r})
		case w <= 2.5 && h > 3:
			p.vrules = append(p.vrules, pdfRule{at: (l + r) / 2, from: bot, to: top})
		}
	}
	return p, nil
}

// pdfBox is a character, a line or a cell and its box, in points from the
// page's bottom left.
type pdfBox struct {
	text                     string
	left, right, top, bottom float64
}

func (b pdfBox) height() float64 { return b.top - b.bottom }
func (b pdfBox) middle() float64 { return (b.top + b.bottom) / 2 }
func (b pdfBox) centre() float64 { return (b.left + b.right) / 2 }

// pdfRule is a horizontal rule at height at from x from to x to, or a
// vertical one at x at from y from to y to.
type pdfRule struct{ at, from, to float64 }

type pdfPage struct {
	chars          []pdfBox
	hrules, vrules []pdfRule
	tabs           []*pdfTable // tables drawn with borders
	lines          []pdfBox    // lines of text outside the tables
}

// pdfTable is a table drawn with borders: its column edges (left to right)
// and row edges (top down).
type pdfTable struct {
	xs, ys []float64
	h, v   []pdfRule
	rows   [][]string
	cont   [][]bool // per row and column: the cell continues the one above
}

const ruleTol = 2.0

// layout returns the page's lines in reading order: text lines top down,
// a paragraph's wrapped lines joined into one, each table row as a "|"
// row. prev is the table read last, on this page or before: a table that
// continues on the next page repeats its header there, which is dropped,
// and a merged cell cut by the page break is carried over.
//
// It also says whether the page ends with a wrapped line of text, which the
// next page's first line may continue.
func (p *pdfPage) layout(prev **pdfTable) ([]string, bool) {
	tables, lines := p.tabs, p.lines
	var items []pdfItem
	right := 0.0
	for _, l := range lines {
		right = math.Max(right, l.right)
	}
	paras := joinParagraphs(lines)
	for _, l := range paras {
		items = append(items, pdfItem{top: l.top, box: l})
	}
	for _, t := range tables {
		t.fill(p.chars)
		for i := range t.rows {
			items = append(items, pdfItem{top: t.ys[i], table: t, row: i})
		}
	}
	return p.order(items, prev, lines, right)
}

// prepare finds the page's tables and its lines of text outside them.
func (p *pdfPage) prepare() {
	p.tabs = p.tables()
	var free []pdfBox
	for _, c := range p.chars {
		in := false
		for _, t := range p.tabs {
			if c.centre() > t.xs[0] && c.centre() < t.xs[len(t.xs)-1] && c.middle() < t.ys[0] && c.middle() > t.ys[len(t.ys)-1] {
				in = true
				break
			}
		}
		if !in {
			free = append(free, c)
		}
	}
	p.lines = mergeBands(charLines(free))
	p.trimCut()
}

// trimCut drops glyphs cut by the page break: a line whose glyphs do not
// fit the page is drawn on both pages, and shows here as a lone letter at
// the top or bottom edge.
func (p *pdfPage) trimCut() {
	lines := p.lines
	for len(lines) > 0 && isCutGlyph(lines[len(lines)-1], lines) {
		lines = lines[:len(lines)-1]
	}
	for len(lines) > 0 && isCutGlyph(lines[0], lines) {
		lines = lines[1:]
	}
	p.lines = lines
}

// dropRunning removes running heads and feet: a line among the two
// highest or two lowest of a page whose text, digits aside ("Trang 3",
// "3/12"), is there on at least half the pages. A browser prints the date,
// title, address and page number so.
func dropRunning(pages []*pdfPage) {
	if len(pages) < 3 {
		return
	}
	key := func(s string) string {
		var b strings.Builder
		digit := false
		for _, r := range s {
			if unicode.IsDigit(r) {
				if !digit {
					b.WriteByte('#')
				}
				digit = true
				continue
			}
			digit = false
			b.WriteRune(r)
		}
		return b.String()
	}
	edges := func(p *pdfPage) []int {
		idx := make([]int, len(p.lines))
		for k := range idx {
			idx[k] = k
		}
		sort.Slice(idx, func(a, b int) bool { return p.lines[idx[a]].top > p.lines[idx[b]].top })
		if len(idx) <= 4 {
			return idx
		}
		return append(idx[:2:2], idx[len(idx)-2:]...)
	}
	count := map[string]int{}
	for _, p := range pages {
		seen := map[string]bool{}
		for _, k := range edges(p) {
			seen[key(p.lines[k].text)] = true
		}
		for s := range seen {
			count[s]++
		}
	}
	for _, p := range pages {
		drop := map[int]bool{}
		for _, k := range edges(p) {
			if count[key(p.lines[k].text)]*2 >= len(pages) {
				drop[k] = true
			}
		}
		var kept []pdfBox
		for k, l := range p.lines {
			if !drop[k] {
				kept = append(kept, l)
			}
		}
		p.lines = kept
		p.trimCut() // the glyphs cut between the text and a running foot
	}
}

// pdfItem is a paragraph or a table row placed on the page.
type pdfItem struct {
	top   float64
	box   pdfBox
	table *pdfTable
	row   int
}

// order writes the page's items top down.
func (p *pdfPage) order(items []pdfItem, prev **pdfTable, lines []pdfBox, right float64) ([]string, bool) {
	sort.SliceStable(items, func(i, j int) bool { return items[i].top > items[j].top })
	var out []string
	for _, it := range items {
		if it.table == nil {
			out = append(out, it.box.text)
			continue
		}
		t := it.table
		row := t.rows[it.row]
		if it.row == 0 && *prev != nil && *prev != t && len((*prev).rows) > 0 && strings.Join((*prev).rows[0], "|") == strings.Join(row, "|") && len(t.rows) > 1 {
			// the header repeated on a new page: the table goes on
			last := (*prev).rows[len((*prev).rows)-1]
			next := t.rows[1]
			for j := range next {
				if next[j] == "" && j < len(last) && j < len(row) && row[j] != "" {
					next[j] = last[j]
					for k := 2; k < len(t.rows) && t.cont[k][j]; k++ {
						t.rows[k][j] = last[j]
					}
				}
			}
			t.rows[0] = (*prev).rows[0]
			*prev = t
			continue
		}
		out = append(out, pipeRow(row, len(row)))
		*prev = t
	}
	wrappedEnd := false
	if n := len(items); n > 0 && items[n-1].table == nil && len(lines) > 0 {
		last, left := lines[0], lines[0].left
		for _, l := range lines {
			if l.bottom < last.bottom {
				last = l
			}
			left = math.Min(left, l.left)
		}
		wrappedEnd = last.right >= right-0.3*(right-left)
	}
	return out, wrappedEnd
}

// mergeBands joins pieces of one line that PDFium gave apart (a page may
// draw a line's runs out of order): pieces on the same baseline with no
// more than a word space between them. Pieces far apart on a baseline (the
// two columns of a letterhead) stay apart.
func mergeBands(lines []pdfBox) []pdfBox {
	for i := 0; i < len(lines); i++ {
		for j := i + 1; j < len(lines); j++ {
			a, b := lines[i], lines[j]
			h := math.Min(a.height(), b.height())
			if !sameBand(a, b) {
				continue
			}
			first, second := a, b
			if b.left < a.left {
				first, second = b, a
			}
			gap := second.left - first.right
			if gap < -0.5*h || gap > 1.2*h {
				continue
			}
			m := first
			m.text = first.text + " " + second.text
			if gap < 0.1*h {
				m.text = first.text + second.text
			}
			m.right = math.Max(first.right, second.right)
			m.top, m.bottom = math.Max(a.top, b.top), math.Min(a.bottom, b.bottom)
			lines[i] = m
			lines = append(lines[:j], lines[j+1:]...)
			j = i
		}
	}
	return lines
}

// sameBand reports whether two pieces sit on one baseline. A flat piece
// (an underscore, a dash) only has to sit within the other's height.
func sameBand(a, b pdfBox) bool {
	if a.height() > b.height() {
		a, b = b, a
	}
	if a.height() < 0.35*b.height() {
		m := a.middle()
		return m >= b.bottom-0.3*b.height() && m <= b.top
	}
	return math.Abs(a.bottom-b.bottom) <= 0.25*a.height()
}

// isCutGlyph reports whether a line is one letter at the page's top or
// bottom edge.
func isCutGlyph(l pdfBox, lines []pdfBox) bool {
	r, n := utf8.DecodeRuneInString(l.text)
	if n != len(l.text) || !unicode.IsLetter(r) {
		return false
	}
	top, bottom := l.top, l.bottom
	for _, x := range lines {
		top, bottom = math.Max(top, x.top), math.Min(bottom, x.bottom)
	}
	return l.top >= top || l.bottom <= bottom
}

// charLines puts characters into lines. PDFium gives them in reading
// order, with the spaces and line ends it infers from their positions; a
// character wholly above or below the current line starts a new one too
// (the characters of a table taken out from between).
func charLines(chars []pdfBox) []pdfBox {
	var out []pdfBox
	var cur *pdfBox
	var b strings.Builder
	end := func() {
		if cur != nil {
			cur.text = strings.Join(strings.Fields(b.String()), " ")
			if cur.text != "" {
				out = append(out, *cur)
			}
		}
		cur = nil
		b.Reset()
	}
	for _, c := range chars {
		// PDFium writes a hyphen that ends a line as \x02.
		c.text = strings.ReplaceAll(c.text, "\x02", "-")
		if strings.ContainsAny(c.text, "\r\n") {
			end()
			continue
		}
		if strings.TrimSpace(c.text) == "" {
			b.WriteByte(' ')
			continue
		}
		if c.height() <= 0 {
			continue
		}
		if cur != nil {
			h := math.Min(c.height(), cur.height())
			if (c.top < cur.bottom+0.1*h || c.bottom > cur.top-0.1*h) && !sameBand(c, *cur) {
				end()
			}
		}
		if cur == nil {
			cc := c
			cur = &cc
		} else {
			cur.left, cur.right = math.Min(cur.left, c.left), math.Max(cur.right, c.right)
			cur.top, cur.bottom = math.Max(cur.top, c.top), math.Min(cur.bottom, c.bottom)
		}
		b.WriteString(c.text)
	}
	end()
	return out
}

// reNewParagraph opens a paragraph whatever the line before looks like.
var reNewParagraph = regexp.MustCompile(`^(Điều \d|Chương [IVXLC\d]|[IVX]+\. |\d+(\.\d+)*\. |[a-zđ]\) |[-+•] )`)

// joinParagraphs joins a paragraph's wrapped lines: a line continues the
// one above when it follows at the page's usual line pitch (no space
// between paragraphs) and the line above runs to the right edge of the text
// (it was wrapped, not ended).
func joinParagraphs(lines []pdfBox) []pdfBox {
	if len(lines) == 0 {
		return nil
	}
	left, right := lines[0].left, lines[0].right
	var pitches []float64
	for k, l := range lines {
		left, right = math.Min(left, l.left), math.Max(right, l.right)
		if k > 0 {
			if d := lines[k-1].bottom - l.bottom; d > 0 {
				pitches = append(pitches, d)
			}
		}
	}
	if len(pitches) == 0 {
		return lines
	}
	// The usual pitch is the page's line pitch when most lines are wrapped
	// lines, but the pitch of paragraphs on a page of one-line paragraphs:
	// a line's own height bounds it.
	sort.Float64s(pitches)
	heights := make([]float64, len(lines))
	for k, l := range lines {
		heights[k] = l.height()
	}
	sort.Float64s(heights)
	pitch := math.Min(1.35*pitches[len(pitches)/4], 1.6*heights[len(heights)/2])
	out := []pdfBox{lines[0]}
	for k, l := range lines[1:] {
		above := lines[k]
		p := &out[len(out)-1]
		d := above.bottom - l.bottom
		if d > 0 && d < pitch && wrapped(above, l, right) && !reNewParagraph.MatchString(l.text) {
			p.text = joinPDFWrapped(p.text, l.text)
			p.bottom = l.bottom
			continue
		}
		out = append(out, l)
	}
	return out
}

// joinPDFWrapped joins a wrapped line to the next: with a space, except after
// a hyphen inside a word, where a browser or word processor may break a
// number ("83/2025/QĐ-" / "UBND").
func joinPDFWrapped(a, b string) string {
	if n := len(a); n >= 2 && a[n-1] == '-' && a[n-2] != ' ' {
		return a + b
	}
	return a + " " + b
}

// wrapped reports whether the line above was wrapped before next: the
// first word of next would not have fitted between its end and the right
// edge of the text.
func wrapped(above, next pdfBox, right float64) bool {
	n := utf8.RuneCountInString(next.text)
	if n == 0 {
		return false
	}
	avg := (next.right - next.left) / float64(n)
	word := next.text
	if i := strings.IndexByte(word, ' '); i > 0 {
		word = word[:i]
	}
	return above.right+float64(utf8.RuneCountInString(word)+1)*avg > right-1.5*avg
}

// tables finds the tables drawn with borders on the page: groups of
// horizontal and vertical rules that cross one another.
func (p *pdfPage) tables() []*pdfTable {
	nh := len(p.hrules)
	parent := make([]int, nh+len(p.vrules))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i, h := range p.hrules {
		for j, v := range p.vrules {
			if v.at >= h.from-ruleTol && v.at <= h.to+ruleTol && h.at >= v.from-ruleTol && h.at <= v.to+ruleTol {
				parent[find(i)] = find(nh + j)
			}
		}
	}
	groups := map[int]*pdfTable{}
	var order []int
	for i := range parent {
		r := find(i)
		t := groups[r]
		if t == nil {
			t = &pdfTable{}
			groups[r] = t
			order = append(order, r)
		}
		if i < nh {
			t.h = append(t.h, p.hrules[i])
		} else {
			t.v = append(t.v, p.vrules[i-nh])
		}
	}
	var out []*pdfTable
	for _, r := range order {
		t := groups[r]
		for _, v := range t.v {
			t.xs = append(t.xs, v.at)
		}
		for _, h := range t.h {
			t.ys = append(t.ys, h.at)
		}
		t.xs, t.ys = edges(t.xs, false), edges(t.ys, true)
		if len(t.xs) >= 3 && len(t.ys) >= 2 && len(t.xs) <= maxTableColumns+1 {
			out = append(out, t)
		}
	}
	return out
}

// edges sorts positions and folds those closer than the tolerance.
func edges(xs []float64, down bool) []float64 {
	sort.Float64s(xs)
	var out []float64
	for _, x := range xs {
		if len(out) == 0 || x-out[len(out)-1] > ruleTol {
			out = append(out, x)
		}
	}
	if down {
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
	}
	return out
}

// ruled reports whether a rule of rs at position at covers the point mid.
func ruled(rs []pdfRule, at, mid float64) bool {
	for _, r := range rs {
		if math.Abs(r.at-at) <= ruleTol && r.from <= mid && r.to >= mid {
			return true
		}
	}
	return false
}

// merged reports whether grid cell (i, j) continues the cell above it (no
// rule between them).
func (t *pdfTable) merged(i, j int) bool {
	return i > 0 && !ruled(t.h, t.ys[i], (t.xs[j]+t.xs[j+1])/2)
}

// spansLeft reports whether grid cell (i, j) is part of the cell to its
// left. A cell that continues the one above is as wide as it: a browser
// draws the side borders of a cell merged over rows in its first row only.
func (t *pdfTable) spansLeft(i, j int) bool {
	for i > 0 && t.merged(i, j) {
		i--
	}
	return j > 0 && !ruled(t.v, t.xs[j], (t.ys[i]+t.ys[i+1])/2)
}

// fill reads the table's cells from the characters inside them: a cell
// merged over rows is copied into each of its rows, a cell merged over
// columns fills the first.
func (t *pdfTable) fill(chars []pdfBox) {
	rows, cols := len(t.ys)-1, len(t.xs)-1
	anchor := func(i, j int) (int, int) {
		for {
			switch {
			case t.spansLeft(i, j):
				j--
			case t.merged(i, j):
				i--
			default:
				return i, j
			}
		}
	}
	cells := make([][]pdfBox, rows*cols)
	for _, c := range chars {
		x, y := c.centre(), c.middle()
		i := sort.Search(rows, func(k int) bool { return t.ys[k+1] < y })
		j := sort.Search(cols, func(k int) bool { return t.xs[k+1] > x })
		if i >= rows || j >= cols || y > t.ys[0] || x < t.xs[0] {
			continue
		}
		ai, aj := anchor(i, j)
		cells[ai*cols+aj] = append(cells[ai*cols+aj], c)
	}
	t.rows = make([][]string, rows)
	t.cont = make([][]bool, rows)
	for i := 0; i < rows; i++ {
		t.rows[i] = make([]string, cols)
		t.cont[i] = make([]bool, cols)
		for j := 0; j < cols; j++ {
			if t.spansLeft(i, j) {
				continue
			}
			t.cont[i][j] = t.merged(i, j)
			ai, aj := anchor(i, j)
			text := ""
			for k, l := range charLines(cells[ai*cols+aj]) {
				if k == 0 {
					text = l.text
				} else {
					text = joinPDFWrapped(text, l.text)
				}
			}
			t.rows[i][j] = text
		}
	}
	// a row with no text (a rule drawn twice) is no row
	var kept [][]string
	var cont [][]bool
	var ys []float64
	for i, r := range t.rows {
		if strings.Join(r, "") != "" {
			kept = append(kept, r)
			cont = append(cont, t.cont[i])
			ys = append(ys, t.ys[i])
		}
	}
	t.rows, t.cont = kept, cont
	t.ys = append(ys, t.ys[len(t.ys)-1])
}

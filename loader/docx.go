package loader

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// A .docx is a zip archive of XML parts. The loader reads the main part
// (word/document.xml) and the numbering definitions (word/numbering.xml)
// into the same lines a plain-text export would give: one line per
// paragraph, with the numbers Word generates ("Điều 5.", "1.", "a)") written
// out, and one "|" row per table row, merged cells resolved. An archive is
// untrusted input: the limits below stop a zip bomb or a deeply nested XML
// before they exhaust memory.
const (
	maxDocxEntries   = 10000
	maxDocxUnpacked  = 50 << 20 // bytes, all parts read together
	maxXMLDepth      = 256
	maxXMLElements   = 2000000
	maxTableColumns  = 64
	maxNumberingLvls = 9
)

// docxToText converts a Word document into text lines.
func docxToText(name string, data []byte) ([]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &InputError{File: name, Msg: "not a readable .docx (broken zip archive): " + err.Error()}
	}
	if len(zr.File) > maxDocxEntries {
		return nil, &InputError{File: name, Msg: fmt.Sprintf("a .docx with %d parts (more than %d): refused", len(zr.File), maxDocxEntries)}
	}
	budget := int64(maxDocxUnpacked)
	part := func(path string) (*xnode, error) {
		for _, f := range zr.File {
			if f.Name != path {
				continue
			}
			bomb := &InputError{File: name, Msg: fmt.Sprintf("unpacks to more than %d MB (a zip bomb?): refused", maxDocxUnpacked>>20)}
			if f.UncompressedSize64 > uint64(budget) {
				return nil, bomb
			}
			rc, err := f.Open()
			if err != nil {
				return nil, &InputError{File: name, Msg: fmt.Sprintf("cannot open %s in the archive: %v", path, err)}
			}
			defer rc.Close()
			// The size the archive declares may lie: count what is read.
			lr := &io.LimitedReader{R: rc, N: budget + 1}
			root, err := parseXMLTree(lr)
			used := budget + 1 - lr.N
			if used > budget {
				return nil, bomb
			}
			budget -= used
			if err != nil {
				return nil, &InputError{File: name, Msg: fmt.Sprintf("%s: %v", path, err)}
			}
			return root, nil
		}
		return nil, nil
	}
	doc, err := part("word/document.xml")
	if err != nil {
		return nil, err
	}
	if doc == nil {
		return nil, &InputError{File: name, Msg: "not a Word document: the archive has no word/document.xml"}
	}
	numXML, err := part("word/numbering.xml")
	if err != nil {
		return nil, err
	}
	stylesXML, err := part("word/styles.xml")
	if err != nil {
		return nil, err
	}
	w := &docxWriter{num: readNumbering(numXML), counters: map[string][]int{}, styles: readStyleNumbering(stylesXML)}
	body := doc.child("body")
	if body == nil {
		return nil, &InputError{File: name, Msg: "not a Word document: word/document.xml has no body"}
	}
	w.blocks(body)
	return w.lines, nil
}

// xnode is an XML element: its local name, attributes by local name, its
// children, and in order its children and the text directly inside it
// (kept for text elements only).
type xnode struct {
	name  string
	attr  map[string]string
	kids  []*xnode
	order []any // children and text runs in document order (*xnode or string)
}

func (n *xnode) child(name string) *xnode {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// val returns the w:val attribute of a child element ("" and false when the
// child is missing).
func (n *xnode) val(name string) (string, bool) {
	c := n.child(name)
	if c == nil {
		return "", false
	}
	return c.attr["val"], true
}

var errXMLTooDeep = errors.New("XML nested deeper than the limit: refused")

// parseXMLTree reads an XML part into a tree, refusing nesting deeper than
// maxXMLDepth and more than maxXMLElements elements.
func parseXMLTree(r io.Reader) (*xnode, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	root := &xnode{name: "#root"}
	stack := []*xnode{root}
	elements := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("broken XML: %w", err)
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) > maxXMLDepth {
				return nil, errXMLTooDeep
			}
			elements++
			if elements > maxXMLElements {
				return nil, errors.New("XML with too many elements: refused")
			}
			n := &xnode{name: t.Name.Local}
			if len(t.Attr) > 0 {
				n.attr = map[string]string{}
				for _, a := range t.Attr {
					n.attr[a.Name.Local] = a.Value
				}
			}
			top.kids = append(top.kids, n)
			top.order = append(top.order, n)
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if top.name == "t" || top.name == "instrText" || top.name == "delText" {
				top.order = append(top.order, string(t))
			}
		}
	}
	if len(root.kids) == 0 {
		return nil, errors.New("no XML element")
	}
	return root.kids[0], nil
}

// numLevel is one level of a Word list: how its number is written.
type numLevel struct {
	start   int
	format  string // decimal, lowerLetter, upperRoman, bullet, …
	text    string // "Điều %1.", "%1.", "%2)"
	isLegal bool
}

// numbering holds a document's list definitions: for each list instance
// (w:num), its levels and the levels whose start it overrides.
type numbering struct {
	levels     map[string][]numLevel // numId → levels
	override   map[string]map[int]int
	styleLevel map[string]map[string]int // numId → paragraph style → the level that style takes
}

func readNumbering(root *xnode) *numbering {
	nb := &numbering{levels: map[string][]numLevel{}, override: map[string]map[int]int{}, styleLevel: map[string]map[string]int{}}
	styleLevel := map[string]map[string]int{}
	if root == nil {
		return nb
	}
	abstract := map[string][]numLevel{}
	for _, a := range root.kids {
		if a.name != "abstractNum" {
			continue
		}
		lv := make([]numLevel, maxNumberingLvls)
		for i := range lv {
			lv[i] = numLevel{start: 1, format: "decimal"}
		}
		for _, l := range a.kids {
			if l.name != "lvl" {
				continue
			}
			i, err := strconv.Atoi(l.attr["ilvl"])
			if err != nil || i < 0 || i >= maxNumberingLvls {
				continue
			}
			if s, ok := l.val("start"); ok {
				if n, err := strconv.Atoi(s); err == nil && n >= 0 && n < 1e6 {
					lv[i].start = n
				}
			}
			if s, ok := l.val("numFmt"); ok {
				lv[i].format = s
			}
			if s, ok := l.val("lvlText"); ok {
				lv[i].text = s
			}
			if l.child("isLgl") != nil {
				lv[i].isLegal = true
			}
			if s, ok := l.val("pStyle"); ok {
				if styleLevel[a.attr["abstractNumId"]] == nil {
					styleLevel[a.attr["abstractNumId"]] = map[string]int{}
				}
				styleLevel[a.attr["abstractNumId"]][s] = i
			}
		}
		abstract[a.attr["abstractNumId"]] = lv
	}
	for _, n := range root.kids {
		if n.name != "num" {
			continue
		}
		id := n.attr["numId"]
		if a, ok := n.val("abstractNumId"); ok {
			nb.levels[id] = abstract[a]
			nb.styleLevel[id] = styleLevel[a]
		}
		for _, o := range n.kids {
			if o.name != "lvlOverride" {
				continue
			}
			i, err := strconv.Atoi(o.attr["ilvl"])
			if s, ok := o.val("startOverride"); ok && err == nil && i >= 0 && i < maxNumberingLvls {
				if v, err := strconv.Atoi(s); err == nil && v >= 0 && v < 1e6 {
					if nb.override[id] == nil {
						nb.override[id] = map[int]int{}
					}
					nb.override[id][i] = v
				}
			}
		}
	}
	return nb
}

// styleNum is the list a paragraph style puts its paragraphs in.
type styleNum struct {
	numID, ilvl, basedOn string
}

type styleNumbering map[string]styleNum

// readStyleNumbering reads the numbering of each paragraph style.
func readStyleNumbering(root *xnode) styleNumbering {
	out := styleNumbering{}
	if root == nil {
		return out
	}
	for _, s := range root.kids {
		if s.name != "style" {
			continue
		}
		var sn styleNum
		sn.basedOn, _ = s.val("basedOn")
		np := s.child("pPr").child("numPr")
		sn.numID, _ = np.val("numId")
		sn.ilvl, _ = np.val("ilvl")
		out[s.attr["styleId"]] = sn
	}
	return out
}

// num returns a style's numbering, inherited from the style it is based
// on when it has none of its own.
func (st styleNumbering) num(style string) styleNum {
	for i := 0; i < 16 && style != ""; i++ {
		sn, ok := st[style]
		if !ok {
			break
		}
		if sn.numID != "" {
			return sn
		}
		style = sn.basedOn
	}
	return styleNum{}
}

// docxWriter walks a document body and collects its lines.
type docxWriter struct {
	styles   styleNumbering
	num      *numbering
	counters map[string][]int // numId → the current number at each level (0: not started)
	lines    []string
}

// blocks writes the paragraphs and tables of a body, a cell or a content
// control, in order.
func (w *docxWriter) blocks(n *xnode) {
	for _, k := range n.kids {
		switch k.name {
		case "p":
			for _, l := range strings.Split(w.paragraph(k), "\n") {
				if strings.TrimSpace(l) != "" {
					w.lines = append(w.lines, l)
				}
			}
		case "tbl":
			w.table(k)
		case "sdt":
			if c := k.child("sdtContent"); c != nil {
				w.blocks(c)
			}
		case "customXml", "ins", "smartTag":
			w.blocks(k)
		}
	}
}

// paragraph returns a paragraph's text, with its list number in front when
// Word generates it and the text does not already start with it. A line
// break inside the paragraph is kept as "\n".
func (w *docxWriter) paragraph(p *xnode) string {
	var b strings.Builder
	runText(p, &b)
	text := b.String()
	label := w.label(p.child("pPr"))
	if label != "" && !strings.HasPrefix(strings.TrimSpace(text), label) {
		text = label + " " + text
	}
	return text
}

// runText collects the visible text under n: text runs, tabs and breaks,
// inserted text; not deleted text, field codes, or the duplicate fallback
// of alternate content.
func runText(n *xnode, b *strings.Builder) {
	for _, o := range n.order {
		if s, ok := o.(string); ok {
			if n.name == "t" {
				b.WriteString(s)
			}
			continue
		}
		k := o.(*xnode)
		switch k.name {
		case "t":
			runText(k, b)
		case "tab", "ptab":
			b.WriteByte(' ')
		case "br", "cr":
			b.WriteByte('\n')
		case "noBreakHyphen":
			b.WriteByte('-')
		case "del", "instrText", "delText", "pPr", "rPr", "fldData", "txbxContent", "footnoteReference", "endnoteReference", "commentReference":
			// not part of the paragraph's visible text
		case "AlternateContent":
			if c := k.child("Choice"); c != nil {
				runText(c, b)
			}
		case "tbl", "p":
			// a nested block (text box): its own line
			b.WriteByte('\n')
			runText(k, b)
			b.WriteByte('\n')
		default:
			runText(k, b)
		}
	}
}

// label returns the number Word shows before a list paragraph ("Điều 5.",
// "2.", "b)"), advancing the list's counters; "" for a paragraph outside a
// list. Bullets come out as "-".
//
// A paragraph is in a list by its own numbering (w:numPr) or by its style's
// ("Điều %1." on a heading style); a level of a list may name the style
// that uses it.
func (w *docxWriter) label(ppr *xnode) string {
	np := ppr.child("numPr")
	id, _ := np.val("numId")
	ilvl, _ := np.val("ilvl")
	if id == "" {
		style, _ := ppr.val("pStyle")
		sn := w.styles.num(style)
		id = sn.numID
		if ilvl == "" {
			ilvl = sn.ilvl
		}
		if l, ok := w.num.styleLevel[id][style]; ok {
			ilvl = strconv.Itoa(l)
		}
	}
	levels := w.num.levels[id]
	if id == "" || id == "0" || levels == nil {
		return ""
	}
	lvl := 0
	if n, err := strconv.Atoi(ilvl); err == nil && n >= 0 && n < maxNumberingLvls {
		lvl = n
	}
	c := w.counters[id]
	if c == nil {
		c = make([]int, maxNumberingLvls)
		w.counters[id] = c
	}
	if c[lvl] == 0 {
		c[lvl] = levels[lvl].start
		if v, ok := w.num.override[id][lvl]; ok {
			c[lvl] = v
		}
	} else {
		c[lvl]++
	}
	for i := lvl + 1; i < maxNumberingLvls; i++ {
		c[i] = 0
	}
	l := levels[lvl]
	if l.format == "bullet" {
		switch l.text {
		case "-", "+", "–", "*":
			return l.text
		}
		return "-"
	}
	if l.format == "none" {
		return strings.TrimSpace(stripPlaceholders(l.text))
	}
	var b strings.Builder
	t := l.text
	for i := 0; i < len(t); i++ {
		if t[i] == '%' && i+1 < len(t) && t[i+1] >= '1' && t[i+1] <= '9' {
			k := int(t[i+1] - '1')
			f := levels[k].format
			if l.isLegal {
				f = "decimal"
			}
			n := c[k]
			if n == 0 {
				n = levels[k].start
			}
			b.WriteString(formatNumber(n, f))
			i++
			continue
		}
		b.WriteByte(t[i])
	}
	return strings.TrimSpace(b.String())
}

func stripPlaceholders(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+1 < len(s) && s[i+1] >= '1' && s[i+1] <= '9' {
			i++
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// formatNumber writes n in a Word number format.
func formatNumber(n int, format string) string {
	switch format {
	case "lowerLetter", "upperLetter":
		if n < 1 {
			return strconv.Itoa(n)
		}
		// Word repeats the letter past z: aa, bb, …
		s := strings.Repeat(string(rune('a'+(n-1)%26)), (n-1)/26+1)
		if format == "upperLetter" {
			s = strings.ToUpper(s)
		}
		return s
	case "lowerRoman":
		return strings.ToLower(roman(n))
	case "upperRoman":
		return roman(n)
	case "decimalZero":
		if n < 10 {
			return "0" + strconv.Itoa(n)
		}
	}
	return strconv.Itoa(n)
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// table writes a table as "|" rows. A cell spanning columns (w:gridSpan)
// fills its first column and leaves the others empty; a cell that continues
// a vertical merge (w:vMerge without "restart") takes the value of the cell
// above, as the reader of the printed table sees it. A table of one column
// is a box around text, not a table: its paragraphs are written as lines.
func (w *docxWriter) table(t *xnode) {
	var rows [][]string
	var merged [][]bool
	cols := 0
	for _, tr := range t.kids {
		if tr.name != "tr" {
			continue
		}
		var row []string
		var cont []bool
		if trPr := tr.child("trPr"); trPr != nil {
			if s, ok := trPr.val("gridBefore"); ok {
				n, _ := strconv.Atoi(s)
				for i := 0; i < n && i < maxTableColumns; i++ {
					row, cont = append(row, ""), append(cont, false)
				}
			}
		}
		for _, tc := range docxRowCells(tr) {
			span := 1
			tcPr := tc.child("tcPr")
			if s, ok := tcPr.val("gridSpan"); ok {
				if n, err := strconv.Atoi(s); err == nil && n > 1 && n <= maxTableColumns {
					span = n
				}
			}
			isCont := false
			if vm := tcPr.child("vMerge"); vm != nil && vm.attr["val"] != "restart" {
				isCont = true
			}
			sub := &docxWriter{num: w.num, counters: w.counters, styles: w.styles}
			sub.blocks(tc)
			text := strings.Join(sub.lines, " ")
			for i := 0; i < span && len(row) < maxTableColumns; i++ {
				if i == 0 {
					row = append(row, text)
				} else {
					row = append(row, "")
				}
				cont = append(cont, isCont)
			}
		}
		rows = append(rows, row)
		merged = append(merged, cont)
		cols = max(cols, len(row))
	}
	if cols <= 1 {
		for _, r := range rows {
			for _, c := range r {
				if strings.TrimSpace(c) != "" {
					w.lines = append(w.lines, c)
				}
			}
		}
		return
	}
	for i, r := range rows {
		for j := range r {
			if merged[i][j] && i > 0 && j < len(rows[i-1]) {
				r[j] = rows[i-1][j]
			}
		}
		w.lines = append(w.lines, pipeRow(r, cols))
	}
}

// docxRowCells returns a row's cells, looking through content controls and
// custom XML around them.
func docxRowCells(tr *xnode) []*xnode {
	var out []*xnode
	for _, k := range tr.kids {
		switch k.name {
		case "tc":
			out = append(out, k)
		case "sdt":
			if c := k.child("sdtContent"); c != nil {
				out = append(out, docxRowCells(c)...)
			}
		case "customXml":
			out = append(out, docxRowCells(k)...)
		}
	}
	return out
}

// pipeRow writes cells as a "|" row of n cells; a "|" inside a cell becomes
// "/" so that it does not split the cell.
func pipeRow(cells []string, n int) string {
	var b strings.Builder
	b.WriteString("|")
	for i := 0; i < n; i++ {
		c := ""
		if i < len(cells) {
			c = strings.Join(strings.Fields(strings.ReplaceAll(cells[i], "|", "/")), " ")
		}
		b.WriteString(" " + c + " |")
	}
	return b.String()
}

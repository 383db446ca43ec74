package loader

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// A page saved from a legal portal holds the document inside the site's
// frame: menus, banners, search boxes, lists of related documents, lines
// asking the reader to log in or pay. htmlToText keeps the document: the
// page's main element when it has one, without the parts whose element,
// role, id or class says they are the frame, and without the lines a
// paywall adds. Tables become "|" rows with rowspan and colspan resolved
// (a cell spanning rows is copied into each, as in a .docx).
const (
	maxHTMLSize  = 20 << 20
	maxHTMLDepth = 512
	maxRowSpan   = 1000
)

// frameTags never hold the document's text.
var frameTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Nav: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Button: true,
	atom.Select: true, atom.Iframe: true, atom.Svg: true, atom.Head: true, atom.Input: true,
	atom.Textarea: true, atom.Object: true, atom.Embed: true, atom.Canvas: true, atom.Menu: true,
	atom.Dialog: true,
}

// frameWords in an id or class mark a part of the site's frame.
var frameWords = []string{
	"menu", "nav", "banner", "breadcrumb", "related", "lienquan", "lien-quan", "footer", "header",
	"sidebar", "login", "dangnhap", "paywall", "share", "social", "advert", "quangcao", "comment",
	"cookie", "search", "timkiem", "popup", "modal", "toolbar", "tienich", "rating",
}

// frameRoles are ARIA roles of the frame.
var frameRoles = map[string]bool{"navigation": true, "banner": true, "contentinfo": true, "search": true, "complementary": true, "dialog": true}

// paywallPhrases mark a short line the portal adds for readers who have not
// paid or logged in (lower case).
var paywallPhrases = []string{"đăng nhập", "nâng cấp tài khoản", "gói dịch vụ", "xem toàn văn", "xem đầy đủ", "tải văn bản", "tải về", "thành viên vip", "hotline"}

// blockTags end a line before and after them.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Section: true, atom.Article: true,
	atom.Main: true, atom.Blockquote: true, atom.Pre: true, atom.Dt: true, atom.Dd: true, atom.Dl: true,
	atom.Center: true, atom.Address: true, atom.Hr: true, atom.Figure: true, atom.Figcaption: true,
	atom.Caption: true, atom.Body: true,
}

// htmlToText converts a saved web page into text lines.
func htmlToText(name string, data []byte) ([]string, error) {
	if len(data) > maxHTMLSize {
		return nil, &InputError{File: name, Msg: fmt.Sprintf("an HTML page of more than %d MB: refused", maxHTMLSize>>20)}
	}
	r, err := charset.NewReader(bytes.NewReader(data), "text/html")
	if err != nil {
		return nil, &InputError{File: name, Msg: "unknown character set: " + err.Error()}
	}
	text, err := io.ReadAll(io.LimitReader(r, 4*maxHTMLSize))
	if err != nil {
		return nil, &InputError{File: name, Msg: "cannot decode the page: " + err.Error()}
	}
	if depth := htmlDepth(text); depth > maxHTMLDepth {
		return nil, &InputError{File: name, Msg: fmt.Sprintf("HTML nested deeper than %d elements: refused", maxHTMLDepth)}
	}
	doc, err := html.Parse(bytes.NewReader(text))
	if err != nil {
		return nil, &InputError{File: name, Msg: "not readable HTML: " + err.Error()}
	}
	root := mainElement(doc, 0)
	if root == nil {
		root = doc
	}
	w := &htmlWriter{}
	w.walk(root, 0)
	w.flush()
	var out []string
	for _, l := range w.lines {
		if !isPaywallLine(l) {
			out = append(out, l)
		}
	}
	return out, nil
}

// impliedEnd are elements a page often leaves open: the parser closes them
// at the next of their kind, so they do not count towards the depth.
var impliedEnd = map[atom.Atom]bool{
	atom.P: true, atom.Li: true, atom.Td: true, atom.Th: true, atom.Tr: true, atom.Option: true,
	atom.Dt: true, atom.Dd: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true, atom.Colgroup: true,
}

// htmlDepth returns how deep a page nests its elements, counted on the
// tokens before parsing: the HTML parser takes time in the square of the
// depth, so a page nested thousands deep is refused before it is parsed.
func htmlDepth(text []byte) int {
	z := html.NewTokenizer(bytes.NewReader(text))
	depth, most := 0, 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return most
		case html.StartTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if impliedEnd[a] || isVoid(a) {
				continue
			}
			depth++
			most = max(most, depth)
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if !impliedEnd[a] && !isVoid(a) && depth > 0 {
				depth--
			}
		}
	}
}

func isVoid(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input, atom.Link, atom.Meta, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}

// mainElement finds the page's <main>, <article> or role="main" element,
// where a portal puts the document.
func mainElement(n *html.Node, depth int) *html.Node {
	if depth > maxHTMLDepth {
		return nil
	}
	if n.Type == html.ElementNode && (n.DataAtom == atom.Main || n.DataAtom == atom.Article || attr(n, "role") == "main") {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if isFrame(c) {
			continue
		}
		if m := mainElement(c, depth+1); m != nil {
			return m
		}
	}
	return nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// isFrame reports whether an element is part of the site, not the document.
func isFrame(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return n.Type == html.CommentNode
	}
	if frameTags[n.DataAtom] || frameRoles[attr(n, "role")] {
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "style":
			s := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		case "id", "class":
			v := strings.ToLower(a.Val)
			for _, w := range frameWords {
				if strings.Contains(v, w) {
					return true
				}
			}
		}
	}
	return false
}

func isPaywallLine(l string) bool {
	if len(l) > 160 {
		return false
	}
	f := strings.ToLower(l)
	for _, p := range paywallPhrases {
		if strings.Contains(f, p) {
			return true
		}
	}
	return false
}

// htmlWriter collects lines; cur is the line being written.
type htmlWriter struct {
	lines []string
	cur   strings.Builder
}

func (w *htmlWriter) flush() {
	if t := strings.Join(strings.Fields(w.cur.String()), " "); t != "" {
		w.lines = append(w.lines, t)
	}
	w.cur.Reset()
}

func (w *htmlWriter) walk(n *html.Node, depth int) {
	if depth > maxHTMLDepth {
		return
	}
	switch n.Type {
	case html.TextNode:
		w.cur.WriteString(n.Data)
		return
	case html.ElementNode:
		if isFrame(n) {
			return
		}
		switch n.DataAtom {
		case atom.Br:
			w.flush()
			return
		case atom.Table:
			w.flush()
			w.table(n, depth)
			return
		case atom.Td, atom.Th:
			w.cur.WriteByte(' ')
		}
	case html.DocumentNode:
	default:
		return
	}
	block := n.Type == html.ElementNode && (blockTags[n.DataAtom] || n.DataAtom == atom.Tr)
	if block {
		w.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, depth+1)
	}
	if block {
		w.flush()
	}
}

// table writes a table as "|" rows. A table that holds another table, or
// has one column, lays out the page rather than data: its cells are
// written as lines.
func (w *htmlWriter) table(t *html.Node, depth int) {
	var rows [][]*html.Node
	layout := false
	var visit func(n *html.Node, d int)
	visit = func(n *html.Node, d int) {
		if d > maxHTMLDepth {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || isFrame(c) {
				continue
			}
			switch c.DataAtom {
			case atom.Thead, atom.Tbody, atom.Tfoot:
				visit(c, d+1)
			case atom.Tr:
				var cells []*html.Node
				for td := c.FirstChild; td != nil; td = td.NextSibling {
					if td.Type == html.ElementNode && (td.DataAtom == atom.Td || td.DataAtom == atom.Th) && !isFrame(td) {
						cells = append(cells, td)
						if hasTable(td, d) {
							layout = true
						}
					}
				}
				rows = append(rows, cells)
			}
		}
	}
	visit(t, depth)
	cols := 0
	for _, r := range rows {
		n := 0
		for _, c := range r {
			n += htmlSpan(c, "colspan", maxTableColumns)
		}
		cols = max(cols, n)
	}
	if layout || cols <= 1 {
		for _, r := range rows {
			for _, c := range r {
				w.walk(c, depth+1)
				w.flush()
			}
		}
		return
	}
	cols = min(cols, maxTableColumns)
	type pending struct {
		text string
		left int
	}
	carry := make([]pending, cols)
	for _, r := range rows {
		row := make([]string, 0, cols)
		col := 0
		fill := func() {
			for col < cols && carry[col].left > 0 {
				row = append(row, carry[col].text)
				carry[col].left--
				col++
			}
		}
		for _, c := range r {
			fill()
			if col >= cols {
				break
			}
			sub := &htmlWriter{}
			for k := c.FirstChild; k != nil; k = k.NextSibling {
				sub.walk(k, depth+1)
			}
			sub.flush()
			text := strings.Join(sub.lines, " ")
			cs, rs := htmlSpan(c, "colspan", cols-col), htmlSpan(c, "rowspan", maxRowSpan)
			for i := 0; i < cs; i++ {
				v := ""
				if i == 0 {
					v = text
				}
				row = append(row, v)
				if rs > 1 {
					carry[col] = pending{text: v, left: rs - 1}
				}
				col++
			}
		}
		fill()
		for col < cols {
			// a short row: cells still spanning from above, else empty
			if carry[col].left > 0 {
				fill()
				continue
			}
			row = append(row, "")
			col++
		}
		w.lines = append(w.lines, pipeRow(row, cols))
	}
}

// htmlSpan reads a colspan or rowspan attribute, between 1 and most.
func htmlSpan(n *html.Node, key string, most int) int {
	v, err := strconv.Atoi(strings.TrimSpace(attr(n, key)))
	if err != nil || v < 1 {
		return 1
	}
	return max(1, min(v, most))
}

func hasTable(n *html.Node, depth int) bool {
	if depth > maxHTMLDepth {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Table || hasTable(c, depth+1)) {
			return true
		}
	}
	return false
}

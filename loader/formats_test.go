package loader

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/regnet/regnet"
)

// The bundled documents are plain text. The tests write each of them as a
// Word file (paragraphs, Word-generated numbering for Điều / khoản / điểm
// and Roman sections, the 2026–2030 plan's appendix as a table with
// vertically merged cells) and as a page of a legal portal (menus, banner,
// related documents, a paywall line; the appendix as a table with rowspan),
// and check that each parses to the same facts as the text.

// bundled returns the bundled documents' names and normalised lines.
func bundled(t testing.TB) map[string][]Line {
	files, err := filepath.Glob(filepath.Join("..", "data", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no bundled documents: %v", err)
	}
	out := map[string][]Line{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src, err := normalise(filepath.Base(f), data)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = src.lines
	}
	return out
}

// docParts splits a document's lines into the text before its appendix
// table, the table's rows (read by the text reader) and nothing after: the
// appendix table runs to the end of the bundled plan. Documents without a
// PDF-extracted appendix table come back whole.
func docParts(lines []Line) (before []string, rows []appendixRow) {
	header := -1
	for i, l := range lines {
		if i > 10 && reAppendixHead.MatchString(l.Text) {
			for j := i + 1; j < len(lines) && j < i+12; j++ {
				if strings.HasPrefix(regnet.Fold(lines[j].Text), "nhiem vu") {
					header = j
					break
				}
			}
			if header >= 0 {
				rows, _ = parseAppendix(lines[i:], ontologyAgencyStart(DefaultOntology()))
			}
			break
		}
	}
	end := len(lines)
	if header >= 0 && len(rows) > 0 {
		end = header
	} else {
		rows = nil
	}
	for _, l := range lines[:end] {
		before = append(before, l.Text)
	}
	return before, rows
}

// appendixColumns are the appendix table's header cells, as printed.
var appendixColumns = []string{"NHIỆM VỤ, GIẢI PHÁP", "HÀNH ĐỘNG CỤ THỂ", "THỜI HẠN", "KẾT QUẢ", "CƠ QUAN CHỦ TRÌ", "CƠ QUAN PHỐI HỢP"}

// appendixCells returns a row's cells and, per cell, whether it continues
// the cell above (a merged cell).
func appendixCells(rows []appendixRow, i int) ([]string, []bool) {
	r := rows[i]
	text := r.Text
	if r.Bullet != "" {
		text = r.Bullet + " " + text
	}
	cells := []string{r.GroupTitle, text, r.Deadline, r.Output, r.Leads, r.Coordinators}
	first := i == 0 || rows[i-1].Group != r.Group
	merged := []bool{!first, false, r.DeadlineInherited && !first, r.OutputInherited && !first, r.LeadsInherited && !first, r.CoordinatorsInherited && !first}
	return cells, merged
}

// --- a small .docx writer ---

// numberedLine recognises the numbers Word would generate: the list kind,
// its level text, number format and value, and the text after the number.
var numberedKinds = []struct {
	re     *regexp.Regexp
	format string
}{
	{regexp.MustCompile(`^(Điều )(\d+)([.:]) (.+)$`), "decimal"},
	{regexp.MustCompile(`^()([IVX]+)(\.) (.+)$`), "upperRoman"},
	{regexp.MustCompile(`^()(\d+)(\.) (.+)$`), "decimal"},
	{regexp.MustCompile(`^()([a-d])(\)) (.+)$`), "lowerLetter"},
}

type docxList struct {
	abstract int
	num      int // current w:num
	next     int // the number Word would give next
}

type docxDoc struct {
	body     strings.Builder
	numbers  strings.Builder // w:num elements
	abstract strings.Builder
	lists    map[string]*docxList
	nums     int
}

func newDocx() *docxDoc { return &docxDoc{lists: map[string]*docxList{}} }

func xmlText(s string) string {
	var b bytes.Buffer
	_ = xmlEscape(&b, s)
	return b.String()
}

func xmlEscape(b *bytes.Buffer, s string) error {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	_, err := b.WriteString(r.Replace(s))
	return err
}

// para writes a paragraph; a numbered line becomes a list paragraph whose
// number Word generates.
func (d *docxDoc) para(text string) {
	for _, k := range numberedKinds {
		m := k.re.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		value := 0
		switch k.format {
		case "decimal":
			fmt.Sscan(m[2], &value)
		case "lowerLetter":
			value = int(m[2][0]-'a') + 1
		case "upperRoman":
			value = romanValue(m[2])
		}
		if value <= 0 || value > 200 {
			break
		}
		lvlText := m[1] + "%1" + m[3]
		key := k.format + "|" + lvlText
		l := d.lists[key]
		if l == nil {
			l = &docxList{abstract: len(d.lists) + 1}
			d.lists[key] = l
			fmt.Fprintf(&d.abstract, `<w:abstractNum w:abstractNumId="%d"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="%s"/><w:lvlText w:val="%s"/></w:lvl></w:abstractNum>`, l.abstract, k.format, xmlText(lvlText))
		}
		if l.num == 0 || value != l.next {
			d.nums++
			l.num = d.nums
			fmt.Fprintf(&d.numbers, `<w:num w:numId="%d"><w:abstractNumId w:val="%d"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="%d"/></w:lvlOverride></w:num>`, l.num, l.abstract, value)
		}
		l.next = value + 1
		fmt.Fprintf(&d.body, `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr></w:pPr>%s</w:p>`, l.num, wordRuns(m[4]))
		return
	}
	fmt.Fprintf(&d.body, `<w:p>%s</w:p>`, wordRuns(text))
}

// wordRuns writes text as two runs (Word splits text into runs anywhere).
func wordRuns(text string) string {
	cut := len(text) / 2
	for cut > 0 && cut < len(text) && (text[cut]&0xC0) == 0x80 {
		cut++
	}
	return fmt.Sprintf(`<w:r><w:t xml:space="preserve">%s</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>`, xmlText(text[:cut]), xmlText(text[cut:]))
}

func romanValue(s string) int {
	vals := map[byte]int{'I': 1, 'V': 5, 'X': 10}
	n := 0
	for i := 0; i < len(s); i++ {
		v := vals[s[i]]
		if i+1 < len(s) && vals[s[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	return n
}

// table writes the appendix as a Word table: the task group's cell merged
// down its rows, and the cells the printed table merged likewise.
func (d *docxDoc) table(rows []appendixRow) {
	d.body.WriteString(`<w:tbl><w:tblGrid>` + strings.Repeat(`<w:gridCol/>`, len(appendixColumns)) + `</w:tblGrid><w:tr>`)
	for _, c := range appendixColumns {
		fmt.Fprintf(&d.body, `<w:tc><w:p>%s</w:p></w:tc>`, wordRuns(c))
	}
	d.body.WriteString(`</w:tr>`)
	for i := range rows {
		cells, merged := appendixCells(rows, i)
		d.body.WriteString(`<w:tr>`)
		for j, c := range cells {
			next := i+1 < len(rows)
			if next {
				_, m := appendixCells(rows, i+1)
				next = m[j]
			}
			switch {
			case merged[j]:
				d.body.WriteString(`<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>`)
			case next:
				fmt.Fprintf(&d.body, `<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p>%s</w:p></w:tc>`, wordRuns(c))
			default:
				fmt.Fprintf(&d.body, `<w:tc><w:p>%s</w:p></w:tc>`, wordRuns(c))
			}
		}
		d.body.WriteString(`</w:tr>`)
	}
	d.body.WriteString(`</w:tbl>`)
}

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

func (d *docxDoc) bytes(t testing.TB) []byte {
	return zipOf(t, map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"word/document.xml":   `<?xml version="1.0" encoding="UTF-8"?><w:document ` + wNS + `><w:body>` + d.body.String() + `</w:body></w:document>`,
		"word/numbering.xml":  `<?xml version="1.0" encoding="UTF-8"?><w:numbering ` + wNS + `>` + d.abstract.String() + d.numbers.String() + `</w:numbering>`,
	})
}

func zipOf(t testing.TB, parts map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "word/document.xml", "word/numbering.xml"} {
		if s, ok := parts[name]; ok {
			w, err := zw.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			w.Write([]byte(s))
		}
	}
	for name, s := range parts {
		switch name {
		case "[Content_Types].xml", "word/document.xml", "word/numbering.xml":
			continue
		}
		w, _ := zw.Create(name)
		w.Write([]byte(s))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// makeDocx writes a bundled document as a .docx.
func makeDocx(t testing.TB, lines []Line) []byte {
	before, rows := docParts(lines)
	return docxOf(t, before, rows)
}

// docxOf writes lines, then the appendix rows as a table.
func docxOf(t testing.TB, before []string, rows []appendixRow) []byte {
	d := newDocx()
	for _, l := range before {
		d.para(l)
	}
	if len(rows) > 0 {
		d.table(rows)
	}
	return d.bytes(t)
}

// --- a portal page ---

const portalHead = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Văn bản pháp luật</title>
<style>body{font-family:serif} .menu{display:flex}</style><script>var ga = "<p>tracking</p>";</script></head>
<body><header class="site-header"><div class="banner">CỔNG THÔNG TIN VĂN BẢN PHÁP LUẬT</div>
<nav><ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/vb">Văn bản mới</a></li><li><a href="/hoidap">Hỏi đáp</a></li></ul></nav>
<form class="search-box"><input name="q" placeholder="Tìm văn bản"><button>Tìm kiếm</button></form></header>
<div class="breadcrumb">Trang chủ » Văn bản » Thương mại</div>
<div class="container"><div id="vanban-content" class="doc-content">
`

const portalTail = `<p class="notice">Bạn phải đăng nhập hoặc nâng cấp tài khoản để tải văn bản gốc.</p>
</div><aside class="related-docs"><h3>Văn bản liên quan</h3><ul><li><a href="/vb/1">Quyết định 19/2016/QĐ-TTg</a></li><li><a href="/vb/2">Nghị định 98/2020/NĐ-CP</a></li></ul></aside></div>
<footer><p>Bản quyền © Cổng thông tin. Hotline: 1900 0000</p></footer><script>document.write("Điều 99. Không phải văn bản")</script></body></html>
`

// makeHTML writes a bundled document as a portal page.
func makeHTML(lines []Line, frame bool) []byte {
	before, rows := docParts(lines)
	return htmlOf(before, rows, frame)
}

// htmlOf writes lines, then the appendix rows as a table.
func htmlOf(before []string, rows []appendixRow, frame bool) []byte {
	var b strings.Builder
	if frame {
		b.WriteString(portalHead)
	} else {
		b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>@page{size:A4 landscape;margin:1cm} body{font-size:8pt} td,th{vertical-align:top;border:1px solid #000;padding:2px} table{border-collapse:collapse} tr{break-inside:avoid}</style></head><body>\n")
	}
	for _, l := range before {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(l))
	}
	if len(rows) > 0 {
		b.WriteString("<table border=\"1\"><thead><tr>")
		for _, c := range appendixColumns {
			fmt.Fprintf(&b, "<th>%s</th>", html.EscapeString(c))
		}
		b.WriteString("</tr></thead><tbody>\n")
		for i := range rows {
			cells, merged := appendixCells(rows, i)
			b.WriteString("<tr>")
			for j, c := range cells {
				if merged[j] {
					continue // covered by a rowspan above
				}
				span := 1
				for k := i + 1; k < len(rows); k++ {
					if _, m := appendixCells(rows, k); !m[j] {
						break
					}
					span++
				}
				if span > 1 {
					fmt.Fprintf(&b, "<td rowspan=\"%d\">%s</td>", span, html.EscapeString(c))
				} else {
					fmt.Fprintf(&b, "<td>%s</td>", html.EscapeString(c))
				}
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</tbody></table>\n")
	}
	if frame {
		b.WriteString(portalTail)
	} else {
		b.WriteString("</body></html>\n")
	}
	return []byte(b.String())
}

// facts is what must not change with the format: everything but
// provenance (file, checksum, format, line, page) and warnings.
func facts(t testing.TB, ds *regnet.Dataset) map[string]string {
	docs := append([]regnet.Document{}, ds.Documents...)
	for i := range docs {
		docs[i].Source = regnet.Source{}
	}
	provs := append([]regnet.Provision{}, ds.Provisions...)
	for i := range provs {
		provs[i].Line, provs[i].Page = 0, nil
	}
	out := map[string]string{}
	for name, v := range map[string]any{
		"documents": docs, "provisions": provs, "duties": ds.Duties, "handoffs": ds.Handoffs,
		"planActions": ds.PlanActions, "targets": ds.Targets, "agencies": ds.Agencies, "schedules": ds.Schedules,
	} {
		b, err := json.MarshalIndent(v, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		out[name] = string(b)
	}
	return out
}

// sameFacts reports the first difference between two datasets' facts.
func sameFacts(t *testing.T, got, want *regnet.Dataset) {
	t.Helper()
	g, w := facts(t, got), facts(t, want)
	for name := range w {
		if g[name] == w[name] {
			continue
		}
		gl, wl := strings.Split(g[name], "\n"), strings.Split(w[name], "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var a, b string
			if i < len(gl) {
				a = gl[i]
			}
			if i < len(wl) {
				b = wl[i]
			}
			if a != b {
				lo := max(0, i-6)
				t.Errorf("%s differ at line %d:\n got: %s\nwant: %s\ncontext (want):\n%s", name, i+1, a, b, strings.Join(wl[lo:min(len(wl), i+3)], "\n"))
				break
			}
		}
	}
}

// parseBundled parses a bundled document as text: what the other formats
// must give.
func parseBundled(t *testing.T, l *Loader, name string) *regnet.Dataset {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "data", name))
	if err != nil {
		t.Fatal(err)
	}
	ds, err := l.Parse(Input{Name: name, Data: data})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestFormatsSameFacts(t *testing.T) {
	l := New()
	for name, lines := range bundled(t) {
		want := parseBundled(t, l, name)
		base := strings.TrimSuffix(name, ".txt")
		for _, tc := range []struct {
			ext, format string
			data        []byte
		}{
			{".docx", FormatDocx, makeDocx(t, lines)},
			{".html", FormatHTML, makeHTML(lines, true)},
		} {
			t.Run(base+tc.ext, func(t *testing.T) {
				got, err := l.Parse(Input{Name: base + tc.ext, Data: tc.data})
				if err != nil {
					t.Fatal(err)
				}
				sameFacts(t, got, want)
				if f := got.Documents[0].Source.Format; f != tc.format {
					t.Errorf("format %q, want %q", f, tc.format)
				}
			})
		}
	}
}

// bomb is a .docx whose document part unpacks to more than the limit from
// a few hundred kilobytes.
func bomb(t testing.TB) []byte {
	var body strings.Builder
	body.WriteString(`<w:document ` + wNS + `><w:body><w:p><w:r><w:t>`)
	body.WriteString(strings.Repeat("a", maxDocxUnpacked+1024))
	body.WriteString(`</w:t></w:r></w:p></w:body></w:document>`)
	return zipOf(t, map[string]string{"word/document.xml": body.String()})
}

// deepDocx nests paragraphs beyond the XML depth limit.
func deepDocx(t testing.TB, depth int) []byte {
	doc := `<w:document ` + wNS + `><w:body>` + strings.Repeat("<w:p>", depth) + strings.Repeat("</w:p>", depth) + `</w:body></w:document>`
	return zipOf(t, map[string]string{"word/document.xml": doc})
}

// TestRefused checks that files the loader does not read, or reads only up
// to a limit, fail with an error naming the file and saying why.
func TestRefused(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"old.doc", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00rest"), "old binary Office file (.doc, .xls): save it as .docx (regnet reads .txt, .docx, .pdf and .html)"},
		{"renamed.docx", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00rest"), "old binary Office file"},
		{"table.xlsx", zipOf(t, map[string]string{"xl/workbook.xml": "<workbook/>"}), "a spreadsheet (.xlsx)"},
		{"scan.png", []byte("\x89PNG\r\n\x1a\n\x00\x00"), "an image (PNG): run OCR first"},
		{"photo.jpg", []byte("Điều 1. text that is not a photo"), "an image"},
		{"bomb.docx", bomb(t), "unpacks to more than 50 MB (a zip bomb?)"},
		{"deep.docx", deepDocx(t, 5000), "XML nested deeper than the limit"},
		{"broken.docx", []byte("PK\x03\x04 this is not an archive"), "not a readable .docx (broken zip archive)"},
		{"nodoc.docx", zipOf(t, map[string]string{"word/styles.xml": "<styles/>"}), "a zip archive that is not a Word document"},
		{"badxml.docx", zipOf(t, map[string]string{"word/document.xml": "<w:document><w:body><w:p>"}), "broken XML"},
		{"empty.docx", zipOf(t, map[string]string{"word/document.xml": `<w:document ` + wNS + `><w:body/></w:document>`}), "empty.docx: the file is empty"},
		{"fake.pdf", []byte("Điều 1. not a PDF"), "not a PDF file"},
		{"menu.html", []byte("<html><body><nav>Trang chủ</nav><script>x</script></body></html>"), "menu.html: the file is empty"},
	}
	l := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := l.Parse(Input{Name: tt.name, Data: tt.data})
			if err == nil {
				t.Fatalf("no error, got %d documents", len(ds.Documents))
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), tt.name+":") {
				t.Errorf("error %q, want it to start with the file's name and contain %q", err, tt.want)
			}
		})
	}
}

// TestDocxNumbering checks that the numbers Word generates are written out
// as the text would have them: levels, restarts, letters, and a number the
// text already has is not doubled.
func TestDocxNumbering(t *testing.T) {
	numbering := `<w:numbering ` + wNS + `>
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Điều %1."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>`
	p := func(num, lvl int, text string) string {
		return fmt.Sprintf(`<w:p><w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr></w:pPr><w:r><w:t>%s</w:t></w:r></w:p>`, lvl, num, text)
	}
	body := p(1, 0, "Phạm vi") + p(2, 0, "Khoản một") + p(2, 1, "điểm một") + p(2, 1, "điểm hai") + p(2, 2, "gạch") +
		p(2, 0, "Khoản hai") + p(2, 1, "lại điểm một") + p(1, 0, "Điều 2. Đã có số") + p(3, 0, "Khoản mới") +
		`<w:p><w:r><w:t>Dòng một</w:t><w:br/><w:t>Dòng</w:t><w:tab/><w:t>hai</w:t></w:r><w:del><w:r><w:delText>xoá</w:delText></w:r></w:del></w:p>`
	data := zipOf(t, map[string]string{
		"word/document.xml":  `<w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`,
		"word/numbering.xml": numbering,
	})
	got, err := docxToText("n.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Điều 1. Phạm vi", "1. Khoản một", "a) điểm một", "b) điểm hai", "- gạch", "2. Khoản hai", "a) lại điểm một", "Điều 2. Đã có số", "1. Khoản mới", "Dòng một", "Dòng hai"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestTablesMerged checks merged cells in both table readers: a cell
// spanning rows is copied into each row, a cell spanning columns fills the
// first.
func TestTablesMerged(t *testing.T) {
	page := `<html><body><table>
<tr><th>A</th><th>B</th><th>C</th></tr>
<tr><td rowspan="2">x</td><td colspan="2">y</td></tr>
<tr><td>p</td><td>q</td></tr>
<tr><td>1</td><td>2</td><td rowspan="5">3</td></tr>
</table></body></html>`
	got, err := htmlToText("t.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	want := "| A | B | C |\n| x | y |  |\n| x | p | q |\n| 1 | 2 | 3 |"
	if strings.Join(got, "\n") != want {
		t.Errorf("html table:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	tc := func(pr, text string) string {
		return `<w:tc><w:tcPr>` + pr + `</w:tcPr><w:p><w:r><w:t>` + text + `</w:t></w:r></w:p></w:tc>`
	}
	body := `<w:tbl><w:tr>` + tc("", "A") + tc("", "B") + tc("", "C") + `</w:tr>` +
		`<w:tr>` + tc(`<w:vMerge w:val="restart"/>`, "x") + tc(`<w:gridSpan w:val="2"/>`, "y") + `</w:tr>` +
		`<w:tr>` + tc(`<w:vMerge/>`, "") + tc("", "p") + tc("", "q") + `</w:tr>` +
		`<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>` + tc("", "2") + tc("", "3") + `</w:tr></w:tbl>`
	lines, err := docxToText("t.docx", zipOf(t, map[string]string{"word/document.xml": `<w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`}))
	if err != nil {
		t.Fatal(err)
	}
	want = "| A | B | C |\n| x | y |  |\n| x | p | q |\n|  | 2 | 3 |"
	if strings.Join(lines, "\n") != want {
		t.Errorf("docx table:\n%s\nwant:\n%s", strings.Join(lines, "\n"), want)
	}
}

// TestPortalFrame checks that a portal's frame is left out.
func TestPortalFrame(t *testing.T) {
	page := portalHead + "<p>Điều 1. Phạm vi điều chỉnh</p>\n" + portalTail
	got, err := htmlToText("p.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "\n") != "Điều 1. Phạm vi điều chỉnh" {
		t.Errorf("text of a portal page: %q", got)
	}
}

// TestHTMLDeep checks that a page nested beyond the limit is refused, and
// that paragraphs and list items left open do not count.
func TestHTMLDeep(t *testing.T) {
	deep := strings.Repeat("<div>", 5000) + "Điều 1. x" + strings.Repeat("</div>", 5000)
	if _, err := htmlToText("deep.html", []byte(deep)); err == nil || !strings.Contains(err.Error(), "deep.html: HTML nested deeper than") {
		t.Errorf("a page nested 5000 deep: error %v", err)
	}
	open := "<html><body>" + strings.Repeat("<p>Điều 1. x\n<li>y\n", 3000) + "</body></html>"
	lines, err := htmlToText("open.html", []byte(open))
	if err != nil || len(lines) != 6000 {
		t.Errorf("a page with 3000 open paragraphs: %d lines, error %v", len(lines), err)
	}
}

// TestDocxStyleNumbering checks numbers that come from a paragraph style
// (a heading style numbered "Điều %1."), through a style based on it, and a
// paragraph that turns its style's numbering off.
func TestDocxStyleNumbering(t *testing.T) {
	numbering := `<w:numbering ` + wNS + `>
<w:abstractNum w:abstractNumId="5"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Dieu"/><w:lvlText w:val="Điều %1."/></w:lvl></w:abstractNum>
<w:num w:numId="7"><w:abstractNumId w:val="5"/></w:num>
</w:numbering>`
	styles := `<w:styles ` + wNS + `>
<w:style w:type="paragraph" w:styleId="Dieu"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="DieuDam"><w:basedOn w:val="Dieu"/></w:style>
</w:styles>`
	p := func(style, text string, off bool) string {
		pr := `<w:pStyle w:val="` + style + `"/>`
		if off {
			pr += `<w:numPr><w:numId w:val="0"/></w:numPr>`
		}
		return `<w:p><w:pPr>` + pr + `</w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	body := p("Dieu", "Phạm vi", false) + p("DieuDam", "Đối tượng", false) + p("Dieu", "Không đánh số", true)
	lines, err := docxToText("s.docx", zipOf(t, map[string]string{
		"word/document.xml":  `<w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`,
		"word/numbering.xml": numbering,
		"word/styles.xml":    styles,
	}))
	if err != nil {
		t.Fatal(err)
	}
	want := "Điều 1. Phạm vi\nĐiều 2. Đối tượng\nKhông đánh số"
	if got := strings.Join(lines, "\n"); got != want {
		t.Errorf("lines:\n%s\nwant:\n%s", got, want)
	}
}

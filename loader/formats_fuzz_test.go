package loader

import (
	"strings"
	"testing"
)

// excerpt is the start of each bundled document and, for the plan with an
// appendix table, its first rows: small seeds keep fuzzing fast.
type excerpt struct {
	before []string
	rows   []appendixRow
}

func excerpts(t testing.TB) []excerpt {
	var out []excerpt
	for _, lines := range bundled(t) {
		before, rows := docParts(lines)
		out = append(out, excerpt{before[:min(60, len(before))], rows[:min(8, len(rows))]})
	}
	return out
}

// checkLines is what a converter must give: no line breaks inside a line.
func checkLines(t *testing.T, lines []string) {
	for _, l := range lines {
		if strings.ContainsAny(l, "\n\r") {
			t.Fatalf("a line with a line break: %q", l)
		}
	}
}

// FuzzDocx feeds the .docx reader broken archives, zip bombs and deeply
// nested XML: it must never panic, and whatever it reads must go through
// the parser.
func FuzzDocx(f *testing.F) {
	for _, e := range excerpts(f) {
		f.Add(docxOf(f, e.before, e.rows))
	}
	f.Add(bomb(f))
	f.Add(deepDocx(f, 300))
	f.Add(deepDocx(f, 3000))
	f.Add(zipOf(f, map[string]string{"word/document.xml": `<w:document ` + wNS + `><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="1000000"/><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>`}))
	f.Add([]byte("PK\x03\x04broken"))
	l := New()
	f.Fuzz(func(t *testing.T, data []byte) {
		lines, err := docxToText("fuzz.docx", data)
		if err != nil {
			return
		}
		checkLines(t, lines)
		_, _ = l.Parse(Input{Name: "fuzz.docx", Data: data})
	})
}

// FuzzHTML feeds the web page reader deep nesting, broken tables and odd
// spans: it must never panic.
func FuzzHTML(f *testing.F) {
	for _, e := range excerpts(f) {
		f.Add(htmlOf(e.before, e.rows, true))
	}
	f.Add([]byte(strings.Repeat("<div>", 20000) + "Điều 1. x" + strings.Repeat("</div>", 20000)))
	f.Add([]byte(strings.Repeat("<table><tr><td>", 2000) + "x"))
	f.Add([]byte(`<table><tr><td rowspan="99999999" colspan="99999">a</td><td>b</td></tr><tr></tr><tr><td colspan=0>c</td></tr></table>`))
	f.Add([]byte("<html><head><meta charset=\"windows-1258\"></head><body><p>\xd0i\xeau 1.</p></body></html>"))
	l := New()
	f.Fuzz(func(t *testing.T, data []byte) {
		lines, err := htmlToText("fuzz.html", data)
		if err != nil {
			return
		}
		checkLines(t, lines)
		_, _ = l.Parse(Input{Name: "fuzz.html", Data: data})
	})
}

package main

import (
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestParseFolderOfFormats checks that a folder is read whatever the
// documents' formats: a saved web page is picked up beside the text, and a
// file in a format regnet does not read fails the batch with its name.
func TestParseFolderOfFormats(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("..", "..", "data", "dienbien_quyche_du-thao-2025.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var page strings.Builder
	page.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><nav>Trang chủ</nav>\n")
	for _, l := range strings.Split(string(text), "\n") {
		page.WriteString("<p>" + html.EscapeString(l) + "</p>\n")
	}
	page.WriteString("</body></html>\n")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "dienbien.html"), []byte(page.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.md"), []byte("not read"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := run(t, "parse", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	_, want, _ := run(t, "parse", filepath.Join("..", "..", "data", "dienbien_quyche_du-thao-2025.txt"))
	counts := strings.Split(want, "\n")[1]
	if !strings.Contains(out, "dienbien.html: QUY_CHE") || !strings.Contains(out, counts) {
		t.Errorf("summary of a folder with a web page:\n%s\nwant the counts of the text:\n%s", out, counts)
	}
	doc := filepath.Join(dir, "old.doc")
	if err := os.WriteFile(doc, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 rest"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = run(t, "parse", doc)
	if code != 1 || !strings.Contains(stderr, doc) || !strings.Contains(stderr, ".docx") {
		t.Errorf("an old .doc: exit %d, stderr %q; want exit 1 naming the file and the formats read", code, stderr)
	}
}

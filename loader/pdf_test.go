package loader

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// printPDF prints a page to PDF with the headless Chromium the tests
// install (scripts/install-browser; $CHROME_BIN to use another). Without
// it the test is skipped on a developer's machine and fails in CI.
func printPDF(t *testing.T, page []byte) []byte {
	t.Helper()
	chrome := os.Getenv("CHROME_BIN")
	if chrome == "" {
		chrome = "/usr/bin/chromium"
	}
	if fi, err := os.Stat(chrome); err != nil || fi.IsDir() {
		msg := "printing a PDF needs " + chrome + ": run scripts/install-browser, or set CHROME_BIN"
		if os.Getenv("CI") == "" {
			t.Skip(msg)
		}
		t.Fatal(msg)
	}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "page.html"), filepath.Join(dir, "page.pdf")
	if err := os.WriteFile(in, page, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, chrome, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
		"--no-pdf-header-footer", "--user-data-dir="+filepath.Join(dir, "profile"), "--print-to-pdf="+out, "file://"+in)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium --print-to-pdf: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestPDFSameFacts prints each bundled document (the 2026–2030 plan's
// appendix as a bordered table with merged cells) and checks that the PDF
// parses to the same facts as the text, each provision with its page.
func TestPDFSameFacts(t *testing.T) {
	if testing.Short() {
		t.Skip("prints PDFs with Chromium")
	}
	l := New()
	for name, lines := range bundled(t) {
		want := parseBundled(t, l, name)
		base := strings.TrimSuffix(name, ".txt")
		t.Run(base+".pdf", func(t *testing.T) {
			pdf := printPDF(t, makeHTML(lines, false))
			got, err := l.Parse(Input{Name: base + ".pdf", Data: pdf})
			if err != nil {
				t.Fatal(err)
			}
			sameFacts(t, got, want)
			for _, p := range got.Provisions {
				if p.Page == nil || *p.Page < 1 {
					t.Fatalf("provision %s has no page", p.ID)
				}
			}
			if f := got.Documents[0].Source.Format; f != FormatPDF {
				t.Errorf("format %q, want pdf", f)
			}
		})
	}
}

// TestPDFScan checks that a PDF without text (a scan) is refused by name.
func TestPDFScan(t *testing.T) {
	pdf := printPDF(t, []byte(`<html><body><div style="width:300px;height:300px;background:#333"></div></body></html>`))
	_, err := New().Parse(Input{Name: "scan.pdf", Data: pdf})
	var ie *InputError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "scan.pdf: has no text layer (a scan?): run OCR first") {
		t.Errorf("error %v, want scan.pdf: has no text layer (a scan?): run OCR first", err)
	}
}

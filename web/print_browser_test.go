package web_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// shown returns, for each CSS selector, whether any element it matches is
// rendered (an element under display: none has no boxes); a selector that
// matches nothing is reported as missing so that a renamed control cannot
// pass unnoticed.
const shown = `const out = {};
	for (const css of arguments[0]) {
		const els = [...document.querySelectorAll(css)];
		out[css] = els.length === 0 ? 'missing' : els.some((el) => el.getClientRects().length > 0) ? 'shown' : 'hidden';
	}
	return out;`

// printView checks one view of the explorer as it prints: on the screen
// its controls and content are shown; under print media the controls are
// hidden and the content stays. It writes what the print looks like as
// name.png and the page printed to PDF as name.pdf into screenshotDir.
func printView(t *testing.T, s *session, name string, controls, content []string) {
	t.Helper()
	all := append(append([]string{}, controls...), content...)
	check := func(media string, want map[string]string) {
		t.Helper()
		var got map[string]string
		if err := s.exec(&got, shown, all); err != nil {
			t.Fatal(err)
		}
		for css, w := range want {
			if got[css] != w {
				t.Errorf("%s, %s media: %s is %s, want %s", name, media, css, got[css], w)
			}
		}
	}
	want := map[string]string{}
	for _, css := range all {
		want[css] = "shown"
	}
	check("screen", want)

	if err := s.cdp("Emulation.setEmulatedMedia", map[string]any{"media": "print"}); err != nil {
		t.Fatalf("emulate print media: %v", err)
	}
	defer func() {
		if err := s.cdp("Emulation.setEmulatedMedia", map[string]any{"media": ""}); err != nil {
			t.Errorf("back to screen media: %v", err)
		}
	}()
	var printing bool
	if err := s.exec(&printing, `return window.matchMedia('print').matches`); err != nil || !printing {
		t.Fatalf("print media not emulated (matches %v, %v)", printing, err)
	}
	for _, css := range controls {
		want[css] = "hidden"
	}
	check("print", want)
	saveScreenshot(t, s, name)

	pdf, err := s.printPDF()
	if err != nil {
		t.Fatalf("print %s to PDF: %v", name, err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || len(pdf) < 1000 {
		t.Fatalf("printing %s gave %d bytes starting %.8q, not a PDF", name, len(pdf), pdf)
	}
	if err := os.WriteFile(filepath.Join(screenshotDir(), name+".pdf"), pdf, 0o644); err != nil {
		t.Fatalf("write %s.pdf: %v", name, err)
	}
}

// headerControls are the explorer's controls every view shows on the
// screen: a printed page has no use for them.
var headerControls = []string{
	`header label`, `[data-testid="province"]`, `[data-testid="search-form"]`, `nav.views`, `[data-testid="lang-switch"]`,
}

// TestPrint prints an agency page and the comparison of two provinces, the
// views a drafter takes to a meeting: the forms, filters and switches are
// hidden, the agency's duties and the comparison's matrices and
// differences are kept.
func TestPrint(t *testing.T) {
	s, base := openExplorer(t)

	t.Run("agency page", func(t *testing.T) {
		if err := s.navigate(base + "/#province=province%3Alang-son&agency=agency%3Alang-son%3ACUSTOMS"); err != nil {
			t.Fatal(err)
		}
		waitNetwork(t, s, "province:lang-son")
		waitPanel(t, s, "agency:lang-son:CUSTOMS")
		controls := append(append([]string{}, headerControls...),
			`[data-testid="chain-form"]`, `[data-testid="time-form"]`, `[data-testid="version-form"]`, `[data-testid="legend"] input`, `[data-testid="legend"] .legend-options`)
		printView(t, s, "print-agency", controls, []string{
			`[data-testid="agency-name"]`, `[data-testid="duty"]`, `[data-testid="network"]`,
		})
	})

	t.Run("comparison", func(t *testing.T) {
		openComparison(t, s)
		controls := append(append([]string{}, headerControls...), `[data-testid="compare-form"]`)
		printView(t, s, "print-comparison", controls, []string{
			`[data-testid="coverage"]`, `[data-testid="differences"]`,
		})
	})

	noPageErrors(t, s)
	stayedHome(t, s, base)
}

package web_test

import (
	"slices"
	"testing"
)

// TestExplorerAsOf drives the explorer's time controls in headless Chromium
// on the bundled documents: the timeline lists Lạng Sơn's documents, named
// ones too; a day before quy chế 83/2025/QĐ-UBND takes effect draws a
// smaller network than a day after (its rules are the province's links),
// and clearing the day draws every link again; the
// version comparison of the two plans lists the tasks added and removed.
func TestExplorerAsOf(t *testing.T) {
	chrome, chromedriver := browserBinaries(t)
	base := startServer(t)
	s := startDriver(t, chromedriver).newSession(t, chrome)
	if err := s.navigate(base + "/#province=province%3Alang-son"); err != nil {
		t.Fatal(err)
	}
	drawn := func(asOf string) []string {
		t.Helper()
		waitFor(t, "the network as of "+asOf, func() (bool, error) {
			var ok bool
			err := s.exec(&ok, `const svg = document.querySelector('[data-testid="network"]');
				return svg.dataset.province === 'province:lang-son' && (svg.dataset.asOf ?? '') === arguments[0] &&
					!svg.hasAttribute('aria-busy')`, asOf)
			return ok, err
		})
		var ids []string
		if err := s.exec(&ids, `return document.querySelector('[data-testid="network"]').cy.nodes().map((n) => n.id())`); err != nil {
			t.Fatal(err)
		}
		return ids
	}
	setDate := func(day string) {
		t.Helper()
		if err := s.exec(nil, `const i = document.querySelector('[data-testid="as-of"]');
			i.value = arguments[0]; i.dispatchEvent(new Event('change'))`, day); err != nil {
			t.Fatal(err)
		}
	}

	all := drawn("")
	waitElements(t, s, `[data-testid="timeline-document"][data-id="doc:09-2017-qd-ubnd"]`)
	setDate("2026-01-15")
	after := drawn("2026-01-15")
	setDate("2025-06-01")
	before := drawn("2025-06-01")
	if len(all) == 0 || len(after) == 0 || len(before) >= len(after) {
		t.Errorf("agencies drawn: %d as of 2025-06-01, %d as of 2026-01-15, %d without a date: "+
			"the network did not change with quy chế 83/2025 taking effect", len(before), len(after), len(all))
	}
	var inForce []string
	if err := s.exec(&inForce, `return [...document.querySelectorAll('[data-testid="timeline-document"][data-in-force="true"]')].map((d) => d.dataset.id)`); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"doc:09-2017-qd-ubnd", "doc:125-kh-ubnd"} {
		if !slices.Contains(inForce, id) {
			t.Errorf("timeline as of 2025-06-01 does not mark %s in force: %v", id, inForce)
		}
	}
	for _, id := range []string{"doc:83-2025-qd-ubnd", "doc:langson-kehoach-2026-2030"} {
		if slices.Contains(inForce, id) {
			t.Errorf("timeline as of 2025-06-01 marks %s in force", id)
		}
	}
	setDate("")
	if again := drawn(""); len(again) != len(all) {
		t.Errorf("clearing the date draws %d agencies, want %d", len(again), len(all))
	}

	// The version comparison of the two plans.
	if err := s.exec(nil, `document.querySelector('[data-testid="version-a"]').value = 'doc:125-kh-ubnd';
		document.querySelector('[data-testid="version-b"]').value = 'doc:langson-kehoach-2026-2030';
		document.querySelector('[data-testid="version-submit"]').click()`); err != nil {
		t.Fatal(err)
	}
	waitElements(t, s, `[data-testid="version-change"]`)
	var changes []string
	if err := s.exec(&changes, `return [...document.querySelectorAll('[data-testid="version-change"]')].map((c) => c.dataset.change + ' ' + c.dataset.kind)`); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"ADDED HEALTH", "REMOVED DISTRICT_PEOPLES_COMMITTEE"} {
		if !slices.Contains(changes, want) {
			t.Errorf("version changes %v lack %s", changes, want)
		}
	}
	noPageErrors(t, s)
}

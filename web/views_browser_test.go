package web_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// screenshotDir is where the browser tests leave a PNG of each view they
// check, for a reviewer to look at: $REGNET_SCREENSHOTS, by default
// web/testdata/screenshots (ignored by git).
func screenshotDir() string {
	return envOr("REGNET_SCREENSHOTS", filepath.Join("testdata", "screenshots"))
}

// saveScreenshot writes the window as name.png into screenshotDir.
func saveScreenshot(t *testing.T, s *session, name string) {
	t.Helper()
	png, err := s.screenshot()
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := screenshotDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("screenshot folder: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatalf("write screenshot %s: %v", name, err)
	}
}

// stayedHome fails the test if the browser sent any request outside base
// (the server's origin) since the session's log was last read.
func stayedHome(t *testing.T, s *session, base string) {
	t.Helper()
	urls, err := s.requestedURLs()
	if err != nil {
		t.Fatalf("read the browser's requests: %v", err)
	}
	if len(urls) == 0 {
		t.Fatal("the performance log shows no request at all: cannot tell where requests went")
	}
	for _, u := range urls {
		if u != base && !strings.HasPrefix(u, base+"/") && !strings.HasPrefix(u, "data:") && u != "about:blank" {
			t.Errorf("the page requested %s, outside %s", u, base)
		}
	}
}

// TestGraphiQLOffline opens /graphiql with every host but the server
// unresolvable, runs the query it starts with and reads the answer: all of
// GraphiQL comes from the binary.
func TestGraphiQLOffline(t *testing.T) {
	chrome, chromedriver := browserBinaries(t)
	base := startServer(t)
	s := startDriver(t, chromedriver).newSession(t, chrome)
	if err := s.navigate(base + "/graphiql"); err != nil {
		t.Fatal(err)
	}
	waitElements(t, s, `.graphiql-execute-button`)
	if err := s.click(must(s.find(`.graphiql-execute-button`))(t)); err != nil {
		t.Fatal(err)
	}
	var result string
	waitFor(t, "the query's result", func() (bool, error) {
		err := s.exec(&result, `return document.querySelector('.result-window')?.textContent ?? ''`)
		return strings.Contains(result, `"provinces"`), err
	})
	for _, want := range []string{"Lạng Sơn", "Điện Biên"} {
		if !strings.Contains(result, want) {
			t.Errorf("GraphiQL's result lacks %q:\n%.500s", want, result)
		}
	}
	saveScreenshot(t, s, "graphiql")
	stayedHome(t, s, base)
}

// openExplorer starts the server on the bundled documents and a browser
// session on the explorer, and waits for it to be ready.
func openExplorer(t *testing.T) (*session, string) {
	t.Helper()
	chrome, chromedriver := browserBinaries(t)
	base := startServer(t)
	s := startDriver(t, chromedriver).newSession(t, chrome)
	if err := s.navigate(base + "/"); err != nil {
		t.Fatal(err)
	}
	waitReady(t, s)
	return s, base
}

// waitReady waits until the explorer has loaded its provinces.
func waitReady(t *testing.T, s *session) {
	t.Helper()
	waitFor(t, "the explorer to start", func() (bool, error) {
		var ready bool
		err := s.exec(&ready, `return document.body.dataset.ready === "true"`)
		return ready, err
	})
}

// waitNetwork waits until the network of province (its id) is drawn.
func waitNetwork(t *testing.T, s *session, province string) {
	t.Helper()
	waitFor(t, "the network of "+province, func() (bool, error) {
		var drawn bool
		err := s.exec(&drawn, `const net = document.querySelector('[data-testid="network"]');
			return net.dataset.province === arguments[0] && !net.hasAttribute('aria-busy') && !!net.cy`, province)
		return drawn, err
	})
}

// labelOverlaps counts the pairs of agencies whose drawn label boxes
// overlap, as Cytoscape renders them on the screen.
const labelOverlaps = `const cy = document.querySelector('[data-testid="network"]').cy;
	const boxes = cy.nodes(':visible').map((n) => n.renderedBoundingBox({includeLabels: true, includeOverlays: false}));
	let pairs = 0;
	for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
		const a = boxes[i], b = boxes[j];
		if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) pairs++;
	}
	return [boxes.length, pairs];`

// TestExplorerViews drives the explorer in Vietnamese and English, with
// every host but the server unresolvable: the words of the page, the drawn
// graph of both provinces (no two labels overlapping at 1400×900), and a
// handoff chain drawn on the graph hop by hop. It leaves a screenshot of
// each view and checks that no request left the server.
func TestExplorerViews(t *testing.T) {
	s, base := openExplorer(t)

	t.Run("Vietnamese first", func(t *testing.T) {
		var lang string
		if err := s.exec(&lang, `return document.documentElement.lang`); err != nil {
			t.Fatal(err)
		}
		if lang != "vi" {
			t.Errorf("<html lang=%q>, want vi", lang)
		}
		for css, want := range map[string]string{
			`[data-testid="search-submit"]`: "Tìm",
			`[data-testid="chain-submit"]`:  "Xem chuỗi",
			`.chain h2`:                     "Chuỗi chuyển giao",
			`[data-testid="lang-switch"]`:   "English",
		} {
			if got := textOf(t, s, css); got != want {
				t.Errorf("%s reads %q, want %q", css, got, want)
			}
		}
	})

	for _, p := range []struct{ id, name, shot string }{
		{"province:lang-son", "Lạng Sơn", "network-lang-son"},
		{"province:dien-bien", "Điện Biên", "network-dien-bien"},
	} {
		t.Run("graph of "+p.name, func(t *testing.T) {
			if err := s.click(must(s.find(fmt.Sprintf(`[data-testid="province"] option[value=%q]`, p.id)))(t)); err != nil {
				t.Fatal(err)
			}
			waitNetwork(t, s, p.id)
			var got [2]int
			if err := s.exec(&got, labelOverlaps); err != nil {
				t.Fatal(err)
			}
			if got[0] < 5 {
				t.Fatalf("only %d agencies drawn for %s", got[0], p.name)
			}
			if got[1] != 0 {
				t.Errorf("%s: %d pairs of overlapping labels among %d agencies", p.name, got[1], got[0])
			}
			t.Logf("%s: %d agencies, %d overlapping label pairs", p.name, got[0], got[1])
			legend := textOf(t, s, `[data-testid="legend"]`)
			for _, want := range []string{"Hải quan", "Biên phòng", "Công an", "Chuyển giao, thông báo"} {
				if !strings.Contains(legend, want) {
					t.Errorf("the legend of %s lacks %q: %q", p.name, want, legend)
				}
			}
			// Unticking a link type hides its links; hiding unlinked
			// agencies then leaves fewer agencies drawn.
			var counts [3]int
			if err := s.exec(&counts, `const net = document.querySelector('[data-testid="network"]'), cy = net.cy;
				const before = cy.edges().not('.hidden').length;
				for (const box of document.querySelectorAll('[data-testid="filter-edge"]')) { box.click(); }
				const after = cy.edges().not('.hidden').length;
				document.querySelector('[data-testid="filter-unlinked"]').click();
				const shown = cy.nodes().not('.hidden').length;
				return [before, after, shown]`); err != nil {
				t.Fatal(err)
			}
			saveScreenshot(t, s, p.shot+"-filtered")
			// A link tapped shows who to whom and the provisions behind it.
			if err := s.exec(nil, `for (const box of document.querySelectorAll('[data-testid="filter-edge"]')) { box.click(); }
				document.querySelector('[data-testid="filter-unlinked"]').click();
				document.querySelector('[data-testid="network"]').cy.edges('[type = "HANDS_OFF_TO"]')[0].emit('tap')`); err != nil {
				t.Fatal(err)
			}
			links := waitElements(t, s, `[data-testid="link-panel"] [data-testid="provision-link"]`)
			if href := must(s.attr(links[0], "href"))(t); !strings.HasPrefix(href, "/van-ban/") {
				t.Errorf("a handoff link's provision points to %q, want its document's page", href)
			}

			if counts[0] == 0 || counts[1] != 0 || counts[2] != 0 {
				t.Errorf("filters: %d links shown, %d after unticking every link type, %d agencies left when unlinked ones are hidden; want some, 0, 0", counts[0], counts[1], counts[2])
			}
			saveScreenshot(t, s, p.shot)
			noPageErrors(t, s)
		})
	}

	t.Run("a handoff chain is drawn on the graph hop by hop", func(t *testing.T) {
		if err := s.click(must(s.find(`[data-testid="province"] option[value="province:lang-son"]`))(t)); err != nil {
			t.Fatal(err)
		}
		waitNetwork(t, s, "province:lang-son")
		for _, css := range []string{
			`[data-testid="chain-leaving"] option[value="CUSTOMS_ZONE"]`,
			`[data-testid="chain-depth"]`,
		} {
			if err := s.click(must(s.find(css))(t)); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.click(must(s.find(`[data-testid="chain-submit"]`))(t)); err != nil {
			t.Fatal(err)
		}
		hops := waitElements(t, s, `[data-testid="chain-hops"]:not([aria-busy]) [data-testid="chain-hop"]`)
		var drawn []struct {
			Hop      int
			From, To string
		}
		waitFor(t, "the chain on the graph", func() (bool, error) {
			var raw string
			err := s.exec(&raw, `return document.querySelector('[data-testid="network"]').dataset.chain ?? ''`)
			if err != nil || raw == "" {
				return false, err
			}
			return true, json.Unmarshal([]byte(raw), &drawn)
		})
		if len(drawn) == 0 {
			t.Fatal("no link of the chain drawn")
		}
		last := 0
		for i, d := range drawn {
			if d.Hop < last || d.Hop < 1 || d.Hop > len(hops) {
				t.Errorf("link %d of the chain is hop %d after hop %d (%d hops listed)", i, d.Hop, last, len(hops))
			}
			last = d.Hop
		}
		// Every drawn link is highlighted and carries its hop number; the
		// rest of the graph is faded.
		var check struct{ Highlighted, Numbered, Faded, Others int }
		if err := s.exec(&check, `const cy = document.querySelector('[data-testid="network"]').cy;
			const chain = cy.edges('.chain');
			return {Highlighted: chain.length, Numbered: chain.filter((e) => /^[0-9,]+$/.test(e.data('hop') ?? '')).length,
				Faded: cy.elements('.faded').length, Others: cy.elements().not('.chain').length}`); err != nil {
			t.Fatal(err)
		}
		if check.Highlighted == 0 || check.Numbered != check.Highlighted || check.Faded != check.Others {
			t.Errorf("chain on the graph: %+v; want every chain link numbered and everything else faded", check)
		}
		var first string
		if err := s.exec(&first, `return document.querySelector('[data-testid="network"]').cy.edges('.chain').filter((e) => e.data('hop').split(',').includes('1')).map((e) => e.source().data('kind')).join(',')`); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(first, "CUSTOMS") {
			t.Errorf("hop 1 starts at %q, want customs (goods leaving the customs zone)", first)
		}
		saveScreenshot(t, s, "chain")
		noPageErrors(t, s)
	})

	t.Run("search finds numbers and paths, and says where hits are from", func(t *testing.T) {
		type hit struct{ Type, Province, Doc, Href string }
		search := func(text string) []hit {
			input := must(s.find(`[data-testid="search-input"]`))(t)
			if err := s.clear(input); err != nil {
				t.Fatal(err)
			}
			if err := s.sendKeys(input, text); err != nil {
				t.Fatal(err)
			}
			if err := s.click(must(s.find(`[data-testid="search-submit"]`))(t)); err != nil {
				t.Fatal(err)
			}
			var hits []hit
			waitFor(t, "search results for "+text, func() (bool, error) {
				err := s.exec(&hits, `const list = document.querySelector('[data-testid="search-results"]');
					if (list.hasAttribute('aria-busy')) return [];
					return [...list.querySelectorAll('[data-testid="search-result"]')].map((li) => ({
						Type: li.dataset.type,
						Province: li.querySelector('[data-testid="hit-province"]')?.textContent ?? '',
						Doc: li.querySelector('[data-testid="hit-document"]')?.textContent ?? '',
						Href: li.querySelector('[data-testid="hit-document"]')?.getAttribute('href') ?? ''}))`)
				return len(hits) > 0, err
			})
			return hits
		}
		if got := search("83/2025"); got[0].Type != "DOCUMENT" || got[0].Province != "Lạng Sơn" || got[0].Doc != "83/2025/QĐ-UBND" || got[0].Href != "/van-ban/83-2025-qd-ubnd" {
			t.Errorf("83/2025 finds %+v, want the document 83/2025/QĐ-UBND of Lạng Sơn first", got)
		}
		for _, text := range []string{"Điều 7 khoản 4", "d7 k4"} {
			got := search(text)
			if got[0].Type != "PROVISION" || got[0].Href != "/van-ban/83-2025-qd-ubnd#dieu-7-khoan-4" {
				t.Errorf("%s finds %+v, want Điều 7 khoản 4 of 83/2025/QĐ-UBND first", text, got)
			}
		}
		hits := search("hai quan")
		for _, h := range hits {
			if h.Type != "AGENCY" && (h.Doc == "" || h.Province == "") {
				t.Errorf("hit %+v does not say its document and province", h)
			}
		}
		saveScreenshot(t, s, "search")
		noPageErrors(t, s)
	})

	t.Run("English switch is remembered and in the address", func(t *testing.T) {
		if err := s.click(must(s.find(`[data-testid="lang-switch"]`))(t)); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the English page", func() (bool, error) {
			var lang string
			err := s.exec(&lang, `return document.body.dataset.ready === "true" ? document.documentElement.lang : ''`)
			return lang == "en", err
		})
		var url string
		if err := s.exec(&url, `return location.href`); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(url, "lang=en") {
			t.Errorf("address %q does not carry lang=en", url)
		}
		if got := textOf(t, s, `[data-testid="search-submit"]`); got != "Search" {
			t.Errorf("search button reads %q in English", got)
		}
		// Opened again without ?lang, the page stays in English.
		if err := s.navigate(base + "/"); err != nil {
			t.Fatal(err)
		}
		waitReady(t, s)
		if got := textOf(t, s, `[data-testid="chain-submit"]`); got != "Show chain" {
			t.Errorf("reopened page's chain button reads %q, want the remembered English", got)
		}
		// The graph's legend and the agency panel speak English too; the
		// documents' words stay marked as Vietnamese.
		if err := s.navigate(base + "/#province=province%3Alang-son&agency=agency%3Alang-son%3ACUSTOMS"); err != nil {
			t.Fatal(err)
		}
		waitNetwork(t, s, "province:lang-son")
		waitPanel(t, s, "agency:lang-son:CUSTOMS")
		legend := textOf(t, s, `[data-testid="legend"]`)
		for _, want := range []string{"Customs", "Border guard", "Hands off to", "Hide unlinked agencies"} {
			if !strings.Contains(legend, want) {
				t.Errorf("the English legend lacks %q: %q", want, legend)
			}
		}
		if got := textOf(t, s, `[data-testid="agency-kind"]`); got != "Customs" {
			t.Errorf("the agency's kind reads %q in English", got)
		}
		var langs []string
		if err := s.exec(&langs, `return [document.documentElement.lang,
			document.querySelector('[data-testid="agency-name"]').lang,
			document.querySelector('[data-testid="duty"] .text').lang]`); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(langs, []string{"en", "vi", "vi"}) {
			t.Errorf("lang of the page, an agency's name and a duty's text: %q, want en, vi, vi", langs)
		}
		saveScreenshot(t, s, "english")
		noPageErrors(t, s)
	})

	stayedHome(t, s, base)
}

// openComparison opens the comparison of Lạng Sơn with Điện Biên and
// returns its coverage matrices once drawn.
func openComparison(t *testing.T, s *session) []string {
	t.Helper()
	if err := s.click(must(s.find(`[data-testid="compare-open"]`))(t)); err != nil {
		t.Fatal(err)
	}
	for _, css := range []string{
		`[data-testid="compare-a"] option[value="province:lang-son"]`,
		`[data-testid="compare-b"] option[value="province:dien-bien"]`,
		`[data-testid="compare-submit"]`,
	} {
		if err := s.click(must(s.find(css))(t)); err != nil {
			t.Fatal(err)
		}
	}
	return waitElements(t, s, `[data-testid="compare-result"]:not([aria-busy]) [data-testid="coverage"]`)
}

// TestComparisonReachesTheLaw opens the comparison of the two provinces,
// opens a cell of the coverage matrix, follows the provision of a duty
// behind it into the document view and finds the provision marked there,
// with the document's metadata; no request leaves the server.
func TestComparisonReachesTheLaw(t *testing.T) {
	s, base := openExplorer(t)
	matrices := openComparison(t, s)
	if len(matrices) != 2 {
		t.Fatalf("%d coverage matrices, want one per province", len(matrices))
	}
	var states map[string]int
	if err := s.exec(&states, `const n = {};
		for (const c of document.querySelectorAll('[data-testid="matrix-cell"]')) n[c.dataset.state] = (n[c.dataset.state] ?? 0) + 1;
		return n`); err != nil {
		t.Fatal(err)
	}
	if states["LEAD"] == 0 || states["COORDINATE"] == 0 {
		t.Errorf("matrix cell states %v: want leads and co-ordinations", states)
	}
	t.Logf("matrix cells by state: %v", states)
	if got := textOf(t, s, `[data-testid="differences"]`); !strings.Contains(got, "Lạng Sơn") || !strings.Contains(got, "Điện Biên") {
		t.Errorf("the differences do not name both provinces: %.200q", got)
	}
	actionsNamed(t, s, `[data-testid="differences"] [data-testid="handoff-only"] .action`)
	// Customs leading anti-smuggling work in Lạng Sơn: a LEAD cell.
	cell := must(s.find(`[data-testid="coverage"][data-province="Lạng Sơn"] [data-testid="matrix-cell"][data-kind="CUSTOMS"][data-state="LEAD"]`))(t)
	if err := s.click(cell); err != nil {
		t.Fatal(err)
	}
	duties := waitElements(t, s, `[data-testid="cell-detail"] [data-testid="cell-duty"]`)
	first := must(s.text(duties[0]))(t)
	if !strings.Contains(first, "Chủ trì") || !strings.Contains(first, "Điều") {
		t.Errorf("the cell's first duty reads %q, want its role and provision", first)
	}
	saveScreenshot(t, s, "comparison")
	link := must(s.find(`[data-testid="cell-detail"] [data-testid="provision-link"]`))(t)
	href := must(s.attr(link, "href"))(t)
	if !strings.HasPrefix(href, "/van-ban/") || !strings.Contains(href, "#dieu-") {
		t.Fatalf("the provision links to %q, want /van-ban/…#dieu-…", href)
	}
	if err := s.click(link); err != nil {
		t.Fatal(err)
	}
	waitReady(t, s)
	anchor := href[strings.Index(href, "#")+1:]
	waitElements(t, s, `[data-testid="document"] [data-testid="provision"]`)
	var target struct {
		Found, Marked bool
		Top           float64
	}
	if err := s.exec(&target, `const el = document.getElementById(arguments[0]);
		return {Found: !!el, Marked: !!el && el.classList.contains('target'), Top: el ? el.getBoundingClientRect().top : -1}`, anchor); err != nil {
		t.Fatal(err)
	}
	if !target.Found || !target.Marked || target.Top < 0 || target.Top > 900 {
		t.Errorf("provision #%s in the document view: %+v; want it there, marked and scrolled into the window", anchor, target)
	}
	doc := textOf(t, s, `[data-testid="document"]`)
	for _, want := range []string{"83/2025/QĐ-UBND", "Ngày ban hành", "2025-10-25", "Thay thế", "09/2017/QĐ-UBND", "Căn cứ"} {
		if !strings.Contains(doc, want) {
			t.Errorf("the document view lacks %q", want)
		}
	}
	saveScreenshot(t, s, "document")
	noPageErrors(t, s)
	stayedHome(t, s, base)
}

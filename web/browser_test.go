package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/data"
	"github.com/regnet/regnet/loader"
	"github.com/regnet/regnet/server"
	"github.com/regnet/regnet/store/memory"
	"github.com/regnet/regnet/store/storetest"
	"github.com/regnet/regnet/web"
)

// waitTimeout bounds every wait for the page: long enough for a slow CI
// machine, short enough that a broken page fails quickly.
const waitTimeout = 20 * time.Second

// TestExplorerInBrowser drives the explorer in headless Chromium, as an
// analyst would use it, against the real server on the bundled documents.
// Each step is a subtest that needs the ones before it.
func TestExplorerInBrowser(t *testing.T) {
	chrome, chromedriver := browserBinaries(t)
	base := startServer(t)
	province := "Lạng Sơn"
	want := fetchNetwork(t, base, province)
	s := startDriver(t, chromedriver).newSession(t, chrome)

	steps := []struct {
		name string
		run  func(t *testing.T)
	}{
		{"page loads without errors", func(t *testing.T) {
			if err := s.navigate(base + "/"); err != nil {
				t.Fatal(err)
			}
			waitFor(t, "the provinces to load", func() (bool, error) {
				var ready bool
				err := s.exec(&ready, `return document.body.dataset.ready === "true"`)
				return ready, err
			})
			noPageErrors(t, s)
		}},
		{"choosing a province draws its network", func(t *testing.T) {
			option := optionByText(t, s, `[data-testid="province"] option`, province)
			value := must(s.attr(option, "value"))(t)
			if err := s.click(option); err != nil {
				t.Fatal(err)
			}
			waitFor(t, "the network of "+province, func() (bool, error) {
				var drawn bool
				err := s.exec(&drawn, `const net = document.querySelector('[data-testid="network"]');
					return net.dataset.province === arguments[0] && !net.hasAttribute('aria-busy')`, value)
				return drawn, err
			})
			var ids []string
			if err := s.exec(&ids, `return document.querySelector('[data-testid="network"]').cy.nodes().map((n) => n.id())`); err != nil {
				t.Fatal(err)
			}
			if len(ids) != len(want.Nodes) {
				t.Errorf("%d agency nodes drawn, network has %d", len(ids), len(want.Nodes))
			}
			for _, n := range want.Nodes {
				if !slices.Contains(ids, n.ID) {
					t.Errorf("node %s (%s) not drawn", n.ID, n.Label)
				}
			}
			var handoffs int
			if err := s.exec(&handoffs, `return document.querySelector('[data-testid="network"]').cy.edges('[type = "HANDS_OFF_TO"]').length`); err != nil {
				t.Fatal(err)
			}
			if wantHandoffs := want.countEdges("HANDS_OFF_TO"); handoffs != wantHandoffs || handoffs == 0 {
				t.Errorf("%d handoff edges drawn, network has %d", handoffs, wantHandoffs)
			}
			noPageErrors(t, s)
		}},
		{"clicking an agency shows its duties with provenance", func(t *testing.T) {
			const name = "Chi cục Hải quan khu vực VI"
			id := want.nodeID(t, name)
			tapNode(t, s, id)
			waitPanel(t, s, id)
			if got := textOf(t, s, `[data-testid="agency-name"]`); got != name {
				t.Errorf("panel names %q, want %q", got, name)
			}
			var selected bool
			if err := s.exec(&selected, `return document.querySelector('[data-testid="network"]').cy.getElementById(arguments[0]).hasClass('selected')`, id); err != nil {
				t.Fatal(err)
			}
			if !selected {
				t.Error("the tapped agency is not marked selected on the graph")
			}
			provenance := texts(t, s, `[data-testid="duty"] [data-testid="provenance"]`)
			if !slices.ContainsFunc(provenance, func(p string) bool {
				return strings.Contains(p, "Điều 7 khoản 4") && strings.Contains(p, "83/2025/QĐ-UBND")
			}) {
				t.Errorf("no duty cites Điều 7 khoản 4 of 83/2025/QĐ-UBND; provenance shown: %q", provenance)
			}
			if out := must(s.findAll(`[data-testid="handoff-out"]`))(t); len(out) == 0 {
				t.Error("no handoffs out shown; customs hands goods leaving the customs zone on")
			}
			actionsNamed(t, s, `[data-testid="handoff-out"] .action`)
			// The 2026 plan gives customs the review of customs rules, due
			// in February 2026 (gold: planActions2026).
			actions := texts(t, s, `[data-testid="plan-leads"] [data-testid="plan-action"]`)
			if !slices.ContainsFunc(actions, func(a string) bool {
				return strings.Contains(a, "Rà soát các quy định quản lý nhà nước về hải quan") && strings.Contains(a, "hạn 2026-02")
			}) {
				t.Errorf("the plan actions customs leads lack the review of customs rules, hạn 2026-02: %q", actions)
			}
			noPageErrors(t, s)
		}},
		{"the address keeps the view, and opening it restores it", func(t *testing.T) {
			id := want.nodeID(t, "Chi cục Hải quan khu vực VI")
			var url string
			if err := s.exec(&url, `return location.href`); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(url, "agency=") || !strings.Contains(url, "province=") {
				t.Fatalf("address %q does not hold the province and agency shown", url)
			}
			if err := s.navigate("about:blank"); err != nil { // leave, then come back by the address
				t.Fatal(err)
			}
			if err := s.navigate(url); err != nil {
				t.Fatal(err)
			}
			waitFor(t, "the page to restore the view", func() (bool, error) {
				var ready bool
				err := s.exec(&ready, `return document.body.dataset.ready === "true"`)
				return ready, err
			})
			waitPanel(t, s, id)
			var drawn int
			if err := s.exec(&drawn, `return document.querySelector('[data-testid="network"]').cy?.nodes().length ?? 0`); err != nil {
				t.Fatal(err)
			}
			if drawn != len(want.Nodes) {
				t.Errorf("restored view draws %d nodes, want %d", drawn, len(want.Nodes))
			}
			noPageErrors(t, s)
		}},
		{"search without diacritics lists customs agencies first", func(t *testing.T) {
			input := must(s.find(`[data-testid="search-input"]`))(t)
			if err := s.clear(input); err != nil {
				t.Fatal(err)
			}
			if err := s.sendKeys(input, "hai quan"); err != nil {
				t.Fatal(err)
			}
			if err := s.click(must(s.find(`[data-testid="search-submit"]`))(t)); err != nil {
				t.Fatal(err)
			}
			type hit struct{ Type, Kind, Agency string }
			var hits []hit
			waitFor(t, "search results", func() (bool, error) {
				err := s.exec(&hits, `const list = document.querySelector('[data-testid="search-results"]');
					if (list.hasAttribute('aria-busy')) return [];
					return [...list.querySelectorAll('[data-testid="search-result"]')].map((li) =>
						({Type: li.dataset.type, Kind: li.dataset.kind ?? '', Agency: li.dataset.agency ?? ''}))`)
				return len(hits) > 0, err
			})
			if hits[0].Type != "AGENCY" || hits[0].Kind != "CUSTOMS" {
				t.Fatalf("first result is %+v, want a CUSTOMS agency; results: %+v", hits[0], hits)
			}
			seenOther := false
			for i, h := range hits {
				switch {
				case h.Type != "AGENCY":
					seenOther = true
				case seenOther:
					t.Errorf("result %d is an agency listed after other results: %+v", i, hits)
				case h.Kind != "CUSTOMS":
					t.Errorf("result %d is a %s agency, want only customs agencies for hai quan", i, h.Kind)
				}
			}
			// A result selects its agency.
			first := must(s.find(`[data-testid="search-result"] button`))(t)
			if err := s.click(first); err != nil {
				t.Fatal(err)
			}
			waitPanel(t, s, hits[0].Agency)
			if kind := must(s.attr(must(s.find(`[data-testid="agency-kind"]`))(t), "data-kind"))(t); kind != "CUSTOMS" {
				t.Errorf("selected search result shows a %s agency, want CUSTOMS", kind)
			}
			if name := textOf(t, s, `[data-testid="agency-kind"]`); name != "Hải quan" {
				t.Errorf("the kind of the selected agency reads %q, want its Vietnamese name Hải quan", name)
			}
			noPageErrors(t, s)
		}},
		{"handoff chain leaving the customs zone", func(t *testing.T) {
			value := must(s.attr(optionByText(t, s, `[data-testid="chain-province"] option`, province), "value"))(t)
			for _, css := range []string{
				fmt.Sprintf(`[data-testid="chain-province"] option[value=%q]`, value),
				`[data-testid="chain-leaving"] option[value="CUSTOMS_ZONE"]`,
				`[data-testid="chain-entering"] option[value=""]`,
				`[data-testid="chain-submit"]`,
			} {
				if err := s.click(must(s.find(css))(t)); err != nil {
					t.Fatal(err)
				}
			}
			hops := waitElements(t, s, `[data-testid="chain-hops"]:not([aria-busy]) [data-testid="chain-hop"]`)
			if depth := must(s.attr(hops[0], "data-depth"))(t); depth != "1" {
				t.Errorf("first hop has depth %s, want 1", depth)
			}
			hopText := must(s.text(hops[0]))(t)
			var kinds []string
			for _, link := range must(s.findAllIn(hops[0], `[data-testid="agency-link"]`))(t) {
				kinds = append(kinds, must(s.attr(link, "data-kind"))(t))
			}
			for _, kind := range []string{"POLICE", "BORDER_GUARD", "MARKET_MANAGEMENT"} {
				if !slices.Contains(kinds, kind) {
					t.Errorf("first hop names no %s agency (kinds named: %v)", kind, kinds)
				}
				if !slices.ContainsFunc(want.labelsOf(kind), func(l string) bool { return strings.Contains(hopText, l) }) {
					t.Errorf("first hop text names none of the %s agencies %q:\n%s", kind, want.labelsOf(kind), hopText)
				}
			}
			if !strings.Contains(hopText, "83/2025/QĐ-UBND") {
				t.Errorf("first hop does not cite its document:\n%s", hopText)
			}
			noPageErrors(t, s)
		}},
		{"an API error is shown with its code", func(t *testing.T) {
			// A chain with no starting area is refused by the API (BAD_USER_INPUT).
			for _, css := range []string{`[data-testid="chain-leaving"] option[value=""]`, `[data-testid="chain-submit"]`} {
				if err := s.click(must(s.find(css))(t)); err != nil {
					t.Fatal(err)
				}
			}
			waitFor(t, "the error bar", func() (bool, error) {
				var shown bool
				err := s.exec(&shown, `const bar = document.querySelector('[data-testid="error"]');
					return !bar.hidden && bar.dataset.code === 'BAD_USER_INPUT'`)
				return shown, err
			})
			if msg := textOf(t, s, `[data-testid="error"]`); !strings.Contains(msg, "BAD_USER_INPUT") {
				t.Errorf("error bar says %q, want the code BAD_USER_INPUT in it", msg)
			}
			noPageErrors(t, s)
		}},
	}
	for _, step := range steps {
		if !t.Run(step.name, step.run) {
			return // the later steps build on this one
		}
	}
}

// browserBinaries returns Chromium's and chromedriver's paths ($CHROME_BIN
// and $CHROMEDRIVER, by default Debian's). Without them the test is skipped
// on a developer's machine and fails in CI, where scripts/install-browser
// must have run.
// TestExplorerShowsEvidence opens the explorer on a hand-built dataset whose
// duties carry evidence and a reporting line (storetest.Fixture): the agency
// panel shows, for each duty, the words its role, fields and areas were read
// from, who the agency reports to, and the network draws the reporting line.
func TestExplorerShowsEvidence(t *testing.T) {
	chrome, chromedriver := browserBinaries(t)
	base := serve(t, memory.New(storetest.Fixture()))
	s := startDriver(t, chromedriver).newSession(t, chrome)
	const police = "agency:lang-son:POLICE"
	if err := s.navigate(base + "/#province=province%3Alang-son&agency=" + police); err != nil {
		t.Fatal(err)
	}
	waitPanel(t, s, police)
	var why string
	if err := s.exec(&why, `const d = document.querySelector('[data-testid="duty"][data-id$="#duty/lead"]');
		return d ? d.querySelector('[data-testid="evidence"]')?.textContent ?? '' : ''`); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Chủ trì ← «Chủ trì»", "FOOD_SAFETY ← «an toàn thực phẩm»", "báo cáo cho ← «báo cáo Ủy ban nhân dân tỉnh"} {
		if !strings.Contains(why, want) {
			t.Errorf("the lead duty's evidence %q lacks %q", why, want)
		}
	}
	line := textOf(t, s, `[data-testid="duty-reports-to"]`)
	if !strings.Contains(line, "Ủy ban nhân dân tỉnh Lạng Sơn") || !strings.Contains(line, "trước ngày 15 hằng tháng") {
		t.Errorf("the duty's reporting line reads %q", line)
	}
	if got := textOf(t, s, `[data-testid="reports-to"]`); !strings.Contains(got, "Ủy ban nhân dân tỉnh Lạng Sơn") {
		t.Errorf("the agency's reporting lines read %q", got)
	}
	waitFor(t, "a reporting line drawn", func() (bool, error) {
		var n int
		err := s.exec(&n, `return document.querySelector('[data-testid="network"]').cy?.edges('[type = "REPORTS_TO"]').length ?? 0`)
		return n > 0, err
	})
	noPageErrors(t, s)
}

func browserBinaries(t *testing.T) (chrome, chromedriver string) {
	t.Helper()
	chrome = envOr("CHROME_BIN", "/usr/bin/chromium")
	chromedriver = envOr("CHROMEDRIVER", "/usr/bin/chromedriver")
	var missing []string
	for _, bin := range []string{chrome, chromedriver} {
		if fi, err := os.Stat(bin); err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
			missing = append(missing, bin)
		}
	}
	if len(missing) > 0 {
		msg := fmt.Sprintf("browser test needs %s: run scripts/install-browser, or set CHROME_BIN and CHROMEDRIVER", strings.Join(missing, " and "))
		if os.Getenv("CI") == "" {
			t.Skip(msg)
		}
		t.Fatal(msg + " (CI is set, so this is a failure, not a skip)")
	}
	return chrome, chromedriver
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

// startServer serves the bundled documents from memory with the explorer on
// a loopback port until the test ends, and returns its base URL.
func startServer(t *testing.T) string {
	t.Helper()
	ds, err := loader.New().ParseFS(data.FS, ".")
	if err != nil {
		t.Fatalf("parse the bundled documents: %v", err)
	}
	return serve(t, memory.New(ds))
}

// serve starts the server with the explorer over store and returns its base URL.
func serve(t *testing.T, store regnet.Store) string {
	t.Helper()
	srv, err := server.New(server.Config{Store: store, Explorer: web.Handler()})
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("server: %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}

// network is what the API's network query answers: what the page must draw.
type network struct {
	Nodes []struct{ ID, Label, Kind string }
	Edges []struct{ Source, Target, Type string }
}

// fetchNetwork asks the API itself for a province's network, so that the
// test compares the drawing with the data rather than with numbers of its own.
func fetchNetwork(t *testing.T, base, province string) network {
	t.Helper()
	body, err := json.Marshal(map[string]any{
		"query":     `query($p: String!) { network(province: $p) { nodes { id label kind } edges { source target type } } }`,
		"variables": map[string]string{"p": province},
	})
	if err != nil {
		t.Fatal(err)
	}
	res, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("query the network of %s: %v", province, err)
	}
	defer res.Body.Close()
	var answer struct {
		Data struct {
			Network network `json:"network"`
		} `json:"data"`
		Errors []struct{ Message string } `json:"errors"`
	}
	if err := json.NewDecoder(res.Body).Decode(&answer); err != nil {
		t.Fatalf("decode the network of %s: %v", province, err)
	}
	if len(answer.Errors) > 0 || len(answer.Data.Network.Nodes) == 0 {
		t.Fatalf("network of %s: errors %v, %d nodes", province, answer.Errors, len(answer.Data.Network.Nodes))
	}
	return answer.Data.Network
}

// nodeID returns the id of the node labelled label.
func (n network) nodeID(t *testing.T, label string) string {
	t.Helper()
	for _, node := range n.Nodes {
		if node.Label == label {
			return node.ID
		}
	}
	t.Fatalf("the network has no node %q", label)
	return ""
}

// labelsOf returns the labels of the nodes of one agency kind.
func (n network) labelsOf(kind string) []string {
	var labels []string
	for _, node := range n.Nodes {
		if node.Kind == kind {
			labels = append(labels, node.Label)
		}
	}
	return labels
}

// countEdges counts the edges of a type between two different nodes (a
// self-loop has no line to draw).
func (n network) countEdges(typ string) int {
	count := 0
	for _, e := range n.Edges {
		if e.Type == typ && e.Source != e.Target {
			count++
		}
	}
	return count
}

// waitFor polls cond until it holds, failing the test after waitTimeout with
// the last error cond returned (elements being redrawn are retried).
func waitFor(t *testing.T, what string, cond func() (bool, error)) {
	t.Helper()
	deadline := time.Now().Add(waitTimeout)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	var last error
	for {
		ok, err := cond()
		if err == nil && ok {
			return
		}
		if err != nil {
			last = err
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s (last error: %v)", waitTimeout, what, last)
		}
		<-tick.C
	}
}

// waitElements waits until at least one element matches css and returns them all.
func waitElements(t *testing.T, s *session, css string) []string {
	t.Helper()
	var found []string
	waitFor(t, css, func() (bool, error) {
		var err error
		found, err = s.findAll(css)
		return len(found) > 0, err
	})
	return found
}

// waitPanel waits until the agency panel shows the agency id, loaded.
func waitPanel(t *testing.T, s *session, id string) {
	t.Helper()
	waitFor(t, "the panel of "+id, func() (bool, error) {
		var shown bool
		err := s.exec(&shown, `const p = document.querySelector('[data-testid="agency-panel"]');
			return p.dataset.id === arguments[0] && !p.hasAttribute('aria-busy')`, id)
		return shown, err
	})
}

// optionByText returns the option among those matching css whose text is text.
func optionByText(t *testing.T, s *session, css, text string) string {
	t.Helper()
	var seen []string
	for _, option := range waitElements(t, s, css) {
		got := must(s.text(option))(t)
		if got == text {
			return option
		}
		seen = append(seen, got)
	}
	t.Fatalf("no option %q among %q", text, seen)
	return ""
}

// actionsNamed checks that the handoff actions matching css are shown by
// their Vietnamese names from the table of names, never as bare codes, and
// that there are some.
func actionsNamed(t *testing.T, s *session, css string) {
	t.Helper()
	els := must(s.findAll(css))(t)
	if len(els) == 0 {
		t.Errorf("no handoff action shown at %s", css)
	}
	for _, el := range els {
		code := must(s.attr(el, "data-action"))(t)
		l, ok := regnet.Labels.HandoffActions[code]
		if got := must(s.text(el))(t); !ok || got != l.VI {
			t.Errorf("handoff action %q is shown as %q, want the table's name %q", code, got, l.VI)
		}
	}
}

// textOf returns the text of the first element matching css.
func textOf(t *testing.T, s *session, css string) string {
	t.Helper()
	return must(s.text(must(s.find(css))(t)))(t)
}

// texts returns the texts of every element matching css.
func texts(t *testing.T, s *session, css string) []string {
	t.Helper()
	var out []string
	for _, el := range must(s.findAll(css))(t) {
		out = append(out, must(s.text(el))(t))
	}
	return out
}

// noPageErrors fails the test if the page recorded any error of its own
// (web/static/errors.js collects uncaught errors, rejected promises,
// console.error calls and CSP violations).
func noPageErrors(t *testing.T, s *session) {
	t.Helper()
	var errs *[]string
	if err := s.exec(&errs, `return window.regnetErrors ?? null`); err != nil {
		t.Fatalf("read the page's errors: %v", err)
	}
	if errs == nil {
		t.Fatal("window.regnetErrors is missing: errors.js did not run")
	}
	if len(*errs) > 0 {
		t.Errorf("the page recorded errors:\n%s", strings.Join(*errs, "\n"))
	}
}

// must turns a value-and-error call into a value, failing the test on error:
// must(s.find(css))(t).
func must[T any](v T, err error) func(t *testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// tapNode taps an agency on the drawn graph, as a click on it would.
func tapNode(t *testing.T, s *session, id string) {
	t.Helper()
	var found bool
	if err := s.exec(&found, `const n = document.querySelector('[data-testid="network"]').cy.getElementById(arguments[0]);
		if (n.empty()) return false;
		n.emit('tap');
		return true`, id); err != nil {
		t.Fatal(err)
	}
	if !found {
		t.Fatalf("agency %s is not drawn", id)
	}
}

package web_test

import (
	"os"
	"path/filepath"
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

package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/regnet/regnet/web"
)

// get sends one request to the explorer's handler and returns the response
// and its body.
func get(t *testing.T, method, path string) (*http.Response, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	web.Handler().ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	res := rec.Result()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("read body of %s %s: %v", method, path, err)
	}
	return res, string(body)
}

func TestIndex(t *testing.T) {
	res, body := get(t, http.MethodGet, "/")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /: status %d, want 200", res.StatusCode)
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("GET /: Content-Type %q, want text/html; charset=utf-8", ct)
	}
	for _, want := range []string{`<meta charset="utf-8">`, `src="/app.js"`, `data-testid="network"`, `<html lang="vi">`} {
		if !strings.Contains(body, want) {
			t.Errorf("GET /: body lacks %s", want)
		}
	}
}

// TestPages: a document's address serves the explorer's page, /graphiql
// GraphiQL's, and /labels.json the table of names.
func TestPages(t *testing.T) {
	for path, want := range map[string]string{
		"/van-ban/83-2025-qd-ubnd": `src="/app.js"`,
		"/graphiql":                `vendor/graphiql.min.js`,
		"/labels.json":             `"CUSTOMS":{"vi":"Hải quan","en":"Customs"}`,
	} {
		res, body := get(t, http.MethodGet, path)
		if res.StatusCode != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("GET %s: status %d, body without %s", path, res.StatusCode, want)
		}
	}
	for _, path := range []string{"/van-ban/", "/van-ban/a/b"} {
		if res, _ := get(t, http.MethodGet, path); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", path, res.StatusCode)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	for _, path := range []string{"/", "/app.js", "/style.css", "/no-such-file"} {
		res, _ := get(t, http.MethodGet, path)
		csp := res.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("GET %s: Content-Security-Policy %q lacks default-src 'self'", path, csp)
		}
		// Only 'self' may be allowed: no other source, no inline code, no eval.
		for _, loose := range []string{"unsafe-inline", "unsafe-eval", "*", "http:", "https:", "data:"} {
			if strings.Contains(csp, loose) {
				t.Errorf("GET %s: Content-Security-Policy %q allows %s", path, csp, loose)
			}
		}
		if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("GET %s: X-Content-Type-Options %q, want nosniff", path, got)
		}
	}
}

func TestContentTypes(t *testing.T) {
	tests := []struct{ path, want string }{
		{"/app.js", "text/javascript; charset=utf-8"},
		{"/api.js", "text/javascript; charset=utf-8"},
		{"/graph.js", "text/javascript; charset=utf-8"},
		{"/errors.js", "text/javascript; charset=utf-8"},
		{"/style.css", "text/css; charset=utf-8"},
		{"/favicon.svg", "image/svg+xml"},
	}
	for _, tt := range tests {
		res, body := get(t, http.MethodGet, tt.path)
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET %s: status %d, want 200", tt.path, res.StatusCode)
			continue
		}
		if ct := res.Header.Get("Content-Type"); ct != tt.want {
			t.Errorf("GET %s: Content-Type %q, want %q", tt.path, ct, tt.want)
		}
		if body == "" {
			t.Errorf("GET %s: empty body", tt.path)
		}
	}
}

func TestUnknownPath(t *testing.T) {
	for _, path := range []string{"/no-such-file", "/no-such.js", "/static/app.js", "/sub/"} {
		res, _ := get(t, http.MethodGet, path)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", path, res.StatusCode)
		}
		if ct := res.Header.Get("Content-Type"); strings.Contains(ct, "javascript") {
			t.Errorf("GET %s: a 404 is served as %q", path, ct)
		}
	}
}

func TestMethods(t *testing.T) {
	res, body := get(t, http.MethodHead, "/app.js")
	if res.StatusCode != http.StatusOK || body != "" {
		t.Errorf("HEAD /app.js: status %d, %d body bytes; want 200 and none", res.StatusCode, len(body))
	}
	res, _ = get(t, http.MethodPost, "/")
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /: status %d, want 405", res.StatusCode)
	}
	if allow := res.Header.Get("Allow"); allow != "GET, HEAD" {
		t.Errorf("POST /: Allow %q, want GET, HEAD", allow)
	}
}

// Package web is regnet's explorer: a static page of HTML, CSS and plain
// JavaScript modules that reads the GraphQL API at /graphql, and the
// GraphiQL page at /graphiql. It has no build step; its third-party libraries
// (Cytoscape.js, GraphiQL and React) are copied from npm at pinned versions
// into static/vendor by scripts/vendor-web, and everything is embedded so
// that the binary serves it offline.
package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/regnet/regnet"
)

//go:embed static
var static embed.FS

// ContentSecurityPolicy is sent with every file of the explorer. The page
// loads scripts, styles, images and data from its own origin only, and has no
// inline script or style, so nothing else needs allowing: injected markup
// cannot run code or send data elsewhere.
const ContentSecurityPolicy = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"

// GraphiQLPolicy is sent with the GraphiQL page. GraphiQL's editor writes
// its own style elements, so inline styles are allowed there; scripts and
// requests are still held to the page's origin.
const GraphiQLPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"

// contentTypes fixes the types of the explorer's files. http.FileServer
// would otherwise take them from the host's MIME tables, which differ between
// machines (application/javascript, text/javascript, or nothing at all for
// .mjs), and a module script with the wrong type does not run.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".svg":  "image/svg+xml",
}

// labelsJSON is regnet.Labels as the explorer reads it.
var labelsJSON = func() []byte {
	b, err := json.Marshal(regnet.Labels)
	if err != nil {
		panic("web: labels: " + err.Error()) // a table of strings always marshals
	}
	return b
}()

// Handler serves the explorer: index.html at "/", GraphiQL at "/graphiql",
// the table of names at "/labels.json",
// their scripts, styles and icon beside them, 404 for anything else. Only GET
// and HEAD are allowed.
func Handler() http.Handler {
	root, err := fs.Sub(static, "static")
	if err != nil {
		// The directory is embedded at build time; this cannot fail at run time.
		panic("web: embedded files missing: " + err.Error())
	}
	files := http.FileServerFS(root)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		if r.URL.Path == "/graphiql" {
			h.Set("Content-Security-Policy", GraphiQLPolicy)
		} else {
			h.Set("Content-Security-Policy", ContentSecurityPolicy)
		}
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		// The files carry no modification time, so ask browsers to check
		// every time: a new binary's explorer is then picked up at once.
		h.Set("Cache-Control", "no-cache")
		name := r.URL.Path
		if strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		if name == "/labels.json" {
			h.Set("Content-Type", "application/json; charset=utf-8")
			_, _ = w.Write(labelsJSON)
			return
		}
		// A document's page (/van-ban/83-2025-qd-ubnd) is the explorer's
		// page, which reads the address; GraphiQL has a page of its own.
		switch {
		case regnet.DocumentIDFromURL(r.URL.Path) != "":
			servePage(w, r, root, "index.html")
			return
		case name == "/graphiql":
			servePage(w, r, root, "graphiql.html")
			return
		}
		if t, ok := contentTypes[path.Ext(name)]; ok {
			h.Set("Content-Type", t)
		}
		files.ServeHTTP(w, r)
	})
}

// servePage answers with one embedded HTML page under another address (the
// file server would redirect a request for index.html to its folder).
func servePage(w http.ResponseWriter, r *http.Request, root fs.FS, name string) {
	b, err := fs.ReadFile(root, name)
	if err != nil {
		http.Error(w, "page missing", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentTypes[".html"])
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
}

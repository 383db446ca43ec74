package server

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/regnet/regnet/data"
	"github.com/regnet/regnet/graph"
	"github.com/regnet/regnet/loader"
	"github.com/regnet/regnet/store/memory"
)

// TestPostJSONAnswersAsPOST sends the same requests to gqlgen's POST
// transport and to postJSON over HTTP and checks that the answers are the
// same, byte for byte: the client queries, and requests that fail in each
// way a transport handles (a body that is not JSON, a document that does
// not parse or validate, an error while executing), in each media type.
func TestPostJSONAnswersAsPOST(t *testing.T) {
	ds, err := loader.New().ParseFS(data.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	store := memory.New(ds)
	serve := func(tr graphql.Transport) *httptest.Server {
		h := handler.New(graph.NewSchema(store))
		h.AddTransport(tr)
		srv := httptest.NewServer(graph.Middleware(store, 0)(h))
		t.Cleanup(srv.Close)
		return srv
	}
	theirs, ours := serve(transport.POST{}), serve(postJSON{})

	bodies := map[string]string{
		"not JSON":          `{"query": `,
		"does not parse":    `{"query": "{ agencies { "}`,
		"does not validate": `{"query": "{ nothing }"}`,
		"fails running":     `{"query": "{ agency(id: \"agency:nowhere:X\") { id } }"}`,
		"bad variables":     `{"query": "query($n: Int) { agencies(first: $n) { totalCount } }", "variables": {"n": "x"}}`,
	}
	files, _ := filepath.Glob("../graph/testdata/queries/*.graphql")
	more, _ := filepath.Glob("../loadtest/queries/*.graphql")
	files = append(files, more...)
	if len(files) < 8 {
		t.Fatalf("found only %d query files", len(files))
	}
	for _, f := range files {
		q, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(map[string]string{"query": string(q)})
		bodies[f] = string(b)
	}
	short := 0
	for name, body := range bodies {
		for _, accept := range []string{"", "application/json", "application/graphql-response+json", "*/*", "text/html"} {
			get := func(srv *httptest.Server) (int, string, string) {
				req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				if accept != "" {
					req.Header.Set("Accept", accept)
				}
				resp, err := srv.Client().Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				b, _ := io.ReadAll(resp.Body)
				return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
			}
			s1, ct1, b1 := get(theirs)
			s2, ct2, b2 := get(ours)
			if s1 != s2 || ct1 != ct2 || b1 != b2 {
				t.Errorf("%s, Accept %q:\ntransport.POST: %d %s %.300s\npostJSON:       %d %s %.300s", name, accept, s1, ct1, b1, s2, ct2, b2)
			}
			if bytes.HasPrefix([]byte(b2), []byte(`{"data":`)) && !strings.Contains(b2, `"errors"`) {
				short++
			}
		}
	}
	if short == 0 {
		t.Error("no answer took the short way")
	}
}

// TestWriteEscaped checks writeEscaped against json.Marshal of the same
// compact JSON.
func TestWriteEscaped(t *testing.T) {
	for _, in := range []string{
		`{}`, `{"a":"b"}`, `{"a":"<b>&amp;</b>"}`, `["\u2028","x\u2029y","…–"]`,
		"[\"\xe2\x80\xa8\",\"\xe2\x80\xa9\",\"\xe2\x80\xa6\",\"\xe2\x80\"]", `{"a":"Hải quan & Biên phòng"}`, `"&"`,
	} {
		want, err := json.Marshal(json.RawMessage(in))
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		var got bytes.Buffer
		writeEscaped(&got, []byte(in))
		if got.String() != string(want) {
			t.Errorf("writeEscaped(%s) = %s, want %s", in, got.String(), want)
		}
	}
}

// BenchmarkTransport measures the server's side of answering Lạng Sơn's
// agencies with their duties (loadtest/queries/province.graphql, 60 KB)
// from a memory store, through gqlgen's POST transport and through
// postJSON:
//
//	go test ./server -run '^$' -bench Transport -benchmem
func BenchmarkTransport(b *testing.B) {
	ds, err := loader.New().ParseFS(data.FS, ".")
	if err != nil {
		b.Fatal(err)
	}
	store := memory.New(ds)
	q, err := os.ReadFile("../loadtest/queries/province.graphql")
	if err != nil {
		b.Fatal(err)
	}
	body, _ := json.Marshal(map[string]string{"query": string(q)})
	for _, tc := range []struct {
		name string
		tr   graphql.Transport
	}{{"POST", transport.POST{}}, {"postJSON", postJSON{}}} {
		b.Run(tc.name, func(b *testing.B) {
			h := handler.New(graph.NewSchema(store))
			h.AddTransport(tc.tr)
			srv := graph.Middleware(store, 0)(h)
			for b.Loop() {
				req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				rec := httptest.NewRecorder()
				srv.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK || rec.Body.Len() < 10000 {
					b.Fatalf("%d %.200s", rec.Code, rec.Body.String())
				}
			}
		})
	}
}

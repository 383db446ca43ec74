package server

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// postJSON is gqlgen's POST transport (transport.POST, GraphQL over HTTP)
// but for how it writes an answer. transport.POST passes the whole answer
// through json.Marshal, which checks and compacts the data gqlgen has just
// written compact itself: for an answer of 60 KB that was a tenth of the
// server's CPU. An answer with data and nothing else is written here as
// {"data":…} around those bytes; any other (errors, extensions) goes
// through json.Marshal as before. What it reads, the media type it picks
// and the statuses it writes are transport.POST's.
type postJSON struct{ transport.POST }

var _ graphql.Transport = postJSON{}

func (t postJSON) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	contentType := responseMediaType(r)
	w.Header().Set("Content-Type", contentType)
	start := graphql.Now()
	body, err := io.ReadAll(r.Body)
	if err != nil {
		writeAnswer(w, exec.DispatchError(ctx, gqlerror.List{gqlerror.Errorf("could not read request body: %+v", err)}))
		return
	}
	params := &graphql.RawParams{}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(params); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		writeAnswer(w, exec.DispatchError(ctx, gqlerror.List{gqlerror.Errorf(
			"json request body could not be decoded: %+v body:%s", err, body)}))
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}
	rc, opErr := exec.CreateOperationContext(ctx, params)
	if opErr != nil {
		w.WriteHeader(requestErrorStatus(contentType, opErr))
		writeAnswer(w, exec.DispatchError(graphql.WithOperationContext(ctx, rc), opErr))
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, rc)
	writeAnswer(w, responses(ctx))
}

// Media types of an answer, as transport.POST names them.
const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

// responseMediaType is the media type transport.POST answers r in: the
// first GraphQL media type its Accept header names, application/json for
// none or a wildcard, application/graphql-response+json when it names
// others only.
func responseMediaType(r *http.Request) string {
	accept := r.Header.Get("Accept")
	if accept == "" {
		return mediaJSON
	}
	for part := range strings.SplitSeq(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mt {
		case "*/*", "application/*", mediaJSON:
			return mediaJSON
		case mediaGraphQLResponse:
			return mediaGraphQLResponse
		}
	}
	return mediaGraphQLResponse
}

// requestErrorStatus is transport.POST's status for an operation that
// could not start: 422 in application/json, 400 in
// application/graphql-response+json, for a document that does not parse or
// validate; 200 for others. overHTTP corrects it where GraphQL over HTTP
// asks otherwise.
func requestErrorStatus(contentType string, errs gqlerror.List) int {
	if errcode.GetErrorKind(errs) != errcode.KindProtocol {
		return http.StatusOK
	}
	if contentType == mediaGraphQLResponse {
		return http.StatusBadRequest
	}
	return http.StatusUnprocessableEntity
}

// writeAnswer writes a GraphQL answer as transport.POST does, byte for
// byte, but without re-encoding the data of an answer that has nothing
// else: gqlgen writes that data as compact JSON itself (its marshalers
// write no spaces, and transport.POST panics on data that is not JSON), so
// only the escapes json.Marshal adds are added (see writeEscaped).
func writeAnswer(w io.Writer, resp *graphql.Response) {
	if len(resp.Errors) == 0 && resp.Label == "" && resp.Path == nil && resp.HasNext == nil &&
		len(resp.Extensions) == 0 && len(resp.Data) > 0 {
		_, _ = io.WriteString(w, `{"data":`)
		writeEscaped(w, resp.Data)
		_, _ = io.WriteString(w, `}`)
		return
	}
	b, err := json.Marshal(resp)
	if err != nil {
		b, _ = json.Marshal(&graphql.Response{Errors: gqlerror.List{{Message: "internal error: the answer could not be written"}}})
	}
	_, _ = w.Write(b)
}

// writeEscaped writes compact JSON as json.Marshal writes a RawMessage:
// <, > and & as \u003c, \u003e and \u0026, and U+2028 and U+2029 as
// \u2028 and \u2029. In compact JSON those occur only inside strings,
// where the escapes mean the same.
func writeEscaped(w io.Writer, data []byte) {
	const hex = "0123456789abcdef"
	start := 0
	for i := 0; i < len(data); i++ {
		var esc string
		switch c := data[i]; {
		case c == '<' || c == '>' || c == '&':
			esc = `\u00` + string(hex[c>>4]) + string(hex[c&0xF])
		case c == 0xE2 && i+2 < len(data) && data[i+1] == 0x80 && data[i+2]&^1 == 0xA8:
			esc = `\u202` + string(hex[data[i+2]&0xF])
		default:
			continue
		}
		_, _ = w.Write(data[start:i])
		_, _ = io.WriteString(w, esc)
		if data[i] == 0xE2 {
			i += 2
		}
		start = i + 1
	}
	_, _ = w.Write(data[start:])
}

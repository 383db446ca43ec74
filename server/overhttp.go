package server

import (
	"encoding/json"
	"mime"
	"net/http"
	"strings"
)

// GraphQL over HTTP asks different statuses of a request error (a document
// that does not parse or validate, variables that do not coerce, and this
// server's own limits checked before anything runs) per the media type the
// answer is in:
//
//   - application/json, when the client asks for it by name: 200, with the
//     errors in the body, so that a client that reads only JSON bodies sees
//     them as it sees any other GraphQL error (a body that is not JSON at all
//     is not a GraphQL request and stays 400);
//   - application/graphql-response+json: 4xx, and the body has no data entry,
//     since nothing was executed.
//
// A client that names neither (no Accept header, or */*) keeps the 422 it
// has always had. gqlgen picks the media type and writes 422 or 400; overHTTP
// corrects what it wrote. Every error keeps its extensions.code.
func overHTTP(r *http.Request, header http.Header, status int, body []byte) (int, []byte) {
	if status != http.StatusUnprocessableEntity && status != http.StatusBadRequest {
		return status, body
	}
	ct, _, _ := mime.ParseMediaType(header.Get("Content-Type"))
	switch {
	case ct == "application/json" && status == http.StatusUnprocessableEntity && namesJSON(r.Header.Values("Accept")):
		return http.StatusOK, body
	case ct == "application/graphql-response+json":
		var answer map[string]json.RawMessage
		if json.Unmarshal(body, &answer) != nil || answer["errors"] == nil {
			return status, body
		}
		if _, ok := answer["data"]; !ok {
			return status, body
		}
		delete(answer, "data")
		b, err := json.Marshal(answer)
		if err != nil {
			return status, body
		}
		return status, b
	}
	return status, body
}

// namesJSON reports whether application/json is the first of the GraphQL
// media types an Accept header names, as gqlgen reads it: before
// application/graphql-response+json and before a wildcard.
func namesJSON(accept []string) bool {
	for _, line := range accept {
		for part := range strings.SplitSeq(line, ",") {
			mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
			if err != nil {
				continue
			}
			switch mt {
			case "application/json":
				return true
			case "application/graphql-response+json", "*/*", "application/*":
				return false
			}
		}
	}
	return false
}

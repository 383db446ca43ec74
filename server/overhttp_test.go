package server_test

import (
	"net/http"
	"testing"
)

// TestRequestErrorsByMediaType checks the statuses GraphQL over HTTP asks
// of a request error per the media type the client accepts: 200 for
// application/json asked for by name, 4xx without a data entry for
// application/graphql-response+json, 422 for a client that names neither;
// the code is the same in all three.
func TestRequestErrorsByMediaType(t *testing.T) {
	srv := fixtureServer(t, noPenalty)
	jsonAccept := http.Header{"Accept": {"application/json"}}
	gqlAccept := http.Header{"Accept": {"application/graphql-response+json"}}
	for _, tc := range []struct {
		name   string
		body   []byte
		header http.Header
		status int
		code   string
		noData bool
	}{
		{"parse, json", jsonQuery(`{ agencies { `), jsonAccept, 200, "GRAPHQL_PARSE_FAILED", false},
		{"validation, json", jsonQuery(`{ agencies { nope } }`), jsonAccept, 200, "GRAPHQL_VALIDATION_FAILED", false},
		{"too deep, json", jsonQuery(nest(11)), jsonAccept, 200, "QUERY_TOO_COMPLEX", false},
		{"variables, json", []byte(`{"query": "query($f: Int) { agencies(first: $f) { totalCount } }", "variables": {"f": "many"}}`), jsonAccept, 200, "GRAPHQL_VALIDATION_FAILED", false},
		{"json first in a list", jsonQuery(`{ agencies { nope } }`), http.Header{"Accept": {"application/json, application/graphql-response+json"}}, 200, "GRAPHQL_VALIDATION_FAILED", false},
		{"parse, graphql-response+json", jsonQuery(`{ agencies { `), gqlAccept, 400, "GRAPHQL_PARSE_FAILED", true},
		{"validation, graphql-response+json", jsonQuery(`{ agencies { nope } }`), gqlAccept, 400, "GRAPHQL_VALIDATION_FAILED", true},
		{"validation, no Accept", jsonQuery(`{ agencies { nope } }`), nil, 422, "GRAPHQL_VALIDATION_FAILED", false},
		{"not JSON, json", []byte(`{"query": `), jsonAccept, 400, "BAD_REQUEST", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := srv.Post(t, tc.body, tc.header)
			if r.Status != tc.status || len(r.Errors) == 0 || r.Errors[0].Code() != tc.code {
				t.Fatalf("status %d, errors %+v; want %d and %s", r.Status, r.Errors, tc.status, tc.code)
			}
			if tc.noData && r.Data != nil {
				t.Errorf("the answer has a data entry (%s); want none", r.Data)
			}
		})
	}
}

package e2e_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/server/servertest"
)

// TestLongSearchRefused: a search text over the bounds is BAD_USER_INPUT on
// both stores, at about the cost of a normal search (on Neo4j it used to
// reach Lucene, fail past 1,024 clauses and log an internal error), and
// the server answers normal searches after it.
func TestLongSearchRefused(t *testing.T) {
	forEachStore(t, func(t *testing.T, srv *servertest.Server, _ regnet.Store) {
		const normalQ = `{ search(text: "hai quan", first: 10) { id } }`
		normal := time.Hour
		for range 5 {
			start := time.Now()
			srv.MustQuery(t, normalQ, nil)
			normal = min(normal, time.Since(start))
		}
		for name, text := range map[string]string{
			"1,100 words":           strings.Repeat("a ", 1100),
			"17 words":              strings.Repeat("hai ", regnet.MaxSearchWords+1),
			"201 bytes in one word": strings.Repeat("x", regnet.MaxSearchLength+1),
		} {
			t.Run(name, func(t *testing.T) {
				start := time.Now()
				r := srv.Query(t, `query($t: String!) { search(text: $t) { id } }`, map[string]any{"t": text})
				took := time.Since(start)
				if !slices.Equal(r.Codes(), []string{"BAD_USER_INPUT"}) {
					t.Errorf("codes %v (%.200v); want BAD_USER_INPUT", r.Codes(), r.Errors)
				}
				if took > 20*normal {
					t.Errorf("refused after %v; a normal search takes %v", took, normal)
				}
				srv.MustQuery(t, normalQ, nil)
			})
		}
	})
}

// TestIntrospectionWithinLimits: GraphiQL's introspection query passes the
// limits on both stores.
func TestIntrospectionWithinLimits(t *testing.T) {
	forEachStore(t, func(t *testing.T, srv *servertest.Server, _ regnet.Store) {
		r := srv.Query(t, introspection, nil)
		if r.Status != http.StatusOK || len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"AgencyKind"`) {
			t.Errorf("introspection: status %d, errors %+v", r.Status, r.Errors)
		}
	})
}

// introspection is the query GraphiQL sends.
const introspection = `query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } }
}`

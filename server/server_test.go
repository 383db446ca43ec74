package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/server"
	"github.com/regnet/regnet/server/servertest"
	"github.com/regnet/regnet/store/memory"
	"github.com/regnet/regnet/store/storetest"
)

func fixtureStore() regnet.Store { return memory.New(storetest.Fixture()) }

func fixtureServer(t *testing.T, configure ...func(*server.Config)) *servertest.Server {
	t.Helper()
	return servertest.New(t, fixtureStore(), configure...)
}

func contractQuery(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "graph", "testdata", "queries", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestContractQueries sends every client query of the contract, verbatim,
// and checks the answers against the fixture's facts.
func TestContractQueries(t *testing.T) {
	srv := fixtureServer(t)

	t.Run("agency", func(t *testing.T) {
		var data struct {
			Agencies struct {
				TotalCount int
				Edges      []struct {
					Cursor string
					Node   struct {
						ID, Name, Kind, Level string
						Province              struct{ Name string }
						Parent                *struct{ Name string }
						Duties                []struct {
							Role      string
							Fields    []struct{ Code string }
							Areas     []struct{ Code string }
							Partners  []struct{ Name, Kind string }
							Provision struct {
								Path     string
								Document struct {
									Number *string
									Status string
								}
							}
						}
						HandoffsOut []struct {
							Notifies  []struct{ Kind string }
							Provision struct{ Path string }
						}
						HandoffsIn []struct{ From struct{ Kind string } }
					}
				}
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
			}
		}
		srv.MustQuery(t, contractQuery(t, "agency.graphql"), nil).Decode(t, &data)
		a := data.Agencies
		if a.TotalCount != 1 || len(a.Edges) != 1 || a.PageInfo.HasNextPage || a.PageInfo.EndCursor != a.Edges[0].Cursor {
			t.Fatalf("agencies = %+v", a)
		}
		n := a.Edges[0].Node
		if n.Kind != "CUSTOMS" || n.Province.Name != "Điện Biên" || n.Parent == nil || n.Parent.Name != "Cục Hải quan" {
			t.Errorf("agency = %+v", n)
		}
		if len(n.Duties) != 1 {
			t.Fatalf("duties = %+v", n.Duties)
		}
		d := n.Duties[0]
		if d.Role != "LEAD" || d.Fields[0].Code != "CUSTOMS_CONTROL" || d.Areas[0].Code != "CUSTOMS_ZONE" ||
			d.Partners[0].Kind != "POLICE" || d.Provision.Path != "Điều 5 khoản 12 điểm a" ||
			d.Provision.Document.Number != nil || d.Provision.Document.Status != "DRAFT" {
			t.Errorf("duty = %+v", d)
		}
		if len(n.HandoffsOut) != 1 || n.HandoffsOut[0].Notifies[0].Kind != "POLICE" || len(n.HandoffsIn) != 0 {
			t.Errorf("handoffs out %+v, in %+v", n.HandoffsOut, n.HandoffsIn)
		}
	})

	t.Run("handoff_chain", func(t *testing.T) {
		var data struct {
			HandoffChain []struct {
				Depth   int
				Handoff struct {
					ID        string
					From      struct{ Kind string }
					Actions   []string
					Leaving   []struct{ Code, Name string }
					Provision struct {
						Path     string
						Text     string
						Document struct{ Number, Title string }
					}
				}
			}
		}
		srv.MustQuery(t, contractQuery(t, "handoff_chain.graphql"), nil).Decode(t, &data)
		var got []string
		for _, h := range data.HandoffChain {
			got = append(got, h.Handoff.From.Kind+"@"+string(rune('0'+h.Depth)))
			if h.Handoff.Provision.Text == "" || h.Handoff.Provision.Document.Number != "83/2025/QĐ-UBND" {
				t.Errorf("hop %s lacks its provision: %+v", h.Handoff.ID, h.Handoff.Provision)
			}
		}
		// Customs leaves the zone and notifies police and border guard.
		// They notify market management, but its rule is for goods entering
		// the customs zone: the chain keeps the direction of travel.
		want := []string{"CUSTOMS@1", "POLICE@2", "BORDER_GUARD@2"}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("chain = %v, want %v", got, want)
		}
		if first := data.HandoffChain[0].Handoff; first.Leaving[0].Code != "CUSTOMS_ZONE" || first.Leaving[0].Name == "" {
			t.Errorf("first hop leaves %+v", first.Leaving)
		}
	})

	t.Run("plan_actions", func(t *testing.T) {
		var data struct {
			PlanActions struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						ID       string
						Deadline struct{ Raw, Kind, Date, Precision string }
						Leads    []struct{ Kind, Name string }
					}
				}
			}
		}
		srv.MustQuery(t, contractQuery(t, "plan_actions.graphql"), nil).Decode(t, &data)
		var dates []string
		for _, e := range data.PlanActions.Edges {
			dates = append(dates, e.Node.Deadline.Date)
			if len(e.Node.Leads) == 0 {
				t.Errorf("action %s has no leads", e.Node.ID)
			}
		}
		slices.Sort(dates)
		// Due by the end of February 2026: the December 2025 day and the
		// February 2026 month; not the year 2026, nor undated actions.
		if want := []string{"2025-12-20", "2026-02"}; !slices.Equal(dates, want) || data.PlanActions.TotalCount != 2 {
			t.Errorf("deadlines = %v (total %d), want %v", dates, data.PlanActions.TotalCount, want)
		}
	})

	t.Run("search", func(t *testing.T) {
		var data struct {
			Search []struct {
				Type, ID, Title, Snippet string
				Score                    float64
			}
		}
		srv.MustQuery(t, contractQuery(t, "search.graphql"), nil).Decode(t, &data)
		if len(data.Search) == 0 || len(data.Search) > 10 {
			t.Fatalf("%d hits", len(data.Search))
		}
		agencies := 0
		for _, h := range data.Search {
			if h.Type == "AGENCY" {
				agencies++
				if !strings.Contains(regnet.Fold(h.Title), "hai quan") {
					t.Errorf("agency hit %q does not match", h.Title)
				}
			}
		}
		if agencies == 0 {
			t.Errorf("no agency among %+v", data.Search)
		}
	})

	// The analyses are computed by the root package: the API must answer
	// what they answer, data or error.
	store := fixtureStore()
	ctx := context.Background()
	for _, tc := range []struct {
		file     string
		field    string
		analysis func() error
	}{
		{"compare.graphql", "compareProvinces", func() error {
			_, err := regnet.CompareProvinces(ctx, store, "Lạng Sơn", "Điện Biên")
			return err
		}},
		{"lead_coverage.graphql", "leadCoverage", func() error {
			_, err := regnet.LeadCoverage(ctx, store, "Lạng Sơn")
			return err
		}},
		{"network.graphql", "network", func() error {
			_, err := regnet.BuildNetwork(ctx, store, "Điện Biên")
			return err
		}},
	} {
		t.Run(strings.TrimSuffix(tc.file, ".graphql"), func(t *testing.T) {
			r := srv.Query(t, contractQuery(t, tc.file), nil)
			if r.Status != http.StatusOK {
				t.Fatalf("status %d", r.Status)
			}
			var data map[string]json.RawMessage
			r.Decode(t, &data)
			err := tc.analysis()
			if err == nil {
				if len(r.Errors) > 0 || string(data[tc.field]) == "null" {
					t.Errorf("errors %+v, data %s", r.Errors, data[tc.field])
				}
				return
			}
			if want := []string{"INTERNAL_SERVER_ERROR"}; regnet.ErrorCode(err) != regnet.EINTERNAL ||
				!slices.Equal(r.Codes(), want) || r.Errors[0].Message != regnet.ErrorMessage(err) {
				t.Errorf("the analysis says %v; the API %+v", err, r.Errors)
			}
		})
	}
}

// TestContractFitsLimits: every client query stays within the default
// limits (depth, cost measured on the bundled documents, aliases,
// selections) even when it asks for pages of the largest size.
func TestContractFitsLimits(t *testing.T) {
	srv := servertest.New(t, bundledStore(t))
	files, err := filepath.Glob(filepath.Join("..", "graph", "testdata", "queries", "*.graphql"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no contract queries: %v", err)
	}
	firstArg := regexp.MustCompile(`first: \d+`)
	for _, f := range files {
		q := firstArg.ReplaceAllString(contractQuery(t, filepath.Base(f)), "first: 100")
		if r := srv.Query(t, q, nil); r.Status != http.StatusOK || len(r.Errors) > 0 {
			t.Errorf("%s with pages of 100: status %d, errors %+v", filepath.Base(f), r.Status, r.Errors)
		}
	}
}

func TestPagination(t *testing.T) {
	srv := fixtureServer(t)
	const q = `query($after: String) { agencies(filter: {province: "lang son"}, first: 3, after: $after) {
		totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`
	type pageData struct {
		Agencies struct {
			TotalCount int
			Edges      []struct{ Node struct{ ID string } }
			PageInfo   struct {
				HasNextPage, HasPreviousPage bool
				EndCursor                    *string
			}
		}
	}
	var ids []string
	var after any
	for range 10 {
		var p pageData
		srv.MustQuery(t, q, map[string]any{"after": after}).Decode(t, &p)
		if p.Agencies.TotalCount != 8 {
			t.Fatalf("totalCount = %d, want Lạng Sơn's 8 agencies", p.Agencies.TotalCount)
		}
		if p.Agencies.PageInfo.HasPreviousPage != (after != nil) {
			t.Errorf("hasPreviousPage = %v after %v", p.Agencies.PageInfo.HasPreviousPage, after)
		}
		for _, e := range p.Agencies.Edges {
			ids = append(ids, e.Node.ID)
		}
		if !p.Agencies.PageInfo.HasNextPage {
			break
		}
		after = *p.Agencies.PageInfo.EndCursor
	}
	if len(ids) != 8 || !slices.IsSorted(ids) || len(slices.Compact(slices.Clone(ids))) != 8 {
		t.Errorf("paged through %v", ids)
	}

	for _, tc := range []struct{ query, code string }{
		{`{ agencies(first: 101) { totalCount } }`, "BAD_USER_INPUT"},
		{`{ agencies(first: -1) { totalCount } }`, "BAD_USER_INPUT"},
		{`{ agencies(after: "not a cursor") { totalCount } }`, "BAD_USER_INPUT"},
		{`{ search(text: "hai quan", first: 500) { id } }`, "BAD_USER_INPUT"},
		{`{ planActions(filter: {deadlineBefore: "March"}) { totalCount } }`, "BAD_USER_INPUT"},
		{`{ document { id } }`, "BAD_USER_INPUT"},
		{`{ handoffChain(province: "Lạng Sơn") { depth } }`, "BAD_USER_INPUT"},
		{`{ handoffChain(province: "Lạng Sơn", leaving: CUSTOMS_ZONE, maxDepth: 50) { depth } }`, "BAD_USER_INPUT"},
	} {
		r := srv.Query(t, tc.query, nil)
		if r.Status != http.StatusOK || !slices.Equal(r.Codes(), []string{tc.code}) {
			t.Errorf("%s: status %d, errors %+v, want 200 and %s", tc.query, r.Status, r.Errors, tc.code)
		}
	}
}

// TestLinks follows the links of the graph both ways.
func TestLinks(t *testing.T) {
	srv := fixtureServer(t)
	var data struct {
		Customs struct {
			Parent       struct{ ID string }
			Predecessors []struct{ ID string }
			Partners     []struct{ ID string }
			PlanActions  []struct{ ID string }
			Leads        []struct{ ID string }
		}
		Old struct {
			Successor struct{ ID string }
		}
		National struct {
			Province *struct{ Name string }
			Children []struct{ ID string }
		}
		Doc struct {
			Province        struct{ ID string }
			BasedOnNumbers  []string
			ReplacesNumbers []string
			Replaces        []struct{ ID string }
			Provisions      struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						Path     string
						Parent   *struct{ Path string }
						Children []struct{ Path string }
					}
				}
			}
		}
		Plan struct {
			PlanActions []struct {
				ID            string
				AmendsNumbers []string
				Amends        []struct{ ID string }
				Deadline      struct{ End *string }
			}
			Targets []struct{ Percent *float64 }
		}
	}
	srv.MustQuery(t, `{
		customs: agency(id: "agency:lang-son:CUSTOMS") {
			parent { id } predecessors { id } partners { id }
			planActions { id } leads: planActions(role: LEAD) { id } }
		old: agency(id: "agency:lang-son:CUSTOMS:cuc-hai-quan") { successor { id } }
		national: agency(id: "agency:national:CUSTOMS") { province { name } children { id } }
		doc: document(number: "83/2025/QĐ-UBND") {
			province { id } basedOnNumbers replacesNumbers replaces { id }
			provisions(part: REGULATION, first: 100) { totalCount edges { node { path parent { path } children { path } } } } }
		plan: document(id: "doc:125-kh-ubnd") {
			planActions { id amendsNumbers amends { id } deadline { end } } targets { percent } }
	}`, nil).Decode(t, &data)

	c := data.Customs
	if c.Parent.ID != "agency:national:CUSTOMS" || len(c.Predecessors) != 1 || c.Predecessors[0].ID != "agency:lang-son:CUSTOMS:cuc-hai-quan" {
		t.Errorf("customs: parent %v, predecessors %v", c.Parent, c.Predecessors)
	}
	if data.Old.Successor.ID != "agency:lang-son:CUSTOMS" {
		t.Errorf("successor = %v", data.Old.Successor)
	}
	// Named as partner by police and border guard; names national customs.
	var partners []string
	for _, p := range c.Partners {
		partners = append(partners, p.ID)
	}
	if want := []string{"agency:lang-son:BORDER_GUARD", "agency:lang-son:POLICE", "agency:national:CUSTOMS"}; !slices.Equal(partners, want) {
		t.Errorf("partners = %v, want %v", partners, want)
	}
	if len(c.PlanActions) != 2 || len(c.Leads) != 1 {
		t.Errorf("plan actions %v, leads %v", c.PlanActions, c.Leads)
	}
	if data.National.Province != nil || len(data.National.Children) != 2 {
		t.Errorf("national customs: %+v", data.National)
	}

	d := data.Doc
	if d.Province.ID != "province:lang-son" || len(d.BasedOnNumbers) != 2 || d.ReplacesNumbers[0] != "09/2017/QĐ-UBND" || len(d.Replaces) != len(d.ReplacesNumbers) {
		t.Errorf("document: %+v", d)
	}
	var paths []string
	for _, e := range d.Provisions.Edges {
		paths = append(paths, e.Node.Path)
		if e.Node.Path == "Điều 7 khoản 4" && (e.Node.Parent == nil || e.Node.Parent.Path != "Điều 7" || len(e.Node.Children) != 3) {
			t.Errorf("Điều 7 khoản 4: %+v", e.Node)
		}
	}
	if d.Provisions.TotalCount != len(paths) || paths[0] != "Điều 6" || slices.Contains(paths, "Quyết định, Điều 1") {
		t.Errorf("regulation provisions in reading order: %v", paths)
	}

	amends := 0
	for _, a := range data.Plan.PlanActions {
		if len(a.AmendsNumbers) > 0 {
			amends++
			if len(a.Amends) != 1 || a.Amends[0].ID != "doc:83-2025-qd-ubnd" {
				t.Errorf("%s amends %v", a.ID, a.Amends)
			}
		}
		if strings.HasSuffix(a.ID, "action-1") && (a.Deadline.End == nil || *a.Deadline.End != "2026-02-28") {
			t.Errorf("%s ends %v", a.ID, a.Deadline.End)
		}
	}
	if amends != 1 || len(data.Plan.PlanActions) != 5 || len(data.Plan.Targets) != 2 {
		t.Errorf("plan: %+v", data.Plan)
	}
}

// TestNotFound: unknown provinces and ids are NOT_FOUND errors with null
// data, without taking the other fields of the request down.
func TestNotFound(t *testing.T) {
	srv := fixtureServer(t)
	for _, tc := range []struct{ query, field string }{
		{`{ leadCoverage(province: "Atlantis") { gap } provinces { id } }`, "leadCoverage"},
		{`{ agencies(filter: {province: "Atlantis"}) { totalCount } provinces { id } }`, "agencies"},
		{`{ network(province: "Atlantis") { nodes { id } } provinces { id } }`, "network"},
		{`{ agency(id: "agency:atlantis:CUSTOMS") { id } provinces { id } }`, "agency"},
		{`{ document(number: "1/1900/QĐ") { id } provinces { id } }`, "document"},
		{`{ provision(id: "doc:x#REGULATION/1") { id } provinces { id } }`, "provision"},
		{`{ province(name: "Atlantis") { id } provinces { id } }`, "province"},
		{`{ handoffChain(from: "agency:atlantis:CUSTOMS") { depth } provinces { id } }`, "handoffChain"},
	} {
		r := srv.Query(t, tc.query, nil)
		var data map[string]json.RawMessage
		r.Decode(t, &data)
		if r.Status != http.StatusOK || !slices.Equal(r.Codes(), []string{"NOT_FOUND"}) ||
			string(data[tc.field]) != "null" || string(data["provinces"]) == "null" {
			t.Errorf("%s: status %d, errors %+v, data %s", tc.query, r.Status, r.Errors, r.Data)
		}
		if len(r.Errors) == 1 && (len(r.Errors[0].Path) != 1 || r.Errors[0].Path[0] != tc.field) {
			t.Errorf("%s: error path %v", tc.query, r.Errors[0].Path)
		}
	}

	// Province arguments ignore case and diacritics, and take ids.
	for _, name := range []string{"Điện Biên", "dien bien", "ĐIỆN BIÊN", "province:dien-bien"} {
		var data struct{ Province struct{ Name string } }
		srv.MustQuery(t, `query($n: String!) { province(name: $n) { name } }`, map[string]any{"n": name}).Decode(t, &data)
		if data.Province.Name != "Điện Biên" {
			t.Errorf("province(%q) = %q", name, data.Province.Name)
		}
	}
}

// introspectionQuery is graphql-js's getIntrospectionQuery() as GraphiQL
// sends it, with type references nine levels deep.
const introspectionQuery = `query IntrospectionQuery {
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

// nest returns a query that follows parent links depth-1 times.
func nest(depth int) string {
	return `{ agency(id: "agency:lang-son:MARKET_MANAGEMENT") ` + strings.Repeat("{ parent ", depth-2) + "{ id }" + strings.Repeat(" }", depth-2) + " }"
}

// TestRejections checks the status and code of each rejection.
func TestRejections(t *testing.T) {
	srv := fixtureServer(t, noPenalty) // refusal after refusal, on purpose

	r := srv.Query(t, introspectionQuery, nil)
	if r.Status != http.StatusOK || len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"AgencyKind"`) {
		t.Errorf("introspection: status %d, errors %+v", r.Status, r.Errors)
	}
	if r := srv.Query(t, nest(10), nil); r.Status != http.StatusOK || len(r.Errors) > 0 {
		t.Errorf("depth 10: status %d, errors %+v", r.Status, r.Errors)
	}

	big := bytes.Repeat([]byte(" "), server.DefaultMaxBodyBytes)
	big = append([]byte(`{"query": "{ provinces { id } }"`), append(big, '}')...)

	for _, tc := range []struct {
		name   string
		body   []byte
		header http.Header
		status int
		code   string
	}{
		{name: "too deep", body: jsonQuery(nest(11)), status: 422, code: "QUERY_TOO_COMPLEX"},
		{name: "too complex", status: 422, code: "QUERY_TOO_COMPLEX", body: jsonQuery(
			`{ documents(first: 100) { edges { node { provisions(first: 100) { edges { node { document { provisions(first: 100) { edges { node { id text } } } } } } } } } } }`)},
		{name: "many aliases", status: 422, code: "QUERY_TOO_COMPLEX", body: jsonQuery("{" + aliases(20) + "}")},
		{name: "malformed", body: jsonQuery(`{ agencies { `), status: 422, code: "GRAPHQL_PARSE_FAILED"},
		{name: "unknown field", body: jsonQuery(`{ agencies { nope } }`), status: 422, code: "GRAPHQL_VALIDATION_FAILED"},
		{name: "unknown enum value", body: jsonQuery(`{ agencies(filter: {kind: SPY}) { totalCount } }`), status: 422, code: "GRAPHQL_VALIDATION_FAILED"},
		{name: "mutation", body: jsonQuery(`mutation { provinces { id } }`), status: 422, code: "GRAPHQL_VALIDATION_FAILED"},
		{name: "too many tokens", body: jsonQuery("{" + strings.Repeat(" __typename", server.DefaultTokenLimit) + " }"), status: 422, code: "GRAPHQL_PARSE_FAILED"},
		{name: "body too large", body: big, status: 413, code: "REQUEST_TOO_LARGE"},
		{name: "not JSON", body: []byte(`{"query": "{ provinces { id } }"`), status: 400, code: "BAD_REQUEST"},
		{name: "parse error, graphql-response+json", body: jsonQuery(`{`), status: 400, code: "GRAPHQL_PARSE_FAILED",
			header: http.Header{"Accept": {"application/graphql-response+json"}}},
		{name: "too deep, graphql-response+json", body: jsonQuery(nest(11)), status: 400, code: "QUERY_TOO_COMPLEX",
			header: http.Header{"Accept": {"application/graphql-response+json"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := srv.Post(t, tc.body, tc.header)
			if r.Status != tc.status || len(r.Errors) == 0 || r.Errors[0].Code() != tc.code || len(r.Data) > 0 && string(r.Data) != "null" {
				t.Errorf("status %d, errors %+v, data %s; want %d and %s", r.Status, r.Errors, r.Data, tc.status, tc.code)
			}
		})
	}

	t.Run("body too large, chunked", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", io.MultiReader(bytes.NewReader(big)))
		req.Header.Set("Content-Type", "application/json")
		req.ContentLength = -1
		if r := srv.Do(t, req); r.Status != 413 || r.Errors[0].Code() != "REQUEST_TOO_LARGE" {
			t.Errorf("status %d, errors %+v", r.Status, r.Errors)
		}
	})

	t.Run("GET", func(t *testing.T) {
		if r := srv.Get(t, `{ provinces { name } }`); r.Status != 200 || len(r.Errors) > 0 {
			t.Errorf("GET query: status %d, errors %+v", r.Status, r.Errors)
		}
		// The schema has no mutations, so a mutation fails validation,
		// over GET as over POST.
		if r := srv.Get(t, `mutation { provinces { name } }`); r.Status != 422 || r.Errors[0].Code() != "GRAPHQL_VALIDATION_FAILED" {
			t.Errorf("GET mutation: status %d, errors %+v", r.Status, r.Errors)
		}
	})

	t.Run("method", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPut, srv.URL+"/graphql", strings.NewReader(`{}`))
		res, err := srv.Client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") == "" {
			t.Errorf("PUT: status %d, Allow %q", res.StatusCode, res.Header.Get("Allow"))
		}
	})
}

func jsonQuery(q string) []byte {
	b, _ := json.Marshal(map[string]string{"query": q})
	return b
}

// aliases returns n aliased copies of a page of agencies: each is cheap, the
// lot is not.
func aliases(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(" a")
		b.WriteString(strings.Repeat("x", i))
		b.WriteString(": agencies(first: 100) { edges { node { id } } }")
	}
	return b.String()
}

// flakyStore fails every call, Ping included, while down is set.
type flakyStore struct {
	regnet.Store
	down atomic.Bool
}

var errConnRefused = errors.New("connection refused")

func (f *flakyStore) fail() error {
	if f.down.Load() {
		return regnet.Unavailable(errConnRefused)
	}
	return nil
}

func (f *flakyStore) Ping(ctx context.Context) error {
	if err := f.fail(); err != nil {
		return err
	}
	return f.Store.Ping(ctx)
}
func (f *flakyStore) Documents(ctx context.Context, q regnet.DocumentFilter) ([]*regnet.Document, error) {
	if err := f.fail(); err != nil {
		return nil, err
	}
	return f.Store.Documents(ctx, q)
}
func (f *flakyStore) Provisions(ctx context.Context, q regnet.ProvisionFilter) ([]*regnet.Provision, error) {
	if err := f.fail(); err != nil {
		return nil, err
	}
	return f.Store.Provisions(ctx, q)
}
func (f *flakyStore) Provinces(ctx context.Context) ([]*regnet.Province, error) {
	if err := f.fail(); err != nil {
		return nil, err
	}
	return f.Store.Provinces(ctx)
}
func (f *flakyStore) Agencies(ctx context.Context, q regnet.AgencyFilter) ([]*regnet.Agency, error) {
	if err := f.fail(); err != nil {
		return nil, err
	}
	return f.Store.Agencies(ctx, q)
}
func (f *flakyStore) Duties(ctx context.Context, q regnet.DutyFilter) ([]*regnet.Duty, error) {
	if err := f.fail(); err != nil {
		return nil, err
	}
	return f.Store.Duties(ctx, q)
}
func (f *flakyStore) Handoffs(ctx context.Context, q regnet.HandoffFilter) ([]*regnet.Handoff, error) {
	if err := f.fail(); err != nil {
		return nil, err
	}
	return f.Store.Handoffs(ctx, q)
}
func (f *flakyStore) PlanActions(ctx context.Context, q regnet.PlanActionFilter) ([]*regnet.PlanAction, error) {
	if err := f.fail(); err != nil {
		return nil, err
	}
	return f.Store.PlanActions(ctx, q)
}
func (f *flakyStore) Search(ctx context.Context, text string, limit int) ([]*regnet.SearchHit, error) {
	if err := f.fail(); err != nil {
		return nil, err
	}
	return f.Store.Search(ctx, text, limit)
}

// TestStoreDown: while the store is down, /readyz answers 503 and queries
// fail at once with STORE_UNAVAILABLE (503, Retry-After), whether /readyz
// or a failing query found it down first; when it is back, both recover
// without a restart.
func TestStoreDown(t *testing.T) {
	store := &flakyStore{Store: fixtureStore()}
	var logs syncBuffer
	srv := servertest.New(t, store, func(c *server.Config) {
		c.Logger = slog.New(slog.NewJSONHandler(&logs, nil))
		c.StoreCheckInterval = 10 * time.Millisecond
	})
	const q = `{ agencies(filter: {province: "Lạng Sơn"}) { totalCount } search(text: "hai quan") { id } }`

	ready := func(want int) {
		t.Helper()
		res, err := srv.Client.Get(srv.URL + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("/readyz = %d, want %d", res.StatusCode, want)
		}
	}
	query := func(wantStatus int, wantCodes []string) {
		t.Helper()
		r := srv.Query(t, q, nil)
		if r.Status != wantStatus || !slices.Equal(r.Codes(), wantCodes) {
			t.Errorf("query: status %d, errors %+v, want %d and codes %v", r.Status, r.Errors, wantStatus, wantCodes)
		}
		for _, e := range r.Errors {
			if strings.Contains(e.Message, errConnRefused.Error()) {
				t.Errorf("the cause leaks to the client: %q", e.Message)
			}
		}
	}
	// recovered waits, a bounded time, for the breaker to close by itself.
	recovered := func() {
		t.Helper()
		for range 200 {
			if r := srv.Query(t, q, nil); r.Status == http.StatusOK && len(r.Errors) == 0 {
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
		t.Fatal("queries did not recover within 2 s of the store coming back")
	}
	failFast := []string{"STORE_UNAVAILABLE"}

	ready(200)
	query(200, nil)

	// Found down by /readyz.
	store.down.Store(true)
	ready(503)
	query(503, failFast)
	store.down.Store(false)
	recovered()
	ready(200)

	// Found down by a query: that one waits for the store, the next fail fast.
	store.down.Store(true)
	query(200, []string{"STORE_UNAVAILABLE", "STORE_UNAVAILABLE"})
	if !strings.Contains(logs.String(), errConnRefused.Error()) {
		t.Errorf("the cause is not logged: %s", logs.String())
	}
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", strings.NewReader(`{"query": "{ provinces { id } }"}`))
	req.Header.Set("Content-Type", "application/json")
	res, err := srv.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 503 || res.Header.Get("Retry-After") == "" {
		t.Errorf("while down: %d, Retry-After %q; want 503 with Retry-After", res.StatusCode, res.Header.Get("Retry-After"))
	}
	store.down.Store(false)
	recovered()
}

// slowStore never answers Agencies before the request gives up.
type slowStore struct{ regnet.Store }

func (s slowStore) Agencies(ctx context.Context, _ regnet.AgencyFilter) ([]*regnet.Agency, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func TestRequestTimeout(t *testing.T) {
	srv := servertest.New(t, slowStore{fixtureStore()}, func(c *server.Config) { c.RequestTimeout = 50 * time.Millisecond })
	start := time.Now()
	r := srv.Query(t, `{ agencies { totalCount } }`, nil)
	if r.Status != 200 || !slices.Equal(r.Codes(), []string{"TIMEOUT"}) || time.Since(start) > 5*time.Second {
		t.Errorf("status %d, errors %+v after %v", r.Status, r.Errors, time.Since(start))
	}
}

func TestCORS(t *testing.T) {
	preflight := func(t *testing.T, srv *servertest.Server, origin string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest(http.MethodOptions, srv.URL+"/graphql", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		res, err := srv.Client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	post := func(t *testing.T, srv *servertest.Server, origin string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", bytes.NewReader(jsonQuery(`{ provinces { id } }`)))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Origin", origin)
		res, err := srv.Client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}

	for _, tc := range []struct {
		name    string
		origins []string
		origin  string
		allow   string // expected Access-Control-Allow-Origin, "" for none
	}{
		{"default denies", nil, "https://evil.example", ""},
		{"default denies even localhost", nil, "http://localhost:3000", ""},
		{"listed origin", []string{"https://explorer.example"}, "https://explorer.example", "https://explorer.example"},
		{"unlisted origin", []string{"https://explorer.example"}, "https://evil.example", ""},
		{"any origin", []string{"*"}, "https://anyone.example", "*"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := fixtureServer(t, func(c *server.Config) { c.CORSOrigins = tc.origins })
			res := preflight(t, srv, tc.origin)
			if got := res.Header.Get("Access-Control-Allow-Origin"); got != tc.allow {
				t.Errorf("preflight: Access-Control-Allow-Origin = %q, want %q", got, tc.allow)
			}
			if tc.allow != "" && !strings.Contains(res.Header.Get("Access-Control-Allow-Methods"), "POST") {
				t.Errorf("preflight: Access-Control-Allow-Methods = %q", res.Header.Get("Access-Control-Allow-Methods"))
			}
			if got := post(t, srv, tc.origin).Header.Get("Access-Control-Allow-Origin"); got != tc.allow {
				t.Errorf("POST: Access-Control-Allow-Origin = %q, want %q", got, tc.allow)
			}
		})
	}
}

func TestRoutes(t *testing.T) {
	explorer := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "explorer at "+r.URL.Path) })
	with := fixtureServer(t, func(c *server.Config) { c.Explorer = explorer })
	without := fixtureServer(t)

	get := func(srv *servertest.Server, path string) (int, string, string) {
		t.Helper()
		res, err := srv.Client.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, res.Header.Get("Content-Type"), string(b)
	}
	for _, tc := range []struct {
		srv    *servertest.Server
		path   string
		status int
		body   string
	}{
		{without, "/healthz", 200, `"ok"`},
		{without, "/readyz", 200, `"ok"`},
		{without, "/graphiql", 404, ""},
		{with, "/graphiql", 200, "explorer at /graphiql"},
		{without, "/", 404, ""},
		{with, "/", 200, "explorer at /"},
		{with, "/agencies/x", 200, "explorer at /agencies/x"},
		{with, "/healthz", 200, `"ok"`},
	} {
		status, _, body := get(tc.srv, tc.path)
		if status != tc.status || !strings.Contains(strings.ToLower(body), strings.ToLower(tc.body)) {
			t.Errorf("GET %s = %d %.80q, want %d with %q", tc.path, status, body, tc.status, tc.body)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestRequestLog(t *testing.T) {
	var logs syncBuffer
	srv := fixtureServer(t, func(c *server.Config) { c.Logger = slog.New(slog.NewJSONHandler(&logs, nil)) })
	srv.MustQuery(t, contractQuery(t, "agency.graphql"), nil)
	srv.Post(t, jsonQuery("query Deep "+nest(11)), nil)

	type line struct {
		Msg, Method, Path, Operation string
		Status                       int
		Duration                     float64
	}
	var got []line
	for _, l := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var v line
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		if v.Msg == "request" {
			got = append(got, v)
		}
	}
	if len(got) != 2 ||
		got[0] != (line{"request", "POST", "/graphql", "CustomsInDienBien", 200, got[0].Duration}) ||
		got[1] != (line{"request", "POST", "/graphql", "Deep", 422, got[1].Duration}) || got[0].Duration <= 0 {
		t.Errorf("request log = %+v", got)
	}
}

// TestRunShutsDown: Run serves until its context ends, then returns.
func TestRunShutsDown(t *testing.T) {
	s, err := server.New(server.Config{Store: fixtureStore()})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()

	res, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("/healthz = %d", res.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve returned %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after its context ended")
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/healthz"); err == nil {
		t.Error("still serving after shutdown")
	}
}

func TestNewNeedsStore(t *testing.T) {
	if _, err := server.New(server.Config{}); err == nil {
		t.Error("New without a store succeeded")
	}
}

// TestStatementsAndEvidence reads the facts of a provision that states two
// duties: each duty's own words, evidence and reporting lines, the agency
// links derived from them, the schedules, and chains in either direction.
func TestStatementsAndEvidence(t *testing.T) {
	srv := fixtureServer(t)
	var data struct {
		Duties struct {
			Edges []struct {
				Node struct {
					ID, Role, Text string
					ReportsTo      []struct {
						Agency struct{ ID string }
						When   string
					}
					Evidence []struct {
						Tag, Value, Words string
						Start, End        int
					}
					Provision struct{ ID, Text string }
				}
			}
		}
		Police, Committee struct {
			ReportsTo, ReportedToBy []struct{ ID string }
		}
		Schedules struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					ID, Kind, When string
					By             *string
					Agencies, To   []struct{ ID string }
					Document       struct{ ID string }
				}
			}
		}
		Reports struct{ TotalCount int }
		Plan    struct{ Schedules []struct{ ID string } }
		Same    []struct{ Handoff struct{ ID string } }
		Any     []struct{ Handoff struct{ ID string } }
		Path    []struct {
			Steps []struct {
				Type string
				Duty *struct{ ID string }
			}
		}
	}
	srv.MustQuery(t, `{
		duties(filter: {agency: "agency:lang-son:POLICE"}) { edges { node {
			id role text reportsTo { agency { id } when } evidence { tag value start end words } provision { id text } } } }
		police: agency(id: "agency:lang-son:POLICE") { reportsTo { id } reportedToBy { id } }
		committee: agency(id: "agency:lang-son:PEOPLES_COMMITTEE") { reportsTo { id } reportedToBy { id } }
		schedules(province: "lang son") { totalCount edges { node { id kind when by agencies { id } to { id } document { id } } } }
		reports: schedules(kind: REPORT, agency: "agency:lang-son:PEOPLES_COMMITTEE") { totalCount }
		plan: document(id: "doc:125-kh-ubnd") { schedules { id } }
		same: handoffChain(leaving: BORDER_AREA, maxDepth: 10) { handoff { id } }
		any: handoffChain(leaving: BORDER_AREA, maxDepth: 10, direction: ANY) { handoff { id } }
		path: coordinationPath(from: "agency:lang-son:POLICE", to: "agency:lang-son:PEOPLES_COMMITTEE") { steps { type duty { id } } }
	}`, nil).Decode(t, &data)

	byProvision := map[string][]string{}
	for _, e := range data.Duties.Edges {
		d := e.Node
		byProvision[d.Provision.ID] = append(byProvision[d.Provision.ID], d.Role)
		text := []rune(d.Provision.Text)
		for _, ev := range d.Evidence {
			if ev.Start < 0 || ev.End > len(text) || ev.Start >= ev.End || string(text[ev.Start:ev.End]) != ev.Words {
				t.Errorf("duty %s: evidence %+v does not point at its words in %q", d.ID, ev, d.Provision.Text)
			}
		}
		if d.Role == "LEAD" && len(d.ReportsTo) == 1 {
			if d.ReportsTo[0].Agency.ID != "agency:lang-son:PEOPLES_COMMITTEE" || d.ReportsTo[0].When != "trước ngày 15 hằng tháng" {
				t.Errorf("duty %s reports to %+v", d.ID, d.ReportsTo)
			}
			var tags []string
			for _, ev := range d.Evidence {
				tags = append(tags, ev.Tag+"="+ev.Value)
			}
			want := []string{"ROLE=LEAD", "FIELD=FOOD_SAFETY", "REPORTS_TO=agency:lang-son:PEOPLES_COMMITTEE"}
			if !slices.Equal(tags, want) {
				t.Errorf("duty %s evidence tags %v, want %v", d.ID, tags, want)
			}
		}
	}
	if roles := byProvision["doc:83-2025-qd-ubnd#REGULATION/7/2/b"]; !slices.Equal(roles, []string{"COORDINATE", "LEAD"}) {
		t.Errorf("the provision with two statements gives roles %v", roles)
	}

	ids := func(as []struct{ ID string }) []string {
		out := []string{}
		for _, a := range as {
			out = append(out, a.ID)
		}
		return out
	}
	if got := ids(data.Police.ReportsTo); !slices.Equal(got, []string{"agency:lang-son:PEOPLES_COMMITTEE"}) {
		t.Errorf("police reports to %v", got)
	}
	if got := ids(data.Committee.ReportedToBy); !slices.Equal(got, []string{"agency:lang-son:POLICE"}) {
		t.Errorf("committee is reported to by %v", got)
	}
	if len(data.Police.ReportedToBy) != 0 || len(data.Committee.ReportsTo) != 0 {
		t.Errorf("reporting lines run the wrong way: %+v %+v", data.Police, data.Committee)
	}

	if data.Schedules.TotalCount != 2 || data.Reports.TotalCount != 1 || len(data.Plan.Schedules) != 1 {
		t.Errorf("schedules: %d in the province, %d reports to the committee, %d in the plan",
			data.Schedules.TotalCount, data.Reports.TotalCount, len(data.Plan.Schedules))
	}
	for _, e := range data.Schedules.Edges {
		x := e.Node
		if x.Kind == "REPORT" && (x.When == "" || x.By == nil || *x.By != "---15" ||
			!slices.Equal(ids(x.Agencies), []string{"agency:lang-son:POLICE"}) ||
			!slices.Equal(ids(x.To), []string{"agency:lang-son:PEOPLES_COMMITTEE"}) || x.Document.ID != "doc:83-2025-qd-ubnd") {
			t.Errorf("report schedule %+v", x)
		}
	}

	if len(data.Same) != 1 || len(data.Any) != 4 {
		t.Errorf("chain leaving the border area: %d hops in the same direction (want 1), %d in any (want 4)", len(data.Same), len(data.Any))
	}
	if len(data.Path) != 1 || len(data.Path[0].Steps) != 1 || data.Path[0].Steps[0].Type != "REPORTS_TO" ||
		data.Path[0].Steps[0].Duty == nil || data.Path[0].Steps[0].Duty.ID != "doc:83-2025-qd-ubnd#REGULATION/7/2/b#duty/lead" {
		t.Errorf("path from police to the committee: %+v", data.Path)
	}
}

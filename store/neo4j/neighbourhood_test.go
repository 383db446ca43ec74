package neo4j_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/data"
	"github.com/regnet/regnet/loader"
	"github.com/regnet/regnet/server"
	"github.com/regnet/regnet/server/servertest"
	"github.com/regnet/regnet/store/storetest"
)

// loadBundled loads the bundled documents into an emptied graph.
func loadBundled(t testing.TB) regnet.Store {
	t.Helper()
	ds, err := loader.New().ParseFS(data.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	s := openStore(t, serverURI(t))
	fresh(t, s, ds)
	return s
}

// TestNeighbourhoodIsTheStoreCalls checks that one Neighbourhood read
// answers what the separate store calls answer, for every province's
// agencies.
func TestNeighbourhoodIsTheStoreCalls(t *testing.T) {
	s := loadBundled(t)
	nr := s.(regnet.NeighbourhoodReader)
	ctx := context.Background()
	provinces, err := s.Provinces(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range provinces {
		as, err := s.Agencies(ctx, regnet.AgencyFilter{Province: p.Name})
		if err != nil {
			t.Fatal(err)
		}
		var ids, parents []string
		for _, a := range as {
			ids = append(ids, a.ID)
			if a.Parent != nil {
				parents = append(parents, *a.Parent)
			}
		}
		n, err := nr.Neighbourhood(ctx, regnet.NeighbourhoodQuery{DutiesOf: ids, HandoffsFrom: ids, HandoffsTo: ids, Agencies: parents})
		if err != nil {
			t.Fatal(err)
		}
		duties, err := s.Duties(ctx, regnet.DutyFilter{Agencies: ids})
		if err != nil {
			t.Fatal(err)
		}
		out, err := s.Handoffs(ctx, regnet.HandoffFilter{From: ids})
		if err != nil {
			t.Fatal(err)
		}
		in, err := s.Handoffs(ctx, regnet.HandoffFilter{To: ids})
		if err != nil {
			t.Fatal(err)
		}
		if len(ids) > 0 && len(duties) == 0 {
			t.Errorf("%s: no duties to compare", p.Name)
		}
		same(t, p.Name+" duties", n.Duties, duties)
		same(t, p.Name+" handoffs out", n.HandoffsFrom, out)
		same(t, p.Name+" handoffs in", n.HandoffsTo, in)

		// The records they name, read one kind at a time.
		agencies, provisions, fields, areas := append([]string{}, parents...), []string{}, []string{}, []string{}
		for _, d := range duties {
			agencies = append(append(agencies, d.Agency), d.Partners...)
			provisions = append(provisions, d.Provision)
			fields = append(fields, d.Fields...)
			areas = append(areas, d.Areas...)
		}
		for _, h := range append(out, in...) {
			agencies = append(append(append(agencies, h.From), h.Notifies...), h.TransfersTo...)
			provisions = append(provisions, h.Provision)
			areas = append(append(areas, h.Leaving...), h.Entering...)
		}
		wantAgencies, _ := s.Agencies(ctx, regnet.AgencyFilter{IDs: nonEmpty(agencies)})
		wantProvisions, _ := s.Provisions(ctx, regnet.ProvisionFilter{IDs: nonEmpty(provisions)})
		var docs []string
		for _, pr := range wantProvisions {
			docs = append(docs, pr.Document)
		}
		wantDocs, _ := s.Documents(ctx, regnet.DocumentFilter{IDs: nonEmpty(docs)})
		wantFields, _ := s.Fields(ctx, nonEmpty(fields))
		wantAreas, _ := s.Areas(ctx, nonEmpty(areas))
		same(t, p.Name+" agencies", n.Agencies, wantAgencies)
		same(t, p.Name+" provisions", n.Provisions, wantProvisions)
		same(t, p.Name+" documents", n.Documents, wantDocs)
		same(t, p.Name+" fields", n.Fields, wantFields)
		same(t, p.Name+" areas", n.Areas, wantAreas)
	}
}

// nonEmpty keeps a list of ids from meaning "all" when it is empty.
func nonEmpty(ids []string) []string {
	if len(ids) == 0 {
		return []string{"\x00none"}
	}
	return ids
}

func same[T any](t *testing.T, what string, got, want []*T) {
	t.Helper()
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		t.Errorf("%s:\n got %s\nwant %s", what, g, w)
	}
}

// plainStore hides everything but regnet.Store: the API then reads through
// its loaders only.
type plainStore struct{ regnet.Store }

// TestOneStatementAnswersAsTheLoaders sends every client query through the
// API twice, once over the store as it is (neighbourhoods read in one
// statement) and once over the loaders alone, and compares the answers
// byte for byte.
func TestOneStatementAnswersAsTheLoaders(t *testing.T) {
	s := loadBundled(t)
	noCache := func(c *server.Config) { c.CacheBytes = -1 }
	oneCalls := &countingReader{Counting: storetest.NewCounting(s), nr: s.(regnet.NeighbourhoodReader)}
	loaderCalls := storetest.NewCounting(s)
	one := servertest.New(t, oneCalls, noCache)
	loaders := servertest.New(t, plainStore{loaderCalls}, noCache)
	var files []string
	for _, dir := range []string{"../../graph/testdata/queries", "../../loadtest/queries"} {
		fs, err := filepath.Glob(filepath.Join(dir, "*.graphql"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, fs...)
	}
	if len(files) < 8 {
		t.Fatalf("found only %d query files", len(files))
	}
	queries := map[string]string{}
	for _, f := range files {
		q, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		queries[f] = string(q)
	}
	// Long texts are left out of the one-statement reads when no field of
	// the operation reads them: these ask for them in other places than
	// the page's own selection (a fragment, another root field, an alias).
	queries["texts through a fragment"] = `{ agencies(filter: {province: "Lạng Sơn"}, first: 3) {
		edges { node { id duties { ...D } } } } }
		fragment D on Duty { id text evidence { tag words } provision { text } }`
	queries["texts in another root field"] = `{ a: agencies(filter: {province: "Lạng Sơn"}, first: 3) {
		edges { node { id duties { id provision { path } } } } }
		b: agencies(filter: {province: "Lạng Sơn"}, first: 3) {
		edges { node { duties { t: text provision { text } } } } } }`
	// An agency's partners and reporting lines come from its duties: the
	// duties' parts are read for them though Duty's own fields are not
	// selected. A provision's detail, asked for through its parent.
	queries["duty parts through their agency"] = `{ agencies(filter: {province: "Lạng Sơn"}, first: 8) {
		edges { node { id duties { id provision { path parent { heading line } } } partners { id } reportsTo { id } } } } }`
	queries["a province by id, a later page"] = `{ agencies(filter: {province: "lang-son"}, first: 4, after: "azphZ2VuY3k6bGFuZy1zb246Q09OU1RSVUNUSU9O") {
		totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id parent { id } duties { text } handoffsIn { id } } } } }`
	queries["an unknown province"] = `{ agencies(filter: {province: "Atlantis"}) { totalCount } }`
	for _, f := range slices.Sorted(maps.Keys(queries)) {
		q := queries[f]
		got := one.Query(t, q, nil)
		want := loaders.Query(t, q, nil)
		if g, w := fmt.Sprint(got.Status, string(got.Data), got.Errors), fmt.Sprint(want.Status, string(want.Data), want.Errors); g != w {
			t.Errorf("%s: answers differ\none statement: %.600s\nloaders:       %.600s", f, g, w)
		}
		if got.Status == 200 && len(got.Errors) == 0 && len(got.Data) < 40 {
			t.Errorf("%s: a near-empty answer %s", f, got.Data)
		}
		_, n1 := oneCalls.Take()
		reads := int(oneCalls.reads.Swap(0))
		n1 += reads
		_, n2 := loaderCalls.Take()
		// Only a query that read a neighbourhood is compared by calls: for
		// the others both sides go through the same loaders, whose batches
		// follow timing, so their counts may differ by a batch either way.
		if reads > 0 && n1 > n2 {
			t.Errorf("%s: %d store calls with neighbourhoods, %d without", f, n1, n2)
		}
		if strings.HasSuffix(f, "loadtest/queries/agency.graphql") && n1 > 1 {
			t.Errorf("%s: %d store calls, want 1 (the page with its neighbourhood)", f, n1)
		}
		t.Logf("%s: %d store calls (loaders alone: %d)", f, n1, n2)
	}
}

// countingReader counts store calls, neighbourhood reads among them.
type countingReader struct {
	*storetest.Counting
	nr    regnet.NeighbourhoodReader
	reads atomic.Int64
}

func (c *countingReader) Neighbourhood(ctx context.Context, q regnet.NeighbourhoodQuery) (*regnet.Neighbourhood, error) {
	c.reads.Add(1)
	return c.nr.Neighbourhood(ctx, q)
}

// TestOneAgencyOneStatement checks that agency(id:) reads the agency in the
// same statement as its duties and rules, and answers as the loaders do.
func TestOneAgencyOneStatement(t *testing.T) {
	s := loadBundled(t)
	as, err := s.Agencies(t.Context(), regnet.AgencyFilter{Province: "Điện Biên", Kind: "CUSTOMS"})
	if err != nil || len(as) == 0 {
		t.Fatalf("Điện Biên customs agencies: %d, %v", len(as), err)
	}
	noCache := func(c *server.Config) { c.CacheBytes = -1 }
	oneCalls := &countingReader{Counting: storetest.NewCounting(s), nr: s.(regnet.NeighbourhoodReader)}
	loaderCalls := storetest.NewCounting(s)
	one := servertest.New(t, oneCalls, noCache)
	loaders := servertest.New(t, plainStore{loaderCalls}, noCache)
	const q = `query ($id: ID!) { agency(id: $id) {
		id name kind
		duties { role text fields { code name } areas { code } partners { name } provision { path document { number } } }
		handoffsOut { notifies { kind } provision { path } }
		handoffsIn { from { kind } }
	} }`
	// What the servers read as they start (their cost bounds) is not counted.
	oneCalls.Take()
	oneCalls.reads.Store(0)
	loaderCalls.Take()
	for _, id := range []string{as[0].ID, "agency:nowhere:NONE"} {
		vars := map[string]any{"id": id}
		got := one.Query(t, q, vars)
		want := loaders.Query(t, q, vars)
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		if string(g) != string(w) || got.Status != want.Status {
			t.Errorf("%s: answers differ\none statement: %.400s\nloaders:       %.400s", id, g, w)
		}
		calls, n := oneCalls.Take()
		reads := int(oneCalls.reads.Swap(0))
		_, n2 := loaderCalls.Take()
		t.Logf("%s: %d store calls %v and %d neighbourhood reads (loaders alone: %d)", id, n, calls, reads, n2)
		if id == as[0].ID && (n != 0 || reads != 1) {
			t.Errorf("%s: %d store calls %v and %d neighbourhood reads, want the one read", id, n, calls, reads)
		}
	}
}

// TestNeighbourhoodPage checks a page read in one statement against the
// store calls it stands for: the provinces, the matching agencies,
// the page cut after a cursor, and the page's duties and rules; and that
// what Omit names is left out and nothing else.
func TestNeighbourhoodPage(t *testing.T) {
	s := loadBundled(t)
	nr := s.(regnet.NeighbourhoodReader)
	ctx := t.Context()
	provinces, err := s.Provinces(ctx)
	if err != nil {
		t.Fatal(err)
	}
	omits := []regnet.Omit{{}, {DutyText: true, Evidence: true, ProvisionText: true},
		{DutyPartners: true, DutyAreas: true, DutyReports: true, ProvisionDetail: true}}
	checked, left := 0, map[string]bool{} // what the pages had to leave out
	for _, p := range provinces {
		f := regnet.AgencyFilter{Province: p.Name}
		all, err := s.Agencies(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) < 3 {
			continue
		}
		after, want := all[0].ID, all[1:3]
		var ids []string
		for _, a := range want {
			ids = append(ids, a.ID)
		}
		for _, omit := range omits {
			n, err := nr.Neighbourhood(ctx, regnet.NeighbourhoodQuery{
				Page: &regnet.AgencyPage{Filter: f, After: after, First: 2, Duties: true, In: true},
				Omit: omit,
			})
			if err != nil {
				t.Fatal(err)
			}
			same(t, p.Name+" provinces", n.Provinces, provinces)
			same(t, p.Name+" matching", n.Matching, all)
			if !slices.Equal(n.PageIDs, ids) {
				t.Errorf("%s: page %v, want %v", p.Name, n.PageIDs, ids)
			}
			duties, _ := s.Duties(ctx, regnet.DutyFilter{Agencies: ids})
			in, _ := s.Handoffs(ctx, regnet.HandoffFilter{To: ids})
			var provs []string
			for _, d := range duties {
				provs = append(provs, d.Provision)
				left["text"] = left["text"] || d.Text != "" && len(d.Evidence) > 0
				left["partners"] = left["partners"] || len(d.Partners) > 0
				left["areas"] = left["areas"] || len(d.Areas) > 0
				left["reportsTo"] = left["reportsTo"] || len(d.ReportsTo) > 0
				if omit.DutyText {
					d.Text, d.Evidence = "", nil
				}
				if omit.DutyPartners {
					d.Partners = nil
				}
				if omit.DutyAreas {
					d.Areas = nil
				}
				if omit.DutyReports {
					d.ReportsTo = nil
				}
			}
			for _, h := range in {
				provs = append(provs, h.Provision)
			}
			wantProvisions, _ := s.Provisions(ctx, regnet.ProvisionFilter{IDs: nonEmpty(provs)})
			for _, pr := range wantProvisions {
				left["heading"] = left["heading"] || pr.Heading != "" && pr.Line > 0
				if omit.ProvisionText {
					pr.Text = ""
				}
				if omit.ProvisionDetail {
					pr.Chapter, pr.Article, pr.Clause, pr.Point, pr.Parent = nil, nil, nil, nil, nil
					pr.Heading, pr.Line, pr.Page = "", 0, nil
				}
			}
			same(t, p.Name+" duties", n.Duties, duties)
			same(t, p.Name+" handoffs in", n.HandoffsTo, in)
			if len(n.HandoffsFrom) != 0 {
				t.Errorf("%s: handoffs out read though not asked for", p.Name)
			}
			same(t, p.Name+" provisions", n.Provisions, wantProvisions)
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no province has three agencies")
	}
	for _, part := range []string{"text", "partners", "areas", "reportsTo", "heading"} {
		if !left[part] {
			t.Errorf("no page read had a %s to leave out: Omit went untested", part)
		}
	}
}

// TestNeighbourhoodSkip checks that the kinds of records Skip names are
// not read, and that the rest is read as without it.
func TestNeighbourhoodSkip(t *testing.T) {
	s := loadBundled(t)
	nr := s.(regnet.NeighbourhoodReader)
	page := &regnet.AgencyPage{Filter: regnet.AgencyFilter{Province: "Lạng Sơn"}, First: 10, Duties: true, Out: true, In: true, Parents: true}
	full, err := nr.Neighbourhood(t.Context(), regnet.NeighbourhoodQuery{Page: page})
	if err != nil {
		t.Fatal(err)
	}
	if len(full.Agencies) == 0 || len(full.Provisions) == 0 || len(full.Documents) == 0 || len(full.Fields) == 0 {
		t.Fatalf("nothing to skip: %d agencies, %d provisions, %d documents, %d fields",
			len(full.Agencies), len(full.Provisions), len(full.Documents), len(full.Fields))
	}
	skip := regnet.Skip{Agencies: true, Provisions: true, Documents: true, Fields: true, Areas: true}
	lean, err := nr.Neighbourhood(t.Context(), regnet.NeighbourhoodQuery{Page: page, Skip: skip})
	if err != nil {
		t.Fatal(err)
	}
	if len(lean.Provisions)+len(lean.Documents)+len(lean.Fields)+len(lean.Areas) != 0 {
		t.Errorf("skipped kinds read: %d provisions, %d documents, %d fields, %d areas",
			len(lean.Provisions), len(lean.Documents), len(lean.Fields), len(lean.Areas))
	}
	for _, a := range lean.Agencies { // only the page's parents
		if !slices.ContainsFunc(lean.Matching, func(m *regnet.Agency) bool { return m.Parent != nil && *m.Parent == a.ID }) {
			t.Errorf("agency %s read though agencies are skipped and it is no parent", a.ID)
		}
	}
	same(t, "duties", lean.Duties, full.Duties)
	same(t, "handoffs in", lean.HandoffsTo, full.HandoffsTo)
	same(t, "matching", lean.Matching, full.Matching)
}

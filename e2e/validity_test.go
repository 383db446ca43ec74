package e2e_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/server/servertest"
)

// inForceQuery asks for Lạng Sơn's documents in force on a day, the named
// ones (texts not loaded) included.
const inForceQuery = `query InForceLangSon($on: Date!) {
  documents(filter: { province: "Lạng Sơn", inForceOn: $on, includeNamed: true }, first: 100) {
    edges { node { id number status named validFrom validUntil inForce(on: $on) } }
  }
}`

// draftsQuery asks whether every loaded document is in force on four days.
const draftsQuery = `query Drafts {
  documents(first: 100) {
    edges { node { id number status validFrom validUntil
      a: inForce(on: "2020-01-01") b: inForce(on: "2025-06-01")
      c: inForce(on: "2026-01-15") d: inForce(on: "2031-06-01") } }
  }
}`

type validDoc struct {
	ID         string  `json:"id"`
	Number     *string `json:"number"`
	Status     string  `json:"status"`
	Named      bool    `json:"named"`
	ValidFrom  *string `json:"validFrom"`
	ValidUntil *string `json:"validUntil"`
	InForce    bool    `json:"inForce"`
	A, B, C, D bool
}

type validDocs struct {
	Documents struct {
		Edges []struct {
			Node validDoc `json:"node"`
		} `json:"edges"`
	} `json:"documents"`
}

func (v validDocs) byNumber() map[string]validDoc {
	m := map[string]validDoc{}
	for _, e := range v.Documents.Edges {
		m[opt(e.Node.Number)] = e.Node
	}
	return m
}

// TestInForce checks, through the API on both stores, which of Lạng Sơn's
// documents are in force before and after quy chế 83/2025 takes effect
// (2025-11-04): the quy chế it replaces, named but not loaded, until then;
// plan 125/KH-UBND until the end of its period, 2021 - 2025.
func TestInForce(t *testing.T) {
	tests := []struct {
		on      string
		want    []string
		wantNot []string
	}{
		{"2025-06-01", []string{"125/KH-UBND", "09/2017/QĐ-UBND", "36/2024/QĐ-UBND"}, []string{"83/2025/QĐ-UBND"}},
		{"2026-01-15", []string{"83/2025/QĐ-UBND"}, []string{"09/2017/QĐ-UBND", "36/2024/QĐ-UBND", "125/KH-UBND"}},
	}
	forEachStore(t, func(t *testing.T, srv *servertest.Server, _ regnet.Store) {
		for _, tc := range tests {
			var got validDocs
			run(t, srv, inForceQuery, map[string]any{"on": tc.on}, &got)
			docs := got.byNumber()
			for _, n := range tc.want {
				d, ok := docs[n]
				if !ok {
					t.Errorf("on %s: %s is not in force; in force: %v", tc.on, n, slices.Sorted(maps.Keys(docs)))
					continue
				}
				if !d.InForce || d.Status == regnet.StatusDraft {
					t.Errorf("on %s: %s listed but inForce=%v status=%s", tc.on, n, d.InForce, d.Status)
				}
			}
			for _, n := range tc.wantNot {
				if _, ok := docs[n]; ok {
					t.Errorf("on %s: %s is listed as in force", tc.on, n)
				}
			}
			if tc.on != "2025-06-01" {
				continue
			}
			for _, n := range []string{"09/2017/QĐ-UBND", "36/2024/QĐ-UBND"} {
				if d := docs[n]; !d.Named || d.Status != regnet.StatusReplaced || opt(d.ValidUntil) != "2025-11-03" {
					t.Errorf("%s: named=%v status=%s validUntil=%s, want a named REPLACED document until 2025-11-03",
						n, d.Named, d.Status, opt(d.ValidUntil))
				}
			}
			if d := docs["125/KH-UBND"]; opt(d.ValidFrom) != "2021-05-29" || opt(d.ValidUntil) != "2025-12-31" {
				t.Errorf("125/KH-UBND: valid %s – %s, want 2021-05-29 – 2025-12-31", opt(d.ValidFrom), opt(d.ValidUntil))
			}
		}

		// The drafts: the 2026–2030 plan and the Điện Biên quy chế.
		var all validDocs
		run(t, srv, draftsQuery, nil, &all)
		drafts := map[string]bool{}
		for _, e := range all.Documents.Edges {
			d := e.Node
			if d.Status != regnet.StatusDraft {
				continue
			}
			drafts[d.ID] = true
			if d.A || d.B || d.C || d.D || d.ValidFrom != nil || d.ValidUntil != nil {
				t.Errorf("draft %s is in force on some day: %+v", d.ID, d)
			}
		}
		for _, id := range []string{"doc:langson-kehoach-2026-2030", "doc:dienbien-quyche-du-thao-2025"} {
			if !drafts[id] {
				t.Errorf("draft %s not found; drafts: %v", id, drafts)
			}
		}
		var q83 validDoc
		for _, e := range all.Documents.Edges {
			if opt(e.Node.Number) == "83/2025/QĐ-UBND" {
				q83 = e.Node
			}
		}
		if opt(q83.ValidFrom) != "2025-11-04" || q83.ValidUntil != nil || q83.B || !q83.C || !q83.D {
			t.Errorf("83/2025/QĐ-UBND: %+v, want in force from 2025-11-04, open", q83)
		}
	})
}

// opt is an optional string's value, "" for null.
func opt(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// TestNamedDocumentsReachable checks, on both stores, that a document whose
// text is not loaded but which a loaded one replaces or cites as a legal
// basis is reachable like a loaded one: by number, by id, through the
// loaded document's replaces and through its basedOn.
func TestNamedDocumentsReachable(t *testing.T) {
	const query = `query($number: String!, $id: ID!) {
  byNumber: document(number: $number) { id number named status }
  byID: document(id: $id) { id number named status }
  q83: document(number: "83/2025/QĐ-UBND") {
    replaces { id number named }
    basedOn { id number named }
    basedOnNumbers
  }
}`
	type doc struct {
		ID     string `json:"id"`
		Number string `json:"number"`
		Named  bool   `json:"named"`
		Status string `json:"status"`
	}
	const old = "09/2017/QĐ-UBND"
	forEachStore(t, func(t *testing.T, srv *servertest.Server, st regnet.Store) {
		var got struct {
			ByNumber, ByID *doc
			Q83            struct {
				Replaces, BasedOn []doc
				BasedOnNumbers    []string
			}
		}
		run(t, srv, query, map[string]any{"number": old, "id": regnet.DocumentID(old)}, &got)
		for name, d := range map[string]*doc{"by number": got.ByNumber, "by id": got.ByID} {
			if d == nil || d.ID != regnet.DocumentID(old) || d.Number != old || !d.Named || d.Status != regnet.StatusReplaced {
				t.Errorf("%s %s: %+v, want the named, replaced document", name, old, d)
			}
		}
		if i := slices.IndexFunc(got.Q83.Replaces, func(d doc) bool { return d.Number == old }); i < 0 || !got.Q83.Replaces[i].Named {
			t.Errorf("83/2025/QĐ-UBND replaces %+v: want the named %s", got.Q83.Replaces, old)
		}

		// basedOn holds every basis the store knows, named ones included.
		all, err := st.Documents(t.Context(), regnet.DocumentFilter{IncludeNamed: true})
		if err != nil {
			t.Fatal(err)
		}
		known := map[string]bool{}
		for _, d := range all {
			if d.Number != nil {
				known[regnet.NumberKey(*d.Number)] = true
			}
		}
		var want, have []string
		for _, n := range got.Q83.BasedOnNumbers {
			if known[regnet.NumberKey(n)] && !slices.Contains(want, regnet.NumberKey(n)) {
				want = append(want, regnet.NumberKey(n))
			}
		}
		named := 0
		for _, d := range got.Q83.BasedOn {
			have = append(have, regnet.NumberKey(d.Number))
			if d.Named {
				named++
			}
		}
		slices.Sort(want)
		slices.Sort(have)
		if !slices.Equal(have, want) || named == 0 {
			t.Errorf("83/2025/QĐ-UBND basedOn %v (%d named), want %v, named ones among them", have, named, want)
		}
	})
}

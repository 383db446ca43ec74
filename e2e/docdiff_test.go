package e2e_test

import (
	"slices"
	"testing"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/server/servertest"
)

const compareDocumentsQuery = `query($a: String!, $b: String!) {
  compareDocuments(a: $a, b: $b) {
    a { id } b { id } same
    added { ...change } removed { ...change } changed { ...change }
  }
}
fragment change on StatementChange {
  change kind field { code } area { code }
  a { ...side } b { ...side }
}
fragment side on Statement { agency { id kind } role text of provision { id path document { id } } }`

type docSide struct {
	Agency struct {
		ID   string `json:"id"`
		Kind string `json:"kind"`
	} `json:"agency"`
	Role      string `json:"role"`
	Text      string `json:"text"`
	Of        int    `json:"of"`
	Provision struct {
		ID       string              `json:"id"`
		Path     string              `json:"path"`
		Document struct{ ID string } `json:"document"`
	} `json:"provision"`
}

type docChange struct {
	Change string `json:"change"`
	Kind   string `json:"kind"`
	A, B   *docSide
}

type docComparison struct {
	CompareDocuments struct {
		A, B                    struct{ ID string }
		Same                    int
		Added, Removed, Changed []docChange
	} `json:"compareDocuments"`
}

// TestCompareDocuments checks, on both stores, what the 2026–2030 draft plan
// of Lạng Sơn changes from plan 125/KH-UBND (2021–2025), and what the Điện
// Biên draft quy chế says differently from Lạng Sơn's 83/2025: every change
// has the statement of the side(s) that fill it, from that side's document,
// and the slots fall in the right list.
func TestCompareDocuments(t *testing.T) {
	const plan2021, plan2026 = "doc:125-kh-ubnd", "doc:langson-kehoach-2026-2030"
	const q83, dienBien = "doc:83-2025-qd-ubnd", "doc:dienbien-quyche-du-thao-2025"
	forEachStore(t, func(t *testing.T, srv *servertest.Server, _ regnet.Store) {
		for _, tc := range []struct{ a, b, aID, bID string }{
			{"125/KH-UBND", plan2026, plan2021, plan2026},
			{q83, dienBien, q83, dienBien},
		} {
			var got docComparison
			run(t, srv, compareDocumentsQuery, map[string]any{"a": tc.a, "b": tc.b}, &got)
			c := got.CompareDocuments
			if c.A.ID != tc.aID || c.B.ID != tc.bID {
				t.Fatalf("compared %s with %s, asked %s and %s", c.A.ID, c.B.ID, tc.a, tc.b)
			}
			if len(c.Added) == 0 || len(c.Removed) == 0 || len(c.Changed) == 0 {
				t.Errorf("%s → %s: %d added, %d removed, %d changed; the versions differ in all three ways",
					tc.a, tc.b, len(c.Added), len(c.Removed), len(c.Changed))
			}
			check := func(list []docChange, change string, hasA, hasB bool) {
				for _, ch := range list {
					if ch.Change != change || (ch.A != nil) != hasA || (ch.B != nil) != hasB {
						t.Errorf("%s → %s: %s entry %+v has sides a=%v b=%v", tc.a, tc.b, change, ch, ch.A != nil, ch.B != nil)
						continue
					}
					for side, st := range map[string]*docSide{tc.aID: ch.A, tc.bID: ch.B} {
						if st == nil {
							continue
						}
						if st.Provision.Document.ID != side || st.Text == "" || st.Agency.Kind != ch.Kind || st.Of < 1 {
							t.Errorf("%s → %s: %s %s: statement %+v is not of %s's %s", tc.a, tc.b, change, ch.Kind, st, side, ch.Kind)
						}
					}
					if change == regnet.ChangeChanged && ch.A.Role == ch.B.Role {
						t.Errorf("%s → %s: changed %s keeps its role %s", tc.a, tc.b, ch.Kind, ch.A.Role)
					}
				}
			}
			check(c.Added, regnet.ChangeAdded, false, true)
			check(c.Removed, regnet.ChangeRemoved, true, false)
			check(c.Changed, regnet.ChangeChanged, true, true)
		}

		// The plans: which agencies' tasks appear, disappear or change lead.
		var plans docComparison
		run(t, srv, compareDocumentsQuery, map[string]any{"a": plan2021, "b": plan2026}, &plans)
		kinds := func(list []docChange) []string {
			var out []string
			for _, ch := range list {
				out = append(out, ch.Kind)
			}
			return out
		}
		c := plans.CompareDocuments
		for _, tc := range []struct {
			list []docChange
			kind string
		}{
			{c.Added, "HEALTH"},                       // the 2026 plan gives Sở Y tế tasks of its own
			{c.Removed, "DISTRICT_PEOPLES_COMMITTEE"}, // districts were abolished in 2025
		} {
			if !slices.Contains(kinds(tc.list), tc.kind) {
				t.Errorf("plans: %s not among %v", tc.kind, kinds(tc.list))
			}
		}
		for _, ch := range c.Changed {
			if (ch.A.Role == regnet.RoleLead) == (ch.B.Role == regnet.RoleLead) {
				t.Errorf("plans: %s changes from %s to %s, not a change of lead", ch.Kind, ch.A.Role, ch.B.Role)
			}
		}

		// Different kinds, unknown documents.
		for _, tc := range []struct{ a, b, code string }{
			{plan2021, q83, "BAD_USER_INPUT"},
			{plan2021, "999/2099/QĐ-UBND", "NOT_FOUND"},
		} {
			r := srv.Query(t, compareDocumentsQuery, map[string]any{"a": tc.a, "b": tc.b})
			if !slices.Equal(r.Codes(), []string{tc.code}) {
				t.Errorf("compareDocuments(%s, %s): codes %v, want %s", tc.a, tc.b, r.Codes(), tc.code)
			}
		}
	})
}

// TestAmendedBy checks, on both stores, that quy chế 83/2025/QĐ-UBND knows
// the plan action that amends it ("Nghiên cứu sửa đổi, bổ sung Quyết định
// số 83/2025/QĐ-UBND …" in the 2026–2030 plan), with the action's provision.
func TestAmendedBy(t *testing.T) {
	const query = `{ document(number: "83/2025/QĐ-UBND") {
  amendedBy { id amendsNumbers amendsProvisions document { id } provision { id text } } } }`
	forEachStore(t, func(t *testing.T, srv *servertest.Server, _ regnet.Store) {
		var got struct {
			Document struct {
				AmendedBy []struct {
					ID               string              `json:"id"`
					AmendsNumbers    []string            `json:"amendsNumbers"`
					AmendsProvisions []string            `json:"amendsProvisions"`
					Document         struct{ ID string } `json:"document"`
					Provision        struct{ ID, Text string }
				} `json:"amendedBy"`
			} `json:"document"`
		}
		run(t, srv, query, nil, &got)
		found := false
		for _, a := range got.Document.AmendedBy {
			if !slices.Contains(a.AmendsNumbers, "83/2025/QĐ-UBND") || a.Provision.ID == "" || a.AmendsProvisions == nil {
				t.Errorf("amendedBy %+v: not an action amending 83/2025/QĐ-UBND with its provision", a)
			}
			found = found || a.Document.ID == "doc:langson-kehoach-2026-2030"
		}
		if !found {
			t.Errorf("83/2025/QĐ-UBND amendedBy %+v lacks the 2026–2030 plan's action", got.Document.AmendedBy)
		}
	})
}

// Package storetest is the one conformance suite every regnet.Store must
// pass. A store's test calls Run with an Opener that returns a fresh store
// holding exactly a dataset; the suite loads Fixture and checks every method
// and every filter field against it.
//
// The semantics below are the contract. Where regnet.Store's comments leave a
// choice open, this is the choice, and a store that answers otherwise fails.
//
// # Lists
//
//   - Every list method returns all matches ordered by id (byte-wise string
//     order; Fields and Areas by code), never nil: no match is an empty,
//     non-nil slice and no error.
//   - An empty filter field means "any". A non-empty list field matches when
//     the record's value is one of the list (for list-valued record fields:
//     when the two lists share an element). Set fields combine with AND.
//   - Ids that name nothing (in IDs, Agencies, Parents, …) match nothing; they
//     are never an error.
//   - Records come back equal to the dataset's, field by field, except that a
//     nil list and an empty list are the same. Returned values belong to the
//     caller: changing them must not change what the store answers next.
//   - Strings compare exactly (no folding) in filters: a province is matched by
//     its name as written ("Lạng Sơn"), codes by their code.
//
// # Filter fields
//
//   - Documents: IDs; Numbers (documents without a number never match); Province
//     (Document.Province); Kind; Status; InForceOn, IncludeDrafts and
//     IncludeNamed exactly as regnet.SelectDocuments over every loaded
//     document (without IncludeNamed, only loaded documents are listed).
//   - Provisions: IDs; Documents (Provision.Document); Part.
//   - Agencies: IDs; Province (Agency.Province; national agencies have none and
//     never match a province); Kind; Level; Parents (Agency.Parent is one of them).
//   - Duties: IDs; Agencies (Duty.Agency); Partners (shares an element with
//     Duty.Partners); Role; Field (in Duty.Fields); Area (in Duty.Areas);
//     Province: the province of the document that states the duty (through its
//     provision), not the agency's: a national agency's duty written in Lạng
//     Sơn's quy chế is a Lạng Sơn duty.
//   - Handoffs: IDs; From; To (shares an element with Notifies ∪ TransfersTo);
//     Leaving (in Handoff.Leaving); Entering (in Handoff.Entering); Province:
//     the province of the stating document, as for duties.
//   - PlanActions: IDs; Documents; Province (the plan document's province);
//     Agencies (shares an element with Leads ∪ Coordinators); Leads (with Leads);
//     DeadlineKind; Amends (shares an element with PlanAction.Amends, which
//     holds document numbers). DeadlineBefore and DeadlineAfter compare ISO
//     dates, as strings, with Deadline.End(), the last day the deadline allows,
//     strictly: Before matches End() < DeadlineBefore, After matches
//     End() > DeadlineAfter. Only DATE deadlines with a date have an End, so
//     when either bound is set every other deadline fails to match. "2026-02"
//     ends on 2026-02-28, so it is before "2026-03-01" but not before
//     "2026-02-28"; "2026" ends on 2026-12-31.
//   - Targets: IDs; Documents.
//   - Duties also: ReportsTo (one of the duty's ReportLine agencies). A duty
//     comes back with its ReportsTo and Evidence as loaded, in order.
//   - Schedules: IDs; Documents and Province (of the provision that sets the
//     schedule, as for duties); Kind; Agencies (shares an element with
//     Agencies ∪ To).
//   - Fields, Areas: the entries with the given codes, all when codes is empty;
//     unknown codes are skipped.
//
// # HandoffChain
//
// A query must set at least one of From, Leaving and Entering; otherwise the
// store returns an error with code EINVALID. The first hops (depth 1) are the
// handoffs that match every set field of the query: From (Handoff.From),
// Leaving (in Handoff.Leaving), Entering (in Handoff.Entering) and Province
// (the stating document's province). The query's fields select only the first
// hops. The hops at depth d+1 are the handoffs whose From is an agency that a
// hop at depth d notifies or transfers to. Each handoff appears once, at the
// smallest depth it is reached; cycles end there. MaxDepth <= 0 means 3, and
// more than 10 means 10; no hop is deeper than MaxDepth. Hops are ordered by
// depth, then handoff id. Via is empty at depth 1; at depth d+1 it is the
// smallest agency id among the initiators (From) of the depth-d hops that
// notify or transfer to this hop's initiator. Each hop carries the whole
// Handoff. An unknown agency or an area no rule names gives an empty chain.
//
// Direction "" and ANY mean the above. With SAME, each hop has a route: the
// areas left along it, the union of the Leaving areas of the hops from the
// first hop to it. A handoff is not taken from a depth-d hop whose route has
// left an area the handoff's Entering names; among the depth-d hops it may
// be taken from, the one with the smallest From, then handoff id, is its
// Via and the start of its route. regnet.WalkChain is this contract in code.
//
// # CoordinationPaths
//
// The graph has agencies as nodes and these links:
//   - HANDS_OFF_TO, directed: From -> each agency in Notifies ∪ TransfersTo of a
//     handoff; Via is the handoff id, Provision the handoff's provision.
//   - COORDINATES_WITH, undirected: a duty's agency <-> each of its partners;
//     Via is the duty id, Provision the duty's provision.
//   - PART_OF, undirected: an agency <-> its parent; Via and Provision empty.
//   - REPORTS_TO, directed: a duty's agency -> each agency of its ReportsTo;
//     Via is the duty id, Provision the duty's provision.
//
// Links to or from ids that are not agencies of the dataset, and links from an
// agency to itself, do not exist. Two links that differ in type or Via are two
// links. The successor link is not a coordination link.
//
// A path is a sequence of steps, each step's From the previous step's To,
// walking an undirected link either way (From and To are in the direction of
// travel). CoordinationPaths returns every shortest path from `from` to `to`
// with at most maxDepth steps, where maxDepth <= 0 means 4 and more than 6
// means 6. Paths are ordered step by step by (To, Type, Via) of the first
// step where they differ, and at most 10 are returned (the first 10 in that
// order). from == to, an unknown agency, or no path within maxDepth gives an
// empty list; an empty from or to is an EINVALID error.
//
// # Search
//
//   - What is searched: an agency's Name and Aliases; a duty's Text; a
//     provision's Heading and Text; a plan action's Text and Output. Each
//     record's fields count as one text.
//   - Both the text and the query are folded with regnet.Fold and cut into
//     tokens at every character that is not a letter or digit. A record
//     matches when every query token is equal to one of its tokens: whole
//     words only, never a token that starts with or contains the query token
//     ("la" does not find "làng", "uan" finds nothing). No token is ever dropped: Vietnamese
//     syllables such as "an", "to", "the", "on" are words, not stop words.
//   - A query with no tokens gives an empty list. limit <= 0 means 20, more
//     than 100 means 100; at most limit hits are returned.
//   - Ranking: scores are positive and hits come in non-increasing score
//     order. Every agency hit ranks before every other hit. Beyond that the
//     scores are the store's own; the suite asserts the set of hits, their
//     types, the agencies-first rule and, where only one agency matches, the
//     top hit.
//   - Hit: Type is AGENCY, DUTY, PROVISION or PLAN_ACTION; ID the record's id;
//     Title is non-empty and for an agency its Name; Snippet is a piece of the
//     record's original (unfolded) text that holds the match, so that its
//     folded form contains the first query token.
//
// # Other
//
// Ping returns nil for a store that can answer. A store is safe for
// concurrent use.
package storetest

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/regnet/regnet"
)

// Opener returns a fresh store that holds exactly ds. It may fail the test
// (t.Fatal) when the store cannot be set up, and should register its own
// clean-up with t.Cleanup.
type Opener func(t *testing.T, ds *regnet.Dataset) regnet.Store

// Run runs the whole suite against the stores open returns. Each top-level
// subtest opens its own store.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s regnet.Store)
	}{
		{"Ping", testPing},
		{"Documents", testDocuments},
		{"DocumentsInForce", testDocumentsInForce},
		{"Provisions", testProvisions},
		{"Provinces", testProvinces},
		{"Agencies", testAgencies},
		{"Duties", testDuties},
		{"Handoffs", testHandoffs},
		{"PlanActions", testPlanActions},
		{"Targets", testTargets},
		{"Schedules", testSchedules},
		{"Fields", testFields},
		{"Areas", testAreas},
		{"HandoffChain", testHandoffChain},
		{"CoordinationPaths", testCoordinationPaths},
		{"Search", testSearch},
		{"Find", testFind},
		{"ResultsBelongToCaller", testResultsBelongToCaller},
		{"Concurrent", testConcurrent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t, Fixture())
			if s == nil {
				t.Fatal("open returned a nil store")
			}
			tc.fn(t, s)
		})
	}
}

// fixture indexes a fresh Fixture by id, for the expected records.
type fixture struct {
	documents   map[string]*regnet.Document
	provisions  map[string]*regnet.Provision
	provinces   map[string]*regnet.Province
	agencies    map[string]*regnet.Agency
	duties      map[string]*regnet.Duty
	handoffs    map[string]*regnet.Handoff
	planActions map[string]*regnet.PlanAction
	targets     map[string]*regnet.Target
	schedules   map[string]*regnet.Schedule
	fields      map[string]*regnet.Field
	areas       map[string]*regnet.Area
}

func byKey[T any](xs []T, key func(*T) string) map[string]*T {
	m := make(map[string]*T, len(xs))
	for i := range xs {
		m[key(&xs[i])] = &xs[i]
	}
	return m
}

func newFixture() *fixture {
	ds := Fixture()
	return &fixture{
		documents:   byKey(ds.Documents, func(x *regnet.Document) string { return x.ID }),
		provisions:  byKey(ds.Provisions, func(x *regnet.Provision) string { return x.ID }),
		provinces:   byKey(ds.Provinces, func(x *regnet.Province) string { return x.ID }),
		agencies:    byKey(ds.Agencies, func(x *regnet.Agency) string { return x.ID }),
		duties:      byKey(ds.Duties, func(x *regnet.Duty) string { return x.ID }),
		handoffs:    byKey(ds.Handoffs, func(x *regnet.Handoff) string { return x.ID }),
		planActions: byKey(ds.PlanActions, func(x *regnet.PlanAction) string { return x.ID }),
		targets:     byKey(ds.Targets, func(x *regnet.Target) string { return x.ID }),
		schedules:   byKey(ds.Schedules, func(x *regnet.Schedule) string { return x.ID }),
		fields:      byKey(ds.Fields, func(x *regnet.Field) string { return x.Code }),
		areas:       byKey(ds.Areas, func(x *regnet.Area) string { return x.Code }),
	}
}

// checkList fails t unless got is non-nil, holds the records with the wanted
// keys in that order, and each equals the fixture's record.
func checkList[T any](t *testing.T, got []*T, err error, want []string, key func(*T) string, fix map[string]*T) {
	t.Helper()
	if err != nil {
		t.Fatalf("error: %v", err)
	}
	if got == nil {
		t.Fatalf("got a nil slice, want a non-nil one")
	}
	keys := make([]string, len(got))
	for i, x := range got {
		if x == nil {
			t.Fatalf("result %d is nil", i)
		}
		keys[i] = key(x)
	}
	if !slices.Equal(keys, want) {
		t.Fatalf("got ids\n  %q\nwant\n  %q", keys, want)
	}
	for _, x := range got {
		checkRecord(t, x, fix[key(x)])
	}
}

// checkRecord fails t unless got equals want, a nil list counting as empty.
func checkRecord[T any](t *testing.T, got, want *T) {
	t.Helper()
	if want == nil {
		t.Fatalf("no fixture record for %s", show(got))
	}
	if !reflect.DeepEqual(normalize(got), normalize(want)) {
		t.Errorf("record differs from the dataset's\n got: %s\nwant: %s", show(got), show(want))
	}
}

func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return err.Error()
	}
	return string(b)
}

// normalize returns a deep copy of v in which every nil slice is an empty
// one, so that stores may return either for "none".
func normalize(v any) any {
	rv := reflect.ValueOf(v)
	out := reflect.New(rv.Type()).Elem()
	copyNormalized(out, rv)
	return out.Interface()
}

func copyNormalized(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		p := reflect.New(src.Type().Elem())
		copyNormalized(p.Elem(), src.Elem())
		dst.Set(p)
	case reflect.Slice:
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := 0; i < src.Len(); i++ {
			copyNormalized(s.Index(i), src.Index(i))
		}
		dst.Set(s)
	case reflect.Struct:
		for i := 0; i < src.NumField(); i++ {
			copyNormalized(dst.Field(i), src.Field(i))
		}
	default:
		dst.Set(src)
	}
}

func checkCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := regnet.ErrorCode(err); got != code {
		t.Fatalf("error %v has code %q, want %q", err, got, code)
	}
}

func testPing(t *testing.T, s regnet.Store) {
	if err := s.Ping(t.Context()); err != nil {
		t.Fatalf("Ping: %v", err)
	}
}

func testDocuments(t *testing.T, s regnet.Store) {
	fix := newFixture()
	tests := []struct {
		name string
		f    regnet.DocumentFilter
		want []string
	}{
		{"all", regnet.DocumentFilter{}, []string{docKH125, docQC83, docQCDB}},
		{"ids", regnet.DocumentFilter{IDs: []string{docQCDB, docQC83, "doc:nope"}}, []string{docQC83, docQCDB}},
		{"unknown id", regnet.DocumentFilter{IDs: []string{"doc:nope"}}, []string{}},
		{"numbers", regnet.DocumentFilter{Numbers: []string{numQC83, "1/2000/QĐ-UBND"}}, []string{docQC83}},
		{"unknown number", regnet.DocumentFilter{Numbers: []string{"1/2000/QĐ-UBND"}}, []string{}},
		// Numbers are compared without spaces, hyphens and case, as
		// documents cite them ("83/2025/QĐ- UBND").
		{"number as cited", regnet.DocumentFilter{Numbers: []string{strings.ReplaceAll(numQC83, "-", "- ")}}, []string{docQC83}},
		{"province", regnet.DocumentFilter{Province: "Lạng Sơn"}, []string{docKH125, docQC83}},
		{"province with no documents", regnet.DocumentFilter{Province: "Hà Nội"}, []string{}},
		{"kind", regnet.DocumentFilter{Kind: regnet.KindQuyChe}, []string{docQC83, docQCDB}},
		{"status", regnet.DocumentFilter{Status: regnet.StatusDraft}, []string{docQCDB}},
		{"kind and province", regnet.DocumentFilter{Kind: regnet.KindKeHoach, Province: "Điện Biên"}, []string{}},
		{"kind, province and status", regnet.DocumentFilter{Kind: regnet.KindQuyChe, Province: "Lạng Sơn", Status: regnet.StatusIssued}, []string{docQC83}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Documents(t.Context(), tc.f)
			checkList(t, got, err, tc.want, func(x *regnet.Document) string { return x.ID }, fix.documents)
		})
	}
}

// testDocumentsInForce checks the filters on time: the fixture's quy chế
// 83/2025 takes effect on 2025-11-04 and replaces 09/2017 (named, not
// loaded), plan 125 runs 2021–2025, the Điện Biên quy chế is a draft.
func testDocumentsInForce(t *testing.T, s regnet.Store) {
	docOld := regnet.DocumentID(numOld)
	tests := []struct {
		name string
		f    regnet.DocumentFilter
		want []string
	}{
		{"before the new quy chế", regnet.DocumentFilter{InForceOn: "2025-06-01"}, []string{docKH125}},
		{"the day before it takes effect", regnet.DocumentFilter{InForceOn: "2025-11-03", Province: "Lạng Sơn", IncludeNamed: true}, []string{docOld, docKH125}},
		{"the day it takes effect", regnet.DocumentFilter{InForceOn: "2025-11-04", Province: "Lạng Sơn", IncludeNamed: true}, []string{docKH125, docQC83}},
		{"after the plan's period", regnet.DocumentFilter{InForceOn: "2026-01-15", Province: "Lạng Sơn", IncludeNamed: true}, []string{docQC83}},
		{"drafts on request", regnet.DocumentFilter{InForceOn: "2026-01-15", IncludeDrafts: true}, []string{docQC83, docQCDB}},
		{"drafts only with a date", regnet.DocumentFilter{InForceOn: "2026-01-15", Status: regnet.StatusDraft}, []string{}},
		{"with other filters", regnet.DocumentFilter{InForceOn: "2025-06-01", Kind: regnet.KindQuyChe, IncludeNamed: true, Province: "Lạng Sơn"}, []string{}},
		{"named by number", regnet.DocumentFilter{Numbers: []string{numOld}, IncludeNamed: true}, []string{docOld}},
		{"named are listed only on request", regnet.DocumentFilter{Numbers: []string{numOld}}, []string{}},
		{"ids", regnet.DocumentFilter{IDs: []string{docQC83, docQCDB}, InForceOn: "2025-06-01"}, []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Documents(t.Context(), tc.f)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if got == nil {
				t.Fatalf("got a nil slice, want a non-nil one")
			}
			ids := make([]string, len(got))
			for i, d := range got {
				ids[i] = d.ID
			}
			if !slices.Equal(ids, tc.want) {
				t.Fatalf("got ids\n  %q\nwant\n  %q", ids, tc.want)
			}
		})
	}
	t.Run("what is known of a named document", func(t *testing.T) {
		got, err := s.Documents(t.Context(), regnet.DocumentFilter{IDs: []string{docOld}, IncludeNamed: true})
		if err != nil || len(got) != 1 {
			t.Fatalf("got %v, %v; want the named document", got, err)
		}
		d := got[0]
		if !d.Named || d.Number == nil || *d.Number != numOld || d.Kind != regnet.KindQuyetDinh ||
			d.Status != regnet.StatusReplaced || d.Province != "Lạng Sơn" || d.Level != regnet.LevelProvincial {
			t.Errorf("named document: %s", show(d))
		}
	})
}

func testProvisions(t *testing.T, s regnet.Store) {
	fix := newFixture()
	allQC := []string{pDecision, pR6, pR6_1, pR7, pR7_1, pR7_1a, pR7_1b, pR7_1c, pR7_2, pR7_2a, pR7_2b, pR7_2d,
		pR7_3, pR7_3a, pR7_3b, pR7_4, pR7_4a, pR7_4b, pR7_4c, pR8, pR8_1}
	allDB := []string{pDB5, pDB5_12, pDB5_12a, pDB5_12c, pDB5_2, pDB5_2a}
	allKH := []string{pKHII, pKHII21, pKHIV, pKHIV21}
	tests := []struct {
		name string
		f    regnet.ProvisionFilter
		want []string
	}{
		{"all", regnet.ProvisionFilter{}, slices.Concat(allKH, allQC, allDB)},
		{"ids", regnet.ProvisionFilter{IDs: []string{pR7_4c, pDB5_2a, pR7_1a, "doc:nope#X"}}, []string{pR7_1a, pR7_4c, pDB5_2a}},
		{"unknown id", regnet.ProvisionFilter{IDs: []string{"doc:nope#X"}}, []string{}},
		{"documents", regnet.ProvisionFilter{Documents: []string{docQCDB}}, allDB},
		{"two documents", regnet.ProvisionFilter{Documents: []string{docQCDB, docKH125}}, slices.Concat(allKH, allDB)},
		{"part decision", regnet.ProvisionFilter{Part: regnet.PartDecision}, []string{pDecision}},
		{"part plan", regnet.ProvisionFilter{Part: regnet.PartPlan}, allKH},
		{"part and document", regnet.ProvisionFilter{Part: regnet.PartRegulation, Documents: []string{docKH125}}, []string{}},
		{"ids and document", regnet.ProvisionFilter{IDs: []string{pR7_1a, pDB5_2a}, Documents: []string{docQCDB}}, []string{pDB5_2a}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Provisions(t.Context(), tc.f)
			checkList(t, got, err, tc.want, func(x *regnet.Provision) string { return x.ID }, fix.provisions)
		})
	}
}

func testProvinces(t *testing.T, s regnet.Store) {
	fix := newFixture()
	got, err := s.Provinces(t.Context())
	checkList(t, got, err, []string{provDienBien, provLangSon}, func(x *regnet.Province) string { return x.ID }, fix.provinces)
}

func testAgencies(t *testing.T, s regnet.Store) {
	fix := newFixture()
	tests := []struct {
		name string
		f    regnet.AgencyFilter
		want []string
	}{
		{"all", regnet.AgencyFilter{}, []string{agDBCustoms, agDBPolice, agLSBorder, agLSCustoms, agLSCustomsOld,
			agLSTrade, agLSMarket, agLSMilitary, agLSCommittee, agLSPolice, agNatCustoms}},
		{"ids", regnet.AgencyFilter{IDs: []string{agLSPolice, agDBCustoms, "agency:nope"}}, []string{agDBCustoms, agLSPolice}},
		{"unknown id", regnet.AgencyFilter{IDs: []string{"agency:nope"}}, []string{}},
		{"province", regnet.AgencyFilter{Province: "Lạng Sơn"}, []string{agLSBorder, agLSCustoms, agLSCustomsOld,
			agLSTrade, agLSMarket, agLSMilitary, agLSCommittee, agLSPolice}},
		{"other province", regnet.AgencyFilter{Province: "Điện Biên"}, []string{agDBCustoms, agDBPolice}},
		{"unknown province", regnet.AgencyFilter{Province: "Hà Nội"}, []string{}},
		{"kind", regnet.AgencyFilter{Kind: "CUSTOMS"}, []string{agDBCustoms, agLSCustoms, agLSCustomsOld, agNatCustoms}},
		{"kind and province", regnet.AgencyFilter{Kind: "CUSTOMS", Province: "Lạng Sơn"}, []string{agLSCustoms, agLSCustomsOld}},
		{"level", regnet.AgencyFilter{Level: regnet.LevelNational}, []string{agNatCustoms}},
		{"level with none", regnet.AgencyFilter{Level: regnet.LevelCommune}, []string{}},
		{"parents", regnet.AgencyFilter{Parents: []string{agNatCustoms}}, []string{agDBCustoms, agLSCustoms}},
		{"two parents", regnet.AgencyFilter{Parents: []string{agLSTrade, agLSMilitary}}, []string{agLSBorder, agLSMarket}},
		{"parents and province", regnet.AgencyFilter{Parents: []string{agNatCustoms}, Province: "Điện Biên"}, []string{agDBCustoms}},
		{"parent with no children", regnet.AgencyFilter{Parents: []string{agLSPolice}}, []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Agencies(t.Context(), tc.f)
			checkList(t, got, err, tc.want, func(x *regnet.Agency) string { return x.ID }, fix.agencies)
		})
	}
}

func testDuties(t *testing.T, s regnet.Store) {
	fix := newFixture()
	lsDuties := []string{dutyCommittee, dutyTrade, dutyMarket, dutyPolice, dutyPoliceBorder, dutyPoliceFood, dutyBorder, dutyCustoms, dutyCustomsTax, dutyNational}
	tests := []struct {
		name string
		f    regnet.DutyFilter
		want []string
	}{
		{"all", regnet.DutyFilter{}, slices.Concat(lsDuties, []string{dutyDBCustoms, dutyDBPolice})},
		{"ids", regnet.DutyFilter{IDs: []string{dutyDBPolice, dutyTrade, "x#duty"}}, []string{dutyTrade, dutyDBPolice}},
		{"unknown id", regnet.DutyFilter{IDs: []string{"x#duty"}}, []string{}},
		{"agencies", regnet.DutyFilter{Agencies: []string{agLSCustoms}}, []string{dutyCustoms, dutyCustomsTax}},
		{"two agencies", regnet.DutyFilter{Agencies: []string{agDBPolice, agLSMarket}}, []string{dutyMarket, dutyDBPolice}},
		{"agency without duties", regnet.DutyFilter{Agencies: []string{agLSMilitary}}, []string{}},
		{"partners", regnet.DutyFilter{Partners: []string{agLSCustoms}}, []string{dutyPolice, dutyBorder}},
		{"partners other province", regnet.DutyFilter{Partners: []string{agDBPolice}}, []string{dutyDBCustoms}},
		{"partners national", regnet.DutyFilter{Partners: []string{agNatCustoms, agLSPolice}}, []string{dutyTrade, dutyCustoms}},
		// The national agency's duty is stated in Lạng Sơn's quy chế.
		{"province by document", regnet.DutyFilter{Province: "Lạng Sơn"}, lsDuties},
		{"other province", regnet.DutyFilter{Province: "Điện Biên"}, []string{dutyDBCustoms, dutyDBPolice}},
		{"unknown province", regnet.DutyFilter{Province: "Hà Nội"}, []string{}},
		{"role", regnet.DutyFilter{Role: regnet.RoleLead}, []string{dutyTrade, dutyMarket, dutyPolice, dutyPoliceFood, dutyBorder, dutyCustoms, dutyDBCustoms}},
		// One provision states two duties of one agency, with different roles.
		{"two statements of one provision", regnet.DutyFilter{Agencies: []string{agLSPolice}}, []string{dutyPolice, dutyPoliceBorder, dutyPoliceFood}},
		{"agency and role of one statement", regnet.DutyFilter{Agencies: []string{agLSPolice}, Role: regnet.RoleCoordinate}, []string{dutyPoliceBorder}},
		{"field of one statement only", regnet.DutyFilter{Field: "BORDER_CONTROL"}, []string{dutyPoliceBorder, dutyBorder}},
		{"reports to", regnet.DutyFilter{ReportsTo: []string{agLSCommittee}}, []string{dutyPoliceFood}},
		{"reports to nobody named", regnet.DutyFilter{ReportsTo: []string{agNatCustoms}}, []string{}},
		{"reports to and role", regnet.DutyFilter{ReportsTo: []string{agLSCommittee}, Role: regnet.RoleCoordinate}, []string{}},
		{"role guide", regnet.DutyFilter{Role: regnet.RoleGuide}, []string{dutyNational}},
		{"role with none", regnet.DutyFilter{Role: regnet.RoleAdvise}, []string{}},
		{"field", regnet.DutyFilter{Field: "CUSTOMS_CONTROL"}, []string{dutyCustoms, dutyCustomsTax, dutyNational, dutyDBCustoms}},
		{"second field of a duty", regnet.DutyFilter{Field: "E_COMMERCE"}, []string{dutyTrade}},
		{"area", regnet.DutyFilter{Area: "INLAND"}, []string{dutyTrade, dutyPolice, dutyDBPolice}},
		{"role and area", regnet.DutyFilter{Role: regnet.RoleLead, Area: "CUSTOMS_ZONE"}, []string{dutyCustoms, dutyDBCustoms}},
		{"field and province", regnet.DutyFilter{Field: "CRIMINAL_INVESTIGATION", Province: "Điện Biên"}, []string{dutyDBPolice}},
		{"agencies and field", regnet.DutyFilter{Agencies: []string{agLSCustoms}, Field: "TAX"}, []string{dutyCustomsTax}},
		{"partners and role", regnet.DutyFilter{Partners: []string{agLSCustoms}, Role: regnet.RoleCoordinate}, []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Duties(t.Context(), tc.f)
			checkList(t, got, err, tc.want, func(x *regnet.Duty) string { return x.ID }, fix.duties)
		})
	}
}

func testHandoffs(t *testing.T, s regnet.Store) {
	fix := newFixture()
	tests := []struct {
		name string
		f    regnet.HandoffFilter
		want []string
	}{
		{"all", regnet.HandoffFilter{}, []string{hoMarket, hoPolice, hoBorder, hoCustoms, hoDBCustoms}},
		{"ids", regnet.HandoffFilter{IDs: []string{hoDBCustoms, hoPolice, "x#handoff"}}, []string{hoPolice, hoDBCustoms}},
		{"unknown id", regnet.HandoffFilter{IDs: []string{"x#handoff"}}, []string{}},
		{"from", regnet.HandoffFilter{From: []string{agLSCustoms}}, []string{hoCustoms}},
		{"from two", regnet.HandoffFilter{From: []string{agLSCustoms, agLSPolice}}, []string{hoPolice, hoCustoms}},
		{"from agency without rules", regnet.HandoffFilter{From: []string{agDBPolice}}, []string{}},
		{"to notified", regnet.HandoffFilter{To: []string{agLSPolice}}, []string{hoBorder, hoCustoms}},
		{"to transferred", regnet.HandoffFilter{To: []string{agLSCustoms}}, []string{hoMarket}},
		{"to either", regnet.HandoffFilter{To: []string{agLSMarket, agDBPolice}}, []string{hoPolice, hoBorder, hoDBCustoms}},
		{"province", regnet.HandoffFilter{Province: "Điện Biên"}, []string{hoDBCustoms}},
		{"leaving", regnet.HandoffFilter{Leaving: "CUSTOMS_ZONE"}, []string{hoCustoms, hoDBCustoms}},
		{"leaving and province", regnet.HandoffFilter{Leaving: "CUSTOMS_ZONE", Province: "Lạng Sơn"}, []string{hoCustoms}},
		{"entering", regnet.HandoffFilter{Entering: "BORDER_AREA"}, []string{hoMarket, hoPolice}},
		{"entering inland", regnet.HandoffFilter{Entering: "INLAND"}, []string{hoBorder}},
		{"leaving and entering", regnet.HandoffFilter{Leaving: "BORDER_AREA", Entering: "INLAND"}, []string{hoBorder}},
		{"area no rule names", regnet.HandoffFilter{Leaving: "MARKETS"}, []string{}},
		{"from and to", regnet.HandoffFilter{From: []string{agLSBorder}, To: []string{agLSMarket}}, []string{hoBorder}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Handoffs(t.Context(), tc.f)
			checkList(t, got, err, tc.want, func(x *regnet.Handoff) string { return x.ID }, fix.handoffs)
		})
	}
}

func testPlanActions(t *testing.T, s regnet.Store) {
	fix := newFixture()
	all := []string{pa1, pa2, pa3, pa4, pa5}
	tests := []struct {
		name string
		f    regnet.PlanActionFilter
		want []string
	}{
		{"all", regnet.PlanActionFilter{}, all},
		{"ids", regnet.PlanActionFilter{IDs: []string{pa4, pa2, "x#action"}}, []string{pa2, pa4}},
		{"unknown id", regnet.PlanActionFilter{IDs: []string{"x#action"}}, []string{}},
		{"documents", regnet.PlanActionFilter{Documents: []string{docKH125}}, all},
		{"document without actions", regnet.PlanActionFilter{Documents: []string{docQC83}}, []string{}},
		{"province", regnet.PlanActionFilter{Province: "Lạng Sơn"}, all},
		{"province without plans", regnet.PlanActionFilter{Province: "Điện Biên"}, []string{}},
		{"agencies lead or coordinate", regnet.PlanActionFilter{Agencies: []string{agLSCustoms}}, []string{pa1, pa2}},
		{"agencies coordinate only", regnet.PlanActionFilter{Agencies: []string{agLSPolice}}, []string{pa1, pa4}},
		{"leads", regnet.PlanActionFilter{Leads: []string{agLSTrade}}, []string{pa2, pa4, pa5}},
		{"leads not coordinators", regnet.PlanActionFilter{Leads: []string{agLSPolice}}, []string{}},
		{"leads two", regnet.PlanActionFilter{Leads: []string{agLSCustoms, agLSMarket}}, []string{pa1, pa3}},
		{"deadline kind date", regnet.PlanActionFilter{DeadlineKind: regnet.DeadlineDate}, []string{pa1, pa2, pa5}},
		{"deadline kind recurring", regnet.PlanActionFilter{DeadlineKind: regnet.DeadlineRecurring}, []string{pa3}},
		{"deadline kind conditional", regnet.PlanActionFilter{DeadlineKind: regnet.DeadlineConditional}, []string{pa4}},
		{"deadline kind periodic", regnet.PlanActionFilter{DeadlineKind: regnet.DeadlinePeriodic}, []string{}},
		// 2026-02 ends 2026-02-28, 2026 ends 2026-12-31, 2025-12-20 is a day.
		{"before month end", regnet.PlanActionFilter{DeadlineBefore: "2026-03-01"}, []string{pa1, pa5}},
		{"before is strict", regnet.PlanActionFilter{DeadlineBefore: "2026-02-28"}, []string{pa5}},
		{"before a day deadline", regnet.PlanActionFilter{DeadlineBefore: "2025-12-20"}, []string{}},
		{"before year end", regnet.PlanActionFilter{DeadlineBefore: "2027-01-01"}, []string{pa1, pa2, pa5}},
		{"after", regnet.PlanActionFilter{DeadlineAfter: "2026-01-01"}, []string{pa1, pa2}},
		{"after is strict", regnet.PlanActionFilter{DeadlineAfter: "2026-02-28"}, []string{pa2}},
		{"after day", regnet.PlanActionFilter{DeadlineAfter: "2025-12-19"}, []string{pa1, pa2, pa5}},
		{"between", regnet.PlanActionFilter{DeadlineAfter: "2025-12-19", DeadlineBefore: "2026-03-01"}, []string{pa1, pa5}},
		{"after everything", regnet.PlanActionFilter{DeadlineAfter: "2030-01-01"}, []string{}},
		{"amends", regnet.PlanActionFilter{Amends: []string{numQC83}}, []string{pa2}},
		{"amends nothing known", regnet.PlanActionFilter{Amends: []string{numOld}}, []string{}},
		{"leads and deadline", regnet.PlanActionFilter{Leads: []string{agLSTrade}, DeadlineBefore: "2026-03-01"}, []string{pa5}},
		{"agencies and kind", regnet.PlanActionFilter{Agencies: []string{agLSPolice}, DeadlineKind: regnet.DeadlineConditional}, []string{pa4}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.PlanActions(t.Context(), tc.f)
			checkList(t, got, err, tc.want, func(x *regnet.PlanAction) string { return x.ID }, fix.planActions)
		})
	}
}

func testTargets(t *testing.T, s regnet.Store) {
	fix := newFixture()
	tests := []struct {
		name string
		f    regnet.TargetFilter
		want []string
	}{
		{"all", regnet.TargetFilter{}, []string{target1, target2}},
		{"ids", regnet.TargetFilter{IDs: []string{target2, "x#target"}}, []string{target2}},
		{"documents", regnet.TargetFilter{Documents: []string{docKH125}}, []string{target1, target2}},
		{"document without targets", regnet.TargetFilter{Documents: []string{docQC83}}, []string{}},
		{"ids and document", regnet.TargetFilter{IDs: []string{target1}, Documents: []string{docQCDB}}, []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Targets(t.Context(), tc.f)
			checkList(t, got, err, tc.want, func(x *regnet.Target) string { return x.ID }, fix.targets)
		})
	}
}

func testFields(t *testing.T, s regnet.Store) {
	fix := newFixture()
	tests := []struct {
		name  string
		codes []string
		want  []string
	}{
		{"all", nil, []string{"BORDER_CONTROL", "CRIMINAL_INVESTIGATION", "CUSTOMS_CONTROL", "E_COMMERCE",
			"FOOD_SAFETY", "INSPECTION", "MARKET_TRADE", "TAX"}},
		{"codes", []string{"TAX", "CUSTOMS_CONTROL", "NOPE"}, []string{"CUSTOMS_CONTROL", "TAX"}},
		{"unknown code", []string{"NOPE"}, []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Fields(t.Context(), tc.codes)
			checkList(t, got, err, tc.want, func(x *regnet.Field) string { return x.Code }, fix.fields)
		})
	}
}

func testAreas(t *testing.T, s regnet.Store) {
	fix := newFixture()
	tests := []struct {
		name  string
		codes []string
		want  []string
	}{
		{"all", []string{}, []string{"BORDER_AREA", "BORDER_GATE", "CUSTOMS_ZONE", "INLAND", "MARKETS"}},
		{"codes", []string{"MARKETS", "CUSTOMS_ZONE", "NOPE"}, []string{"CUSTOMS_ZONE", "MARKETS"}},
		{"unknown code", []string{"NOPE"}, []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Areas(t.Context(), tc.codes)
			checkList(t, got, err, tc.want, func(x *regnet.Area) string { return x.Code }, fix.areas)
		})
	}
}

// hop is an expected chain hop.
type hop struct {
	Depth   int
	Handoff string
	Via     string
}

func testHandoffChain(t *testing.T, s regnet.Store) {
	fix := newFixture()
	// From leaving the customs zone in Lạng Sơn: customs notifies police and
	// border guard (depth 2, both via customs); both of their rules reach
	// market management, whose rule comes at depth 3 via the smaller of the
	// two initiators' ids (border guard); it hands back to customs, whose
	// rule is already in the chain.
	leavingCZ := []hop{
		{1, hoCustoms, ""},
		{2, hoPolice, agLSCustoms},
		{2, hoBorder, agLSCustoms},
		{3, hoMarket, agLSBorder},
	}
	fromPolice := []hop{
		{1, hoPolice, ""},
		{2, hoMarket, agLSPolice},
		{3, hoCustoms, agLSMarket},
		{4, hoBorder, agLSCustoms},
	}
	tests := []struct {
		name string
		q    regnet.ChainQuery
		want []hop
	}{
		{"leaving area in province", regnet.ChainQuery{Province: "Lạng Sơn", Leaving: "CUSTOMS_ZONE", MaxDepth: 3}, leavingCZ},
		{"default depth is 3", regnet.ChainQuery{Province: "Lạng Sơn", Leaving: "CUSTOMS_ZONE"}, leavingCZ},
		{"negative depth is 3", regnet.ChainQuery{Province: "Lạng Sơn", Leaving: "CUSTOMS_ZONE", MaxDepth: -1}, leavingCZ},
		{"depth 2", regnet.ChainQuery{Province: "Lạng Sơn", Leaving: "CUSTOMS_ZONE", MaxDepth: 2}, leavingCZ[:3]},
		{"depth 1", regnet.ChainQuery{Province: "Lạng Sơn", Leaving: "CUSTOMS_ZONE", MaxDepth: 1}, leavingCZ[:1]},
		{"cycle ends", regnet.ChainQuery{Province: "Lạng Sơn", Leaving: "CUSTOMS_ZONE", MaxDepth: 10}, leavingCZ},
		{"leaving in any province", regnet.ChainQuery{Leaving: "CUSTOMS_ZONE"}, []hop{
			{1, hoCustoms, ""}, {1, hoDBCustoms, ""},
			{2, hoPolice, agLSCustoms}, {2, hoBorder, agLSCustoms},
			{3, hoMarket, agLSBorder},
		}},
		{"leaving in other province", regnet.ChainQuery{Province: "Điện Biên", Leaving: "CUSTOMS_ZONE"}, []hop{{1, hoDBCustoms, ""}}},
		{"entering", regnet.ChainQuery{Province: "Lạng Sơn", Entering: "CUSTOMS_ZONE"}, []hop{
			{1, hoMarket, ""},
			{2, hoCustoms, agLSMarket},
			{3, hoPolice, agLSCustoms},
			{3, hoBorder, agLSCustoms},
		}},
		{"entering shared by two first hops", regnet.ChainQuery{Entering: "BORDER_AREA", MaxDepth: 10}, []hop{
			{1, hoMarket, ""},
			{1, hoPolice, ""},
			{2, hoCustoms, agLSMarket},
			{3, hoBorder, agLSCustoms},
		}},
		{"from agency", regnet.ChainQuery{From: agLSPolice}, fromPolice[:3]},
		{"from agency depth 4", regnet.ChainQuery{From: agLSPolice, MaxDepth: 4}, fromPolice},
		{"depth capped at 10", regnet.ChainQuery{From: agLSPolice, MaxDepth: 1000}, fromPolice},
		{"from and leaving", regnet.ChainQuery{From: agLSCustoms, Leaving: "CUSTOMS_ZONE"}, leavingCZ},
		{"from and leaving not matching", regnet.ChainQuery{From: agLSPolice, Leaving: "CUSTOMS_ZONE"}, []hop{}},
		{"from in other province", regnet.ChainQuery{From: agLSPolice, Province: "Điện Biên"}, []hop{}},
		{"from agency without rules", regnet.ChainQuery{From: agDBPolice}, []hop{}},
		{"from unknown agency", regnet.ChainQuery{From: "agency:nope"}, []hop{}},
		{"area no rule names", regnet.ChainQuery{Leaving: "MARKETS"}, []hop{}},
		{"any direction is the default", regnet.ChainQuery{Province: "Lạng Sơn", Leaving: "CUSTOMS_ZONE", Direction: regnet.ChainAny}, leavingCZ},
		// Goods that left the customs zone do not come back into it: market
		// management's rule (entering the customs zone) is out, from either
		// route.
		{"same direction leaving", regnet.ChainQuery{Province: "Lạng Sơn", Leaving: "CUSTOMS_ZONE", Direction: regnet.ChainSame}, leavingCZ[:3]},
		// The border guard's rule leaves the border area; the police's and
		// market management's rules are for goods entering it.
		{"same direction stops at once", regnet.ChainQuery{Leaving: "BORDER_AREA", Direction: regnet.ChainSame, MaxDepth: 10}, []hop{{1, hoBorder, ""}}},
		{"any direction goes back", regnet.ChainQuery{Leaving: "BORDER_AREA", Direction: regnet.ChainAny, MaxDepth: 10}, []hop{
			{1, hoBorder, ""},
			{2, hoMarket, agLSBorder},
			{2, hoPolice, agLSBorder},
			{3, hoCustoms, agLSMarket},
		}},
		// Nothing is left before customs' rule, so every route keeps going.
		{"same direction with nothing left", regnet.ChainQuery{From: agLSPolice, MaxDepth: 4, Direction: regnet.ChainSame}, fromPolice},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.HandoffChain(t.Context(), tc.q)
			if err != nil {
				t.Fatalf("HandoffChain(%+v): %v", tc.q, err)
			}
			if got == nil {
				t.Fatalf("got a nil slice, want a non-nil one")
			}
			hops := make([]hop, len(got))
			for i, h := range got {
				if h == nil || h.Handoff == nil {
					t.Fatalf("hop %d is nil or has no handoff", i)
				}
				hops[i] = hop{h.Depth, h.Handoff.ID, h.Via}
			}
			if !slices.Equal(hops, tc.want) {
				t.Fatalf("got hops\n  %+v\nwant\n  %+v", hops, tc.want)
			}
			for _, h := range got {
				checkRecord(t, h.Handoff, fix.handoffs[h.Handoff.ID])
			}
		})
	}
	t.Run("no start", func(t *testing.T) {
		for _, q := range []regnet.ChainQuery{{}, {Province: "Lạng Sơn", MaxDepth: 3}} {
			_, err := s.HandoffChain(t.Context(), q)
			checkCode(t, err, regnet.EINVALID)
		}
	})
	t.Run("unknown direction", func(t *testing.T) {
		_, err := s.HandoffChain(t.Context(), regnet.ChainQuery{From: agLSPolice, Direction: "BACK"})
		checkCode(t, err, regnet.EINVALID)
	})
}

func testSchedules(t *testing.T, s regnet.Store) {
	fix := newFixture()
	tests := []struct {
		name string
		f    regnet.ScheduleFilter
		want []string
	}{
		{"all", regnet.ScheduleFilter{}, []string{schPlanSummary, schPoliceReport}},
		{"ids", regnet.ScheduleFilter{IDs: []string{schPoliceReport, "x#schedule"}}, []string{schPoliceReport}},
		{"unknown id", regnet.ScheduleFilter{IDs: []string{"x#schedule"}}, []string{}},
		{"documents", regnet.ScheduleFilter{Documents: []string{docQC83}}, []string{schPoliceReport}},
		{"province by document", regnet.ScheduleFilter{Province: "Lạng Sơn"}, []string{schPlanSummary, schPoliceReport}},
		{"other province", regnet.ScheduleFilter{Province: "Điện Biên"}, []string{}},
		{"kind", regnet.ScheduleFilter{Kind: regnet.ScheduleSummary}, []string{schPlanSummary}},
		{"kind with none", regnet.ScheduleFilter{Kind: regnet.ScheduleMeeting}, []string{}},
		{"agency holding", regnet.ScheduleFilter{Agencies: []string{agLSPolice}}, []string{schPoliceReport}},
		{"agency receiving", regnet.ScheduleFilter{Agencies: []string{agLSCommittee}}, []string{schPoliceReport}},
		{"agencies and kind", regnet.ScheduleFilter{Agencies: []string{agLSTrade, agLSPolice}, Kind: regnet.ScheduleReport}, []string{schPoliceReport}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Schedules(t.Context(), tc.f)
			checkList(t, got, err, tc.want, func(x *regnet.Schedule) string { return x.ID }, fix.schedules)
		})
	}
}

// step is an expected path step.
type step = regnet.PathStep

func testCoordinationPaths(t *testing.T, s regnet.Store) {
	var (
		// Lạng Sơn customs to the national body: a partnership and a parent link.
		lsToNatCoord = step{From: agLSCustoms, To: agNatCustoms, Type: regnet.StepCoordinatesWith, Via: dutyCustoms, Provision: pR7_4a}
		lsToNatPart  = step{From: agLSCustoms, To: agNatCustoms, Type: regnet.StepPartOf}
		natToDB      = step{From: agNatCustoms, To: agDBCustoms, Type: regnet.StepPartOf}
		dbCoord      = step{From: agDBCustoms, To: agDBPolice, Type: regnet.StepCoordinatesWith, Via: dutyDBCustoms, Provision: pDB5_12a}
		dbHandoff    = step{From: agDBCustoms, To: agDBPolice, Type: regnet.StepHandsOffTo, Via: hoDBCustoms, Provision: pDB5_12c}
	)
	crossProvince := [][]step{
		{lsToNatCoord, natToDB, dbCoord},
		{lsToNatCoord, natToDB, dbHandoff},
		{lsToNatPart, natToDB, dbCoord},
		{lsToNatPart, natToDB, dbHandoff},
	}
	tests := []struct {
		name     string
		from, to string
		maxDepth int
		want     [][]step
	}{
		{"all shortest paths, ordered", agLSCustoms, agDBPolice, 3, crossProvince},
		{"default depth is 4", agLSCustoms, agDBPolice, 0, crossProvince},
		{"bounded by depth", agLSCustoms, agDBPolice, 2, [][]step{}},
		{"handoff is directed: forward", agLSMarket, agLSCustoms, 4, [][]step{
			{{From: agLSMarket, To: agLSCustoms, Type: regnet.StepHandsOffTo, Via: hoMarket, Provision: pR7_1c}},
		}},
		// No handoff runs from customs to market management, so the reverse
		// of the rule above is no link; the paths go through police or the
		// border guard.
		{"handoff is directed: backward", agLSCustoms, agLSMarket, 4, [][]step{
			{
				{From: agLSCustoms, To: agLSBorder, Type: regnet.StepCoordinatesWith, Via: dutyBorder, Provision: pR7_3a},
				{From: agLSBorder, To: agLSMarket, Type: regnet.StepHandsOffTo, Via: hoBorder, Provision: pR7_3b},
			},
			{
				{From: agLSCustoms, To: agLSBorder, Type: regnet.StepHandsOffTo, Via: hoCustoms, Provision: pR7_4c},
				{From: agLSBorder, To: agLSMarket, Type: regnet.StepHandsOffTo, Via: hoBorder, Provision: pR7_3b},
			},
			{
				{From: agLSCustoms, To: agLSPolice, Type: regnet.StepCoordinatesWith, Via: dutyPolice, Provision: pR7_2a},
				{From: agLSPolice, To: agLSMarket, Type: regnet.StepHandsOffTo, Via: hoPolice, Provision: pR7_2d},
			},
			{
				{From: agLSCustoms, To: agLSPolice, Type: regnet.StepHandsOffTo, Via: hoCustoms, Provision: pR7_4c},
				{From: agLSPolice, To: agLSMarket, Type: regnet.StepHandsOffTo, Via: hoPolice, Provision: pR7_2d},
			},
		}},
		{"parent links up", agLSMarket, agLSCommittee, 4, [][]step{{
			{From: agLSMarket, To: agLSTrade, Type: regnet.StepPartOf},
			{From: agLSTrade, To: agLSCommittee, Type: regnet.StepPartOf},
		}}},
		{"parent links down", agLSCommittee, agLSMarket, 4, [][]step{{
			{From: agLSCommittee, To: agLSTrade, Type: regnet.StepPartOf},
			{From: agLSTrade, To: agLSMarket, Type: regnet.StepPartOf},
		}}},
		// The duty is Sở Công Thương's; it names the police as partner.
		{"partnership walked from the partner", agLSPolice, agLSTrade, 4, [][]step{{
			{From: agLSPolice, To: agLSTrade, Type: regnet.StepCoordinatesWith, Via: dutyTrade, Provision: pR7_1a},
		}}},
		{"same agency", agLSCustoms, agLSCustoms, 4, [][]step{}},
		{"unknown agency", agLSCustoms, "agency:nope", 4, [][]step{}},
		{"successor is no link", agLSCustomsOld, agLSCustoms, 6, [][]step{}},
		{"reporting line", agLSPolice, agLSCommittee, 4, [][]step{{
			{From: agLSPolice, To: agLSCommittee, Type: regnet.StepReportsTo, Via: dutyPoliceFood, Provision: pR7_2b},
		}}},
		// A report goes one way: back from the committee the path takes the
		// parent link and Sở Công Thương's partnership.
		{"reporting line is directed", agLSCommittee, agLSPolice, 4, [][]step{{
			{From: agLSCommittee, To: agLSTrade, Type: regnet.StepPartOf},
			{From: agLSTrade, To: agLSPolice, Type: regnet.StepCoordinatesWith, Via: dutyTrade, Provision: pR7_1a},
		}}},
		// The second statement of the provision names its own partner.
		{"partner of one statement", agLSMilitary, agLSPolice, 4, [][]step{{
			{From: agLSMilitary, To: agLSPolice, Type: regnet.StepCoordinatesWith, Via: dutyPoliceBorder, Provision: pR7_2b},
		}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.CoordinationPaths(t.Context(), tc.from, tc.to, tc.maxDepth)
			if err != nil {
				t.Fatalf("CoordinationPaths: %v", err)
			}
			if got == nil {
				t.Fatalf("got a nil slice, want a non-nil one")
			}
			paths := make([][]step, len(got))
			for i, p := range got {
				if p == nil {
					t.Fatalf("path %d is nil", i)
				}
				paths[i] = make([]step, len(p.Steps))
				for j, st := range p.Steps {
					if st == nil {
						t.Fatalf("path %d step %d is nil", i, j)
					}
					paths[i][j] = *st
				}
			}
			if !reflect.DeepEqual(normalize(paths), normalize(tc.want)) {
				t.Fatalf("got paths\n  %s\nwant\n  %s", showPaths(paths), showPaths(tc.want))
			}
		})
	}
	t.Run("empty agency", func(t *testing.T) {
		_, err := s.CoordinationPaths(t.Context(), "", agLSCustoms, 3)
		checkCode(t, err, regnet.EINVALID)
		_, err = s.CoordinationPaths(t.Context(), agLSCustoms, "", 3)
		checkCode(t, err, regnet.EINVALID)
	})
}

func showPaths(paths [][]step) string {
	var b strings.Builder
	for _, p := range paths {
		b.WriteString("\n  ")
		for j, st := range p {
			if j > 0 {
				b.WriteString(" ; ")
			}
			b.WriteString(st.From + " -" + st.Type + "[" + st.Via + "]-> " + st.To + " (" + st.Provision + ")")
		}
	}
	return b.String()
}

// hit is an expected search hit.
type hit struct {
	Type string
	ID   string
}

func testSearch(t *testing.T, s regnet.Store) {
	fix := newFixture()
	a := func(id string) hit { return hit{regnet.HitAgency, id} }
	d := func(id string) hit { return hit{regnet.HitDuty, id} }
	p := func(id string) hit { return hit{regnet.HitProvision, id} }
	pa := func(id string) hit { return hit{regnet.HitPlanAction, id} }

	haiQuan := []hit{
		a(agDBCustoms), a(agLSCustoms), a(agLSCustomsOld), a(agNatCustoms),
		d(dutyPolice), d(dutyBorder), d(dutyCustoms), d(dutyNational), d(dutyDBCustoms),
		p(pR7_1c), p(pR7_2a), p(pR7_3a), p(pR7_4), p(pR7_4a), p(pR7_4c), p(pR8_1),
		p(pDB5_12), p(pDB5_12a), p(pDB5_12c),
		pa(pa1),
	}
	tests := []struct {
		name  string
		query string
		limit int
		want  []hit    // the whole set of hits, in any order
		top   []string // ids allowed as the first hit; nil when want is empty
	}{
		{"folded query finds accented text", "hai quan", 100, haiQuan,
			[]string{agDBCustoms, agLSCustoms, agLSCustomsOld, agNatCustoms}},
		{"accents and case in the query", "Hải QUAN", 100, haiQuan,
			[]string{agDBCustoms, agLSCustoms, agLSCustomsOld, agNatCustoms}},
		{"đ folds to d", "dien bien", 100, []hit{
			a(agDBPolice), d(dutyDBPolice), d(dutyDBCustoms), p(pDB5), p(pDB5_2a), p(pDB5_12a),
		}, []string{agDBPolice}},
		{"đ in the query", "Điện Biên", 100, []hit{
			a(agDBPolice), d(dutyDBPolice), d(dutyDBCustoms), p(pDB5), p(pDB5_2a), p(pDB5_12a),
		}, []string{agDBPolice}},
		// "an" is an English stop word and a Vietnamese syllable.
		{"short syllables are words", "cong an", 100, []hit{
			a(agDBPolice), a(agLSPolice), d(dutyTrade), d(dutyDBCustoms),
			p(pR7_1a), p(pR7_2), p(pR7_3b), p(pR7_4c), p(pDB5_2), p(pDB5_12a), p(pDB5_12c),
		}, []string{agDBPolice, agLSPolice}},
		{"every word must match", "quan ly thi truong", 100, []hit{
			a(agLSMarket), p(pR7_1c), p(pR7_2d), p(pR7_3b),
		}, []string{agLSMarket}},
		{"aliases are searched", "UBND tinh", 100, []hit{
			a(agLSCommittee), pa(pa4),
		}, []string{agLSCommittee}},
		{"headings are searched", "trach nhiem trung uong", 100, []hit{p(pR8)}, []string{pR8}},
		{"plan action output is searched", "bao cao tong ket", 100, []hit{pa(pa5)}, []string{pa5}},
		{"words anywhere in one text", "hai quan dien bien", 100, []hit{
			d(dutyDBCustoms), p(pDB5_12a),
		}, []string{dutyDBCustoms, pDB5_12a}},
		{"words in different records do not combine", "ubnd thi truong", 100, []hit{}, nil},
		{"no match", "xyzzy", 100, []hit{}, nil},
		{"no infix match", "uan", 100, []hit{}, nil},
		{"no prefix match", "hai qua", 100, []hit{}, nil},
		{"empty query", "", 100, []hit{}, nil},
		{"query without words", " ,.; ", 100, []hit{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Search(t.Context(), tc.query, tc.limit)
			if err != nil {
				t.Fatalf("Search(%q): %v", tc.query, err)
			}
			checkHits(t, fix, tc.query, got)
			hits := make([]hit, len(got))
			for i, h := range got {
				hits[i] = hit{h.Type, h.ID}
			}
			if !sameSet(hits, tc.want) {
				t.Fatalf("Search(%q) hits\n  %v\nwant (any order)\n  %v", tc.query, hits, tc.want)
			}
			if len(got) > 0 && !slices.Contains(tc.top, got[0].ID) {
				t.Errorf("Search(%q) top hit %s, want one of %q", tc.query, got[0].ID, tc.top)
			}
		})
	}

	// Texts over the bounds are refused the same way by every store.
	for _, tc := range []struct{ name, query string }{
		{"too many words", strings.Repeat("hai quan ", regnet.MaxSearchWords)},
		{"words cut at punctuation count", strings.Repeat("a-", regnet.MaxSearchWords+1)},
		{"too long", strings.Repeat("x", regnet.MaxSearchLength+1)},
		{"Lucene's clause limit", strings.Repeat("a ", 1100)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Search(t.Context(), tc.query, 10)
			if regnet.ErrorCode(err) != regnet.EINVALID {
				t.Fatalf("Search(%d bytes) = %d hits, %v; want an EINVALID error", len(tc.query), len(got), err)
			}
		})
	}
	if _, err := s.Search(t.Context(), strings.TrimSpace(strings.Repeat("hai ", regnet.MaxSearchWords)), 10); err != nil {
		t.Errorf("Search of %d words: %v", regnet.MaxSearchWords, err)
	}

	customs := []string{agDBCustoms, agLSCustoms, agLSCustomsOld, agNatCustoms}
	limits := []struct {
		name  string
		limit int
		n     int
	}{
		{"limit 1", 1, 1},
		{"limit 3", 3, 3},
		{"limit above the hits", 50, len(haiQuan)},
		{"limit 0 means 20", 0, min(20, len(haiQuan))},
		{"negative limit means 20", -5, min(20, len(haiQuan))},
	}
	for _, tc := range limits {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Search(t.Context(), "hai quan", tc.limit)
			if err != nil {
				t.Fatalf("Search: %v", err)
			}
			checkHits(t, fix, "hai quan", got)
			if len(got) != tc.n {
				t.Fatalf("got %d hits, want %d", len(got), tc.n)
			}
			// Agencies rank first, so the first four hits are the four
			// customs agencies.
			for i, h := range got[:min(len(got), len(customs))] {
				if h.Type != regnet.HitAgency || !slices.Contains(customs, h.ID) {
					t.Errorf("hit %d is %s %s, want a customs agency", i, h.Type, h.ID)
				}
			}
			for _, h := range got {
				if !slices.Contains(haiQuan, hit{h.Type, h.ID}) {
					t.Errorf("hit %s %s is not a match", h.Type, h.ID)
				}
			}
		})
	}
}

// checkHits checks what every search answer must satisfy: non-nil, no
// duplicates, positive non-increasing scores, agencies first, agency titles,
// and snippets that hold the first query word.
func checkHits(t *testing.T, fix *fixture, query string, got []*regnet.SearchHit) {
	t.Helper()
	if got == nil {
		t.Fatalf("got a nil slice, want a non-nil one")
	}
	words := regnet.SearchWords(query)
	seen := map[hit]bool{}
	lastAgency := -1
	for i, h := range got {
		if h == nil {
			t.Fatalf("hit %d is nil", i)
		}
		k := hit{h.Type, h.ID}
		if seen[k] {
			t.Errorf("hit %s %s appears twice", h.Type, h.ID)
		}
		seen[k] = true
		if h.Score <= 0 {
			t.Errorf("hit %s has score %v, want > 0", h.ID, h.Score)
		}
		if i > 0 && h.Score > got[i-1].Score {
			t.Errorf("hit %d (%s) scores %v above hit %d (%v)", i, h.ID, h.Score, i-1, got[i-1].Score)
		}
		if h.Title == "" {
			t.Errorf("hit %s has no title", h.ID)
		}
		if h.Type == regnet.HitAgency {
			if i != lastAgency+1 {
				t.Errorf("agency hit %s at %d comes after a non-agency hit", h.ID, i)
			}
			lastAgency = i
			if ag := fix.agencies[h.ID]; ag != nil && h.Title != ag.Name {
				t.Errorf("agency hit %s has title %q, want %q", h.ID, h.Title, ag.Name)
			}
		}
		if len(words) > 0 && !strings.Contains(regnet.Fold(h.Snippet), words[0]) {
			t.Errorf("hit %s snippet %q does not hold %q", h.ID, h.Snippet, words[0])
		}
	}
}

func sameSet(got, want []hit) bool {
	if len(got) != len(want) {
		return false
	}
	m := map[hit]int{}
	for _, h := range want {
		m[h]++
	}
	for _, h := range got {
		if m[h] == 0 {
			return false
		}
		m[h]--
	}
	return true
}

// testResultsBelongToCaller changes what the store returned and asks again.
func testResultsBelongToCaller(t *testing.T, s regnet.Store) {
	fix := newFixture()
	ctx := t.Context()
	ags, err := s.Agencies(ctx, regnet.AgencyFilter{IDs: []string{agLSCustoms}})
	if err != nil || len(ags) != 1 {
		t.Fatalf("Agencies: %v, %d results", err, len(ags))
	}
	ags[0].Name = "changed"
	ags[0].Aliases[0] = "changed"
	*ags[0].Parent = "changed"
	hs, err := s.Handoffs(ctx, regnet.HandoffFilter{IDs: []string{hoCustoms}})
	if err != nil || len(hs) != 1 {
		t.Fatalf("Handoffs: %v, %d results", err, len(hs))
	}
	hs[0].Notifies[0] = "changed"
	ds, err := s.Duties(ctx, regnet.DutyFilter{IDs: []string{dutyPoliceFood}})
	if err != nil || len(ds) != 1 {
		t.Fatalf("Duties: %v, %d results", err, len(ds))
	}
	ds[0].Evidence[0].Words = "changed"
	ds[0].ReportsTo[0].When = "changed"
	schs, err := s.Schedules(ctx, regnet.ScheduleFilter{IDs: []string{schPoliceReport}})
	if err != nil || len(schs) != 1 {
		t.Fatalf("Schedules: %v, %d results", err, len(schs))
	}
	schs[0].To[0] = "changed"
	*schs[0].By = "changed"
	pas, err := s.PlanActions(ctx, regnet.PlanActionFilter{IDs: []string{pa1}})
	if err != nil || len(pas) != 1 {
		t.Fatalf("PlanActions: %v, %d results", err, len(pas))
	}
	*pas[0].Deadline.Date = "1999"
	chain, err := s.HandoffChain(ctx, regnet.ChainQuery{From: agLSCustoms, MaxDepth: 1})
	if err != nil || len(chain) != 1 {
		t.Fatalf("HandoffChain: %v, %d hops", err, len(chain))
	}
	chain[0].Handoff.Leaving[0] = "changed"

	ags, err = s.Agencies(ctx, regnet.AgencyFilter{IDs: []string{agLSCustoms}})
	checkList(t, ags, err, []string{agLSCustoms}, func(x *regnet.Agency) string { return x.ID }, fix.agencies)
	hs, err = s.Handoffs(ctx, regnet.HandoffFilter{IDs: []string{hoCustoms}})
	checkList(t, hs, err, []string{hoCustoms}, func(x *regnet.Handoff) string { return x.ID }, fix.handoffs)
	pas, err = s.PlanActions(ctx, regnet.PlanActionFilter{IDs: []string{pa1}})
	checkList(t, pas, err, []string{pa1}, func(x *regnet.PlanAction) string { return x.ID }, fix.planActions)
	ds, err = s.Duties(ctx, regnet.DutyFilter{IDs: []string{dutyPoliceFood}})
	checkList(t, ds, err, []string{dutyPoliceFood}, func(x *regnet.Duty) string { return x.ID }, fix.duties)
	schs, err = s.Schedules(ctx, regnet.ScheduleFilter{IDs: []string{schPoliceReport}})
	checkList(t, schs, err, []string{schPoliceReport}, func(x *regnet.Schedule) string { return x.ID }, fix.schedules)
	got, err := s.Search(ctx, "changed", 10)
	if err != nil || len(got) != 0 {
		t.Fatalf("Search after changing results: %v, %d hits", err, len(got))
	}
}

// testConcurrent asks the same questions from several goroutines at once
// and expects the answers a single caller gets; run with -race.
func testConcurrent(t *testing.T, s regnet.Store) {
	ctx := context.WithoutCancel(t.Context())
	ask := func() (string, error) {
		var b strings.Builder
		hits, err := s.Search(ctx, "hai quan", 10)
		if err != nil {
			return "", err
		}
		chain, err := s.HandoffChain(ctx, regnet.ChainQuery{Leaving: "CUSTOMS_ZONE"})
		if err != nil {
			return "", err
		}
		paths, err := s.CoordinationPaths(ctx, agLSCustoms, agDBPolice, 4)
		if err != nil {
			return "", err
		}
		duties, err := s.Duties(ctx, regnet.DutyFilter{Province: "Lạng Sơn"})
		if err != nil {
			return "", err
		}
		b.WriteString(show(hits) + show(chain) + show(paths) + show(duties))
		return b.String(), nil
	}
	want, err := ask()
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for range 8 {
		wg.Go(func() {
			for range 5 {
				got, err := ask()
				if err != nil {
					errs <- err.Error()
					return
				}
				if got != want {
					errs <- "a concurrent answer differs from the sequential one"
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

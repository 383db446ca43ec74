package loader_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/loader"
)

// TestAnotherProvince reads a quy chế of a province the bundled documents
// do not cover, written before the 2025 reorganisation (a "Cục Hải quan
// tỉnh", not a "Chi cục Hải quan khu vực"): the rules and the ontology must
// carry to it.
func TestAnotherProvince(t *testing.T) {
	const file = "quangninh_quyche.txt"
	data, err := os.ReadFile(filepath.Join("testdata", "province", file))
	if err != nil {
		t.Fatal(err)
	}
	ds, err := loader.New().Parse(loader.Input{Name: file, Data: data})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Warnings) > 0 {
		t.Errorf("warnings: %v", ds.Warnings)
	}
	d := ds.Documents[0]
	if d.Province != "Quảng Ninh" || d.Kind != regnet.KindQuyChe || d.Number == nil || *d.Number != "15/2024/QĐ-UBND" {
		t.Fatalf("document %s %s %v", d.Province, d.Kind, d.Number)
	}

	agencies := map[string]regnet.Agency{}
	for _, a := range ds.Agencies {
		agencies[a.ID] = a
		if a.Successor != nil {
			t.Errorf("%s links a successor (%s) the province's documents never name", a.ID, *a.Successor)
		}
	}
	// Duties per holder kind, with the leads.
	type want struct {
		duties int
		lead   []string // fields it leads
	}
	wants := map[string]want{
		"INDUSTRY_TRADE": {3, []string{"FOOD_SAFETY"}}, // two in its article, one in "Tổ chức thực hiện"
		"POLICE":         {2, []string{"CRIMINAL_INVESTIGATION"}},
		"CUSTOMS":        {2, []string{"CUSTOMS_CONTROL"}},
		"HEALTH":         {1, []string{"FOOD_SAFETY"}},
	}
	got := map[string]int{}
	leads := map[string][]string{}
	customs := map[string]bool{} // ids of customs agencies with duties
	for _, du := range ds.Duties {
		a := agencies[du.Agency]
		got[a.Kind]++
		if a.Kind == "CUSTOMS" {
			customs[a.ID] = true
		}
		if du.Role == regnet.RoleLead {
			leads[a.Kind] = append(leads[a.Kind], du.Fields...)
		}
	}
	for kind, w := range wants {
		if got[kind] != w.duties {
			t.Errorf("%s: %d duties, want %d", kind, got[kind], w.duties)
		}
		for _, f := range w.lead {
			if !slices.Contains(leads[kind], f) {
				t.Errorf("%s leads %v, want %s among them", kind, leads[kind], f)
			}
		}
	}
	if len(customs) != 1 {
		t.Fatalf("duties held by %d customs agencies, want the one Cục Hải quan tỉnh", len(customs))
	}

	// The police's handoff: entering the customs zone, notify the border
	// guard and customs, hand over to customs — the same customs agency
	// that holds the customs duties, so that a chain can go on from it.
	if len(ds.Handoffs) != 1 {
		t.Fatalf("%d handoff rules, want 1", len(ds.Handoffs))
	}
	h := ds.Handoffs[0]
	kinds := func(ids []string) []string {
		var out []string
		for _, id := range ids {
			out = append(out, agencies[id].Kind)
		}
		slices.Sort(out)
		return out
	}
	if agencies[h.From].Kind != "POLICE" || !slices.Equal(kinds(h.Notifies), []string{"BORDER_GUARD", "CUSTOMS"}) ||
		!slices.Equal(h.Entering, []string{"CUSTOMS_ZONE"}) {
		t.Errorf("handoff from %s notifies %v entering %v", h.From, kinds(h.Notifies), h.Entering)
	}
	for _, id := range append(slices.Clone(h.Notifies), h.TransfersTo...) {
		if agencies[id].Kind == "CUSTOMS" && !customs[id] {
			t.Errorf("the handoff names customs as %s, not the customs agency with duties %v", id, customs)
		}
	}
	if len(h.TransfersTo) != 1 || !customs[h.TransfersTo[0]] {
		t.Errorf("handoff transfers to %v, want the customs agency", h.TransfersTo)
	}
}

// TestAnotherProvincePlan reads a plan whose appendix is a "|" table with
// its columns in another order and named otherwise than the bundled plan's.
func TestAnotherProvincePlan(t *testing.T) {
	const file = "caobang_kehoach.txt"
	data, err := os.ReadFile(filepath.Join("testdata", "province", file))
	if err != nil {
		t.Fatal(err)
	}
	ds, err := loader.New().Parse(loader.Input{Name: file, Data: data})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Warnings) > 0 {
		t.Errorf("warnings: %v", ds.Warnings)
	}
	if p := ds.Documents[0].Period; !slices.Equal(p, []int{2025, 2025}) {
		t.Errorf("period %v, want [2025 2025] (a plan for the year its title names)", p)
	}
	kind := map[string]string{}
	for _, a := range ds.Agencies {
		kind[a.ID] = a.Kind
	}
	kinds := func(ids []string) []string {
		var out []string
		for _, id := range ids {
			out = append(out, kind[id])
		}
		return out
	}
	want := []struct {
		deadline, date string
		leads, coord   []string
		amends         []string
	}{
		{regnet.DeadlineDate, "2025-06", []string{"INDUSTRY_TRADE"}, []string{"POLICE", "JUSTICE"}, []string{"21/2018/QĐ-UBND"}},
		{regnet.DeadlineRecurring, "", []string{"BORDER_GUARD"}, []string{"CUSTOMS"}, nil},
		{regnet.DeadlineDate, "2025-01", []string{"HEALTH"}, []string{"INDUSTRY_TRADE", "AGRICULTURE_ENVIRONMENT"}, nil},
	}
	if len(ds.PlanActions) != len(want) {
		t.Fatalf("%d plan actions, want %d", len(ds.PlanActions), len(want))
	}
	for i, w := range want {
		a := ds.PlanActions[i]
		date := ""
		if a.Deadline.Date != nil {
			date = *a.Deadline.Date
		}
		if a.Deadline.Kind != w.deadline || date != w.date || !slices.Equal(kinds(a.Leads), w.leads) ||
			!slices.Equal(kinds(a.Coordinators), w.coord) || !slices.Equal(a.Amends, append([]string{}, w.amends...)) {
			t.Errorf("row %d: deadline %s %s, leads %v, coordinators %v, amends %v; want %s %s, %v, %v, %v",
				i+1, a.Deadline.Kind, date, kinds(a.Leads), kinds(a.Coordinators), a.Amends, w.deadline, w.date, w.leads, w.coord, w.amends)
		}
	}
}

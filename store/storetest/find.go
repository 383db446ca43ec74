package storetest

import (
	"slices"
	"testing"

	"github.com/regnet/regnet"
)

// testFind checks regnet.Find, the API's search, over the store: cited
// numbers and paths find their documents and provisions, a duty and its
// provision are one hit, and every hit names its document and province.
func testFind(t *testing.T, s regnet.Store) {
	find := func(t *testing.T, text string) []*regnet.SearchHit {
		t.Helper()
		hits, err := regnet.Find(t.Context(), s, text, 100)
		if err != nil {
			t.Fatalf("Find(%q): %v", text, err)
		}
		return hits
	}
	ids := func(hits []*regnet.SearchHit) []string {
		out := []string{}
		for _, h := range hits {
			out = append(out, h.Type+" "+h.ID)
		}
		return out
	}
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"83/2025", []string{regnet.HitDocument + " " + docQC83}},
		{numQC83, []string{regnet.HitDocument + " " + docQC83}},
		{"Điều 7 khoản 4", []string{regnet.HitProvision + " " + pR7_4}},
		{"d7 k4", []string{regnet.HitProvision + " " + pR7_4}},
		{"đ7 k4 c", []string{regnet.HitProvision + " " + pR7_4c}},
		{"83/2025 Điều 7 khoản 4 điểm c", []string{regnet.HitProvision + " " + pR7_4c}},
		{"125/KH-UBND d7", []string{}},
		{"99/1999", []string{}},
	} {
		t.Run(tc.text, func(t *testing.T) {
			got := ids(find(t, tc.text))
			if !slices.Equal(got, tc.want) {
				t.Errorf("Find(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
	t.Run("a duty and its provision are one hit", func(t *testing.T) {
		hits := find(t, "hai quan")
		duties := map[string]bool{}
		for _, h := range hits {
			if h.Type == regnet.HitDuty {
				duties[h.ID] = true
			}
		}
		if !duties[dutyCustoms] {
			t.Fatalf("no hit for the customs duty %s: %v", dutyCustoms, ids(hits))
		}
		dd, err := s.Duties(t.Context(), regnet.DutyFilter{IDs: []string{dutyCustoms}})
		if err != nil || len(dd) != 1 {
			t.Fatalf("Duties(%s): %v, %d", dutyCustoms, err, len(dd))
		}
		for _, h := range hits {
			if h.Type == regnet.HitProvision && h.ID == dd[0].Provision {
				t.Errorf("provision %s is a hit beside its duty %s", h.ID, dutyCustoms)
			}
		}
	})
	t.Run("hits name their document and province", func(t *testing.T) {
		for _, h := range find(t, "hai quan") {
			switch {
			case h.Type == regnet.HitAgency && h.Document != "":
				t.Errorf("agency hit %s names document %s", h.ID, h.Document)
			case h.Type != regnet.HitAgency && h.Document != regnet.DocumentOf(h.ID):
				t.Errorf("hit %s names document %q", h.ID, h.Document)
			}
			if h.ID == agLSCustoms && h.Province != "Lạng Sơn" {
				t.Errorf("hit %s: province %q, want Lạng Sơn", h.ID, h.Province)
			}
			if h.Document == docQC83 && h.Province != "Lạng Sơn" {
				t.Errorf("hit %s: province %q, want Lạng Sơn", h.ID, h.Province)
			}
		}
	})
}

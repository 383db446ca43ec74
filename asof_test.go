package regnet_test

import (
	"testing"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/store/memory"
	"github.com/regnet/regnet/store/storetest"
)

// TestAsOfNarrowsFacts checks the time view on the hand-built dataset: the
// day before quy chế 83/2025 takes effect none of its duties and rules hold,
// the day it does all of them; the Điện Biên draft's only with drafts; and
// a date that is not a day is the caller's error.
func TestAsOfNarrowsFacts(t *testing.T) {
	s := memory.New(storetest.Fixture())
	ctx := t.Context()
	all, err := s.Duties(ctx, regnet.DutyFilter{})
	if err != nil {
		t.Fatal(err)
	}
	count := func(date string, drafts bool) map[string]int {
		t.Helper()
		v, err := regnet.AsOf(ctx, s, date, drafts)
		if err != nil {
			t.Fatal(err)
		}
		duties, err := v.Duties(ctx, regnet.DutyFilter{})
		if err != nil {
			t.Fatal(err)
		}
		handoffs, err := v.Handoffs(ctx, regnet.HandoffFilter{})
		if err != nil {
			t.Fatal(err)
		}
		n := map[string]int{}
		for _, d := range duties {
			n[regnet.DocumentOf(d.Provision)]++
		}
		for _, h := range handoffs {
			n[regnet.DocumentOf(h.Provision)]++
		}
		return n
	}
	const qc83, draft = "doc:83-2025-qd-ubnd", "doc:dienbien-quyche-du-thao-2025"
	byDoc := map[string]int{}
	for _, d := range all {
		byDoc[regnet.DocumentOf(d.Provision)]++
	}
	if byDoc[qc83] == 0 || byDoc[draft] == 0 {
		t.Fatalf("the fixture has duties of %v; want some of %s and %s", byDoc, qc83, draft)
	}
	if n := count("2025-11-03", false); n[qc83] != 0 || n[draft] != 0 {
		t.Errorf("as of 2025-11-03: %v; 83/2025 takes effect on 2025-11-04 and drafts never do", n)
	}
	if n := count("2025-11-04", false); n[qc83] == 0 || n[draft] != 0 {
		t.Errorf("as of 2025-11-04: %v; want 83/2025's facts and no draft's", n)
	}
	if n := count("2025-11-04", true); n[draft] == 0 {
		t.Errorf("as of 2025-11-04 with drafts: %v; want the draft's facts", n)
	}
	if _, err := regnet.AsOf(ctx, s, "04/11/2025", false); regnet.ErrorCode(err) != regnet.EINVALID {
		t.Errorf("AsOf(04/11/2025): %v, want EINVALID", err)
	}
}

package loader

import (
	"strings"
	"testing"
)

func TestPlanSchedules(t *testing.T) {
	ds := parseTestdata(t, "plan/tasks_former_names.txt")
	type want struct {
		id, kind, when, by, agencies, to string
	}
	tests := []want{
		// who reports: the section's agency; to whom: the clause's recipients
		{"PLAN/II.1.1/-2#schedule/1", "REPORT", "trước ngày 15/12/2021", "2021-12-15", "MARKET_MANAGEMENT:cuc-quan-ly-thi-truong", "PEOPLES_COMMITTEE STEERING_COMMITTEE_389"},
		// bullets under a lead-in: its reporters and recipients; a yearly day
		{"PLAN/II.2/-1#schedule/1", "REPORT", "trước ngày 20/12 hằng năm", "--12-20", "ALL_DEPARTMENTS", "MARKET_MANAGEMENT:cuc-quan-ly-thi-truong"},
		// a report on a review is a report, not a review
		{"PLAN/II.2/-2#schedule/1", "REPORT", "trước ngày 20/6/2023", "2023-06-20", "ALL_DEPARTMENTS", "MARKET_MANAGEMENT:cuc-quan-ly-thi-truong"},
		{"PLAN/II.2/-3#schedule/1", "REPORT", "trước ngày 20/12/2025", "2025-12-20", "ALL_DEPARTMENTS", "MARKET_MANAGEMENT:cuc-quan-ly-thi-truong"},
		// one schedule per cue, each with its own period
		{"PLAN/II.3#schedule/1", "REVIEW", "định kỳ 6 tháng", "", "ALL_DEPARTMENTS", ""},
		{"PLAN/II.3#schedule/2", "SUMMARY", "định kỳ hằng năm", "", "ALL_DEPARTMENTS", ""},
		{"PLAN/II.3#schedule/3", "MEETING", "hằng quý", "", "MARKET_MANAGEMENT:cuc-quan-ly-thi-truong", ""},
	}
	var got []want
	for _, s := range ds.Schedules {
		by := ""
		if s.By != nil {
			by = *s.By
		}
		got = append(got, want{strings.SplitN(s.ID, "#", 2)[1], s.Kind, s.When, by, unitKeys(s.Agencies), unitKeys(s.To)})
	}
	if len(got) != len(tests) {
		t.Errorf("got %d schedules, want %d", len(got), len(tests))
	}
	for i := range min(len(got), len(tests)) {
		if got[i] != tests[i] {
			t.Errorf("schedule %d:\n got %+v\nwant %+v", i, got[i], tests[i])
		}
	}
	ids := map[string]bool{}
	for _, a := range ds.Agencies {
		ids[a.ID] = true
	}
	for _, s := range ds.Schedules {
		for _, id := range append(append([]string{}, s.Agencies...), s.To...) {
			if !ids[id] {
				t.Errorf("%s: agency %s not in the dataset", s.ID, id)
			}
		}
	}
}

func TestReportingDeadlineISO(t *testing.T) {
	for _, tt := range []struct {
		rd   reportingDeadline
		want string
	}{
		{reportingDeadline{By: "2027-12-20"}, "2027-12-20"},
		{reportingDeadline{By: "30/9", Recurring: true}, "--09-30"},
		{reportingDeadline{By: "5", Recurring: true}, "---05"},
	} {
		if got := tt.rd.ISO(); got != tt.want {
			t.Errorf("%+v: %s, want %s", tt.rd, got, tt.want)
		}
	}
}

package loader

import (
	"testing"

	"github.com/regnet/regnet"
)

func TestParseDeadline(t *testing.T) {
	tests := []struct {
		raw, kind, date, precision string
	}{
		{"20/12/2025", regnet.DeadlineDate, "2025-12-20", regnet.PrecisionDay},
		{"trước ngày 5/1/2026", regnet.DeadlineDate, "2026-01-05", regnet.PrecisionDay},
		{"02/2026", regnet.DeadlineDate, "2026-02", regnet.PrecisionMonth},
		{"tháng 02/2026", regnet.DeadlineDate, "2026-02", regnet.PrecisionMonth},
		{"Tháng 2 năm 2026", regnet.DeadlineDate, "2026-02", regnet.PrecisionMonth},
		{"Quý III/2026", regnet.DeadlineDate, "2026-09", regnet.PrecisionMonth},
		{"Năm 2026", regnet.DeadlineDate, "2026", regnet.PrecisionYear},
		{"2028", regnet.DeadlineDate, "2028", regnet.PrecisionYear},
		{"Giai đoạn 2026 - 2030", regnet.DeadlineDate, "2030", regnet.PrecisionYear},
		{"02/2026 và định kỳ đối với những Website mới phát sinh sau tháng 02/2026", regnet.DeadlineDate, "2026-02", regnet.PrecisionMonth},
		{"Thường xuyên", regnet.DeadlineRecurring, "", ""},
		{"Thường", regnet.DeadlineRecurring, "", ""},
		{"Thường  xuyên/ đột xuất", regnet.DeadlineRecurring, "", ""},
		{"Liên tục", regnet.DeadlineRecurring, "", ""},
		{"Định kỳ", regnet.DeadlinePeriodic, "", ""},
		{"Định kỳ, thường xuyên", regnet.DeadlinePeriodic, "", ""},
		{"Hằng năm", regnet.DeadlinePeriodic, "", ""},
		{"Hàng quý", regnet.DeadlinePeriodic, "", ""},
		{"Theo chỉ đạo của cấp trên", regnet.DeadlineConditional, "", ""},
		{"Theo chỉ", regnet.DeadlineConditional, "", ""},
		{"Sau khi Thủ tướng Chính phủ ban hành Quyết định", regnet.DeadlineConditional, "", ""},
		{"Khi có yêu cầu", regnet.DeadlineConditional, "", ""},
		{"Đột xuất", regnet.DeadlineConditional, "", ""},
		// not deadlines
		{"Thường trực Ban Chỉ đạo", "", "", ""},
		{"Theo dõi, đôn đốc", "", "", ""},
		{"Báo cáo", "", "", ""},
		{"31/02/2026", "", "", ""}, // no such day: not understood, the caller warns
		{"13/2026", "", "", ""},
		{"", "", "", ""},
	}
	for _, tt := range tests {
		d := parseDeadline(tt.raw)
		date, prec := "", ""
		if d.Date != nil {
			date = *d.Date
		}
		if d.Precision != nil {
			prec = *d.Precision
		}
		if d.Kind != tt.kind || date != tt.date || prec != tt.precision {
			t.Errorf("parseDeadline(%q) = %s %q %q, want %s %q %q", tt.raw, d.Kind, date, prec, tt.kind, tt.date, tt.precision)
		}
	}
}

func TestReportingDeadlines(t *testing.T) {
	lines := linesOf(
		"- Báo cáo định kỳ hằng tháng gửi trước ngày 20 hằng tháng.",
		"- Báo cáo 6 tháng đầu năm gửi trước ngày 20/6 hàng năm.",
		"- Báo cáo kết quả thực hiện Kế hoạch hằng năm: trước ngày 30/9;",
		"- Báo cáo sơ kết kết quả thực hiện Kế hoạch: trước ngày 20/12/2027;",
		"Theo dõi, đôn đốc thực hiện Kế hoạch; trước",
		"ngày 05/10 hằng năm tổng hợp, báo cáo UBND tỉnh; báo cáo tổng kết trước ngày",
		"31/12/2030.",
		"- Báo cáo nhanh khi có vụ việc trước ngày 3 của tháng sau.",
	)
	want := []reportingDeadline{
		{What: reportMonthly, By: "20", Recurring: true, Line: 1},
		{What: reportHalfYear, By: "20/6", Recurring: true, Line: 2},
		{What: reportAnnual, By: "30/9", Recurring: true, Line: 3},
		{What: reportMidterm, By: "2027-12-20", Line: 4},
		{What: reportAnnual, By: "05/10", Recurring: true, Line: 5},
		{What: reportFinal, By: "2030-12-31", Line: 5},
		{What: reportOther, By: "3", Recurring: true, Line: 8},
	}
	got := reportingDeadlines(lines)
	if len(got) != len(want) {
		t.Fatalf("got %d deadlines, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.What != w.What || g.By != w.By || g.Recurring != w.Recurring || g.Line != w.Line {
			t.Errorf("deadline %d = %s %s %v line %d, want %s %s %v line %d (%q)", i, g.What, g.By, g.Recurring, g.Line, w.What, w.By, w.Recurring, w.Line, g.Context)
		}
		if g.Context[g.Start:g.End] != g.When {
			t.Errorf("deadline %d: span %d-%d of %q is not %q", i, g.Start, g.End, g.Context, g.When)
		}
	}
	// The words as written, with the period that repeats the day.
	for i, when := range map[int]string{0: "trước ngày 20 hằng tháng", 2: "trước ngày 30/9", 4: "trước ngày 05/10 hằng năm"} {
		if got[i].When != when {
			t.Errorf("deadline %d: when %q, want %q", i, got[i].When, when)
		}
	}
}

// linesOf numbers lines from 1, as normalise would for a file without blank lines.
func linesOf(texts ...string) []Line {
	out := make([]Line, len(texts))
	for i, t := range texts {
		out[i] = Line{No: i + 1, Text: t}
	}
	return out
}

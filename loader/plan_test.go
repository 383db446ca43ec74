package loader

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/regnet/regnet"
)

// readLines reads and normalises a file as the loader does.
func readLines(tb testing.TB, path string) []Line {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	src, err := normalise(filepath.Base(path), data)
	if err != nil {
		tb.Fatal(err)
	}
	return src.lines
}

func provisionsByPath(provs []regnet.Provision) map[string]regnet.Provision {
	m := map[string]regnet.Provision{}
	for _, p := range provs {
		m[p.Path] = p
	}
	return m
}

func TestParsePlanBody(t *testing.T) {
	type want struct {
		path, id, parent, heading, text string
		line                            int
	}
	tests := []struct {
		file  string
		count int
		want  []want
	}{
		{"body_flat.txt", 26, []want{
			{path: "I", id: "doc:t#PLAN/I", heading: "MỤC ĐÍCH, YÊU CẦU", line: 8},
			{path: "I.1", id: "doc:t#PLAN/I.1", parent: "doc:t#PLAN/I", heading: "Mục đích", line: 9},
			{path: "I.1, gạch 1", id: "doc:t#PLAN/I.1/-1", parent: "doc:t#PLAN/I.1", text: "Nâng cao hiệu quả công tác phòng, chống hàng giả.", line: 10},
			{path: "II.2.1", id: "doc:t#PLAN/II.2.1", parent: "doc:t#PLAN/II.2", heading: "Năm 2024", line: 17},
			{path: "II.2.2, gạch 2", id: "doc:t#PLAN/II.2.2/-2", parent: "doc:t#PLAN/II.2.2", text: "Không để hình thành điểm nóng về hàng giả.", line: 22},
			{path: "III.1.1", id: "doc:t#PLAN/III.1.1", parent: "doc:t#PLAN/III.1", heading: "Công an tỉnh", line: 25},
			{path: "III.1.1, gạch 1, ý 1", id: "doc:t#PLAN/III.1.1/-1/+1", parent: "doc:t#PLAN/III.1.1/-1", text: "Tập trung vào tuyến biên giới.", line: 27},
			{path: "III.1.1, gạch 2", id: "doc:t#PLAN/III.1.1/-2", parent: "doc:t#PLAN/III.1.1", text: "Phối hợp với Hải quan kiểm soát hàng hóa.", line: 28},
			// a paragraph after the bullets belongs to the section; the closing formula is left out
			{path: "III.2", id: "doc:t#PLAN/III.2", parent: "doc:t#PLAN/III", heading: "Chế độ báo cáo", text: "3 tháng một lần, Sở Công Thương tổng hợp kết quả.", line: 31},
			{path: "III.2, gạch 2", id: "doc:t#PLAN/III.2/-2", parent: "doc:t#PLAN/III.2", text: "Báo cáo năm gửi trước ngày 15/12 hàng năm.", line: 33},
		}},
		{"body_wrapped.txt", 12, []want{
			{path: "I.1", id: "doc:t#PLAN/I.1", parent: "doc:t#PLAN/I", heading: "Mục đích", text: "Triển khai thực hiện có hiệu quả các nhiệm vụ, giải pháp phòng, chống buôn lậu trên địa bàn tỉnh.", line: 5},
			{path: "I.2, gạch 1", id: "doc:t#PLAN/I.2/-1", parent: "doc:t#PLAN/I.2", text: "Xác định rõ công tác chống buôn lậu là nhiệm vụ trọng tâm, thường xuyên, liên tục.", line: 9},
			{path: "II", id: "doc:t#PLAN/II", heading: "NHIỆM VỤ, GIẢI PHÁP VÀ HÀNH ĐỘNG CỤ THỂ", text: "Các sở, ngành thực hiện 05 nhóm nhiệm vụ (Theo phụ lục gửi kèm)", line: 12},
			{path: "III.1.a", id: "doc:t#PLAN/III.1.a", parent: "doc:t#PLAN/III.1", text: "Căn cứ Kế hoạch này, các sở, ngành, UBND các xã, phường xây dựng kế hoạch triển khai.\nCác sở, ngành gửi báo cáo về Sở Công Thương theo các mốc sau:", line: 17},
			{path: "III.1.a, gạch 2", id: "doc:t#PLAN/III.1.a/-2", parent: "doc:t#PLAN/III.1.a", text: "Báo cáo tổng kết: trước ngày 20/12/2030.", line: 21},
			{path: "III.1.b", id: "doc:t#PLAN/III.1.b", parent: "doc:t#PLAN/III.1", heading: "Trách nhiệm của Sở Công Thương", text: "Theo dõi, đôn đốc các sở, ngành thực hiện Kế hoạch; trước ngày 05/10 hằng năm tổng hợp, báo cáo UBND tỉnh.", line: 22},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			provs, warns := parsePlanBody(readLines(t, filepath.Join("testdata", "plan", tt.file)), "doc:t")
			if len(warns) > 0 {
				t.Errorf("warnings: %v", warns)
			}
			if len(provs) != tt.count {
				for _, p := range provs {
					t.Logf("%s %q", p.Path, p.Heading)
				}
				t.Errorf("got %d provisions, want %d", len(provs), tt.count)
			}
			byPath := provisionsByPath(provs)
			for _, w := range tt.want {
				p, ok := byPath[w.path]
				if !ok {
					t.Errorf("no provision %s", w.path)
					continue
				}
				parent := ""
				if p.Parent != nil {
					parent = *p.Parent
				}
				if p.ID != w.id || parent != w.parent || p.Heading != w.heading || p.Text != w.text || p.Line != w.line {
					t.Errorf("%s = {%s %s %q %q %d}, want {%s %s %q %q %d}", w.path, p.ID, parent, p.Heading, p.Text, p.Line, w.id, w.parent, w.heading, w.text, w.line)
				}
				if p.Part != regnet.PartPlan || p.Document != "doc:t" {
					t.Errorf("%s: part %s document %s", w.path, p.Part, p.Document)
				}
			}
		})
	}
}

func TestParsePlanBodyWithoutSections(t *testing.T) {
	provs, warns := parsePlanBody(linesOf("KẾ HOẠCH", "Một đoạn văn không có mục."), "doc:t")
	if len(provs) != 0 || len(warns) != 1 {
		t.Errorf("got %d provisions and warnings %v, want none and one warning", len(provs), warns)
	}
	if provs, _ := parsePlanBody(nil, "doc:t"); provs != nil {
		t.Errorf("no lines: got %v", provs)
	}
}

func TestPlanTaskSections(t *testing.T) {
	type section struct {
		path, name string
		bullets    int
	}
	tests := []struct {
		file string
		want []section
	}{
		{"body_flat.txt", []section{{"III.1.1", "Công an tỉnh", 2}, {"III.1.2", "Sở Y tế", 1}}},
		{"body_wrapped.txt", []section{{"III.1.a", "", 2}, {"III.1.b", "Sở Công Thương", 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			provs, _ := parsePlanBody(readLines(t, filepath.Join("testdata", "plan", tt.file)), "doc:t")
			got := planTaskSections(provs)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d sections %+v, want %d", len(got), got, len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Path != w.path || g.Name != w.name || len(g.Bullets) != w.bullets {
					t.Errorf("section %d = %s %q %d bullets, want %s %q %d", i, g.Path, g.Name, len(g.Bullets), w.path, w.name, w.bullets)
				}
				for j, b := range g.Bullets {
					if b.Index != j+1 || !strings.HasPrefix(b.Provision, g.Provision+"/-") || b.Text == "" {
						t.Errorf("section %s bullet %d: %+v", g.Path, j, b)
					}
				}
			}
		})
	}
	provs, _ := parsePlanBody(readLines(t, filepath.Join("testdata", "plan", "body_flat.txt")), "doc:t")
	first := planTaskSections(provs)[0].Bullets[0]
	if want := "Chủ trì điều tra các vụ việc có dấu hiệu tội phạm.\n+ Tập trung vào tuyến biên giới."; first.Text != want {
		t.Errorf("a bullet with a sub-bullet: %q, want %q", first.Text, want)
	}
}

func TestPlanTargets(t *testing.T) {
	provs, _ := parsePlanBody(readLines(t, filepath.Join("testdata", "plan", "body_flat.txt")), "doc:t")
	got := planTargets(provs)
	type target struct {
		id      string
		year    int
		percent float64 // -1: none
	}
	want := []target{
		{"doc:t#TARGET/II.2.1/-1", 2024, 90},
		{"doc:t#TARGET/II.2.1/-2", 2024, 100},
		{"doc:t#TARGET/II.2.2/-1", 2025, 95.5},
		{"doc:t#TARGET/II.2.2/-2", 2025, -1},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d targets %+v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		g := got[i]
		pct := -1.0
		if g.Percent != nil {
			pct = *g.Percent
		}
		if g.ID != w.id || g.Year == nil || *g.Year != w.year || pct != w.percent || g.Document != "doc:t" || g.Provision != strings.Replace(w.id, "#TARGET/", "#PLAN/", 1) {
			t.Errorf("target %d = %+v (percent %v), want %+v", i, g, pct, w)
		}
	}

	// Specific objectives without years: only the measurable bullets.
	provs, _ = parsePlanBody(linesOf(
		"II. MỤC TIÊU",
		"1. Mục tiêu cụ thể",
		"- Tạo sự chuyển biến mạnh mẽ trong nhận thức.",
		"- 100% cán bộ được tập huấn.",
	), "doc:t")
	got = planTargets(provs)
	if len(got) != 1 || got[0].Year != nil || got[0].Percent == nil || *got[0].Percent != 100 {
		t.Errorf("targets without years: %+v", got)
	}
}

// TestPlanGold reads the two bundled plans and compares their task sections,
// targets and reporting deadlines with the gold facts.
func TestPlanGold(t *testing.T) {
	g := readGoldPlans(t)

	const file2021 = "langson_kehoach_125-KH-UBND-2021.txt"
	doc := g.Documents[g.document(t, file2021)]
	lines := readLines(t, filepath.Join("..", "data", file2021))
	provs, warns := parsePlanBody(lines, "doc:125-kh-ubnd")
	if len(warns) > 0 {
		t.Errorf("%s: warnings %v", file2021, warns)
	}
	sections := planTaskSections(provs)
	t.Logf("%s: %d provisions, %d task sections (gold %d)", file2021, len(provs), len(sections), doc.ResponsibilitySections)
	if len(sections) != doc.ResponsibilitySections || len(sections) != len(g.PlanActions2021) {
		t.Fatalf("got %d task sections, want %d", len(sections), doc.ResponsibilitySections)
	}
	tasks := 0
	for i, gs := range g.PlanActions2021 {
		s := sections[i]
		t.Logf("%-8s %d tasks  %s", s.Path, len(s.Bullets), s.Name)
		tasks += len(s.Bullets)
		if !strings.HasSuffix(s.Path, "."+gs.Section) || !strings.HasPrefix(s.Name, gs.Name) || len(s.Bullets) != gs.Tasks {
			t.Errorf("section %d = %s %q with %d tasks, want …%s %q with %d", i+1, s.Path, s.Name, len(s.Bullets), gs.Section, gs.Name, gs.Tasks)
		}
	}
	if tasks != doc.PlanActions {
		t.Errorf("got %d tasks, want %d", tasks, doc.PlanActions)
	}
	targets := planTargets(provs)
	years := map[int]int{}
	for _, tg := range targets {
		if tg.Year == nil || tg.Percent == nil {
			t.Errorf("target %s: year %v percent %v", tg.ID, tg.Year, tg.Percent)
			continue
		}
		years[*tg.Year]++
	}
	t.Logf("%d targets (gold %d) by year: %v", len(targets), doc.Targets, years)
	if len(targets) != doc.Targets {
		t.Errorf("got %d targets, want %d", len(targets), doc.Targets)
	}
	checkReporting(t, file2021, reportingDeadlines(lines), doc.ReportingDeadlines)

	const file2026 = "langson_kehoach_2026-2030.txt"
	doc = g.Documents[g.document(t, file2026)]
	lines = readLines(t, filepath.Join("..", "data", file2026))
	provs, warns = parsePlanBody(lines, "doc:langson-kehoach-2026-2030")
	if len(warns) > 0 {
		t.Errorf("%s: warnings %v", file2026, warns)
	}
	appendix := len(lines)
	for i, l := range lines {
		if reAppendixHead.MatchString(l.Text) {
			appendix = i
			break
		}
	}
	var romans []string
	for _, p := range provs {
		if p.Parent == nil {
			romans = append(romans, p.Path)
		}
		if p.Line >= lines[appendix].No || strings.Contains(p.Text, "Nơi nhận") {
			t.Errorf("provision %s (line %d) beyond the body", p.Path, p.Line)
		}
	}
	t.Logf("%s: %d provisions, sections %v", file2026, len(provs), romans)
	if strings.Join(romans, " ") != "I II III IV" {
		t.Errorf("Roman sections %v", romans)
	}
	checkReporting(t, file2026, reportingDeadlines(lines[:appendix]), doc.ReportingDeadlines)
}

// checkReporting compares reporting deadlines with the gold's: "by" is a
// date, a day and month ("30/9") or "day N of each month"; "what" starts
// with the kind of report.
func checkReporting(t *testing.T, file string, got []reportingDeadline, want []struct {
	What string `yaml:"what"`
	By   string `yaml:"by"`
}) {
	t.Helper()
	kinds := map[string]string{"annual": reportAnnual, "midterm": reportMidterm, "final": reportFinal, "monthly": reportMonthly, "half-year": reportHalfYear}
	for _, r := range got {
		t.Logf("%s: report %s by %s (line %d)", file, r.What, r.By, r.Line)
	}
	if len(got) != len(want) {
		t.Errorf("%s: got %d reporting deadlines, want %d", file, len(got), len(want))
	}
	for _, w := range want {
		by := strings.TrimSuffix(strings.TrimPrefix(w.By, "day "), " of each month")
		what := kinds[strings.Fields(w.What)[0]]
		found := false
		for _, r := range got {
			if r.By == by && r.What == what {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no %s report by %s", file, what, by)
		}
	}
}

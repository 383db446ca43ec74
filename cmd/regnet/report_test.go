package main

import (
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/regnet/regnet/report"
	"github.com/regnet/regnet/store/neo4j/neo4jtest"
)

// The command line must give exactly the reports of the report package's
// golden files (same documents, same as-of date), in both formats and
// both languages: Vietnamese unless --lang or REGNET_LANG says English.
func TestReportMatchesGolden(t *testing.T) {
	t.Setenv("NEO4J_URI", "") // the bundled documents, in memory
	tests := []struct {
		env    string // REGNET_LANG
		args   []string
		golden string
	}{
		{"", []string{"report", "coverage", "--province", "Lạng Sơn"}, "coverage.md"},
		{"", []string{"report", "compare", "--province", "Lạng Sơn", "--with", "Điện Biên", "--format", "csv"}, "compare.csv"},
		{"", []string{"report", "plan", "--province", "Lạng Sơn", "--as-of", "2026-03-01", "--format", "md"}, "plan.md"},
		{"", []string{"report", "plan", "--province", "Lạng Sơn", "--as-of", "2026-03-01", "--format", "csv"}, "plan.csv"},
		{"", []string{"report", "coverage", "--province", "Lạng Sơn", "--lang", "en"}, "coverage.en.md"},
		{"en", []string{"report", "compare", "--province", "Lạng Sơn", "--with", "Điện Biên"}, "compare.en.md"},
		{"en", []string{"report", "plan", "--province", "Lạng Sơn", "--as-of", "2026-03-01", "--format", "csv", "--lang", "vi"}, "plan.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			t.Setenv("REGNET_LANG", tt.env)
			code, out, stderr := run(t, tt.args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			want, err := os.ReadFile(filepath.Join("..", "..", "report", "testdata", tt.golden))
			if err != nil {
				t.Fatal(err)
			}
			if out != string(want) {
				t.Errorf("regnet %s differs from report/testdata/%s", strings.Join(tt.args, " "), tt.golden)
			}
		})
	}
}

// A report as of a date reads the documents in force that day only, and
// lists them: before quy chế 83/2025 takes effect, Lạng Sơn's coverage has
// none of its provisions and names the quy chế it replaces.
func TestReportAsOf(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	cite := "83/2025/QĐ-UBND, Điều"
	for _, tt := range []struct {
		day        string
		has, lacks []string
	}{
		{"2025-06-01", []string{"09/2017/QĐ-UBND", "125/KH-UBND", "chưa có toàn văn"}, []string{cite}},
		{"2026-01-15", []string{cite}, []string{"09/2017/QĐ-UBND"}},
	} {
		code, out, stderr := run(t, "report", "coverage", "--province", "Lạng Sơn", "--as-of", tt.day)
		if code != exitOK {
			t.Fatalf("as of %s: exit %d: %s", tt.day, code, stderr)
		}
		for _, want := range tt.has {
			if !strings.Contains(out, want) {
				t.Errorf("coverage as of %s lacks %q", tt.day, want)
			}
		}
		for _, unwanted := range tt.lacks {
			if strings.Contains(out, unwanted) {
				t.Errorf("coverage as of %s has %q", tt.day, unwanted)
			}
		}
	}
}

// compare-documents lists, for the two Lạng Sơn plans, the agency kinds
// whose tasks appear or disappear, with the provision on the side that has
// them, and the kinds whose lead changes, with both.
func TestReportCompareDocuments(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	records := runCSV(t, report.DocumentColumns, "report", "compare-documents", "--a", "125/KH-UBND", "--b", "doc:langson-kehoach-2026-2030", "--format", "csv")
	col := func(name string) int { return slices.Index(report.DocumentColumns, name) }
	seen := map[string]bool{}
	for _, r := range records[1:] {
		seen[r[col("change")]+" "+r[col("agency_kind")]] = true
		hasA, hasB := r[col("provision_a")] != "", r[col("provision_b")] != ""
		switch r[col("change")] {
		case "ADDED":
			hasA = !hasA
		case "REMOVED":
			hasB = !hasB
		}
		if !hasA || !hasB {
			t.Errorf("row %v: provisions on the wrong sides", r)
		}
	}
	for _, want := range []string{"ADDED HEALTH", "REMOVED DISTRICT_PEOPLES_COMMITTEE"} {
		if !seen[want] {
			t.Errorf("no row %s in %v", want, seen)
		}
	}
}

// runCSV runs regnet with args and returns the CSV it prints, failing the
// test unless it exits 0 with the header and at least one record.
func runCSV(t *testing.T, header []string, args ...string) [][]string {
	t.Helper()
	code, out, stderr := run(t, args...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v", err)
	}
	if len(recs) < 2 || !slices.Equal(recs[0], header) {
		t.Fatalf("%d records, header %v, want %v", len(recs), recs[0], header)
	}
	return recs
}

func TestReportMarkdown(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	t.Setenv("REGNET_LANG", "")
	code, out, stderr := run(t, "report", "coverage", "--province", "Lạng Sơn")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"# Cơ quan chủ trì từng lĩnh vực: Lạng Sơn",
		"## Chồng chéo: nhiều cơ quan cùng chủ trì (OVERLAP)",
		"## Khoảng trống: chưa có cơ quan chủ trì (GAP)",
		"| An toàn thực phẩm (FOOD_SAFETY) | (không nêu địa bàn) | Sở Y tế (HEALTH) | 83/2025/QĐ-UBND, Điều 7 khoản 7 điểm a |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

func TestReportCSV(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	recs := runCSV(t, report.CompareColumns, "report", "compare", "--province", "Lạng Sơn", "--with", "Điện Biên", "--format", "csv")
	found := false
	for _, r := range recs[1:] {
		if r[0] == report.DiffRoleDiffers && r[4] == "STATE_BANK" && r[6] == "FOREX_GOLD" {
			found = r[8] == "COORDINATE" && r[9] == "LEAD"
		}
	}
	if !found {
		t.Error("no STATE_BANK FOREX_GOLD row with COORDINATE in Lạng Sơn and LEAD in Điện Biên")
	}
}

// TestReportFiles reads the named files instead of the bundled documents:
// a province they do not cover is an error naming the ones they do.
func TestReportFiles(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	file := filepath.Join("..", "..", "data", "dienbien_quyche_du-thao-2025.txt")
	code, out, stderr := run(t, "report", "coverage", "--province", "Điện Biên", file)
	if code != exitOK || !strings.Contains(out, "# Cơ quan chủ trì từng lĩnh vực: Điện Biên") {
		t.Fatalf("exit %d: %s\n%s", code, stderr, out)
	}
	code, _, stderr = run(t, "report", "coverage", "--province", "Lạng Sơn", file)
	if code != exitError || !strings.Contains(stderr, `unknown province "Lạng Sơn"`) || !strings.Contains(stderr, `"Điện Biên"`) {
		t.Errorf("exit %d, stderr %q; want 1 and the provinces there are", code, stderr)
	}
}

func TestReportErrors(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	tests := []struct {
		args []string
		code int
		want string // in stderr
	}{
		{[]string{"report"}, exitUsage, "coverage, compare, plan or compare-documents"},
		{[]string{"report", "gaps", "--province", "Lạng Sơn"}, exitUsage, `unknown report "gaps"`},
		{[]string{"report", "coverage"}, exitUsage, "--province is required"},
		{[]string{"report", "compare", "--province", "Lạng Sơn"}, exitUsage, "--with"},
		{[]string{"report", "coverage", "--province", "Lạng Sơn", "--with", "Điện Biên"}, exitUsage, "only for compare"},
		{[]string{"report", "coverage", "--province", "Lạng Sơn", "--format", "pdf"}, exitUsage, `unknown format "pdf"`},
		{[]string{"report", "coverage", "--province", "Lạng Sơn", "--lang", "fr"}, exitUsage, `unknown language "fr"`},
		{[]string{"report", "plan", "--province", "Lạng Sơn", "--as-of", "01/03/2026"}, exitUsage, "YYYY-MM-DD"},
		{[]string{"report", "coverage", "--province", "Lạng Sơn", "--include-drafts"}, exitUsage, "with --as-of"},
		{[]string{"report", "compare-documents", "--a", "125/KH-UBND"}, exitUsage, "takes --a and --b"},
		{[]string{"report", "coverage", "--province", "Lạng Sơn", "--a", "125/KH-UBND"}, exitUsage, "only for compare-documents"},
		{[]string{"report", "compare-documents", "--a", "125/KH-UBND", "--b", "83/2025/QĐ-UBND"}, exitError, "only documents of one kind"},
		{[]string{"report", "plan", "--province", "Lạng Sơn", "--as-of", "2026-03-01", "--include-drafts"}, exitUsage, "for coverage and compare"},
		{[]string{"report", "coverage", "--province", "Lạng Sơn", "--as-of", "2026-03-01", "--in-force"}, exitUsage, "only for plan"},
		{[]string{"report", "coverage", "--nope"}, exitUsage, "flag provided but not defined"},
		{[]string{"report", "coverage", "--province", "Hà Nội"}, exitError, `unknown province "Hà Nội": the documents read have "Điện Biên", "Lạng Sơn"`},
		{[]string{"report", "compare", "--province", "Lạng Sơn", "--with", "Hà Nội"}, exitError, `unknown province "Hà Nội"`},
		{[]string{"report", "--help"}, exitOK, ""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, stderr := run(t, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tt.code, tt.want)
			}
		})
	}
}

// A province typed without accents is the province the documents name.
func TestReportProvinceWithoutAccents(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	code, out, stderr := run(t, "report", "coverage", "--province", "lang son")
	if code != exitOK || !strings.HasPrefix(out, "# Cơ quan chủ trì từng lĩnh vực: Lạng Sơn\n") {
		t.Errorf("exit %d: %s\n%.80s", code, stderr, out)
	}
}

// TestReportNeo4j reads the reports from a loaded graph instead of the
// documents: the same facts must come out. The graph may hold other test
// data, so the test looks for facts rather than whole files.
func TestReportNeo4j(t *testing.T) {
	uri := neo4jtest.URI(t)
	if code, _, stderr := run(t, "load", "--neo4j", uri); code != exitOK {
		t.Fatalf("load: exit %d: %s", code, stderr)
	}
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"report", "coverage", "--neo4j", uri, "--province", "Lạng Sơn", "--format", "csv"}, []string{
			"Lạng Sơn,FOOD_SAFETY,An toàn thực phẩm,,,OVERLAP,HEALTH,Sở Y tế,LEAD,83/2025/QĐ-UBND,Điều 7 khoản 7 điểm a,",
			"Lạng Sơn,FOOD_SAFETY,An toàn thực phẩm,,,OVERLAP,AGRICULTURE_ENVIRONMENT,Sở Nông nghiệp và Môi trường,LEAD,83/2025/QĐ-UBND,Điều 7 khoản 9 điểm b,",
			"Lạng Sơn,FOOD_SAFETY,An toàn thực phẩm,,,OVERLAP,INDUSTRY_TRADE,Sở Công Thương,LEAD,83/2025/QĐ-UBND,Điều 7 khoản 1 điểm d,",
		}},
		{[]string{"report", "compare", "--neo4j", uri, "--province", "Lạng Sơn", "--with", "Điện Biên", "--format", "csv"}, []string{
			`ROLE_DIFFERS,Lạng Sơn,Điện Biên,,STATE_BANK,,FOREX_GOLD,"Ngoại hối, vàng",COORDINATE,LEAD,83/2025/QĐ-UBND,Điều 7 khoản 12,`,
			"HANDOFF_ONLY_IN,Lạng Sơn,Điện Biên,Lạng Sơn,POLICE,",
		}},
		{[]string{"report", "plan", "--neo4j", uri, "--province", "Lạng Sơn", "--as-of", "2026-03-01"}, []string{
			"| Sở Công Thương (INDUSTRY_TRADE) | 83/2025/QĐ-UBND: QUYẾT ĐỊNH BAN HÀNH QUY CHẾ",
			"| 2026-02-28 | 02/2026 | Rà soát các quy định quản lý nhà nước về thực phẩm",
		}},
	}
	for _, tt := range tests {
		code, out, stderr := run(t, tt.args...)
		if code != exitOK {
			t.Errorf("%v: exit %d: %s", tt.args, code, stderr)
			continue
		}
		for _, want := range tt.want {
			if !strings.Contains(out, want) {
				t.Errorf("%v: output lacks %q", tt.args[1], want)
			}
		}
	}
}

// TestExcel: --excel starts CSV reports and exports with a UTF-8 byte order
// mark, the rest unchanged, and is refused for other formats.
func TestExcel(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	for _, args := range [][]string{
		{"report", "coverage", "--province", "Lạng Sơn", "--format", "csv"},
		{"export", "--format", "csv", "--province", "Lạng Sơn"},
	} {
		var plain, excel strings.Builder
		if code := Run(t.Context(), args, &plain, io.Discard); code != 0 {
			t.Fatalf("%v: exit %d", args, code)
		}
		if code := Run(t.Context(), append(slices.Clone(args), "--excel"), &excel, io.Discard); code != 0 {
			t.Fatalf("%v --excel: exit %d", args, code)
		}
		if excel.String() != "\uFEFF"+plain.String() || strings.HasPrefix(plain.String(), "\uFEFF") {
			t.Errorf("%v: --excel output is not the plain output after a byte order mark (%.20q / %.20q)", args, excel.String(), plain.String())
		}
	}
	for _, args := range [][]string{
		{"report", "coverage", "--province", "Lạng Sơn", "--excel"},
		{"export", "--format", "graphml", "--excel"},
	} {
		var errOut strings.Builder
		if code := Run(t.Context(), args, io.Discard, &errOut); code != exitUsage || !strings.Contains(errOut.String(), "--excel") {
			t.Errorf("%v: exit %d, %q; want a usage error about --excel", args, code, errOut.String())
		}
	}
}

// TestReportPlanInForce: with --in-force the plan report reads only the
// plans in force on --as-of, so the draft 2026–2030 plan's overdue actions
// appear only with --include-drafts too.
func TestReportPlanInForce(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	const due = "Rà soát các quy định quản lý nhà nước về thực phẩm"
	for _, tt := range []struct {
		extra []string
		want  bool
	}{
		{nil, true},
		{[]string{"--in-force"}, false},
		{[]string{"--in-force", "--include-drafts"}, true},
	} {
		args := append([]string{"report", "plan", "--province", "Lạng Sơn", "--as-of", "2026-03-01"}, tt.extra...)
		code, out, stderr := run(t, args...)
		if code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		if strings.Contains(out, due) != tt.want {
			t.Errorf("%v: lists %q: %v, want %v", args, due, !tt.want, tt.want)
		}
	}
}

package report_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/data"
	"github.com/regnet/regnet/loader"
	"github.com/regnet/regnet/report"
	"github.com/regnet/regnet/store/memory"
	"github.com/regnet/regnet/store/storetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata from the bundled documents")

// The reports of the golden files: fixed provinces and a fixed as-of date,
// so that the files do not change with the calendar.
const (
	langSon  = "Lạng Sơn"
	dienBien = "Điện Biên"
	asOf     = "2026-03-01"
	number83 = "83/2025/QĐ-UBND"
)

// bundled parses the bundled documents once for all tests.
var bundled = sync.OnceValues(func() (*regnet.Dataset, error) {
	return loader.New().ParseFS(data.FS, ".")
})

func bundledStore(t *testing.T) (*regnet.Dataset, regnet.Store) {
	t.Helper()
	ds, err := bundled()
	if err != nil {
		t.Fatalf("parse the bundled documents: %v", err)
	}
	return ds, memory.New(ds)
}

// reports are the three reports as the command line renders them.
var reports = []struct {
	name   string
	render func(ctx context.Context, r report.Renderer, w *bytes.Buffer) error
}{
	{"coverage", func(ctx context.Context, r report.Renderer, w *bytes.Buffer) error {
		rows, err := regnet.LeadCoverage(ctx, r.Store, langSon)
		if err != nil {
			return err
		}
		return r.Coverage(ctx, w, langSon, rows)
	}},
	{"compare", func(ctx context.Context, r report.Renderer, w *bytes.Buffer) error {
		c, err := regnet.CompareProvinces(ctx, r.Store, langSon, dienBien)
		if err != nil {
			return err
		}
		return r.Compare(ctx, w, c)
	}},
	{"plan", func(ctx context.Context, r report.Renderer, w *bytes.Buffer) error {
		p, err := regnet.TrackPlans(ctx, r.Store, langSon, asOf)
		if err != nil {
			return err
		}
		return r.Plans(ctx, w, p)
	}},
}

// render returns one report in one format, in Vietnamese.
func render(t *testing.T, name string, format report.Format) string {
	t.Helper()
	return renderIn(t, name, format, report.Vietnamese)
}

// renderIn returns one report in one format and language.
func renderIn(t *testing.T, name string, format report.Format, lang report.Lang) string {
	t.Helper()
	_, s := bundledStore(t)
	for _, rep := range reports {
		if rep.name != name {
			continue
		}
		var buf bytes.Buffer
		if err := rep.render(context.Background(), report.Renderer{Store: s, Format: format, Lang: lang}, &buf); err != nil {
			t.Fatalf("%s (%s): %v", name, format, err)
		}
		return buf.String()
	}
	t.Fatalf("no report %q", name)
	return ""
}

// goldenLangs are the languages of the golden files: Vietnamese reports
// are testdata/NAME.FORMAT, English ones testdata/NAME.en.FORMAT.
var goldenLangs = map[report.Lang]string{report.Vietnamese: "", report.English: ".en"}

// TestGolden compares every report in both formats and both languages
// with testdata; run `go test ./report -update` to rewrite the files after
// a deliberate change, then read the diff.
func TestGolden(t *testing.T) {
	for _, rep := range reports {
		for _, format := range []report.Format{report.Markdown, report.CSV} {
			for lang, suffix := range goldenLangs {
				file := filepath.Join("testdata", rep.name+suffix+"."+string(format))
				t.Run(file, func(t *testing.T) {
					got := renderIn(t, rep.name, format, lang)
					if *update {
						if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
							t.Fatal(err)
						}
						return
					}
					want, err := os.ReadFile(file)
					if err != nil {
						t.Fatalf("%v (run `go test ./report -update` to create it)", err)
					}
					if got != string(want) {
						t.Errorf("%s differs from the report (run `go test ./report -update` and read the diff):\n%s", file, firstDiff(string(want), got))
					}
				})
			}
		}
	}
}

// TestDeterministic renders each report twice: golden files are only
// useful when the output does not depend on map order.
func TestDeterministic(t *testing.T) {
	for _, rep := range reports {
		for _, format := range []report.Format{report.Markdown, report.CSV} {
			if a, b := render(t, rep.name, format), render(t, rep.name, format); a != b {
				t.Errorf("%s (%s) differs between two runs:\n%s", rep.name, format, firstDiff(a, b))
			}
		}
	}
}

// firstDiff shows the first line where two texts differ.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + wl + "\n  got:  " + gl
		}
	}
	return "(no difference)"
}

// records parses a CSV report into maps keyed by column, checking that the
// header is the documented one.
func records(t *testing.T, text string, columns []string) []map[string]string {
	t.Helper()
	all, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v", err)
	}
	if len(all) == 0 || !slices.Equal(all[0], columns) {
		t.Fatalf("header = %v, want %v", all[0], columns)
	}
	var out []map[string]string
	for _, rec := range all[1:] {
		m := map[string]string{}
		for i, c := range columns {
			m[c] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

// section returns the Markdown section whose heading names the code, as
// "## Khoảng trống: chưa có cơ quan chủ trì (GAP)".
func section(t *testing.T, md, code string) string {
	t.Helper()
	for _, s := range strings.Split(md, "\n## ") {
		if heading, _, _ := strings.Cut(s, "\n"); strings.Contains(heading, "("+code+")") {
			return s
		}
	}
	t.Fatalf("no section %q in:\n%s", code, md)
	return ""
}

// TestCoverageFacts checks facts read by hand from Quyết định 83/2025 (the
// shared gold file), independently of the golden files: Lạng Sơn has three
// leads for food safety, each in its own provision.
func TestCoverageFacts(t *testing.T) {
	want := map[string]string{
		"HEALTH":                  "Điều 7 khoản 7 điểm a",
		"AGRICULTURE_ENVIRONMENT": "Điều 7 khoản 9 điểm b",
		"INDUSTRY_TRADE":          "Điều 7 khoản 1 điểm d",
	}
	got := map[string]string{}
	for _, r := range records(t, render(t, "coverage", report.CSV), report.CoverageColumns) {
		if r["field"] != "FOOD_SAFETY" || r["area"] != "" {
			continue
		}
		if r["status"] != report.StatusOverlap || r["role"] != regnet.RoleLead || r["document"] != number83 {
			t.Errorf("FOOD_SAFETY row %v: want an OVERLAP of LEAD duties in %s", r, number83)
		}
		got[r["agency_kind"]] = r["provision"]
	}
	if !maps.Equal(got, want) {
		t.Errorf("FOOD_SAFETY leads = %v, want %v", got, want)
	}

	md := section(t, render(t, "coverage", report.Markdown), "OVERLAP")
	for _, line := range []string{
		"| An toàn thực phẩm (FOOD_SAFETY) | (không nêu địa bàn) | Sở Y tế (HEALTH) | 83/2025/QĐ-UBND, Điều 7 khoản 7 điểm a |",
		"| An toàn thực phẩm (FOOD_SAFETY) | (không nêu địa bàn) | Sở Nông nghiệp và Môi trường (AGRICULTURE_ENVIRONMENT) | 83/2025/QĐ-UBND, Điều 7 khoản 9 điểm b |",
		"| An toàn thực phẩm (FOOD_SAFETY) | (không nêu địa bàn) | Sở Công Thương (INDUSTRY_TRADE) | 83/2025/QĐ-UBND, Điều 7 khoản 1 điểm d |",
	} {
		if !strings.Contains(md, line) {
			t.Errorf("the OVERLAP section lacks %q", line)
		}
	}
}

// TestCompareFacts checks what the gold file says a comparison of Lạng Sơn
// with Điện Biên must show.
func TestCompareFacts(t *testing.T) {
	rows := records(t, render(t, "compare", report.CSV), report.CompareColumns)
	has := func(diff, onlyIn, kind string) map[string]string {
		for _, r := range rows {
			if r["difference"] == diff && r["only_in"] == onlyIn && r["agency_kind"] == kind {
				return r
			}
		}
		return nil
	}
	for _, c := range []struct{ diff, onlyIn, kind, provision string }{
		{report.DiffHandoffOnlyIn, langSon, "POLICE", "Điều 7 khoản 2 điểm d"},
		{report.DiffHandoffOnlyIn, langSon, "MARKET_MANAGEMENT", "Điều 7 khoản 1 điểm c"},
		{report.DiffKindOnlyIn, langSon, "INSPECTORATE", ""},
		{report.DiffKindOnlyIn, langSon, "ECONOMIC_ZONE_AUTHORITY", ""},
		{report.DiffKindOnlyIn, dienBien, "FATHERLAND_FRONT", "Điều 7"},
	} {
		r := has(c.diff, c.onlyIn, c.kind)
		if r == nil {
			t.Errorf("no %s row for %s only in %s", c.diff, c.kind, c.onlyIn)
			continue
		}
		// The citation sits on the side of the province that has the fact.
		doc, prov := r["document_a"], r["provision_a"]
		if c.onlyIn == dienBien {
			doc, prov = r["document_b"], r["provision_b"]
		}
		if doc == "" || prov == "" || (c.provision != "" && prov != c.provision) {
			t.Errorf("%s %s only in %s cited as %q, %q; want provision %q", c.diff, c.kind, c.onlyIn, doc, prov, c.provision)
		}
	}
	for _, c := range []struct{ diff, onlyIn, kind string }{
		{report.DiffKindOnlyIn, dienBien, "INSPECTORATE"},
		{report.DiffKindOnlyIn, langSon, "FATHERLAND_FRONT"},
		{report.DiffHandoffOnlyIn, dienBien, "POLICE"},
		{report.DiffHandoffOnlyIn, langSon, "CUSTOMS"}, // both provinces have it
	} {
		if has(c.diff, c.onlyIn, c.kind) != nil {
			t.Errorf("unexpected %s row for %s only in %s", c.diff, c.kind, c.onlyIn)
		}
	}

	var bank map[string]string
	for _, r := range rows {
		if r["difference"] == report.DiffRoleDiffers && r["agency_kind"] == "STATE_BANK" && r["field"] == "FOREX_GOLD" {
			bank = r
		}
	}
	switch {
	case bank == nil:
		t.Error("no ROLE_DIFFERS row for STATE_BANK on FOREX_GOLD")
	case bank["role_a"] != regnet.RoleCoordinate || bank["role_b"] != regnet.RoleLead:
		t.Errorf("STATE_BANK on FOREX_GOLD: %s in Lạng Sơn, %s in Điện Biên; want COORDINATE and LEAD", bank["role_a"], bank["role_b"])
	case bank["document_a"] != number83 || bank["provision_a"] != "Điều 7 khoản 12" || bank["provision_b"] != "Điều 5 khoản 10":
		t.Errorf("STATE_BANK on FOREX_GOLD cited as %q %q / %q %q", bank["document_a"], bank["provision_a"], bank["document_b"], bank["provision_b"])
	}

	md := render(t, "compare", report.Markdown)
	for _, want := range []string{
		"| Lạng Sơn | Công an tỉnh (POLICE) |",
		"| Lạng Sơn | Chi cục Quản lý thị trường (MARKET_MANAGEMENT) |",
		"| Mặt trận Tổ quốc (FATHERLAND_FRONT) | Điện Biên |",
		"| Ngân hàng Nhà nước (STATE_BANK) | Ngoại hối, vàng (FOREX_GOLD) | Phối hợp (COORDINATE) | 83/2025/QĐ-UBND, Điều 7 khoản 12 | Chủ trì (LEAD) |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown comparison lacks %q", want)
		}
	}
}

// TestPlanFacts checks the plan-tracking report against the 2026-2030
// plan: its action amending Quyết định 83/2025, linked to that document,
// and its actions due by the end of February 2026, with their leads.
func TestPlanFacts(t *testing.T) {
	ds, _ := bundledStore(t)
	rows := records(t, render(t, "plan", report.CSV), report.PlanColumns)

	var amending []map[string]string
	overdue := map[string]map[string]string{} // provision id -> row
	for _, r := range rows {
		switch r["section"] {
		case report.SectionAmending:
			amending = append(amending, r)
		case report.SectionOverdue:
			overdue[r["provision_id"]] = r
		}
	}
	if len(amending) != 1 {
		t.Fatalf("%d amending actions, want 1: %v", len(amending), amending)
	}
	a := amending[0]
	if a["amends"] != number83 || !strings.HasPrefix(a["detail"], number83+": QUYẾT ĐỊNH") || a["agency_kind"] != "INDUSTRY_TRADE" ||
		!strings.Contains(a["document"], "2026-2030") || !strings.HasPrefix(a["provision"], "Phụ lục, nhóm 5") || a["due_by"] != "2026-12-31" {
		t.Errorf("amending action = %v; want 83/2025/QĐ-UBND linked to its document, led by INDUSTRY_TRADE, in the 2026-2030 plan's appendix", a)
	}

	// Every dated action of a Lạng Sơn plan due by the end of February
	// 2026, counted from the parsed documents, must be listed with its leads.
	lsDocs := map[string]bool{}
	for _, d := range ds.Documents {
		if d.Province == langSon {
			lsDocs[d.ID] = true
		}
	}
	due := 0
	for _, pa := range ds.PlanActions {
		end := pa.Deadline.End()
		if !lsDocs[pa.Document] || end == "" || end >= asOf {
			continue
		}
		due++
		r := overdue[pa.Provision]
		if r == nil {
			t.Errorf("action due %s not listed: %s", end, pa.Text)
			continue
		}
		if r["due_by"] != end || r["deadline"] != pa.Deadline.Raw || strings.Count(r["agency_kind"], ";") != len(pa.Leads)-1 || r["agency_kind"] == "" {
			t.Errorf("action %s listed as %v", pa.ID, r)
		}
	}
	if due == 0 || len(overdue) != due {
		t.Errorf("%d overdue rows, %d actions due before %s", len(overdue), due, asOf)
	}
	// Leads of the February 2026 reviews, as the plan's appendix gives them.
	leads := map[string]bool{}
	for _, r := range overdue {
		if r["due_by"] != "2026-02-28" {
			t.Errorf("row due %s, want 2026-02-28: %v", r["due_by"], r)
		}
		for _, k := range strings.Split(r["agency_kind"], "; ") {
			leads[k] = true
		}
	}
	for _, k := range []string{"HEALTH", "AGRICULTURE_ENVIRONMENT", "CULTURE_SPORTS_TOURISM", "CUSTOMS", "TAX", "SCIENCE_TECHNOLOGY",
		"CONSTRUCTION", "INDUSTRY_TRADE", "BORDER_GUARD", "POLICE", "MARKET_MANAGEMENT", "ALL_DEPARTMENTS", "COMMUNE_PEOPLES_COMMITTEE"} {
		if !leads[k] {
			t.Errorf("no action due by 2026-02-28 led by %s", k)
		}
	}

	md := render(t, "plan", report.Markdown)
	for _, want := range []string{
		"| Sở Công Thương (INDUSTRY_TRADE) | 83/2025/QĐ-UBND: QUYẾT ĐỊNH BAN HÀNH QUY CHẾ",
		"| 2026-02-28 | 02/2026 | Rà soát các quy định quản lý nhà nước về thực phẩm",
		"| Sở Y tế (HEALTH) | Kế hoạch Lạng Sơn 2026-2030",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown plan report lacks %q", want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for _, c := range []struct {
		in   string
		want report.Format
		ok   bool
	}{
		{"md", report.Markdown, true},
		{"Markdown", report.Markdown, true},
		{"csv", report.CSV, true},
		{"pdf", "", false},
		{"", "", false},
	} {
		got, err := report.ParseFormat(c.in)
		if got != c.want || (err == nil) != c.ok {
			t.Errorf("ParseFormat(%q) = %q, %v", c.in, got, err)
		}
	}
}

// TestRendererErrors checks that a renderer without a store or with an
// unknown format fails instead of writing half a report.
func TestRendererErrors(t *testing.T) {
	_, s := bundledStore(t)
	ctx := context.Background()
	var buf bytes.Buffer
	if err := (report.Renderer{Format: report.Markdown}).Coverage(ctx, &buf, langSon, nil); err == nil {
		t.Error("no error without a store")
	}
	if err := (report.Renderer{Store: s, Format: "pdf"}).Plans(ctx, &buf, &regnet.PlanReport{Province: langSon}); err == nil {
		t.Error("no error for an unknown format")
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %q before failing", buf.String())
	}
}

// TestCoverageEvidence renders the coverage of a hand-built dataset whose
// duties carry evidence: each row quotes the words behind the duty's role
// and the row's own field and area, and nothing of the duty's other tags.
func TestCoverageEvidence(t *testing.T) {
	s := memory.New(storetest.Fixture())
	ctx := context.Background()
	rows, err := regnet.LeadCoverage(ctx, s, langSon)
	if err != nil {
		t.Fatal(err)
	}
	var csvOut, mdOut bytes.Buffer
	if err := (report.Renderer{Store: s, Format: report.CSV}).Coverage(ctx, &csvOut, langSon, rows); err != nil {
		t.Fatal(err)
	}
	if err := (report.Renderer{Store: s, Format: report.Markdown}).Coverage(ctx, &mdOut, langSon, rows); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		field, area, kind, want string
	}{
		{"FOOD_SAFETY", "", "POLICE", "LEAD ← «Chủ trì»; FOOD_SAFETY ← «an toàn thực phẩm»"},
		{"E_COMMERCE", "INLAND", "INDUSTRY_TRADE", "LEAD ← «Chủ trì»; E_COMMERCE ← «thương mại điện tử»; INLAND ← «nội địa»"},
		{"E_COMMERCE", "MARKETS", "INDUSTRY_TRADE", "LEAD ← «Chủ trì»; E_COMMERCE ← «thương mại điện tử»"},
		// A duty read without evidence shows none.
		{"FOOD_SAFETY", "MARKETS", "MARKET_MANAGEMENT", ""},
	}
	recs := records(t, csvOut.String(), report.CoverageColumns)
	for _, tc := range tests {
		found := false
		for _, r := range recs {
			if r["field"] == tc.field && r["area"] == tc.area && r["agency_kind"] == tc.kind {
				found = true
				if r["evidence"] != tc.want {
					t.Errorf("%s/%s %s: evidence %q, want %q", tc.field, tc.area, tc.kind, r["evidence"], tc.want)
				}
			}
		}
		if !found {
			t.Errorf("no coverage row %s/%s for %s", tc.field, tc.area, tc.kind)
		}
	}
	line := "| An toàn thực phẩm (FOOD_SAFETY) | (không nêu địa bàn) | Công an tỉnh Lạng Sơn (POLICE) | 83/2025/QĐ-UBND, Điều 7 khoản 2 điểm b | LEAD ← «Chủ trì»; FOOD_SAFETY ← «an toàn thực phẩm» |"
	if !strings.Contains(mdOut.String(), line) {
		t.Errorf("the Markdown coverage lacks %q:\n%s", line, mdOut.String())
	}
}

// TestPhrases checks the report's phrases in the table of names: each has
// both languages with the same verbs, and no rendered report shows a
// phrase key, which is what a phrase missing from the table would print.
func TestPhrases(t *testing.T) {
	verbs := regexp.MustCompile(`%[sd]`)
	for key, l := range regnet.Labels.UI {
		if !strings.HasPrefix(key, "report.") && !strings.HasPrefix(key, "docKind.") {
			continue
		}
		if l.VI == "" || l.EN == "" || l.VI == l.EN {
			t.Errorf("%s: %+v: want a Vietnamese and an English phrase", key, l)
		}
		if v, e := verbs.FindAllString(l.VI, -1), verbs.FindAllString(l.EN, -1); !slices.Equal(v, e) {
			t.Errorf("%s: verbs %v in Vietnamese, %v in English", key, v, e)
		}
	}
	leaked := regexp.MustCompile(`\b(report|docKind|change)\.[A-Za-z]`)
	for _, rep := range reports {
		for _, format := range []report.Format{report.Markdown, report.CSV} {
			for lang := range goldenLangs {
				if k := leaked.FindString(renderIn(t, rep.name, format, lang)); k != "" {
					t.Errorf("%s (%s, %s) shows the key %q", rep.name, format, lang, k)
				}
			}
		}
	}
}

func TestParseLang(t *testing.T) {
	for _, c := range []struct {
		in   string
		want report.Lang
		ok   bool
	}{
		{"vi", report.Vietnamese, true},
		{"EN", report.English, true},
		{" en ", report.English, true},
		{"fr", "", false},
		{"", "", false},
	} {
		got, err := report.ParseLang(c.in)
		if got != c.want || (err == nil) != c.ok {
			t.Errorf("ParseLang(%q) = %q, %v", c.in, got, err)
		}
	}
}

package loader

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/regnet/regnet"
)

func TestParseAppendix(t *testing.T) {
	type row struct {
		group, row              int
		bullet, text            string // text: a prefix
		deadline, output, leads string
		coordinators            string
		leadsInh, deadlineInh   bool
	}
	want := []row{
		{1, 1, "-", "Rà soát các quy định về quản lý thị trường", "Thường xuyên", "Báo cáo rà soát", "- Các sở, ngành - UBND xã, phường", "Các sở, ngành có liên quan phối hợp thực hiện theo chức năng", false, false},
		// the deadline on the action's line
		// the co-ordinators' merged cell, printed once on the page, covers the rows below it
		{1, 2, "+", "Rà soát các quy định về an toàn thực phẩm.", "03/2026", "Báo cáo", "Sở Y tế", "Các sở, ngành có liên quan phối hợp thực hiện theo chức năng", false, false},
		// a name cut over three lines, then a second agency cell
		{1, 3, "+", "Rà soát các quy định về thuốc bảo vệ thực vật, phân bón và vật tư nông nghiệp.", "03/2026", "Báo cáo", "Sở Nông nghiệp và Môi trường", "Sở Công Thương", false, false},
		{2, 1, "", "Tổ chức tập huấn", "Hằng năm", "Hội nghị", "Sở Công Thương", "", false, false},
		// deadline and output on one line; the lead merged with the row above
		{2, 2, "", "Xây dựng sổ tay", "2027", "Sổ tay", "Sở Công Thương", "", true, false},
		// after a page break: the group's title goes on, then two rows under merged cells
		{2, 3, "", "Kiểm tra việc thực hiện các quy định về tập huấn tại các cơ quan, đơn vị trên địa bàn tỉnh.", "2027", "", "Sở Công Thương", "", true, true},
		{2, 4, "", "Tăng cường giám sát công tác kiểm tra của các đội quản lý thị trường trên địa bàn.", "2027", "", "Sở Công Thương", "", true, true},
		// a page number skipped; output and lead on one line
		{2, 5, "", "Xây dựng cơ sở dữ liệu", "Theo chỉ đạo của cấp trên", "Cơ sở dữ liệu", "Công an tỉnh", "", false, false},
		// a condition that names a body; lead and co-ordinators on one line
		{2, 6, "", "Nghiên cứu, tham mưu UBND tỉnh", "Sau khi Trung ương ban hành Đề án", "Văn bản", "Công an tỉnh", "Các sở, ngành có liên quan phối hợp thực hiện", false, false},
		// an action that opens with a deadline's word
		{2, 7, "", "Định kỳ rà soát", "Định kỳ, thường xuyên", "Báo cáo", "Sở Văn hóa, Thể thao và Du lịch", "Các sở, ngành có liên quan phối hợp thực hiện", false, false},
		// an action's text that runs on over a page break, beside an unfinished group title
		{3, 1, "", "Trao đổi thông tin về các đối tượng buôn lậu, vận chuyển hàng cấm qua biên giới giữa các lực lượng chức năng.", "Thường xuyên", "Thông tin", "Công an tỉnh", "", false, false},
	}
	lines := readLines(t, filepath.Join("testdata", "plan", "appendix_small.txt"))
	for _, pred := range []struct {
		name string
		f    func(string) bool
	}{{"default", nil}, {"ontology", ontologyAgencyStart(DefaultOntology())}} {
		t.Run(pred.name, func(t *testing.T) {
			rows, warns := parseAppendix(lines, pred.f)
			if len(warns) > 0 {
				t.Errorf("warnings: %v", warns)
			}
			if len(rows) != len(want) {
				for _, r := range rows {
					t.Logf("%d.%d %q", r.Group, r.Row, r.Text)
				}
				t.Fatalf("got %d rows, want %d", len(rows), len(want))
			}
			for i, w := range want {
				g := rows[i]
				if g.Group != w.group || g.Row != w.row || g.Bullet != w.bullet || !strings.HasPrefix(g.Text, w.text) ||
					g.Deadline != w.deadline || g.Output != w.output || g.Leads != w.leads || g.Coordinators != w.coordinators ||
					g.LeadsInherited != w.leadsInh || g.DeadlineInherited != w.deadlineInh {
					t.Errorf("row %d.%d:\n got %+v\nwant %+v", w.group, w.row, g, w)
				}
			}
			if got, want := rows[3].GroupTitle, "Nâng cao năng lực của lực lượng chức năng và kiểm soát hàng hóa."; got != want {
				t.Errorf("group title %q, want %q", got, want)
			}
			if got, want := rows[len(rows)-1].GroupTitle, "Phối hợp giữa các lực lượng chức năng"; got != want {
				t.Errorf("group title %q, want %q", got, want)
			}
			if rows[0].Line != 16 || rows[1].Line != 29 {
				t.Errorf("lines %d, %d; want 16, 29", rows[0].Line, rows[1].Line)
			}
		})
	}
}

func TestInheritMerged(t *testing.T) {
	// Rows as group.page:cell; "" is an empty cell. want is every row's
	// cell after inheritMerged, with "*" after an inherited one.
	tests := []struct {
		name string
		rows []string
		want string
	}{
		{"copied down on a page", []string{"1.1:A", "1.1:", "1.1:"}, "A A* A*"},
		{"not across groups", []string{"1.1:A", "2.1:"}, "A -"},
		{"a page that prints none has none", []string{"1.1:A", "1.2:", "1.2:", "1.3:A"}, "A - - A"},
		{"a merged cell printed below the top of the next page", []string{"1.1:A", "1.2:", "1.2:A", "1.2:"}, "A A* A A*"},
		{"another cell below the top of the next page", []string{"1.1:A", "1.2:", "1.2:B"}, "A - B"},
		{"a row's own cell ends the merged one", []string{"1.1:A", "1.1:B", "1.1:"}, "A B B*"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rows []appendixRow
			for _, r := range tt.rows {
				var g, p int
				head, cell, _ := strings.Cut(r, ":")
				fmt.Sscanf(head, "%d.%d", &g, &p)
				rows = append(rows, appendixRow{Group: g, Page: p, Output: cell})
			}
			inheritMerged(rows, func(r *appendixRow) (*string, *bool) { return &r.Output, &r.OutputInherited })
			var got []string
			for _, r := range rows {
				c := r.Output
				if c == "" {
					c = "-"
				}
				if r.OutputInherited {
					c += "*"
				}
				got = append(got, c)
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("got %s, want %s", strings.Join(got, " "), tt.want)
			}
		})
	}
}

func TestParseAppendixEmpty(t *testing.T) {
	for _, lines := range [][]Line{nil, linesOf("PHỤ LỤC"), linesOf("PHỤ LỤC", "Bảng tổng hợp")} {
		if rows, _ := parseAppendix(lines, nil); len(rows) != 0 {
			t.Errorf("%v: got rows %+v", lines, rows)
		}
	}
	// A row without lead or deadline and nothing above it to inherit from.
	rows, warns := parseAppendix(linesOf("NHIỆM VỤ", "THỜI HẠN", "1. Nhóm một", "- Tổ chức kiểm tra các cơ sở kinh doanh trên địa bàn tỉnh."), nil)
	if len(rows) != 1 || rows[0].LeadsInherited || len(warns) != 2 {
		t.Errorf("rows %+v, warnings %v; want one row and two warnings", rows, warns)
	}
}

func TestAgencyStartPredicate(t *testing.T) {
	is := agencyStartPredicate([]string{"Sở Nông nghiệp và Môi trường", "công an tỉnh", "UBND"})
	for s, want := range map[string]bool{
		"Sở Nông":                    true,
		"Sở Nông nghiệp và Môi":      true,
		"Công an tỉnh Các sở, ngành": true,
		"UBND xã,":                   true,
		"Sở Y tế":                    false,
		"Công khai rộng rãi":         false,
		"":                           false,
	} {
		if got := is(s); got != want {
			t.Errorf("%q: %v, want %v", s, got, want)
		}
	}
	for s, want := range map[string]bool{"Báo cáo kiểm": false, "Báo và Phát": true, "Chi cục Hải": true, "Thể thao và": false} {
		if got := defaultIsAgencyStart(s); got != want {
			t.Errorf("default %q: %v, want %v", s, got, want)
		}
	}
}

func TestFits(t *testing.T) {
	tests := []struct {
		prev, next string
		width      int
		want       bool
	}{
		{"giao", "của buôn lậu,", 24, true},
		{"năng, nhiệm vụ được", "giao", 24, false},
		{"tra nhà nước về chất lượng hàng hóa.", "Tăng cường công tác", 55, true},
		{"và thông tin cho các cơ quan nhà nước có thẩm quyền:", "Đảm bảo", 55, false},
	}
	for _, tt := range tests {
		if got := fits(tt.prev, tt.next, tt.width, 10); got != tt.want {
			t.Errorf("fits(%q, %q, %d) = %v", tt.prev, tt.next, tt.width, got)
		}
	}
}

// goldPlans is the part of the gold facts about plans.
type goldPlans struct {
	Documents []struct {
		File                   string `yaml:"file"`
		TaskGroups             int    `yaml:"taskGroups"`
		PlanActions            int    `yaml:"planActions"`
		Targets                int    `yaml:"targets"`
		ResponsibilitySections int    `yaml:"responsibilitySections"`
		ReportingDeadlines     []struct {
			What string `yaml:"what"`
			By   string `yaml:"by"`
		} `yaml:"reportingDeadlines"`
	} `yaml:"documents"`
	PlanActions2026 []struct {
		Group    int       `yaml:"group"`
		Text     string    `yaml:"text"`
		Deadline string    `yaml:"deadline"`
		Leads    yaml.Node `yaml:"leads"`
	} `yaml:"planActions2026"`
	PlanActions2021 []struct {
		Section string `yaml:"section"`
		Name    string `yaml:"name"`
		Tasks   int    `yaml:"tasks"`
	} `yaml:"planActions2021"`
}

// readGoldPlans reads the gold facts from testdata, or from the shared copy
// when the project's copy is not there yet.
func readGoldPlans(tb testing.TB) *goldPlans {
	tb.Helper()
	var data []byte
	var err error
	for _, p := range []string{"testdata/gold/seeds.yaml", "../../shared/gold/seeds.yaml"} {
		if data, err = os.ReadFile(p); err == nil {
			break
		}
	}
	if err != nil {
		tb.Fatalf("gold facts: %v", err)
	}
	var g goldPlans
	if err := yaml.Unmarshal(data, &g); err != nil {
		tb.Fatalf("gold facts: %v", err)
	}
	return &g
}

func (g *goldPlans) document(tb testing.TB, file string) int {
	for i, d := range g.Documents {
		if d.File == file {
			return i
		}
	}
	tb.Fatalf("gold facts: no document %s", file)
	return -1
}

// TestAppendixGold reads the 2026-2030 plan's appendix and compares each row
// with the gold facts: text, deadline kind, inherited cells, and the agency
// kinds the ontology finds in the raw lead cell.
func TestAppendixGold(t *testing.T) {
	const file = "langson_kehoach_2026-2030.txt"
	g := readGoldPlans(t)
	doc := g.Documents[g.document(t, file)]
	lines := readLines(t, filepath.Join("..", "data", file))
	ont := DefaultOntology()
	for _, pred := range []struct {
		name string
		f    func(string) bool
	}{{"default", nil}, {"ontology", ontologyAgencyStart(ont)}} {
		t.Run(pred.name, func(t *testing.T) {
			rows, warns := parseAppendix(lines, pred.f)
			for _, w := range warns {
				t.Logf("warning: %v", w)
			}
			groups := map[int]bool{}
			for _, r := range rows {
				groups[r.Group] = true
			}
			t.Logf("%d groups, %d rows (gold: %d groups, %d rows)", len(groups), len(rows), doc.TaskGroups, len(g.PlanActions2026))
			if len(groups) != doc.TaskGroups {
				t.Errorf("got %d task groups, want %d", len(groups), doc.TaskGroups)
			}
			if len(rows) != len(g.PlanActions2026) {
				t.Fatalf("got %d rows, want %d", len(rows), len(g.PlanActions2026))
			}
			textOK, deadlineOK, inheritOK, leadsOK := 0, 0, 0, 0
			for i, gr := range g.PlanActions2026 {
				r := rows[i]
				t.Logf("%d.%-2d %-12s %-22.22q lead %-45.45q %q", r.Group, r.Row, parseDeadline(r.Deadline).Kind, r.Deadline, r.Leads, firstWords(r.Text, 6))
				goldText := strings.TrimSpace(strings.TrimLeft(gr.Text, "+-"))
				if r.Group == gr.Group && strings.HasPrefix(r.Text, goldText) {
					textOK++
				} else {
					t.Errorf("row %d: group %d text %q, want group %d text %q…", i+1, r.Group, r.Text, gr.Group, goldText)
				}
				d := parseDeadline(r.Deadline)
				switch {
				case gr.Deadline == "INHERIT":
					if r.DeadlineInherited && d.Kind != "" {
						deadlineOK++
					} else {
						t.Errorf("row %d: deadline %q (inherited %v), want one inherited", i+1, r.Deadline, r.DeadlineInherited)
					}
				case d.Kind == gr.Deadline || d.Kind == regnet.DeadlineDate && d.Date != nil && *d.Date == gr.Deadline:
					if !r.DeadlineInherited {
						deadlineOK++
					} else {
						t.Errorf("row %d: deadline inherited, want its own", i+1)
					}
				default:
					t.Errorf("row %d: deadline %q read as %s, want %s", i+1, r.Deadline, d.Kind, gr.Deadline)
				}
				if r.Leads == "" {
					t.Errorf("row %d: no lead cell", i+1)
				}
				if inherit := gr.Leads.Value == "INHERIT"; inherit == r.LeadsInherited {
					inheritOK++
				} else {
					t.Errorf("row %d: leads inherited %v, want %v", i+1, r.LeadsInherited, inherit)
				}
				if gr.Leads.Kind == yaml.SequenceNode && !r.LeadsInherited {
					var want []string
					for _, n := range gr.Leads.Content {
						want = append(want, n.Value)
					}
					// Every gold lead must be in the cell; more is the
					// mapping's business (a cell may explain who else acts).
					got := leadKinds(ont, r.Leads)
					switch {
					case sameSet(got, want):
						leadsOK++
					case subset(want, got):
						t.Logf("row %d: the ontology finds %v in the lead cell %q, gold %v", i+1, got, r.Leads, want)
					default:
						t.Errorf("row %d: the ontology finds %v in the lead cell %q, gold %v", i+1, got, r.Leads, want)
					}
				}
			}
			t.Logf("text %d/%d, deadline %d/%d, inherited leads %d/%d, lead kinds found as in gold %d",
				textOK, len(rows), deadlineOK, len(rows), inheritOK, len(rows), leadsOK)
		})
	}
}

// leadKinds returns the agency kinds the ontology finds in a lead cell.
func leadKinds(o *Ontology, cell string) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range o.findAgencies(cell) {
		if k := m.unit.kind.Code; !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

func subset(a, b []string) bool {
	for _, x := range a {
		if !contains(b, x) {
			return false
		}
	}
	return true
}

func sameSet(a, b []string) bool {
	a, b = append([]string{}, a...), append([]string{}, b...)
	sort.Strings(a)
	sort.Strings(b)
	return strings.Join(a, ",") == strings.Join(b, ",")
}

func BenchmarkParseAppendix(b *testing.B) {
	lines := readLines(b, filepath.Join("..", "data", "langson_kehoach_2026-2030.txt"))
	pred := ontologyAgencyStart(DefaultOntology())
	b.ReportAllocs()
	for b.Loop() {
		parseAppendix(lines, pred)
	}
}

// FuzzPlanReaders feeds arbitrary text to the plan readers: they must not
// panic, and every row they return must have a text.
func FuzzPlanReaders(f *testing.F) {
	for _, name := range []string{"appendix_small.txt", "body_flat.txt", "body_wrapped.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata", "plan", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("PHỤ LỤC\nNHIỆM VỤ\n1. A\n- \u0301\nThường\n+ x. 2026\nCác Các\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := normalise("fuzz.txt", data)
		if err != nil {
			return
		}
		rows, _ := parseAppendix(src.lines, nil)
		for _, r := range rows {
			if r.Text == "" && r.Bullet == "" {
				t.Errorf("row without text: %+v", r)
			}
		}
		provs, _ := parsePlanBody(src.lines, "doc:f")
		planTaskSections(provs)
		planTargets(provs)
		reportingDeadlines(src.lines)
		for _, l := range src.lines {
			parseDeadline(l.Text)
		}
	})
}

func TestParseAppendixNoTable(t *testing.T) {
	// A plan without an appendix: its numbered sections and bullets are no table.
	rows, _ := parseAppendix(readLines(t, filepath.Join("testdata", "plan", "body_flat.txt")), nil)
	if len(rows) != 0 {
		t.Errorf("got %d rows from a plan without a table: %+v", len(rows), rows[0])
	}
}

func TestAppendixProvisions(t *testing.T) {
	rows, _ := parseAppendix(readLines(t, filepath.Join("testdata", "plan", "appendix_small.txt")), nil)
	provs := appendixProvisions("doc:t", rows)
	byID := map[string]regnet.Provision{}
	for _, p := range provs {
		byID[p.ID] = p
		if p.Part != regnet.PartAppendix || p.Document != "doc:t" {
			t.Errorf("%s: part %s document %s", p.ID, p.Part, p.Document)
		}
	}
	if len(provs) != len(rows)+3 {
		t.Errorf("got %d provisions for %d rows in 3 groups", len(provs), len(rows))
	}
	g := byID["doc:t#APPENDIX/2"]
	if g.Path != "Phụ lục, nhóm 2" || g.Line != 40 || !strings.HasPrefix(g.Heading, "Nâng cao năng lực") {
		t.Errorf("group 2: %+v", g)
	}
	r := byID["doc:t#APPENDIX/2/5"]
	if r.Path != "Phụ lục, nhóm 2, dòng 5" || r.Parent == nil || *r.Parent != g.ID || !strings.HasPrefix(r.Text, "Xây dựng cơ sở dữ liệu") {
		t.Errorf("row 2.5: %+v", r)
	}
}

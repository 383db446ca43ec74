package loader_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/loader"
)

// gold is testdata/gold/seeds.yaml: facts read by hand from the bundled
// documents. The file is kept exactly as it was given.
type gold struct {
	Documents []struct {
		File                  string   `yaml:"file"`
		Number                *string  `yaml:"number"`
		Kind                  string   `yaml:"kind"`
		Province              string   `yaml:"province"`
		Status                string   `yaml:"status"`
		Issued                string   `yaml:"issued"`
		Effective             string   `yaml:"effective"`
		Signer                string   `yaml:"signer"`
		Level                 string   `yaml:"level"`
		BasedOn               []string `yaml:"basedOn"`
		Replaces              []string `yaml:"replaces"`
		Period                []int    `yaml:"period"`
		Agencies              []string `yaml:"agencies"`
		Mentions              []string `yaml:"mentions"`
		DecisionArticles      int      `yaml:"decisionArticles"`
		RegulationArticles    int      `yaml:"regulationArticles"`
		Chapters              int      `yaml:"chapters"`
		TaskGroups            int      `yaml:"taskGroups"`
		PlanActions           int      `yaml:"planActions"`
		Targets               int      `yaml:"targets"`
		ResponsibilitySecs    int      `yaml:"responsibilitySections"`
		ReportingDeadlinesRaw any      `yaml:"reportingDeadlines"`
	} `yaml:"documents"`
	Duties map[string][]struct {
		Agency    string `yaml:"agency"`
		Provision string `yaml:"provision"`
		Duties    int    `yaml:"duties"`
		Name      string `yaml:"name"`
		Parent    string `yaml:"parent"`
	} `yaml:"duties"`
	Leads map[string][]struct {
		Field     string `yaml:"field"`
		Area      string `yaml:"area"`
		Agency    string `yaml:"agency"`
		Provision string `yaml:"provision"`
	} `yaml:"leads"`
	Handoffs map[string][]struct {
		From        string    `yaml:"from"`
		Provision   string    `yaml:"provision"`
		Leaving     yaml.Node `yaml:"leaving"`
		Entering    yaml.Node `yaml:"entering"`
		Notifies    []string  `yaml:"notifies"`
		TransfersTo []string  `yaml:"transfersTo"`
		Actions     []string  `yaml:"actions"`
		Condition   string    `yaml:"condition"`
	} `yaml:"handoffs"`
	PlanActions2026 []struct {
		Group        int       `yaml:"group"`
		Text         string    `yaml:"text"`
		Deadline     string    `yaml:"deadline"`
		Leads        yaml.Node `yaml:"leads"`
		Coordinators []string  `yaml:"coordinators"`
		Amends       string    `yaml:"amends"`
	} `yaml:"planActions2026"`
	PlanActions2021 []struct {
		Section string `yaml:"section"`
		Agency  string `yaml:"agency"`
		Name    string `yaml:"name"`
		Tasks   int    `yaml:"tasks"`
	} `yaml:"planActions2021"`
}

func readGold(t testing.TB) *gold {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "gold", "seeds.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var g gold
	if err := yaml.Unmarshal(data, &g); err != nil {
		t.Fatalf("gold: %v", err)
	}
	return &g
}

// nodeList reads a YAML value that is either one string or a list.
func nodeList(n yaml.Node) []string {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Value == "" {
			return nil
		}
		return []string{n.Value}
	case yaml.SequenceNode:
		var out []string
		for _, c := range n.Content {
			out = append(out, c.Value)
		}
		return out
	}
	return nil
}

// bundled parses the five bundled documents once per test binary.
func bundled(t testing.TB) *regnet.Dataset {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "data", "*.txt"))
	if err != nil || len(files) != 5 {
		t.Fatalf("bundled documents: %v (%d files)", err, len(files))
	}
	ds, err := loader.New().ParseFiles(files...)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// index gives quick access to a dataset's facts.
type index struct {
	ds        *regnet.Dataset
	agency    map[string]regnet.Agency
	provision map[string]regnet.Provision
	doc       map[string]regnet.Document // by file
}

func newIndex(ds *regnet.Dataset) *index {
	ix := &index{ds: ds, agency: map[string]regnet.Agency{}, provision: map[string]regnet.Provision{}, doc: map[string]regnet.Document{}}
	for _, a := range ds.Agencies {
		ix.agency[a.ID] = a
	}
	for _, p := range ds.Provisions {
		ix.provision[p.ID] = p
	}
	for _, d := range ds.Documents {
		ix.doc[d.Source.File] = d
	}
	return ix
}

func (ix *index) kinds(ids []string) []string {
	out := []string{}
	for _, id := range ids {
		out = append(out, ix.agency[id].Kind)
	}
	sort.Strings(out)
	return out
}

func sorted(s []string) []string {
	out := append([]string{}, s...)
	sort.Strings(out)
	return out
}

func same(a, b []string) bool {
	return strings.Join(sorted(a), ",") == strings.Join(sorted(b), ",")
}

// score counts facts found per section of the gold file.
type score struct {
	t     *testing.T
	found map[string][2]int
	order []string
}

func (s *score) check(section string, ok bool, format string, args ...any) {
	s.t.Helper()
	if _, seen := s.found[section]; !seen {
		s.order = append(s.order, section)
	}
	f := s.found[section]
	f[1]++
	if ok {
		f[0]++
	} else {
		s.t.Errorf("%s: "+format, append([]any{section}, args...)...)
	}
	s.found[section] = f
}

func (s *score) report() {
	for _, sec := range s.order {
		f := s.found[sec]
		s.t.Logf("recall %-22s %3d/%-3d %5.1f%%", sec, f[0], f[1], 100*float64(f[0])/float64(f[1]))
	}
}

// TestGold measures the loader against the hand-read facts and prints the
// recall of every section.
func TestGold(t *testing.T) {
	g := readGold(t)
	ds := bundled(t)
	ix := newIndex(ds)
	s := &score{t: t, found: map[string][2]int{}}
	defer s.report()

	checkDocuments(s, g, ix)
	checkDuties(s, g, ix)
	checkLeads(s, g, ix)
	checkHandoffs(s, g, ix)
	checkPlan2026(s, g, ix)
	checkPlan2021(s, g, ix)
	checkReportingDeadlines(s, g, ix)
}

// checkReportingDeadlines finds every reporting deadline of a plan among
// the dataset's REPORT schedules of that plan. The gold file writes "by"
// as a date, a day and month ("30/9") or "day N of each month".
func checkReportingDeadlines(s *score, g *gold, ix *index) {
	for _, gd := range g.Documents {
		list, _ := gd.ReportingDeadlinesRaw.([]any)
		doc := ix.doc[gd.File]
		for _, item := range list {
			m, _ := item.(map[string]any)
			by := fmt.Sprint(m["by"])
			if t, ok := m["by"].(interface{ Format(string) string }); ok {
				by = t.Format("2006-01-02") // YAML reads a bare date as a time
			}
			var day, month int
			switch {
			case strings.HasPrefix(by, "day "):
				fmt.Sscanf(by, "day %d", &day)
				by = fmt.Sprintf("---%02d", day)
			case strings.Count(by, "/") == 1:
				fmt.Sscanf(by, "%d/%d", &day, &month)
				by = fmt.Sprintf("--%02d-%02d", month, day)
			}
			found := false
			for _, sc := range ix.ds.Schedules {
				if sc.Kind == regnet.ScheduleReport && sc.By != nil && *sc.By == by && strings.HasPrefix(sc.Provision, doc.ID+"#") {
					found = true
				}
			}
			s.check("reporting deadlines", found, "%s: no report due %s (%v)", gd.File, by, m["what"])
		}
	}
}

func checkDocuments(s *score, g *gold, ix *index) {
	for _, gd := range g.Documents {
		d, ok := ix.doc[gd.File]
		s.check("documents", ok, "%s not parsed", gd.File)
		if !ok {
			continue
		}
		str := func(p *string) string {
			if p == nil {
				return "<nil>"
			}
			return *p
		}
		want := func(field, got, exp string) {
			if exp != "" {
				s.check("documents", got == exp, "%s %s = %q, want %q", gd.File, field, got, exp)
			}
		}
		if gd.Number != nil || gd.Kind != regnet.KindTinTuc {
			s.check("documents", str(d.Number) == str(gd.Number), "%s number = %s, want %s", gd.File, str(d.Number), str(gd.Number))
		}
		want("kind", d.Kind, gd.Kind)
		want("province", d.Province, gd.Province)
		want("status", d.Status, gd.Status)
		want("level", d.Level, gd.Level)
		want("issued", str(d.Issued), gd.Issued)
		want("effective", str(d.Effective), gd.Effective)
		want("signer", str(d.Signer), gd.Signer)
		if gd.BasedOn != nil {
			s.check("documents", same(d.BasedOn, gd.BasedOn), "%s basedOn = %v, want %v", gd.File, d.BasedOn, gd.BasedOn)
		}
		if gd.Replaces != nil {
			s.check("documents", same(d.Replaces, gd.Replaces), "%s replaces = %v, want %v", gd.File, d.Replaces, gd.Replaces)
		}
		if gd.Period != nil {
			s.check("documents", fmt.Sprint(d.Period) == fmt.Sprint(gd.Period), "%s period = %v, want %v", gd.File, d.Period, gd.Period)
		}
		for _, m := range gd.Mentions {
			s.check("documents", contains(d.Mentions, m), "%s mentions %v, want %s", gd.File, d.Mentions, m)
		}
		for _, name := range gd.Agencies {
			found := false
			for _, a := range ix.ds.Agencies {
				if strings.EqualFold(a.Name, name) && a.Level == regnet.LevelNational {
					found = true
				}
			}
			s.check("news agencies", found, "%s: national agency %q not found", gd.File, name)
		}
		count := func(part string, level int) int {
			n := 0
			for _, p := range ix.ds.Provisions {
				if p.Document != d.ID || p.Part != part {
					continue
				}
				isArticle := p.Article != nil && p.Clause == nil && p.Point == nil
				isChapter := p.Article == nil && p.Chapter != nil
				if (level == 1 && isArticle) || (level == 0 && isChapter) {
					n++
				}
			}
			return n
		}
		if gd.DecisionArticles > 0 {
			n := count(regnet.PartDecision, 1)
			s.check("structure", n == gd.DecisionArticles, "%s decision articles = %d, want %d", gd.File, n, gd.DecisionArticles)
		}
		if gd.RegulationArticles > 0 {
			n := count(regnet.PartRegulation, 1)
			s.check("structure", n == gd.RegulationArticles, "%s regulation articles = %d, want %d", gd.File, n, gd.RegulationArticles)
		}
		if gd.Chapters > 0 {
			n := count(regnet.PartRegulation, 0)
			s.check("structure", n == gd.Chapters, "%s chapters = %d, want %d", gd.File, n, gd.Chapters)
		}
		if gd.Targets > 0 {
			n := 0
			for _, tg := range ix.ds.Targets {
				if tg.Document == d.ID {
					n++
				}
			}
			s.check("targets", n == gd.Targets, "%s targets = %d, want %d", gd.File, n, gd.Targets)
		}
		if gd.PlanActions > 0 {
			n := 0
			for _, a := range ix.ds.PlanActions {
				if a.Document == d.ID {
					n++
				}
			}
			ok := n == gd.PlanActions || (gd.TaskGroups > 0 && n == gd.PlanActions-1)
			s.check("plan actions", ok, "%s plan actions = %d, want %d", gd.File, n, gd.PlanActions)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// provincePath is the human path of a fact's provision.
func (ix *index) path(provision string) string { return ix.provision[provision].Path }

func (ix *index) provinceOf(agencyID string) string { return ix.agency[agencyID].Province }

// covered reports whether a duty stands in an article of the chapter on
// responsibilities that the gold file lists for the province: the duties of
// the other articles are scored by TestStatementsGold.
func (ix *index) covered(g *gold, province string, d regnet.Duty) bool {
	if _, listed := g.Duties[province]; !listed {
		return false // a province the gold file does not read (a national report)
	}
	p := ix.provision[d.Provision]
	if p.Part != regnet.PartRegulation {
		return false
	}
	for _, row := range g.Duties[province] {
		article := strings.Join(strings.Fields(row.Provision)[:2], " ") // "Điều 7"
		if p.Path == article || strings.HasPrefix(p.Path, article+" ") {
			return true
		}
	}
	return false
}

// checkDuties counts, per agency, the provisions of the responsibility
// articles that give it duties: the gold file counts provisions, and a
// provision may state several duties (one per role).
func checkDuties(s *score, g *gold, ix *index) {
	for province, rows := range g.Duties {
		total := 0
		for _, row := range rows {
			total += row.Duties
			provisions := map[string]bool{}
			prefix := row.Provision
			if i := strings.LastIndex(prefix, "-"); i > 0 {
				prefix = strings.TrimRight(prefix[:i], "0123456789") // "Điều 4 khoản 1-12"
				prefix = strings.TrimSuffix(strings.TrimSpace(prefix), " khoản")
			}
			var agency regnet.Agency
			for _, d := range ix.ds.Duties {
				a := ix.agency[d.Agency]
				if a.Province != province || a.Kind != row.Agency || provisions[d.Provision] || !ix.covered(g, province, d) {
					continue
				}
				provisions[d.Provision] = true
				agency = a
				p := ix.path(d.Provision)
				s.check("duty provisions", p == prefix || strings.HasPrefix(p, prefix+" "), "%s %s: duty under %q, want under %q", province, row.Agency, p, prefix)
			}
			n := len(provisions)
			s.check("duties", n == row.Duties, "%s %s: %d provisions with duties, want %d", province, row.Agency, n, row.Duties)
			if row.Name != "" {
				s.check("agency names", strings.EqualFold(agency.Name, row.Name), "%s %s: name %q, want %q", province, row.Agency, agency.Name, row.Name)
			}
			if row.Parent != "" {
				got := ""
				if agency.Parent != nil {
					got = ix.agency[*agency.Parent].Kind
				}
				s.check("agency parents", got == row.Parent, "%s %s: parent %q, want %q", province, row.Agency, got, row.Parent)
			}
		}
		held := map[string]bool{}
		for _, d := range ix.ds.Duties {
			if ix.provinceOf(d.Agency) == province && ix.covered(g, province, d) {
				held[d.Agency+" "+d.Provision] = true
			}
		}
		s.check("duties", len(held) == total, "%s: %d agency provisions with duties in all, want %d", province, len(held), total)
	}
}

func checkLeads(s *score, g *gold, ix *index) {
	for province, rows := range g.Leads {
		for _, row := range rows {
			found := false
			for _, d := range ix.ds.Duties {
				a := ix.agency[d.Agency]
				if a.Province == province && a.Kind == row.Agency && d.Role == regnet.RoleLead &&
					contains(d.Fields, row.Field) && (row.Area == "" || contains(d.Areas, row.Area)) &&
					ix.path(d.Provision) == row.Provision {
					found = true
				}
			}
			s.check("leads", found, "%s: no LEAD of %s on %s/%s at %s", province, row.Agency, row.Field, row.Area, row.Provision)
		}
	}
}

// pursuit reports whether a handoff is a pursuit rule across areas, the
// kind the gold file lists one by one; the general notify-and-transfer rules
// are checked by checkGeneralHandoffs.
func pursuit(h regnet.Handoff) bool { return slices.Contains(h.Actions, regnet.ActionPursue) }

func checkHandoffs(s *score, g *gold, ix *index) {
	for province, rows := range g.Handoffs {
		n := 0
		for _, h := range ix.ds.Handoffs {
			if ix.provinceOf(h.From) == province && pursuit(h) {
				n++
			}
		}
		s.check("handoffs", n == len(rows), "%s: %d handoff rules, want %d", province, n, len(rows))
		for _, row := range rows {
			var got *regnet.Handoff
			for i, h := range ix.ds.Handoffs {
				if ix.provinceOf(h.From) == province && ix.agency[h.From].Kind == row.From && ix.path(h.Provision) == row.Provision {
					got = &ix.ds.Handoffs[i]
				}
			}
			s.check("handoffs", got != nil, "%s: no handoff from %s at %s", province, row.From, row.Provision)
			if got == nil {
				continue
			}
			what := province + " " + row.From + " " + row.Provision
			s.check("handoff details", same(ix.kinds(got.Notifies), row.Notifies), "%s notifies %v, want %v", what, ix.kinds(got.Notifies), row.Notifies)
			s.check("handoff details", same(ix.kinds(got.TransfersTo), row.TransfersTo), "%s transfers to %v, want %v", what, ix.kinds(got.TransfersTo), row.TransfersTo)
			// Every action the gold file lists; the loader may read more
			// (an arrest the file leaves out).
			missing := []string{}
			for _, a := range row.Actions {
				if !slices.Contains(got.Actions, a) {
					missing = append(missing, a)
				}
			}
			s.check("handoff details", len(missing) == 0, "%s actions %v lack %v", what, got.Actions, missing)
			s.check("handoff details", same(got.Leaving, nodeList(row.Leaving)), "%s leaving %v, want %v", what, got.Leaving, nodeList(row.Leaving))
			s.check("handoff details", same(got.Entering, nodeList(row.Entering)), "%s entering %v, want %v", what, got.Entering, nodeList(row.Entering))
			if row.Condition != "" {
				s.check("handoff details", got.Condition != "", "%s: no condition, want one (%s)", what, row.Condition)
			}
		}
	}
	checkGeneralHandoffs(s, ix)
	// What the gold file leaves out and the text says: the border guard
	// arrests as well as pursues; Điện Biên's condition governs only the
	// notice to customs.
	for _, h := range ix.ds.Handoffs {
		switch province, p := ix.provinceOf(h.From), ix.path(h.Provision); {
		case province == "Lạng Sơn" && p == "Điều 7 khoản 3 điểm b":
			s.check("handoff details", slices.Contains(h.Actions, regnet.ActionArrest), "%s %s: actions %v lack ARREST", province, p, h.Actions)
		case province == "Điện Biên" && p == "Điều 5 khoản 3 điểm a":
			s.check("handoff details", same(ix.kinds(h.ConditionFor), []string{"CUSTOMS"}), "%s %s: condition governs %v, want [CUSTOMS]", province, p, ix.kinds(h.ConditionFor))
		}
	}
}

// checkGeneralHandoffs checks the general notify-and-transfer rules that
// the gold file names in a comment (and issue text): a body that finds a
// violation outside its area or field notifies the body that leads there.
func checkGeneralHandoffs(s *score, ix *index) {
	want := map[string][]string{
		"Lạng Sơn":  {"Điều 2 khoản 5", "Điều 4 khoản 3 điểm d", "Điều 7 khoản 18"},
		"Điện Biên": {"Điều 2 khoản 1 điểm b", "Điều 8 khoản 3 điểm d"},
	}
	for province, paths := range want {
		for _, path := range paths {
			found := false
			for _, h := range ix.ds.Handoffs {
				if ix.provinceOf(h.From) == province && ix.path(h.Provision) == path && !pursuit(h) &&
					slices.Contains(h.Actions, regnet.ActionNotify) && len(h.Notifies) > 0 {
					found = true
				}
			}
			s.check("general handoffs", found, "%s: no notify rule at %s", province, path)
		}
	}
}

// fold compares plan texts without case, accents, bullets or spacing.
func fold(s string) string {
	return strings.Join(strings.Fields(strings.NewReplacer("+", " ", "-", " ").Replace(regnet.Fold(s))), " ")
}

func checkPlan2026(s *score, g *gold, ix *index) {
	var doc regnet.Document
	for _, gd := range g.Documents {
		if gd.TaskGroups > 0 {
			doc = ix.doc[gd.File]
		}
	}
	var actions []regnet.PlanAction
	for _, a := range ix.ds.PlanActions {
		if a.Document == doc.ID {
			actions = append(actions, a)
		}
	}
	sort.SliceStable(actions, func(i, j int) bool {
		return ix.provision[actions[i].Provision].Line < ix.provision[actions[j].Provision].Line
	})
	// Align gold rows with actions by their text's start.
	leadsRight, deadlinesRight := 0, 0
	var prevLeads []string
	used := map[int]bool{}
	for _, row := range g.PlanActions2026 {
		wantLeads := nodeList(row.Leads)
		if len(wantLeads) == 1 && wantLeads[0] == "INHERIT" {
			wantLeads = prevLeads
		}
		prevLeads = wantLeads
		var got *regnet.PlanAction
		for i := range actions {
			if !used[i] && strings.HasPrefix(fold(actions[i].Text), fold(row.Text)) {
				got = &actions[i]
				used[i] = true
				break
			}
		}
		if got == nil {
			// A heading row kept as the group's text is accepted.
			s.check("plan 2026 rows", row.Group == 1 && !strings.HasPrefix(row.Text, "+"), "no action for group %d %q", row.Group, row.Text)
			continue
		}
		s.check("plan 2026 rows", got.Group == fmt.Sprint(row.Group), "%q in group %s, want %d", row.Text, got.Group, row.Group)
		if same(ix.kinds(got.Leads), wantLeads) {
			leadsRight++
		} else {
			s.t.Logf("plan 2026 lead: %q leads %v, want %v", row.Text, ix.kinds(got.Leads), wantLeads)
		}
		wantKind, wantDate := row.Deadline, ""
		if wantKind == "INHERIT" {
			wantKind = ""
		} else if wantKind != regnet.DeadlineRecurring && wantKind != regnet.DeadlinePeriodic && wantKind != regnet.DeadlineConditional {
			wantKind, wantDate = regnet.DeadlineDate, row.Deadline
		}
		ok := wantKind == "" || (got.Deadline.Kind == wantKind && (wantDate == "" || (got.Deadline.Date != nil && *got.Deadline.Date == wantDate)))
		if ok {
			deadlinesRight++
		}
		s.check("plan 2026 deadlines", ok, "%q deadline %+v, want %s %s", row.Text, got.Deadline, wantKind, wantDate)
		for _, c := range row.Coordinators {
			s.check("plan 2026 rows", contains(ix.kinds(got.Coordinators), c), "%q coordinators %v, want %s", row.Text, ix.kinds(got.Coordinators), c)
		}
		if row.Amends != "" {
			s.check("plan 2026 rows", contains(got.Amends, row.Amends), "%q amends %v, want %s", row.Text, got.Amends, row.Amends)
		}
	}
	s.check("plan 2026 leads", leadsRight >= 45, "lead kinds right for %d rows, want at least 45", leadsRight)
	s.t.Logf("plan 2026: lead kinds right for %d of %d rows, deadline kinds for %d", leadsRight, len(g.PlanActions2026), deadlinesRight)
}

func checkPlan2021(s *score, g *gold, ix *index) {
	var doc regnet.Document
	for _, gd := range g.Documents {
		if gd.ResponsibilitySecs > 0 {
			doc = ix.doc[gd.File]
		}
	}
	for _, row := range g.PlanActions2021 {
		n := 0
		var agency regnet.Agency
		for _, a := range ix.ds.PlanActions {
			if a.Group != row.Section || len(a.Leads) == 0 {
				continue
			}
			if a.Document != doc.ID {
				continue
			}
			n++
			agency = ix.agency[a.Leads[0]]
		}
		s.check("plan 2021 tasks", n == row.Tasks, "section %s: %d tasks, want %d", row.Section, n, row.Tasks)
		s.check("plan 2021 agencies", agency.Kind == row.Agency, "section %s: lead %s, want %s", row.Section, agency.Kind, row.Agency)
		s.check("plan 2021 agencies", strings.HasPrefix(strings.ToLower(agency.Name), strings.ToLower(row.Name)), "section %s: name %q, want %q", row.Section, agency.Name, row.Name)
	}
}

// TestGoldPrecision measures the other way round where the gold file lists
// every fact of a kind: of the duties, handoff rules and plan actions the
// loader finds, how many the gold file has. A fact it has not is a false
// find (or a gap in the gold file, to be read again by hand).
func TestGoldPrecision(t *testing.T) {
	g := readGold(t)
	ds := bundled(t)
	ix := newIndex(ds)
	report := func(section string, good, all int, extra []string) {
		t.Logf("precision %-18s %3d/%-3d %5.1f%%", section, good, all, 100*float64(good)/float64(max(all, 1)))
		for _, e := range extra {
			t.Errorf("%s: not in the gold file: %s", section, e)
		}
	}

	// Duties: under a provision the gold file gives for the agency's kind.
	// The gold file lists the duties of the provinces' quy chế; a national
	// report's statements are outside it.
	good, all := 0, 0
	var extra []string
	for _, d := range ds.Duties {
		a := ix.agency[d.Agency]
		if !ix.covered(g, a.Province, d) {
			continue // the other articles: TestStatementsGold
		}
		all++
		ok := false
		for _, row := range g.Duties[a.Province] {
			p := ix.path(d.Provision)
			prefix := strings.SplitN(row.Provision, "-", 2)[0] // "Điều 4 khoản 1-12" → its first khoản's prefix
			if i := strings.LastIndex(prefix, " "); strings.Contains(row.Provision, "-") && i > 0 {
				prefix = prefix[:i] // a range of khoản: any khoản of the article
			}
			if row.Agency == a.Kind && (p == prefix || strings.HasPrefix(p, prefix+" ")) {
				ok = true
			}
		}
		if ok {
			good++
		} else {
			extra = append(extra, fmt.Sprintf("%s %s at %s", a.Province, a.Kind, ix.path(d.Provision)))
		}
	}
	report("duties", good, all, extra)

	// Handoff rules: same initiating kind and provision.
	good, all, extra = 0, 0, nil
	for _, h := range ds.Handoffs {
		if !pursuit(h) {
			continue // general rules: checkGeneralHandoffs
		}
		all++
		province, kind, p := ix.provinceOf(h.From), ix.agency[h.From].Kind, ix.path(h.Provision)
		ok := false
		for _, row := range g.Handoffs[province] {
			ok = ok || row.From == kind && row.Provision == p
		}
		if ok {
			good++
		} else {
			extra = append(extra, fmt.Sprintf("%s %s at %s", province, kind, p))
		}
	}
	report("handoffs", good, all, extra)

	// Plan actions: the 2026 plan's rows by their text, the 2021 plan's
	// tasks by their section.
	var table string // the plan with an appendix table (task groups)
	for _, gd := range g.Documents {
		if gd.TaskGroups > 0 {
			table = ix.doc[gd.File].ID
		}
	}
	good, all, extra = 0, 0, nil
	for _, a := range ds.PlanActions {
		all++
		ok := false
		if a.Document == table {
			for _, row := range g.PlanActions2026 {
				ok = ok || strings.HasPrefix(fold(a.Text), fold(row.Text))
			}
		} else {
			for _, row := range g.PlanActions2021 {
				ok = ok || a.Group == row.Section
			}
		}
		if ok {
			good++
		} else {
			extra = append(extra, fmt.Sprintf("%s group %s: %.60q", a.Document, a.Group, a.Text))
		}
	}
	report("plan actions", good, all, extra)
}

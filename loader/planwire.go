package loader

// A kế hoạch read into facts. plan.go cuts the body's text into provisions
// and finds the sections that assign tasks and set targets, from the text
// alone; this file wires those into the document being read: the plan
// actions of the task sections and the appendix table, with their leads,
// co-ordinators, deadlines and amended documents resolved against the
// ontology and the document's agencies.

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/regnet/regnet"
)

// amendCues introduce the documents an action amends (lower case).
var amendCues = []string{"sửa đổi", "bổ sung", "thay thế", "bãi bỏ"}

// readPlan reads a kế hoạch: the body's sections as provisions, the tasks
// each agency is given in the responsibility section, the targets of the
// objectives section, and the rows of the appendix table. A plan that has
// neither sections nor a table has no structure and is an input error.
func (p *docParser) readPlan(h header) error {
	body := p.src.lines
	appendix := len(body)
	for i, l := range body {
		if i > h.bodyStart && reAppendixHead.MatchString(l.Text) {
			appendix = i
			break
		}
	}
	provs, warns := parsePlanBody(body[:appendix], p.doc.ID)
	p.addWarnings(warns)
	p.ds.Provisions = append(p.ds.Provisions, provs...)
	p.ds.Targets = append(p.ds.Targets, planTargets(provs)...)
	p.ds.Schedules = append(p.ds.Schedules, p.planSchedules(provs)...)

	// A plan with an appendix table lists its actions there; its body's
	// responsibility section then says how the plan is run (reports,
	// follow-up), which stays as provisions. Without a table, the body's
	// task sections are the actions.
	var rows []appendixRow
	if appendix < len(body) {
		var twarns []regnet.Warning
		if hasPipeRows(body[appendix:]) {
			rows, twarns = parsePipeTable(body[appendix:])
		} else {
			rows, twarns = parseAppendix(body[appendix:], ontologyAgencyStart(p.ont))
		}
		p.addWarnings(twarns)
		if len(rows) == 0 {
			p.warn(body[appendix].No, "appendix %q: no table rows read", body[appendix].Text)
		}
		p.ds.Provisions = append(p.ds.Provisions, appendixProvisions(p.doc.ID, rows)...)
		p.readAppendixRows(rows)
	}
	if len(rows) == 0 {
		p.readTaskSections(provs)
	}
	if len(provs) == 0 && len(rows) == 0 && h.found {
		p.warn(p.src.lines[min(h.bodyStart, len(p.src.lines)-1)].No, "body has no sections (I., II.) and no appendix table: only the header was read")
		return nil
	}
	if len(provs) == 0 && len(rows) == 0 {
		return &InputError{File: p.src.file, Line: p.src.lines[0].No, Msg: "no structure found: a plan with no Roman section (\"I.\") and no appendix table"}
	}
	return nil
}

// addWarnings records warnings of the plan readers under this file.
func (p *docParser) addWarnings(ws []regnet.Warning) {
	for _, w := range ws {
		w.File = p.src.file
		p.ds.Warnings = append(p.ds.Warnings, w)
	}
}

// readTaskSections turns each sub-section of the responsibility section into
// plan actions: one per "-" bullet (or one for the whole section when its
// tasks are written as a paragraph), led by the agency its heading names.
func (p *docParser) readTaskSections(provs []regnet.Provision) {
	sections := planTaskSections(provs)
	var named []*Unit
	for _, s := range sections {
		if ms := p.ont.findAgencies(s.Name); len(ms) > 0 {
			named = append(named, ms[0].unit)
		}
	}
	p.own = ownUnitsOf(named)
	for _, s := range sections {
		lead := p.sectionAgency(s)
		if lead == nil {
			p.warn(s.Line, "task section %s: no known agency in %q", s.Path, s.Heading)
		}
		group := s.Path
		if i := strings.Index(group, "."); i >= 0 {
			group = group[i+1:] // "IV.2.1" → "2.1"
		}
		add := func(provision, text string) {
			a := regnet.PlanAction{
				ID: provision, Document: p.doc.ID, Group: group, Text: text,
				Deadline: taskDeadline(text), Leads: []string{}, Coordinators: []string{},
				Amends: amendedDocuments(text), AmendsProvisions: amendedProvisions(text), Provision: provision,
			}
			if lead != nil {
				a.Leads = append(a.Leads, lead.ID)
			}
			a.Coordinators = p.planCoordinators(text, a.Leads)
			p.ds.PlanActions = append(p.ds.PlanActions, a)
		}
		if len(s.Bullets) == 0 {
			if strings.TrimSpace(s.Text) != "" {
				add(s.Provision, s.Text)
			}
			continue
		}
		for _, b := range s.Bullets {
			add(b.Provision, b.Text)
		}
	}
}

// sectionAgency resolves the agency a task section's heading names; the
// heading's own wording becomes the agency's name where it has none yet.
func (p *docParser) sectionAgency(s taskSection) *regnet.Agency {
	ms := p.ont.findAgencies(s.Name)
	if len(ms) == 0 {
		return nil
	}
	name := ""
	if ms[0].start == 0 && !ms[0].title {
		name = s.Name
	}
	return p.agencies.get(ms[0].unit, p.doc.Province, name)
}

// taskDeadline reads a task's deadline from its text: a "trước ngày …" date
// when it gives one. A task that names no time is UNSPECIFIED: the plan's
// period bounds it, but calling it ongoing would be a reading the text does
// not make.
func taskDeadline(text string) regnet.Deadline {
	if m := reBefore.FindStringSubmatch(text); m != nil && m[2] != "" && m[3] != "" {
		d := parseDeadline(m[1] + "/" + m[2] + "/" + m[3])
		if d.Kind != "" {
			d.Raw = strings.TrimSpace(m[0])
			return d
		}
	}
	return regnet.Deadline{Kind: regnet.DeadlineUnspecified}
}

// readAppendixRows turns the appendix table's rows into plan actions.
func (p *docParser) readAppendixRows(rows []appendixRow) {
	for _, r := range rows {
		id := fmt.Sprintf("%s#APPENDIX/%d/%d", p.doc.ID, r.Group, r.Row)
		d := parseDeadline(r.Deadline)
		if d.Kind == "" {
			if r.Deadline != "" {
				p.warn(r.Line, "appendix row %d.%d: deadline %q not understood", r.Group, r.Row, r.Deadline)
			}
			d.Kind = regnet.DeadlineUnspecified // the raw text stays for a reader to judge
		}
		leads := p.planAgencies(leadCell(r.Leads), nil)
		if len(leads) == 0 {
			p.warn(r.Line, "appendix row %d.%d: no known lead agency in %q", r.Group, r.Row, r.Leads)
		}
		p.ds.PlanActions = append(p.ds.PlanActions, regnet.PlanAction{
			ID: id, Document: p.doc.ID, Group: strconv.Itoa(r.Group), Text: r.Text,
			Deadline: d, Output: r.Output, Leads: leads,
			Coordinators: p.planCoordinators(r.Coordinators, leads),
			Amends:       amendedDocuments(r.Text), AmendsProvisions: amendedProvisions(r.Text), Provision: id,
		})
	}
}

// leadCell keeps the part of a lead cell before "chủ trì" when the cell says
// who leads and who assists in one sentence ("Sở Công Thương chủ trì, phối
// hợp với …").
func leadCell(s string) string {
	f := strings.ToLower(s)
	if i := strings.Index(f, "chủ trì"); i > 0 {
		return s[:i]
	}
	return s
}

// planAgencies resolves the agencies a plan cell or task text names,
// collective ones ("các sở, ngành") included, without repeats and without
// those in skip. A generic name stands for the unit of that kind the plan's
// own headings name (see ownUnitsOf).
func (p *docParser) planAgencies(s string, skip []string) []string {
	return p.resolveMentions(p.ont.findAgencies(s), skip)
}

// planCoordinators is planAgencies for the bodies a task is carried out
// with: a body the text reports or submits to, or that appraises the
// result, does not co-ordinate the task.
func (p *docParser) planCoordinators(s string, skip []string) []string {
	ms := p.ont.findAgencies(s)
	recv := receivers(s, ms)
	var keep []mention
	for i, m := range ms {
		if !recv[i] {
			keep = append(keep, m)
		}
	}
	return p.resolveMentions(keep, skip)
}

func (p *docParser) resolveMentions(ms []mention, skip []string) []string {
	out := []string{}
	for _, m := range ms {
		u := m.unit
		if own := p.own[u.kind.Code]; own != nil && u.Key == "" {
			u = own
		}
		a := p.agencies.get(u, p.doc.Province, "")
		if !contains(out, a.ID) && !contains(skip, a.ID) {
			out = append(out, a.ID)
		}
	}
	return out
}

// amendedDocuments returns the document numbers an action text names after
// a cue such as "sửa đổi, bổ sung" or "thay thế".
func amendedDocuments(text string) []string {
	out := []string{}
	first := amendCue(text)
	if first < 0 {
		return out
	}
	for _, n := range reDocNumber.FindAllString(text[first:], -1) {
		if !contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// hasPipeRows reports whether an appendix is a "|" table (see
// parsePipeTable) rather than text extracted from a PDF.
func hasPipeRows(lines []Line) bool {
	n := 0
	for _, l := range lines {
		if isPipeRow(l.Text) {
			n++
		}
	}
	return n >= 2
}

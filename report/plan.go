package report

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/regnet/regnet"
)

// PlanColumns are the columns of the plan-tracking CSV, one row per fact:
//
//   - section: AMENDING (a plan action that amends a document), OVERDUE (a
//     dated action whose deadline ended before as_of), DUTIES_WITHOUT_ACTIONS
//     (an agency with duties in the quy chế but no plan action),
//     LEADS_WITHOUT_DUTIES (a plan lead with no duty in the quy chế)
//   - province, as_of: what the report was computed for
//   - agency_kind, agency: the agency; for actions, their leads, separated
//     by "; "
//   - action: the action's wording (AMENDING, OVERDUE)
//   - deadline: the deadline as written; due_by: the last day it allows
//     ("02/2026" is due by 2026-02-28), empty when it has no date
//   - amends: the numbers of the documents an action amends, "; "-separated
//   - document, provision, provision_id: where the action is written; for
//     the agency sections, the agency's first duty or first action led
//   - detail: what the amended document is, or how many duties or actions
//     the agency has
var PlanColumns = []string{
	"section", "province", "as_of", "agency_kind", "agency", "action", "deadline", "due_by", "amends",
	"document", "provision", "provision_id", "detail",
}

// Plan report sections in the CSV.
const (
	SectionAmending             = "AMENDING"
	SectionOverdue              = "OVERDUE"
	SectionDutiesWithoutActions = "DUTIES_WITHOUT_ACTIONS"
	SectionLeadsWithoutDuties   = "LEADS_WITHOUT_DUTIES"
)

// agencyEvidence is an agency of the two agency lists with what backs it
// (regnet.TrackPlans's counts): how many duties (or actions it leads) it
// has, and the first one's provision.
type agencyEvidence struct {
	agency *regnet.Agency
	*regnet.AgencyCount
}

// Plans writes the plan-tracking view of a province (regnet.TrackPlans's
// result), with each action's provision and each amended document.
func (r Renderer) Plans(ctx context.Context, w io.Writer, p *regnet.PlanReport) error {
	if err := r.check(); err != nil {
		return err
	}
	var provIDs, agencyIDs, numbers []string
	for _, a := range append(append([]*regnet.PlanAction{}, p.Amending...), p.Overdue...) {
		provIDs = append(provIDs, a.Provision)
		agencyIDs = append(agencyIDs, a.Leads...)
		numbers = append(numbers, a.Amends...)
	}
	amended := map[string]*regnet.Document{}
	if numbers = nonEmpty(numbers); len(numbers) > 0 {
		docs, err := r.Store.Documents(ctx, regnet.DocumentFilter{Numbers: numbers})
		if err != nil {
			return fmt.Errorf("report plan: look up amended documents: %w", err)
		}
		for _, d := range docs {
			if d.Number != nil {
				amended[*d.Number] = d
			}
		}
	}
	var withDuties, leading []agencyEvidence
	for i, a := range p.DutiesWithoutActions {
		e := agencyEvidence{agency: a, AgencyCount: countAt(p.DutyCounts, i)}
		withDuties = append(withDuties, e)
		provIDs = append(provIDs, e.Provision)
	}
	for i, a := range p.LeadsWithoutDuties {
		e := agencyEvidence{agency: a, AgencyCount: countAt(p.LeadCounts, i)}
		leading = append(leading, e)
		provIDs = append(provIDs, e.Provision)
	}
	refs, err := lookup(ctx, r.Store, provIDs, agencyIDs)
	if err != nil {
		return fmt.Errorf("report plan: %w", err)
	}
	p = inDocumentOrder(p, refs)
	if r.Format == CSV {
		return writeCSV(w, PlanColumns, planRecords(p, amended, withDuties, leading, refs))
	}
	plans, err := r.Store.Documents(ctx, regnet.DocumentFilter{Province: p.Province, Kind: regnet.KindKeHoach})
	if err != nil {
		return fmt.Errorf("report plan: list the plans of %s: %w", p.Province, err)
	}
	return writeOut(w, planMarkdown(p, amended, withDuties, leading, refs, plans))
}

// inDocumentOrder returns a copy of p whose overdue actions are ordered by
// due date, then as they stand in their plan: ids order "dòng 10" before
// "dòng 2", which a reader holding the plan would not expect.
func inDocumentOrder(p *regnet.PlanReport, refs *refs) *regnet.PlanReport {
	out := *p
	out.Overdue = slices.Clone(p.Overdue)
	line := func(a *regnet.PlanAction) int {
		if pr := refs.provisions[a.Provision]; pr != nil {
			return pr.Line
		}
		return 0
	}
	sort.SliceStable(out.Overdue, func(i, j int) bool {
		x, y := out.Overdue[i], out.Overdue[j]
		if ex, ey := x.Deadline.End(), y.Deadline.End(); ex != ey {
			return ex < ey
		}
		if x.Document != y.Document {
			return x.Document < y.Document
		}
		return line(x) < line(y)
	})
	return &out
}

// countAt returns the i-th count, or a zero count for a report built
// without them.
func countAt(counts []*regnet.AgencyCount, i int) *regnet.AgencyCount {
	if i < len(counts) && counts[i] != nil {
		return counts[i]
	}
	return &regnet.AgencyCount{}
}

// amendedLabel says what an amended document is, or that it was not read;
// short shortens its title for a Markdown cell.
func amendedLabel(number string, amended map[string]*regnet.Document, short bool) string {
	d := amended[number]
	if d == nil {
		return number + ": not among the documents read"
	}
	title := strings.Join(strings.Fields(d.Title), " ")
	if short {
		title = excerpt(title)
	}
	s := number + ": " + title
	if d.Issued != nil {
		s += " (" + d.Status + ", " + *d.Issued + ")"
	} else {
		s += " (" + d.Status + ")"
	}
	return s
}

func (r *refs) leadKinds(ids []string) string {
	kinds := make([]string, len(ids))
	for i, id := range ids {
		kinds[i] = r.agencyKind(id)
	}
	return strings.Join(kinds, "; ")
}

func planRecords(p *regnet.PlanReport, amended map[string]*regnet.Document, withDuties, leading []agencyEvidence, refs *refs) [][]string {
	var out [][]string
	action := func(section string, a *regnet.PlanAction, detail string) []string {
		doc, path := refs.cite(a.Provision)
		return []string{section, p.Province, p.AsOf, refs.leadKinds(a.Leads), refs.agencyNames(a.Leads),
			strings.Join(strings.Fields(a.Text), " "), a.Deadline.Raw, a.Deadline.End(), strings.Join(a.Amends, "; "),
			doc, path, a.Provision, detail}
	}
	for _, a := range p.Amending {
		var details []string
		for _, n := range a.Amends {
			details = append(details, amendedLabel(n, amended, false))
		}
		out = append(out, action(SectionAmending, a, strings.Join(details, "; ")))
	}
	for _, a := range p.Overdue {
		out = append(out, action(SectionOverdue, a, ""))
	}
	agency := func(section string, e agencyEvidence, unit string) []string {
		doc, path := "", ""
		if e.Provision != "" {
			doc, path = refs.cite(e.Provision)
		}
		return []string{section, p.Province, p.AsOf, e.agency.Kind, e.agency.Name, "", "", "", "",
			doc, path, e.Provision, fmt.Sprintf("%d %s", e.Count, unit)}
	}
	for _, e := range withDuties {
		out = append(out, agency(SectionDutiesWithoutActions, e, "duties"))
	}
	for _, e := range leading {
		out = append(out, agency(SectionLeadsWithoutDuties, e, "plan actions led"))
	}
	return out
}

func planMarkdown(p *regnet.PlanReport, amended map[string]*regnet.Document, withDuties, leading []agencyEvidence, refs *refs, plans []*regnet.Document) *strings.Builder {
	var b strings.Builder
	fmt.Fprintf(&b, "# Plan tracking: %s, as of %s\n\n", p.Province, p.AsOf)
	fmt.Fprintf(&b, "What the plans (kế hoạch) of %s ask for and by when, checked against its quy chế: "+
		"actions that amend a document, actions whose deadline has passed, and agencies that appear in one but not the other. "+
		"Every action gives the plan and the row or section it is written in.\n\n", p.Province)
	b.WriteString("Plans read:\n\n")
	writeDocuments(&b, plans)
	b.WriteString("\n")
	table(&b, []string{"Actions amending a document", "Deadline passed by " + p.AsOf, "Agencies with duties but no action", "Plan leads without duties"},
		[][]string{{strconv.Itoa(len(p.Amending)), strconv.Itoa(len(p.Overdue)), strconv.Itoa(len(withDuties)), strconv.Itoa(len(leading))}})

	b.WriteString("\n## Actions that amend a document\n\n")
	b.WriteString("Each row is a plan action that asks for a document to be amended (\"sửa đổi, bổ sung\"), " +
		"with the document it names.\n\n")
	var md [][]string
	for _, a := range p.Amending {
		var docs []string
		for _, n := range a.Amends {
			docs = append(docs, amendedLabel(n, amended, true))
		}
		md = append(md, []string{excerpt(a.Text), dueLabel(a.Deadline), dash(refs.agencyLabels(a.Leads)), strings.Join(docs, "; "), refs.ref(a.Provision)})
	}
	writeTableOrNone(&b, []string{"Action", "Deadline", "Lead", "Amends", "Provision"}, md, "No plan action amends a document.")

	fmt.Fprintf(&b, "\n## OVERDUE: deadline passed by %s\n\n", p.AsOf)
	fmt.Fprintf(&b, "Each row is an action with a dated deadline whose last day is before %s. "+
		"A deadline with only a month (\"02/2026\") is due at the end of that month, one with only a year on 31 December. "+
		"The documents do not say whether an action was done; ongoing (\"Thường xuyên\"), periodic and conditional actions are never listed.\n\n", p.AsOf)
	md = nil
	for _, a := range p.Overdue {
		md = append(md, []string{a.Deadline.End(), a.Deadline.Raw, excerpt(a.Text), dash(refs.agencyLabels(a.Leads)), refs.ref(a.Provision)})
	}
	writeTableOrNone(&b, []string{"Due by", "Deadline as written", "Action", "Lead", "Provision"}, md, "No dated deadline has passed.")

	b.WriteString("\n## Agencies with duties in the quy chế but no plan action\n\n")
	b.WriteString("Each row is an agency the quy chế gives duties to that no plan names as lead or co-ordinator, " +
		"with the number of its duties and the first of them.\n\n")
	md = nil
	for _, e := range withDuties {
		md = append(md, []string{e.agency.Name, e.agency.Kind, strconv.Itoa(e.Count), dash(refs.ref(e.Provision))})
	}
	writeTableOrNone(&b, []string{"Agency", "Kind", "Duties", "First duty"}, md, "Every agency with duties has a plan action.")

	b.WriteString("\n## Plan leads without duties in the quy chế\n\n")
	b.WriteString("Each row is an agency that leads plan actions but has no duty in the quy chế, " +
		"with the number of actions it leads and the first of them.\n\n")
	md = nil
	for _, e := range leading {
		md = append(md, []string{e.agency.Name, e.agency.Kind, strconv.Itoa(e.Count), dash(refs.ref(e.Provision))})
	}
	writeTableOrNone(&b, []string{"Agency", "Kind", "Actions led", "First action"}, md, "Every plan lead has duties in the quy chế.")
	return &b
}

// dueLabel shows a deadline as written with the last day it allows.
func dueLabel(d regnet.Deadline) string {
	if end := d.End(); end != "" && end != d.Raw {
		return d.Raw + " (due by " + end + ")"
	}
	return dash(d.Raw)
}

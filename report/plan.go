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
//   - section_name, agency_kind_name: the names of the codes in the
//     report's language, from regnet.Labels
//
// The column names and codes are the same in every language; detail and
// the _name columns are in the report's language.
var PlanColumns = []string{
	"section", "province", "as_of", "agency_kind", "agency", "action", "deadline", "due_by", "amends",
	"document", "provision", "provision_id", "detail", "section_name", "agency_kind_name",
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
	refs, err := lookup(ctx, r.Store, r.words(), provIDs, agencyIDs)
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
func (w words) amendedLabel(number string, amended map[string]*regnet.Document, short bool) string {
	d := amended[number]
	if d == nil {
		return w.t("report.notRead", number)
	}
	title := strings.Join(strings.Fields(d.Title), " ")
	if short {
		title = excerpt(title)
	}
	s := number + ": " + title
	status := w.name(regnet.Labels.Statuses, d.Status)
	if d.Issued != nil {
		s += " (" + status + ", " + *d.Issued + ")"
	} else {
		s += " (" + status + ")"
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
			details = append(details, refs.amendedLabel(n, amended, false))
		}
		out = append(out, action(SectionAmending, a, strings.Join(details, "; ")))
	}
	for _, a := range p.Overdue {
		out = append(out, action(SectionOverdue, a, ""))
	}
	agency := func(section string, e agencyEvidence, detail string) []string {
		doc, path := "", ""
		if e.Provision != "" {
			doc, path = refs.cite(e.Provision)
		}
		return []string{section, p.Province, p.AsOf, e.agency.Kind, e.agency.Name, "", "", "", "",
			doc, path, e.Provision, refs.t(detail, e.Count)}
	}
	for _, e := range withDuties {
		out = append(out, agency(SectionDutiesWithoutActions, e, "report.plan.duties"))
	}
	for _, e := range leading {
		out = append(out, agency(SectionLeadsWithoutDuties, e, "report.plan.actionsLed"))
	}
	for i, rec := range out {
		out[i] = append(rec, refs.status("report.section.", rec[0], p.AsOf), refs.kindNames(strings.Split(rec[3], "; ")))
	}
	return out
}

func planMarkdown(p *regnet.PlanReport, amended map[string]*regnet.Document, withDuties, leading []agencyEvidence, refs *refs, plans []*regnet.Document) *strings.Builder {
	var b strings.Builder
	w := refs.words
	fmt.Fprintf(&b, "# %s\n\n", w.t("report.plan.title", p.Province, p.AsOf))
	b.WriteString(w.t("report.plan.intro", p.Province) + "\n\n")
	b.WriteString(w.t("report.plansRead") + "\n\n")
	w.writeDocuments(&b, plans)
	b.WriteString("\n")
	table(&b, []string{w.t("report.plan.amendingCount"), w.t("report.plan.overdueCount", p.AsOf), w.t("report.plan.withDutiesCount"), w.t("report.plan.leadsCount")},
		[][]string{{strconv.Itoa(len(p.Amending)), strconv.Itoa(len(p.Overdue)), strconv.Itoa(len(withDuties)), strconv.Itoa(len(leading))}})
	heading := func(section string) {
		fmt.Fprintf(&b, "\n## %s (%s)\n\n", w.status("report.section.", section, p.AsOf), section)
	}
	action, lead, provision := w.t("report.col.action"), w.t("report.col.lead"), w.t("report.col.provision")

	heading(SectionAmending)
	b.WriteString(w.t("report.plan.amendingIntro") + "\n\n")
	var md [][]string
	for _, a := range p.Amending {
		var docs []string
		for _, n := range a.Amends {
			docs = append(docs, w.amendedLabel(n, amended, true))
		}
		md = append(md, []string{excerpt(a.Text), w.dueLabel(a.Deadline), dash(refs.agencyLabels(a.Leads)), strings.Join(docs, "; "), refs.ref(a.Provision)})
	}
	writeTableOrNone(&b, []string{action, w.t("report.col.deadline"), lead, w.t("report.col.amends"), provision}, md, w.t("report.plan.amendingNone"))

	heading(SectionOverdue)
	b.WriteString(w.t("report.plan.overdueIntro", p.AsOf) + "\n\n")
	md = nil
	for _, a := range p.Overdue {
		md = append(md, []string{a.Deadline.End(), a.Deadline.Raw, excerpt(a.Text), dash(refs.agencyLabels(a.Leads)), refs.ref(a.Provision)})
	}
	writeTableOrNone(&b, []string{w.t("report.col.dueBy"), w.t("report.col.deadlineRaw"), action, lead, provision}, md, w.t("report.plan.overdueNone"))

	heading(SectionDutiesWithoutActions)
	b.WriteString(w.t("report.plan.withDutiesIntro") + "\n\n")
	md = nil
	for _, e := range withDuties {
		md = append(md, []string{e.agency.Name, w.kind(e.agency.Kind), strconv.Itoa(e.Count), dash(refs.ref(e.Provision))})
	}
	writeTableOrNone(&b, []string{w.t("report.col.agency"), w.t("report.col.kind"), w.t("report.col.duties"), w.t("report.col.firstDuty")}, md,
		w.t("report.plan.withDutiesNone"))

	heading(SectionLeadsWithoutDuties)
	b.WriteString(w.t("report.plan.leadsIntro") + "\n\n")
	md = nil
	for _, e := range leading {
		md = append(md, []string{e.agency.Name, w.kind(e.agency.Kind), strconv.Itoa(e.Count), dash(refs.ref(e.Provision))})
	}
	writeTableOrNone(&b, []string{w.t("report.col.agency"), w.t("report.col.kind"), w.t("report.col.actionsLed"), w.t("report.col.firstAction")}, md,
		w.t("report.plan.leadsNone"))
	return &b
}

// dueLabel shows a deadline as written with the last day it allows.
func (w words) dueLabel(d regnet.Deadline) string {
	if end := d.End(); end != "" && end != d.Raw {
		return w.t("report.dueBy", d.Raw, end)
	}
	return dash(d.Raw)
}

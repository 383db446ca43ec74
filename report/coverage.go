package report

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/regnet/regnet"
)

// CoverageColumns are the columns of the coverage CSV, one row per fact:
//
//   - province: the province the report is for
//   - field, field_name: the field code and its Vietnamese name
//   - area, area_name: the area code and name; empty when the duties name no area
//   - status: OVERLAP (more than one lead), GAP (no lead) or SINGLE (one lead)
//   - agency_kind, agency: the agency of the duty on this row
//   - role: LEAD for SINGLE and OVERLAP rows; for GAP rows the role the
//     duty does give (COORDINATE, SUPPORT …); empty when none is known
//   - document, provision: the document number (or label of an unnumbered
//     draft) and the provision path that states the duty
//   - provision_id: regnet's id of the provision, for joining with the API
//   - text: the duty's wording
//   - field_led_elsewhere: for GAP rows, the agencies that lead the same
//     field in another area (or naming no area), "; "-separated, so that a
//     gap in one area can be told from a field nobody leads
//   - evidence: the words that gave the duty its role and this row's field
//     and area ("LEAD ← «Chủ trì»; FOOD_SAFETY ← «an toàn thực phẩm»"), so
//     that a drafter sees why the duty is read so; empty when the duty
//     carries none
//   - status_name, agency_kind_name, role_name: the names of the codes in
//     the report's language, from regnet.Labels
//
// The column names and the codes are the same in every language, so that
// a spreadsheet or a script reads both; field_name, area_name and the
// _name columns are in the report's language.
var CoverageColumns = []string{
	"province", "field", "field_name", "area", "area_name", "status",
	"agency_kind", "agency", "role", "document", "provision", "provision_id", "text",
	"field_led_elsewhere", "evidence", "status_name", "agency_kind_name", "role_name",
}

// Coverage statuses in the CSV.
const (
	StatusOverlap = "OVERLAP"
	StatusGap     = "GAP"
	StatusSingle  = "SINGLE"
)

// coverageFact is one row of a coverage report: a lead duty of a row, or a
// non-lead duty that touches a gap.
type coverageFact struct {
	row    *regnet.LeadCoverageRow
	status string
	duty   *regnet.Duty // nil for a gap no duty could be found for
}

// Coverage writes the lead coverage of a province (regnet.LeadCoverage's
// rows). For gaps it also lists the duties that touch the field without
// leading it, so that a drafter sees where the field is mentioned.
func (r Renderer) Coverage(ctx context.Context, w io.Writer, province string, rows []*regnet.LeadCoverageRow) error {
	if err := r.check(); err != nil {
		return err
	}
	duties, err := r.Store.Duties(ctx, regnet.DutyFilter{Province: province})
	if err != nil {
		return fmt.Errorf("report coverage: list the duties of %s: %w", province, err)
	}
	var facts []coverageFact
	var provIDs, agencyIDs []string
	for _, row := range rows {
		status := coverageStatus(row)
		list := row.Duties
		if row.Gap {
			list = touching(duties, fieldCode(row.Field), areaCode(row.Area))
		}
		if len(list) == 0 {
			facts = append(facts, coverageFact{row: row, status: status})
		}
		for _, d := range list {
			facts = append(facts, coverageFact{row: row, status: status, duty: d})
			provIDs = append(provIDs, d.Provision)
			agencyIDs = append(agencyIDs, d.Agency)
		}
	}
	refs, err := lookup(ctx, r.Store, r.words(), provIDs, agencyIDs)
	if err != nil {
		return fmt.Errorf("report coverage: %w", err)
	}
	elsewhere := ledElsewhere(rows, refs.words)
	if r.Format == CSV {
		return writeCSV(w, CoverageColumns, coverageRecords(province, facts, elsewhere, refs))
	}
	docs, err := provinceDocuments(ctx, r.Store, province)
	if err != nil {
		return fmt.Errorf("report coverage: %w", err)
	}
	return writeOut(w, coverageMarkdown(province, rows, facts, elsewhere, refs, docs))
}

// evidence is the words behind the fact: the duty's role and the row's
// field and area.
func (f coverageFact) evidence() string {
	if f.duty == nil {
		return ""
	}
	return evidenceLine(f.duty, func(e regnet.Evidence) bool {
		switch e.Tag {
		case regnet.EvidenceRole:
			return true
		case regnet.EvidenceField:
			return e.Value == fieldCode(f.row.Field)
		case regnet.EvidenceArea:
			return e.Value == areaCode(f.row.Area)
		}
		return false
	})
}

func coverageStatus(row *regnet.LeadCoverageRow) string {
	switch {
	case row.Overlap:
		return StatusOverlap
	case row.Gap:
		return StatusGap
	}
	return StatusSingle
}

// touching returns the duties that put a field in an area the way
// regnet.LeadCoverage groups them: a duty naming no area counts for the
// row without an area.
func touching(duties []*regnet.Duty, field, area string) []*regnet.Duty {
	var out []*regnet.Duty
	for _, d := range duties {
		if !slices.Contains(d.Fields, field) {
			continue
		}
		if (area == "" && len(d.Areas) == 0) || (area != "" && slices.Contains(d.Areas, area)) {
			out = append(out, d)
		}
	}
	return out
}

// ledElsewhere returns, for each gap row, who leads its field in the other
// rows: "Sở Công Thương ((không nêu địa bàn)); Thuế tỉnh (INLAND)".
func ledElsewhere(rows []*regnet.LeadCoverageRow, w words) map[*regnet.LeadCoverageRow]string {
	out := map[*regnet.LeadCoverageRow]string{}
	for _, gap := range rows {
		if !gap.Gap {
			continue
		}
		var leads []string
		for _, row := range rows {
			if row == gap || row.Gap || fieldCode(row.Field) != fieldCode(gap.Field) {
				continue
			}
			where := areaCode(row.Area)
			if where == "" {
				where = w.t("report.noArea")
			}
			for _, a := range row.Leads {
				if l := a.Name + " (" + where + ")"; !slices.Contains(leads, l) {
					leads = append(leads, l)
				}
			}
		}
		out[gap] = strings.Join(leads, "; ")
	}
	return out
}

func coverageRecords(province string, facts []coverageFact, elsewhere map[*regnet.LeadCoverageRow]string, refs *refs) [][]string {
	out := make([][]string, 0, len(facts))
	for _, f := range facts {
		rec := []string{province, fieldCode(f.row.Field), refs.fieldName(f.row.Field), areaCode(f.row.Area), refs.areaName(f.row.Area), f.status}
		kind, role := "", ""
		if f.duty == nil {
			rec = append(rec, "", "", "", "", "", "", "")
		} else {
			doc, path := refs.cite(f.duty.Provision)
			kind, role = refs.agencyKind(f.duty.Agency), f.duty.Role
			rec = append(rec, kind, refs.agencyName(f.duty.Agency), role,
				doc, path, f.duty.Provision, strings.Join(strings.Fields(f.duty.Text), " "))
		}
		rec = append(rec, elsewhere[f.row], f.evidence(), refs.status("report.status.", f.status))
		if kind != "" {
			kind = refs.name(regnet.Labels.Kinds, kind)
		}
		if role != "" {
			role = refs.name(regnet.Labels.Roles, role)
		}
		out = append(out, append(rec, kind, role))
	}
	return out
}

func coverageMarkdown(province string, rows []*regnet.LeadCoverageRow, facts []coverageFact, elsewhere map[*regnet.LeadCoverageRow]string,
	refs *refs, docs []*regnet.Document) *strings.Builder {
	var b strings.Builder
	w := refs.words
	count := map[string]int{}
	for _, row := range rows {
		count[coverageStatus(row)]++
	}
	fmt.Fprintf(&b, "# %s\n\n", w.t("report.coverage.title", province))
	b.WriteString(w.t("report.coverage.intro") + "\n\n")
	b.WriteString(w.t("report.documentsRead") + "\n\n")
	w.writeDocuments(&b, docs)
	b.WriteString("\n")
	table(&b, []string{w.t("report.coverage.pairs"), w.t("report.coverage.overlaps"), w.t("report.coverage.gaps"), w.t("report.coverage.single")},
		[][]string{{strconv.Itoa(len(rows)), strconv.Itoa(count[StatusOverlap]), strconv.Itoa(count[StatusGap]), strconv.Itoa(count[StatusSingle])}})

	section := func(status string) []coverageFact {
		fmt.Fprintf(&b, "\n## %s (%s)\n\n", w.status("report.status.", status), status)
		var out []coverageFact
		for _, f := range facts {
			if f.status == status && (f.duty != nil || status == StatusGap) {
				out = append(out, f) // a lead always has a duty; kept safe for partial stores
			}
		}
		return out
	}
	field, area, provision := w.t("report.col.field"), w.t("report.col.area"), w.t("report.col.provision")
	wording, why := w.t("report.col.wording"), w.t("report.col.why")

	overlaps := section(StatusOverlap)
	b.WriteString(w.t("report.coverage.overlapIntro") + "\n\n")
	var md [][]string
	for _, f := range overlaps {
		md = append(md, []string{w.field(f.row.Field), w.area(f.row.Area), refs.agencyLabel(f.duty.Agency), refs.ref(f.duty.Provision),
			excerpt(f.duty.Text), dash(f.evidence())})
	}
	writeTableOrNone(&b, []string{field, area, w.t("report.col.lead"), provision, wording, why}, md, w.t("report.coverage.overlapNone"))

	gaps := section(StatusGap)
	b.WriteString(w.t("report.coverage.gapIntro") + "\n\n")
	md = nil
	for _, f := range gaps {
		if f.duty == nil {
			md = append(md, []string{w.field(f.row.Field), w.area(f.row.Area), "—", "—", "—", "—", "—", dash(elsewhere[f.row])})
			continue
		}
		md = append(md, []string{w.field(f.row.Field), w.area(f.row.Area), refs.agencyLabel(f.duty.Agency),
			w.role(f.duty.Role), refs.ref(f.duty.Provision), excerpt(f.duty.Text), dash(f.evidence()), dash(elsewhere[f.row])})
	}
	writeTableOrNone(&b, []string{field, area, w.t("report.col.mentionedBy"), w.t("report.col.role"), provision, wording, why,
		w.t("report.col.ledElsewhere")}, md, w.t("report.coverage.gapNone"))

	singles := section(StatusSingle)
	b.WriteString(w.t("report.coverage.singleIntro") + "\n\n")
	md = nil
	for _, f := range singles {
		md = append(md, []string{w.field(f.row.Field), w.area(f.row.Area), refs.agencyLabel(f.duty.Agency), refs.ref(f.duty.Provision),
			dash(f.evidence())})
	}
	writeTableOrNone(&b, []string{field, area, w.t("report.col.lead"), provision, why}, md, w.t("report.noneRow"))
	return &b
}

// writeTableOrNone writes a table, or a sentence when it would be empty.
func writeTableOrNone(b *strings.Builder, header []string, rows [][]string, none string) {
	if len(rows) == 0 {
		b.WriteString(none + "\n")
		return
	}
	table(b, header, rows)
}

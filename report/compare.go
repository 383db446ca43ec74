package report

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/regnet/regnet"
)

// CompareColumns are the columns of the comparison CSV, one row per
// difference:
//
//   - difference: KIND_ONLY_IN (an agency kind present in one province
//     only), HANDOFF_ONLY_IN (a handoff rule one province has and the other
//     lacks) or ROLE_DIFFERS (an agency kind leads a field in one province
//     and not in the other)
//   - province_a, province_b: the two provinces, in the order asked
//   - only_in: for KIND_ONLY_IN and HANDOFF_ONLY_IN, the province that has it
//   - agency_kind, agency: the kind and the agency names (for a handoff,
//     the agency that starts it)
//   - field, field_name: for ROLE_DIFFERS, the field
//   - role_a, role_b: for ROLE_DIFFERS, the kind's strongest role in the
//     field in each province; empty when it has no duty in that field there
//   - document_a, provision_a, document_b, provision_b: where each side says
//     it (for KIND_ONLY_IN, the first duty or handoff of the kind)
//   - detail: counts for KIND_ONLY_IN; areas, actions and recipients for
//     HANDOFF_ONLY_IN
//   - difference_name, agency_kind_name, role_a_name, role_b_name: the
//     names of the codes in the report's language, from regnet.Labels
//
// The column names and codes are the same in every language; field_name,
// detail and the _name columns are in the report's language.
var CompareColumns = []string{
	"difference", "province_a", "province_b", "only_in", "agency_kind", "agency", "field", "field_name",
	"role_a", "role_b", "document_a", "provision_a", "document_b", "provision_b", "detail",
	"difference_name", "agency_kind_name", "role_a_name", "role_b_name",
}

// Comparison differences in the CSV.
const (
	DiffKindOnlyIn    = "KIND_ONLY_IN"
	DiffHandoffOnlyIn = "HANDOFF_ONLY_IN"
	DiffRoleDiffers   = "ROLE_DIFFERS"
)

// Compare writes a comparison of two provinces (regnet.CompareProvinces's
// result), with the provisions on each side.
func (r Renderer) Compare(ctx context.Context, w io.Writer, c *regnet.Comparison) error {
	if err := r.check(); err != nil {
		return err
	}
	var provIDs, agencyIDs []string
	for _, p := range c.Presence {
		provIDs = append(provIDs, p.Provision)
		agencyIDs = append(agencyIDs, p.Agencies...)
	}
	for _, h := range append(append([]*regnet.Handoff{}, c.HandoffsOnlyInA...), c.HandoffsOnlyInB...) {
		provIDs = append(provIDs, h.Provision)
		agencyIDs = append(agencyIDs, h.From)
		agencyIDs = append(agencyIDs, h.Notifies...)
		agencyIDs = append(agencyIDs, h.TransfersTo...)
	}
	for _, rd := range c.RoleDifferences {
		if rd.ProvisionA != nil {
			provIDs = append(provIDs, rd.ProvisionA.ID)
		}
		if rd.ProvisionB != nil {
			provIDs = append(provIDs, rd.ProvisionB.ID)
		}
	}
	refs, err := lookup(ctx, r.Store, r.words(), provIDs, agencyIDs)
	if err != nil {
		return fmt.Errorf("report compare: %w", err)
	}
	if err := refs.lookupAreas(ctx, r.Store, append(append([]*regnet.Handoff{}, c.HandoffsOnlyInA...), c.HandoffsOnlyInB...)); err != nil {
		return fmt.Errorf("report compare: %w", err)
	}
	if r.Format == CSV {
		return writeCSV(w, CompareColumns, compareRecords(c, refs))
	}
	docsA, err := provinceDocuments(ctx, r.Store, c.A)
	if err != nil {
		return fmt.Errorf("report compare: %w", err)
	}
	docsB, err := provinceDocuments(ctx, r.Store, c.B)
	if err != nil {
		return fmt.Errorf("report compare: %w", err)
	}
	return writeOut(w, compareMarkdown(c, refs, docsA, docsB))
}

func (r *refs) agencyNames(ids []string) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = r.agencyName(id)
	}
	return strings.Join(names, "; ")
}

func (r *refs) agencyLabels(ids []string) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = r.agencyLabel(id)
	}
	return strings.Join(names, "; ")
}

// lookupAreas fetches the ontology's entries for the areas the handoffs
// name, so that the report shows them by name.
func (r *refs) lookupAreas(ctx context.Context, s regnet.Store, handoffs []*regnet.Handoff) error {
	var codes []string
	for _, h := range handoffs {
		codes = append(codes, h.Leaving...)
		codes = append(codes, h.Entering...)
	}
	codes = nonEmpty(codes)
	if len(codes) == 0 {
		return nil
	}
	list, err := s.Areas(ctx, codes)
	if err != nil {
		return fmt.Errorf("look up areas: %w", err)
	}
	r.areas = make(map[string]*regnet.Area, len(list))
	for _, a := range list {
		r.areas[a.Code] = a
	}
	return nil
}

// areaList joins areas by name with their codes; an area the ontology does
// not know is shown by its code.
func (r *refs) areaList(codes []string) string {
	out := make([]string, len(codes))
	for i, c := range codes {
		if a := r.areas[c]; a != nil {
			out[i] = r.area(a)
		} else {
			out[i] = c
		}
	}
	return strings.Join(out, ", ")
}

// handoffDetail describes a handoff rule in one line for the CSV.
func handoffDetail(h *regnet.Handoff, refs *refs) string {
	var parts []string
	add := func(label, value string) {
		if value != "" {
			parts = append(parts, label+": "+value)
		}
	}
	add(refs.t("report.col.leaving"), refs.areaList(h.Leaving))
	add(refs.t("report.col.entering"), refs.areaList(h.Entering))
	add(refs.t("report.col.actions"), refs.actions(h.Actions))
	add(refs.t("report.col.notifies"), refs.agencyNames(h.Notifies))
	add(refs.t("report.col.transfersTo"), refs.agencyNames(h.TransfersTo))
	add(refs.t("report.col.condition"), h.Condition)
	return strings.Join(parts, " | ")
}

func presenceDetail(p *regnet.KindPresence, w words) string {
	return w.t("report.compare.presence", p.Duties, p.Handoffs)
}

func compareRecords(c *regnet.Comparison, refs *refs) [][]string {
	var out [][]string
	// sided puts a citation on the side of the province that has the fact.
	sided := func(province, provision string) (docA, provA, docB, provB string) {
		doc, path := refs.cite(provision)
		if provision == "" {
			doc, path = "", ""
		}
		if province == c.A {
			return doc, path, "", ""
		}
		return "", "", doc, path
	}
	for _, p := range c.Presence {
		docA, provA, docB, provB := sided(p.Province, p.Provision)
		out = append(out, []string{DiffKindOnlyIn, c.A, c.B, p.Province, p.Kind, refs.agencyNames(p.Agencies), "", "",
			"", "", docA, provA, docB, provB, presenceDetail(p, refs.words)})
	}
	for _, side := range []struct {
		province string
		handoffs []*regnet.Handoff
	}{{c.A, c.HandoffsOnlyInA}, {c.B, c.HandoffsOnlyInB}} {
		for _, h := range side.handoffs {
			docA, provA, docB, provB := sided(side.province, h.Provision)
			out = append(out, []string{DiffHandoffOnlyIn, c.A, c.B, side.province, refs.agencyKind(h.From), refs.agencyName(h.From), "", "",
				"", "", docA, provA, docB, provB, handoffDetail(h, refs)})
		}
	}
	for _, rd := range c.RoleDifferences {
		rec := []string{DiffRoleDiffers, c.A, c.B, "", rd.Kind, "", fieldCode(rd.Field), refs.fieldName(rd.Field), deref(rd.RoleInA), deref(rd.RoleInB)}
		docA, provA := citeProvision(rd.ProvisionA, refs)
		docB, provB := citeProvision(rd.ProvisionB, refs)
		out = append(out, append(rec, docA, provA, docB, provB, ""))
	}
	for i, rec := range out {
		roleName := func(code string) string {
			if code == "" {
				return ""
			}
			return refs.name(regnet.Labels.Roles, code)
		}
		out[i] = append(rec, refs.status("report.diff.", rec[0]), refs.name(regnet.Labels.Kinds, rec[4]), roleName(rec[8]), roleName(rec[9]))
	}
	return out
}

func citeProvision(p *regnet.Provision, refs *refs) (doc, path string) {
	if p == nil {
		return "", ""
	}
	return refs.cite(p.ID)
}

func refProvision(p *regnet.Provision, refs *refs) string {
	if p == nil {
		return ""
	}
	return refs.ref(p.ID)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func compareMarkdown(c *regnet.Comparison, refs *refs, docsA, docsB []*regnet.Document) *strings.Builder {
	var b strings.Builder
	w := refs.words
	fmt.Fprintf(&b, "# %s\n\n", w.t("report.compare.title", c.A, c.B))
	b.WriteString(w.t("report.compare.intro", c.A, c.B) + "\n\n")
	b.WriteString(w.t("report.documentsReadFor", c.A) + "\n\n")
	w.writeDocuments(&b, docsA)
	b.WriteString("\n" + w.t("report.documentsReadFor", c.B) + "\n\n")
	w.writeDocuments(&b, docsB)
	b.WriteString("\n")
	table(&b, []string{w.t("report.compare.kindsOnlyIn", c.A), w.t("report.compare.onlyIn", c.B), w.t("report.compare.handoffsOnlyIn", c.A),
		w.t("report.compare.onlyIn", c.B), w.t("report.compare.rolesDiffer")},
		[][]string{{strconv.Itoa(len(c.AgencyKindsOnlyInA)), strconv.Itoa(len(c.AgencyKindsOnlyInB)),
			strconv.Itoa(len(c.HandoffsOnlyInA)), strconv.Itoa(len(c.HandoffsOnlyInB)), strconv.Itoa(len(c.RoleDifferences))}})

	fmt.Fprintf(&b, "\n## %s\n\n", w.t("report.compare.kindsTitle"))
	b.WriteString(w.t("report.compare.kindsIntro") + "\n\n")
	var md [][]string
	for _, p := range c.Presence {
		md = append(md, []string{w.kind(p.Kind), p.Province, dash(refs.agencyNames(p.Agencies)), strconv.Itoa(p.Duties), strconv.Itoa(p.Handoffs), dash(refs.ref(p.Provision))})
	}
	writeTableOrNone(&b, []string{w.t("report.col.kind"), w.t("report.col.onlyIn"), w.t("report.col.agency"), w.t("report.col.duties"),
		w.t("report.col.handoffs"), w.t("report.col.firstProvision")}, md, w.t("report.compare.kindsNone"))

	fmt.Fprintf(&b, "\n## %s\n\n", w.t("report.compare.handoffsTitle"))
	b.WriteString(w.t("report.compare.handoffsIntro") + "\n\n")
	md = nil
	for _, side := range []struct {
		province string
		handoffs []*regnet.Handoff
	}{{c.A, c.HandoffsOnlyInA}, {c.B, c.HandoffsOnlyInB}} {
		for _, h := range side.handoffs {
			md = append(md, []string{side.province, refs.agencyLabel(h.From), dash(refs.areaList(h.Leaving)), dash(refs.areaList(h.Entering)),
				refs.actions(h.Actions), dash(refs.agencyNames(h.Notifies)), dash(refs.agencyNames(h.TransfersTo)), refs.ref(h.Provision)})
		}
	}
	writeTableOrNone(&b, []string{w.t("report.col.onlyIn"), w.t("report.col.startedBy"), w.t("report.col.leaving"), w.t("report.col.entering"),
		w.t("report.col.actions"), w.t("report.col.notifies"), w.t("report.col.transfersTo"), w.t("report.col.provision")}, md,
		w.t("report.compare.handoffsNone"))

	fmt.Fprintf(&b, "\n## %s\n\n", w.t("report.compare.rolesDiffer"))
	b.WriteString(w.t("report.compare.rolesIntro") + "\n\n")
	md = nil
	for _, rd := range c.RoleDifferences {
		md = append(md, []string{w.kind(rd.Kind), w.field(rd.Field), dash(w.role(deref(rd.RoleInA))), dash(refProvision(rd.ProvisionA, refs)),
			dash(w.role(deref(rd.RoleInB))), dash(refProvision(rd.ProvisionB, refs))})
	}
	writeTableOrNone(&b, []string{w.t("report.col.kind"), w.t("report.col.field"), w.t("report.col.roleIn", c.A), w.t("report.col.provisionIn", c.A),
		w.t("report.col.roleIn", c.B), w.t("report.col.provisionIn", c.B)}, md, w.t("report.compare.rolesNone"))
	return &b
}

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
var CompareColumns = []string{
	"difference", "province_a", "province_b", "only_in", "agency_kind", "agency", "field", "field_name",
	"role_a", "role_b", "document_a", "provision_a", "document_b", "provision_b", "detail",
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
	refs, err := lookup(ctx, r.Store, provIDs, agencyIDs)
	if err != nil {
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

// handoffDetail describes a handoff rule in one line for the CSV.
func handoffDetail(h *regnet.Handoff, refs *refs) string {
	var parts []string
	add := func(label, value string) {
		if value != "" {
			parts = append(parts, label+": "+value)
		}
	}
	add("leaving", joinCodes(h.Leaving))
	add("entering", joinCodes(h.Entering))
	add("actions", joinCodes(h.Actions))
	add("notifies", refs.agencyNames(h.Notifies))
	add("transfers to", refs.agencyNames(h.TransfersTo))
	add("condition", h.Condition)
	return strings.Join(parts, " | ")
}

func presenceDetail(p *regnet.KindPresence) string {
	return fmt.Sprintf("%d duties, %d handoff rules", p.Duties, p.Handoffs)
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
			"", "", docA, provA, docB, provB, presenceDetail(p)})
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
		rec := []string{DiffRoleDiffers, c.A, c.B, "", rd.Kind, "", fieldCode(rd.Field), fieldName(rd.Field), deref(rd.RoleInA), deref(rd.RoleInB)}
		docA, provA := citeProvision(rd.ProvisionA, refs)
		docB, provB := citeProvision(rd.ProvisionB, refs)
		out = append(out, append(rec, docA, provA, docB, provB, ""))
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
	fmt.Fprintf(&b, "# Province comparison: %s and %s\n\n", c.A, c.B)
	fmt.Fprintf(&b, "What the documents of %s have that those of %s lack or word differently, and the reverse, "+
		"aligned by agency kind (Chi cục Hải quan khu vực VI and VII are both CUSTOMS) and field. "+
		"Every fact gives the document and the provision to check it against.\n\n", c.A, c.B)
	fmt.Fprintf(&b, "Documents read for %s:\n\n", c.A)
	writeDocuments(&b, docsA)
	fmt.Fprintf(&b, "\nDocuments read for %s:\n\n", c.B)
	writeDocuments(&b, docsB)
	b.WriteString("\n")
	table(&b, []string{"Agency kinds only in " + c.A, "only in " + c.B, "Handoff rules only in " + c.A, "only in " + c.B, "Lead roles that differ"},
		[][]string{{strconv.Itoa(len(c.AgencyKindsOnlyInA)), strconv.Itoa(len(c.AgencyKindsOnlyInB)),
			strconv.Itoa(len(c.HandoffsOnlyInA)), strconv.Itoa(len(c.HandoffsOnlyInB)), strconv.Itoa(len(c.RoleDifferences))}})

	b.WriteString("\n## Agency kinds present in only one province\n\n")
	b.WriteString("A kind is present when an agency of that kind has a duty, or starts, is notified by or takes over a handoff rule, " +
		"in the province's documents. Being a recipient of the document (\"Nơi nhận\") does not count. " +
		"The provision is the first that gives the kind a duty (or a handoff).\n\n")
	var md [][]string
	for _, p := range c.Presence {
		md = append(md, []string{p.Kind, p.Province, dash(refs.agencyNames(p.Agencies)), strconv.Itoa(p.Duties), strconv.Itoa(p.Handoffs), dash(refs.ref(p.Provision))})
	}
	writeTableOrNone(&b, []string{"Agency kind", "Only in", "Agency", "Duties", "Handoff rules", "First provision"}, md,
		"Both provinces have the same agency kinds.")

	b.WriteString("\n## Handoff rules in only one province\n\n")
	b.WriteString("A handoff rule says what an agency does when goods or vehicles cross from one area into another " +
		"(pursue, notify, hand the case over). Rules are matched across provinces by the kind of agency that starts them " +
		"and the areas left and entered; each row is a rule with no match in the other province.\n\n")
	md = nil
	for _, side := range []struct {
		province string
		handoffs []*regnet.Handoff
	}{{c.A, c.HandoffsOnlyInA}, {c.B, c.HandoffsOnlyInB}} {
		for _, h := range side.handoffs {
			md = append(md, []string{side.province, refs.agencyLabel(h.From), dash(joinCodes(h.Leaving)), dash(joinCodes(h.Entering)),
				joinCodes(h.Actions), dash(refs.agencyNames(h.Notifies)), dash(refs.agencyNames(h.TransfersTo)), refs.ref(h.Provision)})
		}
	}
	writeTableOrNone(&b, []string{"Only in", "Started by", "Leaving", "Entering", "Actions", "Notifies", "Transfers to", "Provision"}, md,
		"Every handoff rule has a match in the other province.")

	b.WriteString("\n## Lead roles that differ\n\n")
	b.WriteString("Each row is an agency kind that leads a field in one province but not in the other, with its strongest role on each side " +
		"(LEAD before DIRECT, COORDINATE, SUPPORT, GUIDE, ADVISE, PROPAGANDA, PERFORM). " +
		"\"—\" means the kind has no duty in that field there.\n\n")
	md = nil
	for _, rd := range c.RoleDifferences {
		md = append(md, []string{rd.Kind, fieldLabel(rd.Field), dash(roleLabel(deref(rd.RoleInA))), dash(refProvision(rd.ProvisionA, refs)),
			dash(roleLabel(deref(rd.RoleInB))), dash(refProvision(rd.ProvisionB, refs))})
	}
	writeTableOrNone(&b, []string{"Agency kind", "Field", "Role in " + c.A, "Provision in " + c.A, "Role in " + c.B, "Provision in " + c.B}, md,
		"No agency kind leads a field in one province and not in the other.")
	return &b
}

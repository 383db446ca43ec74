package report

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/regnet/regnet"
)

// DocumentColumns are the columns of the version comparison CSV, one row
// per slot the two documents fill differently:
//
//   - change: ADDED (only b fills the slot), REMOVED (only a) or CHANGED
//     (both, with another strongest role)
//   - document_a, document_b: the two documents, in the order asked
//   - agency_kind, field, area: the slot; field and area empty where the
//     statements name none
//   - agency_a, role_a, provision_a, text_a, statements_a: a's strongest
//     statement in the slot (provision_a: its path in document_a), and how
//     many of a's statements fill it; empty for ADDED
//   - agency_b, role_b, provision_b, text_b, statements_b: the same for b;
//     empty for REMOVED
//   - change_name, agency_kind_name, role_a_name, role_b_name: the names of
//     the codes in the report's language, from regnet.Labels
//
// The column names and codes are the same in every language.
var DocumentColumns = []string{
	"change", "document_a", "document_b", "agency_kind", "field", "area",
	"agency_a", "role_a", "provision_a", "text_a", "statements_a",
	"agency_b", "role_b", "provision_b", "text_b", "statements_b",
	"change_name", "agency_kind_name", "role_a_name", "role_b_name",
}

// CompareDocuments writes what document b changes from document a
// (regnet.CompareDocuments's result), with the provision on each side.
func (r Renderer) CompareDocuments(ctx context.Context, w io.Writer, c *regnet.DocumentComparison) error {
	if err := r.check(); err != nil {
		return err
	}
	var provIDs, agencyIDs []string
	for _, list := range [][]*regnet.StatementChange{c.Added, c.Removed, c.Changed} {
		for _, ch := range list {
			for _, st := range []*regnet.Statement{ch.A, ch.B} {
				if st != nil && st.Provision != nil {
					provIDs = append(provIDs, st.Provision.ID)
				}
				if st != nil {
					agencyIDs = append(agencyIDs, st.Agency)
				}
			}
		}
	}
	refs, err := lookup(ctx, r.Store, r.words(), provIDs, agencyIDs)
	if err != nil {
		return fmt.Errorf("report compare-documents: %w", err)
	}
	if r.Format == CSV {
		return writeCSV(w, DocumentColumns, documentRecords(c, refs))
	}
	return writeOut(w, documentsMarkdown(c, refs))
}

// statementCells are one side of a row: agency, role, provision, words and
// count; all empty for the side without a statement.
func statementCells(st *regnet.Statement, refs *refs, short bool) []string {
	if st == nil {
		return []string{"", "", "", "", ""}
	}
	where, text := "", st.Text
	if st.Provision != nil {
		_, where = refs.cite(st.Provision.ID) // the document has its own column
	}
	if short {
		text = excerpt(text)
	}
	return []string{refs.agencyName(st.Agency), st.Role, where, text, strconv.Itoa(st.Of)}
}

// roleCell is a side's role with its agency: "Chủ trì (LEAD), Sở Y tế".
func (w words) roleCell(cells []string) string {
	if cells[1] == "" {
		return "—"
	}
	return w.role(cells[1]) + ", " + cells[0]
}

// roleName is a role's name for a CSV name column; empty for no role.
func roleName(w words, code string) string {
	if code == "" {
		return ""
	}
	return w.name(regnet.Labels.Roles, code)
}

func documentRecords(c *regnet.DocumentComparison, refs *refs) [][]string {
	var out [][]string
	for _, list := range [][]*regnet.StatementChange{c.Added, c.Removed, c.Changed} {
		for _, ch := range list {
			row := []string{ch.Change, refs.docLabel(c.A), refs.docLabel(c.B), ch.Kind, fieldCode(ch.Field), areaCode(ch.Area)}
			sa, sb := statementCells(ch.A, refs, false), statementCells(ch.B, refs, false)
			row = append(append(row, sa...), sb...)
			out = append(out, append(row, refs.status("change.", ch.Change), refs.name(regnet.Labels.Kinds, ch.Kind),
				roleName(refs.words, sa[1]), roleName(refs.words, sb[1])))
		}
	}
	return out
}

func documentsMarkdown(c *regnet.DocumentComparison, refs *refs) *strings.Builder {
	var b strings.Builder
	w := refs.words
	a, z := w.docLabel(c.A), w.docLabel(c.B)
	fmt.Fprintf(&b, "# %s\n\n", w.t("report.docs.title", z, a))
	b.WriteString(w.t("report.docs.intro") + "\n\n")
	w.writeDocuments(&b, []*regnet.Document{c.A, c.B})
	b.WriteString("\n")
	table(&b, []string{w.t("change.ADDED"), w.t("change.REMOVED"), w.t("change.CHANGED"), w.t("report.docs.same")}, [][]string{{
		strconv.Itoa(len(c.Added)), strconv.Itoa(len(c.Removed)), strconv.Itoa(len(c.Changed)), strconv.Itoa(c.Same),
	}})
	for _, sec := range []struct {
		change, in, none string
		list             []*regnet.StatementChange
	}{
		{"ADDED", z, w.t("report.docs.addedNone"), c.Added},
		{"REMOVED", a, w.t("report.docs.removedNone"), c.Removed},
		{"CHANGED", "", w.t("report.docs.changedNone"), c.Changed},
	} {
		fmt.Fprintf(&b, "\n## %s (%s): %s\n\n", w.t("change."+sec.change), sec.change, w.t("report.docs."+sec.change, sec.in))
		var rows [][]string
		for _, ch := range sec.list {
			sa, sb := statementCells(ch.A, refs, true), statementCells(ch.B, refs, true)
			rows = append(rows, []string{w.kind(ch.Kind), dash(w.field(ch.Field)), dash(w.area(ch.Area)),
				w.roleCell(sa), dash(sa[2]), dash(sa[3]), w.roleCell(sb), dash(sb[2]), dash(sb[3])})
		}
		where, words := w.t("report.col.where"), w.t("report.col.words")
		writeTableOrNone(&b, []string{w.t("report.col.kind"), w.t("report.col.field"), w.t("report.col.area"), w.t("report.col.roleIn", a), where, words,
			w.t("report.col.roleIn", z), where, words}, rows, sec.none)
	}
	return &b
}

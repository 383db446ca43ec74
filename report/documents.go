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
var DocumentColumns = []string{
	"change", "document_a", "document_b", "agency_kind", "field", "area",
	"agency_a", "role_a", "provision_a", "text_a", "statements_a",
	"agency_b", "role_b", "provision_b", "text_b", "statements_b",
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
	refs, err := lookup(ctx, r.Store, provIDs, agencyIDs)
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

// roleCell is a side's role with its agency: "LEAD (Sở Y tế)".
func roleCell(cells []string) string {
	if cells[1] == "" {
		return "—"
	}
	return cells[1] + " (" + cells[0] + ")"
}

func documentRecords(c *regnet.DocumentComparison, refs *refs) [][]string {
	var out [][]string
	for _, list := range [][]*regnet.StatementChange{c.Added, c.Removed, c.Changed} {
		for _, ch := range list {
			row := []string{ch.Change, docLabel(c.A), docLabel(c.B), ch.Kind, fieldCode(ch.Field), areaCode(ch.Area)}
			row = append(row, statementCells(ch.A, refs, false)...)
			out = append(out, append(row, statementCells(ch.B, refs, false)...))
		}
	}
	return out
}

func documentsMarkdown(c *regnet.DocumentComparison, refs *refs) *strings.Builder {
	var b strings.Builder
	a, z := docLabel(c.A), docLabel(c.B)
	fmt.Fprintf(&b, "# What %s changes from %s\n\n", z, a)
	b.WriteString("The statements of the two documents aligned by agency kind, field and area (a slot). " +
		"In each slot the strongest role on each side is compared: a slot only one document fills is added or removed, " +
		"a slot whose strongest role differs is changed. A plan action names no field: its lead fills its agency kind's slot " +
		"as LEAD, its coordinators as COORDINATE. Every statement gives the provision to check it against.\n\n")
	writeDocuments(&b, []*regnet.Document{c.A, c.B})
	b.WriteString("\n")
	table(&b, []string{"Added", "Removed", "Changed", "Unchanged"}, [][]string{{
		strconv.Itoa(len(c.Added)), strconv.Itoa(len(c.Removed)), strconv.Itoa(len(c.Changed)), strconv.Itoa(c.Same),
	}})
	for _, sec := range []struct {
		title, none string
		list        []*regnet.StatementChange
	}{
		{"## ADDED: only in " + z, "Nothing is added.", c.Added},
		{"## REMOVED: only in " + a, "Nothing is removed.", c.Removed},
		{"## CHANGED: another strongest role", "No role changes.", c.Changed},
	} {
		b.WriteString("\n" + sec.title + "\n\n")
		var rows [][]string
		for _, ch := range sec.list {
			sa, sb := statementCells(ch.A, refs, true), statementCells(ch.B, refs, true)
			rows = append(rows, []string{ch.Kind, dash(fieldLabel(ch.Field)), dash(areaLabel(ch.Area)),
				roleCell(sa), dash(sa[2]), dash(sa[3]), roleCell(sb), dash(sb[2]), dash(sb[3])})
		}
		writeTableOrNone(&b, []string{"Agency kind", "Field", "Area", "Role in " + a, "Where", "Words",
			"Role in " + z, "Where", "Words"}, rows, sec.none)
	}
	return &b
}

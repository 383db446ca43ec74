package regnet

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
)

// What a new version changes. Two documents of one kind (a draft and the
// quy chế it would replace, a plan and the next one, two provinces' quy chế)
// never share provision numbers or agency ids, so their statements are
// aligned by what they are about: the holder's agency kind, the field and
// the area. For each such slot the strongest role on either side decides:
// a slot only one side fills is added or removed, a slot whose strongest
// role differs (a lead become a partner) is changed. Each entry carries the
// statement on both sides, with its provision, so that it can be checked.
//
// A duty fills one slot per field and area it names (none: the empty
// field or area). A plan action names no field: its lead fills the slot of
// its kind as LEAD, each coordinator as COORDINATE, so that two plans are
// compared by which agencies have tasks and which lead them.

// Statement changes.
const (
	ChangeAdded   = "ADDED"
	ChangeRemoved = "REMOVED"
	ChangeChanged = "CHANGED"
)

// DocumentComparison is what document B says that document A does not, what
// A says that B no longer does, and where they give an agency kind another
// role, each slot once, ordered by agency kind, field and area.
type DocumentComparison struct {
	A       *Document          `json:"a"`
	B       *Document          `json:"b"`
	Added   []*StatementChange `json:"added"`
	Removed []*StatementChange `json:"removed"`
	Changed []*StatementChange `json:"changed"`
	// Same counts the slots both documents fill with the same strongest role.
	Same int `json:"same"`
}

// StatementChange is one slot (agency kind, field, area) that the two
// documents fill differently: the strongest statement on each side, nil on
// the side that has none.
type StatementChange struct {
	Change string     `json:"change"`
	Kind   string     `json:"kind"`  // agency kind
	Field  *Field     `json:"field"` // nil: the statements name no field
	Area   *Area      `json:"area"`  // nil: the statements name no area
	A      *Statement `json:"a"`
	B      *Statement `json:"b"`
}

// Statement is one side of a StatementChange: the agency, its role, the
// words and the provision that says so.
type Statement struct {
	Agency    string     `json:"agency"` // agency id
	Role      string     `json:"role"`
	Text      string     `json:"text"`
	Provision *Provision `json:"provision"`
	// Of counts the statements of the document that fill the slot.
	Of int `json:"of"`
}

// slot is what two documents' statements are aligned on.
type slot struct{ kind, field, area string }

// sideStatement is a statement before its provision is fetched.
type sideStatement struct {
	agency, role, text, provision string
	of                            int
}

// maxDocumentRef bounds a document id or number given to FindDocument: the
// longest real ones are under 100 bytes.
const maxDocumentRef = 200

// FindDocument returns the document with id ref or, failing that, with
// number ref (matched by NumberKey): how a command line or a client names
// a document. Unknown: ENOTFOUND.
func FindDocument(ctx context.Context, s Store, ref string) (*Document, error) {
	if len(ref) > maxDocumentRef {
		return nil, Errorf(EINVALID, "a document id or number is at most %d bytes long, not %d", maxDocumentRef, len(ref))
	}
	for _, f := range []DocumentFilter{{IDs: []string{ref}}, {Numbers: []string{ref}}} {
		list, err := s.Documents(ctx, f)
		if err != nil {
			return nil, fmt.Errorf("find document %q: %w", ref, err)
		}
		if len(list) > 0 {
			return list[0], nil
		}
	}
	return nil, Errorf(ENOTFOUND, "unknown document %q: give its id (doc:…) or its number", ref)
}

// CompareDocuments compares document b with document a (ids), which must be
// of one kind: what b adds, removes and changes.
func CompareDocuments(ctx context.Context, s Store, a, b string) (*DocumentComparison, error) {
	da, err := FindDocument(ctx, s, a)
	if err != nil {
		return nil, err
	}
	db, err := FindDocument(ctx, s, b)
	if err != nil {
		return nil, err
	}
	if da.Kind != db.Kind {
		return nil, Errorf(EINVALID, "%s is a %s and %s a %s: only documents of one kind are compared", a, da.Kind, b, db.Kind)
	}
	sa, err := documentStatements(ctx, s, da)
	if err != nil {
		return nil, err
	}
	sb, err := documentStatements(ctx, s, db)
	if err != nil {
		return nil, err
	}
	fields, areas, err := termsByCode(ctx, s)
	if err != nil {
		return nil, err
	}
	c := &DocumentComparison{A: da, B: db, Added: []*StatementChange{}, Removed: []*StatementChange{}, Changed: []*StatementChange{}}
	slots := map[slot]bool{}
	for k := range sa {
		slots[k] = true
	}
	for k := range sb {
		slots[k] = true
	}
	var provIDs []string
	type pending struct {
		ch   *StatementChange
		a, b *sideStatement
	}
	var all []pending
	for k := range slots {
		x, y := sa[k], sb[k]
		ch := &StatementChange{Kind: k.kind, Field: fields[k.field], Area: areas[k.area]}
		if ch.Field == nil && k.field != "" {
			ch.Field = &Field{Code: k.field, Name: k.field}
		}
		switch {
		case x == nil:
			ch.Change = ChangeAdded
		case y == nil:
			ch.Change = ChangeRemoved
		case x.role != y.role:
			ch.Change = ChangeChanged
		default:
			c.Same++
			continue
		}
		for _, st := range []*sideStatement{x, y} {
			if st != nil {
				provIDs = append(provIDs, st.provision)
			}
		}
		all = append(all, pending{ch, x, y})
	}
	provs, err := provisionsByID(ctx, s, provIDs)
	if err != nil {
		return nil, err
	}
	side := func(st *sideStatement) *Statement {
		if st == nil {
			return nil
		}
		return &Statement{Agency: st.agency, Role: st.role, Text: st.text, Provision: provs[st.provision], Of: st.of}
	}
	for _, p := range all {
		p.ch.A, p.ch.B = side(p.a), side(p.b)
		switch p.ch.Change {
		case ChangeAdded:
			c.Added = append(c.Added, p.ch)
		case ChangeRemoved:
			c.Removed = append(c.Removed, p.ch)
		default:
			c.Changed = append(c.Changed, p.ch)
		}
	}
	for _, list := range [][]*StatementChange{c.Added, c.Removed, c.Changed} {
		slices.SortFunc(list, func(x, y *StatementChange) int {
			return cmp.Or(cmp.Compare(x.Kind, y.Kind), cmp.Compare(fieldCodeOf(x.Field), fieldCodeOf(y.Field)),
				cmp.Compare(areaCode(x.Area), areaCode(y.Area)))
		})
	}
	return c, nil
}

func fieldCodeOf(f *Field) string {
	if f == nil {
		return ""
	}
	return f.Code
}

// documentStatements returns, for every slot a document's duties and plan
// actions fill, the statement with the strongest role (then the smallest
// provision id), with how many statements fill it.
func documentStatements(ctx context.Context, s Store, d *Document) (map[slot]*sideStatement, error) {
	duties, err := s.Duties(ctx, DutyFilter{Province: d.Province})
	if err != nil {
		return nil, fmt.Errorf("duties of %s: %w", d.ID, err)
	}
	duties = slices.DeleteFunc(duties, func(x *Duty) bool { return DocumentOf(x.Provision) != d.ID })
	actions, err := s.PlanActions(ctx, PlanActionFilter{Documents: []string{d.ID}})
	if err != nil {
		return nil, fmt.Errorf("plan actions of %s: %w", d.ID, err)
	}
	var ids []string
	for _, x := range duties {
		ids = append(ids, x.Agency)
	}
	for _, a := range actions {
		ids = append(ids, a.Leads...)
		ids = append(ids, a.Coordinators...)
	}
	kinds := map[string]string{}
	if len(ids) > 0 {
		list, err := s.Agencies(ctx, AgencyFilter{IDs: ids})
		if err != nil {
			return nil, fmt.Errorf("agencies of %s: %w", d.ID, err)
		}
		for _, a := range list {
			kinds[a.ID] = a.Kind
		}
	}
	out := map[slot]*sideStatement{}
	add := func(k slot, st sideStatement) {
		if k.kind == "" {
			return
		}
		cur := out[k]
		if cur == nil {
			st.of = 1
			out[k] = &st
			return
		}
		st.of = cur.of + 1
		if r, q := roleRank[st.role], roleRank[cur.role]; r < q || (r == q && st.provision < cur.provision) {
			*cur = st
		} else {
			cur.of = st.of
		}
	}
	for _, x := range duties {
		fields, areas := x.Fields, x.Areas
		if len(fields) == 0 {
			fields = []string{""}
		}
		if len(areas) == 0 {
			areas = []string{""}
		}
		for _, f := range fields {
			for _, a := range areas {
				add(slot{kinds[x.Agency], f, a}, sideStatement{agency: x.Agency, role: x.Role, text: x.Text, provision: x.Provision})
			}
		}
	}
	for _, a := range actions {
		text := strings.TrimSpace(a.Text)
		for _, id := range a.Leads {
			add(slot{kind: kinds[id]}, sideStatement{agency: id, role: RoleLead, text: text, provision: a.Provision})
		}
		for _, id := range a.Coordinators {
			add(slot{kind: kinds[id]}, sideStatement{agency: id, role: RoleCoordinate, text: text, provision: a.Provision})
		}
	}
	return out, nil
}

package regnet

import (
	"cmp"
	"context"
	"fmt"
	"sort"
	"strings"
)

// roleRank orders roles from strongest to weakest, for comparisons.
var roleRank = map[string]int{
	RoleLead: 0, RoleDirect: 1, RoleCoordinate: 2, RoleSupport: 3, RoleGuide: 4,
	RoleAdvise: 5, RolePropaganda: 6, RolePerform: 7,
}

// provinceFacts is what a comparison needs of one province.
type provinceFacts struct {
	agencies map[string]*Agency
	kinds    map[string]bool // kinds present: with a duty or a handoff
	handoffs map[string]*Handoff
	roles    map[[2]string]*Duty // (kind, field) -> duty with the strongest role
	presence map[string]*presence
}

// presence gathers a kind's KindPresence while the facts are read.
type presence struct {
	KindPresence
	agencies                      map[string]bool
	dutyProv, fromProv, namedProv string
}

func (f *provinceFacts) presenceOf(kind string) *presence {
	p := f.presence[kind]
	if p == nil {
		p = &presence{KindPresence: KindPresence{Kind: kind}, agencies: map[string]bool{}}
		f.presence[kind] = p
	}
	return p
}

// evidence returns the KindPresence of each of kinds in province.
func (f *provinceFacts) evidence(province string, kinds []string) []*KindPresence {
	out := make([]*KindPresence, 0, len(kinds))
	for _, k := range kinds {
		p := f.presenceOf(k)
		kp := p.KindPresence
		kp.Province = province
		kp.Agencies = make([]string, 0, len(p.agencies))
		for id := range p.agencies {
			kp.Agencies = append(kp.Agencies, id)
		}
		sort.Strings(kp.Agencies)
		kp.Provision = cmp.Or(p.dutyProv, p.fromProv, p.namedProv)
		out = append(out, &kp)
	}
	return out
}

func readProvinceFacts(ctx context.Context, s Store, province string) (*provinceFacts, error) {
	agencies, duties, handoffs, err := provinceRules(ctx, s, province)
	if err != nil {
		return nil, err
	}
	f := &provinceFacts{agencies: agencies, kinds: map[string]bool{}, handoffs: map[string]*Handoff{}, roles: map[[2]string]*Duty{},
		presence: map[string]*presence{}}
	kindOf := func(id string) string {
		if a := agencies[id]; a != nil {
			return a.Kind
		}
		return ""
	}
	for _, d := range duties {
		k := kindOf(d.Agency)
		if k == "" {
			continue
		}
		f.kinds[k] = true
		p := f.presenceOf(k)
		p.Duties++
		p.agencies[d.Agency] = true
		if p.dutyProv == "" {
			p.dutyProv = d.Provision
		}
		for _, field := range d.Fields {
			key := [2]string{k, field}
			if cur := f.roles[key]; cur == nil || roleRank[d.Role] < roleRank[cur.Role] ||
				(roleRank[d.Role] == roleRank[cur.Role] && d.Provision < cur.Provision) {
				f.roles[key] = d
			}
		}
	}
	for _, h := range handoffs {
		counted := map[string]bool{}
		for i, id := range append(append([]string{h.From}, h.Notifies...), h.TransfersTo...) {
			k := kindOf(id)
			if k == "" {
				continue
			}
			f.kinds[k] = true
			p := f.presenceOf(k)
			p.agencies[id] = true
			if !counted[k] {
				counted[k] = true
				p.Handoffs++
			}
			if i == 0 && p.fromProv == "" {
				p.fromProv = h.Provision
			} else if i > 0 && p.namedProv == "" {
				p.namedProv = h.Provision
			}
		}
		key := handoffKey(kindOf(h.From), h)
		if cur := f.handoffs[key]; cur == nil || h.ID < cur.ID {
			f.handoffs[key] = h
		}
	}
	return f, nil
}

// handoffKey identifies a handoff rule across provinces: who starts it and
// which areas it is about.
func handoffKey(kind string, h *Handoff) string {
	l := append([]string{}, h.Leaving...)
	e := append([]string{}, h.Entering...)
	sort.Strings(l)
	sort.Strings(e)
	return fmt.Sprintf("%s|%s|%s", kind, strings.Join(l, ","), strings.Join(e, ","))
}

// CompareProvinces compares province a with province b. On a TimeView (see
// AsOf) it compares the facts in force on the view's date, and InForce
// lists the two provinces' documents in force then.
func CompareProvinces(ctx context.Context, s Store, a, b string) (*Comparison, error) {
	fa, err := readProvinceFacts(ctx, s, a)
	if err != nil {
		return nil, err
	}
	fb, err := readProvinceFacts(ctx, s, b)
	if err != nil {
		return nil, err
	}
	fields, _, err := termsByCode(ctx, s)
	if err != nil {
		return nil, err
	}
	c := &Comparison{A: a, B: b, AgencyKindsOnlyInA: onlyIn(fa.kinds, fb.kinds), AgencyKindsOnlyInB: onlyIn(fb.kinds, fa.kinds),
		HandoffsOnlyInA: []*Handoff{}, HandoffsOnlyInB: []*Handoff{}, RoleDifferences: []*RoleDifference{}}
	c.Presence = append(fa.evidence(a, c.AgencyKindsOnlyInA), fb.evidence(b, c.AgencyKindsOnlyInB)...)
	for key, h := range fa.handoffs {
		if fb.handoffs[key] == nil {
			c.HandoffsOnlyInA = append(c.HandoffsOnlyInA, h)
		}
	}
	for key, h := range fb.handoffs {
		if fa.handoffs[key] == nil {
			c.HandoffsOnlyInB = append(c.HandoffsOnlyInB, h)
		}
	}
	sortHandoffs(c.HandoffsOnlyInA)
	sortHandoffs(c.HandoffsOnlyInB)

	keys := map[[2]string]bool{}
	for k := range fa.roles {
		keys[k] = true
	}
	for k := range fb.roles {
		keys[k] = true
	}
	var provIDs []string
	for k := range keys {
		da, db := fa.roles[k], fb.roles[k]
		ra, rb := roleOf(da), roleOf(db)
		if ra == rb || (ra != RoleLead && rb != RoleLead) {
			continue // only differences where one side leads
		}
		field := fields[k[1]]
		if field == nil {
			field = &Field{Code: k[1], Name: k[1]}
		}
		rd := &RoleDifference{Kind: k[0], Field: field}
		if da != nil {
			rd.RoleInA = &da.Role
			provIDs = append(provIDs, da.Provision)
		}
		if db != nil {
			rd.RoleInB = &db.Role
			provIDs = append(provIDs, db.Provision)
		}
		c.RoleDifferences = append(c.RoleDifferences, rd)
	}
	provs, err := provisionsByID(ctx, s, provIDs)
	if err != nil {
		return nil, err
	}
	for _, rd := range c.RoleDifferences {
		key := [2]string{rd.Kind, rd.Field.Code}
		if d := fa.roles[key]; d != nil {
			rd.ProvisionA = provs[d.Provision]
		}
		if d := fb.roles[key]; d != nil {
			rd.ProvisionB = provs[d.Provision]
		}
	}
	sort.Slice(c.RoleDifferences, func(i, j int) bool {
		x, y := c.RoleDifferences[i], c.RoleDifferences[j]
		if x.Kind != y.Kind {
			return x.Kind < y.Kind
		}
		return x.Field.Code < y.Field.Code
	})
	if v, ok := s.(*TimeView); ok {
		c.InForce = v.DocumentsOf(a, b)
	}
	return c, nil
}

func roleOf(d *Duty) string {
	if d == nil {
		return ""
	}
	return d.Role
}

func onlyIn(a, b map[string]bool) []string {
	out := []string{}
	for k := range a {
		if !b[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func sortHandoffs(list []*Handoff) {
	sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
}

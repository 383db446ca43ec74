package loader

import (
	"slices"
	"strings"

	"github.com/regnet/regnet"
)

// The duties step reads the chapter on responsibilities of a quy chế: which
// agency holds which duty, with what role, in which fields and areas, with
// which partners. One duty per điểm; a khoản without điểm is one duty; an
// article without khoản is one duty.

// responsibilityArticles returns the articles that assign duties: those of
// the chapter whose heading speaks of responsibilities ("TRÁCH NHIỆM …"), or,
// when no chapter does, every regulation article whose heading names an
// agency.
func (p *docParser) responsibilityArticles(r *regulation) []*node {
	for _, ch := range r.chapters {
		if !strings.Contains(regnet.Fold(ch.prov.Heading), "trach nhiem") {
			continue
		}
		// The run of articles that assign duties to named agencies. It ends
		// at the first article that does not, for a chapter heading can be
		// missing ("Chương II" followed by "Chương IV").
		var out []*node
		for _, c := range childrenAt(ch, 1) {
			if !p.assignsDuties(c) {
				if len(out) > 0 {
					break
				}
				continue
			}
			out = append(out, c)
		}
		return out
	}
	var out []*node
	for _, a := range r.articles {
		if a.prov.Part == regnet.PartRegulation && p.assignsDuties(a) {
			out = append(out, a)
		}
	}
	return out
}

// assignsDuties reports whether an article names the agencies it gives
// duties to: in its heading, or in the headings of its khoản.
func (p *docParser) assignsDuties(a *node) bool {
	if _, ok := p.ont.parseHeading(a.prov.Heading); ok {
		return true
	}
	clauses := childrenAt(a, 2)
	named := 0
	for _, c := range clauses {
		if _, ok := p.ont.parseHeading(c.prov.Heading); ok && c.prov.Heading != "" {
			named++
		}
	}
	return len(clauses) > 0 && named*2 > len(clauses)
}

// readDuties turns the responsibility articles into duties.
func (p *docParser) readDuties(r *regulation) {
	p.own = p.ownUnits(p.responsibilityArticles(r))
	for _, art := range p.responsibilityArticles(r) {
		var owner *regnet.Agency
		var joint []*regnet.Agency
		if hp, ok := p.ont.parseHeading(art.prov.Heading); ok {
			owner, joint = p.headingAgencies(hp)
		}
		clauses := childrenAt(art, 2)
		if len(clauses) == 0 {
			if owner == nil {
				p.warn(art.prov.Line, "%s: no agency named for its duties", art.prov.Path)
				continue
			}
			points := childrenAt(art, 3)
			if len(points) == 0 {
				p.addDuty(owner, joint, art, art.body())
			}
			for _, pt := range points {
				p.addDuty(owner, joint, pt, pt.text())
			}
			continue
		}
		for _, cl := range clauses {
			holder, holderJoint := owner, joint
			text := cl.text()
			if cl.prov.Heading != "" {
				if hp, ok := p.ont.parseHeading(cl.prov.Heading); ok && (!hp.direct || len(childrenAt(cl, 3)) > 0) {
					holder, holderJoint = p.headingAgencies(hp)
					text = cl.body()
				}
			}
			if holder == nil {
				p.warn(cl.prov.Line, "%s: no agency named for this duty", cl.prov.Path)
				continue
			}
			points := childrenAt(cl, 3)
			if len(points) == 0 {
				if strings.TrimSpace(text) == "" {
					p.warn(cl.prov.Line, "%s names %s but states no duty", cl.prov.Path, holder.Name)
					continue
				}
				p.addDuty(holder, holderJoint, cl, text)
				continue
			}
			for _, pt := range points {
				p.addDuty(holder, holderJoint, pt, pt.text())
			}
		}
	}
}

// headingAgencies resolves a parsed heading to the holder, its joint
// holders, and records the parent the heading names.
func (p *docParser) headingAgencies(hp headingParse) (*regnet.Agency, []*regnet.Agency) {
	var holder *regnet.Agency
	var joint []*regnet.Agency
	for i, u := range hp.holders {
		a := p.agencies.get(u, p.doc.Province, hp.names[i])
		if i == 0 {
			holder = a
		} else {
			joint = append(joint, a)
		}
	}
	if hp.parent != nil && holder != nil {
		p.agencies.setParent(holder, p.agencies.get(hp.parent, p.doc.Province, ""))
	}
	return holder, joint
}

func childrenAt(n *node, level int) []*node {
	var out []*node
	for _, c := range n.children {
		if c.level == level {
			out = append(out, c)
		}
	}
	return out
}

// addDuty records one duty of holder under provision n, and the same duty
// for each joint holder.
func (p *docParser) addDuty(holder *regnet.Agency, joint []*regnet.Agency, n *node, text string) {
	text = strings.TrimSpace(text)
	if text == "" {
		p.warn(n.prov.Line, "%s: empty duty", n.prov.Path)
		return
	}
	toks := tokenize(text)
	scope := toks[:tokensBefore(toks, len(firstSentence(text)))]
	d := regnet.Duty{
		ID:        n.prov.ID + "#duty",
		Agency:    holder.ID,
		Role:      p.ont.role(text),
		Text:      text,
		Fields:    codesIn(p.ont.fields, scope),
		Areas:     codesIn(p.ont.areas, scope),
		Partners:  []string{},
		Provision: n.prov.ID,
	}
	if len(d.Fields) == 0 {
		d.Fields = codesIn(p.ont.fields, toks)
	}
	if len(d.Areas) == 0 {
		d.Areas = codesIn(p.ont.areas, toks)
	}
	for _, m := range p.ont.findAgenciesIn(text, toks) {
		if m.unit.kind.Collective {
			continue
		}
		a := p.agencies.get(p.unitOf(m), p.doc.Province, "")
		if a.ID != holder.ID && !contains(d.Partners, a.ID) {
			d.Partners = append(d.Partners, a.ID)
		}
	}
	// Agencies named together in one heading ("X; Y") share the duty: it is
	// recorded once, for the first, with the others as partners.
	shared := []string{}
	for _, j := range joint {
		shared = append(shared, j.ID)
	}
	for _, x := range d.Partners {
		if !contains(shared, x) {
			shared = append(shared, x)
		}
	}
	d.Partners = shared
	p.ds.Duties = append(p.ds.Duties, d)
	p.readHandoff(holder, n, text)
}

// tokensBefore returns how many tokens end at or before byte offset end.
func tokensBefore(toks []token, end int) int {
	n := 0
	for n < len(toks) && toks[n].end <= end {
		n++
	}
	return n
}

// firstSentence returns text up to its first full stop: the part of a duty
// that says what the duty is about, before any "Trường hợp …" rule.
func firstSentence(text string) string {
	for i := 0; i+1 < len(text); i++ {
		if text[i] == '.' && (text[i+1] == ' ' || text[i+1] == '\n') {
			return text[:i]
		}
	}
	return text
}

// role returns the duty role the text states: the earliest role cue in its
// first clause, or PERFORM.
func (o *Ontology) role(text string) string {
	clause := text
	if i := strings.IndexAny(clause, ";."); i > 0 {
		clause = clause[:i]
	}
	toks := tokenize(clause)
	lower := strings.ToLower(text)
	for _, h := range o.cues.find(toks) {
		rc := h.value.(*RoleCue)
		if notAfter(clause, toks, h.tok, rc.NotAfter) {
			continue
		}
		if len(rc.Requires) > 0 && !containsAny(lower, rc.Requires) {
			// "Phối hợp" without "khi có yêu cầu" is COORDINATE, found
			// by its own entry.
			for _, alt := range o.Roles {
				if alt.Code != rc.Code && len(alt.Requires) == 0 && containsAny(strings.ToLower(clause[h.start:h.end]), alt.Cues) {
					return alt.Code
				}
			}
			continue
		}
		return rc.Code
	}
	return regnet.RolePerform
}

// notAfter reports whether the cue at token i follows one of the words that
// make it a noun ("cơ quan chủ trì").
func notAfter(text string, toks []token, i int, words []string) bool {
	for _, w := range words {
		wt := tokenize(w)
		if i < len(wt) {
			continue
		}
		ok := true
		for j := range wt {
			if toks[i-len(wt)+j].key != wt[j].key {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// ownUnits returns, per agency kind, the unit the document's own
// responsibility headings name, where they name exactly one unit of that
// kind and it is not the kind's plain unit: a 2024 quy chế with "Trách
// nhiệm của Cục Hải quan tỉnh" means that Cục whenever it says "Hải quan"
// or "cơ quan Hải quan" elsewhere.
func (p *docParser) ownUnits(arts []*node) map[string]*Unit {
	byKind := map[string][]*Unit{}
	add := func(h string) {
		hp, ok := p.ont.parseHeading(h)
		if !ok {
			return
		}
		for _, u := range hp.holders {
			if !slices.Contains(byKind[u.kind.Code], u) {
				byKind[u.kind.Code] = append(byKind[u.kind.Code], u)
			}
		}
	}
	for _, art := range arts {
		add(art.prov.Heading)
		for _, cl := range childrenAt(art, 2) {
			if cl.prov.Heading != "" {
				add(cl.prov.Heading)
			}
		}
	}
	own := map[string]*Unit{}
	for kind, units := range byKind {
		if len(units) == 1 && units[0].Key != "" {
			own[kind] = units[0]
		}
	}
	return own
}

// unitOf is the unit a mention stands for in this document: the kind's
// plain unit ("Hải quan") is the document's own unit of that kind when its
// headings name one (see ownUnits).
func (p *docParser) unitOf(m mention) *Unit {
	if u := p.own[m.unit.kind.Code]; u != nil && m.unit.Key == "" {
		return u
	}
	return m.unit
}

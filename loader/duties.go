package loader

import (
	"slices"
	"strings"

	"github.com/regnet/regnet"
)

// The duties step finds the provisions of a quy chế that give agencies
// their duties, and the agency each is given to: one text per điểm, per
// khoản without điểm, or per article without khoản. statements.go reads each
// text into duty statements.

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

// readDuties turns the responsibility articles into duties, then the
// other articles (otherduties.go).
func (p *docParser) readDuties(r *regulation) {
	arts := p.responsibilityArticles(r)
	p.own = p.ownUnits(arts)
	done := map[*node]bool{}
	defer func() { p.readOtherDuties(r, done) }()
	for _, art := range arts {
		done[art] = true
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
				p.readStatements(owner, joint, art, art.body())
			}
			for _, pt := range points {
				p.readStatements(owner, joint, pt, pt.text())
			}
			continue
		}
		for _, cl := range clauses {
			holder, holderJoint := owner, joint
			text := cl.text()
			handed := false // "Chỉ đạo X": the heading hands its points to X
			if cl.prov.Heading != "" {
				if hp, ok := p.ont.parseHeading(cl.prov.Heading); ok && (!hp.direct || len(childrenAt(cl, 3)) > 0) {
					holder, holderJoint = p.headingAgencies(hp)
					text = cl.body()
					handed = hp.direct
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
				p.readStatements(holder, holderJoint, cl, text)
				continue
			}
			// "Sở Công Thương chủ trì, phối hợp … thực hiện các nhiệm vụ
			// sau:": the khoản's cue governs its points.
			var seed *RoleCue
			if !handed {
				seed = p.leadCue(cl.lines[0])
			}
			for _, pt := range points {
				p.readStatementsSeeded(holder, holderJoint, pt, pt.text(), seed)
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

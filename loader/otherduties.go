package loader

import (
	"regexp"
	"strings"

	"github.com/regnet/regnet"
)

// Duties are not only in the chapter on responsibilities: articles on
// principles, information sharing, meetings, reporting and monitoring, and
// the decision's own "chịu trách nhiệm thi hành" article give duties too.
// They are read by the same rules; the holder is the subject the text names
// ("Thủ trưởng các sở, ban, ngành, Chủ tịch UBND cấp xã … chịu trách nhiệm
// …", "Giao Sở Công Thương hướng dẫn …"), else the body a heading names
// ("Trách nhiệm của cơ quan, đơn vị chủ trì"), else the bodies the quy chế
// binds (ALL_DEPARTMENTS). A khoản that opens with a control cue ("Phối hợp
// trong việc trao đổi, cung cấp thông tin, cụ thể:") governs its points.

// reNoDuty matches the headings of articles that state no duty: scope,
// subjects, definitions, entry into force.
var reNoDuty = regexp.MustCompile(`(?i)^phạm vi|đối tượng áp dụng|giải thích từ ngữ|hiệu lực thi hành`)

// reObligation finds the words that make a sentence outside the
// responsibility articles an obligation: a text without them, a role cue or
// a named subject states no duty.
var reObligation = regexp.MustCompile(`(?i)\b(?:phải|có trách nhiệm|chịu trách nhiệm|không được|thực hiện|tổ chức|bảo đảm|đảm bảo|tham gia|tham dự|báo cáo)\b`)

// readOtherDuties reads the articles that are not responsibility articles.
func (p *docParser) readOtherDuties(r *regulation, done map[*node]bool) {
	all := p.ont.Kind("ALL_DEPARTMENTS")
	if all == nil || len(all.Units) == 0 {
		return
	}
	bound := p.agencies.get(all.Units[0], p.doc.Province, "")
	for _, art := range r.articles {
		if done[art] || reNoDuty.MatchString(art.prov.Heading) {
			continue
		}
		if art.prov.Part == regnet.PartDecision && !strings.Contains(strings.ToLower(art.text()), "thi hành") {
			continue // the decision's own articles: only who carries it out
		}
		holder := bound
		if h := p.headingHolder(art.prov.Heading); h != nil {
			holder = h
		}
		clauses := childrenAt(art, 2)
		if len(clauses) == 0 {
			points := childrenAt(art, 3)
			if len(points) == 0 {
				// A heading is the article's title when a body follows it,
				// and its only sentence otherwise ("Điều 9. Thủ trưởng …").
				text := strings.TrimSpace(art.body())
				if text == "" {
					text = art.prov.Heading
				}
				p.readSubjects(holder, art, text, nil)
			}
			for _, pt := range points {
				p.readSubjects(holder, pt, pt.text(), nil)
			}
			continue
		}
		for _, cl := range clauses {
			h := holder
			if x := p.headingHolder(cl.prov.Heading); x != nil {
				h = x
			}
			points := childrenAt(cl, 3)
			if len(points) == 0 {
				p.readSubjects(h, cl, cl.text(), nil)
				continue
			}
			seed := p.leadCue(cl.lines[0])
			for _, pt := range points {
				p.readSubjects(h, pt, pt.text(), seed)
			}
		}
	}
}

// headingHolder returns the body a heading gives duties to ("Trách nhiệm
// của cơ quan, đơn vị chủ trì"), or nil.
func (p *docParser) headingHolder(h string) *regnet.Agency {
	f := regnet.Fold(h)
	if !strings.HasPrefix(f, "trach nhiem") && !strings.HasPrefix(f, "nhiem vu") {
		return nil
	}
	ms := p.findAgencies(h, tokenize(h))
	if len(ms) == 0 {
		return nil
	}
	if ms[0].unit.kind.Collective {
		// "Trách nhiệm của cơ quan, đơn vị chủ trì": whichever body takes
		// that part, that is every body the quy chế binds.
		if all := p.ont.Kind("ALL_DEPARTMENTS"); all != nil && len(all.Units) > 0 {
			return p.agencies.get(all.Units[0], p.doc.Province, "")
		}
	}
	return p.agencies.get(p.unitOf(ms[0]), p.doc.Province, "")
}

// leadCue returns the control cue that heads a khoản's opening line, which
// then governs its points.
func (p *docParser) leadCue(line string) *RoleCue {
	r := p.newReading(line)
	if len(r.clauses) == 0 {
		return nil
	}
	if rc, _, _, _ := p.headCue(r, r.clauses[0], true); rc != nil && rc.Control {
		return rc
	}
	return nil
}

// readSubjects reads a text whose subjects may be named at its start: each
// subject holds the statements; without one, holder does.
func (p *docParser) readSubjects(holder *regnet.Agency, n *node, text string, seed *RoleCue) {
	subjects, rest := p.leadingSubjects(text)
	if len(subjects) == 0 && seed == nil && p.leadCue(text) == nil && !reObligation.MatchString(text) && !p.hasCue(text) {
		return // a statement of fact or principle, not a duty
	}
	if len(subjects) == 0 {
		p.readStatementsSeeded(holder, nil, n, text, seed)
		return
	}
	for _, s := range subjects {
		p.readStatementsSeeded(s, nil, n, rest, seed)
	}
}

// hasCue reports whether any clause of text is headed by a role cue.
func (p *docParser) hasCue(text string) bool {
	r := p.newReading(text)
	for _, c := range r.clauses {
		if rc, _, _, _ := p.headCue(r, c, true); rc != nil {
			return true
		}
	}
	return false
}

// leadingSubjects returns the agencies a text opens with, as the subject of
// its first verb ("Thủ trưởng các sở, ban, ngành, Chủ tịch UBND cấp xã và
// các đơn vị, tổ chức có liên quan chịu trách nhiệm …"; "Giao Sở Công
// Thương hướng dẫn …"), and the text after them. Only the words of a title
// may stand before a name ("Chánh Văn phòng UBND tỉnh").
func (p *docParser) leadingSubjects(text string) ([]*regnet.Agency, string) {
	toks := tokenize(text)
	var out []*regnet.Agency
	end, i := -1, 0
	ms := p.findAgencies(text, toks)
	for _, m := range ms {
		for i < len(toks) && toks[i].start < m.start {
			if !listConnector(toks[i].key) && !titleWords[toks[i].key] {
				return subjectsAndRest(out, text, end)
			}
			i++
		}
		a := p.agencies.get(p.unitOf(m), p.doc.Province, "")
		if !containsAgency(out, a) {
			out = append(out, a)
		}
		end = m.end
		for i < len(toks) && toks[i].start < m.end {
			i++
		}
		if i >= len(toks) {
			break
		}
		gap := text[m.end:toks[i].start]
		if strings.ContainsAny(gap, ".:") {
			break
		}
		if !strings.ContainsAny(gap, ",;") && !listConnector(toks[i].key) {
			// "Thủ trưởng các cơ quan Trung ương … đặt tại địa bàn tỉnh; Chủ
			// tịch …": subjects set apart by ";" may carry a qualifier.
			j := i
			for j < len(toks) && j < i+15 && !strings.ContainsAny(text[toks[j-1].end:toks[j].start], ";.:") {
				j++
			}
			if j >= len(toks) || j == i+15 || !strings.Contains(text[toks[j-1].end:toks[j].start], ";") || !titleWords[toks[j].key] && !startsMention(ms, toks[j].start) {
				break
			}
			i = j
		}
	}
	return subjectsAndRest(out, text, end)
}

// titleWords may stand before an agency's name in a subject: the office
// that acts for it.
var titleWords = map[string]bool{
	"giao": true, "chánh": true, "văn": true, "phòng": true, "giám": true, "đốc": true, "thủ": true,
	"trưởng": true, "chủ": true, "tịch": true, "phó": true, "ban": true, "người": true, "đứng": true, "đầu": true,
}

func startsMention(ms []mention, pos int) bool {
	for _, m := range ms {
		if m.start == pos {
			return true
		}
	}
	return false
}

func subjectsAndRest(out []*regnet.Agency, text string, end int) ([]*regnet.Agency, string) {
	if end < 0 || len(out) == 0 {
		return nil, text
	}
	rest := strings.TrimLeft(text[end:], " ,;")
	if rest == "" {
		return nil, text
	}
	return out, rest
}

func containsAgency(list []*regnet.Agency, a *regnet.Agency) bool {
	for _, x := range list {
		if x.ID == a.ID {
			return true
		}
	}
	return false
}

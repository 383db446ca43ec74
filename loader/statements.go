package loader

import (
	"regexp"
	"slices"
	"strings"

	"github.com/regnet/regnet"
)

// The statements step reads a duty text as a careful reader of the law does
// (testdata/gold/GUIDE.md is the specification): one statement per role,
// each with the fields, areas, partners and report lines of its own clauses,
// and the words that justify every tag.
//
//   - A role cue counts only at the head of a piece (after light words such
//     as "tổ chức", "kịp thời"): "công tác tuyên truyền", "Ban Chỉ đạo" and
//     "để tham mưu" state no role.
//   - A control cue (chủ trì, phối hợp, chỉ đạo) governs the clauses after
//     it that have no cue of their own, up to the end of the sentence; after
//     any other cue such a piece is PERFORM.
//   - "Chủ trì, phối hợp với X" is one LEAD with partner X; COORDINATE whose
//     help is limited to a request is SUPPORT.
//   - Fields and areas are read only from the statement's own clauses, never
//     from agency names, cited titles, goods given as examples, or an area
//     word after "qua" (a crossing) or "ngoài" (an exclusion).
//   - Partners are the agencies named after "phối hợp với", "hỗ trợ",
//     "thông báo cho" …; report receivers those after "báo cáo", "gửi về".

// statement is one duty being assembled.
type statement struct {
	holder   *regnet.Agency
	role     string
	clauses  []int // indexes into reading.clauses: its own words
	shared   []int // clauses whose fields and areas it shares (a bare cue before its object)
	evidence []regnet.Evidence
	fields   []string
	areas    []string
	partners []string
	reports  []regnet.ReportLine
	handoff  *regnet.Handoff
}

func (s *statement) addEvidence(tag, value string, ev regnet.Evidence) {
	ev.Tag, ev.Value = tag, value
	s.evidence = append(s.evidence, ev)
}

// reLeadIn finds the openings that say on what authority an agency acts;
// they carry no role ("Căn cứ chức năng, nhiệm vụ được giao phối hợp …").
const leadIn = `(?:căn cứ(?: vào)?|theo|trong phạm vi)\s+chức năng,?\s*nhiệm vụ(?:,?\s*quyền hạn)?(?:\s+(?:được giao|của mình|theo quy định(?: của pháp luật)?))?\s*,?\s*`

var (
	reLeadIn         = regexp.MustCompile(`(?i)^` + leadIn)
	reLeadInAnywhere = regexp.MustCompile(`(?i)(?:^|[;.:]\s*)(` + leadIn + `)`)
)

// reTime finds the periods and deadlines a report or meeting is given.
var reTime = regexp.MustCompile(`(?i)định kỳ\s+(?:hằng|hàng)\s+(?:ngày|tuần|tháng|quý|năm)|(?:định kỳ|hằng|hàng)\s+(?:\d+\s+)?(?:ngày|tuần|tháng|quý|năm)(?:\s+hoặc\s+đột xuất)?|định kỳ(?:\s+hoặc\s+đột xuất)?(?:\s+theo yêu cầu)?|trước ngày\s+\d{1,2}(?:\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?)?(?:\s+(?:hằng|hàng)\s+(?:tháng|quý|năm)|\s+tháng\s+(?:cuối\s+|đầu\s+)?(?:quý|năm|\d{1,2})(?:\s+(?:hằng|hàng)\s+năm)?)?|thường xuyên(?:\s+hoặc\s+đột xuất)?|đột xuất`)

// readStatements records the duties that text states for holder under
// provision n: one per role and holder.
func (p *docParser) readStatements(holder *regnet.Agency, joint []*regnet.Agency, n *node, text string) {
	p.readStatementsSeeded(holder, joint, n, text, nil)
}

// readStatementsSeeded is readStatements for a text governed from outside
// by a control cue (seed: the cue of the khoản that opens its points).
func (p *docParser) readStatementsSeeded(holder *regnet.Agency, joint []*regnet.Agency, n *node, text string, seed *RoleCue) {
	text = strings.TrimSpace(text)
	if text == "" {
		p.warn(n.prov.Line, "%s: empty duty", n.prov.Path)
		return
	}
	r := p.newReading(text)
	base := strings.Index(n.prov.Text, text)
	if base < 0 {
		base = 0
	}
	ev := func(start, end int) regnet.Evidence {
		return regnet.Evidence{
			Start: runeOffset(n.prov.Text, base+start), End: runeOffset(n.prov.Text, base+end),
			Words: text[start:end],
		}
	}
	g := p.ont.grammar

	var order []*statement
	byKey := map[string]*statement{}
	get := func(h *regnet.Agency, role string) *statement {
		k := h.ID + "/" + role
		if s := byKey[k]; s != nil {
			return s
		}
		s := &statement{holder: h, role: role}
		byKey[k] = s
		order = append(order, s)
		return s
	}

	// A handoff rule is one PERFORM statement of the agency that acts, with
	// the areas crossed and the agencies notified or handed the case.
	h, hs := p.readHandoff(holder, n, text)
	if h == nil {
		h, hs = p.readGeneralHandoff(holder, n, r)
	}
	var hst *statement
	if h != nil {
		hst = get(p.agencies.byID(h.From), regnet.RolePerform)
		hst.handoff = h
		for _, verb := range []string{"truy đuổi", "thông báo", "chuyển giao", "chuyển hồ sơ"} {
			if i := strings.Index(text[hs.start:hs.end], verb); i >= 0 {
				hst.addEvidence(regnet.EvidenceRole, regnet.RolePerform, ev(hs.start+i, hs.start+i+len(verb)))
				break
			}
		}
	}

	var seeded *statement
	if seed != nil && len(r.toks) > 0 {
		seeded = get(holder, seed.Code)
		seeded.addEvidence(regnet.EvidenceRole, seed.Code, ev(r.toks[0].start, r.toks[min(2, len(r.toks))-1].end))
	}
	var reach, gov *statement // what a clause without a cue joins (nil: PERFORM)
	var last *statement       // the statement of the clause before, in the segment
	var bare []*statement     // statements whose cue stands before the object they share
	var pending []int         // clauses opening a segment before its first cue
	sentence, segment := -1, -1
	lastBare, purpose := false, false
	flushPending := func(st *statement) {
		st.clauses = append(st.clauses, pending...)
		pending = nil
	}
	for ci, c := range r.clauses {
		if hst != nil && hs.holds(r.toks[c.from].start, r.toks[c.to-1].end) {
			hst.clauses = append(hst.clauses, ci)
			continue
		}
		segStart := c.segment != segment
		if segStart && len(pending) > 0 {
			flushPending(p.performOf(get, holder, r, pending[0], ev))
		}
		if c.sentence != sentence {
			reach = nil
			if sentence < 0 {
				reach = seeded
			}
		}
		if segStart {
			if !g.continues(r, c) {
				bare = nil
			}
			gov, last, lastBare, purpose = reach, nil, false, false
		}
		sentence, segment = c.sentence, c.segment
		rc, cs, ce, subject := p.headCue(r, c, segStart || last == nil)
		if purpose {
			rc = nil // inside "để …": a purpose clause states no duty of its own
		}
		if seeded != nil && c.segment == 0 && rc != nil {
			rc = nil // "Phối hợp trong công tác tuyên truyền, cụ thể: a) Tuyên truyền …": the khoản's cue governs
		}
		purpose = purpose || r.hasPurpose(c)
		if rc != nil && !segStart && c.afterComma && !lastBare && endsInCue(r, g, ci-1) {
			rc = nil // "công tác tuyên truyền, vận động …": one noun, not a new verb
		}
		var st *statement
		switch {
		case rc != nil:
			who := holder
			if subject != nil {
				who = subject
			}
			role := rc.Code
			if role == regnet.RoleCoordinate && lastBare && last != nil && last.role == regnet.RoleLead && c.afterComma {
				role = regnet.RoleLead // "Chủ trì, phối hợp với X": one LEAD
			}
			st = get(who, role)
			if role == rc.Code {
				st.addEvidence(regnet.EvidenceRole, role, ev(r.toks[cs].start, r.toks[ce-1].end))
			}
			if rc.Control || role != rc.Code {
				gov = st
			} else {
				gov = nil
			}
			if segStart || last == nil {
				reach = gov
			}
			if len(pending) > 0 {
				flushPending(st)
			}
		case gov != nil:
			st = gov
		case last != nil && !lastBare:
			st = last // the clause goes on with the statement before it
		case last == nil && g.onlyLight(r, c):
			st = p.performOf(get, holder, r, ci, ev) // "Tổ chức thực hiện, hướng dẫn …": a plain verb side by side
			rc, ce = &RoleCue{Code: regnet.RolePerform}, c.to
		case last == nil && (len(pending) > 0 || g.openers.at(r.toks, c.from) > 0):
			pending = append(pending, ci) // a lead-in: it joins the first cue
			for _, b := range bare {
				b.shared = append(b.shared, ci)
			}
			continue
		default:
			st = p.performOf(get, holder, r, ci, ev)
		}
		st.clauses = append(st.clauses, ci)
		for _, b := range bare {
			if b != st {
				b.shared = append(b.shared, ci)
			}
		}
		lastBare = rc != nil && ce >= c.to
		if lastBare {
			bare = append(bare, st)
		}
		last = st
	}
	if len(pending) > 0 {
		flushPending(p.performOf(get, holder, r, pending[0], ev))
	}

	for _, st := range order {
		p.readTags(r, st, ev)
		if st.role == regnet.RoleCoordinate {
			if s, e, ok := p.request(r, st); ok {
				st.role = regnet.RoleSupport
				for i := range st.evidence { // the cue now states help on request
					if st.evidence[i].Tag == regnet.EvidenceRole {
						st.evidence[i].Value = regnet.RoleSupport
					}
				}
				st.addEvidence(regnet.EvidenceRole, regnet.RoleSupport, ev(s, e))
			}
		}
	}
	p.readPartners(r, byStatementClause(r, order), ev)
	for _, st := range order {
		p.readMeetings(n, r, st)
	}
	p.addStatements(holder, joint, n, r, order)
}

// performOf returns the holder's PERFORM statement, with the first words of
// clause ci as the evidence of its role when it has none yet.
func (p *docParser) performOf(get func(*regnet.Agency, string) *statement, holder *regnet.Agency, r *reading, ci int, ev evidenceFunc) *statement {
	st := get(holder, regnet.RolePerform)
	if len(st.evidence) == 0 {
		c := r.clauses[ci]
		end := min(c.from+2, c.to)
		st.addEvidence(regnet.EvidenceRole, regnet.RolePerform, ev(r.toks[c.from].start, r.toks[end-1].end))
	}
	return st
}

// endsInCue reports whether clause ci ends with a role cue word that is
// not its head ("… làm tốt công tác tuyên truyền").
func endsInCue(r *reading, g *grammar, ci int) bool {
	if ci < 0 {
		return false
	}
	c := r.clauses[ci]
	for i := c.from + 1; i < c.to; i++ {
		if rc, n := g.cueAt(r.toks, i); rc != nil && i+n == c.to {
			return true
		}
	}
	return false
}

// byStatementClause maps every piece to the statement that holds it.
func byStatementClause(r *reading, order []*statement) []*statement {
	out := make([]*statement, len(r.clauses))
	for _, st := range order {
		for _, ci := range st.clauses {
			out[ci] = st
		}
	}
	return out
}

// headCue returns the role cue that heads piece c, its token range, and
// the subject the piece names before it ("Các hiệp hội doanh nghiệp chủ
// động phối hợp …"), if any.
func (p *docParser) headCue(r *reading, c piece, opening bool) (rc *RoleCue, start, end int, subject *regnet.Agency) {
	g := p.ont.grammar
	i := c.from
	if opening {
		if m := reLeadIn.FindStringIndex(r.text[r.toks[i].start:]); m != nil {
			i = r.tokenAfter(r.toks[c.from].start + m[1])
		}
	}
	skip := func(i int) int {
		for i < c.to {
			n := g.light.at(r.toks, i)
			if n == 0 || i+n > c.to {
				break
			}
			i += n
		}
		return i
	}
	i = skip(i)
	if i >= c.to {
		return nil, 0, 0, nil
	}
	if m, ok := r.mentionAt(i); ok && opening {
		j := skip(r.tokenAfter(m.end))
		if rc, n := g.cueAt(r.toks, j); rc != nil && j+n <= c.to && !r.inMention(j) && !g.nounAfter(r.toks, j+n) {
			return rc, j, j + n, p.agencies.get(p.unitOf(m), p.doc.Province, "")
		}
		return nil, 0, 0, nil
	}
	if r.inMention(i) || within(r.titles, r.toks[i].start, r.toks[i].end) {
		return nil, 0, 0, nil
	}
	if rc, n := g.cueAt(r.toks, i); rc != nil && i+n <= c.to && !g.nounAfter(r.toks, i+n) {
		return rc, i, i + n, nil
	}
	return nil, 0, 0, nil
}

// hasPurpose reports whether clause c opens a purpose clause ("để", "nhằm").
func (r *reading) hasPurpose(c piece) bool {
	for i := c.from; i < c.to; i++ {
		if (r.toks[i].key == "để" || r.toks[i].key == "nhằm") && !r.inMention(i) {
			return true
		}
	}
	return false
}

// onlyLight reports whether clause c holds nothing but light verbs
// ("Tổ chức thực hiện").
func (g *grammar) onlyLight(r *reading, c piece) bool {
	i := c.from
	for i < c.to {
		n := g.light.at(r.toks, i)
		if n == 0 {
			return false
		}
		i += n
	}
	return i == c.to && c.to > c.from
}

// nounAfter reports whether the word at token i makes the cue before it a
// noun: "chỉ đạo của Chính phủ" is the government's direction.
func (g *grammar) nounAfter(toks []token, i int) bool {
	return i < len(toks) && toks[i].key == "của"
}

// continues reports whether a segment only continues the object of the one
// before it: it opens with a plural noun ("các văn bản …", "những …")
// instead of a verb.
func (g *grammar) continues(r *reading, c piece) bool {
	switch r.toks[c.from].key {
	case "các", "những", "mọi":
		return true
	}
	return false
}

// request finds the words that limit a statement's help to a request
// ("khi có yêu cầu"), in its own clauses.
func (p *docParser) request(r *reading, st *statement) (start, end int, ok bool) {
	for _, ci := range st.clauses {
		c := r.clauses[ci]
		for i := c.from; i < c.to; i++ {
			if n := p.ont.grammar.requests.at(r.toks, i); n > 0 && i+n <= len(r.toks) {
				return r.toks[i].start, r.toks[i+n-1].end, true
			}
		}
	}
	return 0, 0, false
}

// addStatements turns the statements into duties. Agencies named together
// in one heading ("X; Y") share every statement: it is recorded for the
// first, with the others as partners.
func (p *docParser) addStatements(holder *regnet.Agency, joint []*regnet.Agency, n *node, r *reading, order []*statement) {
	holders := map[string]bool{}
	for _, st := range order {
		holders[st.holder.ID] = true
	}
	for _, st := range order {
		if len(st.clauses) == 0 {
			continue
		}
		id := n.prov.ID + "#duty/" + strings.ToLower(st.role)
		if (len(holders) > 1 && st.holder.ID != holder.ID) || p.dutyIDs[id] {
			id = n.prov.ID + "#duty/" + regnet.Slug(st.holder.Kind) + "/" + strings.ToLower(st.role)
		}
		if p.dutyIDs == nil {
			p.dutyIDs = map[string]bool{}
		}
		p.dutyIDs[id] = true
		partners := []string{}
		if st.holder.ID == holder.ID {
			for _, j := range joint {
				partners = append(partners, j.ID)
			}
		}
		for _, x := range st.partners {
			if !slices.Contains(partners, x) {
				partners = append(partners, x)
			}
		}
		d := regnet.Duty{
			ID: id, Agency: st.holder.ID, Role: st.role, Text: r.words(st.clauses),
			Fields: nonNil(st.fields), Areas: nonNil(st.areas), Partners: partners,
			ReportsTo: st.reports, Evidence: st.evidence, Provision: n.prov.ID,
		}
		if d.ReportsTo == nil {
			d.ReportsTo = []regnet.ReportLine{}
		}
		if d.Evidence == nil {
			d.Evidence = []regnet.Evidence{}
		}
		p.ds.Duties = append(p.ds.Duties, d)
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// words returns the text of the clauses, runs of adjacent clauses as one
// piece, pieces joined by " … ".
func (r *reading) words(clauses []int) string {
	sorted := slices.Clone(clauses)
	slices.Sort(sorted)
	var parts []string
	start, end := -1, -1
	for k, ci := range sorted {
		c := r.clauses[ci]
		if start >= 0 && k > 0 && sorted[k-1] == ci-1 {
			end = r.toks[c.to-1].end
			continue
		}
		if start >= 0 {
			parts = append(parts, r.text[start:end])
		}
		start, end = r.toks[c.from].start, r.toks[c.to-1].end
	}
	if start >= 0 {
		parts = append(parts, r.text[start:end])
	}
	return strings.Join(parts, " … ")
}

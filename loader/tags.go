package loader

import (
	"slices"
	"strings"

	"github.com/regnet/regnet"
)

// Fields, areas, partners and report lines of a statement, each with the
// words that justify it (see statements.go for the rules).

type evidenceFunc func(start, end int) regnet.Evidence

// readTags fills a statement's fields and areas from its own and shared
// clauses. A handoff statement has no field; its areas are those crossed.
func (p *docParser) readTags(r *reading, st *statement, ev evidenceFunc) {
	if st.handoff != nil {
		crossed := append(append([]string{}, st.handoff.Leaving...), st.handoff.Entering...)
		if s, e, ok := movementWords(r.text); ok && strings.Contains(r.text[s:e], "ngoài") {
			crossed = append(crossed, "INLAND") // from or to outside the zones: the inland
		}
		for _, id := range append(append([]string{}, st.handoff.Notifies...), st.handoff.TransfersTo...) {
			if !slices.Contains(st.partners, id) && !p.isOwn(st.holder, p.agencies.byID(id)) {
				st.partners = append(st.partners, id)
			}
		}
		for _, a := range crossed {
			if !slices.Contains(st.areas, a) {
				st.areas = append(st.areas, a)
				if s, e, ok := movementWords(r.text); ok {
					st.addEvidence(regnet.EvidenceArea, a, ev(s, e))
				}
			}
		}
		return
	}
	if st.role == regnet.RolePropaganda && len(st.evidence) > 0 {
		// Propaganda is public information work, whatever its list.
		st.fields = append(st.fields, "PUBLIC_INFORMATION")
		e := st.evidence[0]
		e.Tag, e.Value = regnet.EvidenceField, "PUBLIC_INFORMATION"
		st.evidence = append(st.evidence, e)
	}
	for _, run := range runs(r, append(append([]int{}, st.clauses...), st.shared...)) {
		areaSpans := p.readAreas(r, st, run, ev)
		p.readFields(r, st, run, areaSpans, ev)
	}
}

// runs joins adjacent clauses of one segment into one piece, so that a
// phrase cut by a comma ("kinh doanh, hàng hóa") is still found.
func runs(r *reading, clauses []int) []piece {
	sorted := slices.Clone(clauses)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	var out []piece
	for k, ci := range sorted {
		c := r.clauses[ci]
		if k > 0 && sorted[k-1] == ci-1 && r.clauses[ci-1].segment == c.segment {
			out[len(out)-1].to = c.to
			continue
		}
		out = append(out, c)
	}
	return out
}

// movementWords returns the words of a handoff that say where goods move
// ("di chuyển từ … ra ngoài …"), up to "thì".
func movementWords(text string) (int, int, bool) {
	i := strings.Index(text, "di chuyển")
	if i < 0 {
		return 0, 0, false
	}
	j := strings.Index(text[i:], " thì ")
	if j < 0 {
		j = len(text) - i
	}
	return i, i + j, true
}

// readAreas adds the areas named in piece c and returns the spans they
// cover, which lend no words to fields.
func (p *docParser) readAreas(r *reading, st *statement, c piece, ev evidenceFunc) []span {
	g := p.ont.grammar
	var covered []span
	toks := r.toks[c.from:c.to]
	for _, h := range p.ont.areas.find(toks) {
		hs := span{h.start, h.end}
		if r.inside(hs) {
			continue // part of an agency name or a title
		}
		covered = append(covered, hs)
		code := h.value.(string)
		i := c.from + h.tok
		start := h.start
		if back(r, g.crossings, i, 3) >= 0 {
			continue // "qua biên giới, cửa khẩu": a crossing, not a place
		}
		if j := back(r, g.negations, i, 4); j >= 0 && j+g.negations.at(r.toks, j) >= i-1 {
			start = r.toks[j].start
			switch code {
			case "CUSTOMS_ZONE", "BORDER_AREA", "BORDER_GATE", "ECONOMIC_ZONE":
				code = "INLAND" // outside a zone is the inland
			default:
				continue
			}
		}
		if !slices.Contains(st.areas, code) {
			st.areas = append(st.areas, code)
			st.addEvidence(regnet.EvidenceArea, code, ev(start, h.end))
		}
	}
	return covered
}

// back returns the index of the first token of a phrase of m that ends at
// most n tokens before token i, within i's segment, or -1.
func back(r *reading, m *matcher, i, n int) int {
	for j := i - 1; j >= 0 && j >= i-n; j-- {
		if strings.ContainsAny(r.text[r.toks[j].end:r.toks[j+1].start], ";.:") {
			return -1
		}
		if k := m.at(r.toks, j); k > 0 && j+k <= i {
			return j
		}
	}
	return -1
}

// inside reports whether s lies within an agency name or a title.
func (r *reading) inside(s span) bool {
	if within(r.titles, s.start, s.end) {
		return true
	}
	for _, m := range r.mentions {
		if m.start <= s.start && s.end <= m.end {
			return true
		}
	}
	return false
}

// readFields adds the fields named in piece c, outside names, titles,
// parentheses, examples and area phrases.
func (p *docParser) readFields(r *reading, st *statement, c piece, areas []span, ev evidenceFunc) {
	toks := r.toks[c.from:c.to]
	masked := func(s span) bool {
		if r.inside(s) || within(r.parens, s.start, s.end) || within(r.examples, s.start, s.end) {
			return true
		}
		for _, m := range r.mentions { // overlapping a name
			if m.start < s.end && s.start < m.end {
				return true
			}
		}
		for _, a := range areas {
			if a.start < s.end && s.start < a.end {
				return true
			}
		}
		return false
	}
	for _, h := range p.ont.fields.find(toks) {
		hs := span{h.start, h.end}
		if masked(hs) {
			continue
		}
		code := h.value.(string)
		f := p.ont.field(code)
		i := c.from + h.tok
		if f != nil && i > 0 && slices.Contains(f.NotAfter, r.toks[i-1].key) {
			continue
		}
		if r.afterNotice(c.from + h.tok) {
			continue // "thông báo cho X để điều tra": the notified body's work
		}
		if r.inLongList(c.from + h.tok) {
			continue // one stage of "sản xuất, chế biến, vận chuyển, xuất khẩu, nhập khẩu, kinh doanh"
		}
		if f != nil && f.Activity && r.inChain(c.from+h.tok, c.from+h.tok+len(tokenize(r.text[h.start:h.end]))) {
			continue
		}
		if !slices.Contains(st.fields, code) {
			st.fields = append(st.fields, code)
			st.addEvidence(regnet.EvidenceField, code, ev(h.start, h.end))
		}
	}
}

// inChain reports whether tokens [a, b) stand in a list of bare verbs
// ("ngăn chặn, điều tra, xác minh, phát hiện và xử lý"): the list item
// holding them is at most two words, and so is an item next to it.
func (r *reading) inChain(a, b int) bool {
	if b-a > 2 {
		return false
	}
	k := -1
	for i, c := range r.clauses {
		if c.from <= a && a < c.to {
			k = i
		}
	}
	if k < 0 {
		return false
	}
	// items splits a clause at "và" / "hoặc": the words of each item.
	items := func(c piece) [][2]int {
		var out [][2]int
		from := c.from
		for i := c.from; i < c.to; i++ {
			if r.toks[i].key == "và" || r.toks[i].key == "hoặc" {
				out = append(out, [2]int{from, i})
				from = i + 1
			}
		}
		return append(out, [2]int{from, c.to})
	}
	short := func(it [2]int) bool { return it[1]-it[0] <= 2 && it[1] > it[0] }
	c := r.clauses[k]
	its := items(c)
	for j, it := range its {
		if it[0] <= a && b <= it[1] {
			if !short(it) {
				return false
			}
			if j > 0 && short(its[j-1]) || j+1 < len(its) && short(its[j+1]) {
				return true
			}
		}
	}
	near := func(k int, first bool) bool {
		if k < 0 || k >= len(r.clauses) || r.clauses[k].segment != c.segment {
			return false
		}
		its := items(r.clauses[k])
		if first {
			return short(its[0])
		}
		return short(its[len(its)-1])
	}
	return near(k-1, false) || near(k+1, true)
}

// afterNotice reports whether token i stands in the purpose of a notice or
// a transfer ("thông báo cho cơ quan Công an … để điều tra, xử lý"): what
// follows "để" there is the work of the body notified, not of the holder.
func (r *reading) afterNotice(i int) bool {
	notice, purpose := false, false
	for j := i - 1; j >= 0; j-- {
		if strings.ContainsAny(r.text[r.toks[j].end:r.toks[j+1].start], ";.:") {
			break
		}
		switch r.toks[j].key {
		case "để":
			purpose = true
		case "báo", "giao": // "thông báo", "chuyển giao", "bàn giao"
			if purpose && j > 0 && (r.toks[j-1].key == "thông" || r.toks[j-1].key == "chuyển" || r.toks[j-1].key == "bàn") {
				notice = true
			}
		}
		if notice {
			return true
		}
	}
	return false
}

// inLongList reports whether token i stands in a run of four or more
// comma-separated items of at most two words: a list of stages or acts,
// none of which is what the statement is about.
func (r *reading) inLongList(i int) bool {
	k := -1
	for j, c := range r.clauses {
		if c.from <= i && i < c.to {
			k = j
		}
	}
	if k < 0 || r.clauses[k].to-r.clauses[k].from > 2 {
		return false
	}
	short := func(j int) bool {
		return j >= 0 && j < len(r.clauses) && r.clauses[j].segment == r.clauses[k].segment && r.clauses[j].to-r.clauses[j].from <= 2
	}
	from, to := k, k
	for short(from - 1) {
		from--
	}
	for short(to + 1) {
		to++
	}
	return to-from+1 >= 4
}

// readPartners finds the partner and report frames of the text and gives
// the agencies they name to the statement that holds the frame's piece.
func (p *docParser) readPartners(r *reading, owner []*statement, ev evidenceFunc) {
	g := p.ont.grammar
	clauseOf := func(i int) int {
		for k, c := range r.clauses {
			if c.from <= i && i < c.to {
				return k
			}
		}
		return -1
	}
	reported := map[int]bool{} // segments that already named a report receiver
	for i := 0; i < len(r.toks); i++ {
		if r.inMention(i) || within(r.titles, r.toks[i].start, r.toks[i].end) {
			continue
		}
		k := clauseOf(i)
		if k < 0 || owner[k] == nil {
			continue
		}
		st := owner[k]
		seg := r.clauses[k].segment
		if n := g.reports.at(r.toks, i); n > 0 || (g.reportsAfter.at(r.toks, i) > 0 && r.segmentHas(seg, i, g.reports)) {
			if n == 0 {
				n = g.reportsAfter.at(r.toks, i)
			}
			if reported[seg] && r.before(seg, i, "để") {
				continue // the receiver's own report onwards ("… để tổng hợp báo cáo UBND tỉnh")
			}
			for _, m := range p.listAfter(r, i+n) {
				a := p.agencies.get(p.unitOf(m), p.doc.Province, "")
				if p.isOwn(st.holder, a) {
					continue
				}
				reported[seg] = true
				if !slices.ContainsFunc(st.reports, func(x regnet.ReportLine) bool { return x.Agency == a.ID }) {
					st.reports = append(st.reports, regnet.ReportLine{Agency: a.ID, When: r.when(seg)})
					st.addEvidence(regnet.EvidenceReportsTo, a.ID, ev(r.toks[i].start, m.end))
				}
			}
			continue
		}
		n := g.partners.at(r.toks, i)
		if n == 0 {
			continue
		}
		for _, m := range p.listAfter(r, i+n) {
			a := p.agencies.get(p.unitOf(m), p.doc.Province, "")
			if p.isOwn(st.holder, a) {
				continue
			}
			if !slices.Contains(st.partners, a.ID) {
				st.partners = append(st.partners, a.ID)
				st.addEvidence(regnet.EvidencePartner, a.ID, ev(r.toks[i].start, m.end))
			}
		}
		i += n - 1
	}
}

// listAfter returns the agencies named in a list that starts at token i:
// names joined by commas, "và", "hoặc", with at most two other words
// before a name ("cấp ủy, chính quyền địa phương và các cơ quan …"). A
// collective name followed by names in parentheses stands for those names.
func (p *docParser) listAfter(r *reading, i int) []mention {
	var out []mention
	skipped := 0
	for i < len(r.toks) {
		if i > 0 && strings.ContainsAny(r.text[r.toks[i-1].end:r.toks[i].start], ";.:") {
			break
		}
		m, ok := r.mentionAt(i)
		if !ok {
			if listConnector(r.toks[i].key) {
				i++
				continue
			}
			if skipped++; skipped > 2 {
				break
			}
			i++
			continue
		}
		if skipped > 0 && !strings.Contains(r.text[r.toks[i-1].end:r.toks[i].start], ",") && !listConnector(r.toks[i-1].key) {
			break // "phối hợp xử lý Y": Y is an object, not a partner
		}
		skipped = 0
		end := m.end
		names := []mention{m}
		if m.unit.kind.Collective { // "cơ quan, đơn vị chức năng (Công an, Hải quan, …)"
			if ps := p.parenAfter(r, m.end); len(ps) > 0 {
				names = ps
				end = ps[len(ps)-1].end
				for _, s := range r.parens {
					if s.start <= end && end < s.end {
						end = s.end
					}
				}
			}
		}
		out = append(out, names...)
		i = r.tokenAfter(end)
		if !r.listGoesOn(end, i) {
			break
		}
	}
	return out
}

func listConnector(k string) bool {
	switch k {
	case "các", "và", "hoặc", "với", "cho", "ngay", "cùng", "những":
		return true
	}
	return false
}

// listGoesOn reports whether a list of names continues after byte end at
// token i: a comma, "và" or "hoặc" follows.
func (r *reading) listGoesOn(end, i int) bool {
	if i >= len(r.toks) {
		return false
	}
	gap := r.text[end:r.toks[i].start]
	if strings.ContainsAny(gap, ";.:") {
		return false
	}
	if strings.Contains(gap, ",") {
		return true
	}
	switch r.toks[i].key {
	case "và", "hoặc", "cùng":
		return true
	}
	return false
}

// parenAfter returns the agencies named in parentheses right after end.
func (p *docParser) parenAfter(r *reading, end int) []mention {
	for _, s := range r.parens {
		if s.start < end || strings.TrimSpace(r.text[end:s.start]) != "" {
			continue
		}
		var out []mention
		for _, m := range r.mentions {
			if s.start < m.start && m.end < s.end {
				out = append(out, m)
			}
		}
		return out
	}
	return nil
}

// own reports whether a is the holder itself, its parent or one of its own
// units: none of them is its partner or the receiver of its reports.
func (p *docParser) isOwn(holder, a *regnet.Agency) bool {
	if p.ont.Kind(a.Kind) != nil && p.ont.Kind(a.Kind).Collective {
		return false
	}
	if a.ID == holder.ID {
		return true
	}
	if holder.Parent != nil && *holder.Parent == a.ID {
		return true
	}
	return a.Parent != nil && *a.Parent == holder.ID
}

// segmentHas reports whether the segment seg has a phrase of m before
// token i.
func (r *reading) segmentHas(seg, i int, m *matcher) bool {
	for _, c := range r.clauses {
		if c.segment != seg {
			continue
		}
		for j := c.from; j < c.to && j < i; j++ {
			if m.at(r.toks, j) > 0 {
				return true
			}
		}
	}
	return false
}

// before reports whether the word w stands in segment seg before token i.
func (r *reading) before(seg, i int, w string) bool {
	for _, c := range r.clauses {
		if c.segment != seg {
			continue
		}
		for j := c.from; j < c.to && j < i; j++ {
			if r.toks[j].key == w {
				return true
			}
		}
	}
	return false
}

// when returns the periods and deadlines segment seg gives, as written.
func (r *reading) when(seg int) string {
	from, to := -1, -1
	for _, c := range r.clauses {
		if c.segment == seg {
			if from < 0 {
				from = r.toks[c.from].start
			}
			to = r.toks[c.to-1].end
		}
	}
	if from < 0 {
		return ""
	}
	var out []string
	for _, m := range reTime.FindAllString(r.text[from:to], -1) {
		if !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return strings.Join(out, ", ")
}

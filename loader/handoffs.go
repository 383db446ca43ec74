package loader

import (
	"regexp"
	"strings"

	"github.com/regnet/regnet"
)

// The handoff step finds the rules that say what an agency does when goods
// or vehicles cross from one area into another: "Trường hợp … đang di chuyển
// từ … ra ngoài … thì tiếp tục truy đuổi, thông báo ngay cho … chuyển giao
// cho …".

var (
	reHandoffSentence = regexp.MustCompile(`(?i)(?:^|[.;]\s*)(Trường hợp[^.]*?di chuyển[^.]*?truy đuổi[^.]*)`)
	reNotify          = regexp.MustCompile(`(?i)thông báo(?: ngay)?(?: bằng văn bản)?(?: cho)?\s+(.*?)(?:\s+(?:trên địa bàn|để)(?:\s|$)|$)`)
	reTransfer        = regexp.MustCompile(`(?i)chuyển giao(?: cho)?\s+(.*?)(?:\s+(?:xử lý|để)(?:\s|$)|$)`)
	reSubject         = regexp.MustCompile(`(?i)^Trường hợp\s+((?:lực lượng|cơ quan)\s+.*?)\s+có căn cứ`)
	reActor           = regexp.MustCompile(`(?i)thì\s+((?:cơ quan|lực lượng)\s+[\p{L} ]+?)\s+(?:tiếp tục|trực tiếp)`)
	reParenCondition  = regexp.MustCompile(`\((nếu[^)]*)\)`)
)

// readHandoff records the handoff rule stated in a duty's text, if any,
// and returns it with the span of text that states it. holder is the
// duty's agency, who acts unless the sentence names another.
func (p *docParser) readHandoff(holder *regnet.Agency, n *node, text string) (*regnet.Handoff, span) {
	if !strings.Contains(text, "truy đuổi") || !strings.Contains(text, "di chuyển") {
		return nil, span{}
	}
	mi := reHandoffSentence.FindStringSubmatchIndex(text)
	if mi == nil {
		return nil, span{}
	}
	s := text[mi[2]:mi[3]]
	from := holder
	if sm := reSubject.FindStringSubmatch(s); sm != nil {
		if a := p.firstAgency(sm[1]); a != nil {
			from = a
		}
	} else if am := reActor.FindStringSubmatch(s); am != nil {
		if a := p.firstAgency(am[1]); a != nil {
			from = a
		}
	}
	h := regnet.Handoff{
		ID:          n.prov.ID + "#handoff",
		From:        from.ID,
		Notifies:    []string{},
		TransfersTo: []string{},
		Actions:     []string{},
		Leaving:     []string{},
		Entering:    []string{},
		Provision:   n.prov.ID,
	}
	h.ConditionFor = []string{}
	if c := reParenCondition.FindStringSubmatchIndex(s); c != nil {
		h.Condition = strings.TrimSpace(s[c[2]:c[3]])
		// The condition governs the agency named right before it.
		if ms := p.findAgencies(s[:c[0]], tokenize(s[:c[0]])); len(ms) > 0 {
			last := ms[len(ms)-1]
			if strings.TrimSpace(s[last.end:c[0]]) == "" {
				h.ConditionFor = []string{p.agencies.get(p.unitOf(last), p.doc.Province, "").ID}
			}
		}
	}
	clean := reParenCondition.ReplaceAllString(s, "")
	lower := strings.ToLower(s)
	if strings.Contains(lower, "truy đuổi") {
		h.Actions = append(h.Actions, regnet.ActionPursue)
	}
	// "thì trực tiếp truy đuổi, bắt giữ …": the acting agency arrests too;
	// "để phối hợp … bắt giữ" is what the notified bodies do.
	if i := strings.Index(lower, " thì "); i >= 0 {
		act := lower[i:]
		for _, stop := range []string{"đồng thời", "thông báo", " để "} {
			if j := strings.Index(act, stop); j > 0 {
				act = act[:j]
			}
		}
		if strings.Contains(act, "bắt giữ") {
			h.Actions = append(h.Actions, regnet.ActionArrest)
		}
	}
	if nm := reNotify.FindStringSubmatch(clean); nm != nil {
		h.Notifies = p.agencyList(nm[1], from.ID)
		h.Actions = append(h.Actions, regnet.ActionNotify)
	}
	if tm := reTransfer.FindStringSubmatch(clean); tm != nil {
		h.TransfersTo = p.agencyList(tm[1], from.ID)
		h.Actions = append(h.Actions, regnet.ActionTransfer)
	}
	h.Leaving, h.Entering = p.movement(s, from)
	if len(h.Notifies) == 0 && len(h.TransfersTo) == 0 {
		p.warn(n.prov.Line, "%s: a pursuit rule names no agency to notify or hand over to", n.prov.Path)
	}
	p.ds.Handoffs = append(p.ds.Handoffs, h)
	return &h, span{mi[2], mi[3]}
}

// movement reads which areas the goods leave and enter.
//   - "từ địa bàn hoạt động hải quan ra ngoài …": leaving CUSTOMS_ZONE
//   - "ra ngoài địa bàn quản lý": leaving the acting agency's own area
//   - "từ biên giới vào nội địa": entering INLAND
//   - "từ ngoài vào trong địa bàn hoạt động của Bộ đội Biên phòng, Hải
//     quan": entering those agencies' areas
func (p *docParser) movement(s string, from *regnet.Agency) (leaving, entering []string) {
	lower := strings.ToLower(s)
	add := func(list *[]string, codes ...string) {
		for _, c := range codes {
			if !contains(*list, c) {
				*list = append(*list, c)
			}
		}
	}
	move := lower
	if i := strings.Index(move, "di chuyển"); i >= 0 {
		move = move[i:]
	}
	if j := strings.Index(move, " thì "); j > 0 {
		move = move[:j]
	}
	if i := strings.Index(move, "từ "); i >= 0 {
		rest := move[i+len("từ "):]
		src, dst := rest, ""
		for _, sep := range []string{" ra ngoài", " vào trong", " vào "} {
			if k := strings.Index(rest, sep); k >= 0 {
				src, dst = rest[:k], rest[k:]
				break
			}
		}
		if !strings.HasPrefix(strings.TrimSpace(src), "ngoài") && !strings.HasPrefix(strings.TrimSpace(src), "bên ngoài") {
			add(&leaving, codes(p.ont.areas, src)...)
		}
		if strings.HasPrefix(strings.TrimSpace(dst), "vào") {
			add(&entering, p.areasOf(dst)...)
		}
	} else if strings.Contains(move, "ra ngoài") {
		add(&leaving, p.homeAreas(from)...)
	}
	if strings.Contains(move, "ra ngoài địa bàn quản lý") || (len(leaving) == 0 && strings.Contains(move, "ra ngoài")) {
		add(&leaving, p.homeAreas(from)...)
	}
	// "… truy đuổi … từ biên giới vào nội địa" after the movement clause.
	if strings.Contains(lower, "vào nội địa") {
		add(&entering, regnet.Area{Code: "INLAND"}.Code)
		if strings.Contains(lower, "từ biên giới") {
			add(&leaving, "BORDER_AREA")
		}
	}
	if leaving == nil {
		leaving = []string{}
	}
	if entering == nil {
		entering = []string{}
	}
	return leaving, entering
}

// areasOf returns the areas a destination names, directly or through the
// agencies whose area it is ("địa bàn hoạt động của Bộ đội Biên phòng, Hải
// quan").
func (p *docParser) areasOf(dst string) []string {
	out := codes(p.ont.areas, dst)
	for _, m := range p.ont.findAgencies(dst) {
		for _, a := range m.unit.kind.HomeAreas {
			if !contains(out, a) {
				out = append(out, a)
			}
		}
	}
	return out
}

func (p *docParser) homeAreas(a *regnet.Agency) []string {
	if k := p.ont.Kind(a.Kind); k != nil {
		return k.HomeAreas
	}
	return nil
}

// firstAgency resolves the first agency named in s.
func (p *docParser) firstAgency(s string) *regnet.Agency {
	ms := p.ont.findAgencies(s)
	if len(ms) == 0 {
		return nil
	}
	return p.agencies.get(p.unitOf(ms[0]), p.doc.Province, "")
}

// agencyList resolves the agencies named in a list, without repeats and
// without the acting agency itself.
func (p *docParser) agencyList(s, self string) []string {
	out := []string{}
	for _, m := range p.ont.findAgencies(s) {
		if m.unit.kind.Collective {
			continue
		}
		a := p.agencies.get(p.unitOf(m), p.doc.Province, "")
		if a.ID != self && !contains(out, a.ID) {
			out = append(out, a.ID)
		}
	}
	return out
}

// reGeneralHandoff finds the general rule of a quy chế: a body that finds a
// violation outside its area or field notifies the competent body and
// hands the case file on ("… phát hiện … thì … thông báo … cho …",
// "… chuyển hồ sơ vụ việc cho …").
var reGeneralHandoff = regexp.MustCompile(`(?i)phát hiện[^;.]*?(thông báo|chuyển giao|chuyển hồ sơ|bàn giao)[^;.]*?\scho\s`)

// readGeneralHandoff records the general notify-and-transfer rule the
// text states, if any, and returns it with the span that states it.
func (p *docParser) readGeneralHandoff(holder *regnet.Agency, n *node, r *reading) (*regnet.Handoff, span) {
	m := reGeneralHandoff.FindStringSubmatchIndex(r.text)
	if m == nil {
		return nil, span{}
	}
	start := m[0]
	// The rule starts at its condition ("Trường hợp", "khi", "nếu") when
	// one comes just before "phát hiện".
	if i := strings.LastIndexAny(r.text[:m[0]], ";.:"); i >= 0 {
		start = i + 1
	} else {
		start = 0
	}
	end := len(r.text)
	if j := strings.IndexAny(r.text[m[1]:], ";."); j >= 0 {
		end = m[1] + j
	}
	recipients := p.listAfter(r, r.tokenAfter(m[1]))
	if len(recipients) == 0 {
		return nil, span{}
	}
	h := regnet.Handoff{
		ID: n.prov.ID + "#handoff", From: holder.ID, Notifies: []string{}, TransfersTo: []string{},
		Actions: []string{}, Leaving: []string{}, Entering: []string{}, ConditionFor: []string{}, Provision: n.prov.ID,
	}
	rule := strings.ToLower(r.text[start:end])
	var ids []string
	for _, x := range recipients {
		a := p.agencies.get(p.unitOf(x), p.doc.Province, "")
		if a.ID != holder.ID || p.ont.Kind(a.Kind).Collective {
			ids = append(ids, a.ID)
		}
	}
	if strings.Contains(rule, "thông báo") {
		h.Actions = append(h.Actions, regnet.ActionNotify)
		h.Notifies = ids
	}
	if strings.Contains(rule, "chuyển giao") || strings.Contains(rule, "chuyển hồ sơ") || strings.Contains(rule, "bàn giao") {
		h.Actions = append(h.Actions, regnet.ActionTransfer)
		h.TransfersTo = ids
	}
	verb := m[2]
	if i := strings.LastIndex(r.text[start:verb], " thì "); i >= 0 {
		verb = start + i
	}
	h.Condition = strings.Trim(r.text[start:verb], " ,")
	p.ds.Handoffs = append(p.ds.Handoffs, h)
	return &h, span{start, end}
}

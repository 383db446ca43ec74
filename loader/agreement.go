package loader

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/regnet/regnet"
)

// A report of a coordination regulation between two bodies ("quy chế phối
// hợp giữa A và B") tells what the two agreed: "khi một bên có yêu cầu,
// bên kia phải …", "hai bên phối hợp …", "B có trách nhiệm chỉ đạo …".
// readAgreement reads these as duty statements, read by the guide's rules:
// one agreed per role in a paragraph, the role of the governing verb,
// the reach of a cue over the clauses after it. The holder is the party
// the clause names, or both parties ("hai bên", "mỗi bên", "bên kia"); an
// obligation that names no one is the two parties'. Each party's partner is
// the other.

// party is one of the two bodies of an agreement.
type party struct {
	unit  *Unit
	agent *regnet.Agency
	short string // the name without its parent's ("Văn phòng Thường trực"), lower case
}

// bothParties are the words that stand for the two parties together or for
// either of them, valued by how many of their words name them: "hai thống
// nhất" is "hai [bên] thống nhất" with the noun left out.
var bothParties = func() *matcher {
	m := newMatcher()
	for _, p := range []string{"hai bên", "hai đơn vị", "hai cơ quan", "hai ngành", "các bên", "mỗi bên", "bên kia", "một trong hai bên", "bên cung cấp", "bên tiếp nhận", "bên yêu cầu", "bên được yêu cầu"} {
		m.add(p, len(strings.Fields(p)), false)
	}
	m.add("hai thống nhất", 1, false)
	return m
}()

// nounMakers are words after which a cue is a noun, not the holder's verb:
// "quy chế phối hợp", "công tác tham mưu", "văn bản chỉ đạo", "có yêu cầu
// phối hợp".
var nounMakers = []string{"quy chế", "chế độ", "công tác", "sự", "việc", "yêu cầu", "hoạt động", "quan hệ", "văn bản", "cơ quan", "đơn vị", "theo", "của", "ban", "nội dung", "kế hoạch", "chương trình",
	"nguyên tắc", "cơ chế", "hình thức", "phương thức", "quy trình", "biện pháp", "mối"}

// obligationMarkers state an obligation without a role cue: the agreed
// is PERFORM. "thống nhất" counts only before a verb, not before what was
// agreed ("thống nhất các nguyên tắc").
var obligationMarkers = []string{"phải", "có trách nhiệm", "chịu trách nhiệm", "bảo đảm", "đảm bảo", "thống nhất"}

// agreedWhat follows "thống nhất" when it names what was agreed.
var agreedWhat = []string{"các", "những", "về", "nội dung", "nguyên tắc"}

// performVerbs state what the parties do themselves (PERFORM) when they
// follow the parties' name: "hai bên định kỳ trao đổi thông tin".
var performVerbs = []string{"thực hiện", "kiểm tra", "xử lý", "báo cáo", "cung cấp", "trao đổi", "chia sẻ", "tiếp nhận", "thông báo"}

// eventWords tell a report of what happened or was said, not what was
// agreed: "đã ký kết", "khẳng định".
var eventWords = []string{"đã", "khẳng định", "cho biết", "phát biểu", "nhấn mạnh", "ký kết"}

// adverbs may stand between the holder and its verb.
var adverbs = []string{"chủ động", "tích cực", "kịp thời", "khẩn trương", "thường xuyên", "tiếp tục", "có trách nhiệm", "phải"}

// exchangeWords make a periodic clause an exchange between the parties.
var exchangeWords = []string{"trao đổi", "chia sẻ"}

// reClauseEnd cuts a paragraph into clauses: at ";", ":" and sentence ends.
var reClauseEnd = regexp.MustCompile(`[;:]|\.\s+`)

// newsParties returns the two bodies a report says a regulation or
// agreement is between: the agencies named after "giữa" in one clause
// ("giữa A và B", "giữa A với B"), the pair named most often. A report
// that names no province can only mean national bodies.
func (p *docParser) newsParties(paras []newsPara) []*party {
	count := map[[2]*Unit]int{}
	var order [][2]*Unit
	for _, para := range paras {
		lower := strings.ToLower(para.Text)
		for _, i := range indexAll(lower, "giữa ") {
			from := i + len("giữa ")
			seg := para.Text[from:]
			if i := strings.IndexAny(seg, ",;."); i >= 0 {
				seg = seg[:i]
			}
			var units []*Unit
			for _, m := range p.ont.findAgencies(seg) {
				known := m.unit.Level == regnet.LevelNational || p.doc.Province != ""
				if known && !m.unit.kind.Collective && !m.weak && !slices.Contains(units, m.unit) {
					units = append(units, m.unit)
				}
			}
			if len(units) == 2 {
				k := [2]*Unit{units[0], units[1]}
				if count[k] == 0 {
					order = append(order, k)
				}
				count[k]++
			}
		}
	}
	var best [2]*Unit
	for _, k := range order {
		if count[k] > count[best] {
			best = k
		}
	}
	if best[0] == nil {
		return nil
	}
	var out []*party
	for _, u := range best {
		a := p.agencies.get(u, p.doc.Province, "")
		pt := &party{unit: u, agent: a}
		if a.Parent != nil {
			if parent := p.agencies.agencies[*a.Parent]; parent != nil {
				name, pname := strings.ToLower(a.Name), strings.ToLower(parent.Name)
				if strings.HasSuffix(name, pname) && len(name) > len(pname) {
					pt.short = strings.TrimSpace(name[:len(name)-len(pname)])
				}
			}
		}
		out = append(out, pt)
	}
	return out
}

// agreed is one role of one set of holders in a paragraph, while it is
// read.
type agreed struct {
	holders []*party
	role    string
	clauses []string
	cue     [2]int // byte span of the role's evidence in the paragraph
	subject [2]int // byte span of the words naming the holders (-1: none)
}

// readAgreement reads the duties and exchange schedules of an agreement
// between two parties from a report's paragraphs.
func (p *docParser) readAgreement(provs []regnet.Provision, parties []*party) {
	cues := roleCues(p.ont)
	for _, pr := range provs {
		stmts, exchanges := p.agreementStatements(pr.Text, parties, cues)
		refs := p.partyRefs(pr.Text, tokenize(pr.Text), parties)
		n := 0
		for _, st := range stmts {
			for _, h := range st.holders {
				n++
				other := parties[0]
				if other == h {
					other = parties[1]
				}
				d := regnet.Duty{
					ID: fmt.Sprintf("%s#duty/%d", pr.ID, n), Agency: h.agent.ID, Role: st.role,
					Text: strings.Join(st.clauses, "; "), Fields: []string{}, Areas: []string{},
					Partners: []string{other.agent.ID}, ReportsTo: []regnet.ReportLine{}, Provision: pr.ID,
				}
				d.Evidence = append(d.Evidence, evidence(pr.Text, regnet.EvidenceRole, st.role, st.cue))
				if span, ok := partnerWords(st, other, refs); ok {
					d.Evidence = append(d.Evidence, evidence(pr.Text, regnet.EvidencePartner, other.agent.ID, span))
				}
				p.ds.Duties = append(p.ds.Duties, d)
			}
		}
		for i, x := range exchanges {
			ids := []string{parties[0].agent.ID, parties[1].agent.ID}
			p.ds.Schedules = append(p.ds.Schedules, regnet.Schedule{
				ID: fmt.Sprintf("%s#schedule/%d", pr.ID, i+1), Kind: regnet.ScheduleReport,
				Agencies: ids, To: ids, Text: x[0], When: x[1], Provision: pr.ID,
			})
		}
	}
}

// partnerWords returns the words that name the other party of a
// agreed: the words naming both holders ("hai bên"), else the first
// words of the paragraph that name the other party alone.
func partnerWords(st *agreed, other *party, refs []partyRef) ([2]int, bool) {
	if len(st.holders) > 1 && st.subject[0] >= 0 {
		return st.subject, true
	}
	for _, r := range refs {
		if len(r.holders) == 1 && r.holders[0] == other {
			return [2]int{r.start, r.end}, true
		}
	}
	return [2]int{}, false
}

// evidence builds a piece of evidence from a byte span of text, with the
// character offsets the contract asks for.
func evidence(text, tag, value string, span [2]int) regnet.Evidence {
	return regnet.Evidence{
		Tag: tag, Value: value, Words: text[span[0]:span[1]],
		Start: utf8.RuneCountInString(text[:span[0]]), End: utf8.RuneCountInString(text[:span[1]]),
	}
}

// agreementStatements reads one paragraph: its statements, and its
// periodic exchanges as (clause, period) pairs.
func (p *docParser) agreementStatements(text string, parties []*party, cues *matcher) ([]*agreed, [][2]string) {
	var stmts []*agreed
	var exchanges [][2]string
	var holders []*party // the holders the paragraph last named
	subject := [2]int{-1, -1}
	var last []*agreed // the statements the previous clause opened or went on
	for _, c := range clauseSpans(text) {
		clause := text[c[0]:c[1]]
		if i := strings.Index(clause, " để "); i >= 0 {
			clause = clause[:i] // a purpose adds no agreed
		}
		toks := tokenize(clause)
		refs := p.partyRefs(clause, toks, parties)
		roles, subj := p.clauseRoles(clause, toks, refs, cues)
		if subj != nil {
			holders = subj.holders
			subject = [2]int{c[0] + subj.start, c[0] + subj.end}
		}
		if len(roles) == 0 {
			for _, st := range last {
				st.clauses = append(st.clauses, strings.TrimSpace(clause))
			}
			continue
		}
		if holders == nil {
			holders = parties // an obligation that names no one binds both
		}
		last = nil
		for _, cu := range roles {
			var st *agreed
			for _, s := range stmts {
				if s.role == cu.role && slices.Equal(s.holders, holders) {
					st = s
				}
			}
			if st == nil {
				st = &agreed{holders: holders, role: cu.role, cue: [2]int{c[0] + cu.start, c[0] + cu.end}, subject: subject}
				stmts = append(stmts, st)
			}
			st.clauses = append(st.clauses, strings.TrimSpace(clause))
			last = append(last, st)
		}
		if when := periodAt(clause); when != "" && containsAny(strings.ToLower(clause), exchangeWords) {
			exchanges = append(exchanges, [2]string{strings.TrimSpace(clause), when})
		}
	}
	return stmts, exchanges
}

// clauseSpans returns the byte spans of a paragraph's clauses.
func clauseSpans(text string) [][2]int {
	var out [][2]int
	start := 0
	for _, loc := range reClauseEnd.FindAllStringIndex(text, -1) {
		if strings.TrimSpace(text[start:loc[0]]) != "" {
			out = append(out, [2]int{start, loc[0]})
		}
		start = loc[1]
	}
	if strings.TrimSpace(text[start:]) != "" {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

// partyRef is words of a clause that name one party or both.
type partyRef struct {
	holders    []*party
	start, end int
}

// partyRefs returns the words of a clause that name a party (by its name
// or its short name) or both parties, in text order.
func (p *docParser) partyRefs(clause string, toks []token, parties []*party) []partyRef {
	var out []partyRef
	for _, h := range bothParties.find(toks) {
		out = append(out, partyRef{parties, h.start, toks[h.tok+h.value.(int)-1].end})
	}
	for _, m := range p.ont.findAgenciesIn(clause, toks) {
		for _, pt := range parties {
			if m.unit == pt.unit {
				out = append(out, partyRef{[]*party{pt}, m.start, m.end})
			}
		}
	}
	lower := strings.ToLower(clause)
	for _, pt := range parties {
		if pt.short == "" {
			continue
		}
		for _, i := range indexAll(lower, pt.short) {
			from := i + len(pt.short)
			covered := false
			for _, r := range out {
				covered = covered || i >= r.start && i < r.end
			}
			if !covered {
				out = append(out, partyRef{[]*party{pt}, i, from})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// roleCue is a role a clause states, with the byte span of its words.
type roleCue struct {
	role       string
	start, end int
}

// clauseRoles returns the roles a clause states and the words naming its
// subject: the last party named before the role's words. The roles are
// the governing cue and the cues set beside it ("chỉ đạo, hướng dẫn"), not
// a cue that is its complement ("phối hợp tham mưu"); a cue that is a noun
// or part of a name does not count. Without a cue, "cùng" before the verb
// is COORDINATE and an obligation ("phải", "có trách nhiệm", "thống nhất" +
// verb) is PERFORM.
func (p *docParser) clauseRoles(clause string, toks []token, refs []partyRef, cues *matcher) ([]roleCue, *partyRef) {
	lower := strings.ToLower(clause)
	var names [][2]int
	for _, m := range p.ont.findAgenciesIn(clause, toks) {
		names = append(names, [2]int{m.start, m.end})
	}
	var out []roleCue
	for _, h := range cues.find(toks) {
		inName := false
		for _, n := range names {
			inName = inName || h.start >= n[0] && h.start < n[1]
		}
		if inName || endsWithAny(strings.TrimSpace(lower[:h.start]), nounMakers) {
			continue
		}
		role := p.ont.cueRole(h.value.(string), lower)
		if role == "" {
			continue
		}
		if len(out) > 0 {
			switch strings.TrimSpace(lower[out[len(out)-1].end:h.start]) {
			case ",", "và", ", và", "hoặc":
			default:
				continue // a complement of the governing verb
			}
		}
		out = append(out, roleCue{role, h.start, h.end})
	}
	if len(out) == 0 {
		if c, ok := jointly(lower, refs); ok {
			out = []roleCue{c}
		} else if c, ok := obligation(lower); ok {
			out = []roleCue{c}
		} else if c, ok := partiesAct(lower, refs); ok {
			out = []roleCue{c}
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	var subj *partyRef
	for i := range refs {
		if refs[i].end <= out[0].start {
			subj = &refs[i]
		}
	}
	return out, subj
}

// jointly finds "cùng" right after a party's name and its adverbs ("hai
// bên chủ động cùng thống nhất …"): the parties act together.
func jointly(lower string, refs []partyRef) (roleCue, bool) {
	for _, r := range refs {
		rest := strings.TrimSpace(lower[r.end:])
		for again := true; again; {
			again = false
			for _, a := range adverbs {
				if after, ok := strings.CutPrefix(rest, a+" "); ok {
					rest, again = strings.TrimSpace(after), true
				}
			}
		}
		if strings.HasPrefix(rest, "cùng ") {
			i := len(lower) - len(rest)
			return roleCue{regnet.RoleCoordinate, i, i + len("cùng")}, true
		}
	}
	return roleCue{}, false
}

// partiesAct finds a verb of performance after the parties' name in a
// clause that reports no event.
func partiesAct(lower string, refs []partyRef) (roleCue, bool) {
	if len(refs) == 0 {
		return roleCue{}, false
	}
	for _, w := range eventWords {
		if containsWord(lower, w) {
			return roleCue{}, false
		}
	}
	from := refs[0].end
	best := roleCue{start: -1}
	for _, v := range performVerbs {
		if i := strings.Index(lower[from:], v); i >= 0 && (best.start < 0 || from+i < best.start) {
			best = roleCue{regnet.RolePerform, from + i, from + i + len(v)}
		}
	}
	return best, best.start >= 0
}

// containsWord reports whether s holds w as whole words.
func containsWord(s, w string) bool {
	for _, i := range indexAll(s, w) {
		from := i + len(w)
		before := i == 0 || s[i-1] == ' ' || s[i-1] == ','
		after := from == len(s) || s[from] == ' ' || s[from] == ','
		if before && after {
			return true
		}
	}
	return false
}

// indexAll returns the byte offsets of every occurrence of sub in s, left
// to right, without overlaps.
func indexAll(s, sub string) []int {
	var out []int
	for from := 0; sub != ""; {
		i := strings.Index(s[from:], sub)
		if i < 0 {
			break
		}
		out = append(out, from+i)
		from += i + len(sub)
	}
	return out
}

// obligation finds the earliest obligation marker of a clause.
func obligation(lower string) (roleCue, bool) {
	best := roleCue{start: -1}
	for _, m := range obligationMarkers {
		for _, i := range indexAll(lower, m) {
			from := i + len(m)
			if i > 0 && lower[i-1] != ' ' && lower[i-1] != ',' {
				continue
			}
			if m == "thống nhất" && hasAnyPrefix(strings.TrimSpace(lower[from:]), agreedWhat) {
				continue
			}
			if best.start < 0 || i < best.start {
				best = roleCue{regnet.RolePerform, i, from}
			}
			break
		}
	}
	return best, best.start >= 0
}

// roleCues is a matcher of the ontology's role cues, valued by the cue's
// words (lower case).
func roleCues(o *Ontology) *matcher {
	m := newMatcher()
	for _, r := range o.Roles {
		for _, c := range r.Cues {
			m.add(c, strings.ToLower(c), false)
		}
	}
	return m
}

// cueRole returns the role a cue states in a clause (lower case): a
// COORDINATE cue is SUPPORT when the clause limits the help to a request
// ("khi có yêu cầu"), as in statements.go.
func (o *Ontology) cueRole(cue, clause string) string {
	for _, r := range o.Roles {
		for _, c := range r.Cues {
			if strings.ToLower(c) != cue {
				continue
			}
			if r.Code == regnet.RoleCoordinate && containsAny(clause, o.Grammar.Requests) {
				return regnet.RoleSupport
			}
			return r.Code
		}
	}
	return ""
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// endsWithAny reports whether s ends with one of words as whole words.
func endsWithAny(s string, words []string) bool {
	for _, w := range words {
		if _, ok := cutWordSuffix(s, w); ok {
			return true
		}
	}
	return false
}

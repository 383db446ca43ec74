package loader

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/regnet/regnet"
)

// A plan says when reports are due ("Báo cáo năm gửi trước ngày 20/12 hằng
// năm") and when its reviews and meetings are held ("sơ kết 6 tháng, tổng
// kết hằng năm", "họp định kỳ hằng quý"). planSchedules reads them from the
// plan's body as regnet.Schedule values, each with who reports or meets,
// who receives the report, and the provision it is stated in.
//
// Who reports is read, in this order, from the clause itself (the bodies
// named before the verb: "Các sở, ngành gửi báo cáo về …"), from the
// lead-in a bullet hangs from ("… gửi báo cáo về Sở Công Thương theo các
// mốc sau:") and from the heading of the section the clause stands in
// ("Trách nhiệm của Sở Công Thương"). Recipients come from the clause, else
// from the clause before it in the same paragraph ("báo cáo UBND tỉnh …;
// báo cáo tổng kết … trước ngày …"), else from the lead-in.

// meetingCues name a review or meeting (lower case) and its schedule kind.
var meetingCues = []struct{ cue, kind string }{
	{"sơ kết", regnet.ScheduleReview},
	{"tổng kết", regnet.ScheduleSummary},
	{"họp định kỳ", regnet.ScheduleMeeting},
	{"họp giao ban", regnet.ScheduleMeeting},
	{"giao ban", regnet.ScheduleMeeting},
}

// rePeriod is a period as written: "định kỳ 6 tháng", "hằng quý",
// "6 tháng đầu năm", "cuối năm".
var rePeriod = regexp.MustCompile(`(?i)định kỳ(?:\s+(?:hằng|hàng)\s+(?:năm|quý|tháng|tuần)|\s+\d{1,2}\s+tháng)?|(?:hằng|hàng)\s+(?:năm|quý|tháng|tuần)|\d{1,2}\s+tháng(?:\s+(?:đầu|cuối)\s+năm)?|cuối năm|giữa kỳ|đột xuất`)

// rePeriodMore continues a period: "định kỳ hàng quý, năm hoặc đột xuất".
var rePeriodMore = regexp.MustCompile(`^(?:\s*,\s*|\s+(?:hoặc|và)\s+)(?:(?:hằng|hàng)\s+)?(?i:năm|quý|tháng|đột xuất)`)

// periodAt returns the first period written in text, with the periods
// added to it, or "".
func periodAt(text string) string {
	loc := rePeriod.FindStringIndex(text)
	if loc == nil {
		return ""
	}
	end := loc[1]
	for {
		m := rePeriodMore.FindStringIndex(text[end:])
		if m == nil {
			break
		}
		end += m[1]
	}
	return text[loc[0]:end]
}

// reportVerbs open what the reporter does; the bodies named before the
// first of them are the reporters.
var reportVerbs = []string{"gửi", "báo cáo", "tổng hợp"}

// planSchedules returns the schedules set by a plan's body provisions
// (as parsePlanBody returns them).
func (p *docParser) planSchedules(provs []regnet.Provision) []regnet.Schedule {
	byID := map[string]regnet.Provision{}
	for _, pr := range provs {
		byID[pr.ID] = pr
	}
	var out []regnet.Schedule
	for _, pr := range provs {
		if strings.TrimSpace(pr.Text) == "" {
			continue
		}
		var found []regnet.Schedule
		var to []string // recipients of the paragraph's last clause that named some
		for _, c := range clauses([]Line{{No: pr.Line, Text: pr.Text}}) {
			ms := p.ont.findAgencies(c.text)
			recv := receivers(c.text, ms)
			if r := p.resolveMentions(addressees(c.text, ms, recv), nil); len(r) > 0 {
				to = r
			}
			if !containsAny(strings.ToLower(c.text), sendVerbs) {
				// A date in a clause that sends nothing is a task's
				// deadline, or a meeting's (below).
				found = append(found, p.meetings(c.text, ms, recv, pr, byID)...)
				continue
			}
			for _, rd := range reportingDeadlines([]Line{{No: c.line, Text: c.text}}) {
				by := rd.ISO()
				s := regnet.Schedule{
					Kind: regnet.ScheduleReport, Text: c.text, When: rd.When, By: &by, Provision: pr.ID,
					Agencies: p.actors(c.text, ms, recv, reportVerbs, pr, byID),
					To:       p.recipients(to, pr, byID),
				}
				found = append(found, s)
			}
			found = append(found, p.meetings(c.text, ms, recv, pr, byID)...)
		}
		for i := range found {
			found[i].ID = fmt.Sprintf("%s#schedule/%d", pr.ID, i+1)
			for _, id := range append(append([]string{}, found[i].Agencies...), found[i].To...) {
				p.keep[id] = true
			}
		}
		out = append(out, found...)
	}
	return out
}

// meetings returns the reviews and meetings a clause sets: one per cue
// ("sơ kết (định kỳ 6 tháng), tổng kết (định kỳ hằng năm)" is two), each
// with the period written after it. A report on a review ("báo cáo sơ
// kết") is a report, read by the deadline reader.
func (p *docParser) meetings(text string, ms []mention, recv []bool, pr regnet.Provision, byID map[string]regnet.Provision) []regnet.Schedule {
	lower := strings.ToLower(text)
	type hit struct {
		at   int
		kind string
	}
	var hits []hit
	taken := make([]bool, len(lower))
	for _, mc := range meetingCues {
		for _, i := range indexAll(lower, mc.cue) {
			from := i + len(mc.cue)
			if taken[i] || strings.HasSuffix(strings.TrimSpace(lower[:i]), "báo cáo") {
				continue
			}
			for k := i; k < from; k++ {
				taken[k] = true
			}
			hits = append(hits, hit{i, mc.kind})
		}
	}
	var out []regnet.Schedule
	for _, h := range hits {
		end := len(text)
		for _, o := range hits {
			if o.at > h.at && o.at < end {
				end = o.at
			}
		}
		s := regnet.Schedule{
			Kind: h.kind, Text: text, Provision: pr.ID, To: []string{},
			Agencies: p.actors(text[:h.at], ms, recv, nil, pr, byID),
		}
		if rds := reportingDeadlines([]Line{{Text: text[h.at:end]}}); len(rds) > 0 {
			by := rds[0].ISO()
			s.When, s.By = rds[0].When, &by
		} else if s.When = periodAt(text[h.at:end]); s.When == "" {
			s.When = periodAt(text[h.at:])
		}
		out = append(out, s)
	}
	return out
}

// actors returns who reports or meets: the bodies named in text before the
// first of verbs (all of text when verbs is nil) that do not receive, else
// the reporters of the lead-in the provision hangs from, else the agency the
// heading of its section names.
func (p *docParser) actors(text string, ms []mention, recv []bool, verbs []string, pr regnet.Provision, byID map[string]regnet.Provision) []string {
	end := len(text)
	lower := strings.ToLower(text)
	for _, v := range verbs {
		if i := strings.Index(lower, v); i >= 0 && i < end {
			end = i
		}
	}
	var subj []mention
	for i, m := range ms {
		if m.end <= end && !recv[i] {
			subj = append(subj, m)
		}
	}
	if out := p.resolveMentions(subj, nil); len(out) > 0 {
		return out
	}
	if lead := bulletLeadIn(pr, byID); lead != "" {
		lms := p.ont.findAgencies(lead)
		return p.actors(lead, lms, receivers(lead, lms), verbs, regnet.Provision{}, nil)
	}
	for id := pr.ID; id != ""; {
		sec, ok := byID[id]
		if !ok {
			break
		}
		if ms := p.ont.findAgencies(taskName(sec.Heading)); len(ms) > 0 && ms[0].start == 0 {
			return p.resolveMentions(ms[:1], nil)
		}
		id = ""
		if sec.Parent != nil {
			id = *sec.Parent
		}
	}
	return []string{}
}

// recipients returns the clause's recipients, else those of the lead-in
// the provision hangs from.
func (p *docParser) recipients(to []string, pr regnet.Provision, byID map[string]regnet.Provision) []string {
	if len(to) > 0 {
		return to
	}
	if lead := bulletLeadIn(pr, byID); lead != "" {
		lms := p.ont.findAgencies(lead)
		// The purpose clause names the recipient's own report onwards:
		// "… về Sở Công Thương để tổng hợp, báo cáo Ban Chỉ đạo …".
		recv := receivers(lead, lms)
		if i := strings.Index(lead, " để "); i >= 0 {
			for k, m := range lms {
				if m.start > i {
					recv[k] = false
				}
			}
		}
		return p.resolveMentions(addressees(lead, lms, recv), nil)
	}
	return []string{}
}

// addressees returns the receiving mentions that a report is addressed
// to, leaving out a channel in parentheses ("về Sở Công Thương (qua Chi
// cục Quản lý thị trường)").
func addressees(text string, ms []mention, recv []bool) []mention {
	var out []mention
	for i, m := range ms {
		if recv[i] && strings.Count(text[:m.start], "(") <= strings.Count(text[:m.start], ")") {
			out = append(out, m)
		}
	}
	return out
}

// bulletLeadIn returns the sentence a bullet hangs from: the last sentence of
// its parent's text when that ends with a colon ("… theo các mốc sau:").
func bulletLeadIn(pr regnet.Provision, byID map[string]regnet.Provision) string {
	if pr.Parent == nil || !strings.Contains(pr.Path, ", ") {
		return ""
	}
	parent, ok := byID[*pr.Parent]
	if !ok {
		return ""
	}
	t := strings.TrimSpace(parent.Text)
	if !strings.HasSuffix(t, ":") {
		return ""
	}
	cs := clauses([]Line{{Text: t}})
	return cs[len(cs)-1].text
}

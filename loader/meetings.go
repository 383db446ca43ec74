package loader

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/regnet/regnet"
)

// Meetings and reviews a quy chế sets ("sơ kết 6 tháng", "tổng kết hằng
// năm", "họp định kỳ", "giao ban") are facts of their own: who holds them,
// how often, and where it is written.

// reMeeting finds a meeting or review and the period written right after
// it ("sơ kết (định kỳ 6 tháng)").
var reMeeting = regexp.MustCompile(`(?i)(?:hội nghị\s+)?(sơ kết|tổng kết|giao ban|họp định kỳ|cuộc họp|phiên họp|hội nghị)(\s*\(?\s*(?:` + reTime.String() + `)\s*\)?)?`)

// readMeetings records the meetings and reviews a statement's clauses set.
func (p *docParser) readMeetings(n *node, r *reading, st *statement) {
	for _, ci := range st.clauses {
		c := r.clauses[ci]
		text := r.text[r.toks[c.from].start:r.toks[c.to-1].end]
		for _, m := range reMeeting.FindAllStringSubmatchIndex(text, -1) {
			kind := regnet.ScheduleMeeting
			switch strings.ToLower(text[m[2]:m[3]]) {
			case "sơ kết":
				kind = regnet.ScheduleReview
			case "tổng kết":
				kind = regnet.ScheduleSummary
			}
			when := ""
			if m[4] >= 0 {
				when = strings.Trim(text[m[4]:m[5]], " ()")
			} else {
				when = r.when(c.segment)
			}
			id := fmt.Sprintf("%s#schedule/%d", n.prov.ID, p.schedules[n.prov.ID]+1)
			p.schedules[n.prov.ID]++
			p.ds.Schedules = append(p.ds.Schedules, regnet.Schedule{
				ID: id, Kind: kind, Agencies: []string{st.holder.ID}, To: reportReceivers(st),
				Text: strings.TrimSpace(text), When: when, Provision: n.prov.ID,
			})
		}
	}
}

// reportReceivers returns the agencies a statement reports to: the
// receivers of the results of its reviews.
func reportReceivers(st *statement) []string {
	out := []string{}
	for _, r := range st.reports {
		out = append(out, r.Agency)
	}
	return out
}

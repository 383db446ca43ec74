package loader

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/regnet/regnet"
)

// Deadlines in plans are written in a handful of ways: a date ("20/12/2025",
// "02/2026", "tháng 02/2026", "Năm 2026"), an ongoing duty ("Thường xuyên"),
// a cycle ("Định kỳ …", "Hằng năm") or a condition ("Theo chỉ đạo của cấp
// trên", "Sau khi …"). parseDeadline reads the kind from how the cell opens,
// so that "Định kỳ, thường xuyên" is periodic and "02/2026 và định kỳ …" is
// a date.

var (
	reDeadlineDay     = regexp.MustCompile(`^(?:(?:trước|đến|hạn)\s+)?(?:ngày\s+)?(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\b`)
	reDeadlineMonth   = regexp.MustCompile(`^(?:(?:trước|đến|trong)\s+)?(?:tháng\s+)?(\d{1,2})\s*/\s*(\d{4})\b`)
	reDeadlineMonthVN = regexp.MustCompile(`^(?:(?:trước|đến|trong)\s+)?tháng\s+(\d{1,2})\s+năm\s+(\d{4})\b`)
	reDeadlineQuarter = regexp.MustCompile(`^(?:(?:trước|đến|trong)\s+)?quý\s+(i{1,3}|iv|[1-4])\s*(?:/|năm)\s*(\d{4})\b`)
	reDeadlineRange   = regexp.MustCompile(`^(?:(?:giai đoạn|từ năm|từ)\s+)?((?:19|20)\d{2})\s*(?:-|–|đến)\s*(?:năm\s+)?((?:19|20)\d{2})\b`)
	reDeadlineYear    = regexp.MustCompile(`^(?:(?:trước|đến|trong|cuối|hết)\s+)*(?:năm\s+)?((?:19|20)\d{2})\b`)
)

// deadlineCues are the openings of non-date deadlines, in the order they are
// tried; the kind of the first cue the folded text starts with wins.
var deadlineCues = []struct {
	prefix, kind string
	whole        bool // the text must be the cue alone
}{
	{"thuong", regnet.DeadlineRecurring, true}, // "Thường" cut from "xuyên" by a cell break
	{"dinh ky", regnet.DeadlinePeriodic, false},
	{"hang nam", regnet.DeadlinePeriodic, false},
	{"hang quy", regnet.DeadlinePeriodic, false},
	{"hang thang", regnet.DeadlinePeriodic, false},
	{"hang tuan", regnet.DeadlinePeriodic, false},
	{"thuong xuyen", regnet.DeadlineRecurring, false},
	{"lien tuc", regnet.DeadlineRecurring, false},
	{"theo chi dao", regnet.DeadlineConditional, false},
	{"theo yeu cau", regnet.DeadlineConditional, false},
	{"theo ke hoach", regnet.DeadlineConditional, false},
	{"theo quy dinh", regnet.DeadlineConditional, false},
	{"theo de nghi", regnet.DeadlineConditional, false},
	{"theo chi", regnet.DeadlineConditional, false}, // "Theo chỉ" cut from "đạo"
	{"sau khi", regnet.DeadlineConditional, false},
	{"ngay sau khi", regnet.DeadlineConditional, false},
	{"khi co", regnet.DeadlineConditional, false},
	{"khi duoc", regnet.DeadlineConditional, false},
	{"khi can", regnet.DeadlineConditional, false},
	{"dot xuat", regnet.DeadlineConditional, false},
}

// parseDeadline reads a deadline cell or phrase. Kind is empty when the text
// says nothing this reader knows; the caller decides what to warn.
func parseDeadline(raw string) regnet.Deadline {
	raw = strings.Join(strings.Fields(raw), " ")
	d := regnet.Deadline{Raw: raw}
	lower := strings.ToLower(raw)
	if date, prec, ok := leadingDate(lower); ok {
		d.Kind = regnet.DeadlineDate
		d.Date, d.Precision = &date, &prec
		return d
	}
	folded := regnet.Fold(raw)
	for _, c := range deadlineCues {
		if c.whole && folded == c.prefix || !c.whole && hasWordPrefix(folded, c.prefix) {
			d.Kind = c.kind
			return d
		}
	}
	return d
}

// leadingDate reads a date at the start of lower-case text: the date and
// its precision.
func leadingDate(s string) (date, precision string, ok bool) {
	if m := reDeadlineDay.FindStringSubmatch(s); m != nil {
		day, month, year := atoiOr(m[1]), atoiOr(m[2]), atoiOr(m[3])
		if validDay(year, month, day) {
			return fmt.Sprintf("%04d-%02d-%02d", year, month, day), regnet.PrecisionDay, true
		}
	}
	if m := reDeadlineMonth.FindStringSubmatch(s); m != nil {
		if month := atoiOr(m[1]); month >= 1 && month <= 12 {
			return fmt.Sprintf("%s-%02d", m[2], month), regnet.PrecisionMonth, true
		}
	}
	if m := reDeadlineMonthVN.FindStringSubmatch(s); m != nil {
		if month := atoiOr(m[1]); month >= 1 && month <= 12 {
			return fmt.Sprintf("%s-%02d", m[2], month), regnet.PrecisionMonth, true
		}
	}
	if m := reDeadlineQuarter.FindStringSubmatch(s); m != nil {
		q := map[string]int{"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}[m[1]]
		return fmt.Sprintf("%s-%02d", m[2], q*3), regnet.PrecisionMonth, true
	}
	if m := reDeadlineRange.FindStringSubmatch(s); m != nil {
		return m[2], regnet.PrecisionYear, true // a period is due by its last year
	}
	if m := reDeadlineYear.FindStringSubmatch(s); m != nil {
		return m[1], regnet.PrecisionYear, true
	}
	return "", "", false
}

func validDay(year, month, day int) bool {
	if month < 1 || month > 12 || day < 1 {
		return false
	}
	days := [...]int{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if day > days[month-1] {
		return false
	}
	leap := year%4 == 0 && (year%100 != 0 || year%400 == 0)
	return month != 2 || day <= 28 || leap
}

func atoiOr(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}

// hasWordPrefix reports whether folded text starts with prefix followed by
// a word boundary.
func hasWordPrefix(s, prefix string) bool {
	if !strings.HasPrefix(s, prefix) {
		return false
	}
	if len(s) == len(prefix) {
		return true
	}
	c := s[len(prefix)]
	return !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80)
}

// Reporting kinds of a plan's reporting deadlines.
const (
	reportMonthly   = "MONTHLY"
	reportQuarterly = "QUARTERLY"
	reportHalfYear  = "HALF_YEAR"
	reportAnnual    = "ANNUAL"
	reportMidterm   = "MIDTERM"
	reportFinal     = "FINAL"
	reportOther     = "OTHER"
)

// reportingDeadline is a "report before day X" rule of a plan's text.
type reportingDeadline struct {
	What string // reportMonthly … reportFinal, reportOther
	// By is an ISO date for a one-off deadline ("2027-12-20"), "DD/MM" for a
	// yearly one ("30/9") and the day alone for a monthly one ("20").
	By        string
	Recurring bool   // By repeats every year or month
	Context   string // the clause it was read from, for provenance and for who reports
	Line      int    // line where the clause starts
	// When is the deadline as written: "trước ngày 30/9", "trước ngày 20
	// hằng tháng".
	When string
	// Start and End are the byte span of When in Context.
	Start, End int
}

// ISO returns By in the form regnet.Schedule keeps: the date of a one-off
// deadline, "--MM-DD" for a yearly one and "---DD" for a monthly one.
func (rd reportingDeadline) ISO() string {
	if !rd.Recurring {
		return rd.By
	}
	day, month, ok := strings.Cut(rd.By, "/")
	if !ok {
		return fmt.Sprintf("---%02d", atoiOr(rd.By))
	}
	return fmt.Sprintf("--%02d-%02d", atoiOr(month), atoiOr(day))
}

var (
	reBefore = regexp.MustCompile(`(?i)trước ngày\s+(\d{1,2})(?:\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?)?`)
	// reRepeats is the period that may follow a day: "… 20 hằng tháng".
	reRepeats = regexp.MustCompile(`^\s+(?i:hằng|hàng)\s+(?i:năm|quý|tháng)`)
)

// reportingCues classify the words before (or just after) a deadline; the
// first cue found wins, so "6 tháng" comes before "tháng" and "năm".
var reportingCues = []struct{ cue, what string }{
	{"tong ket", reportFinal},
	{"so ket", reportMidterm},
	{"giua ky", reportMidterm},
	{"6 thang", reportHalfYear},
	{"sau thang", reportHalfYear},
	{"hang quy", reportQuarterly},
	{"hang thang", reportMonthly},
	{"hang nam", reportAnnual},
	{"bao cao nam", reportAnnual},
	{"cua nam", reportAnnual},
}

// reportingDeadlines finds "trước ngày …" deadlines in a plan's text. Lines
// are joined into clauses (split at ";" and at sentence ends) so that a
// deadline wrapped over two lines is still found; each deadline is classed by
// the words between the clause start (or the previous deadline) and it.
func reportingDeadlines(lines []Line) []reportingDeadline {
	var out []reportingDeadline
	for _, c := range clauses(lines) {
		prev := 0
		for _, m := range reBefore.FindAllStringSubmatchIndex(c.text, -1) {
			rd := reportingDeadline{Context: c.text, Line: c.line, Start: m[0], End: m[1]}
			if r := reRepeats.FindString(c.text[m[1]:]); r != "" {
				rd.End += len(r)
			}
			rd.When = c.text[rd.Start:rd.End]
			day := c.text[m[2]:m[3]]
			var month, year string
			if m[4] >= 0 {
				month = c.text[m[4]:m[5]]
			}
			if m[6] >= 0 {
				year = c.text[m[6]:m[7]]
			}
			after := regnet.Fold(firstWords(c.text[m[1]:], 3))
			before := regnet.Fold(c.text[prev:m[0]])
			rd.What = reportOther
			for _, cue := range reportingCues {
				if strings.Contains(before, cue.cue) {
					rd.What = cue.what
					break
				}
			}
			switch {
			case year != "":
				rd.By = fmt.Sprintf("%s-%02d-%02d", year, atoiOr(month), atoiOr(day))
			case month != "":
				rd.By = day + "/" + month // as written: "30/9", "05/10"
				rd.Recurring = true
			default:
				rd.By = day
				rd.Recurring = true
			}
			if rd.What == reportOther { // "Trước ngày 05/10 hằng năm tổng hợp, báo cáo …"
				switch {
				case strings.Contains(after, "hang thang"):
					rd.What = reportMonthly
				case strings.Contains(after, "hang quy"):
					rd.What = reportQuarterly
				case strings.Contains(after, "hang nam"):
					rd.What = reportAnnual
				}
			}
			out = append(out, rd)
			prev = m[1]
		}
	}
	return out
}

type clause struct {
	text string
	line int
}

var reSentenceEnd = regexp.MustCompile(`;|\.\s+(?:\p{Lu}|-)|\.$`)

// clauses joins lines into clauses: a bullet or numbered line starts a new
// one, a wrapped line continues the previous one, and text is cut at ";" and
// at sentence ends.
func clauses(lines []Line) []clause {
	var paras []clause
	var b strings.Builder
	prev := ""
	for i, l := range lines {
		t := l.Text
		if i == 0 || isBulletLine(t) || reNumbered.MatchString(t) || rePlanPoint.MatchString(t) ||
			strings.HasSuffix(prev, ".") || strings.HasSuffix(prev, ";") || strings.HasSuffix(prev, ":") {
			if i > 0 {
				paras[len(paras)-1].text = b.String()
				b.Reset()
			}
			paras = append(paras, clause{line: l.No})
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(t)
		prev = t
	}
	if len(paras) > 0 {
		paras[len(paras)-1].text = b.String()
	}
	var out []clause
	for _, p := range paras {
		text := p.text
		for text != "" {
			loc := reSentenceEnd.FindStringIndex(text)
			if loc == nil {
				out = append(out, clause{text: text, line: p.line})
				break
			}
			end := loc[0] + 1
			out = append(out, clause{text: strings.TrimSpace(text[:end]), line: p.line})
			text = strings.TrimSpace(text[end:])
		}
	}
	return out
}

// firstWords returns up to n words of s.
func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}

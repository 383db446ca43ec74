package loader

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The effective-date clause ("… có hiệu lực …") of a decision, in Điều 2 or
// 3 or a sentence after the articles. It gives a date, the issue date
// ("kể từ ngày ký"), the issue date plus some days ("sau 10 (mười) ngày kể
// từ ngày ký"), or an event the text does not date ("sau 15 ngày kể từ
// ngày đăng Công báo"): then the rule is kept and the date is left empty.

var (
	reInForce     = regexp.MustCompile(`(?i)có\s*hiệu\s*lực(?:\s*thi\s*hành)?(?:\s*chính\s*thức)?\s*,?\s*`)
	reFromDate    = regexp.MustCompile(`^(?:kể\s*)?từ\s*ngày\s*(\d{1,2})\s*(?:tháng|ngày)\s*(\d{1,2})\s*năm\s*(\d{4})`)
	reFromNumeric = regexp.MustCompile(`^(?:kể\s*)?từ\s*ngày\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})`)
	reFromSigning = regexp.MustCompile(`^(?:kể\s*)?từ\s*(?:ngày\s*)?(?:ký|ban\s*hành)`)
	reAfterDays   = regexp.MustCompile(`^sau\s*(\d+)\s*(?:\([^)]*\)\s*)?ngày\s*(?:làm việc\s*)?,?\s*(?:kể\s*)?từ\s*(?:ngày\s*)?(ký|ban\s*hành)?`)
	reBlankDate   = regexp.MustCompile(`ngày\s*[.…_]*\s*tháng`) // a draft's date left blank
	reFromEvent   = regexp.MustCompile(`^(?:sau\s*\d+\s*(?:\([^)]*\)\s*)?ngày\s*,?\s*)?(?:kể\s*)?từ\s*(?:ngày\s*)?[^.;,]{2,60}`)
)

// readEffective finds the first effective-date clause in text and returns
// the date and, for a relative clause, the rule as written.
func readEffective(text string, issued *string) (date, rule *string, found bool) {
	for _, loc := range reInForce.FindAllStringIndex(text, -1) {
		rest := text[loc[1]:]
		if m := reFromDate.FindStringSubmatch(rest); m != nil {
			if d, err := isoDate(m[1], m[2], m[3]); err == nil {
				return &d, nil, true
			}
		}
		if m := reFromNumeric.FindStringSubmatch(rest); m != nil {
			if d, err := isoDate(m[1], m[2], m[3]); err == nil {
				return &d, nil, true
			}
		}
		if reFromSigning.MatchString(rest) {
			return issued, nil, true
		}
		if m := reAfterDays.FindStringSubmatch(rest); m != nil && m[2] != "" {
			r := strings.Join(strings.Fields(m[0]), " ")
			days, _ := strconv.Atoi(m[1])
			return addDays(issued, days), &r, true
		}
		if m := reFromEvent.FindString(rest); m != "" && !reBlankDate.MatchString(m) {
			r, _, _ := strings.Cut(m, " và ")
			r = strings.Join(strings.Fields(r), " ")
			return nil, &r, true
		}
	}
	return nil, nil, false
}

// addDays returns an ISO date days after date, or nil without a date.
func addDays(date *string, days int) *string {
	if date == nil {
		return nil
	}
	t, err := time.Parse("2006-01-02", *date)
	if err != nil {
		return nil
	}
	d := t.AddDate(0, 0, days).Format("2006-01-02")
	return &d
}

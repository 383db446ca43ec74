package loader

import (
	"regexp"
	"strings"

	"github.com/regnet/regnet"
)

// Document numbers, and which of the numbers a sentence cites are documents
// of their own rather than words of another document's title.

var (
	// reDocNumber matches a document number as written: "83/2025/QĐ-UBND",
	// "125/KH-UBND", "11-CT/TU", "01/QĐ-BCĐ389", "72/2025/QH15", the old
	// "96/TTg", and the damaged forms cited numbers take: "1458/SCT- NL",
	// "31/2012/TTLT-BCT-BKH &ĐT".
	reDocNumber = regexp.MustCompile(`\b\d+(?:-[\p{Lu}Đ]+)?(?:/\d{4})?/[\p{Lu}Đ][\p{L}0-9]*(?:-[\p{L}0-9]+|-\s[\p{Lu}0-9]+\b|\s?&\s?[\p{Lu}][\p{L}0-9]*)*`)
	// reNumberGaps is a space a header put inside its own number
	// ("12 /2020/QĐ- UBND").
	reNumberGaps = regexp.MustCompile(`\s*([/-])\s*`)
	// reCitedKinds names the kinds of document a legal basis can be; "Thông
	// số" is a frequent typo of "Thông tư".
	citedKinds = `(?:luật|bộ luật|pháp lệnh|hiến pháp|nghị định|nghị quyết|quyết định|chỉ thị|thông tư liên tịch|thông tư|thông số|kế hoạch|công văn|văn bản hợp nhất|văn bản|hướng dẫn|thông báo|kết luận|quy chế|quy định|chương trình|đề án|công điện|báo cáo|điều lệ)`
	// reOwnCitation ends the text before a number when the number opens a
	// citation of its own: at the start, or after "và", "," or ";" and a
	// kind ("…; và Quyết định số 36/2024/…"); a law names itself before its
	// number ("Luật Tổ chức chính quyền địa phương số 72/2025/QH15"). A
	// number after a verb ("… thực hiện Chỉ thị số 30-CT/TW") belongs to the
	// cited document's title.
	reOwnCitation = regexp.MustCompile(`(?i)(?:^|[,;(]|\s(?:và|hoặc|đồng thời))\s*(?:(?:các\s+)?` + citedKinds + `(?:\s+số)?\s*:?|(?:luật|bộ luật|pháp lệnh)(?:\s+[\p{L},]+){0,12}?\s+số\s*:?)?\s*$`)
)

// numberKey is the form numbers are compared in (regnet.NumberKey).
func numberKey(n string) string { return regnet.NumberKey(n) }

// cleanNumber trims what a number's pattern may have taken from around it.
func cleanNumber(n string) string {
	return strings.Join(strings.Fields(n), " ")
}

// citedNumbers returns the numbers of the documents a clause cites in its
// own right, in order: the first number of each ";" segment, and any later
// one that opens a citation of its own. Numbers inside a cited document's
// title are left out.
func citedNumbers(clause string) []string {
	var out []string
	for _, seg := range strings.Split(clause, ";") {
		locs := reDocNumber.FindAllStringIndex(seg, -1)
		for i, loc := range locs {
			if i > 0 && !reOwnCitation.MatchString(seg[:loc[0]]) {
				continue
			}
			out = append(out, cleanNumber(seg[loc[0]:loc[1]]))
		}
	}
	return out
}

// addNumber appends n to list unless a number with the same key is there
// already or it is one of the skipped numbers (the document's own).
func addNumber(list []string, n string, skip ...*string) []string {
	k := numberKey(n)
	for _, s := range skip {
		if s != nil && numberKey(*s) == k {
			return list
		}
	}
	for _, x := range list {
		if numberKey(x) == k {
			return list
		}
	}
	return append(list, n)
}

// kindOfCode reads a document's kind from its number's code: QĐ, KH, CT,
// NQ ("12/2020/QĐ-UBND", "842-TB/TU").
func kindOfCode(number string) string {
	code := number
	if strings.Contains(number, "/") {
		parts := strings.Split(number, "/")
		code = parts[len(parts)-1]
		if j := strings.Index(parts[0], "-"); j >= 0 {
			code = parts[0][j+1:] // Party style: "11-CT/TU"
		}
	}
	code, _, _ = strings.Cut(code, "-")
	switch strings.ToUpper(code) {
	case "QĐ":
		return regnet.KindQuyetDinh
	case "KH":
		return regnet.KindKeHoach
	case "CT":
		return regnet.KindChiThi
	case "NQ":
		return regnet.KindNghiQuyet
	}
	return ""
}

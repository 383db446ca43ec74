package regnet

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold turns Vietnamese text into its search form: decomposed, combining
// marks dropped, đ/Đ as d, lower case, runs of white space as one space.
// Stores index the folded text and fold queries the same way, so "hai quan"
// finds "Hải quan" (Neo4j's folding analyzer drops real syllables such as
// "an" as English stop words, so folding happens here).
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case unicode.IsSpace(r):
			if !space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.TrimRight(b.String(), " ")
}

// Slug turns a name into an id part: folded, letters and digits kept, every
// other run of characters as one "-".
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range Fold(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
			continue
		}
		if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-")
}

// End returns the last ISO day a DATE deadline allows ("2026-02" ends on
// "2026-02-28", "2026" on "2026-12-31"), or "" for other kinds.
func (d Deadline) End() string {
	if d.Kind != DeadlineDate || d.Date == nil {
		return ""
	}
	return periodEnd(*d.Date)
}

func periodEnd(date string) string {
	switch len(date) {
	case 4: // year
		return date + "-12-31"
	case 7: // year-month
		y, m := atoi(date[:4]), atoi(date[5:])
		days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
		d := days[(m+11)%12]
		if m == 2 && (y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
			d = 29
		}
		return date + "-" + string(rune('0'+d/10)) + string(rune('0'+d%10))
	}
	return date
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// NumberKey is the form document numbers are compared in: letters, digits
// and the slashes between a number's parts, folded, so that "1458/SCT- NL" and "1458/SCT-NL", or
// "BKH &ĐT" and "BKH&ĐT", are one number. Numbers are kept as written; only
// comparisons use the key.
func NumberKey(n string) string {
	var b strings.Builder
	for _, r := range Fold(n) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '/' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

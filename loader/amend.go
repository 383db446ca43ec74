package loader

import (
	"regexp"
	"strings"
)

// reAmendedRef is a reference to a provision in the words that follow an
// amendment cue: "Điều 7", "khoản 3 Điều 7", "khoản 3 và khoản 4 Điều 7",
// "điểm c khoản 4 Điều 7", "điểm a, điểm b khoản 2 Điều 5". The points
// (group 1) and clauses (group 2) are lists; the article is group 3, with
// the letter of an inserted one ("Điều 9a").
var reAmendedRef = regexp.MustCompile(`(?i)((?:điểm\s+[a-zđ](?:\s*,\s*|\s+và\s+|\s+))*)((?:khoản\s+\d+(?:\s*,\s*|\s+và\s+|\s+))*)(?:của\s+)?điều\s+(\d+[a-z]?)(?:[^\p{L}\d]|$)`)

var (
	rePointRef  = regexp.MustCompile(`(?i)điểm\s+([a-zđ])`)
	reClauseRef = regexp.MustCompile(`(?i)khoản\s+(\d+)`)
)

// amendCue returns the byte offset in text of the first amendment cue
// (amendCues), or -1 when there is none or lower-casing would move the
// offsets (a letter whose lower case has another length).
func amendCue(text string) int {
	lower := strings.ToLower(text) // same byte offsets: Vietnamese letters keep their length
	if len(lower) != len(text) {
		return -1
	}
	first := -1
	for _, c := range amendCues {
		if i := strings.Index(lower, c); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	return first
}

// amendedProvisions returns the provisions an action names after an
// amendment cue ("sửa đổi, bổ sung khoản 3 Điều 7 Quy chế …", "bãi bỏ điểm
// c khoản 4 Điều 7"), as provision paths ("Điều 7 khoản 3", "Điều 7 khoản 4
// điểm c"), in the order written, each once. Points are read as those of
// the clause they stand before; where a list of points comes before several
// clauses, which clause each belongs to is not written, so the clauses are
// kept and the points left out.
func amendedProvisions(text string) []string {
	out := []string{}
	first := amendCue(text)
	if first < 0 {
		return out
	}
	add := func(path string) {
		if !contains(out, path) {
			out = append(out, path)
		}
	}
	for _, m := range reAmendedRef.FindAllStringSubmatch(text[first:], -1) {
		article := "Điều " + m[3]
		var clauses, points []string
		for _, c := range reClauseRef.FindAllStringSubmatch(m[2], -1) {
			clauses = append(clauses, c[1])
		}
		for _, p := range rePointRef.FindAllStringSubmatch(m[1], -1) {
			points = append(points, strings.ToLower(p[1]))
		}
		switch {
		case len(clauses) == 0:
			add(article)
		case len(clauses) == 1 && len(points) > 0:
			for _, p := range points {
				add(article + " khoản " + clauses[0] + " điểm " + p)
			}
		default:
			for _, c := range clauses {
				add(article + " khoản " + c)
			}
		}
	}
	return out
}

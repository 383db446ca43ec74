package loader

import (
	"strings"
)

// A body a text reports to, submits to or sends a file to for appraisal is
// not one the holder works with: "tổng hợp, báo cáo UBND tỉnh", "gửi báo
// cáo về Sở Công Thương", "trình Chủ tịch UBND tỉnh", "gửi Sở Nội vụ thẩm
// định". These readers tell such bodies apart from co-ordinators.

// recipientCues are the verbs (lower case) whose object is the body that
// receives: a mention right after one of them, or after one of them and a
// preposition of direction, is a recipient.
var recipientCues = []string{"báo cáo", "gửi", "trình", "tham mưu", "đề xuất", "kiến nghị", "xin ý kiến"}

// directionWords may stand between a recipient cue and the body ("báo cáo
// về", "tham mưu cho", "gửi đến").
var directionWords = []string{"về", "cho", "lên", "tới", "đến"}

// sendVerbs make a plain "về X" a destination ("gửi báo cáo tình hình …
// về Sở Công Thương") rather than a topic ("quy định về hải quan").
var sendVerbs = []string{"gửi", "báo cáo"}

// appraisalCues follow the body that appraises or checks a file ("Sở Nội vụ
// thẩm định").
var appraisalCues = []string{"thẩm định", "thẩm tra", "xem xét, thẩm định"}

// listGlue may join the bodies of one list of recipients: "báo cáo UBND
// tỉnh, Ban Chỉ đạo 389 quốc gia", "về Sở Công Thương (qua Chi cục …)".
var listGlue = []string{",", "và", "hoặc", "/", "(qua", "qua", "(", "-", "–"}

// receivers marks the mentions of text that name a body that receives a
// report or a submission, or appraises one: receivers(…)[i] is true for
// ms[i]. Mentions are in text order.
func receivers(text string, ms []mention) []bool {
	out := make([]bool, len(ms))
	clauseStart := 0
	for i, m := range ms {
		prevEnd := clauseStart
		if i > 0 {
			prevEnd = ms[i-1].end
		}
		if j := strings.LastIndexAny(text[:m.start], ";.:"); j >= clauseStart {
			clauseStart = j + 1
		}
		if i > 0 && out[i-1] && prevEnd >= clauseStart && isGlue(text[prevEnd:m.start]) {
			out[i] = true // the list goes on
			continue
		}
		before := strings.ToLower(strings.TrimSpace(text[max(clauseStart, 0):m.start]))
		if endsWithCue(before, text[clauseStart:m.start]) {
			out[i] = true
			continue
		}
		after := strings.ToLower(strings.TrimSpace(text[m.end:]))
		for _, c := range appraisalCues {
			if strings.HasPrefix(after, c) {
				out[i] = true
			}
		}
	}
	return out
}

// endsWithCue reports whether the words before a mention (lower case, its
// clause only) end with a recipient cue, optionally followed by a word of
// direction.
func endsWithCue(before, clause string) bool {
	for _, d := range directionWords {
		if rest, ok := cutWordSuffix(before, d); ok {
			for _, c := range recipientCues {
				if _, ok := cutWordSuffix(rest, c); ok {
					return true
				}
			}
			if d == "về" && containsAny(strings.ToLower(clause), sendVerbs) {
				return true
			}
		}
	}
	for _, c := range recipientCues {
		if _, ok := cutWordSuffix(before, c); ok {
			return true
		}
	}
	return false
}

// cutWordSuffix removes word w from the end of s when s ends with it as a
// whole word.
func cutWordSuffix(s, w string) (string, bool) {
	if !strings.HasSuffix(s, w) {
		return s, false
	}
	rest := s[:len(s)-len(w)]
	if rest != "" && !strings.HasSuffix(rest, " ") && !strings.HasSuffix(rest, ",") && !strings.HasSuffix(rest, "(") {
		return s, false
	}
	return strings.TrimSpace(rest), true
}

// isGlue reports whether the text between two mentions only joins them
// into one list.
func isGlue(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	for s != "" {
		cut := false
		for _, g := range listGlue {
			if strings.HasPrefix(s, g) {
				s = strings.TrimSpace(s[len(g):])
				cut = true
				break
			}
		}
		if !cut {
			return false
		}
	}
	return true
}

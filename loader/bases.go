package loader

import (
	"regexp"
	"strings"
)

// Legal bases and replaced documents. The preamble between the title and
// the articles lists what the document rests on ("Căn cứ …", "Thực hiện
// …"), then who proposed it ("Theo đề nghị …", "Xét đề nghị …"), which is
// never a basis. What the document replaces is said in its own articles.

var (
	// reBasisLead opens a basis clause, with the damage copies carry: a
	// typo ("Cản cứ"), lost first letters ("n cứ …"), a list dash.
	reBasisLead = regexp.MustCompile(`^(?:[-+•]\s*|\d+\.\s*|[a-zđ]\)\s*)?(?:\p{L}{0,3}n\s*c[ứưuú](?:[\s:,]|$)|Thực\s*hiện[\s:])`)
	// reProposal opens a proposal: the proposing body and its Tờ trình,
	// Công văn or report, which are not legal bases.
	reProposal = regexp.MustCompile(`(?i)^(?:[-+•]\s*)?(?:theo|xét)\s+(?:đề\s*nghị|đề\s*xuất|tờ\s*trình|báo\s*cáo|văn\s*bản|công\s*văn)`)
	// reProposalIn finds a proposal that a clause runs into.
	reProposalIn = regexp.MustCompile(`(?i)[;,.]?\s*(?:theo|xét)\s+(?:đề\s*nghị|đề\s*xuất|tờ\s*trình)`)
	// reCitedKindLead opens a line that continues a list of bases without
	// repeating "Căn cứ" ("Nghị định số …;").
	reCitedKindLead = regexp.MustCompile(`(?i)^(?:[-+•]\s*|\d+\.\s*|[a-zđ]\)\s*)?` + citedKinds + `\s`)
	// reLostLead is a line whose first letters are gone ("ố 09/2019/NĐ-CP
	// …"): a lower-case fragment before a number.
	reLostLead = regexp.MustCompile(`^\p{Ll}{1,4}\s*(?:\d+[/-]|(?i:` + citedKinds + `)\s)`)
)

// readBases returns the numbers of the legal bases in lines[from:to], the
// preamble; in a list of bases (a plan's "CĂN CỨ" section) a line that
// opens with a cited kind is a basis from the start.
func readBases(lines []Line, from, to int, list bool) []string {
	bases := []string{}
	lastBasis := list // the clause before was a basis
	ended := true     // the line before ended a clause
	for i := from; i < to && i < len(lines); i++ {
		t := lines[i].Text
		startsClause := ended || reBasisLead.MatchString(t) || reProposal.MatchString(t)
		wasEnded := ended
		ended = endsClause(t)
		if !startsClause {
			continue
		}
		basis := reBasisLead.MatchString(t) && !reProposal.MatchString(t)
		switch {
		case basis:
		case reProposal.MatchString(t) || isUpper(t):
			lastBasis = false
			continue
		case lastBasis && reCitedKindLead.MatchString(t):
			basis = true // a basis on its own line, the "Căn cứ" said once above
		case wasEnded && reLostLead.MatchString(t) && !strings.Contains(strings.ToLower(t), "đề nghị"):
			basis = true // "Căn cứ …" lost with the line's first letters
		default:
			lastBasis = false
			continue
		}
		para := t
		j := i + 1
		for ; j < to && !endsClause(para) && !startsPreambleClause(lines[j].Text) && !isUpper(lines[j].Text); j++ {
			para = joinBroken(para, lines[j].Text)
		}
		i = j - 1
		ended = true
		if loc := reProposalIn.FindStringIndex(para); loc != nil && loc[0] > 0 {
			para = para[:loc[0]]
		}
		lastBasis = true
		for _, n := range citedNumbers(para) {
			bases = addNumber(bases, n)
		}
	}
	return bases
}

// joinBroken joins a line to the next, without a space where a number was
// cut at its "/" or "-" ("19/2016/QĐ-" + "TTg").
func joinBroken(a, b string) string {
	if strings.HasSuffix(a, "/") || (strings.HasSuffix(a, "-") && !strings.HasSuffix(a, " -")) {
		return a + b
	}
	return a + " " + b
}

func startsPreambleClause(s string) bool {
	return reBasisLead.MatchString(s) || reProposal.MatchString(s) || headingKind(s) != ""
}

func endsClause(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, ";") || strings.HasSuffix(s, ".") || strings.HasSuffix(s, ":") || strings.HasSuffix(s, ",")
}

var (
	// reReplaces names what a document does to earlier ones: "thay thế",
	// "bãi bỏ"; a passive ("được thay thế bởi", "bị thay thế") is a
	// portal's note about a later document and is left out.
	reReplaces = regexp.MustCompile(`(?i)(?:thay\s*thế|bãi\s*bỏ)\s+`)
	rePassive  = regexp.MustCompile(`(?i)(?:được|bị|đã được|đã bị)\s*$`)
	reByLater  = regexp.MustCompile(`(?i)^(?:bởi|bằng)\s`)
	reLapses   = regexp.MustCompile(`(?i)hết\s*hiệu\s*lực`)
	// rePartOf is an object that names a part of a document, not the
	// document: "bãi bỏ khoản 3 Điều 7 của Quyết định số …", "thay thế
	// Điều 5, Phụ lục II …", "bãi bỏ một số điều …". Repealing or replacing
	// a part leaves the document in force, so its number is not replaced.
	rePartOf   = regexp.MustCompile(`(?i)^(?:[(“"]?\s*)(?:điểm\s+\S+|khoản\s+\d+|điều\s+\d+|chương\s+[IVXLC\d]+|mục\s+[IVXLC\d]+|phụ\s*lục|(?:một\s+số|các|những)\s+(?:điều|khoản|điểm|nội\s*dung|quy\s*định))`)
	reProposed = regexp.MustCompile(`(?i)(?:đề xuất|kiến nghị|đề nghị|xem xét|rà soát)[^.;]{0,60}$`)
	reItself   = regexp.MustCompile(`(?i)(?:kế hoạch|quyết định|chỉ thị|nghị quyết|quy chế) này`)
	// reSentences splits the decision's text into sentences, at a full
	// stop or an article's number; a ";" list stays in its sentence.
	reSentences = regexp.MustCompile(`\.\s+|\./\.|\s+Điều\s+\d+\s*[.:]`)
)

// readReplaces returns the numbers of the documents that text (the
// document's own articles) replaces, repeals or ends. A part of a document
// repealed or replaced ("bãi bỏ khoản 3 Điều 7 của Quyết định số …") does
// not end it, so its number is not listed. A task to propose a
// repeal ("đề xuất bãi bỏ …") repeals nothing; in a plan, whose body is
// tasks, only a sentence about the plan itself ("Kế hoạch này thay thế …")
// counts.
func readReplaces(text string, own *string, plan bool) []string {
	out := []string{}
	for _, s := range reSentences.Split(text, -1) {
		if plan && !reItself.MatchString(s) {
			continue
		}
		for _, loc := range reReplaces.FindAllStringIndex(s, -1) {
			if rePassive.MatchString(s[:loc[0]]) || reByLater.MatchString(s[loc[1]:]) || reProposed.MatchString(s[:loc[0]]) ||
				rePartOf.MatchString(s[loc[1]:]) {
				continue
			}
			for _, n := range citedNumbers(s[loc[1]:]) {
				out = addNumber(out, n, own)
			}
		}
		if loc := reLapses.FindStringIndex(s); loc != nil && !rePassive.MatchString(s[:loc[0]]) {
			before := s[:loc[0]]
			if i := strings.LastIndex(strings.ToLower(before), "hiệu lực"); i >= 0 {
				before = before[i:] // "… có hiệu lực …, Quyết định số … hết hiệu lực"
			}
			for _, n := range citedNumbers(before) {
				out = addNumber(out, n, own)
			}
		}
	}
	return out
}

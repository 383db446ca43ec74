package loader

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/regnet/regnet"
)

// The structure step turns a decision or quy chế into its provisions:
// Chương → Điều → khoản → điểm. A Quyết định's own articles (part DECISION)
// and those of the quy chế it issues (part REGULATION) share numbers; the part
// keeps their ids apart.

var (
	reChapter = regexp.MustCompile(`^(?i:chương)\s+([IVXLCDM]+|\d+)\b\.?\s*(.*)$`)
	// "Điều 7. …", "Điều 7: …", "Điều 7 …" at the start of a line; a
	// sentence that merely cites an article ("Điều 3 của Quyết định") has a
	// lower-case word after the number and is not taken.
	reArticle = regexp.MustCompile(`^Điều\s+(\d+)\s*(?:[.:]\s*(.*)|$|\s+(\p{Lu}.*))$`)
	reClause  = regexp.MustCompile(`^(\d{1,2})\s*\.\s*(\S.*)?$`)
	rePoint   = regexp.MustCompile(`^([a-zđ])\s*\)\s*(.*)$`)
)

// vietAlphabet orders điểm letters: a b c d đ e g h i k l m n …
const vietAlphabet = "abcdđeghiklmnopqrstuvxy"

// node is a provision while the tree is being built.
type node struct {
	prov     regnet.Provision
	level    int // 0 chapter, 1 article, 2 clause, 3 point
	lines    []string
	children []*node
	parent   *node
}

func (n *node) text() string { return strings.Join(n.lines, "\n") }

// body returns the node's text after its first line (for a khoản whose first
// line is a heading naming an agency).
func (n *node) body() string {
	if len(n.lines) <= 1 {
		return ""
	}
	return strings.Join(n.lines[1:], "\n")
}

// regulation is the provision tree of a decision and its quy chế.
type regulation struct {
	chapters []*node // chapters of the REGULATION part, in order
	articles []*node // all articles, both parts, in order
	all      []*node // every node in document order
}

// parseRegulation reads articles from lines[from:]. quyChe is the index of
// the line heading the attached quy chế ("QUY CHẾ"), or -1.
func parseRegulation(src *source, doc string, from, quyChe int, warn func(line int, format string, args ...any)) *regulation {
	r := &regulation{}
	part := regnet.PartDecision
	if quyChe >= 0 && quyChe <= from {
		part = regnet.PartRegulation
	}
	var chapter, article, clause, point *node
	var current *node // where continuation lines go
	lastArticle, lastChapter := 0, 0
	skipping := false // inside "Nơi nhận" or a signature block
	add := func(n *node, parent *node) {
		n.parent = parent
		if parent != nil {
			parent.children = append(parent.children, n)
			p := parent.prov.ID
			n.prov.Parent = &p
		}
		r.all = append(r.all, n)
	}
	for i := from; i < len(src.lines); i++ {
		ln := src.lines[i]
		t := ln.Text
		if i == quyChe && part == regnet.PartDecision {
			part, chapter, article, clause, point, current, lastArticle, skipping = regnet.PartRegulation, nil, nil, nil, nil, nil, 0, false
			continue
		}
		if isRecipients(t) || isSignatureStart(t) {
			skipping, current = true, nil
			continue
		}
		if m := reChapter.FindStringSubmatch(t); m != nil && (m[2] == "" || isUpper(m[2])) {
			if part == regnet.PartDecision && quyChe < 0 {
				part = regnet.PartRegulation
			}
			skipping = false
			label := m[1]
			num := chapterNumber(label)
			if lastChapter > 0 && num != lastChapter+1 && part == regnet.PartRegulation {
				warn(ln.No, "Chương %s follows chapter %d: a chapter heading may be missing", label, lastChapter)
			}
			lastChapter = num
			n := &node{level: 0, prov: regnet.Provision{
				ID: regnet.ProvisionID(doc, part+"/ch-"+label), Document: doc, Part: part,
				Path: "Chương " + label, Chapter: strPtr(label), Line: ln.No,
			}}
			heading := strings.TrimSpace(m[2])
			for heading == "" || (i+1 < len(src.lines) && isUpper(src.lines[i+1].Text) && !isStructural(src.lines[i+1].Text)) {
				if i+1 >= len(src.lines) || !isUpper(src.lines[i+1].Text) || isStructural(src.lines[i+1].Text) {
					break
				}
				i++
				heading = strings.TrimSpace(heading + " " + src.lines[i].Text)
			}
			n.prov.Heading = heading
			add(n, nil)
			if part == regnet.PartRegulation {
				r.chapters = append(r.chapters, n)
			}
			chapter, article, clause, point, current = n, nil, nil, nil, n
			continue
		}
		if m := reArticle.FindStringSubmatch(t); m != nil {
			num, _ := strconv.Atoi(m[1])
			if part == regnet.PartDecision && lastArticle > 0 && num == 1 && quyChe < 0 {
				// The numbering starts again: the quy chế follows the decision.
				part, chapter = regnet.PartRegulation, nil
			}
			if lastArticle > 0 && num != lastArticle+1 {
				warn(ln.No, "Điều %d follows Điều %d", num, lastArticle)
			}
			if lastArticle == 0 && num > 1 && len(r.articles) == 0 {
				warn(ln.No, "Điều %d is the first article: the articles before it are missing from this copy", num)
			}
			lastArticle = num
			skipping = false
			heading := strings.TrimSpace(m[2] + m[3])
			n := &node{level: 1, lines: []string{heading}, prov: regnet.Provision{
				ID: regnet.ProvisionID(doc, fmt.Sprintf("%s/%d", part, num)), Document: doc, Part: part,
				Path: articlePath(part, num), Article: intPtr(num), Line: ln.No, Heading: heading,
			}}
			if chapter != nil && part == regnet.PartRegulation {
				n.prov.Chapter = chapter.prov.Chapter
				add(n, chapter)
			} else {
				add(n, nil)
			}
			r.articles = append(r.articles, n)
			article, clause, point, current = n, nil, nil, n
			continue
		}
		if skipping {
			continue
		}
		if article != nil {
			if m := reClause.FindStringSubmatch(t); m != nil && !strings.Contains(t[:len(m[1])+1], ",") {
				num, _ := strconv.Atoi(m[1])
				last := 0
				for _, c := range article.children {
					if c.level == 2 {
						last = *c.prov.Clause
					}
				}
				if num == last+1 {
					first := strings.TrimSpace(m[2])
					n := &node{level: 2, lines: []string{first}, prov: regnet.Provision{
						ID: fmt.Sprintf("%s/%d", article.prov.ID, num), Document: doc, Part: part,
						Path: fmt.Sprintf("%s khoản %d", article.prov.Path, num), Chapter: article.prov.Chapter,
						Article: article.prov.Article, Clause: intPtr(num), Line: ln.No,
					}}
					if looksLikeHeading(first) {
						n.prov.Heading = strings.TrimRight(first, " :")
					}
					add(n, article)
					clause, point, current = n, nil, n
					continue
				}
			}
			if m := rePoint.FindStringSubmatch(t); m != nil {
				parent := clause
				if parent == nil {
					parent = article
				}
				if pointFollows(parent, m[1]) {
					n := &node{level: 3, lines: []string{strings.TrimSpace(m[2])}, prov: regnet.Provision{
						ID: parent.prov.ID + "/" + m[1], Document: doc, Part: part,
						Path: parent.prov.Path + " điểm " + m[1], Chapter: parent.prov.Chapter,
						Article: parent.prov.Article, Clause: parent.prov.Clause, Point: strPtr(m[1]), Line: ln.No,
					}}
					if parent == article {
						n.prov.ID = article.prov.ID + "/-/" + m[1]
					}
					add(n, parent)
					point, current = n, n
					continue
				}
			}
		}
		if current != nil {
			current.lines = append(current.lines, t)
		}
	}
	_ = point
	for _, n := range r.all {
		n.prov.Text = strings.TrimSpace(n.text())
	}
	return r
}

// chapterNumber reads a chapter label, Roman ("IV") or Arabic ("1").
func chapterNumber(label string) int {
	if n, err := strconv.Atoi(label); err == nil {
		return n
	}
	values := map[rune]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100, 'D': 500, 'M': 1000}
	n, prev := 0, 0
	for i := len(label) - 1; i >= 0; i-- {
		v := values[rune(label[i])]
		if v < prev {
			n -= v
		} else {
			n += v
			prev = v
		}
	}
	return n
}

// pointFollows reports whether letter is the next điểm under parent.
func pointFollows(parent *node, letter string) bool {
	last := -1
	for _, c := range parent.children {
		if c.level == 3 {
			last = letterIndex(*c.prov.Point)
		}
	}
	return letterIndex(letter) == last+1
}

func letterIndex(letter string) int {
	for i, r := range []rune(vietAlphabet) {
		if string(r) == letter {
			return i
		}
	}
	return -2
}

func articlePath(part string, num int) string {
	if part == regnet.PartDecision {
		return fmt.Sprintf("Quyết định, Điều %d", num)
	}
	return fmt.Sprintf("Điều %d", num)
}

// looksLikeHeading reports whether a khoản's first line is a title (an
// agency's name, "Trách nhiệm của …") rather than a sentence.
func looksLikeHeading(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, ";") {
		return false
	}
	return len(strings.Fields(s)) <= 24
}

func isRecipients(s string) bool {
	return strings.HasPrefix(s, "Nơi nhận")
}

// isSignatureStart reports whether a line opens a signature block
// ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH").
func isSignatureStart(s string) bool {
	for _, p := range []string{"TM. ", "KT. ", "TL. ", "Q. CHỦ TỊCH"} {
		if strings.HasPrefix(s, p) && isUpper(s) {
			return true
		}
	}
	return false
}

func isStructural(s string) bool {
	return reArticle.MatchString(s) || reChapter.MatchString(s)
}

// isUpper reports whether s has letters and all of them are upper case.
func isUpper(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return letters > 0
}

func strPtr(s string) *string { return &s }
func intPtr(n int) *int       { return &n }

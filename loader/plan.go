package loader

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/regnet/regnet"
)

// A kế hoạch's body is a tree of Roman sections ("I. MỤC ĐÍCH, YÊU CẦU"),
// numbered sub-sections ("1.", "2.1.", "2.1.3."), lettered points ("a)")
// and bullets ("-", "+"). parsePlanBody turns it into provisions of part
// PLAN with paths such as "IV.2.3" and "IV.2.1, gạch 2"; planTaskSections
// and planTargets read the sections that assign tasks and set targets. All
// of it works on text alone; planwire.go turns the result into the plan's
// actions, agencies and deadlines.

var (
	rePlanRoman    = regexp.MustCompile(`^([IVXL]+)\s*\.\s*(\S.*)?$`)
	reNumbered     = regexp.MustCompile(`^(\d{1,2}(?:\.\d{1,2}){0,3})(\.|\s)\s*(\S.*)?$`)
	rePlanPoint    = regexp.MustCompile(`^([a-zđ])\s*\)\s*(.*)$`)
	rePlanBullet   = regexp.MustCompile(`^([-–•+])\s*(\S.*)?$`)
	rePercent      = regexp.MustCompile(`(\d{1,3}(?:[.,]\d+)?)\s*%`)
	reTargetYear   = regexp.MustCompile(`^(?:(?:đến|trong|cuối|hết|tới)\s+)*năm\s+((?:19|20)\d{2})\b`)
	reAppendixHead = regexp.MustCompile(`^(?:PHỤ LỤC|Phụ lục)(?:\s|$|\s*[IVX\d]+)`)
)

// Plan body levels: a node's level says what may be its child.
const (
	planRoman = iota
	planNumbered
	planPoint
	planDash
	planPlus
)

// planNode is a plan provision while the tree is built.
type planNode struct {
	prov     regnet.Provision
	level    int
	number   []int // numbered sections: the components ("2.1" → 2, 1)
	lines    []string
	children []*planNode
	parent   *planNode
	dashes   int // bullets counted under this node
	pluses   int
}

// responsibilityHeadings open the section of a plan that gives each agency
// its tasks (folded, matched as prefixes of the heading).
var responsibilityHeadings = []string{
	"phan cong trach nhiem",
	"phan cong nhiem vu",
	"phan cong thuc hien",
	"to chuc thuc hien",
	"trach nhiem thuc hien",
	"trach nhiem cua cac",
	"trach nhiem cac",
	"nhiem vu cua cac",
	"nhiem vu cu the cua cac",
}

// taskHeadingPrefixes are stripped from a task section's heading to leave
// the agency's name ("Trách nhiệm của Sở Công Thương" → "Sở Công Thương").
var taskHeadingPrefixes = []string{"Trách nhiệm của ", "Nhiệm vụ của ", "Đối với ", "Giao "}

// parsePlanBody reads a plan's body: from its first Roman section "I." to the
// appendix ("PHỤ LỤC"), the recipients ("Nơi nhận"), the signature block or
// the closing formula ("Trên đây là …", a line ending "./."). Ids are
// doc + "#PLAN/" + key, where the key is the path with bullets as "/-N" and
// "/+N" ("IV.2.1/-2").
func parsePlanBody(lines []Line, doc string) ([]regnet.Provision, []regnet.Warning) {
	var warns []regnet.Warning
	warn := func(line int, format string, args ...any) {
		warns = append(warns, regnet.Warning{Line: line, Message: fmt.Sprintf(format, args...)})
	}
	start, first := -1, -1
	for i, l := range lines {
		if m := rePlanRoman.FindStringSubmatch(l.Text); m != nil && m[2] != "" {
			if m[1] == "I" {
				start = i
				break
			}
			if first < 0 && isUpper(m[2]) {
				first = i // an extract that starts further on
			}
		}
	}
	lastRoman := 0
	if start < 0 && first >= 0 {
		start = first
		lastRoman = chapterNumber(rePlanRoman.FindStringSubmatch(lines[first].Text)[1]) - 1
	}
	if start < 0 {
		if len(lines) > 0 {
			warn(lines[0].No, "no plan sections found: no Roman section \"I.\"")
		}
		return nil, warns
	}
	var all []*planNode
	var roman *planNode
	var stack []*planNode // open nodes below the Roman section, outermost first
	var current *planNode // where continuation lines go
	add := func(n, parent *planNode) {
		n.parent = parent
		n.prov.Document = doc
		n.prov.Part = regnet.PartPlan
		if parent != nil {
			parent.children = append(parent.children, n)
			id := parent.prov.ID
			n.prov.Parent = &id
			n.prov.Chapter = parent.prov.Chapter
		}
		all = append(all, n)
		current = n
	}
	// popTo closes open nodes until the innermost one has a level below lvl.
	popTo := func(lvl int) *planNode {
		for len(stack) > 0 && stack[len(stack)-1].level >= lvl {
			stack = stack[:len(stack)-1]
		}
		if len(stack) > 0 {
			return stack[len(stack)-1]
		}
		return roman
	}
	for i := start; i < len(lines); i++ {
		ln := lines[i]
		t := ln.Text
		if endsPlanBody(t) {
			break
		}
		if strings.Trim(t, "-–_=*. ") == "" {
			continue // a rule drawn with dashes
		}
		next := ""
		if i+1 < len(lines) {
			next = lines[i+1].Text
		}
		if m := rePlanRoman.FindStringSubmatch(t); m != nil && m[2] != "" && chapterNumber(m[1]) == lastRoman+1 {
			lastRoman++
			heading := m[2]
			for i+1 < len(lines) && isUpper(lines[i+1].Text) && !rePlanRoman.MatchString(lines[i+1].Text) && !reNumbered.MatchString(lines[i+1].Text) && !endsPlanBody(lines[i+1].Text) {
				i++ // a heading wrapped over two lines
				heading += " " + lines[i].Text
			}
			n := &planNode{level: planRoman}
			n.prov.ID = doc + "#PLAN/" + m[1]
			n.prov.Path = m[1]
			n.prov.Chapter = strPtr(m[1])
			n.prov.Heading = heading
			n.prov.Line = ln.No
			roman = n
			stack = nil
			add(n, nil)
			continue
		}
		if num, rest, ok := planNumber(t); ok && roman != nil {
			if parent, ok := numberedParent(roman, stack, num); ok {
				for len(stack) > 0 && stack[len(stack)-1] != parent {
					stack = stack[:len(stack)-1]
				}
				n := &planNode{level: planNumbered, number: num}
				n.prov.Path = roman.prov.Path + "." + joinInts(num, ".")
				n.prov.ID = doc + "#PLAN/" + n.prov.Path
				n.prov.Line = ln.No
				setHeading(n, rest, next)
				add(n, parent)
				stack = append(stack, n)
				continue
			}
		}
		if m := rePlanPoint.FindStringSubmatch(t); m != nil && roman != nil {
			parent := popTo(planPoint)
			if pointNext(parent, m[1]) {
				n := &planNode{level: planPoint}
				n.prov.Path = parent.prov.Path + "." + m[1]
				n.prov.ID = doc + "#PLAN/" + n.prov.Path
				n.prov.Point = strPtr(m[1])
				n.prov.Line = ln.No
				setHeading(n, m[2], next)
				add(n, parent)
				stack = append(stack, n)
				continue
			}
		}
		if m := rePlanBullet.FindStringSubmatch(t); m != nil && m[2] != "" && roman != nil {
			var parent *planNode
			n := &planNode{level: planDash}
			if m[1] == "+" {
				parent = popTo(planPlus)
				if parent.level == planDash {
					n.level = planPlus
				}
			} else {
				parent = popTo(planDash)
			}
			key, label := "-", "gạch"
			count := &parent.dashes
			if n.level == planPlus {
				key, label, count = "+", "ý", &parent.pluses
			}
			*count++
			n.prov.Path = fmt.Sprintf("%s, %s %d", parent.prov.Path, label, *count)
			n.prov.ID = fmt.Sprintf("%s/%s%d", parent.prov.ID, key, *count)
			n.prov.Line = ln.No
			n.lines = []string{m[2]}
			add(n, parent)
			stack = append(stack, n)
			continue
		}
		if current == nil {
			continue
		}
		// A new paragraph after a bullet belongs to the section, not the bullet.
		if current.level >= planDash && !startsLower(t) && endsSentence(lastLine(current)) {
			for len(stack) > 0 && stack[len(stack)-1].level >= planDash {
				stack = stack[:len(stack)-1]
			}
			current = roman
			if len(stack) > 0 {
				current = stack[len(stack)-1]
			}
		}
		current.lines = append(current.lines, t)
	}
	out := make([]regnet.Provision, 0, len(all))
	for _, n := range all {
		n.prov.Text = joinWrapped(n.lines)
		out = append(out, n.prov)
	}
	return out, warns
}

// endsPlanBody reports whether a line closes a plan's body.
func endsPlanBody(t string) bool {
	return reAppendixHead.MatchString(t) || isRecipients(t) || isSignatureStart(t) ||
		strings.HasPrefix(t, "Trên đây là") || strings.HasSuffix(t, "./.") && startsUpper(t)
}

// planNumber reads "2.1." or "2.1 " at the start of a line followed by an
// upper-case word; a lone number needs its dot ("2." but not "2 ").
func planNumber(t string) ([]int, string, bool) {
	m := reNumbered.FindStringSubmatch(t)
	if m == nil || m[3] == "" || !startsUpper(m[3]) {
		return nil, "", false
	}
	parts := strings.Split(m[1], ".")
	if len(parts) == 1 && m[2] != "." {
		return nil, "", false
	}
	num := make([]int, len(parts))
	for i, p := range parts {
		num[i], _ = strconv.Atoi(p)
	}
	return num, m[3], true
}

// numberedParent finds where a numbered heading goes: "2.1" under the open
// "2", "3" under the Roman section after "2". It fails when the number does
// not follow (a wrapped line that starts with a number).
func numberedParent(roman *planNode, stack []*planNode, num []int) (*planNode, bool) {
	parent := roman
	if len(num) > 1 {
		parent = nil
		for _, n := range stack {
			if n.level == planNumbered && equalInts(n.number, num[:len(num)-1]) {
				parent = n
			}
		}
		if parent == nil {
			return nil, false
		}
	}
	last := 0
	for _, c := range parent.children {
		if c.level == planNumbered && len(c.number) == len(num) {
			last = c.number[len(num)-1]
		}
	}
	return parent, num[len(num)-1] == last+1
}

func pointNext(parent *planNode, letter string) bool {
	last := -1
	for _, c := range parent.children {
		if c.level == planPoint {
			last = letterIndex(*c.prov.Point)
		}
	}
	return letterIndex(letter) == last+1
}

// setHeading splits a numbered line into heading and text: the rest of the
// line is a heading unless the next line continues it as running text.
func setHeading(n *planNode, rest, next string) {
	if next != "" && startsLower(next) && !rePlanPoint.MatchString(next) {
		n.lines = append(n.lines, rest)
		return
	}
	n.prov.Heading = strings.TrimSpace(rest)
}

// joinWrapped joins a provision's lines: lines cut by the page width join
// with a space, lines that end a sentence with a line break.
func joinWrapped(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			if endsSentence(lines[i-1]) {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

func lastLine(n *planNode) string {
	if len(n.lines) == 0 {
		return ""
	}
	return n.lines[len(n.lines)-1]
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, " ”\")")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, ";") || strings.HasSuffix(s, ":") ||
		strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?")
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

func isBulletLine(s string) bool {
	m := rePlanBullet.FindStringSubmatch(s)
	return m != nil && m[2] != "" && !strings.HasPrefix(m[2], "-")
}

func joinInts(n []int, sep string) string {
	s := make([]string, len(n))
	for i, v := range n {
		s[i] = strconv.Itoa(v)
	}
	return strings.Join(s, sep)
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// taskSection is one sub-section of a plan's responsibility section: the
// heading names the agency, the bullets are its tasks.
type taskSection struct {
	Provision string // provision id of the sub-section
	Path      string // "IV.2.1"
	Heading   string // "Bộ Chỉ huy Bộ đội Biên phòng", "Trách nhiệm của Sở Công Thương"
	Name      string // the heading without "Trách nhiệm của", "Đối với" …: the agency to look up
	Text      string // the sub-section's own text (tasks written as paragraphs)
	Line      int
	Bullets   []taskBullet
}

// taskBullet is one "-" bullet of a task section, with its "+" sub-bullets
// folded into Text.
type taskBullet struct {
	Index     int    // 1-based among the section's "-" bullets
	Provision string // the bullet's provision id
	Path      string // "IV.2.1, gạch 2"
	Text      string
	Line      int
}

// planTaskSections returns the sub-sections of a plan's responsibility
// section ("Phân công trách nhiệm", "Tổ chức thực hiện", "Trách nhiệm của
// các cơ quan"). Where such sections nest ("IV. TỔ CHỨC THỰC HIỆN" holding
// "2. Phân công trách nhiệm"), the innermost is used. provs are the
// provisions of one plan, as parsePlanBody returns them.
func planTaskSections(provs []regnet.Provision) []taskSection {
	children := map[string][]int{}
	for i, p := range provs {
		if p.Parent != nil {
			children[*p.Parent] = append(children[*p.Parent], i)
		}
	}
	isSection := func(p regnet.Provision) bool { return !strings.Contains(p.Path, ", ") }
	matches := map[string]bool{}
	for _, p := range provs {
		if isSection(p) && isResponsibilityHeading(p.Heading) {
			matches[p.ID] = true
		}
	}
	var out []taskSection
	for _, p := range provs {
		if !matches[p.ID] || hasMatchingDescendant(p.ID, children, provs, matches) {
			continue
		}
		for _, ci := range children[p.ID] {
			c := provs[ci]
			if !isSection(c) {
				continue
			}
			ts := taskSection{Provision: c.ID, Path: c.Path, Heading: c.Heading, Name: taskName(c.Heading), Text: c.Text, Line: c.Line}
			for _, bi := range children[c.ID] {
				b := provs[bi]
				if isSection(b) {
					continue
				}
				text := b.Text
				for _, si := range children[b.ID] {
					text += "\n+ " + provs[si].Text
				}
				ts.Bullets = append(ts.Bullets, taskBullet{Index: len(ts.Bullets) + 1, Provision: b.ID, Path: b.Path, Text: text, Line: b.Line})
			}
			out = append(out, ts)
		}
	}
	return out
}

func isResponsibilityHeading(h string) bool {
	f := regnet.Fold(h)
	for _, p := range responsibilityHeadings {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

func hasMatchingDescendant(id string, children map[string][]int, provs []regnet.Provision, matches map[string]bool) bool {
	for _, ci := range children[id] {
		c := provs[ci].ID
		if matches[c] || hasMatchingDescendant(c, children, provs, matches) {
			return true
		}
	}
	return false
}

func taskName(h string) string {
	h = strings.TrimRight(strings.TrimSpace(h), ":.")
	for _, p := range taskHeadingPrefixes {
		if len(h) > len(p) && strings.EqualFold(h[:len(p)], p) {
			return strings.TrimSpace(h[len(p):])
		}
	}
	return h
}

// objectiveHeading opens a plan's objectives section ("II. MỤC TIÊU",
// "2. Mục tiêu cụ thể").
func objectiveHeading(h string) bool { return strings.HasPrefix(regnet.Fold(h), "muc tieu") }

// planTargets reads a plan's targets from its objectives section: the "-"
// bullets under sub-sections that name a year ("Đến hết năm 2021", "Năm
// 2026"), and, where the specific objectives ("Mục tiêu cụ thể") have no
// yearly sub-sections, the bullets that state a percentage.
func planTargets(provs []regnet.Provision) []regnet.Target {
	byID := map[string]int{}
	children := map[string][]int{}
	for i, p := range provs {
		byID[p.ID] = i
		if p.Parent != nil {
			children[*p.Parent] = append(children[*p.Parent], i)
		}
	}
	inObjectives := func(p regnet.Provision) bool {
		for {
			if objectiveHeading(p.Heading) {
				return true
			}
			if p.Parent == nil {
				return false
			}
			p = provs[byID[*p.Parent]]
		}
	}
	yearOf := func(p regnet.Provision) *int {
		m := reTargetYear.FindStringSubmatch(strings.ToLower(p.Heading))
		if m == nil {
			return nil
		}
		y, _ := strconv.Atoi(m[1])
		return &y
	}
	var out []regnet.Target
	for _, p := range provs {
		if strings.Contains(p.Path, ", ") || !inObjectives(p) {
			continue
		}
		year := yearOf(p)
		specific := strings.Contains(regnet.Fold(p.Heading), "cu the")
		if year == nil && !specific {
			continue
		}
		if year == nil {
			for _, ci := range children[p.ID] {
				if yearOf(provs[ci]) != nil {
					specific = false // the yearly sub-sections hold the targets
				}
			}
			if !specific {
				continue
			}
		}
		for _, bi := range children[p.ID] {
			b := provs[bi]
			if !strings.Contains(b.Path, ", ") {
				continue
			}
			pct := firstPercent(b.Text)
			if year == nil && pct == nil {
				continue
			}
			key := strings.TrimPrefix(b.ID, b.Document+"#PLAN/")
			out = append(out, regnet.Target{
				ID: b.Document + "#TARGET/" + key, Document: b.Document, Year: year,
				Text: b.Text, Percent: pct, Provision: b.ID,
			})
		}
	}
	return out
}

// firstPercent returns the first "NN%" of a text, or nil.
func firstPercent(s string) *float64 {
	m := rePercent.FindStringSubmatch(s)
	if m == nil {
		return nil
	}
	v, err := strconv.ParseFloat(strings.Replace(m[1], ",", ".", 1), 64)
	if err != nil {
		return nil
	}
	return &v
}

package loader

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/regnet/regnet"
)

// An appendix may also come as a table with its cells between "|" (a
// Markdown or text export of the original): one row per line, the first
// row naming the columns. parsePipeTable reads such a table; the columns
// are told apart by their names, not their order, so that "Nội dung" or
// "Nhiệm vụ", "Thời gian" or "Thời hạn" are all understood.

// pipeColumns map folded column-name prefixes to the cells they hold.
var pipeColumns = []struct {
	prefix string
	col    string
}{
	{"stt", "no"}, {"tt", "no"}, {"so tt", "no"},
	{"nhiem vu", "text"}, {"noi dung", "text"}, {"hoat dong", "text"}, {"giai phap", "text"}, {"hanh dong", "text"},
	{"thoi gian", "deadline"}, {"thoi han", "deadline"}, {"tien do", "deadline"},
	{"san pham", "output"}, {"ket qua", "output"},
	{"co quan chu tri", "leads"}, {"don vi chu tri", "leads"}, {"chu tri", "leads"},
	{"co quan phoi hop", "coordinators"}, {"don vi phoi hop", "coordinators"}, {"phoi hop", "coordinators"},
}

// isPipeRow reports whether a line is a row of a "|" table.
func isPipeRow(t string) bool {
	return strings.HasPrefix(t, "|") && strings.Count(t, "|") >= 3
}

// pipeCells splits a "|" row into its trimmed cells.
func pipeCells(t string) []string {
	t = strings.TrimSpace(t)
	t = strings.TrimPrefix(strings.TrimSuffix(t, "|"), "|")
	cells := strings.Split(t, "|")
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return cells
}

// isRuleRow is the "|---|---|" line under a Markdown header.
func isRuleRow(cells []string) bool {
	for _, c := range cells {
		if strings.Trim(c, "-: ") != "" {
			return false
		}
	}
	return true
}

// parsePipeTable reads the "|" table of an appendix (lines from its
// heading on). A row with only its number and its task cell filled, the
// number a Roman numeral or a letter, opens a task group; without such
// rows every row is in group 1.
func parsePipeTable(lines []Line) ([]appendixRow, []regnet.Warning) {
	var rows []appendixRow
	var warns []regnet.Warning
	var cols map[string]int
	group, groupTitle, groupLine, inGroup := 1, "", 0, 0
	for _, l := range lines {
		if !isPipeRow(l.Text) {
			continue
		}
		cells := pipeCells(l.Text)
		if isRuleRow(cells) {
			continue
		}
		if cols == nil {
			cols = pipeHeader(cells)
			if cols["text"] < 0 || cols["leads"] < 0 {
				warns = append(warns, regnet.Warning{Line: l.No, Message: "appendix table: no task or lead column among " + strings.Join(cells, ", ")})
				return nil, warns
			}
			continue
		}
		cell := func(name string) string {
			if i := cols[name]; i >= 0 && i < len(cells) {
				return cells[i]
			}
			return ""
		}
		no, text := cell("no"), stripBullet(cell("text"))
		if g := cell("group"); g != "" && g != groupTitle && cols["group"] >= 0 {
			if len(rows) > 0 || inGroup > 0 {
				group++
			}
			groupTitle, groupLine, inGroup = g, l.No, 0
		}
		if text == "" {
			continue
		}
		if cell("leads") == "" && cell("deadline") == "" && isGroupNumber(no) {
			if len(rows) > 0 || inGroup > 0 {
				group++
			}
			groupTitle, groupLine, inGroup = text, l.No, 0
			continue
		}
		inGroup++
		rows = append(rows, appendixRow{
			Group: group, GroupTitle: groupTitle, GroupLine: groupLine, Row: inGroup,
			Text: text, Deadline: cell("deadline"), Output: cell("output"),
			Leads: cell("leads"), Coordinators: cell("coordinators"), Line: l.No,
		})
		if cell("leads") == "" {
			warns = append(warns, regnet.Warning{Line: l.No, Message: fmt.Sprintf("appendix row %d.%d: no lead agency", group, inGroup)})
		}
	}
	return rows, warns
}

// pipeHeader finds each column's index from the header cells (-1 when
// missing).
//
// A table whose tasks are grouped under a merged first column ("Nhiệm vụ,
// giải pháp" over "Hành động cụ thể", as a .docx or web page gives it) has
// a group column: the first of two task columns.
func pipeHeader(cells []string) map[string]int {
	cols := map[string]int{"no": -1, "text": -1, "deadline": -1, "output": -1, "leads": -1, "coordinators": -1, "group": -1}
	for i, c := range cells {
		f := regnet.Fold(c)
		if strings.HasPrefix(f, "hanh dong") && cols["text"] >= 0 && cols["group"] < 0 {
			cols["group"], cols["text"] = cols["text"], i
			continue
		}
		for _, pc := range pipeColumns {
			if strings.HasPrefix(f, pc.prefix) && cols[pc.col] < 0 {
				cols[pc.col] = i
				break
			}
		}
	}
	return cols
}

// stripBullet removes the "-" or "+" a task cell opens with.
func stripBullet(s string) string {
	for _, b := range []string{"- ", "+ ", "• ", "– "} {
		if strings.HasPrefix(s, b) {
			return strings.TrimSpace(s[len(b):])
		}
	}
	return s
}

// isGroupNumber reports whether a number cell opens a group: a Roman
// numeral ("II") or a capital letter ("A"), not a row number ("3").
func isGroupNumber(s string) bool {
	s = strings.TrimRight(s, ".")
	if s == "" {
		return false
	}
	if _, err := strconv.Atoi(s); err == nil {
		return false
	}
	return strings.Trim(s, "IVXLABCDEFGH") == ""
}

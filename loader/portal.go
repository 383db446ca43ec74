package loader

import (
	"regexp"
	"strings"
)

// Legal portals put a metadata block before the text ("Số hiệu", "Loại văn
// bản", "Nơi ban hành", "Người ký", "Ngày ban hành", "Ngày hiệu lực",
// "Tình trạng"), as "key: value" lines, a "|" table, or a label with its
// value on the next line. The document's own words come first: the block
// only fills what the text leaves silent.

var rePortalLabel = regexp.MustCompile(`(?i)^(số hiệu|số ký hiệu|loại văn bản|nơi ban hành|cơ quan ban hành|người ký|ngày ban hành|ngày có hiệu lực|ngày hiệu lực|ngày hết hiệu lực|ngày công báo|số công báo|tình trạng(?: hiệu lực)?|lĩnh vực|ngày đăng)\s*:?\s*(.*)$`)

// portalInfo is what a portal's block says, by label (lower case).
type portalInfo map[string]string

// readPortal reads the portal block among lines[:end]. It returns the
// values by label and the indexes of the lines that belong to the block.
func readPortal(lines []Line, end int) (portalInfo, map[int]bool) {
	info := portalInfo{}
	used := map[int]bool{}
	type cell struct {
		line int
		text string
	}
	var all []cell
	for i := 0; i < end && i < len(lines); i++ {
		for _, c := range cells(lines[i].Text) {
			all = append(all, cell{i, c})
		}
	}
	for i := 0; i < len(all); i++ {
		m := rePortalLabel.FindStringSubmatch(all[i].text)
		if m == nil {
			continue
		}
		label, value := strings.ToLower(m[1]), strings.TrimSpace(m[2])
		if label == "số ký hiệu" {
			label = "số hiệu"
		}
		used[all[i].line] = true
		if value == "" && i+1 < len(all) && !rePortalLabel.MatchString(all[i+1].text) {
			i++
			value = all[i].text
			used[all[i].line] = true
		}
		if _, ok := info[label]; !ok && !placeholder(value) {
			info[label] = value
		}
	}
	return info, used
}

// placeholder reports whether a portal value stands for nothing ("Đang cập
// nhật", "Đã biết" behind a paywall, "Không có").
func placeholder(v string) bool {
	f := strings.ToLower(strings.Trim(v, " .…-"))
	return f == "" || strings.HasPrefix(f, "đang cập nhật") || strings.HasPrefix(f, "đã biết") || strings.HasPrefix(f, "không có") || strings.HasPrefix(f, "không xác định")
}

// date returns a portal date ("12/08/2019") as an ISO date.
func (p portalInfo) date(label string) *string {
	m := reNumericDate.FindStringSubmatch(p[label])
	if m == nil {
		return nil
	}
	d, err := isoDate(m[1], m[2], m[3])
	if err != nil {
		return nil
	}
	return &d
}

var reNumericDate = regexp.MustCompile(`(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})`)

package report

import (
	"fmt"
	"strings"

	"github.com/regnet/regnet"
)

// Lang is the language a report is written in. Its headings, column names
// and the names of codes come from regnet.Labels, the table the explorer
// and the API read too, so that a report calls a thing what the explorer
// calls it.
type Lang string

// The languages of a report. Vietnamese comes first: it is what the
// drafters read; the zero Lang is Vietnamese.
const (
	Vietnamese Lang = "vi"
	English    Lang = "en"
)

// ParseLang returns the Lang named s ("vi" or "en").
func ParseLang(s string) (Lang, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "vi", "vie", "vietnamese", "tiếng việt":
		return Vietnamese, nil
	case "en", "eng", "english":
		return English, nil
	}
	return "", fmt.Errorf("unknown language %q (want vi or en)", s)
}

// words picks a report's wording from regnet.Labels in one language.
type words struct {
	lang Lang
}

// pick returns a label in the report's language; a label missing that
// language falls back to the other one rather than to nothing.
func (w words) pick(l regnet.Label) string {
	if w.lang == English && l.EN != "" || l.VI == "" {
		return l.EN
	}
	return l.VI
}

// t returns the phrase key of the table's UI section, formatted with args
// when it has verbs (a phrase of a family, such as the plan sections, may
// not use them all). A phrase missing from the table shows its key, which
// the golden files would catch.
func (w words) t(key string, args ...any) string {
	l, ok := regnet.Labels.UI[key]
	if !ok {
		return key
	}
	phrase := w.pick(l)
	if len(args) == 0 || !strings.Contains(phrase, "%") {
		return phrase
	}
	return fmt.Sprintf(phrase, args...)
}

// named shows a code by its name with the code beside it, "Hải quan
// (CUSTOMS)", so that a reader reads the name and an analyst can still
// search for the code; an unnamed code is shown alone.
func (w words) named(table map[string]regnet.Label, code string) string {
	if code == "" {
		return ""
	}
	if l, ok := table[code]; ok {
		return w.pick(l) + " (" + code + ")"
	}
	return code
}

// name is a code's name alone (for the CSV name columns), or the code when
// the table has none.
func (w words) name(table map[string]regnet.Label, code string) string {
	if l, ok := table[code]; ok {
		return w.pick(l)
	}
	return code
}

// kind is an agency kind: "Hải quan (CUSTOMS)".
func (w words) kind(code string) string { return w.named(regnet.Labels.Kinds, code) }

// role is a duty role: "Chủ trì (LEAD)".
func (w words) role(code string) string { return w.named(regnet.Labels.Roles, code) }

// actions joins handoff actions by name with their codes: "truy đuổi
// (PURSUE), thông báo (NOTIFY)".
func (w words) actions(codes []string) string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = w.named(regnet.Labels.HandoffActions, c)
	}
	return strings.Join(out, ", ")
}

// status is a coverage status, a comparison difference, a plan section or
// a version change named from the report phrases: "Khoảng trống: chưa có
// cơ quan chủ trì".
func (w words) status(prefix, code string, args ...any) string {
	if _, ok := regnet.Labels.UI[prefix+code]; !ok {
		return code
	}
	return w.t(prefix+code, args...)
}

// kindNames joins the names of agency kinds for a CSV name column.
func (w words) kindNames(codes []string) string {
	names := make([]string, len(codes))
	for i, c := range codes {
		names[i] = w.name(regnet.Labels.Kinds, c)
	}
	return strings.Join(names, "; ")
}

// fieldName is a field's name in the report's language.
func (w words) fieldName(f *regnet.Field) string {
	if f == nil {
		return ""
	}
	return w.either(f.Name, f.NameEN)
}

// areaName is an area's name in the report's language.
func (w words) areaName(a *regnet.Area) string {
	if a == nil {
		return ""
	}
	return w.either(a.Name, a.NameEN)
}

// either picks the ontology's Vietnamese or English name; an English name
// the ontology lacks falls back to the Vietnamese one.
func (w words) either(vi, en string) string {
	return w.pick(regnet.Label{VI: vi, EN: en})
}

// field is a field by name with its code: "An toàn thực phẩm (FOOD_SAFETY)".
func (w words) field(f *regnet.Field) string {
	if f == nil {
		return ""
	}
	if n := w.fieldName(f); n != "" && n != f.Code {
		return n + " (" + f.Code + ")"
	}
	return f.Code
}

// area is an area by name with its code, or the words for "no area named".
func (w words) area(a *regnet.Area) string {
	if a == nil {
		return w.t("report.noArea")
	}
	if n := w.areaName(a); n != "" && n != a.Code {
		return n + " (" + a.Code + ")"
	}
	return a.Code
}

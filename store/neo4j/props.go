package neo4j

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/regnet/regnet"
	"golang.org/x/text/unicode/norm"
)

// Node properties. Each regnet type is stored whole on its node, so that it
// can be rebuilt exactly: lists as lists (a nil list as no property, an
// empty one as []), nullable fields as null (no property). The
// relationships (see the package comment) repeat the links for graph queries; list
// properties keep their order, which relationships cannot. Besides the
// type's own fields a node may hold:
//   - hash: a hash of the other properties, so a load skips unchanged nodes;
//   - folded: the tokens of the text search looks in (see searchText);
//   - document: on duties, handoffs and schedules, the document of their
//     provision, so that a load finds the facts of the documents it replaces;
//   - reportsTo and reportsWhen: on duties, the report lines as two lists of
//     the same length (agency ids, periods), so that Cypher can filter by
//     recipient; evidence: the duty's evidence as a JSON string, since a
//     property cannot hold a list of maps;
//   - deadlineEnd: on plan actions, Deadline.End(), for the deadline filters;
//   - reference: true on placeholder documents, cited but not loaded.
//
// Text is normalised to NFC on the way in, so that a word typed decomposed
// and one stored composed compare equal.

func nfc(s string) string { return norm.NFC.String(s) }

func nfcPtr(s *string) any {
	if s == nil {
		return nil
	}
	return nfc(*s)
}

// ptr stores an optional id as it is: ids are not text to normalise.
func ptr(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

// ids stores a list of ids or codes as it is.
func ids(xs []string) any {
	if xs == nil {
		return nil
	}
	return append([]string{}, xs...)
}

// strList stores a list of texts, normalised to NFC.
func strList(xs []string) any {
	if xs == nil {
		return nil
	}
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = nfc(x)
	}
	return out
}

func intPtr(p *int) any {
	if p == nil {
		return nil
	}
	return int64(*p)
}

func floatPtr(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func documentProps(d regnet.Document) map[string]any {
	var period any
	if d.Period != nil {
		ps := make([]int64, len(d.Period))
		for i, y := range d.Period {
			ps[i] = int64(y)
		}
		period = ps
	}
	return map[string]any{
		"id":            d.ID,
		"number":        nfcPtr(d.Number),
		"numberKey":     numberKey(d.Number),
		"kind":          d.Kind,
		"title":         nfc(d.Title),
		"province":      nfc(d.Province),
		"level":         d.Level,
		"status":        d.Status,
		"issued":        nfcPtr(d.Issued),
		"effective":     nfcPtr(d.Effective),
		"effectiveRule": nfcPtr(d.EffectiveRule),
		"signer":        nfcPtr(d.Signer),
		"basedOn":       strList(d.BasedOn),
		"replaces":      strList(d.Replaces),
		"mentions":      strList(d.Mentions),
		"period":        period,
		"sourceFile":    d.Source.File,
		"sourceSha256":  d.Source.SHA256,
		"sourceFormat":  d.Source.Format,
	}
}

func provisionProps(p regnet.Provision) map[string]any {
	return map[string]any{
		"id":       p.ID,
		"document": p.Document,
		"part":     p.Part,
		"path":     nfc(p.Path),
		"chapter":  nfcPtr(p.Chapter),
		"article":  intPtr(p.Article),
		"clause":   intPtr(p.Clause),
		"point":    nfcPtr(p.Point),
		"parent":   ptr(p.Parent),
		"heading":  nfc(p.Heading),
		"text":     nfc(p.Text),
		"line":     int64(p.Line),
		"page":     intPtr(p.Page),
		"folded":   searchText(p.Heading, p.Text),
	}
}

func agencyProps(a regnet.Agency) map[string]any {
	return map[string]any{
		"id":        a.ID,
		"name":      nfc(a.Name),
		"kind":      a.Kind,
		"level":     a.Level,
		"province":  nfc(a.Province),
		"parent":    ptr(a.Parent),
		"successor": ptr(a.Successor),
		"aliases":   strList(a.Aliases),
		"folded":    searchText(append([]string{a.Name}, a.Aliases...)...),
	}
}

func dutyProps(d regnet.Duty, document string) map[string]any {
	return map[string]any{
		"id":        d.ID,
		"agency":    d.Agency,
		"role":      d.Role,
		"text":      nfc(d.Text),
		"fields":    ids(d.Fields),
		"areas":     ids(d.Areas),
		"partners":  ids(d.Partners),
		"provision": d.Provision,
		"document":  document,
		"folded":    searchText(d.Text),
		// A nil list stays no property, as for the other lists.
		"reportsTo":   reportAgencies(d.ReportsTo),
		"reportsWhen": reportWhens(d.ReportsTo),
		"evidence":    evidenceJSON(d.ID, d.Evidence),
	}
}

func reportAgencies(rs []regnet.ReportLine) any {
	if rs == nil {
		return nil
	}
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Agency
	}
	return out
}

func reportWhens(rs []regnet.ReportLine) any {
	if rs == nil {
		return nil
	}
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = nfc(r.When)
	}
	return out
}

// evidenceJSON stores evidence as JSON, its words normalised to NFC like
// the provision text their offsets point into.
func evidenceJSON(id string, ev []regnet.Evidence) any {
	if ev == nil {
		return nil
	}
	out := make([]regnet.Evidence, len(ev))
	for i, e := range ev {
		e.Words = nfc(e.Words)
		out[i] = e
	}
	b, err := json.Marshal(out)
	if err != nil {
		panic(fmt.Sprintf("neo4j: evidence of duty %s: %v", id, err)) // only plain values here
	}
	return string(b)
}

func scheduleProps(x regnet.Schedule, document string) map[string]any {
	return map[string]any{
		"id":        x.ID,
		"kind":      x.Kind,
		"agencies":  ids(x.Agencies),
		"to":        ids(x.To),
		"text":      nfc(x.Text),
		"when":      nfc(x.When),
		"by":        nfcPtr(x.By),
		"provision": x.Provision,
		"document":  document,
	}
}

func handoffProps(h regnet.Handoff, document string) map[string]any {
	return map[string]any{
		"id":           h.ID,
		"from":         h.From,
		"notifies":     ids(h.Notifies),
		"transfersTo":  ids(h.TransfersTo),
		"actions":      ids(h.Actions),
		"leaving":      ids(h.Leaving),
		"entering":     ids(h.Entering),
		"condition":    nfc(h.Condition),
		"conditionFor": ids(h.ConditionFor),
		"provision":    h.Provision,
		"document":     document,
	}
}

func planActionProps(a regnet.PlanAction) map[string]any {
	return map[string]any{
		"id":                a.ID,
		"document":          a.Document,
		"group":             nfc(a.Group),
		"text":              nfc(a.Text),
		"deadlineRaw":       nfc(a.Deadline.Raw),
		"deadlineKind":      a.Deadline.Kind,
		"deadlineDate":      nfcPtr(a.Deadline.Date),
		"deadlinePrecision": nfcPtr(a.Deadline.Precision),
		"deadlineEnd":       a.Deadline.End(),
		"output":            nfc(a.Output),
		"leads":             ids(a.Leads),
		"coordinators":      ids(a.Coordinators),
		"amends":            strList(a.Amends),
		"amendsProvisions":  strList(a.AmendsProvisions),
		"provision":         a.Provision,
		"folded":            searchText(a.Text, a.Output),
	}
}

func targetProps(t regnet.Target) map[string]any {
	return map[string]any{
		"id":        t.ID,
		"document":  t.Document,
		"year":      intPtr(t.Year),
		"text":      nfc(t.Text),
		"percent":   floatPtr(t.Percent),
		"provision": t.Provision,
	}
}

// Reading properties back. Values come from the driver as string, int64,
// float64, []any or nil.

type props map[string]any

func (p props) str(k string) string {
	s, _ := p[k].(string)
	return s
}

func (p props) strPtr(k string) *string {
	s, ok := p[k].(string)
	if !ok {
		return nil
	}
	return &s
}

func (p props) intVal(k string) int {
	n, _ := p[k].(int64)
	return int(n)
}

func (p props) intPtr(k string) *int {
	n, ok := p[k].(int64)
	if !ok {
		return nil
	}
	v := int(n)
	return &v
}

func (p props) floatPtr(k string) *float64 {
	switch v := p[k].(type) {
	case float64:
		return &v
	case int64:
		f := float64(v)
		return &f
	}
	return nil
}

func (p props) strs(k string) []string {
	return stringList(p[k])
}

func (p props) ints(k string) []int {
	xs, ok := p[k].([]any)
	if !ok {
		return nil
	}
	out := make([]int, 0, len(xs))
	for _, x := range xs {
		if n, ok := x.(int64); ok {
			out = append(out, int(n))
		}
	}
	return out
}

// stringList reads a list of strings; nil stays nil, an empty list is empty.
func stringList(v any) []string {
	switch xs := v.(type) {
	case []any:
		out := make([]string, 0, len(xs))
		for _, x := range xs {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	case []string:
		return xs
	}
	return nil
}

func toDocument(p props) *regnet.Document {
	return &regnet.Document{
		ID:            p.str("id"),
		Number:        p.strPtr("number"),
		Kind:          p.str("kind"),
		Title:         p.str("title"),
		Province:      p.str("province"),
		Level:         p.str("level"),
		Status:        p.str("status"),
		Issued:        p.strPtr("issued"),
		Effective:     p.strPtr("effective"),
		EffectiveRule: p.strPtr("effectiveRule"),
		Signer:        p.strPtr("signer"),
		BasedOn:       p.strs("basedOn"),
		Replaces:      p.strs("replaces"),
		Mentions:      p.strs("mentions"),
		Period:        p.ints("period"),
		Source:        regnet.Source{File: p.str("sourceFile"), SHA256: p.str("sourceSha256"), Format: p.str("sourceFormat")},
	}
}

func toProvision(p props) *regnet.Provision {
	return &regnet.Provision{
		ID:       p.str("id"),
		Document: p.str("document"),
		Part:     p.str("part"),
		Path:     p.str("path"),
		Chapter:  p.strPtr("chapter"),
		Article:  p.intPtr("article"),
		Clause:   p.intPtr("clause"),
		Point:    p.strPtr("point"),
		Parent:   p.strPtr("parent"),
		Heading:  p.str("heading"),
		Text:     p.str("text"),
		Line:     p.intVal("line"),
		Page:     p.intPtr("page"),
	}
}

func toProvince(p props) *regnet.Province {
	return &regnet.Province{ID: p.str("id"), Name: p.str("name")}
}

func toAgency(p props) *regnet.Agency {
	return &regnet.Agency{
		ID:        p.str("id"),
		Name:      p.str("name"),
		Kind:      p.str("kind"),
		Level:     p.str("level"),
		Province:  p.str("province"),
		Parent:    p.strPtr("parent"),
		Successor: p.strPtr("successor"),
		Aliases:   p.strs("aliases"),
	}
}

func toDuty(p props) *regnet.Duty {
	d := &regnet.Duty{
		ID:        p.str("id"),
		Agency:    p.str("agency"),
		Role:      p.str("role"),
		Text:      p.str("text"),
		Fields:    p.strs("fields"),
		Areas:     p.strs("areas"),
		Partners:  p.strs("partners"),
		Provision: p.str("provision"),
	}
	if to := p.strs("reportsTo"); to != nil {
		when := p.strs("reportsWhen")
		d.ReportsTo = make([]regnet.ReportLine, len(to))
		for i, a := range to {
			d.ReportsTo[i].Agency = a
			if i < len(when) {
				d.ReportsTo[i].When = when[i]
			}
		}
	}
	if s := p.str("evidence"); s != "" {
		d.Evidence = decodeEvidence(s)
	}
	return d
}

// decodeEvidence reads what evidenceJSON wrote. Every duty read decodes
// it, and encoding/json's reflection was a tenth of the CPU of a request
// for an agency's duties, so the shape evidenceJSON writes (an array of
// flat objects of strings and integers, no escapes, valid UTF-8) is read
// by hand; any other text goes to encoding/json, and both read it the
// same (FuzzDecodeEvidence). A text neither reads gives no evidence rather
// than failing every read of its duties.
func decodeEvidence(s string) []regnet.Evidence {
	if ev, ok := scanEvidence(s); ok {
		return ev
	}
	var ev []regnet.Evidence
	if json.Unmarshal([]byte(s), &ev) != nil {
		return nil
	}
	return ev
}

// scanEvidence is decodeEvidence's fast path: ok is false for any text
// outside the plain shape, which the caller then gives to encoding/json.
func scanEvidence(s string) (ev []regnet.Evidence, ok bool) {
	if strings.IndexByte(s, '\\') >= 0 || len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' || !utf8.ValidString(s) {
		return nil, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 { // JSON has no raw control characters
			return nil, false
		}
	}
	i := 1
	ev = make([]regnet.Evidence, 0, strings.Count(s, "{"))
	for i < len(s)-1 {
		if s[i] != '{' {
			return nil, false
		}
		i++
		var e regnet.Evidence
		for {
			// "key":
			if i >= len(s) || s[i] != '"' {
				return nil, false
			}
			end := strings.IndexByte(s[i+1:], '"')
			if end < 0 || i+end+2 >= len(s) || s[i+end+2] != ':' {
				return nil, false
			}
			key := s[i+1 : i+1+end]
			i += end + 3
			if i >= len(s) {
				return nil, false
			}
			// The value: a string or an integer.
			var str string
			num, isNum := 0, false
			if s[i] == '"' {
				end := strings.IndexByte(s[i+1:], '"')
				if end < 0 {
					return nil, false
				}
				str = s[i+1 : i+1+end]
				i += end + 2
			} else {
				j := i
				if j < len(s) && s[j] == '-' {
					j++
				}
				for j < len(s) && s[j] >= '0' && s[j] <= '9' {
					j++
				}
				digits := strings.TrimPrefix(s[i:j], "-")
				n, err := strconv.Atoi(s[i:j])
				if err != nil || (len(digits) > 1 && digits[0] == '0') {
					return nil, false
				}
				num, isNum, i = n, true, j
			}
			switch {
			case key == "tag" && !isNum:
				e.Tag = str
			case key == "value" && !isNum:
				e.Value = str
			case key == "words" && !isNum:
				e.Words = str
			case key == "start" && isNum:
				e.Start = num
			case key == "end" && isNum:
				e.End = num
			default:
				return nil, false
			}
			if i >= len(s) {
				return nil, false
			}
			if s[i] == ',' {
				i++
				continue
			}
			if s[i] != '}' {
				return nil, false
			}
			i++
			break
		}
		ev = append(ev, e)
		if i < len(s)-1 {
			if s[i] != ',' {
				return nil, false
			}
			i++
			if i >= len(s)-1 {
				return nil, false // a trailing comma
			}
		}
	}
	return ev, true
}

func toSchedule(p props) *regnet.Schedule {
	return &regnet.Schedule{
		ID:        p.str("id"),
		Kind:      p.str("kind"),
		Agencies:  p.strs("agencies"),
		To:        p.strs("to"),
		Text:      p.str("text"),
		When:      p.str("when"),
		By:        p.strPtr("by"),
		Provision: p.str("provision"),
	}
}

func toHandoff(p props) *regnet.Handoff {
	return &regnet.Handoff{
		ID:           p.str("id"),
		From:         p.str("from"),
		Notifies:     p.strs("notifies"),
		TransfersTo:  p.strs("transfersTo"),
		Actions:      p.strs("actions"),
		Leaving:      p.strs("leaving"),
		Entering:     p.strs("entering"),
		Condition:    p.str("condition"),
		ConditionFor: p.strs("conditionFor"),
		Provision:    p.str("provision"),
	}
}

func toPlanAction(p props) *regnet.PlanAction {
	return &regnet.PlanAction{
		ID:       p.str("id"),
		Document: p.str("document"),
		Group:    p.str("group"),
		Text:     p.str("text"),
		Deadline: regnet.Deadline{
			Raw:       p.str("deadlineRaw"),
			Kind:      p.str("deadlineKind"),
			Date:      p.strPtr("deadlineDate"),
			Precision: p.strPtr("deadlinePrecision"),
		},
		Output:           p.str("output"),
		Leads:            p.strs("leads"),
		Coordinators:     p.strs("coordinators"),
		Amends:           p.strs("amends"),
		Provision:        p.str("provision"),
		AmendsProvisions: p.strs("amendsProvisions"),
	}
}

func toTarget(p props) *regnet.Target {
	return &regnet.Target{
		ID:        p.str("id"),
		Document:  p.str("document"),
		Year:      p.intPtr("year"),
		Text:      p.str("text"),
		Percent:   p.floatPtr("percent"),
		Provision: p.str("provision"),
	}
}

func toField(p props) *regnet.Field {
	return &regnet.Field{Code: p.str("code"), Name: p.str("name"), NameEN: p.str("nameEn")}
}

func toArea(p props) *regnet.Area {
	return &regnet.Area{Code: p.str("code"), Name: p.str("name"), NameEN: p.str("nameEn")}
}

// numberKey is the key a document's number is found by (regnet.NumberKey);
// nil for an unnumbered draft.
func numberKey(n *string) any {
	if n == nil {
		return nil
	}
	return regnet.NumberKey(*n)
}

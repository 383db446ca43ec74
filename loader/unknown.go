package loader

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/regnet/regnet"
)

// A province's documents name bodies the ontology may not know yet ("Sở
// Ngoại vụ", "Ban Quản lý các khu công nghiệp"). A heading that gives an
// agency its duties and names such a body is reported, with the known kind
// whose names are nearest, so that adding the province is a few lines in
// ontology.yaml rather than a silent loss of its duties.

// reAgencyHeading is a heading that starts with the name of a state body: a
// head word ("Sở", "Cục", "Ban" …) and a capitalised name.
var reAgencyHeading = regexp.MustCompile(`^(?:Sở|Cục|Chi cục|Tổng cục|Ban|Bộ|Văn phòng|Thanh tra|Kho bạc|Ngân hàng|Đài|Viện|Tòa án|Toà án|Ủy ban|Uỷ ban|Trung tâm|Hội|Liên đoàn|Tỉnh đoàn|Đoàn|Công an|Bộ Chỉ huy)\s+\p{Lu}`)

// unknownAgencies returns a warning for each agency a provision heading
// names that the ontology does not recognise.
func (o *Ontology) unknownAgencies(file string, provs []regnet.Provision) []regnet.Warning {
	var out []regnet.Warning
	seen := map[string]bool{}
	for _, p := range provs {
		full := headingAgencyName(p.Heading)
		if full == "" {
			continue
		}
		if ms := o.findAgencies(full); len(ms) > 0 && startsNear(full, ms[0].start) {
			continue
		}
		name := shortName(full)
		if seen[name] {
			continue
		}
		seen[name] = true
		msg := fmt.Sprintf("agency %q is not in the ontology: add its name to loader/ontology.yaml", name)
		if k, unit := o.nearestKind(name); k != "" {
			msg = fmt.Sprintf("agency %q is not in the ontology (nearest kind %s, %q): add its name to loader/ontology.yaml", name, k, unit)
		}
		out = append(out, regnet.Warning{File: file, Line: p.Line, Message: msg})
	}
	return out
}

// headingAgencyName returns the agency a heading names ("Trách nhiệm của
// Sở Ngoại vụ" gives "Sở Ngoại vụ"), or "".
func headingAgencyName(h string) string {
	h = strings.TrimSpace(h)
	for _, p := range []string{"Trách nhiệm của", "Nhiệm vụ của", "Nhiệm vụ, quyền hạn của", "Đề nghị", "Chỉ đạo"} {
		if strings.HasPrefix(h, p+" ") {
			h = strings.TrimSpace(h[len(p):])
		}
	}
	if !reAgencyHeading.MatchString(h) {
		return ""
	}
	return h
}

// shortName cuts a heading after the agency's name: before a parenthesis,
// a clause or the duty itself.
func shortName(h string) string {
	for _, cut := range []string{"(", ";", ":", " chủ trì", " có trách nhiệm", " phối hợp", " thực hiện", " trong ", " về "} {
		if i := strings.Index(h, cut); i > 0 {
			h = h[:i]
		}
	}
	return strings.TrimRight(h, " .,")
}

// nearestKind returns the kind whose names share the most words with name
// (by the share of words the two have in common), and that name.
func (o *Ontology) nearestKind(name string) (string, string) {
	words := wordSet(name)
	best, bestName, bestScore := "", "", 0.0
	for _, k := range o.Kinds {
		if k.Collective {
			continue
		}
		for _, u := range k.Units {
			for _, n := range append([]string{u.Name}, u.Patterns...) {
				other := wordSet(n)
				common := 0
				for w := range words {
					if other[w] {
						common++
					}
				}
				union := len(words) + len(other) - common
				if union == 0 || common == 0 {
					continue
				}
				if s := float64(common) / float64(union); s > bestScore {
					best, bestName, bestScore = k.Code, u.Name, s
				}
			}
		}
	}
	return best, bestName
}

// wordSet returns the folded words of s, without "tỉnh" and "các", which
// say nothing of what a body does.
func wordSet(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(regnet.Fold(s)) {
		w = strings.Trim(w, ",.;:()")
		if w != "" && w != "tinh" && w != "cac" {
			set[w] = true
		}
	}
	return set
}

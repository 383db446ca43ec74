package loader

import (
	"sort"
	"strings"

	"github.com/regnet/regnet"
)

// registry collects the agencies of a parse, one per province and unit, so
// that every document naming "Công an tỉnh" of Lạng Sơn points at one node.
type registry struct {
	ont      *Ontology
	agencies map[string]*regnet.Agency
	named    map[string]bool // names taken from headings, which beat defaults
}

func newRegistry(o *Ontology) *registry {
	return &registry{ont: o, agencies: map[string]*regnet.Agency{}, named: map[string]bool{}}
}

// agencyID builds the stable id of a unit in a province.
func agencyID(u *Unit, province string) string {
	scope := "national"
	if u.Level != regnet.LevelNational && province != "" {
		scope = regnet.Slug(province)
	}
	id := "agency:" + scope + ":" + u.kind.Code
	if u.Key != "" {
		id += ":" + u.Key
	}
	return id
}

// get returns the agency of unit u in province, creating it (and its parent
// and successor) on first use. name, when not empty, is the name a heading
// gives it; it replaces the ontology's default name once.
func (r *registry) get(u *Unit, province, name string) *regnet.Agency {
	if u.Level == regnet.LevelNational {
		province = ""
	}
	id := agencyID(u, province)
	a := r.agencies[id]
	if a == nil {
		a = &regnet.Agency{ID: id, Name: u.Name, Kind: u.kind.Code, Level: u.Level, Province: province, Aliases: []string{}}
		if province != "" && strings.HasSuffix(u.Name, " tỉnh") {
			a.Name = u.Name + " " + province
		}
		r.agencies[id] = a
		if u.Parent != nil {
			if pu := r.ont.unit(*u.Parent); pu != nil {
				p := r.get(pu, province, "")
				a.Parent = &p.ID
			}
		}
		if u.Successor != nil {
			if su := r.ont.unit(*u.Successor); su != nil && su != u {
				s := r.get(su, province, "")
				a.Successor = &s.ID
			}
		}
	}
	name = cleanName(name)
	if name != "" && !strings.EqualFold(name, a.Name) {
		if !r.named[id] {
			if a.Name != "" && !contains(a.Aliases, a.Name) && r.named[id] {
				a.Aliases = append(a.Aliases, a.Name)
			}
			a.Name = name
			r.named[id] = true
		} else if !contains(a.Aliases, name) {
			a.Aliases = append(a.Aliases, name)
		}
	}
	return a
}

// setParent records that a is part of p (a heading such as "Ban Chỉ huy Bộ
// đội Biên phòng thuộc Bộ Chỉ huy Quân sự tỉnh").
// byID returns the agency with the id, which the registry holds.
func (r *registry) byID(id string) *regnet.Agency { return r.agencies[id] }

func (r *registry) setParent(a, p *regnet.Agency) {
	if a.ID != p.ID {
		a.Parent = &p.ID
	}
}

// list returns the agencies ordered by id.
func (r *registry) list() []regnet.Agency {
	out := make([]regnet.Agency, 0, len(r.agencies))
	for _, a := range r.agencies {
		out = append(out, *a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// cleanName trims a heading down to the agency's name: no parenthesis, no
// "Trách nhiệm của", no role words, no trailing clause.
func cleanName(s string) string {
	s = strings.TrimSpace(s)
	for _, cut := range []string{"(", ";", "/", " thuộc ", " trong ", " có trách nhiệm", " về ", ":"} {
		if i := strings.Index(s, cut); i > 0 {
			s = s[:i]
		}
	}
	for {
		trimmed := s
		for _, p := range []string{"Trách nhiệm của", "Nhiệm vụ của", "Đề nghị", "Chỉ đạo", "Chủ tịch", "Giám đốc", "Thủ trưởng", "Trưởng"} {
			if strings.HasPrefix(trimmed, p+" ") {
				trimmed = strings.TrimSpace(trimmed[len(p):])
			}
		}
		if trimmed == s {
			break
		}
		s = trimmed
	}
	s = strings.TrimRight(s, " .,")
	if s == "" {
		return ""
	}
	r := []rune(s)
	if r[0] >= 'a' && r[0] <= 'z' || strings.ContainsRune("ạảãàáâậầấẩẫăắằặẳẵđ", r[0]) {
		return "" // a phrase, not a name
	}
	return s
}

// headingAgencies returns the agencies a heading names at its start (after
// "Trách nhiệm của", "Chỉ đạo" …): the first is the holder; "X; Y" names
// joint holders and "X thuộc Y", "X/Y" name X's parent.
type headingParse struct {
	holders []*Unit
	names   []string
	parent  *Unit
	direct  bool // "Chỉ đạo X": the heading hands duties to X
}

func (o *Ontology) parseHeading(h string) (headingParse, bool) {
	var hp headingParse
	rest := strings.TrimSpace(h)
	for _, p := range []string{"Trách nhiệm của", "Nhiệm vụ của", "Đề nghị"} {
		if strings.HasPrefix(rest, p+" ") {
			rest = strings.TrimSpace(rest[len(p):])
		}
	}
	if strings.HasPrefix(rest, "Chỉ đạo ") {
		hp.direct = true
		rest = strings.TrimSpace(rest[len("Chỉ đạo "):])
	}
	for i, seg := range strings.Split(rest, ";") {
		seg = strings.TrimSpace(seg)
		ms := o.findAgencies(seg)
		if len(ms) == 0 || !startsNear(seg, ms[0].start) {
			if i == 0 {
				return hp, false
			}
			continue
		}
		hp.holders = append(hp.holders, ms[0].unit)
		if ms[0].title {
			hp.names = append(hp.names, "")
		} else {
			hp.names = append(hp.names, seg)
		}
		if i == 0 && len(ms) > 1 {
			between := seg[ms[0].end:ms[1].start]
			if strings.Contains(between, "thuộc") || strings.Contains(between, "/") {
				hp.parent = ms[1].unit
			}
		}
	}
	return hp, len(hp.holders) > 0
}

// startsNear reports whether an agency name starts within the first two
// words of s ("Chủ tịch Ủy ban nhân dân cấp xã", "Các Sở …").
func startsNear(s string, start int) bool {
	return len(strings.Fields(s[:start])) <= 2
}

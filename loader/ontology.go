package loader

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/regnet/regnet"
)

//go:embed ontology.yaml
var ontologyYAML []byte

// Ontology is the data that drives recognition: agency kinds with the names
// documents give them, role cues, fields and areas. It is read from
// ontology.yaml so that a new province is mostly new data.
type Ontology struct {
	Kinds  []*Kind      `yaml:"kinds"`
	Roles  []RoleCue    `yaml:"roles"`
	Fields []*TermEntry `yaml:"fields"`
	Areas  []*TermEntry `yaml:"areas"`
	// Provinces are the names a header or title gives a province.
	Provinces []NameEntry `yaml:"provinces"`
	// NationalIssuers are the first words of a national issuer's heading.
	NationalIssuers []NameEntry `yaml:"nationalIssuers"`
	// Grammar holds the words that shape a duty statement (see grammar.go).
	Grammar Grammar `yaml:"grammar"`

	kinds    map[string]*Kind
	grammar  *grammar
	agencies *matcher // agency names (strong and weak)
	fields   *matcher
	areas    *matcher
	cues     *matcher
}

// Kind is an agency kind ("CUSTOMS") with its units.
type Kind struct {
	Code       string   `yaml:"code"`
	Name       string   `yaml:"name"`
	EN         string   `yaml:"en"`
	Level      string   `yaml:"level"`
	Parent     *UnitRef `yaml:"parent"`
	HomeAreas  []string `yaml:"homeAreas"`
	Collective bool     `yaml:"collective"`
	Units      []*Unit  `yaml:"units"`
}

// Unit is one body of a kind: the one a province normally has (Key ""), a
// national one, or a former name whose tasks passed to a successor.
type Unit struct {
	Key       string   `yaml:"key"`
	Name      string   `yaml:"name"`
	Level     string   `yaml:"level"`
	Former    bool     `yaml:"former"`
	Parent    *UnitRef `yaml:"parent"`
	parentSet bool
	Successor *UnitRef `yaml:"successor"`
	Patterns  []string `yaml:"patterns"`
	Weak      []string `yaml:"weak"`
	// Titles are role names that designate the unit ("Cơ quan Thường trực
	// Ban Chỉ đạo 389 tỉnh" is Sở Công Thương) but are not its name.
	Titles []string `yaml:"titles"`

	kind *Kind
}

// UnmarshalYAML records whether "parent" was given at all, so that
// "parent: null" can override the kind's parent.
func (u *Unit) UnmarshalYAML(n *yaml.Node) error {
	type plain Unit
	if err := n.Decode((*plain)(u)); err != nil {
		return err
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "parent" {
			u.parentSet = true
		}
	}
	return nil
}

// UnitRef names a unit by kind and key ("" for the kind's main unit).
type UnitRef struct {
	Kind string `yaml:"kind"`
	Unit string `yaml:"unit"`
}

// NameEntry is a name (a province, an issuer) with the other ways documents
// write it.
type NameEntry struct {
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases"`
}

// RoleCue lists the words that state a duty role. A control cue governs
// the clauses after it that have no cue of their own.
type RoleCue struct {
	Code    string   `yaml:"code"`
	Control bool     `yaml:"control"`
	Cues    []string `yaml:"cues"`
}

// TermEntry is a field or an area with its names.
type TermEntry struct {
	Code     string   `yaml:"code"`
	Name     string   `yaml:"name"`
	EN       string   `yaml:"en"`
	Patterns []string `yaml:"patterns"`
	// Activity fields (inspection, investigation, propaganda …) count only
	// where the activity is what the statement is about, not as one verb of
	// a list of bare verbs ("ngăn chặn, điều tra, xác minh, phát hiện").
	Activity bool `yaml:"activity"`
	// NotAfter lists words that cancel a match right after them ("trên thị
	// trường" places goods, it names no market control).
	NotAfter []string `yaml:"notAfter"`
}

// LoadOntology parses an ontology file.
func LoadOntology(data []byte) (*Ontology, error) {
	var o Ontology
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&o); err != nil {
		return nil, fmt.Errorf("ontology: %w", err)
	}
	if err := o.index(); err != nil {
		return nil, fmt.Errorf("ontology: %w", err)
	}
	return &o, nil
}

// DefaultOntology returns the ontology bundled with regnet.
func DefaultOntology() *Ontology {
	o, err := LoadOntology(ontologyYAML)
	if err != nil {
		panic(err) // the bundled file is tested
	}
	return o
}

func (o *Ontology) index() error {
	o.kinds = map[string]*Kind{}
	o.agencies, o.fields, o.areas, o.cues = newMatcher(), newMatcher(), newMatcher(), newMatcher()
	for _, k := range o.Kinds {
		if k.Code == "" || o.kinds[k.Code] != nil {
			return fmt.Errorf("kind %q: missing or repeated code", k.Code)
		}
		o.kinds[k.Code] = k
		keys := map[string]bool{}
		for _, u := range k.Units {
			u.kind = k
			if keys[u.Key] {
				return fmt.Errorf("kind %s: unit %q repeated", k.Code, u.Key)
			}
			keys[u.Key] = true
			if u.Level == "" {
				u.Level = k.Level
			}
			if !u.parentSet {
				u.Parent = k.Parent
			}
			for _, p := range u.Patterns {
				o.agencies.add(p, u, false)
			}
			for _, p := range u.Weak {
				o.agencies.add(p, u, true)
			}
			for _, p := range u.Titles {
				o.agencies.addTitle(p, u)
			}
		}
	}
	for _, k := range o.Kinds {
		for _, u := range k.Units {
			for _, ref := range []*UnitRef{u.Parent, u.Successor} {
				if ref != nil && o.unit(*ref) == nil {
					return fmt.Errorf("kind %s unit %q: unknown unit %s/%q", k.Code, u.Key, ref.Kind, ref.Unit)
				}
			}
		}
	}
	for _, f := range o.Fields {
		for _, p := range f.Patterns {
			o.fields.add(p, f.Code, false)
		}
	}
	for _, a := range o.Areas {
		for _, p := range a.Patterns {
			o.areas.add(p, a.Code, false)
		}
	}
	for i := range o.Roles {
		for _, c := range o.Roles[i].Cues {
			o.cues.add(c, &o.Roles[i], false)
		}
	}
	o.grammar = newGrammar(o.Grammar, o.cues)
	return nil
}

// unit finds a unit by reference.
func (o *Ontology) unit(ref UnitRef) *Unit {
	k := o.kinds[ref.Kind]
	if k == nil {
		return nil
	}
	for _, u := range k.Units {
		if u.Key == ref.Unit {
			return u
		}
	}
	return nil
}

// field returns the field with the code, or nil.
func (o *Ontology) field(code string) *TermEntry {
	for _, f := range o.Fields {
		if f.Code == code {
			return f
		}
	}
	return nil
}

// Kind returns the kind with the code, or nil.
func (o *Ontology) Kind(code string) *Kind { return o.kinds[code] }

// FieldList and AreaList return the ontology's fields and areas as domain values.
func (o *Ontology) FieldList() []regnet.Field {
	out := make([]regnet.Field, len(o.Fields))
	for i, f := range o.Fields {
		out[i] = regnet.Field{Code: f.Code, Name: f.Name, NameEN: f.EN}
	}
	return out
}

func (o *Ontology) AreaList() []regnet.Area {
	out := make([]regnet.Area, len(o.Areas))
	for i, a := range o.Areas {
		out[i] = regnet.Area{Code: a.Code, Name: a.Name, NameEN: a.EN}
	}
	return out
}

// mention is an agency name found in a text.
type mention struct {
	unit       *Unit
	start, end int // byte offsets in the text
	weak       bool
	title      bool // matched a title, not a name
}

// findAgencies returns the agency names in text, longest match first at each
// position. Weak names count only in list contexts (see ontology.yaml).
func (o *Ontology) findAgencies(text string) []mention {
	return o.findAgenciesIn(text, tokenize(text))
}

// findAgenciesIn is findAgencies for a text already tokenized.
func (o *Ontology) findAgenciesIn(text string, toks []token) []mention {
	return agencyMentions(o.agencies, text, toks)
}

// agencyMentions returns the agency names the matcher names finds in text,
// longest match first at each position, leaving out weak names outside list
// contexts.
func agencyMentions(names *matcher, text string, toks []token) []mention {
	var out []mention
	for _, m := range names.find(toks) {
		if m.weak && !listContext(text, toks, m.tok) {
			continue
		}
		out = append(out, mention{unit: m.value.(*Unit), start: m.start, end: m.end, weak: m.weak, title: m.title})
	}
	return out
}

// listContext reports whether the token at i stands where an agency list is
// expected: after "cơ quan", "lực lượng", "với", "cho", or a separator.
func listContext(text string, toks []token, i int) bool {
	if i == 0 {
		return true
	}
	between := strings.TrimSpace(text[toks[i-1].end:toks[i].start])
	if between != "" {
		return true // a comma, parenthesis, slash, dash …
	}
	switch toks[i-1].key {
	case "với", "cho", "và", "hoặc", "quan", "lượng":
		if toks[i-1].key == "quan" && (i < 2 || toks[i-2].key != "cơ") {
			return false
		}
		return true
	}
	return false
}

// codes returns the distinct codes the matcher finds in text, in order of
// first appearance.
func codes(m *matcher, text string) []string {
	return codesIn(m, tokenize(text))
}

// codesIn is codes for a text already tokenized.
func codesIn(m *matcher, toks []token) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, h := range m.find(toks) {
		c := h.value.(string)
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// token is a word of a text with its byte span and its match key.
type token struct {
	key        string
	start, end int
}

// tokenize splits text into words (letters and digits), keyed in lower case
// with the old tone placement ("uỷ", "hoà") mapped to the new ("ủy", "hòa").
func tokenize(text string) []token {
	var toks []token
	regnet.WordSpans(text, func(start, end int) {
		toks = append(toks, token{key: wordKey(text[start:end]), start: start, end: end})
	})
	return toks
}

var tonePlacement = strings.NewReplacer(
	"uỷ", "ủy", "uý", "úy", "uỳ", "ùy", "uỹ", "ũy", "uỵ", "ụy",
	"oà", "òa", "oá", "óa", "oả", "ỏa", "oã", "õa", "oạ", "ọa",
	"oè", "òe", "oé", "óe", "oẻ", "ỏe", "oẽ", "õe", "oẹ", "ọe",
)

func wordKey(w string) string {
	w = strings.ToLower(w)
	if strings.ContainsAny(w, "ỷýỳỹỵàáảãạèéẻẽẹ") {
		return tonePlacement.Replace(w)
	}
	return w
}

// matcher finds phrases (sequences of word keys) in token lists.
type matcher struct {
	byFirst map[string][]phrase
}

type phrase struct {
	keys  []string
	value any
	weak  bool
	title bool
	own   bool // a document's own definition: it wins over a name as long
}

type hit struct {
	value      any
	weak       bool
	title      bool
	tok        int // index of the first token
	start, end int
}

func newMatcher() *matcher { return &matcher{byFirst: map[string][]phrase{}} }

func (m *matcher) add(pattern string, value any, weak bool) {
	m.addPhrase(pattern, phrase{value: value, weak: weak})
}

func (m *matcher) addTitle(pattern string, value any) {
	m.addPhrase(pattern, phrase{value: value, title: true})
}

func (m *matcher) addPhrase(pattern string, ph phrase) {
	var keys []string
	for _, t := range tokenize(pattern) {
		keys = append(keys, t.key)
	}
	if len(keys) == 0 {
		return
	}
	ph.keys = keys
	list := append(m.byFirst[keys[0]], ph)
	sort.SliceStable(list, func(i, j int) bool {
		if len(list[i].keys) != len(list[j].keys) {
			return len(list[i].keys) > len(list[j].keys)
		}
		return list[i].own && !list[j].own
	})
	m.byFirst[keys[0]] = list
}

// longestAt returns the longest phrase of m that starts at token i.
func (m *matcher) longestAt(toks []token, i int) (phrase, bool) {
	if i >= len(toks) {
		return phrase{}, false
	}
	for _, p := range m.byFirst[toks[i].key] {
		if i+len(p.keys) > len(toks) {
			continue
		}
		ok := true
		for j, k := range p.keys {
			if toks[i+j].key != k {
				ok = false
				break
			}
		}
		if ok {
			return p, true
		}
	}
	return phrase{}, false
}

// find returns the longest phrase at each position, left to right, without
// overlaps.
func (m *matcher) find(toks []token) []hit {
	var out []hit
	for i := 0; i < len(toks); {
		p, ok := m.longestAt(toks, i)
		if !ok {
			i++
			continue
		}
		out = append(out, hit{value: p.value, weak: p.weak, title: p.title, tok: i, start: toks[i].start, end: toks[i+len(p.keys)-1].end})
		i += len(p.keys)
	}
	return out
}

package loader

import (
	"regexp"
	"strings"
)

// A document may define its own short names for the bodies it binds: "Các
// cơ quan chuyên môn thuộc UBND tỉnh; các cơ quan Trung ương … (sau đây gọi
// tắt là các cơ quan, đơn vị chức năng)". Inside that document the short name
// means what it was defined as, whatever it means elsewhere.

var reDefinition = regexp.MustCompile(`(?i)\(\s*sau đây gọi\s+(?:tắt|chung)?\s*là\s+([^()]+?)\s*\)`)

// readDefinitions finds the definitions in texts and makes them part of the
// agency names this document's duties are read with.
func (p *docParser) readDefinitions(texts []string) {
	for _, text := range texts {
		for _, m := range reDefinition.FindAllStringSubmatchIndex(text, -1) {
			term := strings.Trim(text[m[2]:m[3]], " .,;\"“”")
			u := p.definedUnit(text[:m[0]])
			if u == nil || term == "" {
				continue
			}
			if p.names == nil {
				p.names = p.ont.agencies.clone()
			}
			p.names.addPhrase(term, phrase{value: u, own: true})
			key := tokenize(term)
			if len(key) > 1 && (key[0].key == "các" || key[0].key == "những") {
				p.names.addPhrase(term[key[1].start:], phrase{value: u, own: true}) // "cơ quan, đơn vị chức năng" without "các"
			}
		}
	}
}

// definedUnit returns the body named just before a definition: the first
// agency of the list item it closes (after the last ";" or ")"), or else of
// its line.
func (p *docParser) definedUnit(before string) *Unit {
	line := before[strings.LastIndex(before, "\n")+1:]
	item := line
	if i := strings.LastIndexAny(line, ";)"); i >= 0 {
		item = line[i+1:]
	}
	for _, s := range []string{item, line} {
		for _, m := range p.ont.findAgencies(s) {
			return m.unit
		}
	}
	return nil
}

// findAgencies finds agency names in a text of this document, with its own
// definitions.
func (p *docParser) findAgencies(text string, toks []token) []mention {
	if p.names == nil {
		return p.ont.findAgenciesIn(text, toks)
	}
	return agencyMentions(p.names, text, toks)
}

// clone returns a copy of m that can take more phrases without changing m.
func (m *matcher) clone() *matcher {
	c := newMatcher()
	for k, list := range m.byFirst {
		c.byFirst[k] = append([]phrase{}, list...)
	}
	return c
}

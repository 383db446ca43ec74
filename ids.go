package regnet

import (
	"fmt"
	"strings"
)

// Ids are built from the names the documents give, so that the same
// province or document read from two files, or cited by number before it
// is loaded, gets the same id in every store. These functions are the only
// place the forms are written.

// ProvinceID is the id of the province the documents name name:
// "province:" and its slug ("province:lang-son").
func ProvinceID(name string) string { return "province:" + Slug(name) }

// DocumentID is the id of a document: "doc:" and the slug of its number
// ("doc:83-qd-ubnd"), or of its file name without extension when it has no
// number.
func DocumentID(numberOrFile string) string { return "doc:" + Slug(numberOrFile) }

// ProvisionID is the id of a provision of document doc: the document id,
// "#" and the provision's path key ("doc:83-qd-ubnd#body/5/2/a").
func ProvisionID(doc, key string) string { return doc + "#" + key }

// DocumentOf returns the id of the document a provision id belongs to (see
// ProvisionID). It returns "" for an id without one.
func DocumentOf(provision string) string {
	doc, _, ok := strings.Cut(provision, "#")
	if !ok {
		return ""
	}
	return doc
}

// FindProvince resolves what a caller typed to one of the provinces:
// the name as the documents spell it or an id first; then a name that
// differs only in case or diacritics ("lang son"), since Vietnamese is
// awkward to type in some shells, or the slug of one. An empty name is
// EINVALID; no province, or more than one by the loose rule, is ENOTFOUND
// with the names there are.
func FindProvince(provinces []*Province, name string) (*Province, error) {
	if strings.TrimSpace(name) == "" {
		return nil, Errorf(EINVALID, "province must not be empty")
	}
	folded, id := Fold(name), ProvinceID(name)
	var loose []*Province
	names := make([]string, 0, len(provinces))
	for _, p := range provinces {
		if p.Name == name || p.ID == name {
			return p, nil
		}
		if p.ID == id || Fold(p.Name) == folded {
			loose = append(loose, p)
		}
		names = append(names, fmt.Sprintf("%q", p.Name))
	}
	if len(loose) == 1 {
		return loose[0], nil
	}
	if len(names) == 0 {
		return nil, Errorf(ENOTFOUND, "unknown province %q: the documents read name no province", name)
	}
	return nil, Errorf(ENOTFOUND, "unknown province %q: the documents read have %s", name, strings.Join(names, ", "))
}

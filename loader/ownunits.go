package loader

import "slices"

// A document names its own agencies in its headings ("2.5. Cục Thuế tỉnh",
// "Điều 7. Trách nhiệm của Cục Hải quan tỉnh") and then speaks of them
// generically in its text ("phối hợp với cơ quan Thuế", "lực lượng Hải
// quan"). The generic name means the unit of that kind the document itself
// knows, which in an older text is not the body that bears the kind's plain
// name today (Cục Thuế before 2025, Thuế tỉnh after).

// ownUnitsOf returns, per agency kind, the unit that headings name, where
// they name exactly one unit of the kind and it is not the kind's plain
// unit. units are the units the headings name, in any order, repeats
// allowed.
func ownUnitsOf(units []*Unit) map[string]*Unit {
	byKind := map[string][]*Unit{}
	for _, u := range units {
		if !slices.Contains(byKind[u.kind.Code], u) {
			byKind[u.kind.Code] = append(byKind[u.kind.Code], u)
		}
	}
	own := map[string]*Unit{}
	for kind, us := range byKind {
		if len(us) == 1 && us[0].Key != "" {
			own[kind] = us[0]
		}
	}
	return own
}

package regnet

import (
	"context"
	"sort"
)

// LeadCoverage returns, for every field (and area) a province's duties
// touch, the agencies that lead it.
func LeadCoverage(ctx context.Context, s Store, province string) ([]*LeadCoverageRow, error) {
	agencies, duties, err := provinceDuties(ctx, s, province)
	if err != nil {
		return nil, err
	}
	fields, areas, err := termsByCode(ctx, s)
	if err != nil {
		return nil, err
	}
	type key struct{ field, area string }
	rows := map[key]*LeadCoverageRow{}
	var provIDs []string
	for _, d := range duties {
		dutyAreas := d.Areas
		if len(dutyAreas) == 0 {
			dutyAreas = []string{""}
		}
		for _, f := range d.Fields {
			for _, a := range dutyAreas {
				k := key{f, a}
				row := rows[k]
				if row == nil {
					row = &LeadCoverageRow{Field: fields[f], Area: areas[a], Leads: []*Agency{}, Provisions: []*Provision{}, Duties: []*Duty{}}
					if row.Field == nil {
						row.Field = &Field{Code: f, Name: f}
					}
					rows[k] = row
				}
				if d.Role != RoleLead {
					continue
				}
				row.Duties = append(row.Duties, d)
				provIDs = append(provIDs, d.Provision)
				if ag := agencies[d.Agency]; ag != nil && !hasAgency(row.Leads, ag.ID) {
					row.Leads = append(row.Leads, ag)
				}
			}
		}
	}
	provs, err := provisionsByID(ctx, s, provIDs)
	if err != nil {
		return nil, err
	}
	out := make([]*LeadCoverageRow, 0, len(rows))
	for _, row := range rows {
		for _, d := range row.Duties {
			if p := provs[d.Provision]; p != nil && !hasProvision(row.Provisions, p.ID) {
				row.Provisions = append(row.Provisions, p)
			}
		}
		row.Gap = len(row.Leads) == 0
		row.Overlap = len(row.Leads) > 1
		out = append(out, row)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Field.Code != out[j].Field.Code {
			return out[i].Field.Code < out[j].Field.Code
		}
		return areaCode(out[i].Area) < areaCode(out[j].Area)
	})
	return out, nil
}

func areaCode(a *Area) string {
	if a == nil {
		return ""
	}
	return a.Code
}

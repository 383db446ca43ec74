package neo4j

import (
	"cmp"
	"context"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/regnet/regnet"
)

var _ regnet.NeighbourhoodReader = (*Store)(nil)

// cypherNeighbourhood reads a regnet.NeighbourhoodQuery in one statement:
// the duties and rules of the agencies (the same conditions as Duties and
// Handoffs), then, from the ids those records hold, the agencies,
// provisions, documents, fields and areas they name. The loaders would
// send these as up to ten statements over four levels, each level waiting
// for the one before; here Neo4j follows the ids itself.
const cypherNeighbourhood = `CALL { MATCH (n:Duty) WHERE n.agency IN $dutiesOf RETURN collect(properties(n)) AS duties }
CALL { MATCH (n:Handoff) WHERE n.from IN $handoffsFrom RETURN collect(properties(n)) AS outs }
CALL { MATCH (n:Handoff)
       WHERE size($handoffsTo) > 0
         AND any(a IN coalesce(n.notifies, []) + coalesce(n.transfersTo, []) WHERE a IN $handoffsTo)
       RETURN collect(properties(n)) AS ins }
CALL { MATCH (n:Handoff) WHERE n.id IN $handoffs RETURN collect(properties(n)) AS known }
WITH duties, outs, ins, outs + ins + known AS rules
WITH duties, outs, ins,
     reduce(acc = $agencies, d IN duties | acc + [d.agency] + coalesce(d.partners, [])) +
       reduce(acc = [], h IN rules | acc + [h.from] + coalesce(h.notifies, []) + coalesce(h.transfersTo, [])) AS agencyIds,
     [d IN duties | d.provision] + [h IN rules | h.provision] AS provisionIds,
     reduce(acc = [], d IN duties | acc + coalesce(d.fields, [])) AS fieldCodes,
     reduce(acc = [], d IN duties | acc + coalesce(d.areas, [])) +
       reduce(acc = [], h IN rules | acc + coalesce(h.leaving, []) + coalesce(h.entering, [])) AS areaCodes
CALL { WITH agencyIds MATCH (n:Agency) WHERE n.id IN agencyIds RETURN collect(properties(n)) AS agencies }
CALL { WITH provisionIds MATCH (n:Provision) WHERE n.id IN provisionIds RETURN collect(properties(n)) AS provisions }
CALL { WITH provisions
       MATCH (n:Document) WHERE n.id IN [p IN provisions | p.document] AND n.reference IS NULL
       RETURN collect(properties(n)) AS documents }
CALL { WITH fieldCodes MATCH (n:Field) WHERE n.code IN fieldCodes RETURN collect(properties(n)) AS fields }
CALL { WITH areaCodes MATCH (n:Area) WHERE n.code IN areaCodes RETURN collect(properties(n)) AS areas }
RETURN duties, outs, ins, agencies, provisions, documents, fields, areas`

// Neighbourhood reads q in one statement (see cypherNeighbourhood).
func (s *Store) Neighbourhood(ctx context.Context, q regnet.NeighbourhoodQuery) (*regnet.Neighbourhood, error) {
	params := map[string]any{
		"dutiesOf":     nonNil(q.DutiesOf),
		"handoffsFrom": nonNil(q.HandoffsFrom),
		"handoffsTo":   nonNil(q.HandoffsTo),
		"handoffs":     nonNil(q.Handoffs),
		"agencies":     nonNil(q.Agencies),
	}
	out, err := read(ctx, s, func(tx neo4j.ManagedTransaction) (*regnet.Neighbourhood, error) {
		res, err := tx.Run(ctx, cypherNeighbourhood, params)
		if err != nil {
			return nil, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return nil, err
		}
		v := rec.Values
		return &regnet.Neighbourhood{
			Duties:       convertAll(v[0], toDuty, func(x *regnet.Duty) string { return x.ID }),
			HandoffsFrom: convertAll(v[1], toHandoff, func(x *regnet.Handoff) string { return x.ID }),
			HandoffsTo:   convertAll(v[2], toHandoff, func(x *regnet.Handoff) string { return x.ID }),
			Agencies:     convertAll(v[3], toAgency, func(x *regnet.Agency) string { return x.ID }),
			Provisions:   convertAll(v[4], toProvision, func(x *regnet.Provision) string { return x.ID }),
			Documents:    convertAll(v[5], toDocument, func(x *regnet.Document) string { return x.ID }),
			Fields:       convertAll(v[6], toField, func(x *regnet.Field) string { return x.Code }),
			Areas:        convertAll(v[7], toArea, func(x *regnet.Area) string { return x.Code }),
		}, nil
	})
	if err != nil {
		return nil, storeError("neo4j: neighbourhood", err)
	}
	return out, nil
}

// convertAll converts a list of property maps, ordered by key (bytes, as
// nodes orders them).
func convertAll[T any](v any, conv func(props) *T, key func(*T) string) []*T {
	list, _ := v.([]any)
	out := make([]*T, 0, len(list))
	for _, x := range list {
		m, _ := x.(map[string]any)
		out = append(out, conv(props(m)))
	}
	slices.SortStableFunc(out, func(a, b *T) int { return cmp.Compare(key(a), key(b)) })
	return out
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

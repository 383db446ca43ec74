package neo4j

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/regnet/regnet"
)

var _ regnet.NeighbourhoodReader = (*Store)(nil)

// A neighbourhood is read in one statement: a head that names the agencies
// and rules to start from, then the body. The loaders would send the same
// reads as up to ten statements over four levels, each level waiting for
// the one before (and a page of agencies as two more before them); here
// Neo4j follows the ids itself.

// The projections of the records a neighbourhood holds name the properties
// their converters (toDuty, toProvision, toAgency, toHandoff) read, so
// that Neo4j does not read the others (the search tokens and the texts
// left out are as long as everything else together).
const (
	agencyProjection  = "{.id, .name, .kind, .level, .province, .parent, .successor, .aliases}"
	handoffProjection = "{.id, .from, .notifies, .transfersTo, .actions, .condition, .conditionFor, .leaving, .entering, .provision}"
)

// dutyProjection and provisionProjection are those of duties and
// provisions less what o leaves out. The parts are left out of the
// statement's text rather than by a parameter: a key set to null still
// costs Neo4j its name and its null, on every record.
func dutyProjection(o regnet.Omit) string {
	return projection([]string{"id", "agency", "role", "fields", "provision"},
		part(!o.DutyAreas, "areas"), part(!o.DutyPartners, "partners"),
		part(!o.DutyReports, "reportsTo", "reportsWhen"),
		part(!o.DutyText, "text"), part(!o.Evidence, "evidence"))
}

func provisionProjection(o regnet.Omit) string {
	return projection([]string{"id", "document", "part", "path"},
		part(!o.ProvisionDetail, "chapter", "article", "clause", "point", "parent", "heading", "line", "page"),
		part(!o.ProvisionText, "text"))
}

// part is names when wanted, nothing otherwise.
func part(wanted bool, names ...string) []string {
	if wanted {
		return names
	}
	return nil
}

// projection is the Cypher map projection of the properties named.
func projection(names ...[]string) string {
	return "{." + strings.Join(slices.Concat(names...), ", .") + "}"
}

// neighbourhoodGiven is the head when the caller gives every list.
const neighbourhoodGiven = `WITH [] AS provinces, [] AS matching, [] AS pageIds,
     $dutiesOf AS dutiesOf, $handoffsFrom AS handoffsFrom, $handoffsTo AS handoffsTo,
     $agencies AS wanted
`

// neighbourhoodPage is the head that reads a page of agencies first (see
// regnet.AgencyPage); the agency filter's WHERE goes in the middle.
const (
	neighbourhoodPageProvinces = `CALL { MATCH (n:Province) RETURN collect(n ` + lean + `) AS provinces }
CALL { `
	neighbourhoodPageRest = `
       WITH n ORDER BY n.id
       RETURN collect(n ` + agencyProjection + `) AS matching }
WITH provinces, matching, [a IN matching WHERE a.id > $after][..$first] AS page
WITH provinces, matching, [a IN page | a.id] AS pageIds,
     [a IN page WHERE a.parent IS NOT NULL | a.parent] AS parents
WITH provinces, matching, pageIds,
     CASE WHEN $pageDuties THEN pageIds ELSE $dutiesOf END AS dutiesOf,
     CASE WHEN $pageOut THEN pageIds ELSE $handoffsFrom END AS handoffsFrom,
     CASE WHEN $pageIn THEN pageIds ELSE $handoffsTo END AS handoffsTo,
     $agencies + CASE WHEN $pageParents THEN parents ELSE [] END AS wanted
`
)

// neighbourhoodBody reads the duties and rules of the agencies (the same
// conditions as Duties and Handoffs; the rules that notify an agency or
// transfer to it are found from the agency, along the links the load
// writes for those lists; the index hint keeps the planner from scanning
// every rule instead, which it chose once the graph held a few hundred),
// then, from the ids those records hold, the agencies, provisions,
// documents, fields and areas they name, but for the kinds the caller will
// not follow (q.Skip). A list that q leaves empty is not read at all (see
// only). What of the records the caller will not read (q.Omit) is left
// out.
func neighbourhoodBody(q regnet.NeighbourhoodQuery) string {
	o, skip, page := q.Omit, q.Skip, q.Page
	if page == nil {
		page = &regnet.AgencyPage{}
	}
	return only(len(q.DutiesOf) > 0 || page.Duties, "duties", `CALL { WITH dutiesOf MATCH (n:Duty) WHERE n.agency IN dutiesOf
       RETURN collect(n `+dutyProjection(o)+`) AS duties }`) +
		only(len(q.HandoffsFrom) > 0 || page.Out, "outs", `CALL { WITH handoffsFrom MATCH (n:Handoff) WHERE n.from IN handoffsFrom
       RETURN collect(n `+handoffProjection+`) AS outs }`) +
		only(len(q.HandoffsTo) > 0 || page.In, "ins", `CALL { WITH handoffsTo MATCH (a:Agency)<-[:NOTIFIES|TRANSFERS_TO]-(n:Handoff) USING INDEX a:Agency(id) WHERE a.id IN handoffsTo
       WITH DISTINCT n RETURN collect(n `+handoffProjection+`) AS ins }`) +
		only(len(q.Handoffs) > 0, "known", `CALL { MATCH (n:Handoff) WHERE n.id IN $handoffs RETURN collect(n `+handoffProjection+`) AS known }`) +
		`WITH provinces, matching, pageIds, wanted, duties, outs, ins, outs + ins + known AS rules
WITH provinces, matching, pageIds, duties, outs, ins,
     wanted + CASE WHEN $skipAgencies THEN [] ELSE
       reduce(acc = [], d IN duties | acc + [d.agency] + coalesce(d.partners, [])) +
       reduce(acc = [], h IN rules | acc + [h.from] + coalesce(h.notifies, []) + coalesce(h.transfersTo, [])) END AS agencyIds,
     CASE WHEN $skipProvisions THEN [] ELSE [d IN duties | d.provision] + [h IN rules | h.provision] END AS provisionIds,
     CASE WHEN $skipFields THEN [] ELSE reduce(acc = [], d IN duties | acc + coalesce(d.fields, [])) END AS fieldCodes,
     CASE WHEN $skipAreas THEN [] ELSE
       reduce(acc = [], d IN duties | acc + coalesce(d.areas, [])) +
       reduce(acc = [], h IN rules | acc + coalesce(h.leaving, []) + coalesce(h.entering, [])) END AS areaCodes
` +
		only(!skip.Agencies || len(q.Agencies) > 0 || page.Parents, "agencies", `CALL { WITH agencyIds MATCH (n:Agency) WHERE n.id IN agencyIds
       RETURN collect(n `+agencyProjection+`) AS agencies }`) +
		only(!skip.Provisions, "provisions", `CALL { WITH provisionIds MATCH (n:Provision) WHERE n.id IN provisionIds
       RETURN collect(n `+provisionProjection(o)+`) AS provisions }`) +
		only(!skip.Provisions && !skip.Documents, "documents", `CALL { WITH provisions
       MATCH (n:Document) WHERE n.id IN [p IN provisions | p.document] AND n.reference IS NULL
       RETURN collect(n `+lean+`) AS documents }`) +
		only(!skip.Fields, "fields", `CALL { WITH fieldCodes MATCH (n:Field) WHERE n.code IN fieldCodes RETURN collect(n `+lean+`) AS fields }`) +
		only(!skip.Areas, "areas", `CALL { WITH areaCodes MATCH (n:Area) WHERE n.code IN areaCodes RETURN collect(n `+lean+`) AS areas }`) +
		`RETURN duties, outs, ins, agencies, provisions, documents, fields, areas, provinces, matching, pageIds`
}

// only is the subquery call that reads the list name when it is needed,
// and an empty list named so otherwise: a subquery that finds nothing
// still costs Neo4j the work of running it.
func only(needed bool, name, call string) string {
	if needed {
		return call + "\n"
	}
	return "WITH *, [] AS " + name + "\n"
}

// neighbourhoodStatement returns the statement and parameters that read q.
func neighbourhoodStatement(q regnet.NeighbourhoodQuery) (string, map[string]any) {
	params := map[string]any{
		"dutiesOf":       nonNil(q.DutiesOf),
		"handoffsFrom":   nonNil(q.HandoffsFrom),
		"handoffsTo":     nonNil(q.HandoffsTo),
		"handoffs":       nonNil(q.Handoffs),
		"agencies":       nonNil(q.Agencies),
		"skipAgencies":   q.Skip.Agencies,
		"skipProvisions": q.Skip.Provisions,
		"skipFields":     q.Skip.Fields,
		"skipAreas":      q.Skip.Areas,
	}
	if q.Page == nil {
		return neighbourhoodGiven + neighbourhoodBody(q), params
	}
	p := q.Page
	filter := agencyQuery(p.Filter)
	for k, v := range filter.params {
		params[k] = v
	}
	params["after"] = p.After
	params["first"] = int64(max(p.First, 0))
	params["pageDuties"] = p.Duties
	params["pageOut"] = p.Out
	params["pageIn"] = p.In
	params["pageParents"] = p.Parents
	return neighbourhoodPageProvinces + filter.text(neighbourhoodPageRest) + neighbourhoodBody(q), params
}

// Neighbourhood reads q in one statement (see neighbourhoodBody).
func (s *Store) Neighbourhood(ctx context.Context, q regnet.NeighbourhoodQuery) (*regnet.Neighbourhood, error) {
	cypher, params := neighbourhoodStatement(q)
	out, err := read(ctx, s, cypher, params, func(recs []*neo4j.Record) (*regnet.Neighbourhood, error) {
		if len(recs) != 1 {
			return nil, fmt.Errorf("%d records for a neighbourhood, want 1", len(recs))
		}
		v := recs[0].Values
		n := &regnet.Neighbourhood{
			Duties:       convertAll(v[0], toDuty, func(x *regnet.Duty) string { return x.ID }),
			HandoffsFrom: convertAll(v[1], toHandoff, func(x *regnet.Handoff) string { return x.ID }),
			HandoffsTo:   convertAll(v[2], toHandoff, func(x *regnet.Handoff) string { return x.ID }),
			Agencies:     convertAll(v[3], toAgency, func(x *regnet.Agency) string { return x.ID }),
			Provisions:   convertAll(v[4], toProvision, func(x *regnet.Provision) string { return x.ID }),
			Documents:    convertAll(v[5], toDocument, func(x *regnet.Document) string { return x.ID }),
			Fields:       convertAll(v[6], toField, func(x *regnet.Field) string { return x.Code }),
			Areas:        convertAll(v[7], toArea, func(x *regnet.Area) string { return x.Code }),
		}
		if q.Page != nil {
			n.Provinces = convertAll(v[8], toProvince, func(x *regnet.Province) string { return x.ID })
			n.Matching = convertAll(v[9], toAgency, func(x *regnet.Agency) string { return x.ID })
			n.PageIDs = props{"ids": v[10]}.strs("ids")
			if n.PageIDs == nil {
				n.PageIDs = []string{}
			}
		}
		return n, nil
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

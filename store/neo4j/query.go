package neo4j

import (
	"context"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/regnet/regnet"
)

// query builds a read statement from a constant MATCH, WHERE clauses
// chosen from a fixed set (each a constant written where it is used) and a
// constant RETURN. Filter values only ever travel as parameters. Leaving
// out the clauses of unset filters, rather than writing
// "$x IS NULL OR …", lets the planner use the id indexes.
type query struct {
	match  string
	where  []string
	params map[string]any
}

func newQuery(match string) *query {
	return &query{match: match, params: map[string]any{}}
}

// inDocumentProvince is the rule of every filter by province of a fact
// (duty, handoff rule, plan action, schedule): the province of the
// document that states it.
const inDocumentProvince = "EXISTS { MATCH (d:Document {id: n.document}) WHERE d.province = $province }"

// when adds a clause with its parameter.
func (q *query) when(clause, name string, value any) {
	q.where = append(q.where, clause)
	q.params[name] = value
}

func (q *query) text(ret string) string {
	var b strings.Builder
	b.WriteString(q.match)
	if len(q.where) > 0 {
		b.WriteString("\nWHERE ")
		b.WriteString(strings.Join(q.where, "\n  AND "))
	}
	b.WriteString("\n")
	b.WriteString(ret)
	return b.String()
}

// nodes runs q returning each node's properties, ordered by ret's ORDER BY,
// and converts them with conv.
func nodes[T any](ctx context.Context, s *Store, doing string, q *query, ret string, conv func(props) *T, key func(*T) string) ([]*T, error) {
	cypher := q.text(ret)
	out, err := read(ctx, s, cypher, q.params, func(recs []*neo4j.Record) ([]*T, error) {
		out := make([]*T, 0, len(recs))
		for _, r := range recs {
			m, _ := r.Values[0].(map[string]any)
			out = append(out, conv(props(m)))
		}
		return out, nil
	})
	if err != nil {
		return nil, storeError("neo4j: "+doing, err)
	}
	// Cypher orders strings by UTF-16 code units, the contract by bytes;
	// the two differ only past U+FFFF, but sorting here settles it.
	sort.SliceStable(out, func(i, j int) bool { return key(out[i]) < key(out[j]) })
	return out, nil
}

const returnByID = "RETURN n " + lean + " AS n ORDER BY n.id"

// lean is the map projection of a node's properties that reads return:
// all of them but the two no reader uses, the search tokens (folded, as
// long as the texts themselves) and the load's change hash. What a
// statement returns is most of what it costs Neo4j.
const lean = "{.*, folded: null, hash: null}"

// Documents lists the loaded documents matching f, ordered by id;
// placeholders for documents that are only cited are left out.
//
// The filters on time and named documents are answered in Go, by
// regnet.SelectDocuments over every loaded document (validity depends on
// the others), so that both stores agree; a province has tens of documents.
func (s *Store) Documents(ctx context.Context, f regnet.DocumentFilter) ([]*regnet.Document, error) {
	if f.InForceOn != "" || f.IncludeNamed {
		all, err := s.Documents(ctx, regnet.DocumentFilter{})
		if err != nil {
			return nil, err
		}
		return regnet.SelectDocuments(all, f), nil
	}
	q := newQuery("MATCH (n:Document)")
	q.where = append(q.where, "n.reference IS NULL")
	if len(f.IDs) > 0 {
		q.when("n.id IN $ids", "ids", f.IDs)
	}
	if len(f.Numbers) > 0 {
		keys := make([]string, len(f.Numbers))
		for i, n := range f.Numbers {
			keys[i] = regnet.NumberKey(n)
		}
		q.when("n.numberKey IN $numbers", "numbers", keys)
	}
	if f.Province != "" {
		q.when("n.province = $province", "province", f.Province)
	}
	if f.Kind != "" {
		q.when("n.kind = $kind", "kind", f.Kind)
	}
	if f.Status != "" {
		q.when("n.status = $status", "status", f.Status)
	}
	return nodes(ctx, s, "documents", q, returnByID, toDocument, func(x *regnet.Document) string { return x.ID })
}

// Provisions lists provisions matching f, ordered by id.
func (s *Store) Provisions(ctx context.Context, f regnet.ProvisionFilter) ([]*regnet.Provision, error) {
	q := newQuery("MATCH (n:Provision)")
	if len(f.IDs) > 0 {
		q.when("n.id IN $ids", "ids", f.IDs)
	}
	if len(f.Documents) > 0 {
		q.when("n.document IN $documents", "documents", f.Documents)
	}
	if f.Part != "" {
		q.when("n.part = $part", "part", f.Part)
	}
	return nodes(ctx, s, "provisions", q, returnByID, toProvision, func(x *regnet.Provision) string { return x.ID })
}

// Provinces lists every province, ordered by id.
func (s *Store) Provinces(ctx context.Context) ([]*regnet.Province, error) {
	return nodes(ctx, s, "provinces", newQuery("MATCH (n:Province)"), returnByID, toProvince, func(x *regnet.Province) string { return x.ID })
}

// Agencies lists agencies matching f, ordered by id.
func (s *Store) Agencies(ctx context.Context, f regnet.AgencyFilter) ([]*regnet.Agency, error) {
	return nodes(ctx, s, "agencies", agencyQuery(f), returnByID, toAgency, func(x *regnet.Agency) string { return x.ID })
}

// agencyQuery selects the agencies matching f as n.
func agencyQuery(f regnet.AgencyFilter) *query {
	q := newQuery("MATCH (n:Agency)")
	if len(f.IDs) > 0 {
		q.when("n.id IN $ids", "ids", f.IDs)
	}
	if f.Province != "" {
		q.when("n.province = $province", "province", f.Province)
	}
	if f.Kind != "" {
		q.when("n.kind = $kind", "kind", f.Kind)
	}
	if f.Level != "" {
		q.when("n.level = $level", "level", f.Level)
	}
	if len(f.Parents) > 0 {
		q.when("n.parent IN $parents", "parents", f.Parents)
	}
	return q
}

// Duties lists duties matching f, ordered by id. Province is the
// province of the document that states the duty.
func (s *Store) Duties(ctx context.Context, f regnet.DutyFilter) ([]*regnet.Duty, error) {
	q := newQuery("MATCH (n:Duty)")
	if len(f.IDs) > 0 {
		q.when("n.id IN $ids", "ids", f.IDs)
	}
	if len(f.Agencies) > 0 {
		q.when("n.agency IN $agencies", "agencies", f.Agencies)
	}
	if len(f.Partners) > 0 {
		q.when("any(p IN n.partners WHERE p IN $partners)", "partners", f.Partners)
	}
	if len(f.ReportsTo) > 0 {
		q.when("any(a IN n.reportsTo WHERE a IN $reportsTo)", "reportsTo", f.ReportsTo)
	}
	if f.Province != "" {
		q.when(inDocumentProvince, "province", f.Province)
	}
	if f.Role != "" {
		q.when("n.role = $role", "role", f.Role)
	}
	if f.Field != "" {
		q.when("$field IN n.fields", "field", f.Field)
	}
	if f.Area != "" {
		q.when("$area IN n.areas", "area", f.Area)
	}
	return nodes(ctx, s, "duties", q, returnByID, toDuty, func(x *regnet.Duty) string { return x.ID })
}

// Handoffs lists handoff rules matching f, ordered by id. Province is the
// province of the document that states the rule.
func (s *Store) Handoffs(ctx context.Context, f regnet.HandoffFilter) ([]*regnet.Handoff, error) {
	q := newQuery("MATCH (n:Handoff)")
	if len(f.IDs) > 0 {
		q.when("n.id IN $ids", "ids", f.IDs)
	}
	if len(f.From) > 0 {
		q.when("n.from IN $from", "from", f.From)
	}
	if len(f.To) > 0 {
		q.when("any(a IN coalesce(n.notifies, []) + coalesce(n.transfersTo, []) WHERE a IN $to)", "to", f.To)
	}
	if f.Province != "" {
		q.when(inDocumentProvince, "province", f.Province)
	}
	if f.Leaving != "" {
		q.when("$leaving IN n.leaving", "leaving", f.Leaving)
	}
	if f.Entering != "" {
		q.when("$entering IN n.entering", "entering", f.Entering)
	}
	return nodes(ctx, s, "handoffs", q, returnByID, toHandoff, func(x *regnet.Handoff) string { return x.ID })
}

// PlanActions lists plan actions matching f, ordered by id. The deadline
// bounds compare, strictly, with Deadline.End(), kept on the node as
// deadlineEnd (empty for deadlines without an end, which then never match).
func (s *Store) PlanActions(ctx context.Context, f regnet.PlanActionFilter) ([]*regnet.PlanAction, error) {
	q := newQuery("MATCH (n:PlanAction)")
	if len(f.IDs) > 0 {
		q.when("n.id IN $ids", "ids", f.IDs)
	}
	if len(f.Documents) > 0 {
		q.when("n.document IN $documents", "documents", f.Documents)
	}
	if f.Province != "" {
		q.when(inDocumentProvince, "province", f.Province)
	}
	if len(f.Agencies) > 0 {
		q.when("any(a IN coalesce(n.leads, []) + coalesce(n.coordinators, []) WHERE a IN $agencies)", "agencies", f.Agencies)
	}
	if len(f.Leads) > 0 {
		q.when("any(a IN n.leads WHERE a IN $leads)", "leads", f.Leads)
	}
	if f.DeadlineKind != "" {
		q.when("n.deadlineKind = $deadlineKind", "deadlineKind", f.DeadlineKind)
	}
	if f.DeadlineAfter != "" {
		q.when("n.deadlineEnd <> '' AND n.deadlineEnd > $deadlineAfter", "deadlineAfter", f.DeadlineAfter)
	}
	if f.DeadlineBefore != "" {
		q.when("n.deadlineEnd <> '' AND n.deadlineEnd < $deadlineBefore", "deadlineBefore", f.DeadlineBefore)
	}
	if len(f.Amends) > 0 {
		q.when("any(a IN n.amends WHERE a IN $amends)", "amends", f.Amends)
	}
	return nodes(ctx, s, "plan actions", q, returnByID, toPlanAction, func(x *regnet.PlanAction) string { return x.ID })
}

// Targets lists plan targets matching f, ordered by id.
func (s *Store) Targets(ctx context.Context, f regnet.TargetFilter) ([]*regnet.Target, error) {
	q := newQuery("MATCH (n:Target)")
	if len(f.IDs) > 0 {
		q.when("n.id IN $ids", "ids", f.IDs)
	}
	if len(f.Documents) > 0 {
		q.when("n.document IN $documents", "documents", f.Documents)
	}
	return nodes(ctx, s, "targets", q, returnByID, toTarget, func(x *regnet.Target) string { return x.ID })
}

// Schedules lists the meetings, reviews and reports matching f, ordered by
// id. Documents and Province are those of the provision that sets them.
func (s *Store) Schedules(ctx context.Context, f regnet.ScheduleFilter) ([]*regnet.Schedule, error) {
	q := newQuery("MATCH (n:Schedule)")
	if len(f.IDs) > 0 {
		q.when("n.id IN $ids", "ids", f.IDs)
	}
	if len(f.Documents) > 0 {
		q.when("n.document IN $documents", "documents", f.Documents)
	}
	if f.Province != "" {
		q.when(inDocumentProvince, "province", f.Province)
	}
	if f.Kind != "" {
		q.when("n.kind = $kind", "kind", f.Kind)
	}
	if len(f.Agencies) > 0 {
		q.when("any(a IN coalesce(n.agencies, []) + coalesce(n.to, []) WHERE a IN $agencies)", "agencies", f.Agencies)
	}
	return nodes(ctx, s, "schedules", q, returnByID, toSchedule, func(x *regnet.Schedule) string { return x.ID })
}

const returnByCode = "RETURN n " + lean + " AS n ORDER BY n.code"

// Fields lists the fields with the given codes (all when codes is empty),
// ordered by code.
func (s *Store) Fields(ctx context.Context, codes []string) ([]*regnet.Field, error) {
	q := newQuery("MATCH (n:Field)")
	if len(codes) > 0 {
		q.when("n.code IN $codes", "codes", codes)
	}
	return nodes(ctx, s, "fields", q, returnByCode, toField, func(x *regnet.Field) string { return x.Code })
}

// Areas lists the areas with the given codes (all when codes is empty),
// ordered by code.
func (s *Store) Areas(ctx context.Context, codes []string) ([]*regnet.Area, error) {
	q := newQuery("MATCH (n:Area)")
	if len(codes) > 0 {
		q.when("n.code IN $codes", "codes", codes)
	}
	return nodes(ctx, s, "areas", q, returnByCode, toArea, func(x *regnet.Area) string { return x.Code })
}

package neo4j

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/regnet/regnet"
)

// Load writes ds in one managed write transaction: either all of it is
// written or, when Load returns an error, nothing is.
//
// The documents being loaded are ds.Documents together with every document
// a provision, duty, handoff, plan action, target or schedule of ds belongs
// to. Their
// facts are replaced by ds's: nodes are merged by id, each with a hash of its
// properties so that an unchanged node is not written again; relationships
// are merged; then facts of those documents that ds no longer has, and
// relationships that ds no longer implies, are deleted. Loading the same
// dataset twice therefore reports no change at all.
//
// Agencies and provinces are shared between documents. An agency is deleted
// only when this load took away its last link (a duty, handoff, plan action,
// partner, child or successor) and ds does not list it; an agency that was
// listed by an earlier load and never linked stays. A province is deleted
// when no agency is in it, no document names it and ds does not list it.
// Documents cited by number (BASED_ON, REPLACES, AMENDS) but not loaded are
// placeholder Document nodes with reference = true; they go when nothing
// cites them any more, and become real documents when loaded.
func (s *Store) Load(ctx context.Context, ds *regnet.Dataset) (*regnet.LoadSummary, error) {
	if ds == nil {
		return nil, regnet.Errorf(regnet.EINVALID, "neo4j: load: no dataset")
	}
	p, err := plan(ds, s.batchSize)
	if err != nil {
		return nil, err
	}
	sum, err := write(ctx, s, func(tx neo4j.ManagedTransaction) (*regnet.LoadSummary, error) {
		sum, err := s.run(ctx, tx, p)
		if err != nil {
			return nil, err
		}
		return sum, bumpVersion(ctx, tx)
	})
	if err != nil {
		return nil, storeError("neo4j: load", err)
	}
	sum.Documents = len(ds.Documents)
	return sum, nil
}

// A step is one statement of a load: Cypher and, for UNWIND statements, the
// rows of one batch.
type step struct {
	what   string
	cypher string
	params map[string]any
	// collect, when set, reads the agency ids the statement returns: the
	// agencies that lost a link, candidates for the clean-up at the end.
	collect bool
	// updates, when set, reads the number of existing nodes the statement
	// changed.
	updates bool
}

// loadPlan is everything a load will run, computed before the transaction
// starts so that a retried transaction does the same work.
type loadPlan struct {
	steps    []step
	agencies []string // ids of the dataset's agencies
	province []string // ids of the dataset's provinces
	total    int      // steps, plus one for the clean-up
}

// run executes a load plan in tx. It returns driver errors unwrapped.
func (s *Store) run(ctx context.Context, tx neo4j.ManagedTransaction, p *loadPlan) (*regnet.LoadSummary, error) {
	sum := &regnet.LoadSummary{}
	done := 0
	candidates := map[string]bool{}
	exec := func(st step) ([]*neo4j.Record, error) {
		if s.beforeBatch != nil {
			if err := s.beforeBatch(ctx, tx, done, st.what); err != nil {
				return nil, err
			}
		}
		res, err := tx.Run(ctx, st.cypher, st.params)
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		summary, err := res.Consume(ctx)
		if err != nil {
			return nil, err
		}
		c := summary.Counters()
		sum.NodesCreated += c.NodesCreated()
		sum.NodesDeleted += c.NodesDeleted()
		sum.RelationshipsCreated += c.RelationshipsCreated()
		sum.RelationshipsDeleted += c.RelationshipsDeleted()
		sum.PropertiesSet += c.PropertiesSet()
		return recs, nil
	}

	for _, st := range p.steps {
		recs, err := exec(st)
		if err != nil {
			return nil, err
		}
		done++
		if s.Progress != nil {
			s.Progress(done, p.total, st.what)
		}
		if st.updates && len(recs) == 1 {
			if n, ok := recs[0].Values[0].(int64); ok {
				sum.NodesUpdated += int(n)
			}
		}
		if st.collect {
			for _, r := range recs {
				for _, id := range stringList(r.Values[0]) {
					candidates[id] = true
				}
			}
		}
	}

	// Agencies this load took the last link from, then their parents and
	// successors in turn. The chain of parents is short; the bound only
	// guards against a cycle of PART_OF links.
	next := sortedKeys(candidates)
	for round := 0; round < 16 && len(next) > 0; round++ {
		recs, err := exec(step{what: "orphaned agencies", cypher: cypherDeleteOrphanAgencies,
			params: map[string]any{"ids": next, "keep": p.agencies}})
		if err != nil {
			return nil, err
		}
		more := map[string]bool{}
		for _, r := range recs {
			for _, id := range stringList(r.Values[0]) {
				more[id] = true
			}
		}
		next = sortedKeys(more)
	}
	for _, st := range []step{
		{what: "orphaned provinces", cypher: cypherDeleteOrphanProvinces, params: map[string]any{"keep": p.province}},
		{what: "uncited references", cypher: cypherDeleteUncitedReferences},
	} {
		if _, err := exec(st); err != nil {
			return nil, err
		}
	}
	if s.Progress != nil {
		s.Progress(p.total, p.total, "clean-up")
	}
	return sum, nil
}

// Node labels and their MERGE statements. Each row is {id, hash, props};
// props holds every property, id and hash included, and replaces the
// node's properties only when the hash differs. Each returns how many
// nodes that were there already it changed (updated).
const (
	cypherMergeDocuments = `UNWIND $rows AS row
MERGE (n:Document {id: row.id})
WITH n, row, n.hash IS NULL AS created WHERE created OR n.hash <> row.hash
SET n = row.props
RETURN count(CASE WHEN created THEN null ELSE n END) AS updated`
	cypherMergeReferences = `UNWIND $rows AS row
MERGE (n:Document {id: row.id})
ON CREATE SET n.number = row.number, n.reference = true`
	cypherMergeProvisions = `UNWIND $rows AS row
MERGE (n:Provision {id: row.id})
WITH n, row, n.hash IS NULL AS created WHERE created OR n.hash <> row.hash
SET n = row.props
RETURN count(CASE WHEN created THEN null ELSE n END) AS updated`
	cypherMergeProvinces = `UNWIND $rows AS row
MERGE (n:Province {id: row.id})
WITH n, row, n.hash IS NULL AS created WHERE created OR n.hash <> row.hash
SET n = row.props
RETURN count(CASE WHEN created THEN null ELSE n END) AS updated`
	cypherMergeAgencies = `UNWIND $rows AS row
MERGE (n:Agency {id: row.id})
WITH n, row, n.hash IS NULL AS created WHERE created OR n.hash <> row.hash
SET n = row.props
RETURN count(CASE WHEN created THEN null ELSE n END) AS updated`
	cypherMergeDuties = `UNWIND $rows AS row
MERGE (n:Duty {id: row.id})
WITH n, row, n.hash IS NULL AS created WHERE created OR n.hash <> row.hash
SET n = row.props
RETURN count(CASE WHEN created THEN null ELSE n END) AS updated`
	cypherMergeHandoffs = `UNWIND $rows AS row
MERGE (n:Handoff {id: row.id})
WITH n, row, n.hash IS NULL AS created WHERE created OR n.hash <> row.hash
SET n = row.props
RETURN count(CASE WHEN created THEN null ELSE n END) AS updated`
	cypherMergePlanActions = `UNWIND $rows AS row
MERGE (n:PlanAction {id: row.id})
WITH n, row, n.hash IS NULL AS created WHERE created OR n.hash <> row.hash
SET n = row.props
RETURN count(CASE WHEN created THEN null ELSE n END) AS updated`
	cypherMergeTargets = `UNWIND $rows AS row
MERGE (n:Target {id: row.id})
WITH n, row, n.hash IS NULL AS created WHERE created OR n.hash <> row.hash
SET n = row.props
RETURN count(CASE WHEN created THEN null ELSE n END) AS updated`
	cypherMergeSchedules = `UNWIND $rows AS row
MERGE (n:Schedule {id: row.id})
WITH n, row, n.hash IS NULL AS created WHERE created OR n.hash <> row.hash
SET n = row.props
RETURN count(CASE WHEN created THEN null ELSE n END) AS updated`
	cypherMergeFields = `UNWIND $rows AS row
MERGE (n:Field {code: row.id})
WITH n, row, n.hash IS NULL AS created WHERE created OR n.hash <> row.hash
SET n = row.props
RETURN count(CASE WHEN created THEN null ELSE n END) AS updated`
	cypherMergeAreas = `UNWIND $rows AS row
MERGE (n:Area {code: row.id})
WITH n, row, n.hash IS NULL AS created WHERE created OR n.hash <> row.hash
SET n = row.props
RETURN count(CASE WHEN created THEN null ELSE n END) AS updated`
)

// Relationship MERGE statements. Each row is {from, to} (and prop for the
// relationships that carry one). A row whose end is missing from the graph
// makes no relationship; the next load that brings the end makes it.
const (
	cypherHasProvision = `UNWIND $rows AS row
MATCH (a:Document {id: row.from}) MATCH (b:Provision {id: row.to})
MERGE (a)-[:HAS_PROVISION]->(b)`
	cypherProvisionPartOf = `UNWIND $rows AS row
MATCH (a:Provision {id: row.from}) MATCH (b:Provision {id: row.to})
MERGE (a)-[:PART_OF]->(b)`
	cypherBasedOn = `UNWIND $rows AS row
MATCH (a:Document {id: row.from}) MATCH (b:Document {id: row.to})
MERGE (a)-[:BASED_ON]->(b)`
	cypherReplaces = `UNWIND $rows AS row
MATCH (a:Document {id: row.from}) MATCH (b:Document {id: row.to})
MERGE (a)-[:REPLACES]->(b)`
	cypherInProvince = `UNWIND $rows AS row
MATCH (a:Agency {id: row.from}) MATCH (b:Province {id: row.to})
MERGE (a)-[:IN_PROVINCE]->(b)`
	cypherAgencyPartOf = `UNWIND $rows AS row
MATCH (a:Agency {id: row.from}) MATCH (b:Agency {id: row.to})
MERGE (a)-[:PART_OF]->(b)`
	cypherSucceededBy = `UNWIND $rows AS row
MATCH (a:Agency {id: row.from}) MATCH (b:Agency {id: row.to})
MERGE (a)-[:SUCCEEDED_BY]->(b)`
	cypherHasDuty = `UNWIND $rows AS row
MATCH (a:Agency {id: row.from}) MATCH (b:Duty {id: row.to})
MERGE (a)-[:HAS_DUTY {role: row.prop}]->(b)`
	cypherInField = `UNWIND $rows AS row
MATCH (a:Duty {id: row.from}) MATCH (b:Field {code: row.to})
MERGE (a)-[:IN_FIELD]->(b)`
	cypherInArea = `UNWIND $rows AS row
MATCH (a:Duty {id: row.from}) MATCH (b:Area {code: row.to})
MERGE (a)-[:IN_AREA]->(b)`
	cypherWith = `UNWIND $rows AS row
MATCH (a:Duty {id: row.from}) MATCH (b:Agency {id: row.to})
MERGE (a)-[:WITH]->(b)`
	cypherCoordinatesWith = `UNWIND $rows AS row
MATCH (a:Agency {id: row.from}) MATCH (b:Agency {id: row.to})
MERGE (a)-[:COORDINATES_WITH {duty: row.prop}]->(b)`
	// A reporting line is keyed by its duty and its period, so that a
	// period that changes makes a new relationship and the old one goes as
	// stale, rather than a property set on every load.
	cypherReportsTo = `UNWIND $rows AS row
MATCH (a:Agency {id: row.from}) MATCH (b:Agency {id: row.to})
MERGE (a)-[:REPORTS_TO {duty: row.prop, when: row.when}]->(b)`
	cypherDutyStatedIn = `UNWIND $rows AS row
MATCH (a:Duty {id: row.from}) MATCH (b:Provision {id: row.to})
MERGE (a)-[:STATED_IN]->(b)`
	cypherInitiates = `UNWIND $rows AS row
MATCH (a:Agency {id: row.from}) MATCH (b:Handoff {id: row.to})
MERGE (a)-[:INITIATES]->(b)`
	cypherNotifies = `UNWIND $rows AS row
MATCH (a:Handoff {id: row.from}) MATCH (b:Agency {id: row.to})
MERGE (a)-[:NOTIFIES]->(b)`
	cypherTransfersTo = `UNWIND $rows AS row
MATCH (a:Handoff {id: row.from}) MATCH (b:Agency {id: row.to})
MERGE (a)-[:TRANSFERS_TO]->(b)`
	cypherLeaving = `UNWIND $rows AS row
MATCH (a:Handoff {id: row.from}) MATCH (b:Area {code: row.to})
MERGE (a)-[:LEAVING]->(b)`
	cypherEntering = `UNWIND $rows AS row
MATCH (a:Handoff {id: row.from}) MATCH (b:Area {code: row.to})
MERGE (a)-[:ENTERING]->(b)`
	cypherHandsOffTo = `UNWIND $rows AS row
MATCH (a:Agency {id: row.from}) MATCH (b:Agency {id: row.to})
MERGE (a)-[:HANDS_OFF_TO {handoff: row.prop}]->(b)`
	cypherHandoffStatedIn = `UNWIND $rows AS row
MATCH (a:Handoff {id: row.from}) MATCH (b:Provision {id: row.to})
MERGE (a)-[:STATED_IN]->(b)`
	cypherLeads = `UNWIND $rows AS row
MATCH (a:Agency {id: row.from}) MATCH (b:PlanAction {id: row.to})
MERGE (a)-[:LEADS]->(b)`
	cypherCoordinates = `UNWIND $rows AS row
MATCH (a:Agency {id: row.from}) MATCH (b:PlanAction {id: row.to})
MERGE (a)-[:COORDINATES]->(b)`
	cypherActionInPlan = `UNWIND $rows AS row
MATCH (a:PlanAction {id: row.from}) MATCH (b:Document {id: row.to})
MERGE (a)-[:IN_PLAN]->(b)`
	cypherAmends = `UNWIND $rows AS row
MATCH (a:PlanAction {id: row.from}) MATCH (b:Document {id: row.to})
MERGE (a)-[:AMENDS]->(b)`
	cypherActionStatedIn = `UNWIND $rows AS row
MATCH (a:PlanAction {id: row.from}) MATCH (b:Provision {id: row.to})
MERGE (a)-[:STATED_IN]->(b)`
	cypherTargetInPlan = `UNWIND $rows AS row
MATCH (a:Target {id: row.from}) MATCH (b:Document {id: row.to})
MERGE (a)-[:IN_PLAN]->(b)`
	cypherTargetStatedIn = `UNWIND $rows AS row
MATCH (a:Target {id: row.from}) MATCH (b:Provision {id: row.to})
MERGE (a)-[:STATED_IN]->(b)`
	cypherHeldBy = `UNWIND $rows AS row
MATCH (a:Schedule {id: row.from}) MATCH (b:Agency {id: row.to})
MERGE (a)-[:HELD_BY]->(b)`
	cypherSentTo = `UNWIND $rows AS row
MATCH (a:Schedule {id: row.from}) MATCH (b:Agency {id: row.to})
MERGE (a)-[:SENT_TO]->(b)`
	cypherScheduleStatedIn = `UNWIND $rows AS row
MATCH (a:Schedule {id: row.from}) MATCH (b:Provision {id: row.to})
MERGE (a)-[:STATED_IN]->(b)`
)

// Stale relationships: each row is {id, keys}, the node's id and the keys
// of the relationships it owns in the dataset. A key is the relationship
// type, the other end's id (or code) and the relationship's property, joined
// by "|" (relKey builds the same string in Go). Each statement returns the
// ids of the agencies and provinces that lost a link.
const (
	staleKey           = `type(r) + '|' + coalesce(m.id, m.code) + '|' + coalesce(r.role, r.handoff, r.duty, '')`
	staleReturn        = ` DELETE r RETURN collect(DISTINCT CASE WHEN m:Agency THEN m.id END) AS ids`
	cypherStaleDocOut  = `UNWIND $rows AS row MATCH (n:Document {id: row.id})-[r:BASED_ON|REPLACES]->(m) WHERE NOT ` + staleKey + ` IN row.keys` + staleReturn
	cypherStaleProvOut = `UNWIND $rows AS row MATCH (n:Provision {id: row.id})-[r:PART_OF]->(m) WHERE NOT ` + staleKey + ` IN row.keys` + staleReturn
	cypherStaleProvIn  = `UNWIND $rows AS row MATCH (n:Provision {id: row.id})<-[r:HAS_PROVISION]-(m) WHERE NOT ` + staleKey + ` IN row.keys` + staleReturn
	cypherStaleAgOut   = `UNWIND $rows AS row MATCH (n:Agency {id: row.id})-[r:IN_PROVINCE|PART_OF|SUCCEEDED_BY]->(m) WHERE NOT ` + staleKey + ` IN row.keys` + staleReturn
	cypherStaleDutyOut = `UNWIND $rows AS row MATCH (n:Duty {id: row.id})-[r:IN_FIELD|IN_AREA|WITH|STATED_IN]->(m) WHERE NOT ` + staleKey + ` IN row.keys` + staleReturn
	cypherStaleDutyIn  = `UNWIND $rows AS row MATCH (n:Duty {id: row.id})<-[r:HAS_DUTY]-(m) WHERE NOT ` + staleKey + ` IN row.keys` + staleReturn
	cypherStaleHOOut   = `UNWIND $rows AS row MATCH (n:Handoff {id: row.id})-[r:NOTIFIES|TRANSFERS_TO|LEAVING|ENTERING|STATED_IN]->(m) WHERE NOT ` + staleKey + ` IN row.keys` + staleReturn
	cypherStaleHOIn    = `UNWIND $rows AS row MATCH (n:Handoff {id: row.id})<-[r:INITIATES]-(m) WHERE NOT ` + staleKey + ` IN row.keys` + staleReturn
	cypherStalePAOut   = `UNWIND $rows AS row MATCH (n:PlanAction {id: row.id})-[r:IN_PLAN|AMENDS|STATED_IN]->(m) WHERE NOT ` + staleKey + ` IN row.keys` + staleReturn
	cypherStalePAIn    = `UNWIND $rows AS row MATCH (n:PlanAction {id: row.id})<-[r:LEADS|COORDINATES]-(m) WHERE NOT ` + staleKey + ` IN row.keys` + staleReturn
	cypherStaleTgtOut  = `UNWIND $rows AS row MATCH (n:Target {id: row.id})-[r:IN_PLAN|STATED_IN]->(m) WHERE NOT ` + staleKey + ` IN row.keys` + staleReturn
	cypherStaleSchOut  = `UNWIND $rows AS row MATCH (n:Schedule {id: row.id})-[r:HELD_BY|SENT_TO|STATED_IN]->(m) WHERE NOT ` + staleKey + ` IN row.keys` + staleReturn
)

// Stale derived links: each row is {id, keys} for a duty or handoff of the
// dataset. The links start at the agency the stored node names (its agency
// or from), which is the one they were made from; so these statements run
// before the nodes are merged, while the stored node still says so. They
// expand from that agency rather than look the relationship property up in
// an index: with such an index, the planner may plan MERGE on these
// relationships as an index scan per row.
const (
	cypherStaleDutyDer = `UNWIND $rows AS row
MATCH (n:Duty {id: row.id})
MATCH (a:Agency {id: n.agency})-[r:COORDINATES_WITH]->(m:Agency)
WHERE r.duty = n.id AND NOT 'COORDINATES_WITH|' + a.id + '|' + m.id IN row.keys
DELETE r RETURN collect(DISTINCT a.id) + collect(DISTINCT m.id) AS ids`
	cypherStaleReportsDer = `UNWIND $rows AS row
MATCH (n:Duty {id: row.id})
MATCH (a:Agency {id: n.agency})-[r:REPORTS_TO]->(m:Agency)
WHERE r.duty = n.id AND NOT 'REPORTS_TO|' + a.id + '|' + m.id + '|' + r.when IN row.keys
DELETE r RETURN collect(DISTINCT a.id) + collect(DISTINCT m.id) AS ids`
	cypherStaleHODer = `UNWIND $rows AS row
MATCH (n:Handoff {id: row.id})
MATCH (a:Agency {id: n.from})-[r:HANDS_OFF_TO]->(m:Agency)
WHERE r.handoff = n.id AND NOT 'HANDS_OFF_TO|' + a.id + '|' + m.id IN row.keys
DELETE r RETURN collect(DISTINCT a.id) + collect(DISTINCT m.id) AS ids`
)

// Stale facts: nodes of the loaded documents ($docs) that the dataset no
// longer has ($keep), with the derived agency links they stand behind. Each
// statement returns the ids of the agencies that lost a link.
const (
	cypherDeleteProvisions = `MATCH (n:Provision) WHERE n.document IN $docs AND NOT n.id IN $keep
DETACH DELETE n RETURN [] AS ids`
	cypherDeleteDuties = `MATCH (n:Duty) WHERE n.document IN $docs AND NOT n.id IN $keep
OPTIONAL MATCH (n)--(a:Agency)
WITH n, collect(DISTINCT a.id) AS ids
CALL (n) { MATCH (:Agency {id: n.agency})-[r:COORDINATES_WITH|REPORTS_TO]->(:Agency) WHERE r.duty = n.id DELETE r }
DETACH DELETE n RETURN ids`
	cypherDeleteHandoffs = `MATCH (n:Handoff) WHERE n.document IN $docs AND NOT n.id IN $keep
OPTIONAL MATCH (n)--(a:Agency)
WITH n, collect(DISTINCT a.id) AS ids
CALL (n) { MATCH (:Agency {id: n.from})-[r:HANDS_OFF_TO]->(:Agency) WHERE r.handoff = n.id DELETE r }
DETACH DELETE n RETURN ids`
	cypherDeletePlanActions = `MATCH (n:PlanAction) WHERE n.document IN $docs AND NOT n.id IN $keep
OPTIONAL MATCH (n)--(a:Agency)
WITH n, collect(DISTINCT a.id) AS ids
DETACH DELETE n RETURN ids`
	cypherDeleteTargets = `MATCH (n:Target) WHERE n.document IN $docs AND NOT n.id IN $keep
DETACH DELETE n RETURN [] AS ids`
	cypherDeleteSchedules = `MATCH (n:Schedule) WHERE n.document IN $docs AND NOT n.id IN $keep
OPTIONAL MATCH (n)--(a:Agency)
WITH n, collect(DISTINCT a.id) AS ids
DETACH DELETE n RETURN ids`
)

// Clean-up after the facts are replaced (see Load).
const (
	// cypherDeleteOrphanAgencies deletes the candidate agencies that are not
	// in the dataset and that nothing links to or through any more: no
	// incoming link at all (child, successor-of, partner, handoff target) and
	// no duty, handoff or plan action of their own. It returns their
	// parents and successors, which may have lost their last link with them.
	cypherDeleteOrphanAgencies = `UNWIND $ids AS id
MATCH (a:Agency {id: id})
WHERE NOT a.id IN $keep
  AND NOT EXISTS { (a)<--() }
  AND NOT EXISTS { (a)-[:HAS_DUTY|INITIATES|LEADS|COORDINATES|HANDS_OFF_TO|COORDINATES_WITH|REPORTS_TO]->() }
OPTIONAL MATCH (a)-[:PART_OF|SUCCEEDED_BY]->(p:Agency)
WITH a, collect(DISTINCT p.id) AS ids
DETACH DELETE a
RETURN ids`
	cypherDeleteOrphanProvinces = `MATCH (p:Province)
WHERE NOT p.id IN $keep
  AND NOT EXISTS { (p)<-[:IN_PROVINCE]-() }
  AND NOT EXISTS { MATCH (d:Document) WHERE d.province = p.name AND d.reference IS NULL }
DETACH DELETE p`
	cypherDeleteUncitedReferences = `MATCH (d:Document) WHERE d.reference = true AND NOT EXISTS { (d)<--() }
DELETE d`
)

// edgeSet gathers the rows of one relationship MERGE statement.
type edgeSet struct {
	what   string
	cypher string
	rows   []map[string]any
}

func (e *edgeSet) add(from, to, prop string) {
	row := map[string]any{"from": from, "to": to}
	if prop != "" {
		row["prop"] = prop
	}
	e.rows = append(e.rows, row)
}

// owned collects, per node, the keys of the relationships it owns.
type owned map[string][]string

func (o owned) add(id, typ, other, prop string) {
	o[id] = append(o[id], relKey(typ, other, prop))
}

// relKey is the Go side of staleKey.
func relKey(typ, other, prop string) string {
	return typ + "|" + other + "|" + prop
}

// rows turns o into {id, keys} rows for the given ids, so that nodes with
// no relationships get checked too.
func (o owned) rows(ids []string) []map[string]any {
	out := make([]map[string]any, 0, len(ids))
	for _, id := range ids {
		keys := o[id]
		if keys == nil {
			keys = []string{}
		}
		out = append(out, map[string]any{"id": id, "keys": keys})
	}
	return out
}

// plan turns ds into the statements of a load. It checks the dataset first,
// so that a bad dataset fails before anything is written.
func plan(ds *regnet.Dataset, batch int) (*loadPlan, error) {
	if err := check(ds); err != nil {
		return nil, err
	}
	if batch <= 0 {
		batch = 500
	}
	p := newPlanner(ds, batch)

	// The documents' node rows are written first; each group then gathers
	// its node rows and links, in the order the statements run.
	p.nodes("documents", cypherMergeDocuments, p.documents())
	provRows := p.provisions()
	agRows := p.agencies()
	dutyRows := p.duties()
	hoRows := p.handoffs()
	paRows := p.planActions()
	tgtRows := p.targets()
	schRows := p.schedules()

	// Provinces and cited documents are known only once every group has
	// named its own.
	p.nodes("provisions", cypherMergeProvisions, provRows)
	p.nodes("provinces", cypherMergeProvinces, p.provinceRows())
	p.nodes("fields", cypherMergeFields, p.fieldRows())
	p.nodes("areas", cypherMergeAreas, p.areaRows())
	p.nodes("cited documents", cypherMergeReferences, p.referenceRows())
	p.nodes("agencies", cypherMergeAgencies, agRows)
	p.nodes("duties", cypherMergeDuties, dutyRows)
	p.nodes("handoffs", cypherMergeHandoffs, hoRows)
	p.nodes("plan actions", cypherMergePlanActions, paRows)
	p.nodes("targets", cypherMergeTargets, tgtRows)
	p.nodes("schedules", cypherMergeSchedules, schRows)
	for _, e := range p.edges.ordered() {
		for _, b := range chunk(e.rows, batch) {
			p.steps = append(p.steps, step{what: e.what, cypher: e.cypher, params: map[string]any{"rows": b}})
		}
	}

	pre, post := staleSteps(batch, p.own, p.ids, p.dutyDerived, p.reportsDer, p.hoDerived, sortedKeys(p.docSet))
	steps := append(append(pre, p.steps...), post...)

	agIDs := p.ids.agencies
	if agIDs == nil {
		agIDs = []string{}
	}
	provinceKeep := p.provinceKeep
	if provinceKeep == nil {
		provinceKeep = []string{}
	}
	return &loadPlan{
		steps:    steps,
		agencies: agIDs,
		province: provinceKeep,
		// The clean-up statements, however many, count as one.
		total: len(steps) + 1,
	}, nil
}

// planner holds what the groups of a load plan share while plan builds it:
// the documents and provinces named so far, the statements, the relationship
// rows and the keys of the relationships each node owns.
type planner struct {
	ds    *regnet.Dataset
	batch int

	docSet   map[string]bool   // the documents the load touches
	byNumber map[string]string // loaded documents' ids by number
	docOf    func(string) string
	refs     map[string]string // placeholder document id -> number

	provinceIDs  map[string]string // id -> name
	provinceKeep []string          // the provinces' ids, sorted; set by provinceRows

	steps []step
	edges planEdges
	// own holds, per "Label>" (outgoing) or "Label<" (incoming), the keys
	// of the relationships each node of the label owns.
	own                                map[string]owned
	dutyDerived, reportsDer, hoDerived owned // derived agency-to-agency links, by the fact they come from
	ids                                loadIDs
}

// planEdges are the relationship MERGE statements of a load.
type planEdges struct {
	hasProvision, provPartOf, basedOn, replaces, inProvince, agPartOf, succeededBy,
	hasDuty, inField, inArea, with, coordWith, reportsTo, dutyStated,
	initiates, notifies, transfers, leaving, entering, handsOff, hoStated,
	leads, coordinates, actionInPlan, amends, paStated, targetInPlan, tgtStated,
	heldBy, sentTo, schStated *edgeSet
}

// ordered lists the relationship statements in the order they run.
func (e *planEdges) ordered() []*edgeSet {
	return []*edgeSet{e.hasProvision, e.provPartOf, e.basedOn, e.replaces, e.inProvince, e.agPartOf, e.succeededBy,
		e.hasDuty, e.inField, e.inArea, e.with, e.coordWith, e.reportsTo, e.dutyStated, e.initiates, e.notifies, e.transfers, e.leaving, e.entering,
		e.handsOff, e.hoStated, e.leads, e.coordinates, e.actionInPlan, e.amends, e.paStated, e.targetInPlan, e.tgtStated,
		e.heldBy, e.sentTo, e.schStated}
}

func newPlanner(ds *regnet.Dataset, batch int) *planner {
	p := &planner{
		ds:          ds,
		batch:       batch,
		refs:        map[string]string{},
		provinceIDs: map[string]string{},
		own:         map[string]owned{},
		dutyDerived: owned{},
		reportsDer:  owned{},
		hoDerived:   owned{},
		edges: planEdges{
			hasProvision: &edgeSet{what: "HAS_PROVISION", cypher: cypherHasProvision},
			provPartOf:   &edgeSet{what: "PART_OF (provisions)", cypher: cypherProvisionPartOf},
			basedOn:      &edgeSet{what: "BASED_ON", cypher: cypherBasedOn},
			replaces:     &edgeSet{what: "REPLACES", cypher: cypherReplaces},
			inProvince:   &edgeSet{what: "IN_PROVINCE", cypher: cypherInProvince},
			agPartOf:     &edgeSet{what: "PART_OF (agencies)", cypher: cypherAgencyPartOf},
			succeededBy:  &edgeSet{what: "SUCCEEDED_BY", cypher: cypherSucceededBy},
			hasDuty:      &edgeSet{what: "HAS_DUTY", cypher: cypherHasDuty},
			inField:      &edgeSet{what: "IN_FIELD", cypher: cypherInField},
			inArea:       &edgeSet{what: "IN_AREA", cypher: cypherInArea},
			with:         &edgeSet{what: "WITH", cypher: cypherWith},
			coordWith:    &edgeSet{what: "COORDINATES_WITH", cypher: cypherCoordinatesWith},
			reportsTo:    &edgeSet{what: "REPORTS_TO", cypher: cypherReportsTo},
			dutyStated:   &edgeSet{what: "STATED_IN (duties)", cypher: cypherDutyStatedIn},
			initiates:    &edgeSet{what: "INITIATES", cypher: cypherInitiates},
			notifies:     &edgeSet{what: "NOTIFIES", cypher: cypherNotifies},
			transfers:    &edgeSet{what: "TRANSFERS_TO", cypher: cypherTransfersTo},
			leaving:      &edgeSet{what: "LEAVING", cypher: cypherLeaving},
			entering:     &edgeSet{what: "ENTERING", cypher: cypherEntering},
			handsOff:     &edgeSet{what: "HANDS_OFF_TO", cypher: cypherHandsOffTo},
			hoStated:     &edgeSet{what: "STATED_IN (handoffs)", cypher: cypherHandoffStatedIn},
			leads:        &edgeSet{what: "LEADS", cypher: cypherLeads},
			coordinates:  &edgeSet{what: "COORDINATES", cypher: cypherCoordinates},
			actionInPlan: &edgeSet{what: "IN_PLAN (plan actions)", cypher: cypherActionInPlan},
			amends:       &edgeSet{what: "AMENDS", cypher: cypherAmends},
			paStated:     &edgeSet{what: "STATED_IN (plan actions)", cypher: cypherActionStatedIn},
			targetInPlan: &edgeSet{what: "IN_PLAN (targets)", cypher: cypherTargetInPlan},
			tgtStated:    &edgeSet{what: "STATED_IN (targets)", cypher: cypherTargetStatedIn},
			heldBy:       &edgeSet{what: "HELD_BY", cypher: cypherHeldBy},
			sentTo:       &edgeSet{what: "SENT_TO", cypher: cypherSentTo},
			schStated:    &edgeSet{what: "STATED_IN (schedules)", cypher: cypherScheduleStatedIn},
		},
	}
	p.docSet, p.byNumber, p.docOf = loadDocuments(ds)
	for _, pr := range ds.Provinces {
		p.provinceIDs[pr.ID] = pr.Name
	}
	for _, label := range []string{"Document", "Provision", "Agency", "Duty", "Handoff", "PlanAction", "Target", "Schedule"} {
		p.own[label+">"] = owned{}
		p.own[label+"<"] = owned{}
	}
	return p
}

// cited returns the id of a document cited by number: a loaded one, or a
// placeholder.
func (p *planner) cited(number string) string {
	if id, ok := p.byNumber[number]; ok {
		return id
	}
	id := regnet.DocumentID(number)
	if !p.docSet[id] {
		p.refs[id] = number
	}
	return id
}

// provinceOf returns the id of the province named name, adding it when the
// dataset does not list it; "" for no name.
func (p *planner) provinceOf(name string) string {
	if name == "" {
		return ""
	}
	for id, n := range p.provinceIDs {
		if n == name {
			return id
		}
	}
	id := regnet.ProvinceID(name)
	p.provinceIDs[id] = name
	return id
}

// nodes adds the MERGE statements of node rows, sorted by id, in batches.
func (p *planner) nodes(what, cypher string, rows []map[string]any) {
	sort.Slice(rows, func(i, j int) bool { return rows[i]["id"].(string) < rows[j]["id"].(string) })
	for _, b := range chunk(rows, p.batch) {
		p.steps = append(p.steps, step{what: what, cypher: cypher, params: map[string]any{"rows": b}, updates: strings.Contains(cypher, "AS updated")})
	}
}

// link adds a relationship to its MERGE rows and to its owner's keys.
func (p *planner) link(e *edgeSet, ownerKey, owner, typ, from, to, prop string) {
	if from == "" || to == "" {
		return
	}
	e.add(from, to, prop)
	other := to
	if ownerKey[len(ownerKey)-1] == '<' {
		other = from
	}
	p.own[ownerKey].add(owner, typ, other, prop)
}

// linkEach links owner to each of tos once, owner owning the links.
func (p *planner) linkEach(e *edgeSet, ownerKey, owner, typ string, tos []string) {
	for _, to := range uniq(tos) {
		p.link(e, ownerKey, owner, typ, owner, to, "")
	}
}

func (p *planner) documents() []map[string]any {
	var rows []map[string]any
	for _, d := range p.ds.Documents {
		rows = append(rows, nodeRow(d.ID, documentProps(d)))
		p.ids.docs = append(p.ids.docs, d.ID)
		p.provinceOf(d.Province) // a document's province is a Province node too
		for _, n := range d.BasedOn {
			p.link(p.edges.basedOn, "Document>", d.ID, "BASED_ON", d.ID, p.cited(n), "")
		}
		for _, n := range d.Replaces {
			p.link(p.edges.replaces, "Document>", d.ID, "REPLACES", d.ID, p.cited(n), "")
		}
	}
	return rows
}

func (p *planner) provisions() []map[string]any {
	var rows []map[string]any
	for _, x := range p.ds.Provisions {
		rows = append(rows, nodeRow(x.ID, provisionProps(x)))
		p.ids.provisions = append(p.ids.provisions, x.ID)
		p.link(p.edges.hasProvision, "Provision<", x.ID, "HAS_PROVISION", x.Document, x.ID, "")
		if x.Parent != nil {
			p.link(p.edges.provPartOf, "Provision>", x.ID, "PART_OF", x.ID, *x.Parent, "")
		}
	}
	return rows
}

func (p *planner) agencies() []map[string]any {
	var rows []map[string]any
	for _, a := range p.ds.Agencies {
		rows = append(rows, nodeRow(a.ID, agencyProps(a)))
		p.ids.agencies = append(p.ids.agencies, a.ID)
		p.link(p.edges.inProvince, "Agency>", a.ID, "IN_PROVINCE", a.ID, p.provinceOf(a.Province), "")
		if a.Parent != nil {
			p.link(p.edges.agPartOf, "Agency>", a.ID, "PART_OF", a.ID, *a.Parent, "")
		}
		if a.Successor != nil {
			p.link(p.edges.succeededBy, "Agency>", a.ID, "SUCCEEDED_BY", a.ID, *a.Successor, "")
		}
	}
	return rows
}

// duties gathers the duties and their links, and the agency-to-agency
// links they imply (COORDINATES_WITH a partner, REPORTS_TO a recipient).
func (p *planner) duties() []map[string]any {
	var rows []map[string]any
	e := &p.edges
	for _, d := range p.ds.Duties {
		rows = append(rows, nodeRow(d.ID, dutyProps(d, p.docOf(d.Provision))))
		p.ids.duties = append(p.ids.duties, d.ID)
		p.link(e.hasDuty, "Duty<", d.ID, "HAS_DUTY", d.Agency, d.ID, d.Role)
		p.linkEach(e.inField, "Duty>", d.ID, "IN_FIELD", d.Fields)
		p.linkEach(e.inArea, "Duty>", d.ID, "IN_AREA", d.Areas)
		for _, partner := range uniq(d.Partners) {
			p.link(e.with, "Duty>", d.ID, "WITH", d.ID, partner, "")
			if d.Agency != "" && partner != d.Agency {
				e.coordWith.add(d.Agency, partner, d.ID)
				p.dutyDerived.add(d.ID, "COORDINATES_WITH", d.Agency, partner)
			}
		}
		if d.Agency != "" {
			done := map[regnet.ReportLine]bool{}
			for _, r := range d.ReportsTo {
				if r.Agency == "" || r.Agency == d.Agency || done[r] {
					continue
				}
				done[r] = true
				when := nfc(r.When)
				e.reportsTo.rows = append(e.reportsTo.rows, map[string]any{"from": d.Agency, "to": r.Agency, "prop": d.ID, "when": when})
				p.reportsDer[d.ID] = append(p.reportsDer[d.ID], "REPORTS_TO|"+d.Agency+"|"+r.Agency+"|"+when)
			}
		}
		p.link(e.dutyStated, "Duty>", d.ID, "STATED_IN", d.ID, d.Provision, "")
	}
	return rows
}

// handoffs gathers the handoff rules and their links, and the HANDS_OFF_TO
// links from the agency that starts each rule to those it reaches.
func (p *planner) handoffs() []map[string]any {
	var rows []map[string]any
	e := &p.edges
	for _, h := range p.ds.Handoffs {
		rows = append(rows, nodeRow(h.ID, handoffProps(h, p.docOf(h.Provision))))
		p.ids.handoffs = append(p.ids.handoffs, h.ID)
		p.link(e.initiates, "Handoff<", h.ID, "INITIATES", h.From, h.ID, "")
		p.linkEach(e.notifies, "Handoff>", h.ID, "NOTIFIES", h.Notifies)
		p.linkEach(e.transfers, "Handoff>", h.ID, "TRANSFERS_TO", h.TransfersTo)
		p.linkEach(e.leaving, "Handoff>", h.ID, "LEAVING", h.Leaving)
		p.linkEach(e.entering, "Handoff>", h.ID, "ENTERING", h.Entering)
		p.link(e.hoStated, "Handoff>", h.ID, "STATED_IN", h.ID, h.Provision, "")
		if h.From != "" {
			for _, to := range uniq(append(append([]string{}, h.Notifies...), h.TransfersTo...)) {
				e.handsOff.add(h.From, to, h.ID)
				p.hoDerived.add(h.ID, "HANDS_OFF_TO", h.From, to)
			}
		}
	}
	return rows
}

func (p *planner) planActions() []map[string]any {
	var rows []map[string]any
	e := &p.edges
	for _, a := range p.ds.PlanActions {
		rows = append(rows, nodeRow(a.ID, planActionProps(a)))
		p.ids.actions = append(p.ids.actions, a.ID)
		for _, l := range uniq(a.Leads) {
			p.link(e.leads, "PlanAction<", a.ID, "LEADS", l, a.ID, "")
		}
		for _, c := range uniq(a.Coordinators) {
			p.link(e.coordinates, "PlanAction<", a.ID, "COORDINATES", c, a.ID, "")
		}
		p.link(e.actionInPlan, "PlanAction>", a.ID, "IN_PLAN", a.ID, a.Document, "")
		for _, n := range uniq(a.Amends) {
			p.link(e.amends, "PlanAction>", a.ID, "AMENDS", a.ID, p.cited(n), "")
		}
		p.link(e.paStated, "PlanAction>", a.ID, "STATED_IN", a.ID, a.Provision, "")
	}
	return rows
}

func (p *planner) targets() []map[string]any {
	var rows []map[string]any
	for _, t := range p.ds.Targets {
		rows = append(rows, nodeRow(t.ID, targetProps(t)))
		p.ids.targets = append(p.ids.targets, t.ID)
		p.link(p.edges.targetInPlan, "Target>", t.ID, "IN_PLAN", t.ID, t.Document, "")
		p.link(p.edges.tgtStated, "Target>", t.ID, "STATED_IN", t.ID, t.Provision, "")
	}
	return rows
}

func (p *planner) schedules() []map[string]any {
	var rows []map[string]any
	for _, x := range p.ds.Schedules {
		rows = append(rows, nodeRow(x.ID, scheduleProps(x, p.docOf(x.Provision))))
		p.ids.schedules = append(p.ids.schedules, x.ID)
		p.linkEach(p.edges.heldBy, "Schedule>", x.ID, "HELD_BY", x.Agencies)
		p.linkEach(p.edges.sentTo, "Schedule>", x.ID, "SENT_TO", x.To)
		p.link(p.edges.schStated, "Schedule>", x.ID, "STATED_IN", x.ID, x.Provision, "")
	}
	return rows
}

// provinceRows returns the rows of every province named so far and keeps
// their ids (sorted) for the clean-up.
func (p *planner) provinceRows() []map[string]any {
	var rows []map[string]any
	for id, name := range p.provinceIDs {
		rows = append(rows, nodeRow(id, map[string]any{"id": id, "name": name}))
		p.provinceKeep = append(p.provinceKeep, id)
	}
	sort.Strings(p.provinceKeep)
	return rows
}

func (p *planner) fieldRows() []map[string]any {
	var rows []map[string]any
	for _, f := range p.ds.Fields {
		rows = append(rows, nodeRow(f.Code, map[string]any{"code": f.Code, "name": f.Name, "nameEn": f.NameEN}))
	}
	return rows
}

func (p *planner) areaRows() []map[string]any {
	var rows []map[string]any
	for _, a := range p.ds.Areas {
		rows = append(rows, nodeRow(a.Code, map[string]any{"code": a.Code, "name": a.Name, "nameEn": a.NameEN}))
	}
	return rows
}

// referenceRows returns the placeholder documents of the numbers cited so far.
func (p *planner) referenceRows() []map[string]any {
	var rows []map[string]any
	for id, number := range p.refs {
		rows = append(rows, map[string]any{"id": id, "number": number})
	}
	return rows
}

// loadDocuments returns the documents a load touches: the dataset's and
// those its facts belong to (docSet), the loaded ones by number, and the
// document of a provision id.
func loadDocuments(ds *regnet.Dataset) (docSet map[string]bool, byNumber map[string]string, docOf func(string) string) {
	provDoc := map[string]string{} // provision id -> document id
	for _, p := range ds.Provisions {
		provDoc[p.ID] = p.Document
	}
	docOf = func(provision string) string {
		if d, ok := provDoc[provision]; ok {
			return d
		}
		return regnet.DocumentOf(provision)
	}

	// Documents: the dataset's, and those its facts belong to.
	docSet = map[string]bool{}
	byNumber = map[string]string{} // number -> loaded document id
	for _, d := range ds.Documents {
		docSet[d.ID] = true
		if d.Number != nil {
			byNumber[*d.Number] = d.ID
		}
	}
	for _, p := range ds.Provisions {
		docSet[p.Document] = true
	}
	for _, d := range ds.Duties {
		if doc := docOf(d.Provision); doc != "" {
			docSet[doc] = true
		}
	}
	for _, h := range ds.Handoffs {
		if doc := docOf(h.Provision); doc != "" {
			docSet[doc] = true
		}
	}
	for _, a := range ds.PlanActions {
		docSet[a.Document] = true
	}
	for _, t := range ds.Targets {
		docSet[t.Document] = true
	}
	for _, x := range ds.Schedules {
		if doc := docOf(x.Provision); doc != "" {
			docSet[doc] = true
		}
	}
	delete(docSet, "")
	return docSet, byNumber, docOf
}

// loadIDs are the ids of the nodes a load writes, by label.
type loadIDs struct {
	docs, provisions, agencies, duties, handoffs, actions, targets, schedules []string
}

// staleSteps returns what a load removes: the derived links to check
// before anything is written (pre), and, after the nodes and links are
// written (post), the relationships the dataset's nodes no longer own and
// the facts of the loaded documents (docs) the dataset no longer holds.
func staleSteps(batch int, own map[string]owned, ids loadIDs, dutyDerived, reportsDer, hoDerived owned, docs []string) (pre, post []step) {
	// Stale relationships of the dataset's nodes.
	stale := func(what, cypher string, rows []map[string]any) {
		for _, b := range chunk(rows, batch) {
			post = append(post, step{what: what, cypher: cypher, params: map[string]any{"rows": b}, collect: true})
		}
	}
	stale("stale document links", cypherStaleDocOut, own["Document>"].rows(ids.docs))
	stale("stale provision links", cypherStaleProvOut, own["Provision>"].rows(ids.provisions))
	stale("stale provision links", cypherStaleProvIn, own["Provision<"].rows(ids.provisions))
	stale("stale agency links", cypherStaleAgOut, own["Agency>"].rows(ids.agencies))
	stale("stale duty links", cypherStaleDutyOut, own["Duty>"].rows(ids.duties))
	stale("stale duty links", cypherStaleDutyIn, own["Duty<"].rows(ids.duties))
	stale("stale handoff links", cypherStaleHOOut, own["Handoff>"].rows(ids.handoffs))
	stale("stale handoff links", cypherStaleHOIn, own["Handoff<"].rows(ids.handoffs))
	stale("stale plan action links", cypherStalePAOut, own["PlanAction>"].rows(ids.actions))
	stale("stale plan action links", cypherStalePAIn, own["PlanAction<"].rows(ids.actions))
	stale("stale target links", cypherStaleTgtOut, own["Target>"].rows(ids.targets))
	stale("stale schedule links", cypherStaleSchOut, own["Schedule>"].rows(ids.schedules))

	// Stale derived links go first: see cypherStaleDutyDer.
	for _, d := range []struct {
		what, cypher string
		rows         []map[string]any
	}{
		{"stale partner links", cypherStaleDutyDer, dutyDerived.rows(ids.duties)},
		{"stale reporting lines", cypherStaleReportsDer, reportsDer.rows(ids.duties)},
		{"stale handoff links", cypherStaleHODer, hoDerived.rows(ids.handoffs)},
	} {
		for _, b := range chunk(d.rows, batch) {
			pre = append(pre, step{what: d.what, cypher: d.cypher, params: map[string]any{"rows": b}, collect: true})
		}
	}

	// Stale facts of the loaded documents.
	for _, f := range []struct {
		what, cypher string
		keep         []string
	}{
		{"stale duties", cypherDeleteDuties, ids.duties},
		{"stale handoffs", cypherDeleteHandoffs, ids.handoffs},
		{"stale plan actions", cypherDeletePlanActions, ids.actions},
		{"stale targets", cypherDeleteTargets, ids.targets},
		{"stale schedules", cypherDeleteSchedules, ids.schedules},
		{"stale provisions", cypherDeleteProvisions, ids.provisions},
	} {
		keep := f.keep
		if keep == nil {
			keep = []string{}
		}
		post = append(post, step{what: f.what, cypher: f.cypher, collect: true,
			params: map[string]any{"docs": docs, "keep": keep}})
	}

	return pre, post
}

// check rejects datasets that cannot be written: things without ids, facts
// without a document, and two different things with the same id (the same
// thing twice is harmless: MERGE writes it once).
func check(ds *regnet.Dataset) error {
	seen := map[string]any{}
	id := func(kind, v string, rec any) error {
		if v == "" {
			return regnet.Errorf(regnet.EINVALID, "neo4j: load: a %s has no id", kind)
		}
		key := kind + "\x00" + v
		if prev, dup := seen[key]; dup && !reflect.DeepEqual(prev, rec) {
			return regnet.Errorf(regnet.EINVALID, "neo4j: load: two different %ss have the id %q", kind, v)
		}
		seen[key] = rec
		return nil
	}
	var errs []error
	for _, d := range ds.Documents {
		errs = append(errs, id("document", d.ID, d))
	}
	for _, p := range ds.Provisions {
		errs = append(errs, id("provision", p.ID, p))
		if p.Document == "" {
			errs = append(errs, regnet.Errorf(regnet.EINVALID, "neo4j: load: provision %q has no document", p.ID))
		}
	}
	for _, p := range ds.Provinces {
		errs = append(errs, id("province", p.ID, p))
	}
	for _, a := range ds.Agencies {
		errs = append(errs, id("agency", a.ID, a))
	}
	for _, d := range ds.Duties {
		errs = append(errs, id("duty", d.ID, d))
	}
	for _, h := range ds.Handoffs {
		errs = append(errs, id("handoff", h.ID, h))
	}
	for _, a := range ds.PlanActions {
		errs = append(errs, id("plan action", a.ID, a))
		if a.Document == "" {
			errs = append(errs, regnet.Errorf(regnet.EINVALID, "neo4j: load: plan action %q has no document", a.ID))
		}
	}
	for _, x := range ds.Schedules {
		errs = append(errs, id("schedule", x.ID, x))
	}
	for _, t := range ds.Targets {
		errs = append(errs, id("target", t.ID, t))
		if t.Document == "" {
			errs = append(errs, regnet.Errorf(regnet.EINVALID, "neo4j: load: target %q has no document", t.ID))
		}
	}
	for _, f := range ds.Fields {
		errs = append(errs, id("field", f.Code, f))
	}
	for _, a := range ds.Areas {
		errs = append(errs, id("area", a.Code, a))
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// nodeRow is the MERGE row of a node: its properties with their hash.
func nodeRow(id string, props map[string]any) map[string]any {
	b, err := json.Marshal(props) // map keys are sorted: the hash is stable
	if err != nil {
		panic(fmt.Sprintf("neo4j: hash properties of %s: %v", id, err)) // only plain values here
	}
	sum := sha256.Sum256(b)
	hash := hex.EncodeToString(sum[:16])
	props["hash"] = hash
	return map[string]any{"id": id, "hash": hash, "props": props}
}

func chunk(rows []map[string]any, n int) [][]map[string]any {
	var out [][]map[string]any
	for len(rows) > 0 {
		k := min(n, len(rows))
		out = append(out, rows[:k])
		rows = rows[k:]
	}
	return out
}

// uniq drops repeated values, keeping the first of each.
func uniq(xs []string) []string {
	seen := make(map[string]bool, len(xs))
	out := xs[:0:0]
	for _, x := range xs {
		if x != "" && !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

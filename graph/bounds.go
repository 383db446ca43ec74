package graph

import (
	"context"
	"fmt"
	"maps"

	"github.com/regnet/regnet"
)

// DefaultListBound is the expected size of a list the store cannot be asked
// about (an analysis's rows) or could not be asked yet: a page.
const DefaultListBound = MaxPageSize

// Bounds are the expected sizes of the schema's lists that are not pages,
// by "Type.field": the largest such list in the store. The cost model
// multiplies by them.
type Bounds struct {
	lists map[string]int
}

// Of returns the expected size of the list typ.field: its measure, or
// DefaultListBound for a list that was not measured.
func (b *Bounds) Of(typ, field string) int {
	if n, ok := b.lists[typ+"."+field]; ok {
		return n
	}
	return DefaultListBound
}

func (b *Bounds) has(typ, field string) bool {
	_, ok := b.lists[typ+"."+field]
	return ok
}

// Map returns the measured sizes, for logs and tests.
func (b *Bounds) Map() map[string]int { return maps.Clone(b.lists) }

// staticLists are the sizes the schema fixes, whatever the data.
var staticLists = map[string]int{
	"Path.steps":             regnet.MaxPathDepth,
	"Query.coordinationPath": regnet.MaxPaths,
	"Document.period":        2,
}

// StaticBounds returns the bounds used before the store has been measured:
// the schema's fixed sizes and DefaultListBound for every other list.
func StaticBounds() *Bounds { return &Bounds{lists: maps.Clone(staticLists)} }

// MeasureBounds asks the store for everything once and returns the largest
// list of every field the domain holds: an agency's duties, partners and
// handoffs, a duty's fields and partners, a province's agencies, and so on.
// The lists of lead coverage and networks are measured by running them for
// every province; the other analyses' lists take the largest of what they
// are made of (a plan report's overdue actions are a province's actions). A list measured empty
// counts one, so that a later load does not make its cost vanish.
func MeasureBounds(ctx context.Context, s regnet.Store) (*Bounds, error) {
	m := measure{lists: maps.Clone(staticLists)}
	docs, err := s.Documents(ctx, regnet.DocumentFilter{})
	if err != nil {
		return nil, fmt.Errorf("measure lists: documents: %w", err)
	}
	provs, err := s.Provisions(ctx, regnet.ProvisionFilter{})
	if err != nil {
		return nil, fmt.Errorf("measure lists: provisions: %w", err)
	}
	provinces, err := s.Provinces(ctx)
	if err != nil {
		return nil, fmt.Errorf("measure lists: provinces: %w", err)
	}
	agencies, err := s.Agencies(ctx, regnet.AgencyFilter{})
	if err != nil {
		return nil, fmt.Errorf("measure lists: agencies: %w", err)
	}
	duties, err := s.Duties(ctx, regnet.DutyFilter{})
	if err != nil {
		return nil, fmt.Errorf("measure lists: duties: %w", err)
	}
	handoffs, err := s.Handoffs(ctx, regnet.HandoffFilter{})
	if err != nil {
		return nil, fmt.Errorf("measure lists: handoffs: %w", err)
	}
	actions, err := s.PlanActions(ctx, regnet.PlanActionFilter{})
	if err != nil {
		return nil, fmt.Errorf("measure lists: plan actions: %w", err)
	}
	targets, err := s.Targets(ctx, regnet.TargetFilter{})
	if err != nil {
		return nil, fmt.Errorf("measure lists: targets: %w", err)
	}
	fields, err := s.Fields(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("measure lists: fields: %w", err)
	}
	areas, err := s.Areas(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("measure lists: areas: %w", err)
	}

	m.set("Query.provinces", len(provinces))
	m.set("Query.fields", len(fields))
	m.set("Query.areas", len(areas))
	m.set("Query.handoffs", len(handoffs))
	m.set("Query.handoffChain", len(handoffs))

	province := map[string]string{} // agency id -> province
	docProvince := map[string]string{}
	for _, d := range docs {
		docProvince[d.ID] = d.Province
		m.set("Document.basedOn", len(d.BasedOn))
		m.set("Document.basedOnNumbers", len(d.BasedOn))
		m.set("Document.replaces", len(d.Replaces))
		m.set("Document.replacesNumbers", len(d.Replaces))
		m.set("Document.mentions", len(d.Mentions))
		m.set("Document.period", len(d.Period))
		m.count("Province.documents", d.Province)
	}
	for _, p := range provs {
		if p.Parent != nil {
			m.count("Provision.children", *p.Parent)
		}
	}
	for _, a := range agencies {
		province[a.ID] = a.Province
		m.count("Province.agencies", a.Province)
		m.set("Agency.aliases", len(a.Aliases))
		if a.Parent != nil {
			m.count("Agency.children", *a.Parent)
		}
		if a.Successor != nil {
			m.count("Agency.predecessors", *a.Successor)
		}
	}
	partners := map[string]map[string]bool{}
	partner := func(a, b string) {
		if a == b {
			return
		}
		if partners[a] == nil {
			partners[a] = map[string]bool{}
		}
		partners[a][b] = true
	}
	for _, d := range duties {
		m.count("Agency.duties", d.Agency)
		m.set("Duty.fields", len(d.Fields))
		m.set("Duty.areas", len(d.Areas))
		m.set("Duty.partners", len(d.Partners))
		for _, p := range d.Partners {
			partner(d.Agency, p)
			partner(p, d.Agency)
		}
	}
	for _, ps := range partners {
		m.set("Agency.partners", len(ps))
	}
	for _, h := range handoffs {
		m.count("Agency.handoffsOut", h.From)
		m.count("Comparison.handoffs", province[h.From])
		in := map[string]bool{}
		for _, id := range append(append([]string{}, h.Notifies...), h.TransfersTo...) {
			if !in[id] {
				in[id] = true
				m.count("Agency.handoffsIn", id)
			}
		}
		m.set("Handoff.notifies", len(h.Notifies))
		m.set("Handoff.transfersTo", len(h.TransfersTo))
		m.set("Handoff.actions", len(h.Actions))
		m.set("Handoff.leaving", len(h.Leaving))
		m.set("Handoff.entering", len(h.Entering))
	}
	for _, a := range actions {
		m.count("Document.planActions", a.Document)
		m.count("PlanReport.actions", docProvince[a.Document])
		seen := map[string]bool{}
		for _, id := range append(append([]string{}, a.Leads...), a.Coordinators...) {
			if !seen[id] {
				seen[id] = true
				m.count("Agency.planActions", id)
			}
		}
		m.set("PlanAction.leads", len(a.Leads))
		m.set("PlanAction.coordinators", len(a.Coordinators))
		m.set("PlanAction.amends", len(a.Amends))
		m.set("PlanAction.amendsNumbers", len(a.Amends))
		m.set("PlanAction.amendsProvisions", len(a.AmendsProvisions))
		for _, n := range uniq(a.Amends) {
			m.count("Document.amendedBy", n)
		}
	}
	for _, t := range targets {
		m.count("Document.targets", t.Document)
	}
	// The analyses a province answers, run once per province.
	for _, p := range provinces {
		rows, err := regnet.LeadCoverage(ctx, s, p.Name)
		if err != nil {
			return nil, fmt.Errorf("measure lists: lead coverage of %s: %w", p.Name, err)
		}
		m.set("Query.leadCoverage", len(rows))
		for _, r := range rows {
			m.set("LeadCoverageRow.leads", len(r.Leads))
			m.set("LeadCoverageRow.provisions", len(r.Provisions))
			m.set("LeadCoverageRow.duties", len(r.Duties))
		}
		net, err := regnet.BuildNetwork(ctx, s, p.Name)
		if err != nil {
			return nil, fmt.Errorf("measure lists: network of %s: %w", p.Name, err)
		}
		m.set("Network.nodes", len(net.Nodes))
		m.set("Network.edges", len(net.Edges))
		for _, e := range net.Edges {
			m.set("NetworkEdge.provisions", len(e.Provisions))
		}
	}
	m.finish()

	// The analyses' lists, by what they are made of.
	perProvinceAgencies := m.lists["Province.agencies"]
	for _, k := range []string{"PlanReport.dutiesWithoutActions", "PlanReport.leadsWithoutDuties"} {
		m.lists[k] = perProvinceAgencies
	}
	for _, k := range []string{"Comparison.handoffsOnlyInA", "Comparison.handoffsOnlyInB"} {
		m.lists[k] = m.lists["Comparison.handoffs"]
	}
	for _, k := range []string{"PlanReport.overdue", "PlanReport.amending"} {
		m.lists[k] = m.lists["PlanReport.actions"]
	}
	m.lists["Comparison.agencyKindsOnlyInA"] = perProvinceAgencies
	m.lists["Comparison.agencyKindsOnlyInB"] = perProvinceAgencies
	delete(m.lists, "Comparison.handoffs")
	delete(m.lists, "PlanReport.actions")
	return &Bounds{lists: m.lists}, nil
}

// measure gathers the largest lists: set for a list held whole, count for
// one made by grouping (an agency's duties).
type measure struct {
	lists  map[string]int
	counts map[string]map[string]int
}

func (m *measure) set(key string, n int) {
	m.lists[key] = max(m.lists[key], n, 1)
}

func (m *measure) count(key, owner string) {
	if m.counts == nil {
		m.counts = map[string]map[string]int{}
	}
	if m.counts[key] == nil {
		m.counts[key] = map[string]int{}
	}
	m.counts[key][owner]++
}

func (m *measure) finish() {
	for key, byOwner := range m.counts {
		for _, n := range byOwner {
			m.set(key, n)
		}
	}
	for _, key := range []string{
		"Province.documents", "Province.agencies", "Provision.children", "Agency.children",
		"Agency.predecessors", "Agency.duties", "Agency.partners", "Agency.handoffsOut",
		"Agency.handoffsIn", "Agency.planActions", "Document.planActions", "Document.targets",
		"Comparison.handoffs", "PlanReport.actions",
	} {
		m.set(key, 0) // measured, even when nothing has one
	}
}

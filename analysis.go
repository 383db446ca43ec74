package regnet

import "context"

// LeadCoverageRow says who leads one field (in one area, when the duties name
// one) in a province, with the provisions that say so. Gap is set when the
// field is handled (coordinated, supported …) but led by nobody; Overlap when
// more than one agency leads it. Duties holds each lead's own wording, so that
// a split by scope can be told from a real clash.
type LeadCoverageRow struct {
	Field      *Field       `json:"field"`
	Area       *Area        `json:"area"`
	Leads      []*Agency    `json:"leads"`
	Provisions []*Provision `json:"provisions"`
	Duties     []*Duty      `json:"duties"`
	Gap        bool         `json:"gap"`
	Overlap    bool         `json:"overlap"`
}

// Comparison is what one province's rules have that another's lack or word
// differently. A is the first province, B the second.
type Comparison struct {
	A                  string            `json:"a"`
	B                  string            `json:"b"`
	AgencyKindsOnlyInA []string          `json:"agencyKindsOnlyInA"`
	AgencyKindsOnlyInB []string          `json:"agencyKindsOnlyInB"`
	HandoffsOnlyInA    []*Handoff        `json:"handoffsOnlyInA"`
	HandoffsOnlyInB    []*Handoff        `json:"handoffsOnlyInB"`
	RoleDifferences    []*RoleDifference `json:"roleDifferences"`
	// InForce, for a comparison as of a date, lists the two provinces'
	// documents in force that day; nil otherwise.
	InForce []*Document `json:"inForce,omitempty"`
	// Presence is the evidence for each kind of AgencyKindsOnlyInA, then
	// of AgencyKindsOnlyInB, in their order: what makes it present there.
	Presence []*KindPresence `json:"presence"`
}

// KindPresence is what makes an agency kind present in a province, as
// CompareProvinces counts it: its agencies' duties and the handoff rules
// they start, are notified by or take over.
type KindPresence struct {
	Province string `json:"province"`
	Kind     string `json:"kind"`
	// Agencies are the ids of the kind's agencies with a duty or named in
	// a handoff rule, ordered by id.
	Agencies []string `json:"agencies"`
	Duties   int      `json:"duties"`
	Handoffs int      `json:"handoffs"`
	// Provision is the provision of the kind's first duty (by id), else of
	// the first rule one of its agencies starts, else of the first that
	// names one.
	Provision string `json:"provision"`
}

// RoleDifference is an agency kind whose strongest role in a field differs
// between the two provinces; a nil role means the kind has no duty in that
// field there.
type RoleDifference struct {
	Kind       string     `json:"kind"`
	Field      *Field     `json:"field"`
	RoleInA    *string    `json:"roleInA"`
	RoleInB    *string    `json:"roleInB"`
	ProvisionA *Provision `json:"provisionA"`
	ProvisionB *Provision `json:"provisionB"`
}

// Network is a province's agencies and their links, shaped for a
// visualisation library.
type Network struct {
	Nodes []*NetworkNode `json:"nodes"`
	Edges []*NetworkEdge `json:"edges"`
	// InForce, for a network as of a date, lists the province's documents
	// in force that day; nil otherwise.
	InForce []*Document `json:"inForce,omitempty"`
}

// NetworkNode is an agency in a Network.
type NetworkNode struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Kind  string `json:"kind"`
}

// NetworkEdge is a link in a Network: HANDS_OFF_TO (a handoff rule),
// COORDINATES_WITH (a duty naming a partner), REPORTS_TO (a duty's
// reporting line, holder to recipient), PART_OF, SUCCEEDED_BY.
type NetworkEdge struct {
	ID     string `json:"id"`
	Source string `json:"source"`
	Target string `json:"target"`
	Type   string `json:"type"`
	Label  string `json:"label"`
	// Provisions are the ids of the provisions that state the link: the
	// handoff rule's, or every duty naming the partner. Empty for links the
	// ontology gives (part of, succeeded by).
	Provisions []string `json:"provisions"`
}

// PlanReport is the plan-tracking view of one province: actions per lead,
// overdue actions, and the mismatches between the quy chế and the plans.
type PlanReport struct {
	Province string `json:"province"`
	AsOf     string `json:"asOf"` // ISO date the overdue list is computed for
	// Overdue lists DATE actions whose deadline ended before AsOf.
	Overdue []*PlanAction `json:"overdue"`
	// DutiesWithoutActions lists agencies with duties in the quy chế but no
	// plan actions.
	DutiesWithoutActions []*Agency `json:"dutiesWithoutActions"`
	// LeadsWithoutDuties lists plan leads that have no duties in the quy chế.
	LeadsWithoutDuties []*Agency `json:"leadsWithoutDuties"`
	// Amending lists plan actions that amend a document.
	Amending []*PlanAction `json:"amending"`
	// DutyCounts backs DutiesWithoutActions, one per agency in its order:
	// the duties the agency holds, with those of the agencies it took over
	// from.
	DutyCounts []*AgencyCount `json:"dutyCounts"`
	// LeadCounts backs LeadsWithoutDuties, one per agency in its order: the
	// plan actions the agency (or one it took over from) leads.
	LeadCounts []*AgencyCount `json:"leadCounts"`
	// InForce, for a report on a TimeView (see AsOf), lists the province's
	// documents in force on AsOf, which its actions and duties come from.
	InForce []*Document `json:"inForce,omitempty"`
}

// AgencyCount is how many facts back an agency in a list, and the
// provision of the first of them (by id).
type AgencyCount struct {
	Agency    string `json:"agency"`
	Count     int    `json:"count"`
	Provision string `json:"provision"`
}

// The analyses (LeadCoverage, CompareProvinces, BuildNetwork, TrackPlans,
// one file each) work on any Store: they ask it for a province's agencies,
// duties and handoffs and compute the answer in Go. The helpers below are
// theirs.

// provinceAgencies checks that a province is known (by its name as the
// documents spell it, see FindProvince) and returns its facts' agencies.
func provinceAgencies(ctx context.Context, s Store, province string) (map[string]*Agency, error) {
	provinces, err := s.Provinces(ctx)
	if err != nil {
		return nil, err
	}
	p, err := FindProvince(provinces, province)
	if err != nil {
		return nil, err
	}
	if p.Name != province {
		return nil, Errorf(ENOTFOUND, "unknown province %q: the documents spell it %q", province, p.Name)
	}
	list, err := s.Agencies(ctx, AgencyFilter{Province: province})
	if err != nil {
		return nil, err
	}
	out := make(map[string]*Agency, len(list))
	for _, a := range list {
		out[a.ID] = a
	}
	return out, nil
}

// provinceRules is provinceDuties with the province's handoff rules: what
// a comparison and a network are built from.
func provinceRules(ctx context.Context, s Store, province string) (map[string]*Agency, []*Duty, []*Handoff, error) {
	agencies, duties, err := provinceDuties(ctx, s, province)
	if err != nil {
		return nil, nil, nil, err
	}
	handoffs, err := s.Handoffs(ctx, HandoffFilter{Province: province})
	if err != nil {
		return nil, nil, nil, err
	}
	return agencies, duties, handoffs, nil
}

// provinceDuties checks that a province is known and returns its agencies
// (by id) and its duties: what every analysis starts from.
func provinceDuties(ctx context.Context, s Store, province string) (map[string]*Agency, []*Duty, error) {
	agencies, err := provinceAgencies(ctx, s, province)
	if err != nil {
		return nil, nil, err
	}
	duties, err := s.Duties(ctx, DutyFilter{Province: province})
	if err != nil {
		return nil, nil, err
	}
	return agencies, duties, nil
}

// provisionsByID fetches provisions in one call.
func provisionsByID(ctx context.Context, s Store, ids []string) (map[string]*Provision, error) {
	out := map[string]*Provision{}
	if len(ids) == 0 {
		return out, nil
	}
	list, err := s.Provisions(ctx, ProvisionFilter{IDs: ids})
	if err != nil {
		return nil, err
	}
	for _, p := range list {
		out[p.ID] = p
	}
	return out, nil
}

// termsByCode fetches the ontology's fields and areas once.
func termsByCode(ctx context.Context, s Store) (map[string]*Field, map[string]*Area, error) {
	fl, err := s.Fields(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	al, err := s.Areas(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	fields, areas := map[string]*Field{}, map[string]*Area{}
	for _, f := range fl {
		fields[f.Code] = f
	}
	for _, a := range al {
		areas[a.Code] = a
	}
	return fields, areas, nil
}

func hasAgency(list []*Agency, id string) bool {
	for _, a := range list {
		if a.ID == id {
			return true
		}
	}
	return false
}

func hasProvision(list []*Provision, id string) bool {
	for _, p := range list {
		if p.ID == id {
			return true
		}
	}
	return false
}

package regnet

import "context"

// Store answers the questions the API asks. Every store (Neo4j, memory) must
// pass the conformance suite in store/storetest.
//
// List methods return every match, ordered by id, never nil on success;
// the caller paginates. An empty filter field means "any". A filter's IDs
// (and the other id lists) let per-request loaders fetch many parents' children
// in one round trip. A store that cannot be reached returns an error whose
// code is EUNAVAILABLE.
type Store interface {
	// Ping reports whether the store can answer.
	Ping(ctx context.Context) error

	Documents(ctx context.Context, f DocumentFilter) ([]*Document, error)
	Provisions(ctx context.Context, f ProvisionFilter) ([]*Provision, error)
	Provinces(ctx context.Context) ([]*Province, error)
	Agencies(ctx context.Context, f AgencyFilter) ([]*Agency, error)
	Duties(ctx context.Context, f DutyFilter) ([]*Duty, error)
	Handoffs(ctx context.Context, f HandoffFilter) ([]*Handoff, error)
	PlanActions(ctx context.Context, f PlanActionFilter) ([]*PlanAction, error)
	Targets(ctx context.Context, f TargetFilter) ([]*Target, error)
	Schedules(ctx context.Context, f ScheduleFilter) ([]*Schedule, error)
	// Fields and Areas return the ontology's entries for the given codes
	// (all of them when codes is empty).
	Fields(ctx context.Context, codes []string) ([]*Field, error)
	Areas(ctx context.Context, codes []string) ([]*Area, error)

	// HandoffChain follows handoff rules hop by hop: the first hops are the
	// rules that start the chain (from an agency, or leaving an area), each
	// next hop a rule started by an agency the previous hop notified or
	// transferred to. A rule appears once, at its smallest depth. Hops are
	// ordered by depth, then handoff id. With Direction ChainSame, a route
	// does not continue into a rule for goods entering an area the route
	// has left (see WalkChain). The walk goes ChainDepth(q.MaxDepth) deep:
	// DefaultChainDepth without a MaxDepth, never past MaxChainDepth.
	HandoffChain(ctx context.Context, q ChainQuery) ([]*ChainHop, error)
	// CoordinationPaths returns the shortest paths between two agencies over
	// handoff, partnership, parent and reporting links, at most
	// PathDepth(maxDepth) hops (DefaultPathDepth without one, never more
	// than MaxPathDepth), and at most MaxPaths of them.
	CoordinationPaths(ctx context.Context, from, to string, maxDepth int) ([]*Path, error)
	// Search finds agencies, duties, provisions and plan actions whose text
	// holds every word of text, ignoring case and Vietnamese diacritics, best
	// matches first.
	Search(ctx context.Context, text string, limit int) ([]*SearchHit, error)
}

// Writer replaces the facts of the given documents with the dataset's, all
// or nothing: when Load returns an error, the store is as it was.
type Writer interface {
	Load(ctx context.Context, ds *Dataset) (*LoadSummary, error)
}

// LoadSummary counts what a load changed.
type LoadSummary struct {
	Documents            int `json:"documents"`
	NodesCreated         int `json:"nodesCreated"`
	NodesUpdated         int `json:"nodesUpdated"` // nodes that were there and changed
	NodesDeleted         int `json:"nodesDeleted"`
	RelationshipsCreated int `json:"relationshipsCreated"`
	RelationshipsDeleted int `json:"relationshipsDeleted"`
	PropertiesSet        int `json:"propertiesSet"`
}

// DocumentFilter selects documents. InForceOn (an ISO date) keeps the
// documents in force on that day (see InForce), and drafts too with
// IncludeDrafts. IncludeNamed adds the documents that loaded ones replace or
// cite as bases but that are not loaded (see NamedDocuments); without it
// only loaded documents are listed.
type DocumentFilter struct {
	IDs []string
	// Numbers match by NumberKey: "1458/SCT- NL" finds "1458/SCT-NL".
	Numbers       []string
	Province      string // province name
	Kind          string
	Status        string
	InForceOn     string
	IncludeDrafts bool
	IncludeNamed  bool
}

// ProvisionFilter selects provisions.
type ProvisionFilter struct {
	IDs       []string
	Documents []string // document ids
	Part      string
}

// AgencyFilter selects agencies.
type AgencyFilter struct {
	IDs      []string
	Province string // province name
	Kind     string
	Level    string
	Parents  []string // agencies whose parent is one of these ids
}

// DutyFilter selects duties. Agencies matches the duty's own agency; Partners
// matches duties naming one of these agencies as partner; ReportsTo duties
// with a reporting line to one of these agencies.
type DutyFilter struct {
	IDs       []string
	Agencies  []string
	Partners  []string
	ReportsTo []string
	Province  string
	Role      string
	Field     string
	Area      string
}

// HandoffFilter selects handoff rules. From matches the initiating agency, To
// an agency notified or transferred to.
type HandoffFilter struct {
	IDs      []string
	From     []string
	To       []string
	Province string
	Leaving  string
	Entering string
}

// PlanActionFilter selects plan actions. Agencies matches leads and
// coordinators; Leads only leads. DeadlineBefore and DeadlineAfter are ISO
// dates compared with the last day a deadline allows (see Deadline.End):
// only DATE deadlines match them.
type PlanActionFilter struct {
	IDs            []string
	Documents      []string
	Province       string
	Agencies       []string
	Leads          []string
	DeadlineKind   string
	DeadlineAfter  string
	DeadlineBefore string
	Amends         []string // document numbers
}

// TargetFilter selects plan targets.
type TargetFilter struct {
	IDs       []string
	Documents []string
}

// ScheduleFilter selects meetings, reviews and reports. Documents and
// Province are those of the provision that sets the schedule; Agencies
// matches the agencies that hold it or receive it (Agencies ∪ To).
type ScheduleFilter struct {
	IDs       []string
	Documents []string
	Province  string
	Kind      string
	Agencies  []string
}

// ChainQuery says where a handoff chain starts: at the rules an agency
// initiates (From), or at the rules of a province that apply when goods
// leave an area (Leaving) or enter one (Entering). Direction says which
// rules the chain may continue with: ChainAny (or empty) every rule an
// agency reached initiates, ChainSame only those that keep the goods'
// direction of travel.
type ChainQuery struct {
	Province  string
	From      string
	Leaving   string
	Entering  string
	MaxDepth  int
	Direction string
}

// Chain directions.
const (
	ChainSame = "SAME"
	ChainAny  = "ANY"
)

// ChainHop is one handoff rule in a chain, at its depth (1 for a first hop).
type ChainHop struct {
	Depth   int      `json:"depth"`
	Handoff *Handoff `json:"handoff"`
	// Via is the agency of the previous hop that this rule's initiator was
	// reached through; empty for first hops.
	Via string `json:"via"`
}

// Path is one explained path between two agencies.
type Path struct {
	Steps []*PathStep `json:"steps"`
}

// PathStep is one link of a path: a handoff, a named partnership in a duty,
// a parent link or a reporting line, with the provision behind it.
type PathStep struct {
	From      string `json:"from"` // agency id
	To        string `json:"to"`   // agency id
	Type      string `json:"type"` // HANDS_OFF_TO, COORDINATES_WITH, PART_OF, REPORTS_TO
	Via       string `json:"via"`  // handoff or duty id, when there is one
	Provision string `json:"provision"`
}

// Path step types.
const (
	StepHandsOffTo      = "HANDS_OFF_TO"
	StepCoordinatesWith = "COORDINATES_WITH"
	StepPartOf          = "PART_OF"
	StepReportsTo       = "REPORTS_TO"
)

// SearchHit is one search result.
type SearchHit struct {
	Type    string  `json:"type"` // AGENCY, DUTY, PROVISION, PLAN_ACTION
	ID      string  `json:"id"`
	Title   string  `json:"title"`
	Snippet string  `json:"snippet"`
	Score   float64 `json:"score"`
	// Document and Province place the hit: the id of the document it is
	// from (or is) and the name of its province, "" where it has none.
	// Find sets them; a store's Search leaves them empty.
	Document string `json:"document,omitempty"`
	Province string `json:"province,omitempty"`
	// DutyProvision is, for a duty hit, the provision the duty was read from,
	// where the store's Search read it with the duty ("" otherwise): Find
	// then need not read the duty again to merge it with that provision.
	DutyProvision string `json:"-"`
}

// Search hit types.
const (
	HitAgency     = "AGENCY"
	HitDuty       = "DUTY"
	HitProvision  = "PROVISION"
	HitPlanAction = "PLAN_ACTION"
)

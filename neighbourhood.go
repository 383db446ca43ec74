package regnet

import "context"

// NeighbourhoodQuery asks for the facts around some agencies and handoff
// rules: what a page of agencies or a handoff chain shows next to them.
// Each list is what one Store call would be asked, so that the answer can
// stand in for those calls.
type NeighbourhoodQuery struct {
	DutiesOf     []string // agency ids: Duties(DutyFilter{Agencies: DutiesOf})
	HandoffsFrom []string // agency ids: Handoffs(HandoffFilter{From: HandoffsFrom})
	HandoffsTo   []string // agency ids: Handoffs(HandoffFilter{To: HandoffsTo})
	// Handoffs are rules already read whose linked records are wanted.
	Handoffs []string
	// Agencies are agencies wanted besides those the duties and rules
	// name (the parents of a page).
	Agencies []string
	// Page, when set, reads a page of agencies first, in the same round
	// trip, and asks for its neighbourhood: see AgencyPage.
	Page *AgencyPage
	// Omit leaves long texts out of the records read; see Omit.
	Omit Omit
	// Skip names the kinds of linked records not to read at all.
	Skip Skip
}

// Skip names the kinds of records, among those the duties and rules name,
// that a neighbourhood read leaves out because the caller will not follow
// those links (the agencies of Agencies are read all the same). Unlike
// Omit, nothing read is partial: what is skipped is simply not there.
type Skip struct {
	Agencies, Provisions, Documents, Fields, Areas bool
}

// AgencyPage asks for the agencies matching Filter (what
// Store.Agencies(Filter) returns) together with every province (what
// Store.Provinces returns), so that a caller can check the province it
// filtered by in the same round trip. The page is the First of the matching
// agencies, ordered by id, whose ids come after After ("" for the
// first page). Its ids are then the agencies whose duties (Duties),
// handoff rules out (Out) and in (In) are read, as if given in DutiesOf,
// HandoffsFrom and HandoffsTo, and with Parents their parents are among
// the agencies read.
type AgencyPage struct {
	Filter          AgencyFilter
	After           string
	First           int
	Duties, Out, In bool
	Parents         bool
}

// Omit names what of the records read a caller will not read — the long
// texts, and the parts of duties and provisions that only some fields
// show — so that a store need not send them: the records read have them
// empty. A caller that primes shared caches with such records must be sure
// nothing later reads them.
type Omit struct {
	DutyText      bool // Duty.Text
	Evidence      bool // Duty.Evidence
	ProvisionText bool // Provision.Text
	// DutyPartners, DutyAreas and DutyReports leave out Duty.Partners,
	// Duty.Areas and Duty.ReportsTo (with ReportsWhen).
	DutyPartners, DutyAreas, DutyReports bool
	// ProvisionDetail leaves out what places a provision beyond its id,
	// document, part and path: Chapter, Article, Clause, Point, Parent,
	// Heading, Line and Page.
	ProvisionDetail bool
}

// Neighbourhood is the answer to a NeighbourhoodQuery. Duties, HandoffsFrom
// and HandoffsTo are what the Store calls would return, ordered by id.
// The rest are the records that the duties and the rules (those found and
// those asked for by id) name, each once and ordered by id (code): the
// agencies (holder, partners, initiator, notified, transferred to, and
// Agencies), their provisions, the provisions' loaded documents, and the
// fields and areas they name. A record that is not stored is left out.
type Neighbourhood struct {
	Duties       []*Duty
	HandoffsFrom []*Handoff
	HandoffsTo   []*Handoff
	Agencies     []*Agency
	Provisions   []*Provision
	Documents    []*Document
	Fields       []*Field
	Areas        []*Area
	// With a Page: every province, the agencies matching the page's
	// filter (ordered by id) and the ids of the page read.
	Provinces []*Province
	Matching  []*Agency
	PageIDs   []string
}

// NeighbourhoodReader is a store that reads a neighbourhood in one round
// trip. The API uses it, where a store has it, in place of the several
// calls, level by level, that its per-request loaders would make; a store
// without round trips (memory) need not have it.
type NeighbourhoodReader interface {
	Neighbourhood(ctx context.Context, q NeighbourhoodQuery) (*Neighbourhood, error)
}

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
}

// NeighbourhoodReader is a store that reads a neighbourhood in one round
// trip. The API uses it, where a store has it, in place of the several
// calls, level by level, that its per-request loaders would make; a store
// without round trips (memory) need not have it.
type NeighbourhoodReader interface {
	Neighbourhood(ctx context.Context, q NeighbourhoodQuery) (*Neighbourhood, error)
}

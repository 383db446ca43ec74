package storetest

import (
	"context"
	"sync"

	"github.com/regnet/regnet"
)

// Counting wraps a store and counts the calls made to it, per method: the
// tests and benchmarks that bound a query's store round trips read it.
type Counting struct {
	regnet.Store
	mu    sync.Mutex
	calls map[string]int
}

// NewCounting returns s with its calls counted.
func NewCounting(s regnet.Store) *Counting {
	return &Counting{Store: s, calls: map[string]int{}}
}

func (c *Counting) count(method string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls[method]++
}

// Take returns the calls counted so far, per method and in all, and starts
// counting again from zero.
func (c *Counting) Take() (map[string]int, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	calls, total := c.calls, 0
	for _, n := range calls {
		total += n
	}
	c.calls = map[string]int{}
	return calls, total
}

func (c *Counting) Documents(ctx context.Context, f regnet.DocumentFilter) ([]*regnet.Document, error) {
	c.count("Documents")
	return c.Store.Documents(ctx, f)
}

func (c *Counting) Provisions(ctx context.Context, f regnet.ProvisionFilter) ([]*regnet.Provision, error) {
	c.count("Provisions")
	return c.Store.Provisions(ctx, f)
}

func (c *Counting) Provinces(ctx context.Context) ([]*regnet.Province, error) {
	c.count("Provinces")
	return c.Store.Provinces(ctx)
}

func (c *Counting) Agencies(ctx context.Context, f regnet.AgencyFilter) ([]*regnet.Agency, error) {
	c.count("Agencies")
	return c.Store.Agencies(ctx, f)
}

func (c *Counting) Duties(ctx context.Context, f regnet.DutyFilter) ([]*regnet.Duty, error) {
	c.count("Duties")
	return c.Store.Duties(ctx, f)
}

func (c *Counting) Handoffs(ctx context.Context, f regnet.HandoffFilter) ([]*regnet.Handoff, error) {
	c.count("Handoffs")
	return c.Store.Handoffs(ctx, f)
}

func (c *Counting) PlanActions(ctx context.Context, f regnet.PlanActionFilter) ([]*regnet.PlanAction, error) {
	c.count("PlanActions")
	return c.Store.PlanActions(ctx, f)
}

func (c *Counting) Targets(ctx context.Context, f regnet.TargetFilter) ([]*regnet.Target, error) {
	c.count("Targets")
	return c.Store.Targets(ctx, f)
}

func (c *Counting) Fields(ctx context.Context, codes []string) ([]*regnet.Field, error) {
	c.count("Fields")
	return c.Store.Fields(ctx, codes)
}

func (c *Counting) Areas(ctx context.Context, codes []string) ([]*regnet.Area, error) {
	c.count("Areas")
	return c.Store.Areas(ctx, codes)
}

func (c *Counting) Schedules(ctx context.Context, f regnet.ScheduleFilter) ([]*regnet.Schedule, error) {
	c.count("Schedules")
	return c.Store.Schedules(ctx, f)
}

func (c *Counting) HandoffChain(ctx context.Context, q regnet.ChainQuery) ([]*regnet.ChainHop, error) {
	c.count("HandoffChain")
	return c.Store.HandoffChain(ctx, q)
}

func (c *Counting) CoordinationPaths(ctx context.Context, from, to string, maxDepth int) ([]*regnet.Path, error) {
	c.count("CoordinationPaths")
	return c.Store.CoordinationPaths(ctx, from, to, maxDepth)
}

func (c *Counting) Search(ctx context.Context, text string, limit int) ([]*regnet.SearchHit, error) {
	c.count("Search")
	return c.Store.Search(ctx, text, limit)
}

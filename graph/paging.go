package graph

import (
	"cmp"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/graph/model"
)

// A cursor is the sort key of the last item a client saw, base64-encoded so
// that clients treat it as opaque. A page after a cursor starts at the first
// item whose key is greater, so cursors stay valid when items are added or
// removed between requests.
const cursorPrefix = "k:"

func encodeCursor(key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + key))
}

func decodeCursor(c string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || !strings.HasPrefix(string(b), cursorPrefix) {
		return "", invalid("after: %q is not a cursor from this API", c)
	}
	return strings.TrimPrefix(string(b), cursorPrefix), nil
}

// pageSize checks a connection's first argument.
func pageSize(first *int) (int, error) {
	if first == nil {
		return DefaultPageSize, nil
	}
	if *first < 0 || *first > MaxPageSize {
		return 0, invalid("first must be between 0 and %d, not %d", MaxPageSize, *first)
	}
	return *first, nil
}

// page is one page of a connection: the items, their cursors, the total.
type page[T any] struct {
	items   []*T
	cursors []string
	total   int
	info    *model.PageInfo
}

// paginate orders items by key and cuts the page that follows the cursor
// after. It never changes items, which may be the store's own.
func paginate[T any](items []*T, key func(*T) string, first *int, after *string) (*page[T], error) {
	n, err := pageSize(first)
	if err != nil {
		return nil, err
	}
	sorted := slices.Clone(items)
	slices.SortStableFunc(sorted, func(a, b *T) int { return cmp.Compare(key(a), key(b)) })
	start := 0
	if after != nil {
		k, err := decodeCursor(*after)
		if err != nil {
			return nil, err
		}
		start, _ = slices.BinarySearchFunc(sorted, k, func(t *T, k string) int {
			if key(t) <= k {
				return -1
			}
			return 1
		})
	}
	end := min(start+n, len(sorted))
	p := &page[T]{items: sorted[start:end], total: len(sorted), info: &model.PageInfo{
		HasNextPage:     end < len(sorted),
		HasPreviousPage: start > 0,
	}}
	for _, it := range p.items {
		p.cursors = append(p.cursors, encodeCursor(key(it)))
	}
	if len(p.cursors) > 0 {
		p.info.StartCursor = &p.cursors[0]
		p.info.EndCursor = &p.cursors[len(p.cursors)-1]
	}
	return p, nil
}

// Sort keys of the connections. Provisions go in reading order; the
// zero-padded line keeps the string order numeric.
func agencyKey(a *regnet.Agency) string         { return a.ID }
func documentKey(d *regnet.Document) string     { return d.ID }
func dutyKey(d *regnet.Duty) string             { return d.ID }
func planActionKey(p *regnet.PlanAction) string { return p.ID }
func scheduleKey(x *regnet.Schedule) string     { return x.ID }
func provisionKey(p *regnet.Provision) string {
	return fmt.Sprintf("%s\x00%09d\x00%s", p.Document, p.Line, p.ID)
}

func agencyConnection(items []*regnet.Agency, first *int, after *string) (*model.AgencyConnection, error) {
	p, err := paginate(items, agencyKey, first, after)
	if err != nil {
		return nil, err
	}
	c := &model.AgencyConnection{TotalCount: p.total, PageInfo: p.info, Edges: []*model.AgencyEdge{}}
	for i, it := range p.items {
		c.Edges = append(c.Edges, &model.AgencyEdge{Cursor: p.cursors[i], Node: it})
	}
	return c, nil
}

func documentConnection(items []*regnet.Document, first *int, after *string) (*model.DocumentConnection, error) {
	p, err := paginate(items, documentKey, first, after)
	if err != nil {
		return nil, err
	}
	c := &model.DocumentConnection{TotalCount: p.total, PageInfo: p.info, Edges: []*model.DocumentEdge{}}
	for i, it := range p.items {
		c.Edges = append(c.Edges, &model.DocumentEdge{Cursor: p.cursors[i], Node: it})
	}
	return c, nil
}

func provisionConnection(items []*regnet.Provision, first *int, after *string) (*model.ProvisionConnection, error) {
	p, err := paginate(items, provisionKey, first, after)
	if err != nil {
		return nil, err
	}
	c := &model.ProvisionConnection{TotalCount: p.total, PageInfo: p.info, Edges: []*model.ProvisionEdge{}}
	for i, it := range p.items {
		c.Edges = append(c.Edges, &model.ProvisionEdge{Cursor: p.cursors[i], Node: it})
	}
	return c, nil
}

func dutyConnection(items []*regnet.Duty, first *int, after *string) (*model.DutyConnection, error) {
	p, err := paginate(items, dutyKey, first, after)
	if err != nil {
		return nil, err
	}
	c := &model.DutyConnection{TotalCount: p.total, PageInfo: p.info, Edges: []*model.DutyEdge{}}
	for i, it := range p.items {
		c.Edges = append(c.Edges, &model.DutyEdge{Cursor: p.cursors[i], Node: it})
	}
	return c, nil
}

func planActionConnection(items []*regnet.PlanAction, first *int, after *string) (*model.PlanActionConnection, error) {
	p, err := paginate(items, planActionKey, first, after)
	if err != nil {
		return nil, err
	}
	c := &model.PlanActionConnection{TotalCount: p.total, PageInfo: p.info, Edges: []*model.PlanActionEdge{}}
	for i, it := range p.items {
		c.Edges = append(c.Edges, &model.PlanActionEdge{Cursor: p.cursors[i], Node: it})
	}
	return c, nil
}

func scheduleConnection(items []*regnet.Schedule, first *int, after *string) (*model.ScheduleConnection, error) {
	p, err := paginate(items, scheduleKey, first, after)
	if err != nil {
		return nil, err
	}
	c := &model.ScheduleConnection{TotalCount: p.total, PageInfo: p.info, Edges: []*model.ScheduleEdge{}}
	for _, n := range p.items {
		c.Edges = append(c.Edges, &model.ScheduleEdge{Cursor: encodeCursor(scheduleKey(n)), Node: n})
	}
	return c, nil
}

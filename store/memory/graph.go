package memory

import (
	"context"
	"slices"

	"github.com/regnet/regnet"
)

// startsChain reports whether h matches the set fields of q that select a
// chain's first hops; Handoffs uses it for the same fields of its filter.
func (s *Store) startsChain(h *regnet.Handoff, q regnet.ChainQuery) bool {
	return is(q.From, h.From) &&
		is(q.Province, s.provisionProvince[h.Provision]) &&
		(q.Leaving == "" || slices.Contains(h.Leaving, q.Leaving)) &&
		(q.Entering == "" || slices.Contains(h.Entering, q.Entering))
}

// HandoffChain walks the handoff rules breadth first from the rules q
// selects, with regnet.WalkChain: each rule is taken once, at the depth it
// is first reached, which ends cycles; Via is the smallest id among the
// previous depth's initiators that lead to the rule, so that the answer
// does not depend on the order of the walk.
func (s *Store) HandoffChain(ctx context.Context, q regnet.ChainQuery) ([]*regnet.ChainHop, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if q.From == "" && q.Leaving == "" && q.Entering == "" {
		return nil, regnet.Errorf(regnet.EINVALID, "a handoff chain needs a start: an agency, or an area left or entered")
	}
	return regnet.WalkChain(ctx, s, q, regnet.ChainDepth(q.MaxDepth))
}

// CoordinationPaths returns the shortest paths from one agency to another
// over the graph New builds once (see regnet.CoordinationGraph).
func (s *Store) CoordinationPaths(ctx context.Context, from, to string, maxDepth int) ([]*regnet.Path, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := regnet.CheckPathEnds(from, to); err != nil {
		return nil, err
	}
	return s.paths.Paths(from, to, maxDepth), nil
}

package regnet

// Bounds of the graph walks. Every store applies them through ChainDepth,
// PathDepth and MaxPaths, and the API checks a requested maxDepth against
// MaxDepth, so the numbers the schema states are these and no others.
const (
	// DefaultChainDepth is how deep HandoffChain walks when the query
	// gives no MaxDepth.
	DefaultChainDepth = 3
	// DefaultPathDepth is how many steps CoordinationPaths allows when the
	// caller gives no maxDepth.
	DefaultPathDepth = 4
	// MaxDepth is the largest maxDepth the API accepts for a chain or a path.
	MaxDepth = 10
	// MaxChainDepth is the deepest HandoffChain walks: a larger MaxDepth
	// counts as this one.
	MaxChainDepth = MaxDepth
	// MaxPathDepth is the most steps CoordinationPaths searches: a larger
	// maxDepth counts as this one. A path search over four kinds of link
	// grows with the number of agencies to this power, so it is kept
	// below the chain's bound.
	MaxPathDepth = 6
	// MaxPaths is the most paths CoordinationPaths returns.
	MaxPaths = 10
)

// ChainDepth is the depth a handoff chain is walked to when MaxDepth is
// asked for: DefaultChainDepth for 0 or less, at most MaxChainDepth.
func ChainDepth(maxDepth int) int {
	if maxDepth <= 0 {
		return DefaultChainDepth
	}
	return min(maxDepth, MaxChainDepth)
}

// PathDepth is the number of steps a coordination path may have when
// maxDepth is asked for: DefaultPathDepth for 0 or less, at most
// MaxPathDepth.
func PathDepth(maxDepth int) int {
	if maxDepth <= 0 {
		return DefaultPathDepth
	}
	return min(maxDepth, MaxPathDepth)
}

// CheckDepth reports whether a maxDepth an API caller gave is in bounds:
// 1 to MaxDepth.
func CheckDepth(maxDepth int) error {
	if maxDepth < 1 || maxDepth > MaxDepth {
		return Errorf(EINVALID, "maxDepth must be between 1 and %d, not %d", MaxDepth, maxDepth)
	}
	return nil
}

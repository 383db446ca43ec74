package regnet

import "testing"

// TestDepths checks the defaults and caps every store applies.
func TestDepths(t *testing.T) {
	for _, c := range []struct{ asked, chain, path int }{
		{0, DefaultChainDepth, DefaultPathDepth},
		{-1, DefaultChainDepth, DefaultPathDepth},
		{1, 1, 1},
		{MaxPathDepth, MaxPathDepth, MaxPathDepth},
		{MaxPathDepth + 1, MaxPathDepth + 1, MaxPathDepth},
		{MaxDepth, MaxChainDepth, MaxPathDepth},
		{MaxDepth + 5, MaxChainDepth, MaxPathDepth},
	} {
		if got := ChainDepth(c.asked); got != c.chain {
			t.Errorf("ChainDepth(%d) = %d, want %d", c.asked, got, c.chain)
		}
		if got := PathDepth(c.asked); got != c.path {
			t.Errorf("PathDepth(%d) = %d, want %d", c.asked, got, c.path)
		}
	}
	for _, d := range []int{0, -1, MaxDepth + 1} {
		if CheckDepth(d) == nil {
			t.Errorf("CheckDepth(%d) accepted", d)
		}
	}
	for _, d := range []int{1, MaxDepth} {
		if err := CheckDepth(d); err != nil {
			t.Errorf("CheckDepth(%d): %v", d, err)
		}
	}
}

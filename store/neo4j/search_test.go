package neo4j_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/store/storetest"
)

// unplacedSearch hides the provision a duty hit names, as a store whose
// search does not read it: Find then reads the duties instead.
type unplacedSearch struct{ regnet.Store }

func (u unplacedSearch) Search(ctx context.Context, text string, limit int) ([]*regnet.SearchHit, error) {
	hits, err := u.Store.Search(ctx, text, limit)
	for _, h := range hits {
		h.DutyProvision = ""
	}
	return hits, err
}

// TestFindStoreCalls checks that a search reads its duties' provisions with
// its hits, so that Find asks the store for the search, the hits' documents
// and their agencies and no more, and answers as it does when it reads the
// duties again.
func TestFindStoreCalls(t *testing.T) {
	s := loadBundled(t)
	ctx := t.Context()
	for _, text := range []string{"hai quan", "thông báo", "cửa khẩu", "phối hợp kiểm tra"} {
		counted := storetest.NewCounting(s)
		got, err := regnet.Find(ctx, counted, text, 10)
		if err != nil {
			t.Fatalf("Find(%q): %v", text, err)
		}
		calls, total := counted.Take()
		var duties int
		for _, h := range got {
			if h.Type == regnet.HitDuty {
				duties++
			}
		}
		if duties == 0 {
			t.Errorf("Find(%q): no duty hits among %d, nothing to merge", text, len(got))
		}
		if calls["Duties"] != 0 || calls["Search"] != 1 || total > 3 {
			t.Errorf("Find(%q) made store calls %v, want one Search and at most a Documents and an Agencies read", text, calls)
		}
		want, err := regnet.Find(ctx, unplacedSearch{s}, text, 10)
		if err != nil {
			t.Fatalf("Find(%q) without provisions: %v", text, err)
		}
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		if string(g) != string(w) {
			t.Errorf("Find(%q):\n got %s\nwant %s", text, g, w)
		}
		t.Logf("Find(%q): %d hits, %d duties, store calls %v", text, len(got), duties, calls)
	}
}

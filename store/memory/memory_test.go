package memory_test

import (
	"strings"
	"testing"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/store/memory"
	"github.com/regnet/regnet/store/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T, ds *regnet.Dataset) regnet.Store {
		return memory.New(ds)
	})
}

// TestNewCopiesDataset checks that the store does not share the dataset it
// was built from: the loader or a test may reuse it.
func TestNewCopiesDataset(t *testing.T) {
	ds := storetest.Fixture()
	s := memory.New(ds)
	want := ds.Agencies[0].Name
	ds.Agencies[0].Name = "changed"
	ds.Agencies = ds.Agencies[:0]
	got, err := s.Agencies(t.Context(), regnet.AgencyFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(storetest.Fixture().Agencies) || got[0].Name != want {
		t.Fatalf("store changed with its dataset: %d agencies, first %q", len(got), got[0].Name)
	}
}

// TestSearchWholeTokens checks the memory store's own choice: a query word
// matches whole tokens only, never a token it merely begins.
func TestSearchWholeTokens(t *testing.T) {
	s := memory.New(storetest.Fixture())
	for _, q := range []string{"hai qu", "la", "cong a"} {
		got, err := s.Search(t.Context(), q, 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 0 {
			t.Errorf("Search(%q) found %d records, first %s; want none", q, len(got), got[0].ID)
		}
	}
	got, err := s.Search(t.Context(), "lang son", 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 {
		t.Fatal(`"lang son" finds nothing`)
	}
}

// TestSearchSnippetWindow checks that a long text is cut around the match.
func TestSearchSnippetWindow(t *testing.T) {
	ds := storetest.Fixture()
	long := ""
	for range 30 {
		long += "kiểm tra "
	}
	ds.Provisions[0].Text = long + "buôn lậu thuốc lá điếu " + long
	s := memory.New(ds)
	got, err := s.Search(t.Context(), "thuoc la dieu", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("got %d hits, want 1", len(got))
	}
	sn := got[0].Snippet
	if n := len([]rune(sn)); n > 170 || sn[:3] != "…" || sn[len(sn)-3:] != "…" {
		t.Fatalf("snippet %q (%d runes) is not a cut window", sn, n)
	}
	if !strings.Contains(regnet.Fold(sn), "thuoc la dieu") {
		t.Fatalf("snippet %q does not hold the match", sn)
	}
}

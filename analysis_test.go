package regnet_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/store/memory"
	"github.com/regnet/regnet/store/storetest"
)

func TestTrackPlansRejectsBadDates(t *testing.T) {
	for _, asOf := range []string{"", "2026-13-01", "01/03/2026", "2026-02-30"} {
		_, err := regnet.TrackPlans(t.Context(), nil, "Lạng Sơn", asOf)
		if regnet.ErrorCode(err) != regnet.EINVALID {
			t.Errorf("TrackPlans(asOf %q): %v, want an EINVALID error", asOf, err)
		}
	}
}

// TestNetworkReportsTo checks that a duty's reporting line is an edge of the
// network, from the holder to the recipient, with the duty's provision.
func TestNetworkReportsTo(t *testing.T) {
	s := memory.New(storetest.Fixture())
	n, err := regnet.BuildNetwork(t.Context(), s, "Lạng Sơn")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range n.Edges {
		if e.Type == regnet.StepReportsTo {
			got = append(got, e.Source+">"+e.Target+" "+strings.Join(e.Provisions, ","))
		}
	}
	want := []string{"agency:lang-son:POLICE>agency:lang-son:PEOPLES_COMMITTEE doc:83-2025-qd-ubnd#REGULATION/7/2/b"}
	if !slices.Equal(got, want) {
		t.Errorf("REPORTS_TO edges %q, want %q", got, want)
	}
}

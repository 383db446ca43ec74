package regnet_test

import (
	"testing"

	"github.com/regnet/regnet"
)

func TestTrackPlansRejectsBadDates(t *testing.T) {
	for _, asOf := range []string{"", "2026-13-01", "01/03/2026", "2026-02-30"} {
		_, err := regnet.TrackPlans(t.Context(), nil, "Lạng Sơn", asOf)
		if regnet.ErrorCode(err) != regnet.EINVALID {
			t.Errorf("TrackPlans(asOf %q): %v, want an EINVALID error", asOf, err)
		}
	}
}

package report_test

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/data"
	"github.com/regnet/regnet/loader"
	"github.com/regnet/regnet/store/memory"
)

func TestScratch(t *testing.T) {
	ds, err := loader.New().ParseFS(data.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	s := memory.New(ds)
	ctx := context.Background()
	cov, err := regnet.LeadCoverage(ctx, s, "Lạng Sơn")
	if err != nil {
		t.Fatal(err)
	}
	cmp, err := regnet.CompareProvinces(ctx, s, "Lạng Sơn", "Điện Biên")
	if err != nil {
		t.Fatal(err)
	}
	pl, err := regnet.TrackPlans(ctx, s, "Lạng Sơn", "2026-03-01")
	if err != nil {
		t.Fatal(err)
	}
	for name, v := range map[string]any{"cov": cov, "cmp": cmp, "plan": pl} {
		b, _ := json.MarshalIndent(v, "", " ")
		os.WriteFile("/tmp/"+name+".json", b, 0o644)
	}
}

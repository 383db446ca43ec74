package loader_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/loader"
)

// TestMetadataAsWritten reads headers written the ways real documents write
// them: laid out as table rows with "|", broken mid-phrase, dates with
// slashes, numbers without the year, effective dates relative to signing.
func TestMetadataAsWritten(t *testing.T) {
	tests := []struct {
		file                      string
		number, province, issued  string
		effective, signer, status string
		basedOn, replaces         []string
		notBasedOn                []string // cited, but not as a legal basis
		agencies                  []string // agency kinds with duties or partners
		notAgencies               []string // kinds named only under "Nơi nhận"
	}{
		{
			file: "table_header.txt", number: "2460/QĐ-UBND", province: "Hà Giang",
			issued: "2016-05-06", effective: "2016-05-06", // "kể từ ngày ký"
			signer: "Nguyễn Văn Sơn", status: regnet.StatusIssued,
			basedOn: []string{"19/2016/QĐ-TTg"}, notBasedOn: []string{"45/TTr-SCT"},
			agencies: []string{"HEALTH", "POLICE"}, notAgencies: []string{"MARKET_MANAGEMENT"},
		},
		{
			file: "broken_header.txt", number: "12/2024/QĐ-UBND", province: "Cao Bằng",
			issued: "2024-03-05", effective: "2024-03-15", // "sau 10 ngày kể từ ngày ký"
			signer: "Trần Thị Lan", status: regnet.StatusIssued,
			basedOn: []string{"55/2022/NĐ-CP", "11-CT/TU"}, notBasedOn: []string{"88/TTr-SCT"},
			replaces: []string{"07/2019/QĐ-UBND"},
			agencies: []string{"JUSTICE", "POLICE"}, notAgencies: []string{"CUSTOMS"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "metadata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			ds, err := loader.New().Parse(loader.Input{Name: tt.file, Data: data})
			if err != nil {
				t.Fatal(err)
			}
			if len(ds.Documents) != 1 {
				t.Fatalf("%d documents, want 1", len(ds.Documents))
			}
			d := ds.Documents[0]
			str := func(p *string) string {
				if p == nil {
					return ""
				}
				return *p
			}
			for _, c := range []struct{ what, got, want string }{
				{"number", str(d.Number), tt.number},
				{"province", d.Province, tt.province},
				{"issued", str(d.Issued), tt.issued},
				{"effective", str(d.Effective), tt.effective},
				{"signer", str(d.Signer), tt.signer},
				{"status", d.Status, tt.status},
			} {
				if c.got != c.want {
					t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
				}
			}
			for _, n := range tt.basedOn {
				if !slices.Contains(d.BasedOn, n) {
					t.Errorf("basedOn %v lacks %s", d.BasedOn, n)
				}
			}
			for _, n := range tt.notBasedOn {
				if slices.Contains(d.BasedOn, n) {
					t.Errorf("basedOn %v holds %s, a proposal (Tờ trình), not a legal basis", d.BasedOn, n)
				}
			}
			if len(tt.replaces) > 0 && !slices.Equal(d.Replaces, tt.replaces) {
				t.Errorf("replaces %v, want %v", d.Replaces, tt.replaces)
			}
			kinds := map[string]bool{}
			for _, a := range ds.Agencies {
				kinds[a.Kind] = true
			}
			for _, k := range tt.agencies {
				if !kinds[k] {
					t.Errorf("no agency of kind %s", k)
				}
			}
			for _, k := range tt.notAgencies {
				if kinds[k] {
					t.Errorf("agency of kind %s, named only as a recipient under Nơi nhận", k)
				}
			}
			if len(ds.Warnings) > 0 {
				t.Errorf("warnings: %v", ds.Warnings)
			}
		})
	}
}

package regnet_test

import (
	"testing"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/data"
	"github.com/regnet/regnet/loader"
)

func TestProvisionURL(t *testing.T) {
	for _, tc := range []struct {
		p    regnet.Provision
		want string
	}{
		{regnet.Provision{ID: "doc:83-2025-qd-ubnd#REGULATION/7/4/c", Document: "doc:83-2025-qd-ubnd", Part: regnet.PartRegulation, Path: "Điều 7 khoản 4 điểm c"},
			"/van-ban/83-2025-qd-ubnd#dieu-7-khoan-4-diem-c"},
		{regnet.Provision{ID: "doc:83-2025-qd-ubnd#REGULATION/4/2/đ", Document: "doc:83-2025-qd-ubnd", Part: regnet.PartRegulation, Path: "Điều 4 khoản 2 điểm đ"},
			"/van-ban/83-2025-qd-ubnd#dieu-4-khoan-2-diem-dd"},
		{regnet.Provision{ID: "doc:83-2025-qd-ubnd#DECISION/1", Document: "doc:83-2025-qd-ubnd", Part: regnet.PartDecision, Path: "Điều 1"},
			"/van-ban/83-2025-qd-ubnd#quyet-dinh-dieu-1"},
		{regnet.Provision{ID: "doc:83-2025-qd-ubnd#DECISION/2", Document: "doc:83-2025-qd-ubnd", Part: regnet.PartDecision, Path: "Quyết định, Điều 2"},
			"/van-ban/83-2025-qd-ubnd#quyet-dinh-dieu-2"},
		{regnet.Provision{ID: "doc:125-kh-ubnd#APPENDIX/5/2", Document: "doc:125-kh-ubnd", Part: "APPENDIX", Path: "Phụ lục, nhóm 5, dòng 2"},
			"/van-ban/125-kh-ubnd#phu-luc-nhom-5-dong-2"},
		{regnet.Provision{ID: "doc:x#TEXT/3", Document: "doc:x", Part: "TEXT"},
			"/van-ban/x#text-3"},
	} {
		if got := tc.p.URL(); got != tc.want {
			t.Errorf("%s: URL %q, want %q", tc.p.ID, got, tc.want)
		}
		if doc := regnet.DocumentIDFromURL(tc.want[:len(regnet.DocumentURL(tc.p.Document))]); doc != tc.p.Document {
			t.Errorf("DocumentIDFromURL of %s = %q, want %q", tc.want, doc, tc.p.Document)
		}
	}
	for _, bad := range []string{"/", "/van-ban/", "/van-ban/a/b", "/other/x"} {
		if doc := regnet.DocumentIDFromURL(bad); doc != "" {
			t.Errorf("DocumentIDFromURL(%q) = %q, want none", bad, doc)
		}
	}
}

// TestProvisionAnchorsUnique: within each bundled document, no two
// provisions share an anchor, so every address opens one provision.
func TestProvisionAnchorsUnique(t *testing.T) {
	ds, err := loader.New().ParseFS(data.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, p := range ds.Provisions {
		u := p.URL()
		if other, ok := seen[u]; ok {
			t.Errorf("%s and %s share the address %s", other, p.ID, u)
		}
		seen[u] = p.ID
	}
	if len(seen) < 100 {
		t.Errorf("only %d provisions in the bundled documents", len(seen))
	}
}

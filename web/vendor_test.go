package web

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"strings"
	"testing"
)

// TestVendoredFilesMatchVersions checks every third-party file embedded under
// static/vendor against the sha256 that scripts/vendor-web recorded in
// VERSIONS, and that no file is there without an entry: a hand-edited or
// stray library would otherwise ship unnoticed.
func TestVendoredFilesMatchVersions(t *testing.T) {
	list, err := static.ReadFile("static/vendor/VERSIONS")
	if err != nil {
		t.Fatalf("read VERSIONS: %v", err)
	}
	want := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(string(list)))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 3 || !strings.Contains(f[1], "@") || len(f[2]) != 64 {
			t.Fatalf("VERSIONS line %q: want \"file package@version sha256\"", line)
		}
		want[f[0]] = f[2]
	}
	if len(want) == 0 {
		t.Fatal("VERSIONS lists no files")
	}
	err = fs.WalkDir(static, "static/vendor", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := strings.TrimPrefix(p, "static/vendor/")
		if name == "VERSIONS" || strings.HasPrefix(name, "licenses/") {
			return nil
		}
		sum, ok := want[name]
		if !ok {
			t.Errorf("%s is not listed in VERSIONS", name)
			return nil
		}
		delete(want, name)
		b, err := static.ReadFile(p)
		if err != nil {
			return err
		}
		got := sha256.Sum256(b)
		if hex.EncodeToString(got[:]) != sum {
			t.Errorf("%s: sha256 %x, VERSIONS says %s", name, got, sum)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walk vendor: %v", err)
	}
	for name := range want {
		t.Errorf("VERSIONS lists %s, which is not in static/vendor", name)
	}
}

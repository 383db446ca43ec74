// Package datatest makes larger data sets out of the bundled documents, for
// benchmarks that show how parsing and loading grow with the input.
package datatest

import (
	"bytes"
	"fmt"
	"io/fs"
	"sort"

	"github.com/regnet/regnet/data"
)

// File is one document's name and bytes.
type File struct {
	Name string
	Data []byte
}

// Repeated returns the bundled documents n times over. Every copy after the
// first is moved to made-up provinces ("Tỉnh Giả 3") and its numbers are
// changed ("Số: 83/2025/…" → "Số: 383/2025/…"), so that its facts are new
// ones and a batch of n copies really holds n times the facts. Benchmarks
// use it to show how parsing and loading grow with the input.
func Repeated(n int) ([]File, error) {
	names, err := fs.Glob(data.FS, "*.txt")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	renames := [][2]string{
		{"LẠNG SƠN", "TỈNH GIẢ %d"}, {"Lạng Sơn", "Tỉnh Giả %d"},
		{"ĐIỆN BIÊN", "BIÊN GIẢ %d"}, {"Điện Biên", "Biên Giả %d"},
	}
	var out []File
	for i := 0; i < n; i++ {
		for _, name := range names {
			b, err := fs.ReadFile(data.FS, name)
			if err != nil {
				return nil, fmt.Errorf("read %s: %w", name, err)
			}
			if i > 0 {
				for _, r := range renames {
					b = bytes.ReplaceAll(b, []byte(r[0]), []byte(fmt.Sprintf(r[1], i)))
				}
				b = bytes.ReplaceAll(b, []byte("Số: "), []byte(fmt.Sprintf("Số: %d", i)))
			}
			out = append(out, File{Name: fmt.Sprintf("%d-%s", i, name), Data: b})
		}
	}
	return out, nil
}

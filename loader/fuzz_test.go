package loader_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/regnet/regnet/loader"
)

// FuzzParse feeds the parser arbitrary bytes: it must never panic, and what
// it returns must hold together (every fact's provision and agency exists).
// The corpus it found is kept in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	seeds := []string{
		"Số: 1/2025/QĐ-UBND\nQUYẾT ĐỊNH\nĐiều 1. Ban hành\nQUY CHẾ\nChương II\nTRÁCH NHIỆM\nĐiều 1. Sở Y tế\na) Chủ trì\n",
		"KẾ HOẠCH\nI. MỤC ĐÍCH\n1. Mục đích\n- Nâng cao\nPHỤ LỤC\n1. Nhóm\n- Rà soát\nThường xuyên\nSở Y tế\n",
		"Điều 7:\n1. Công an tỉnh\nd) Trường hợp lực lượng Công an đang di chuyển từ ngoài vào trong địa bàn hoạt động hải quan thì tiếp tục truy đuổi, thông báo cho Hải quan.",
		"\xef\xbb\xbf\r\nChương 1\r\n\tĐiều 1.\r\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	// The bundled documents go in as excerpts of a few kilobytes cut at line
	// ends: whole documents (100 KB) make every run and every minimisation
	// slow, and the parser's steps show in a header, an article or a table
	// row as well as in a whole text.
	files, _ := filepath.Glob(filepath.Join("..", "data", "*.txt"))
	more, _ := filepath.Glob(filepath.Join("testdata", "*", "*.txt"))
	variants, _ := filepath.Glob(filepath.Join("testdata", "metadata", "variants", "*.txt"))
	for _, file := range append(append(files, more...), variants...) {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, part := range excerpts(data, 4096) {
			f.Add(part)
		}
	}
	l := loader.New()
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := l.Parse(loader.Input{Name: "fuzz.txt", Data: data})
		if err != nil {
			return
		}
		provisions := map[string]bool{}
		for _, p := range ds.Provisions {
			provisions[p.ID] = true
		}
		agencies := map[string]bool{}
		for _, a := range ds.Agencies {
			agencies[a.ID] = true
		}
		for _, d := range ds.Duties {
			if !provisions[d.Provision] || !agencies[d.Agency] {
				t.Fatalf("duty %s refers to a missing provision or agency", d.ID)
			}
		}
		for _, h := range ds.Handoffs {
			if !provisions[h.Provision] || !agencies[h.From] {
				t.Fatalf("handoff %s refers to a missing provision or agency", h.ID)
			}
		}
		for _, a := range ds.PlanActions {
			if !provisions[a.Provision] {
				t.Fatalf("plan action %s refers to a missing provision %s", a.ID, a.Provision)
			}
			for _, id := range append(append([]string{}, a.Leads...), a.Coordinators...) {
				if !agencies[id] {
					t.Fatalf("plan action %s refers to a missing agency %s", a.ID, id)
				}
			}
		}
	})
}

// excerpts cuts data into pieces of about size bytes, each ending at a line
// end.
func excerpts(data []byte, size int) [][]byte {
	var out [][]byte
	for len(data) > 0 {
		n := min(size, len(data))
		if i := bytes.IndexByte(data[n:], '\n'); i >= 0 {
			n += i + 1
		} else {
			n = len(data)
		}
		out = append(out, data[:n])
		data = data[n:]
	}
	return out
}

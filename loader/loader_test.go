package loader_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/regnet/regnet"
	"github.com/regnet/regnet/loader"
)

// counts summarises a dataset for comparing parses of the same document.
type counts struct {
	Provisions, Agencies, Duties, Handoffs, PlanActions, Targets int
	Roles                                                        string
}

func countsOf(ds *regnet.Dataset) counts {
	var roles []string
	for _, d := range ds.Duties {
		roles = append(roles, d.Role)
	}
	return counts{len(ds.Provisions), len(ds.Agencies), len(ds.Duties), len(ds.Handoffs), len(ds.PlanActions), len(ds.Targets), strings.Join(roles, ",")}
}

// TestVariants checks that the same document written in the ways real files
// differ gives the same facts.
func TestVariants(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "data", "*.txt"))
	variants := []struct {
		name   string
		change func([]byte) []byte
	}{
		{"NFD", func(b []byte) []byte { return norm.NFD.Bytes(b) }},
		{"CRLF", func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) }},
		{"BOM", func(b []byte) []byte { return append([]byte("\xef\xbb\xbf"), b...) }},
		{"indented Điều", func(b []byte) []byte {
			return regexp.MustCompile(`(?m)^(Điều \d+)`).ReplaceAll(b, []byte("\t  $1"))
		}},
		{"Điều N:", func(b []byte) []byte {
			return regexp.MustCompile(`(?m)^(Điều \d+)\.`).ReplaceAll(b, []byte("$1:"))
		}},
	}
	l := loader.New()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		base, err := l.Parse(loader.Input{Name: name, Data: data})
		if err != nil {
			t.Fatal(err)
		}
		want := countsOf(base)
		for _, v := range variants {
			t.Run(name+"/"+v.name, func(t *testing.T) {
				ds, err := l.Parse(loader.Input{Name: name, Data: v.change(append([]byte{}, data...))})
				if err != nil {
					t.Fatal(err)
				}
				if got := countsOf(ds); got != want {
					t.Errorf("counts = %+v, want %+v", got, want)
				}
			})
		}
	}
}

// TestBadInput checks that files that are not documents fail with an error
// naming the file (and line), and nothing else is returned.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string // in the error text
		line int
	}{
		{"empty.txt", []byte(""), "empty.txt: the file is empty", 0},
		{"blank.txt", []byte("  \n\t\r\n"), "blank.txt: the file is empty", 0},
		{"latin1.txt", []byte("Quy ch\xe9\nĐiều 1. x\n"), "latin1.txt:1: not UTF-8 text", 1},
		{"latin1-line3.txt", []byte("a\nb\nc\xe9\n"), "latin1-line3.txt:3: not UTF-8", 3},
		{"binary.bin", []byte("PK\x03\x04\x00\x00binary"), "binary.bin:1: binary file", 1},
		{"prose.txt", []byte("Hôm nay trời đẹp.\nChúng tôi đi chơi.\n"), "prose.txt:1: no structure found", 1},
		{"bom-only.txt", []byte("\xef\xbb\xbf\n"), "the file is empty", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := loader.New().Parse(loader.Input{Name: tt.name, Data: tt.data})
			if err == nil {
				t.Fatalf("no error, got %d documents", len(ds.Documents))
			}
			if ds != nil {
				t.Errorf("a dataset came back with the error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
			var ie *loader.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %T is not an *InputError", err)
			}
			if ie.File != tt.name || ie.Line != tt.line {
				t.Errorf("error at %s:%d, want %s:%d", ie.File, ie.Line, tt.name, tt.line)
			}
		})
	}
}

// TestBatchFailsWhole checks that one bad file fails the whole batch.
func TestBatchFailsWhole(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join("..", "data", "langson_quyche_83-2025-QD-UBND.txt")
	bad := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(bad, []byte{0xff, 0xfe, 0x00}, 0o644); err != nil {
		t.Fatal(err)
	}
	ds, err := loader.New().ParseFiles(good, bad)
	if err == nil || ds != nil {
		t.Fatalf("ParseFiles(good, bad) = %v, %v; want nil and an error", ds, err)
	}
	if !strings.Contains(err.Error(), "bad.txt") {
		t.Errorf("error %q does not name bad.txt", err)
	}
}

// TestWarnings checks that a document that parses with doubts says so.
func TestWarnings(t *testing.T) {
	doc := strings.Join([]string{
		"ỦY BAN NHÂN DÂN",
		"TỈNH HÀ GIANG",
		"QUY CHẾ",
		"Chương I",
		"QUY ĐỊNH CHUNG",
		"Điều 1. Phạm vi",
		"Nội dung.",
		"Chương II",
		"TRÁCH NHIỆM CỦA CÁC CƠ QUAN",
		"Điều 2. Trách nhiệm của Sở Y tế",
		"1. Chủ trì kiểm tra an toàn thực phẩm.",
		"Điều 4. Trách nhiệm của Công an tỉnh",
		"1. Phối hợp điều tra.",
	}, "\n")
	ds, err := loader.New().Parse(loader.Input{Name: "hagiang.txt", Data: []byte(doc)})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, w := range ds.Warnings {
		msgs = append(msgs, w.Message)
		if w.File != "hagiang.txt" || w.Line == 0 {
			t.Errorf("warning %+v lacks file or line", w)
		}
	}
	joined := strings.Join(msgs, "; ")
	for _, want := range []string{"Điều 4 follows Điều 2", "no signer"} {
		if !strings.Contains(joined, want) {
			t.Errorf("warnings %q lack %q", joined, want)
		}
	}
	if len(ds.Duties) != 2 {
		t.Errorf("%d duties, want 2", len(ds.Duties))
	}
}

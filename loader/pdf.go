package loader

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
)

// A PDF is read by PDFium, compiled to WebAssembly and run in-process by
// wazero: no cgo and no program to install. PDFium gives each run of text
// with its box on the page; the loader puts runs side by side on one line
// when their boxes share a baseline, and orders lines from the top of the
// page down, so that the text comes in reading order whatever order the
// PDF's content stream drew it in. A PDF with no text at all is a scan: it
// is refused, since OCR is not the loader's job.

const maxPDFSize = 100 << 20

var (
	pdfiumOnce sync.Once
	pdfiumMu   sync.Mutex
	pdfiumInst pdfium.Pdfium
	pdfiumErr  error
)

// pdfEngine starts PDFium once per process (compiling the WebAssembly takes
// seconds; the compiled code is cached under the user's cache folder).
func pdfEngine() (pdfium.Pdfium, error) {
	pdfiumOnce.Do(func() {
		cfg := webassembly.Config{MinIdle: 1, MaxIdle: 1, MaxTotal: 1}
		if dir, err := os.UserCacheDir(); err == nil {
			if cache, err := wazero.NewCompilationCacheWithDir(filepath.Join(dir, "regnet", "wazero")); err == nil {
				cfg.RuntimeConfig = wazero.NewRuntimeConfig().WithCompilationCache(cache)
			}
		}
		pool, err := webassembly.Init(cfg)
		if err != nil {
			pdfiumErr = fmt.Errorf("start PDFium: %w", err)
			return
		}
		pdfiumInst, pdfiumErr = pool.GetInstance(2 * time.Minute)
		if pdfiumErr != nil {
			pdfiumErr = fmt.Errorf("start PDFium: %w", pdfiumErr)
		}
	})
	return pdfiumInst, pdfiumErr
}

// pdfToText returns a PDF's text lines and the page of each.
func pdfToText(name string, data []byte) ([]string, []int, error) {
	if len(data) > maxPDFSize {
		return nil, nil, &InputError{File: name, Msg: fmt.Sprintf("a PDF of more than %d MB: refused", maxPDFSize>>20)}
	}
	inst, err := pdfEngine()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	pdfiumMu.Lock()
	defer pdfiumMu.Unlock()
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		return nil, nil, &InputError{File: name, Msg: "not a readable PDF: " + err.Error()}
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	count, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return nil, nil, &InputError{File: name, Msg: "not a readable PDF: " + err.Error()}
	}
	var lines []string
	var pages []int
	for i := 0; i < count.PageCount; i++ {
		res, err := inst.GetPageTextStructured(&requests.GetPageTextStructured{
			Page: requests.Page{ByIndex: &requests.PageByIndex{Document: doc.Document, Index: i}},
			Mode: requests.GetPageTextStructuredModeRects,
		})
		if err != nil {
			return nil, nil, &InputError{File: name, Msg: fmt.Sprintf("page %d: %v", i+1, err)}
		}
		var runs []pdfRun
		for _, r := range res.Rects {
			if strings.TrimSpace(r.Text) == "" {
				continue
			}
			p := r.PointPosition
			runs = append(runs, pdfRun{text: r.Text, left: p.Left, right: p.Right, top: math.Max(p.Top, p.Bottom), bottom: math.Min(p.Top, p.Bottom)})
		}
		for _, l := range pdfLines(runs) {
			lines = append(lines, l)
			pages = append(pages, i+1)
		}
	}
	if len(lines) == 0 {
		return nil, nil, &InputError{File: name, Msg: "has no text layer (a scan?): run OCR first (for instance ocrmypdf) and read the PDF it makes"}
	}
	return lines, pages, nil
}

// pdfRun is a run of text and its box, in points from the page's bottom
// left.
type pdfRun struct {
	text                     string
	left, right, top, bottom float64
}

func (r pdfRun) height() float64 { return r.top - r.bottom }
func (r pdfRun) middle() float64 { return (r.top + r.bottom) / 2 }

// pdfLines puts runs that share a baseline on one line, left to right, and
// the lines top down. Runs far apart on a line (table cells, a date at the
// right margin) are kept apart by spaces.
func pdfLines(runs []pdfRun) []string {
	sort.SliceStable(runs, func(i, j int) bool { return runs[i].middle() > runs[j].middle() })
	var groups [][]pdfRun
	for _, r := range runs {
		if n := len(groups); n > 0 {
			g := groups[n-1]
			last := g[0]
			tol := 0.5 * math.Min(r.height(), last.height())
			if math.Abs(r.middle()-last.middle()) <= tol {
				groups[n-1] = append(g, r)
				continue
			}
		}
		groups = append(groups, []pdfRun{r})
	}
	var out []string
	for _, g := range groups {
		sort.SliceStable(g, func(i, j int) bool { return g[i].left < g[j].left })
		var b strings.Builder
		for i, r := range g {
			if i > 0 {
				gap := r.left - g[i-1].right
				prev := b.String()
				if gap > 0.2*r.height() && !strings.HasSuffix(prev, " ") && !strings.HasPrefix(r.text, " ") {
					b.WriteByte(' ')
				}
			}
			b.WriteString(r.text)
		}
		out = append(out, b.String())
	}
	return out
}

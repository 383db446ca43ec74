package loader

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"
)

// Documents come as people have them: plain text, Word, PDF, a page saved
// from a legal portal. Each format has a converter that turns the file into
// the lines a plain-text export would give (tables as "|" rows, see
// pipetable.go), so that every later step reads one form. Anything else is
// refused by name, before any rule runs.

// Formats the loader reads, as Source.Format says them.
const (
	FormatText = "txt"
	FormatDocx = "docx"
	FormatPDF  = "pdf"
	FormatHTML = "html"
)

// formatsRead is said in every refusal.
const formatsRead = "regnet reads .txt, .docx, .pdf and .html"

// IsDocumentName reports whether a file name has an extension the loader
// reads, for gathering the documents of a folder. Hidden files and the lock
// files Word leaves beside an open document ("~$…") are not documents.
func IsDocumentName(name string) bool {
	base := path.Base(name)
	if strings.HasPrefix(base, ".") || strings.HasPrefix(base, "~$") {
		return false
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".txt", ".docx", ".pdf", ".html", ".htm":
		return true
	}
	return false
}

// decode reads a file of any format the loader knows into a source.
func decode(name string, data []byte) (*source, error) {
	format, err := sniff(name, data)
	if err != nil {
		return nil, err
	}
	var lines []string
	var pages []int
	switch format {
	case FormatText:
		src, err := normalise(name, data)
		if src != nil {
			src.format = FormatText
		}
		return src, err
	case FormatDocx:
		lines, err = docxToText(name, data)
	case FormatHTML:
		lines, err = htmlToText(name, data)
	case FormatPDF:
		lines, pages, err = pdfToText(name, data)
	}
	if err != nil {
		return nil, err
	}
	src, err := normalise(name, []byte(strings.Join(lines, "\n")))
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	src.sha256 = hex.EncodeToString(sum[:])
	src.format = format
	src.pages = pages
	return src, nil
}

// magic numbers of files that are not documents the loader reads.
var refusedMagic = []struct {
	prefix, what string
}{
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old binary Office file (.doc, .xls): save it as .docx"},
	{"{\\rtf", "an RTF file: save it as .docx"},
	{"\x89PNG", "an image (PNG): run OCR first"},
	{"\xff\xd8\xff", "an image (JPEG): run OCR first"},
	{"GIF8", "an image (GIF)"},
	{"II*\x00", "an image (TIFF): run OCR first"},
	{"MM\x00*", "an image (TIFF): run OCR first"},
}

// refusedExt are extensions refused even when the bytes would pass as text.
var refusedExt = map[string]string{
	".doc": "an old binary Word file (.doc): save it as .docx",
	".xls": "a spreadsheet", ".xlsx": "a spreadsheet", ".ods": "a spreadsheet", ".csv": "a spreadsheet",
	".odt": "an OpenDocument text: save it as .docx", ".rtf": "an RTF file: save it as .docx",
	".png": "an image", ".jpg": "an image", ".jpeg": "an image", ".tif": "an image", ".tiff": "an image", ".gif": "an image",
	".pptx": "a presentation", ".ppt": "a presentation", ".zip": "an archive",
}

// sniff tells a file's format by its first bytes, then by its name.
func sniff(name string, data []byte) (string, error) {
	refuse := func(what string) error {
		return &InputError{File: name, Msg: "not a document regnet reads: " + what + " (" + formatsRead + ")"}
	}
	ext := strings.ToLower(path.Ext(name))
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return FormatPDF, nil
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		what, readable := zipKind(data)
		if what != "" {
			return "", refuse(what)
		}
		if readable || ext == ".docx" {
			return FormatDocx, nil
		}
		// not an archive after all: the text checks say what it is
	}
	for _, m := range refusedMagic {
		if bytes.HasPrefix(data, []byte(m.prefix)) {
			return "", refuse(m.what)
		}
	}
	if what, ok := refusedExt[ext]; ok {
		return "", refuse(what)
	}
	switch ext {
	case ".pdf":
		return "", &InputError{File: name, Msg: "not a PDF file (it does not start with %PDF-)"}
	case ".docx":
		return "", &InputError{File: name, Msg: "not a .docx file (not a zip archive)"}
	case ".html", ".htm", ".xhtml":
		return FormatHTML, nil
	}
	if looksLikeHTML(data) {
		return FormatHTML, nil
	}
	return FormatText, nil
}

// zipKind says what a zip archive is when it is not a Word document ("" for
// a Word document), and whether it could be opened at all.
func zipKind(data []byte) (string, bool) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", false
	}
	for _, f := range zr.File {
		switch {
		case f.Name == "word/document.xml":
			return "", true
		case strings.HasPrefix(f.Name, "xl/"):
			return "a spreadsheet (.xlsx)", true
		case strings.HasPrefix(f.Name, "ppt/"):
			return "a presentation (.pptx)", true
		case f.Name == "content.xml":
			return "an OpenDocument file: save it as .docx", true
		}
	}
	return "a zip archive that is not a Word document", true
}

// looksLikeHTML reports whether text starts as an HTML page does.
func looksLikeHTML(data []byte) bool {
	head := data[:min(len(data), 512)]
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.ToLower(bytes.TrimSpace(head))
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html"))
}

// setPages gives the provisions read from a PDF the page their first line
// is on.
func (p *docParser) setPages(from int) {
	if len(p.src.pages) == 0 {
		return
	}
	for i := from; i < len(p.ds.Provisions); i++ {
		pr := &p.ds.Provisions[i]
		if pr.Line >= 1 && pr.Line <= len(p.src.pages) {
			page := p.src.pages[pr.Line-1]
			pr.Page = &page
		}
	}
}

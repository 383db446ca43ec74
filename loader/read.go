package loader

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Line is one line of a normalised document, with its 1-based number in the
// source file so that warnings and errors can point at it.
type Line struct {
	No   int
	Text string
}

// source is a document's text after normalisation.
type source struct {
	file   string // base name, as shown in provenance and errors
	sha256 string
	lines  []Line // non-blank lines only, trimmed
	format string // FormatText, FormatDocx, … (see formats.go)
	pages  []int  // for a PDF, the page of each line (index: line number - 1)
}

// InputError is a file the loader cannot read as a document. It names the
// file and, where there is one, the line.
type InputError struct {
	File string
	Line int
	Msg  string
}

func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// DefaultMaxFileBytes bounds a document file: documents are tens of
// kilobytes, and a file of gigabytes would be read whole into memory.
const DefaultMaxFileBytes = 20 << 20

// readFile reads and normalises a file. Only regular files are read: a
// named pipe would block the command for good and a device such as
// /dev/zero never ends. The file is opened without blocking and checked
// again once open, in case it was swapped after the first check; it is read
// in pieces, stopping when ctx ends or when it grows past max bytes.
func readFile(ctx context.Context, path string, max int64) (*source, error) {
	data, err := readRegular(ctx, path, max)
	if err != nil {
		return nil, err
	}
	src, err := decode(filepath.Base(path), data)
	var ie *InputError
	if errors.As(err, &ie) {
		ie.File = path // the path as given, so the user can find the file
	}
	return src, err
}

func readRegular(ctx context.Context, path string, max int64) ([]byte, error) {
	if max <= 0 {
		max = DefaultMaxFileBytes
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if err := checkRegular(path, info, max); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if err := checkRegular(path, info, max); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	chunk := make([]byte, 64<<10)
	for {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		n, err := f.Read(chunk)
		buf.Write(chunk[:n])
		if int64(buf.Len()) > max {
			return nil, tooLarge(path, max)
		}
		if err == io.EOF {
			return buf.Bytes(), nil
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
	}
}

func checkRegular(path string, info os.FileInfo, max int64) error {
	if !info.Mode().IsRegular() {
		what := "not a regular file"
		switch m := info.Mode(); {
		case m.IsDir():
			what = "a folder"
		case m&os.ModeNamedPipe != 0:
			what = "a named pipe"
		case m&os.ModeDevice != 0:
			what = "a device"
		case m&os.ModeSocket != 0:
			what = "a socket"
		}
		return &InputError{File: path, Msg: what + ", not a document file: only regular files are read"}
	}
	if info.Size() > max {
		return tooLarge(path, max)
	}
	return nil
}

func tooLarge(path string, max int64) error {
	return &InputError{File: path, Msg: fmt.Sprintf("larger than %d bytes, the limit for a document file", max)}
}

// normalise checks that data is UTF-8 text and returns its lines in the one
// form the rules expect: no byte-order mark, NFC, "\n" line ends, tabs and
// no-break spaces as spaces, runs of spaces folded, lines trimmed, blank
// lines dropped.
func normalise(name string, data []byte) (*source, error) {
	sum := sha256.Sum256(data)
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &InputError{File: name, Msg: "the file is empty"}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, &InputError{File: name, Line: bytes.Count(data[:i], []byte("\n")) + 1, Msg: "binary file (NUL byte), not a text document"}
	}
	if !utf8.Valid(data) {
		line, _ := firstInvalid(data)
		return nil, &InputError{File: name, Line: line, Msg: "not UTF-8 text"}
	}
	text := norm.NFC.String(string(data))
	if strings.Count(text, `\r\n`) > strings.Count(text, "\n") {
		// A copy that kept its line ends as literal escapes.
		text = strings.ReplaceAll(text, `\r\n`, "\n")
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	src := &source{file: name, sha256: hex.EncodeToString(sum[:])}
	control := 0
	for i, raw := range strings.Split(text, "\n") {
		t := cleanLine(raw)
		for _, r := range t {
			if unicode.IsControl(r) {
				control++
			}
		}
		if t == "" {
			continue
		}
		src.lines = append(src.lines, Line{No: i + 1, Text: t})
	}
	if control > len(text)/100+8 {
		return nil, &InputError{File: name, Msg: "binary file (control characters), not a text document"}
	}
	return src, nil
}

// cleanLine trims a line and folds its white space, including tabs, no-break
// spaces and zero-width characters that editors leave behind.
func cleanLine(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch r {
		case '\u200b', '\u200c', '\u200d', '\ufeff', '\u00ad':
			continue
		}
		if unicode.IsSpace(r) || r == '\u00a0' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// firstInvalid returns the 1-based line of the first invalid UTF-8 sequence.
func firstInvalid(data []byte) (int, int) {
	line := 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return line, i
		}
		if r == '\n' {
			line++
		}
		i += size
	}
	return line, -1
}

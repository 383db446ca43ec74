package main

import (
	"flag"
	"fmt"
	"io"
)

// utf8BOM starts a CSV file Excel reads as UTF-8: without it, Excel takes
// the file for the machine's legacy code page and garbles Vietnamese
// letters.
const utf8BOM = "\uFEFF"

// excelFlag adds --excel to a command whose CSV output people open in Excel.
func excelFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("excel", false, "start CSV output with a UTF-8 byte order mark, so that Excel shows Vietnamese letters (csv only)")
}

// forExcel writes the byte order mark to w when excel is set. The commands
// allow --excel with CSV output only (a mark would break GraphML, JSON or
// Markdown readers).
func forExcel(w io.Writer, excel bool) error {
	if !excel {
		return nil
	}
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return fmt.Errorf("write the byte order mark: %w", err)
	}
	return nil
}

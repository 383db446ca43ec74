// Package data embeds the bundled documents: the data set regnet parses when
// it is given no files, and the embedded default store of `regnet serve`.
package data

import "embed"

// FS holds the bundled documents (*.txt) at its root.
//
//go:embed *.txt
var FS embed.FS

package regnet

import (
	"strings"
	"unicode"
)

// Bounds of a search text, the same for every store. A phrase people type
// is a few words; a text of thousands of words costs the memory store a
// posting list each and goes past Lucene's limit of 1,024 clauses in Neo4j.
const (
	MaxSearchLength = 200 // bytes
	MaxSearchWords  = 16
)

// CheckSearchText refuses, with EINVALID, a search text over the bounds.
// Words are counted as the stores cut them: runs of letters and digits of
// the folded text.
func CheckSearchText(text string) error {
	if len(text) > MaxSearchLength {
		return Errorf(EINVALID, "search text is %d bytes long; the limit is %d", len(text), MaxSearchLength)
	}
	words := strings.FieldsFunc(Fold(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(words) > MaxSearchWords {
		return Errorf(EINVALID, "search text has %d words; the limit is %d", len(words), MaxSearchWords)
	}
	return nil
}

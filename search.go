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
	if words := SearchWords(text); len(words) > MaxSearchWords {
		return Errorf(EINVALID, "search text has %d words; the limit is %d", len(words), MaxSearchWords)
	}
	return nil
}

// SearchWords folds text (Fold: lower case, no diacritics) and cuts it at
// every character that is not a letter or digit: the words search matches,
// in what is searched and in what is asked, in every store.
func SearchWords(text string) []string {
	return strings.FieldsFunc(Fold(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// WordSpans calls yield with the byte offsets of each word of text as
// written: a run of letters, digits and the combining marks of decomposed
// letters. Folding a span gives the SearchWords of it; the loader and the
// search index cut text here so that snippets and matches show the words as
// the document writes them.
func WordSpans(text string, yield func(start, end int)) {
	start := -1
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			yield(start, i)
			start = -1
		}
	}
	if start >= 0 {
		yield(start, len(text))
	}
}

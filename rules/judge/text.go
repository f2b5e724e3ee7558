package judge

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Normalize folds a text for comparison with word lists: lower case, NFC, one space
// between words, typographic apostrophes as "'", and the punctuation, quotes and arrows
// around it removed ("« En savoir plus… »" -> "en savoir plus").
func Normalize(s string) string {
	s = norm.NFC.String(s)
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u2019', '\u2018', '\u02bc', '`', '\u00b4':
			return '\''
		case '\u00a0', '\u202f', '\u2007', '\t', '\n', '\r':
			return ' '
		case '\u00ad', '\u200b', '\ufeff':
			return -1
		}
		return unicode.ToLower(r)
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimFunc(s, trimmable)
}

func trimmable(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.Is(unicode.Pd, r)
}

// meaningful reports whether s has a letter or a digit: ".", "»" and "->" do not.
func meaningful(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func hasAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

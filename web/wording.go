package web

import (
	"regexp"
	"strings"

	"github.com/lab110bis/focusplus/checker"
)

// parenthetical is one "(…)" aside in a message, without nesting.
var parenthetical = regexp.MustCompile(`\s*\(([^()]*)\)`)

// technicalAside recognises what a program says to a programmer: a Go or library error
// ("zip: not a valid zip file", "unexpected EOF", "pdfcpu: …", "invalid xref"), a
// formatting slip (%!v), a nil.
var technicalAside = regexp.MustCompile(`(?i)(^[a-z0-9_./-]+: |unexpected EOF|\bEOF\b|%!|<nil>|runtime error|pdfcpu|\bxref\b|strconv\.|invalid memory|panic|deadline exceeded|\binvalid\b|\bmalformed\b|\boffset\b|\bbyte\b)`)

// formatJargon are names from inside the file formats (PDF keys, XML elements, package
// parts, metadata schemas) that a civil servant cannot act on: an aside naming one goes
// to the experts' details, and the main text keeps the words of Word, Writer or Acrobat.
var formatJargon = regexp.MustCompile(`dc:title|StructTreeRoot|word/[a-z]+\.xml|/Tabs\b|MarkInfo|\bw:[a-zA-Z]+|pdfuaid|ToUnicode|CIDSet|\bXMP\b|\bOOXML\b|\b\d+ 0 R\b`)

// englishSentence finds English function words; two in an aside of a French message
// mean a library's English message, not a loan word.
var englishSentence = regexp.MustCompile(`(?i)\b(the|and|with|this|that|is|are|not|of|to|for|could|should|must|your|which|has|have|was|be|it|can|cannot|does|or|an|in|on|by|from)\b`)

// readerText splits a message into what the reader is told and the technical asides an
// expert may want (shown apart, in the experts' details): a French civil servant must
// not meet an English parser error in the middle of a French sentence.
func readerText(l locale, s string) (main string, technical []string) {
	main = parenthetical.ReplaceAllStringFunc(s, func(m string) string {
		inner := strings.TrimSpace(parenthetical.FindStringSubmatch(m)[1])
		if technicalAside.MatchString(inner) || formatJargon.MatchString(inner) || (l == locale(checker.French) && distinctMatches(englishSentence, inner) >= 2) {
			technical = append(technical, inner)
			return ""
		}
		return m
	})
	// A message about the inside of the file (a font's CIDSet, the StructTreeRoot) even
	// once its asides are gone: the reader is told it is a technical defect, the expert
	// gets the message.
	if formatJargon.MatchString(main) {
		return l.T("instance.technical"), []string{s}
	}
	return main, technical
}

func distinctMatches(re *regexp.Regexp, s string) int {
	seen := map[string]bool{}
	for _, m := range re.FindAllString(s, -1) {
		seen[strings.ToLower(m)] = true
	}
	return len(seen)
}

package checker

import (
	"fmt"
	"strings"
)

// Plural is a counted noun (or any words that agree with a count) in both languages:
//
//	Plural(n, "%d page", "%d pages", "%d page", "%d pages")
//	Plural(n, "has", "have", "n'a", "n'ont")
//
// A form may hold %d, the count. French takes the singular for 0 and 1 ("0 page",
// "1 page"), English for 1 only ("0 pages"): these are the CLDR "one" categories of the
// two languages for whole numbers, all a count needs (golang.org/x/text/feature/plural
// would answer the same through a catalogue keyed by message, which rule messages,
// formatted when a document is checked, do not have). Pass the result to Textf, which
// writes each language's form into that language's sentence.
func Plural(n int, enOne, enOther, frOne, frOther string) Text {
	en, fr := enOther, frOther
	if n == 1 {
		en = enOne
	}
	if n == 0 || n == 1 {
		fr = frOne
	}
	return Text{En: countInto(en, n), Fr: countInto(fr, n), plural: countInto(enOther, n)}
}

// countInto writes n into a form that has a %d; a form without one ("once") is kept.
func countInto(form string, n int) string {
	if !strings.Contains(form, "%") {
		return form
	}
	return fmt.Sprintf(form, n)
}

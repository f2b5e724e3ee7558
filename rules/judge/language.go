package judge

import (
	"errors"
	"regexp"
	"strings"
	"unicode"

	"github.com/abadojack/whatlanggo"
	"golang.org/x/text/language"
)

// wellFormedTag is the BCP 47 syntax PDF/UA (ISO 14289-1, 7.2) and Word ask for:
// subtags of 1 to 8 ASCII letters or digits joined by hyphens, the first made of letters.
var wellFormedTag = regexp.MustCompile(`^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$`)

// WellFormedTag reports whether tag has the shape of a BCP 47 language tag, whether or
// not the language exists; this is what PDF/UA checks.
func WellFormedTag(tag string) bool { return wellFormedTag.MatchString(tag) }

// LanguageTag judges a declared language tag as a screen reader uses it to pick a
// voice (WCAG 3.1.1, 3.1.2): ill-formed ("French!", "fr_FR"), unknown ("zz"), or
// saying nothing about the language ("und", "x-none", "zxx", "mul").
func LanguageTag(tag string) Verdict {
	s := strings.TrimSpace(tag)
	if s == "" {
		return sure(Empty)
	}
	if !WellFormedTag(s) {
		return sure(IllFormed)
	}
	t, err := language.Parse(s)
	var unknown language.ValueError
	switch {
	case errors.As(err, &unknown):
		return sure(UnknownTag)
	case err != nil:
		// x/text is stricter than BCP 47 on some shapes (an 8-letter primary subtag):
		// such a tag is well formed but names no language a reader knows.
		return sure(UnknownTag)
	}
	switch b, _, _ := t.Raw(); b.String() {
	case "und", "zxx", "mul", "mis":
		return sure(Undetermined)
	}
	if strings.HasPrefix(strings.ToLower(s), "x-") {
		return sure(Undetermined) // private use only, such as Word's "x-none"
	}
	return fine()
}

// BaseLanguage gives the ISO 639 language of a tag ("fr-FR" -> "fr"), or "" when the
// tag names no language.
func BaseLanguage(tag string) string {
	if !LanguageTag(tag).OK() {
		return ""
	}
	t, err := language.Parse(strings.TrimSpace(tag))
	if err != nil {
		return ""
	}
	b, _, _ := t.Raw()
	return b.String()
}

// identifiable are the languages the identifier chooses among: those of the documents
// Focus+ reads. Restricting the choice raises accuracy on short texts (see the README's
// measurement); a declared language outside this list is not judged.
var identifiable = map[whatlanggo.Lang]bool{
	whatlanggo.Fra: true, whatlanggo.Eng: true, whatlanggo.Spa: true, whatlanggo.Deu: true,
	whatlanggo.Ita: true, whatlanggo.Por: true, whatlanggo.Nld: true,
}

var identifiableCodes = func() map[string]bool {
	m := map[string]bool{}
	for l := range identifiable {
		m[l.Iso6391()] = true
	}
	return m
}()

// Thresholds of IdentifyLanguage, measured on the paragraphs of language_test.go: every
// identifier tried was right on every sentence of six words or more, and wrong on up to
// one short label in six.
const (
	minJudgedWords = 3  // fewer words: no guess at all
	minSureWords   = 8  // from here a disagreement is a failure, below a review
	minSureLetters = 40 // and at least this many letters
)

// LanguageGuess is what the identifier found in a text.
type LanguageGuess struct {
	Lang    string // ISO 639-1 code ("fr"), "" when the text was not judged
	Words   int    // words with a letter
	Letters int
	// Sure is true when the text is long enough for the guess to be trusted.
	Sure bool
}

// IdentifyLanguage guesses the language a text is written in, among French, English,
// Spanish, German, Italian, Portuguese and Dutch. Texts of fewer than three words, or
// not written in the Latin script, are not judged (Lang is "").
func IdentifyLanguage(text string) LanguageGuess {
	var g LanguageGuess
	latin, other := 0, 0
	for _, w := range strings.Fields(text) {
		if meaningful(w) && strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			g.Words++
		}
	}
	for _, r := range text {
		if unicode.IsLetter(r) {
			g.Letters++
			if unicode.Is(unicode.Latin, r) {
				latin++
			} else {
				other++
			}
		}
	}
	if g.Words < minJudgedWords || other*4 > latin {
		return LanguageGuess{Words: g.Words, Letters: g.Letters}
	}
	info := whatlanggo.DetectWithOptions(text, whatlanggo.Options{Whitelist: identifiable})
	g.Lang = info.Lang.Iso6391()
	g.Sure = g.Words >= minSureWords && g.Letters >= minSureLetters
	return g
}

// DeclaredLanguage judges whether text is written in the declared language (WCAG
// 3.1.1 for a document, 3.1.2 for a passage). It returns OtherLanguage, sure when the
// text is long enough, with the guess; a tag the judges cannot compare (invalid, or a
// language the identifier does not know) and a text too short give no verdict.
func DeclaredLanguage(declared, text string) (Verdict, LanguageGuess) {
	return DeclaredBaseLanguage(BaseLanguage(declared), text)
}

// DeclaredBaseLanguage is DeclaredLanguage for a declared language already reduced by
// BaseLanguage: a caller judging thousands of passages parses each tag once.
func DeclaredBaseLanguage(base, text string) (Verdict, LanguageGuess) {
	if base == "" || !identifiableCodes[base] {
		return fine(), LanguageGuess{}
	}
	if g, ok := plainly(base, text); ok {
		return fine(), g
	}
	g := IdentifyLanguage(text)
	if g.Lang == "" || g.Lang == base {
		return fine(), g
	}
	return Verdict{Reason: OtherLanguage, Sure: g.Sure}, g
}

// LanguageName gives the English and French names of an ISO 639-1 code among the
// languages IdentifyLanguage tells apart; the code itself for another.
func LanguageName(code string) (en, fr string) {
	switch code {
	case "fr":
		return "French", "français"
	case "en":
		return "English", "anglais"
	case "es":
		return "Spanish", "espagnol"
	case "de":
		return "German", "allemand"
	case "it":
		return "Italian", "italien"
	case "pt":
		return "Portuguese", "portugais"
	case "nl":
		return "Dutch", "néerlandais"
	}
	return code, code
}

// functionWords are frequent short words of each identifiable language that the others
// do not use ("de", "la", "que", "da", "met", "on" are left out: two languages share them).
var functionWords = func() map[string]string {
	m := map[string]string{}
	for lang, words := range map[string]string{
		"fr": "le la les des et est une pour dans qui sur aux pas avec sont nous vous cette ces ont été son ses leur leurs par au",
		"en": "the and of to is are for that with this be by from was were have has not will which or at",
		"es": "el los las y por del es más pero sus está muy también cuando",
		"de": "der die das und ist nicht mit für ein eine den dem sich auf auch von zu werden wird sind bei",
		"it": "che di della delle dei gli sono nel alla anche questo è",
		"pt": "os não uma dos em ao são pelo pela também muito seu sua",
		"nl": "het een van dat niet voor zijn op ook naar worden wordt deze bij",
	} {
		for _, w := range strings.Fields(words) {
			m[w] = lang
		}
	}
	return m
}()

// plainly is the fast path of DeclaredLanguage: a text whose function words are those
// of the declared language (three or more, and three times as many as of any other
// language) is written in it, without running the identifier, which costs a third of a
// millisecond per paragraph. It never finds a text in another language.
func plainly(base, text string) (LanguageGuess, bool) {
	var counts [8]int
	langs := [8]string{"fr", "en", "es", "de", "it", "pt", "nl"}
	index := func(l string) int {
		for i, x := range langs {
			if x == l {
				return i
			}
		}
		return 7
	}
	b := index(base)
	if b == 7 {
		return LanguageGuess{}, false
	}
	var g LanguageGuess
	word := make([]rune, 0, 16)
	flush := func() {
		if len(word) == 0 {
			return
		}
		g.Words++
		if l, ok := functionWords[strings.ToLower(string(word))]; ok {
			counts[index(l)]++
		}
		word = word[:0]
	}
	for _, r := range text {
		if unicode.IsLetter(r) {
			g.Letters++
			if !unicode.Is(unicode.Latin, r) {
				return LanguageGuess{}, false
			}
			if len(word) < 16 {
				word = append(word, r)
			}
			continue
		}
		flush()
	}
	flush()
	other := 0
	for i, n := range counts {
		if i != b {
			other = max(other, n)
		}
	}
	if g.Words < minJudgedWords || counts[b] < 3 || counts[b] < 3*other {
		return LanguageGuess{}, false
	}
	g.Lang = base
	g.Sure = g.Words >= minSureWords && g.Letters >= minSureLetters
	return g, true
}

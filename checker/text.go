package checker

import (
	"fmt"
	"strings"
)

// Lang is the language of messages and guidance. Focus+ speaks French and English.
type Lang string

const (
	English Lang = "en"
	French  Lang = "fr"
)

// ParseLang accepts "fr", "en" and locale forms such as "fr_FR.UTF-8".
func ParseLang(s string) (Lang, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case strings.HasPrefix(s, "fr"):
		return French, nil
	case strings.HasPrefix(s, "en"):
		return English, nil
	}
	return "", fmt.Errorf("unknown language %q (use fr or en)", s)
}

// Text is a piece of user-facing text in both languages. Findings keep both, so a
// report can be rendered in either language without checking the document again.
type Text struct {
	En string `json:"en"`
	Fr string `json:"fr"`
	// plural is the English text with every count written in its plural form ("1
	// pages"), set when a Plural went into it: instances of one problem group together
	// whatever their counts ("1 drawing is…" and "4 drawings are…"; see GroupFindings).
	plural string
}

// groupText is the English text instances of one problem share once numbers are left
// out: the text with its counted words in the plural.
func (t Text) groupText() string {
	if t.plural != "" {
		return t.plural
	}
	return t.En
}

// In returns the text in lang, falling back to English.
func (t Text) In(lang Lang) string {
	if lang == French && t.Fr != "" {
		return t.Fr
	}
	return t.En
}

// IsZero reports whether neither language has text.
func (t Text) IsZero() bool { return t.En == "" && t.Fr == "" }

// Textf formats the same arguments into an English and a French pattern. Floating-point
// arguments are written with a decimal comma in French ("2,85", "0,05 s"), as French
// readers write them. A Text argument (a Plural, a name) is written in each pattern's
// language.
func Textf(en, fr string, args ...any) Text {
	enArgs, frArgs, pluralArgs := args, args, args
	for i, a := range args {
		switch x := a.(type) {
		case float64:
			frArgs = replaced(frArgs, args, i, frenchFloat(x))
		case float32:
			frArgs = replaced(frArgs, args, i, frenchFloat(float64(x)))
		case Text:
			enArgs = replaced(enArgs, args, i, x.En)
			frArgs = replaced(frArgs, args, i, x.In(French))
			if x.plural != "" {
				pluralArgs = replaced(pluralArgs, args, i, x.plural)
			}
		}
	}
	t := Text{En: fmt.Sprintf(en, enArgs...), Fr: fmt.Sprintf(fr, frArgs...)}
	if len(args) > 0 && &pluralArgs[0] != &args[0] {
		for i, a := range pluralArgs {
			if x, ok := a.(Text); ok {
				pluralArgs[i] = x.En
			}
		}
		t.plural = fmt.Sprintf(en, pluralArgs...)
	}
	return t
}

// replaced sets out[i] = v, copying args first when out still shares its array.
func replaced(out, args []any, i int, v any) []any {
	if &out[0] == &args[0] {
		out = append([]any(nil), args...)
	}
	out[i] = v
	return out
}

// FrenchDecimal writes a number already formatted with a decimal point ("4.5") with the
// French decimal comma ("4,5").
func FrenchDecimal(s string) string { return strings.Replace(s, ".", ",", 1) }

// frenchFloat formats like a float64 under any verb and flags, with a decimal comma.
type frenchFloat float64

func (f frenchFloat) Format(st fmt.State, verb rune) {
	fmt.Fprint(st, FrenchDecimal(fmt.Sprintf(fmt.FormatString(st, verb), float64(f))))
}

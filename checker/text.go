package checker

import (
	"fmt"
	"os"
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

// LangFromEnv picks the language from LC_ALL, then LC_MESSAGES, then LANG, as POSIX
// programs do; anything but French falls back to English.
func LangFromEnv() Lang {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(k); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "fr") {
				return French
			}
			return English
		}
	}
	return English
}

// Text is a piece of user-facing text in both languages. Findings keep both, so a
// report can be rendered in either language without checking the document again.
type Text struct {
	En string `json:"en"`
	Fr string `json:"fr"`
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

// Textf formats the same arguments into an English and a French pattern.
func Textf(en, fr string, args ...any) Text {
	return Text{En: fmt.Sprintf(en, args...), Fr: fmt.Sprintf(fr, args...)}
}

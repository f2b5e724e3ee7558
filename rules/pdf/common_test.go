package pdf

import (
	"math/rand"
	"strings"
	"testing"
)

// TestCollapseSpace: collapseSpace and wordCount agree with strings.Fields on text made
// of words, ASCII and Unicode spaces (no-break, line separator, NEL) and invalid UTF-8.
func TestCollapseSpace(t *testing.T) {
	parts := []string{"a", "Été", " ", "  ", "\t", "\n", "\u00a0", "\u2028", "\u0085", "\xff", "\ufffd", "x.y"}
	rng := rand.New(rand.NewSource(1))
	cases := []string{"", " ", "one", "one two", " one", "one ", "one  two"}
	for i := 0; i < 5000; i++ {
		var b strings.Builder
		for n := rng.Intn(8); n >= 0; n-- {
			b.WriteString(parts[rng.Intn(len(parts))])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		want := strings.Join(strings.Fields(s), " ")
		if got := collapseSpace(s); got != want {
			t.Fatalf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
		if got, want := wordCount(s), len(strings.Fields(s)); got != want {
			t.Fatalf("wordCount(%q) = %d, want %d", s, got, want)
		}
	}
}

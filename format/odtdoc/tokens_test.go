package odtdoc

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/zippkg"
)

// TestSameModelAsEncodingXML loads every .odt of the corpus through the tokenizer and
// through encoding/xml (zippkg.ReferenceReader): the models, and so every finding the
// rules draw from them, must be the same, and so must a load error.
func TestSameModelAsEncodingXML(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "realworld", "*.odt"))
	pairs, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "pairs", "*.odt"))
	files = append(files, pairs...)
	if len(files) == 0 {
		t.Skip("no OpenDocument files")
	}
	n := zippkg.CompareReaders(files, func(name string, data []byte) (any, error) {
		return Load(context.Background(), name, data, Name, checker.DefaultLimits())
	}, t.Errorf)
	t.Logf("%d documents", n)
}

// TestTextShortcuts checks the one-pass forms against the plain definitions they
// replaced: the first eight words, and text that folding leaves as it is.
func TestTextShortcuts(t *testing.T) {
	fold := func(s string, prevSpace bool) string {
		var b strings.Builder
		for _, r := range s {
			if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
				if prevSpace {
					continue
				}
				r, prevSpace = ' ', true
			} else {
				prevSpace = false
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	plainSnippet := func(s string) string {
		f := strings.Fields(s)
		if len(f) > 8 {
			f = f[:8]
		}
		return strings.Join(f, " ")
	}
	pieces := []string{"a", "mot", " ", "  ", "\t", "\n", "\r", "\u00a0", "\u2003", "é", "日本", "\v", "\u0085", "word"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := snippet(s), plainSnippet(s); got != want {
			t.Fatalf("snippet(%q) = %q, want %q", s, got, want)
		}
		prev := rng.IntN(2) == 0
		if collapsed([]byte(s), prev) && fold(s, prev) != s {
			t.Fatalf("collapsed(%q, %v) but folding gives %q", s, prev, fold(s, prev))
		}
	}
}

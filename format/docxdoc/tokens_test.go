package docxdoc

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/zippkg"
)

// TestSameModelAsEncodingXML loads every .docx of the corpus through the tokenizer and
// through encoding/xml (zippkg.ReferenceReader): the models, and so every finding the
// rules draw from them, must be the same, and so must a load error.
func TestSameModelAsEncodingXML(t *testing.T) {
	var files []string
	for _, pat := range []string{"docx/*.docx", "realworld/*.docx"} {
		m, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", pat))
		files = append(files, m...)
	}
	pairs, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "pairs", "*.docx"))
	files = append(files, pairs...)
	if len(files) == 0 {
		t.Skip("no Word documents")
	}
	n := zippkg.CompareReaders(files, func(name string, data []byte) (any, error) {
		return Load(context.Background(), name, data, Name, checker.DefaultLimits())
	}, t.Errorf)
	t.Logf("%d documents", n)
}

// TestFirstWords checks the one-pass cut against the plain definition it replaced.
func TestFirstWords(t *testing.T) {
	plain := func(s string, n int) string {
		s = strings.Join(strings.Fields(s), " ")
		if len(s) <= n {
			return s
		}
		cut := s[:n]
		for len(cut) > 0 && !utf8.RuneStart(s[len(cut)]) {
			cut = cut[:len(cut)-1]
		}
		if i := strings.LastIndexByte(cut, ' '); i > n/2 {
			cut = cut[:i]
		}
		return cut + "…"
	}
	pieces := []string{"a", "mot", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "é", "日本", "\xff", "\u0085", "word-long-enough", "\r\n", "…"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s, n := b.String(), 1+rng.IntN(90)
		if got, want := firstWords(s, n), plain(s, n); got != want {
			t.Fatalf("firstWords(%q, %d) = %q, want %q", s, n, got, want)
		}
	}
}

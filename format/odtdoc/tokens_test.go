package odtdoc

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"reflect"
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
	defer func(f func(r io.Reader) zippkg.TokenReader) { zippkg.NewTokens = f }(zippkg.NewTokens)
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		zippkg.NewTokens = zippkg.ReferenceReader
		want, wantErr := Load(context.Background(), filepath.Base(name), data, Name, checker.DefaultLimits())
		zippkg.NewTokens = func(r io.Reader) zippkg.TokenReader { return zippkg.NewTokenizer(r) }
		got, err := Load(context.Background(), filepath.Base(name), data, Name, checker.DefaultLimits())
		if !reflect.DeepEqual(err, wantErr) {
			t.Errorf("%s: error %v, with encoding/xml %v", name, err, wantErr)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the model differs from encoding/xml's", name)
		}
	}
	t.Logf("%d documents", len(files))
}

package docxdoc

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	fx "github.com/lab110bis/focusplus/internal/fixtures"
)

// bigBody is the body of a report whose word/document.xml is about 20 MB: headings every
// 50 paragraphs, one paragraph in three opening on a bold run, as a long generated
// report is written.
func bigBody(size int) string {
	var b strings.Builder
	b.Grow(size + 4096)
	for i := 1; b.Len() < size; i++ {
		if i%50 == 1 {
			b.WriteString(fx.P("Titre2", fmt.Sprintf("Part %d", i/50+1)))
		}
		if i%3 == 0 {
			b.WriteString(`<w:p>` + fx.R(`<w:b/>`, "In short: ") + fx.R("", fmt.Sprintf("paragraph %d sums up one point of the report in a full sentence.", i)) + `</w:p>`)
			continue
		}
		b.WriteString(fx.P("", fmt.Sprintf("Paragraph %d of the report explains one point in a full sentence, with enough words to read as prose.", i)))
	}
	return b.String()
}

var bigDOCX = sync.OnceValue(func() []byte { return fx.DOCX{Body: bigBody(20 << 20), Title: "Report"}.Bytes() })

// mainPartSize is the inflated size of word/document.xml, the bytes a load reads.
func mainPartSize(b *testing.B, data []byte) int64 {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			return int64(f.UncompressedSize64)
		}
	}
	b.Fatal("no word/document.xml")
	return 0
}

// BenchmarkLoad20MB loads a .docx whose word/document.xml is 20 MB: MB/s is of that
// part. BenchmarkInflate20MB, the yardstick, only inflates the same part.
func BenchmarkLoad20MB(b *testing.B) {
	data := bigDOCX()
	b.SetBytes(mainPartSize(b, data))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(context.Background(), "big.docx", data, Name, checker.DefaultLimits()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkInflate20MB(b *testing.B) {
	data := bigDOCX()
	b.SetBytes(mainPartSize(b, data))
	b.ReportAllocs()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		for _, f := range zr.File {
			if f.Name != "word/document.xml" {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				b.Fatal(err)
			}
			if _, err := io.Copy(io.Discard, rc); err != nil {
				b.Fatal(err)
			}
			rc.Close()
		}
	}
}

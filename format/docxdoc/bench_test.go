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
	"time"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/zippkg"
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

// mainPart is the zip entry of word/document.xml, the part a load reads.
func mainPart(b *testing.B, data []byte) *zip.File {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			return f
		}
	}
	b.Fatal("no word/document.xml")
	return nil
}

// readers are the two XML readers the benchmarks compare: the tokenizer, and
// encoding/xml as the parts were read before it.
var readers = []struct {
	name   string
	tokens func(io.Reader) zippkg.TokenReader
}{
	{"tokenizer", func(r io.Reader) zippkg.TokenReader { return zippkg.NewTokenizer(r) }},
	{"encoding-xml", zippkg.ReferenceReader},
}

// BenchmarkLoad20MB loads a .docx whose word/document.xml is 20 MB: MB/s is of that
// part. BenchmarkInflate20MB, the yardstick, only inflates the same part.
// The encoding-xml case is the same load through encoding/xml, as it was read before
// the tokenizer.
func BenchmarkLoad20MB(b *testing.B) {
	data := bigDOCX()
	for _, c := range readers {
		b.Run(c.name, func(b *testing.B) {
			defer func(f func(io.Reader) zippkg.TokenReader) { zippkg.NewTokens = f }(zippkg.NewTokens)
			zippkg.NewTokens = c.tokens
			size := int64(mainPart(b, data).UncompressedSize64)
			b.SetBytes(size)
			b.ReportAllocs()
			cpu := fx.ProcessCPU()
			for b.Loop() {
				if _, err := Load(context.Background(), "big.docx", data, Name, checker.DefaultLimits()); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, cpu, size)
		})
	}
}

func reportCPU(b *testing.B, from time.Duration, size int64) {
	if b.N == 0 {
		return
	}
	per := (fx.ProcessCPU() - from) / time.Duration(b.N)
	b.ReportMetric(float64(per.Milliseconds()), "cpu-ms/op")
	if per > 0 {
		b.ReportMetric(float64(size)/1e6/per.Seconds(), "MB/cpu-s")
	}
}

func BenchmarkInflate20MB(b *testing.B) {
	data := bigDOCX()
	f := mainPart(b, data)
	size := int64(f.UncompressedSize64)
	b.SetBytes(size)
	defer reportCPU(b, fx.ProcessCPU(), size)
	b.ReportAllocs()
	for b.Loop() {
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

// BenchmarkTokens20MB reads the same part's tokens and nothing else: the tokenizer's
// share of a load, and encoding/xml's.
func BenchmarkTokens20MB(b *testing.B) {
	rc, err := mainPart(b, bigDOCX()).Open()
	if err != nil {
		b.Fatal(err)
	}
	part, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range readers {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(part)))
			b.ReportAllocs()
			cpu := fx.ProcessCPU()
			for b.Loop() {
				d := c.tokens(bytes.NewReader(part))
				for {
					if _, err := d.Next(); err != nil {
						if err != io.EOF {
							b.Fatal(err)
						}
						break
					}
				}
			}
			reportCPU(b, cpu, int64(len(part)))
		})
	}
}

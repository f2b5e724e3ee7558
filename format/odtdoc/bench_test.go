package odtdoc

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/zippkg"
	fx "github.com/lab110bis/focusplus/internal/fixtures"
)

// bigContent is the office:text of a report whose content.xml is about size bytes, as
// LibreOffice Writer writes one: headings every 50 paragraphs, one paragraph in three
// opening on a bold span.
func bigContent(size int) string {
	var b strings.Builder
	b.Grow(size + 4096)
	for i := 1; b.Len() < size; i++ {
		if i%50 == 1 {
			fmt.Fprintf(&b, `<text:h text:style-name="Heading_20_2" text:outline-level="2">Part %d</text:h>`, i/50+1)
		}
		if i%3 == 0 {
			fmt.Fprintf(&b, `<text:p text:style-name="P1"><text:span text:style-name="T1">In short: </text:span>paragraph %d sums up one point of the report in a full sentence.</text:p>`, i)
			continue
		}
		fmt.Fprintf(&b, `<text:p text:style-name="Standard">Paragraph %d of the report explains one point in a full sentence, with enough words to read as prose.</text:p>`, i)
	}
	return b.String()
}

var bigODT = sync.OnceValues(func() ([]byte, int) {
	body := bigContent(20 << 20)
	auto := `<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard"/><style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>`
	return fx.ODT{Title: "Report", Language: "fr-FR", Auto: auto, Body: body}.Bytes(), len(body)
})

// BenchmarkLoad20MB loads an .odt whose content.xml is about 20 MB, through the
// tokenizer and, in the same run, through encoding/xml as before it.
func BenchmarkLoad20MB(b *testing.B) {
	data, size := bigODT()
	for _, c := range []struct {
		name   string
		tokens func(io.Reader) zippkg.TokenReader
	}{
		{"tokenizer", func(r io.Reader) zippkg.TokenReader { return zippkg.NewTokenizer(r) }},
		{"encoding-xml", zippkg.ReferenceReader},
	} {
		b.Run(c.name, func(b *testing.B) {
			defer func(f func(io.Reader) zippkg.TokenReader) { zippkg.NewTokens = f }(zippkg.NewTokens)
			zippkg.NewTokens = c.tokens
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Load(context.Background(), "big.odt", data, Name, checker.DefaultLimits()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

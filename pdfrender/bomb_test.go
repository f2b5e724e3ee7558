package pdfrender

import (
	"bytes"
	"compress/flate"
	"context"
	"encoding/binary"
	"fmt"
	"hash/adler32"
	"image/color"
	"testing"

	"github.com/lab110bis/focusplus/internal/fixtures"
)

// flateZeros is a zlib stream of n MiB of zeros, built from one compressed MiB repeated.
func flateZeros(n int) []byte {
	zeros := make([]byte, 1<<20)
	var piece bytes.Buffer
	fw, _ := flate.NewWriter(&piece, flate.BestCompression)
	fw.Write(zeros)
	fw.Flush()
	sum := adler32.New()
	var z bytes.Buffer
	z.Write([]byte{0x78, 0xDA})
	for i := 0; i < n; i++ {
		z.Write(piece.Bytes())
		sum.Write(zeros)
	}
	z.Write([]byte{0x03, 0x00})
	binary.Write(&z, binary.BigEndian, sum.Sum32())
	return z.Bytes()
}

// A content stream that inflates past the renderer's memory fails that document only:
// the renderer it broke is not reused, and the next document renders.
func TestMemoryBombDoesNotBreakTheNextDocument(t *testing.T) {
	if testing.Short() {
		t.Skip("inflates a content stream to the renderer's memory limit")
	}
	z := flateZeros(int(maxMemoryPages>>4) + 64) // the limit in MiB, and more
	w := &fixtures.PDFWriter{}
	cat, pages, page := w.Reserve(), w.Reserve(), w.Reserve()
	cs := w.Add(fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", len(z), z))
	w.Set(page, fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 100 100] /Contents %d 0 R >>", pages, cs))
	w.Set(pages, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", page))
	w.Set(cat, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pages))
	bomb := w.Bytes(cat, "")
	good := fixtures.VisualPDF{Pages: []fixtures.VisualPage{fixtures.TextPage(color.Black, nil, 2)}}.Bytes()
	for i := 0; i < poolSize()+1; i++ {
		Walk(context.Background(), bomb, Options{Render: true, Text: true}, func(*Page) error { return nil })
	}
	for i := 0; i < poolSize()+1; i++ {
		rendered := 0
		if _, err := Walk(context.Background(), good, Options{Render: true, Text: true}, func(p *Page) error {
			if p.Image != nil {
				rendered++
			}
			return nil
		}); err != nil || rendered != 1 {
			t.Fatalf("after the bomb, a good document: %d pages rendered, %v", rendered, err)
		}
	}
}

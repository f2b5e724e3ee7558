package pdfvisual

import (
	"context"
	"image"
	"image/color"
	"math/rand/v2"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
	"github.com/lab110bis/focusplus/internal/fixtures"
	"github.com/lab110bis/focusplus/pdfrender"
)

// benchRule runs rule on a fresh document each time (the analysis is cached per
// document) and reports pages per second for rendering, text and contrast together.
func benchRule(b *testing.B, rule *checker.Rule, d fixtures.VisualPDF) {
	if err := pdfrender.Warm(); err != nil {
		b.Fatal(err)
	}
	data := d.Bytes()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		doc := &checker.Document{Format: pdfdoc.Name, Source: data, Pages: len(d.Pages)}
		if _, row := checker.RunRule(context.Background(), rule, doc); row.Outcome == checker.NotApplicable {
			b.Fatal("nothing checked")
		}
	}
	b.ReportMetric(float64(len(d.Pages)*b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkContrastText50 is a 50-page report: 38 lines of body text a page, a grey
// footer, a blue heading.
func BenchmarkContrastText50(b *testing.B) {
	var pages []fixtures.VisualPage
	for i := 0; i < 50; i++ {
		p := fixtures.TextPage(color.Gray{Y: 0x33}, nil, 38)
		p.Texts = append(p.Texts,
			fixtures.VisualText{X: 72, Y: 750, Size: 18, Bold: true, Fill: color.RGBA{0, 0x50, 0xa0, 255}, Text: "Annual accessibility report"},
			fixtures.VisualText{X: 72, Y: 30, Size: 8, Fill: color.Gray{Y: 0x99}, Text: "Internal document - do not distribute"})
		pages = append(pages, p)
	}
	benchRule(b, TextContrast, fixtures.VisualPDF{Pages: pages})
}

// BenchmarkContrastLong200 is the 50-page report four times over: long enough for
// the walk to share its pages between workers when CPUs are free.
func BenchmarkContrastLong200(b *testing.B) {
	var pages []fixtures.VisualPage
	for i := 0; i < 200; i++ {
		p := fixtures.TextPage(color.Gray{Y: 0x33}, nil, 38)
		p.Texts = append(p.Texts,
			fixtures.VisualText{X: 72, Y: 750, Size: 18, Bold: true, Fill: color.RGBA{0, 0x50, 0xa0, 255}, Text: "Annual accessibility report"},
			fixtures.VisualText{X: 72, Y: 30, Size: 8, Fill: color.Gray{Y: 0x99}, Text: "Internal document - do not distribute"})
		pages = append(pages, p)
	}
	b.ReportAllocs()
	benchRule(b, TextContrast, fixtures.VisualPDF{Pages: pages})
}

// photo is a noisy, colourful image that compresses like a photograph.
func photo(w, h int, seed uint64) *image.RGBA {
	r := rand.New(rand.NewPCG(seed, 1))
	im := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := uint8(x * 255 / w)
			im.SetRGBA(x, y, color.RGBA{v, uint8(y * 255 / h), uint8(r.IntN(64)) + 96, 255})
		}
	}
	return im
}

// BenchmarkContrastImages10 is 10 pages each with a full-width photograph (1200 × 900
// pixels) under a caption and text: the rendering decodes and scales every image.
func BenchmarkContrastImages10(b *testing.B) {
	var pages []fixtures.VisualPage
	for i := 0; i < 10; i++ {
		p := fixtures.VisualPage{
			Images: []fixtures.VisualImage{{X: 36, Y: 300, W: 540, H: 405, Img: photo(1200, 900, uint64(i))}},
			Texts: []fixtures.VisualText{
				{X: 60, Y: 650, Size: 24, Bold: true, Fill: color.White, Text: "Title over the photograph"},
				{X: 72, Y: 260, Size: 11, Text: "Caption under the photograph, in black on white."},
			},
		}
		pages = append(pages, p)
	}
	benchRule(b, TextContrast, fixtures.VisualPDF{Pages: pages})
}

// BenchmarkScanned20 is 20 scanned pages (a 1275 × 1650 image each, 150 dpi Letter):
// image coverage only, nothing is rendered.
func BenchmarkScanned20(b *testing.B) {
	var pages []fixtures.VisualPage
	scan := fixtures.ScanImage(1275, 1650)
	for i := 0; i < 20; i++ {
		pages = append(pages, fixtures.VisualPage{Images: []fixtures.VisualImage{{W: 612, H: 792, Img: scan}}})
	}
	benchRule(b, ScannedPage, fixtures.VisualPDF{Pages: pages})
}

// BenchmarkSample measures the background sampling of one run on a rendered page.
func BenchmarkSample(b *testing.B) {
	img := image.NewRGBA(image.Rect(0, 0, 1224, 1584))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	run := &pdfrender.TextRun{Fill: color.RGBA{0x77, 0x77, 0x77, 255}, Box: image.Rect(144, 160, 1100, 186)}
	for x := 144; x < 1100; x += 12 {
		run.Glyphs = append(run.Glyphs, image.Rect(x, 160, x+10, 186))
		// A stem of ink in each glyph.
		for y := 166; y < 182; y++ {
			img.SetRGBA(x+4, y, run.Fill)
			img.SetRGBA(x+5, y, run.Fill)
		}
	}
	var s sampler
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.measure(img, run)
	}
}

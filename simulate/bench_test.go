package simulate

import (
	"image"
	"image/color"
	"math/rand/v2"
	"testing"
	"time"
)

const benchW, benchH = 3840, 2160 // 4K UHD

// photoImage is photo-like content: smooth gradients under per-pixel noise, so no two
// neighbours are equal and the run cache never helps.
func photoImage(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(4, 2))
	for y := range h {
		for x := range w {
			i := img.PixOffset(x, y)
			n := rng.Uint32()
			img.Pix[i+0] = uint8(x*200/w + int(n&31))
			img.Pix[i+1] = uint8(y*200/h + int(n>>8&31))
			img.Pix[i+2] = uint8((x+y)*100/(w+h) + 80 + int(n>>16&63))
			img.Pix[i+3] = 255
		}
	}
	return img
}

// documentImage is a document-like page: white paper, lines of text-like black strokes
// with anti-aliased grey edges, a coloured heading, and a few flat colour blocks such as
// a chart or a highlighted box.
func documentImage(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	fill := func(r image.Rectangle, c color.RGBA) {
		r = r.Intersect(img.Rect)
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				img.SetRGBA(x, y, c)
			}
		}
	}
	fill(img.Rect, color.RGBA{255, 255, 255, 255})
	rng := rand.New(rand.NewPCG(7, 7))
	margin, lineHeight := w/10, 48
	for top, line := 2*margin/3, 0; top+lineHeight < h-margin/2; top, line = top+lineHeight, line+1 {
		ink := color.RGBA{20, 20, 20, 255}
		if line%25 == 0 {
			ink = color.RGBA{0, 80, 160, 255} // a heading
		}
		for x := margin; x < w-margin; {
			word := 40 + rng.IntN(200)
			for end := min(x+word, w-margin); x < end; x += 9 + rng.IntN(6) {
				stroke := 2 + rng.IntN(3)
				glyphTop := top + 8 + rng.IntN(10)
				edge := color.RGBA{(255 + ink.R) / 2, (255 + ink.G) / 2, (255 + ink.B) / 2, 255}
				fill(image.Rect(x, glyphTop, x+1, top+32), edge)
				fill(image.Rect(x+1, glyphTop, x+1+stroke, top+32), ink)
				fill(image.Rect(x+1+stroke, glyphTop, x+2+stroke, top+32), edge)
			}
			x += 20
		}
	}
	fill(image.Rect(w/2, h/5, w/2+w/4, h/5+h/6), color.RGBA{214, 39, 40, 255})
	fill(image.Rect(w/2+w/4, h/5, w-margin, h/5+h/6), color.RGBA{44, 160, 44, 255})
	fill(image.Rect(margin, 3*h/5, w/2, 3*h/5+h/8), color.RGBA{255, 242, 204, 255})
	return img
}

// reportMpix reports the throughput in megapixels per second.
func reportMpix(b *testing.B, pixels int, elapsed time.Duration) {
	b.ReportMetric(float64(pixels)*float64(b.N)/elapsed.Seconds()/1e6, "Mpix/s")
}

func benchmarkSimulate(b *testing.B, src *image.RGBA) {
	s, err := New(Params{Deficiency: Deutan, Severity: 1, Model: Machado})
	if err != nil {
		b.Fatal(err)
	}
	dst := image.NewRGBA(src.Rect)
	b.SetBytes(int64(len(src.Pix)))
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		s.Draw(dst, src)
	}
	reportMpix(b, benchW*benchH, time.Since(start))
}

// BenchmarkSimulate4KPhoto is the worst case: every pixel differs from the last.
func BenchmarkSimulate4KPhoto(b *testing.B) { benchmarkSimulate(b, photoImage(benchW, benchH)) }

// BenchmarkSimulate4KDocument is the common case: a page that is mostly paper.
func BenchmarkSimulate4KDocument(b *testing.B) {
	benchmarkSimulate(b, documentImage(benchW, benchH))
}

// BenchmarkCopy4K copies the same buffer: the memory-bandwidth yardstick.
func BenchmarkCopy4K(b *testing.B) {
	src := photoImage(benchW, benchH)
	dst := image.NewRGBA(src.Rect)
	b.SetBytes(int64(len(src.Pix)))
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		copy(dst.Pix, src.Pix)
	}
	reportMpix(b, benchW*benchH, time.Since(start))
}

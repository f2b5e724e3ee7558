package simulate

import (
	"image"
	"image/draw"
	"runtime"
	"sync"
	"sync/atomic"
)

// Apply simulates img in place (see Draw for alpha).
func (s *Simulator) Apply(img *image.RGBA) { s.Draw(img, img) }

// ApplyNRGBA simulates img in place: colour channels are simulated, alpha is kept. It
// gives the pixels Image gives, without a second image.
func (s *Simulator) ApplyNRGBA(img *image.NRGBA) {
	s.drawRows(img.Rect, img.Pix, img.PixOffset, img.Pix, img.PixOffset, straight)
}

// Draw writes src as the reader sees it into dst, over the intersection of their
// bounds, using every core. dst may be src; otherwise the two must not share pixels.
//
// RGBA is premultiplied: an opaque pixel is simulated directly; a translucent one is
// un-premultiplied, simulated and premultiplied again, because the sRGB curve does not
// commute with premultiplication (off by one level at most from rounding); a fully
// transparent pixel stays transparent black.
func (s *Simulator) Draw(dst, src *image.RGBA) {
	r := dst.Rect.Intersect(src.Rect)
	s.drawRows(r, dst.Pix, dst.PixOffset, src.Pix, src.PixOffset, premultiplied)
}

// Image returns src as the reader sees it, as a new non-premultiplied image with the
// same bounds: colour channels are simulated, alpha is kept. Any image type is accepted;
// *image.RGBA and *image.NRGBA are read directly, others are first converted with
// image/draw (which has fast paths for JPEG's YCbCr, Gray, CMYK and Paletted).
func (s *Simulator) Image(src image.Image) *image.NRGBA {
	b := src.Bounds()
	dst := image.NewNRGBA(b)
	switch src := src.(type) {
	case *image.NRGBA:
		s.drawRows(b, dst.Pix, dst.PixOffset, src.Pix, src.PixOffset, straight)
	case *image.RGBA:
		s.drawRows(b, dst.Pix, dst.PixOffset, src.Pix, src.PixOffset, premulToStraight)
	default:
		// Decode into dst's buffer as premultiplied RGBA, then convert in place.
		view := &image.RGBA{Pix: dst.Pix, Stride: dst.Stride, Rect: b}
		draw.Draw(view, b, src, b.Min, draw.Src)
		s.drawRows(b, dst.Pix, dst.PixOffset, dst.Pix, dst.PixOffset, premulToStraight)
	}
	return dst
}

// drawRows simulates the rows of r from src into dst; the offset functions are the
// images' PixOffset methods.
func (s *Simulator) drawRows(r image.Rectangle, dst []byte, dstOffset func(x, y int) int, src []byte, srcOffset func(x, y int) int, mode alphaMode) {
	n := 4 * r.Dx()
	parallelRows(r, func(y int) {
		d, o := dstOffset(r.Min.X, y), srcOffset(r.Min.X, y)
		s.fixed.row(dst[d:d+n], src[o:o+n], mode)
	})
}

// chunkPixels is the work unit handed to a core: about 256 KiB of RGBA, large enough
// to make scheduling cost nothing, small enough to balance uneven pages.
const chunkPixels = 1 << 16

// parallelRows calls row for every row of r, splitting the rows across
// runtime.GOMAXPROCS(0) goroutines that take chunks of rows as they finish the last.
func parallelRows(r image.Rectangle, row func(y int)) {
	w, h := r.Dx(), r.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	rowsPerChunk := max(1, chunkPixels/w)
	chunks := (h + rowsPerChunk - 1) / rowsPerChunk
	workers := min(runtime.GOMAXPROCS(0), chunks)
	run := func(c int) {
		y0 := r.Min.Y + c*rowsPerChunk
		for y := y0; y < min(y0+rowsPerChunk, r.Max.Y); y++ {
			row(y)
		}
	}
	if workers <= 1 {
		for c := range chunks {
			run(c)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for c := int(next.Add(1) - 1); c < chunks; c = int(next.Add(1) - 1) {
				run(c)
			}
		})
	}
	wg.Wait()
}

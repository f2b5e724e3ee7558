package simulate

import (
	"image"
	"testing"
)

// FuzzSimulate runs the fast path over images of arbitrary sizes, strides, origins and
// pixels, as whole images and as sub-images, for every deficiency and model: it must
// not panic, must touch nothing outside the destination rectangle, and must agree with
// Reference within ±1 on every opaque pixel (Draw and Image), keeping alpha (Image).
func FuzzSimulate(f *testing.F) {
	f.Add(uint8(1), uint8(0), uint8(255), uint16(3), uint16(2), uint8(0), int16(0), int16(0), uint8(0), uint8(0), []byte{255, 0, 0, 255, 0, 255, 0, 255})
	f.Add(uint8(3), uint8(3), uint8(128), uint16(1), uint16(1), uint8(5), int16(-7), int16(9), uint8(1), uint8(0), []byte{12, 34, 56, 78})
	f.Add(uint8(2), uint8(1), uint8(10), uint16(300), uint16(1), uint8(3), int16(100), int16(-100), uint8(2), uint8(1), []byte{1, 2, 3})
	f.Add(uint8(4), uint8(0), uint8(200), uint16(0), uint16(5), uint8(0), int16(0), int16(0), uint8(0), uint8(2), []byte{})
	f.Fuzz(func(t *testing.T, def, model, sev uint8, w, h uint16, pad uint8, x0, y0 int16, subX, subY uint8, pix []byte) {
		p := Params{Deficiency: Deficiency(def%5) + Protan, Model: Model(model % 4), Severity: float64(sev) / 255}
		s, err := New(p)
		if err != nil {
			t.Fatalf("New(%+v): %v", p, err)
		}
		// Bounded sizes: up to 64 Ki pixels, any shape (1×65535 included).
		wi, hi := int(w)%4097, int(h)%4097
		for wi*hi > 1<<16 {
			hi /= 2
		}
		stride := 4*wi + int(pad)%16
		rect := image.Rect(int(x0), int(y0), int(x0)+wi, int(y0)+hi)
		buf := make([]byte, stride*hi)
		for i := range buf {
			if len(pix) > 0 {
				buf[i] = pix[i%len(pix)] + byte(i/len(pix))
			}
		}
		// Straight alpha for Image: any values.
		src := &image.NRGBA{Pix: buf, Stride: stride, Rect: rect}
		out := s.Image(src)
		if out.Bounds() != rect {
			t.Fatalf("Image bounds %v, want %v", out.Bounds(), rect)
		}
		for y := rect.Min.Y; y < rect.Max.Y; y++ {
			for x := rect.Min.X; x < rect.Max.X; x++ {
				i, o := src.PixOffset(x, y), out.PixOffset(x, y)
				in, got := src.Pix[i:i+4], out.Pix[o:o+4]
				if got[3] != in[3] {
					t.Fatalf("alpha %d became %d", in[3], got[3])
				}
				if in[3] == 255 {
					nearReference(t, s, in, got)
				}
			}
		}
		// Premultiplied, opaque, in place on a sub-image: pixels outside stay as they were.
		for i := 3; i < len(buf); i += 4 {
			buf[i] = 255
		}
		whole := &image.RGBA{Pix: buf, Stride: stride, Rect: rect}
		before := append([]byte(nil), buf...)
		sub := rect
		if wi > 0 && hi > 0 {
			sub = image.Rect(rect.Min.X+int(subX)%wi, rect.Min.Y+int(subY)%hi, rect.Max.X, rect.Max.Y)
		}
		view := whole.SubImage(sub).(*image.RGBA)
		s.Apply(view)
		for y := rect.Min.Y; y < rect.Max.Y; y++ {
			for x := rect.Min.X; x < rect.Max.X; x++ {
				i := whole.PixOffset(x, y)
				in, got := before[i:i+4], buf[i:i+4]
				if !(image.Point{x, y}.In(sub)) {
					if string(in) != string(got) {
						t.Fatalf("pixel (%d,%d) outside the sub-image %v changed", x, y, sub)
					}
					continue
				}
				if in[3] == 255 && got[3] == 255 {
					nearReference(t, s, in, got)
				}
			}
		}
		// Padding bytes between rows are never written.
		for y := 0; y < hi; y++ {
			for i := y*stride + 4*wi; i < (y+1)*stride; i++ {
				if buf[i] != before[i] {
					t.Fatalf("stride padding byte %d written", i)
				}
			}
		}
		// Draw between two different images, whose bounds only partly overlap.
		dst := image.NewRGBA(rect.Add(image.Pt(wi/2, hi/3)))
		s.Draw(dst, whole)
	})
}

func nearReference(t *testing.T, s *Simulator, in, got []byte) {
	t.Helper()
	r, g, b := s.Reference(in[0], in[1], in[2])
	for c, want := range []uint8{r, g, b} {
		if d := int(got[c]) - int(want); d < -1 || d > 1 {
			t.Fatalf("%v: channel %d is %d, Reference %d (params %+v)", in[:3], c, got[c], want, s.Params())
		}
	}
}

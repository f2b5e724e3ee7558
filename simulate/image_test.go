package simulate

import (
	"image"
	"image/color"
	"image/color/palette"
	"math/rand/v2"
	"runtime"
	"testing"
)

// randomNRGBA has random colours and alpha, with runs of repeated pixels so the run
// cache is exercised, and is large enough to be split across cores.
func randomNRGBA(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(3, 5))
	for i := 0; i < len(img.Pix); i += 4 {
		if i >= 8 && rng.IntN(3) == 0 {
			copy(img.Pix[i:i+4], img.Pix[i-4:i])
			continue
		}
		v := rng.Uint32()
		img.Pix[i], img.Pix[i+1], img.Pix[i+2] = uint8(v), uint8(v>>8), uint8(v>>16)
		switch rng.IntN(4) {
		case 0:
			img.Pix[i+3] = uint8(v >> 24)
		case 1:
			img.Pix[i+3] = 0
		default:
			img.Pix[i+3] = 255
		}
	}
	return img
}

func newSimulator(t testing.TB, p Params) *Simulator {
	t.Helper()
	s, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestImageOfNRGBASimulatesColourAndKeepsAlpha(t *testing.T) {
	src := randomNRGBA(301, 307)
	for _, p := range []Params{{Deficiency: Deutan, Severity: 1, Model: Machado}, {Deficiency: Tritan, Severity: 0.7}} {
		s := newSimulator(t, p)
		dst := s.Image(src)
		if dst.Rect != src.Rect {
			t.Fatalf("bounds %v, want %v", dst.Rect, src.Rect)
		}
		for y := range 307 {
			for x := range 301 {
				in, got := src.NRGBAAt(x, y), dst.NRGBAAt(x, y)
				r, g, b := s.Color(in.R, in.G, in.B)
				if want := (color.NRGBA{r, g, b, in.A}); got != want {
					t.Fatalf("%+v at (%d,%d): %v became %v, want %v", p, x, y, in, got, want)
				}
			}
		}
	}
}

func TestApplyNRGBAGivesImagesPixels(t *testing.T) {
	for _, p := range []Params{{Deficiency: Deutan, Severity: 1}, {Deficiency: Tritan, Severity: 1}, {Deficiency: Protan, Severity: 0.4}} {
		s := newSimulator(t, p)
		img := randomNRGBA(301, 307)
		sub := img.SubImage(image.Rect(3, 5, 290, 300)).(*image.NRGBA)
		want := s.Image(sub)
		s.ApplyNRGBA(sub)
		for y := sub.Rect.Min.Y; y < sub.Rect.Max.Y; y++ {
			for x := sub.Rect.Min.X; x < sub.Rect.Max.X; x++ {
				if got, w := sub.NRGBAAt(x, y), want.NRGBAAt(x, y); got != w {
					t.Fatalf("%+v at (%d,%d): %v, Image gives %v", p, x, y, got, w)
				}
			}
		}
		if orig := randomNRGBA(301, 307); img.NRGBAAt(2, 2) != orig.NRGBAAt(2, 2) || img.NRGBAAt(295, 303) != orig.NRGBAAt(295, 303) {
			t.Fatal("pixels outside the sub-image changed")
		}
	}
}

// premultiplied returns what Draw should make of a premultiplied pixel.
func premultipliedWant(s *Simulator, in color.RGBA) color.RGBA {
	switch in.A {
	case 0:
		return color.RGBA{}
	case 255:
		r, g, b := s.Color(in.R, in.G, in.B)
		return color.RGBA{r, g, b, 255}
	}
	a := uint32(in.A)
	un := func(c uint8) uint8 { return uint8(min((uint32(c)*255+a/2)/a, 255)) }
	pre := func(c uint8) uint8 { return uint8((uint32(c)*a + 127) / 255) }
	r, g, b := s.Color(un(in.R), un(in.G), un(in.B))
	return color.RGBA{pre(r), pre(g), pre(b), in.A}
}

func TestDrawHandlesPremultipliedAlpha(t *testing.T) {
	// image/draw turns the random NRGBA into valid premultiplied RGBA.
	src := image.NewRGBA(image.Rect(0, 0, 301, 307))
	nrgba := randomNRGBA(301, 307)
	for y := range 307 {
		for x := range 301 {
			src.Set(x, y, nrgba.At(x, y))
		}
	}
	for _, p := range []Params{{Deficiency: Protan, Severity: 1}, {Deficiency: Tritan, Severity: 1}} {
		s := newSimulator(t, p)
		dst := image.NewRGBA(src.Rect)
		s.Draw(dst, src)
		inPlace := image.NewRGBA(src.Rect)
		copy(inPlace.Pix, src.Pix)
		s.Apply(inPlace)
		for y := range 307 {
			for x := range 301 {
				in := src.RGBAAt(x, y)
				want := premultipliedWant(s, in)
				if got := dst.RGBAAt(x, y); got != want {
					t.Fatalf("%+v at (%d,%d): Draw made %v of %v, want %v", p, x, y, got, in, want)
				}
				if got := inPlace.RGBAAt(x, y); got != want {
					t.Fatalf("%+v at (%d,%d): Apply made %v of %v, want %v", p, x, y, got, in, want)
				}
			}
		}
	}
}

func TestImageOfRGBAUnpremultiplies(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 3, 1))
	src.SetRGBA(0, 0, color.RGBA{214, 39, 40, 255})
	src.SetRGBA(1, 0, color.RGBA{107, 20, 20, 128}) // about #d62828 at half opacity
	src.SetRGBA(2, 0, color.RGBA{})
	s := newSimulator(t, Params{Deficiency: Deutan, Severity: 1})
	dst := s.Image(src)
	r, g, b := s.Color(214, 39, 40)
	if got, want := dst.NRGBAAt(0, 0), (color.NRGBA{r, g, b, 255}); got != want {
		t.Errorf("opaque pixel: %v, want %v", got, want)
	}
	r, g, b = s.Color(213, 40, 40)
	if got, want := dst.NRGBAAt(1, 0), (color.NRGBA{r, g, b, 128}); got != want {
		t.Errorf("half-transparent pixel: %v, want %v", got, want)
	}
	if got := dst.NRGBAAt(2, 0); got != (color.NRGBA{}) {
		t.Errorf("transparent pixel: %v, want transparent black", got)
	}
}

// TestImageAcceptsOtherImageTypes checks JPEG's YCbCr, Gray and Paletted sources, which
// go through image/draw first.
func TestImageAcceptsOtherImageTypes(t *testing.T) {
	s := newSimulator(t, Params{Deficiency: Protan, Severity: 0.8})
	r := image.Rect(-3, 5, 97, 88)
	ycc := image.NewYCbCr(r, image.YCbCrSubsampleRatio420)
	for i := range ycc.Y {
		ycc.Y[i] = uint8(i * 7)
	}
	for i := range ycc.Cb {
		ycc.Cb[i], ycc.Cr[i] = uint8(i*3), uint8(255-i)
	}
	gray := image.NewGray(r)
	for i := range gray.Pix {
		gray.Pix[i] = uint8(i)
	}
	pal := image.NewPaletted(r, palette.WebSafe)
	for i := range pal.Pix {
		pal.Pix[i] = uint8(i % len(palette.WebSafe))
	}
	for _, src := range []image.Image{ycc, gray, pal} {
		dst := s.Image(src)
		if dst.Rect != r {
			t.Fatalf("%T: bounds %v, want %v", src, dst.Rect, r)
		}
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				in := color.NRGBAModel.Convert(src.At(x, y)).(color.NRGBA)
				cr, cg, cb := s.Color(in.R, in.G, in.B)
				if got, want := dst.NRGBAAt(x, y), (color.NRGBA{cr, cg, cb, 255}); got != want {
					t.Fatalf("%T at (%d,%d): %v became %v, want %v", src, x, y, in, got, want)
				}
			}
		}
	}
}

func TestDrawWorksOnSubImages(t *testing.T) {
	full := photoImage(200, 120)
	orig := image.NewRGBA(full.Rect)
	copy(orig.Pix, full.Pix)
	s := newSimulator(t, Params{Deficiency: Deutan, Severity: 1})
	inner := image.Rect(50, 30, 130, 90)
	s.Apply(full.SubImage(inner).(*image.RGBA))
	for y := range 120 {
		for x := range 200 {
			in, got := orig.RGBAAt(x, y), full.RGBAAt(x, y)
			want := in
			if (image.Point{x, y}).In(inner) {
				want = premultipliedWant(s, in)
			}
			if got != want {
				t.Fatalf("(%d,%d): %v became %v, want %v", x, y, in, got, want)
			}
		}
	}
}

func TestDrawAllocationsDoNotGrowWithThePixelCount(t *testing.T) {
	s := newSimulator(t, Params{Deficiency: Tritan, Severity: 1})
	small, large := photoImage(4, 4), photoImage(1000, 1000)
	dstSmall, dstLarge := image.NewRGBA(small.Rect), image.NewRGBA(large.Rect)
	a := testing.AllocsPerRun(5, func() { s.Draw(dstSmall, small) })
	b := testing.AllocsPerRun(5, func() { s.Draw(dstLarge, large) })
	// A few allocations per call start the goroutines; none is per pixel or row.
	if a > 4 || b > 4+3*float64(runtime.GOMAXPROCS(0)) {
		t.Errorf("Draw allocates %v times on 16 pixels and %v times on 10⁶ pixels", a, b)
	}
}

func TestEmptyImages(t *testing.T) {
	s := newSimulator(t, Params{Deficiency: Protan, Severity: 1})
	s.Apply(image.NewRGBA(image.Rectangle{}))
	if got := s.Image(image.NewNRGBA(image.Rect(0, 0, 0, 5))); got.Rect.Dx() != 0 {
		t.Errorf("empty image became %v", got.Rect)
	}
}

package pngio

import (
	"bytes"
	"hash/adler32"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/lab110bis/focusplus/internal/fixtures"
)

// photo is fixtures.Photo with a seed.
func photo(w, h int, translucent bool, seed uint64) *image.NRGBA {
	return fixtures.Photo(w, h, translucent, rand.New(rand.NewPCG(seed, 7)))
}

// page is a white page with dark strokes: long runs of identical rows and pixels.
func page(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	for y := 10; y < h; y += 17 {
		for x := 5; x < w-5; x += 3 {
			i := img.PixOffset(x, y)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2] = 20, 30, 120
		}
	}
	return img
}

// decoded is what image/png reads back from a file.
func decoded(t *testing.T, data []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("image/png cannot read it: %v", err)
	}
	return img
}

func TestEncodeGivesImagePNGsPixels(t *testing.T) {
	premul := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for i := range premul.Pix {
		premul.Pix[i] = uint8(i % 97)
	}
	opaqueRGBA := image.NewRGBA(image.Rect(0, 0, 700, 900))
	copy(opaqueRGBA.Pix, photo(700, 900, false, 3).Pix)
	gray := image.NewGray(image.Rect(0, 0, 50, 20))
	for i := range gray.Pix {
		gray.Pix[i] = uint8(i)
	}
	big := photo(1500, 700, false, 5) // several bands, RGB
	cases := map[string]image.Image{
		"1x1":                          photo(1, 1, false, 1),
		"one column":                   photo(1, 300, true, 2),
		"one row":                      photo(3000, 1, false, 2),
		"photo, several bands":         big,
		"translucent, several bands":   photo(900, 800, true, 4),
		"page":                         page(1240, 1754),
		"sub-image":                    big.SubImage(image.Rect(37, 101, 1203, 650)),
		"opaque RGBA":                  opaqueRGBA,
		"translucent RGBA (image/png)": premul,
		"gray (image/png)":             gray,
		"paletted (image/png)":         image.NewPaletted(image.Rect(0, 0, 9, 9), color.Palette{color.Black, color.White}),
	}
	for name, img := range cases {
		t.Run(name, func(t *testing.T) {
			var ours, ref bytes.Buffer
			if err := Encode(&ours, img); err != nil {
				t.Fatal(err)
			}
			if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&ref, img); err != nil {
				t.Fatal(err)
			}
			got, want := decoded(t, ours.Bytes()), decoded(t, ref.Bytes())
			if reflect.TypeOf(got) != reflect.TypeOf(want) {
				t.Fatalf("read back as %T, image/png's file as %T", got, want)
			}
			if got.Bounds() != want.Bounds() {
				t.Fatalf("bounds %v, want %v", got.Bounds(), want.Bounds())
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatal("pixels differ from image/png's")
			}
		})
	}
}

func TestAdler32Combine(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	data := make([]byte, 300_000)
	for i := range data {
		data[i] = uint8(rng.Uint32())
	}
	for _, cut := range []int{0, 1, 5552, 65521, 65522, 131042, 299_999, 300_000} {
		a, b := data[:cut], data[cut:]
		got := adler32Combine(adler32.Checksum(a), adler32.Checksum(b), len(b))
		if want := adler32.Checksum(data); got != want {
			t.Errorf("cut at %d: %08x, want %08x", cut, got, want)
		}
	}
	// All 0xff: the sums reach their largest values before reduction.
	for i := range data {
		data[i] = 0xff
	}
	got := adler32Combine(adler32.Checksum(data[:123_457]), adler32.Checksum(data[123_457:]), len(data)-123_457)
	if want := adler32.Checksum(data); got != want {
		t.Errorf("0xff: %08x, want %08x", got, want)
	}
}

// A writer that fails after n bytes: Encode returns the error and stops its workers.
type failAfter struct{ n int }

func (f *failAfter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		return 0, errShort
	}
	f.n -= len(p)
	return len(p), nil
}

var errShort = &shortWrite{}

type shortWrite struct{}

func (*shortWrite) Error() string { return "disk full" }

func TestEncodeStopsOnWriteError(t *testing.T) {
	img := photo(1500, 1500, false, 9)
	for _, n := range []int{0, 40, 1 << 20} {
		if err := Encode(&failAfter{n: n}, img); err != errShort {
			t.Errorf("failing after %d bytes: %v, want the writer's error", n, err)
		}
	}
}

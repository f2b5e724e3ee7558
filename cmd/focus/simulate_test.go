package main

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/lab110bis/focusplus/internal/fixtures"
	"github.com/lab110bis/focusplus/simulate"
)

func decodePNG(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("output is not a PNG: %v", err)
	}
	return img
}

func TestSimulateImage(t *testing.T) {
	red := color.RGBA{0xd6, 0x27, 0x28, 255}
	chart := fixtures.PNG(fixtures.Bars(120, 80, red), "")
	code, out, errOut := runCLI(t, chart, nil, "simulate", "--deficiency", "protanopia", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	img := decodePNG(t, []byte(out))
	if img.Bounds().Dx() != 120 || img.Bounds().Dy() != 80 {
		t.Fatalf("size %v", img.Bounds())
	}
	// The bar's colour must be the simulator's answer for it.
	s, _ := simulate.New(simulate.Params{Deficiency: simulate.Protan, Severity: 1})
	wr, wg, wb := s.Color(red.R, red.G, red.B)
	found := false
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y && !found; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bb, _ := img.At(x, y).RGBA()
			if uint8(r>>8) == wr && uint8(g>>8) == wg && uint8(bb>>8) == wb {
				found = true
				break
			}
		}
	}
	if !found {
		t.Errorf("no pixel of the simulated red #%02x%02x%02x in the output", wr, wg, wb)
	}
}

func TestSimulateAllAndSideBySide(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{"chart.png": fixtures.PNG(fixtures.Bars(60, 40, color.Black), "")})
	in := filepath.Join(dir, "chart.png")
	if code, _, errOut := runCLI(t, nil, nil, "simulate", "--all", "-o", filepath.Join(dir, "out.png"), in); code != 0 {
		t.Fatalf("--all: exit %d: %s", code, errOut)
	}
	for _, d := range allDeficiencies {
		if _, err := os.Stat(filepath.Join(dir, "out-"+d+".png")); err != nil {
			t.Errorf("--all did not write %s: %v", d, err)
		}
	}
	code, out, _ := runCLI(t, nil, nil, "simulate", "--side-by-side", in)
	if code != 0 {
		t.Fatalf("--side-by-side: exit %d", code)
	}
	if w := decodePNG(t, []byte(out)).Bounds().Dx(); w <= 2*60 {
		t.Errorf("side by side is %d px wide, want both images", w)
	}
}

// TestSimulateJPEG: -o FILE.jpg writes a JPEG whose colours are near the simulation's
// (JPEG is approximate), --all names its files .jpg too, and transparency lies on white.
func TestSimulateJPEG(t *testing.T) {
	red := color.RGBA{0xd6, 0x27, 0x28, 255}
	chart := fixtures.Bars(120, 80, red)
	clear(chart.Pix[:4*120*10]) // ten transparent rows on top
	dir := writeFiles(t, map[string][]byte{"chart.png": fixtures.PNG(chart, "")})
	in, out := filepath.Join(dir, "chart.png"), filepath.Join(dir, "out.JPG")
	if code, _, errOut := runCLI(t, nil, nil, "simulate", "--deficiency", "deutan", "-o", out, in); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	img, err := jpeg.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not a JPEG: %v", err)
	}
	if img.Bounds() != chart.Bounds() {
		t.Fatalf("bounds %v", img.Bounds())
	}
	s, _ := simulate.New(simulate.Params{Deficiency: simulate.Deutan, Severity: 1})
	wr, wg, wb := s.Color(red.R, red.G, red.B)
	near := func(x, y int, r, g, b uint8) bool {
		gr, gg, gb, _ := img.At(x, y).RGBA()
		d := func(a uint32, b uint8) int { return max(int(a>>8)-int(b), int(b)-int(a>>8)) }
		return d(gr, r) <= 12 && d(gg, g) <= 12 && d(gb, b) <= 12
	}
	// The middle of the bar, away from its edges where JPEG rings.
	bar := chart.Bounds().Max.X / 3
	if !near(bar, 60, wr, wg, wb) {
		r, g, bb, _ := img.At(bar, 60).RGBA()
		t.Errorf("bar is #%02x%02x%02x, simulated red is #%02x%02x%02x", r>>8, g>>8, bb>>8, wr, wg, wb)
	}
	if !near(60, 3, 255, 255, 255) {
		t.Errorf("transparent rows are %v, want white", img.At(60, 3))
	}
	if code, _, errOut := runCLI(t, nil, nil, "simulate", "--all", "-o", filepath.Join(dir, "all.jpeg"), in); code != 0 {
		t.Fatalf("--all: exit %d: %s", code, errOut)
	}
	for _, d := range allDeficiencies {
		b, err := os.ReadFile(filepath.Join(dir, "all-"+d+".jpeg"))
		if err != nil {
			t.Fatalf("--all did not write %s: %v", d, err)
		}
		if _, err := jpeg.Decode(bytes.NewReader(b)); err != nil {
			t.Errorf("%s: not a JPEG: %v", d, err)
		}
	}
}

func TestSimulateErrors(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{"chart.png": fixtures.PNG(fixtures.Bars(20, 20), "")})
	in := filepath.Join(dir, "chart.png")
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"simulate", "--deficiency", "purple", in}, exitUsage},
		{[]string{"simulate", "--severity", "2", in}, exitUsage},
		{[]string{"simulate", "--model", "magic", in}, exitUsage},
		{[]string{"simulate", "--all", in}, exitUsage}, // several files need -o
		{[]string{"simulate", "-o", filepath.Join(dir, "out.webp"), in}, exitUsage},
		{[]string{"simulate", filepath.Join(dir, "missing.png")}, exitUnreadable},
	} {
		if code, _, _ := runCLI(t, nil, nil, c.args...); code != c.want {
			t.Errorf("%v: exit %d, want %d", c.args, code, c.want)
		}
	}
	if code, _, _ := runCLI(t, []byte("not an image"), nil, "simulate", "-"); code != exitUnreadable {
		t.Errorf("garbage: exit %d", code)
	}
}

func TestSimulatePDFPage(t *testing.T) {
	if testing.Short() {
		t.Skip("renders with PDFium (WebAssembly)")
	}
	pdf := fixtures.VisualPDF{Pages: []fixtures.VisualPage{
		fixtures.TextPage(color.Black, nil, 3),
		{Rects: []fixtures.VisualRect{{X: 0, Y: 0, W: 612, H: 792, Fill: color.RGBA{R: 220, A: 255}}}},
	}}.Bytes()
	code, out, errOut := runCLI(t, pdf, nil, "simulate", "--deficiency", "achromatopsia", "--page", "2", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	img := decodePNG(t, []byte(out))
	c := img.At(img.Bounds().Dx()/2, img.Bounds().Dy()/2)
	r, g, b, _ := c.RGBA()
	if r != g || g != b || r>>8 < 40 || r>>8 > 140 {
		t.Errorf("page 2 (red) seen without colour should be a mid grey, got %v", c)
	}
	if code, _, _ := runCLI(t, pdf, nil, "simulate", "--page", "7", "-"); code != exitUnreadable {
		t.Errorf("page 7 of 2: exit %d", code)
	}
}

// TestSimulateFileExact: the PNG written to a file holds exactly the simulator's pixels
// for every pixel of a noisy picture, with and without transparency, small and large
// enough to be written in several bands.
func TestSimulateFileExact(t *testing.T) {
	for _, size := range []image.Point{{97, 61}, {1100, 700}} {
		for _, alpha := range []uint8{255, 128} {
			src := image.NewNRGBA(image.Rectangle{Max: size})
			for i := range src.Pix {
				src.Pix[i] = uint8(i*7919 + i/3)
			}
			for i := 3; i < len(src.Pix); i += 4 {
				src.Pix[i] = alpha
			}
			var in bytes.Buffer
			if err := png.Encode(&in, src); err != nil {
				t.Fatal(err)
			}
			dir := writeFiles(t, map[string][]byte{"in.png": in.Bytes()})
			out := filepath.Join(dir, "out.png")
			if code, _, errOut := runCLI(t, nil, nil, "simulate", "--deficiency", "tritan", "-o", out, filepath.Join(dir, "in.png")); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			got := decodePNG(t, b)
			decoded, _ := png.Decode(bytes.NewReader(in.Bytes()))
			s, _ := simulate.New(simulate.Params{Deficiency: simulate.Tritan, Severity: 1})
			want := s.Image(decoded)
			if got.Bounds() != want.Bounds() {
				t.Fatalf("%v: bounds %v", size, got.Bounds())
			}
			for y := 0; y < size.Y; y++ {
				for x := 0; x < size.X; x++ {
					if g, w := color.NRGBAModel.Convert(got.At(x, y)), want.NRGBAAt(x, y); g != w {
						t.Fatalf("%v, alpha %d: pixel (%d,%d) = %v, want %v", size, alpha, x, y, g, w)
					}
				}
			}
		}
	}
}

package web

import (
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/lab110bis/focusplus/internal/fixtures"
)

// The default simulator is the colour-vision library: for a deutan reader, the red and
// green bars of the chart come out much closer than they went in.
func TestDefaultSimulatorCollapsesRedAndGreen(t *testing.T) {
	h := newTestServer(t, Config{}).Handler()
	red, green := color.RGBA{0xd6, 0x27, 0x28, 255}, color.RGBA{0x2c, 0xa0, 0x2c, 255}
	src := image.NewRGBA(image.Rect(0, 0, 2, 1))
	src.SetRGBA(0, 0, red)
	src.SetRGBA(1, 0, green)
	w := postFiles(t, h, "/api/v1/simulate", part{"file", "rg.png", fixtures.PNG(src, "")}, part{field: "deficiency", data: []byte("deutan")})
	if w.Code != 200 {
		t.Fatalf("= %d %s", w.Code, w.Body)
	}
	out, err := png.Decode(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	dist := func(a, b color.Color) int {
		r1, g1, b1, _ := a.RGBA()
		r2, g2, b2, _ := b.RGBA()
		d := func(x, y uint32) int { return max(int(x>>8)-int(y>>8), int(y>>8)-int(x>>8)) }
		return d(r1, r2) + d(g1, g2) + d(b1, b2)
	}
	before, after := dist(red, green), dist(out.At(0, 0), out.At(1, 0))
	if after*2 > before {
		t.Errorf("deutan: red/green distance %d before, %d after: the simulation did not collapse them", before, after)
	}
}

package pdfrender

import "testing"

// The rendered size never exceeds the pixel budget, whatever the page's shape.
func TestPixelSizeWithinBudget(t *testing.T) {
	for _, c := range []struct{ w, h, dpi float64 }{
		{1020, 7900, 36}, {612, 792, 144}, {0.001, 1e9, 72}, {1e9, 0.001, 72}, {1e30, 1e30, 72}, {14400, 14400, 300}, {3, 5, 7},
	} {
		for _, budget := range []int64{1, 1000, 200_000, DefaultPagePixels} {
			pw, ph := pixelSize(c.w, c.h, c.dpi, budget)
			if pw < 1 || ph < 1 || (int64(pw)*int64(ph) > budget && pw*ph != 1) {
				t.Errorf("%v×%v pt at %v dpi, budget %d: %d×%d", c.w, c.h, c.dpi, budget, pw, ph)
			}
		}
	}
}

package checker

import (
	"image/color"
	"testing"
)

func TestContrastRatio(t *testing.T) {
	grey := func(v uint8) color.Color { return color.RGBA{v, v, v, 255} }
	cases := []struct {
		fg, bg color.Color
		want   string
	}{
		{color.Black, color.White, "21.00"},
		{grey(0x77), color.White, "4.48"}, // the classic "just fails" grey
		{grey(0x76), color.White, "4.54"},
		{color.White, color.RGBA{0x7f, 0xbf, 0xff, 255}, "1.94"},
		{color.White, color.RGBA{0x00, 0x50, 0xa0, 255}, "7.91"},
	}
	for _, c := range cases {
		if got := FormatRatio(ContrastRatio(c.fg, c.bg)); got != c.want {
			t.Errorf("%s on %s: %s, want %s", Hex(c.fg), Hex(c.bg), got, c.want)
		}
	}
	if got := FormatRatio(4.497); got != "4.49" {
		t.Errorf("4.497 shown as %s: a failing ratio must not look like 4.50", got)
	}
	if ContrastRatio(grey(0x77), color.White) >= ContrastAA {
		t.Error("#777 on white must fail AA")
	}
	if ContrastRatio(grey(0x76), color.White) < ContrastAA {
		t.Error("#767676 on white must pass AA")
	}
}

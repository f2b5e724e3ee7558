package checker

import (
	"fmt"
	"image/color"
	"math"
)

// RelativeLuminance is WCAG 2.x relative luminance of an sRGB colour (0 black, 1 white),
// using the sRGB decoding curve with the 0.04045 threshold of IEC 61966-2-1.
func RelativeLuminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		x := float64(v>>8) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// ContrastRatio is the WCAG 2.x contrast ratio (L1 + 0.05) / (L2 + 0.05), from 1 to 21.
func ContrastRatio(a, b color.Color) float64 {
	la, lb := RelativeLuminance(a), RelativeLuminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Contrast thresholds of WCAG 2.2 1.4.3 (AA) and 1.4.6 (AAA). Large text is at least
// 18 pt, or 14 pt bold.
const (
	ContrastAA       = 4.5
	ContrastAALarge  = 3.0
	ContrastAAA      = 7.0
	ContrastAAALarge = 4.5
)

// IsLargeText applies WCAG's definition of large scale text.
func IsLargeText(sizePt float64, bold bool) bool {
	return sizePt >= 18 || (bold && sizePt >= 14)
}

// FormatRatio writes a ratio rounded to two decimals, except that a ratio just under a
// threshold is truncated, so a failing 4.497 never shows as a passing-looking "4.50".
func FormatRatio(r float64) string {
	rounded := math.Round(r*100) / 100
	for _, t := range []float64{ContrastAALarge, ContrastAA, ContrastAAA} {
		if r < t && rounded >= t {
			rounded = math.Floor(r*100) / 100
		}
	}
	return fmt.Sprintf("%.2f", rounded)
}

// Hex writes a colour as #rrggbb.
func Hex(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)
}

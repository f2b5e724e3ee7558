package web

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/lab110bis/focusplus/checker"
)

// namedColour is one entry of the small colour vocabulary the result page uses to name
// a colour for a reader who does not read hex codes.
type namedColour struct {
	name    checker.Text
	r, g, b uint8
}

// colourNames are everyday colour words, each at a typical sRGB value; a colour takes the
// name of the nearest in CIELAB (ΔE*ab). Shades of grey are split finely because text
// and backgrounds are mostly greys.
var colourNames = []namedColour{
	{tx("black", "noir"), 0x00, 0x00, 0x00},
	{tx("very dark grey", "gris très foncé"), 0x26, 0x26, 0x26},
	{tx("dark grey", "gris foncé"), 0x4d, 0x4d, 0x4d},
	{tx("grey", "gris"), 0x80, 0x80, 0x80},
	{tx("light grey", "gris clair"), 0xb3, 0xb3, 0xb3},
	{tx("very light grey", "gris très clair"), 0xdd, 0xdd, 0xdd},
	{tx("white", "blanc"), 0xff, 0xff, 0xff},
	{tx("red", "rouge"), 0xe0, 0x1b, 0x24},
	{tx("dark red", "rouge foncé"), 0x8b, 0x00, 0x00},
	{tx("pink", "rose"), 0xf4, 0x9a, 0xc1},
	{tx("magenta", "magenta"), 0xd0, 0x20, 0xb0},
	{tx("orange", "orange"), 0xf5, 0x8a, 0x07},
	{tx("brown", "marron"), 0x8b, 0x4a, 0x1c},
	{tx("beige", "beige"), 0xe8, 0xd9, 0xb5},
	{tx("yellow", "jaune"), 0xf8, 0xe0, 0x1c},
	{tx("pale yellow", "jaune pâle"), 0xff, 0xf6, 0xc0},
	{tx("olive", "olive"), 0x80, 0x80, 0x00},
	{tx("green", "vert"), 0x2c, 0xa0, 0x2c},
	{tx("dark green", "vert foncé"), 0x00, 0x5a, 0x1e},
	{tx("light green", "vert clair"), 0xa8, 0xe0, 0x99},
	{tx("turquoise", "turquoise"), 0x30, 0xc0, 0xc0},
	{tx("light blue", "bleu clair"), 0x9c, 0xc8, 0xf0},
	{tx("blue", "bleu"), 0x1c, 0x64, 0xd0},
	{tx("navy blue", "bleu marine"), 0x00, 0x1f, 0x5c},
	{tx("purple", "violet"), 0x7a, 0x2e, 0xa0},
	{tx("lavender", "lavande"), 0xcc, 0xbb, 0xf0},
}

var hexColour = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// colourName names a #rrggbb colour in the locale ("" when s is not one).
func colourName(l locale, s string) string {
	if !hexColour.MatchString(s) {
		return ""
	}
	v, _ := strconv.ParseUint(s[1:], 16, 32)
	L, a, b := lab(uint8(v>>16), uint8(v>>8), uint8(v))
	best, bestD := 0, math.Inf(1)
	for i, c := range colourNames {
		L2, a2, b2 := lab(c.r, c.g, c.b)
		if d := (L-L2)*(L-L2) + (a-a2)*(a-a2) + (b-b2)*(b-b2); d < bestD {
			best, bestD = i, d
		}
	}
	return l.In(colourNames[best].name)
}

// lab converts sRGB to CIELAB (D65).
func lab(r8, g8, b8 uint8) (L, a, b float64) {
	lin := func(c uint8) float64 {
		v := float64(c) / 255
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	r, g, bl := lin(r8), lin(g8), lin(b8)
	x := (0.4124*r + 0.3576*g + 0.1805*bl) / 0.95047
	y := 0.2126*r + 0.7152*g + 0.0722*bl
	z := (0.0193*r + 0.1192*g + 0.9505*bl) / 1.08883
	f := func(t float64) float64 {
		if t > 216.0/24389 {
			return math.Cbrt(t)
		}
		return (24389.0/27*t + 16) / 116
	}
	fx, fy, fz := f(x), f(y), f(z)
	return 116*fy - 16, 500 * (fx - fy), 200 * (fy - fz)
}

// colourSwatch is a colour shown as a sample, a name and its code.
type colourSwatch struct {
	Label, Hex string // Label: "Text: light grey"
}

// contrastView is what a contrast finding's data shows a reader: both colours as
// swatches, the measured ratio and the one required, in the locale's notation.
type contrastView struct {
	Colours         []colourSwatch
	Ratio, Required string
}

func contrastOf(l locale, data map[string]string) *contrastView {
	fg, bg := strings.ToLower(data["foreground"]), strings.ToLower(data["background"])
	if !hexColour.MatchString(fg) || !hexColour.MatchString(bg) {
		return nil
	}
	cv := &contrastView{Colours: []colourSwatch{
		{Label: l.Tf("colour.label", l.T("colour.text"), colourName(l, fg)), Hex: fg},
		{Label: l.Tf("colour.label", l.T("colour.background"), colourName(l, bg)), Hex: bg},
	}}
	if r, err := strconv.ParseFloat(data["ratio"], 64); err == nil {
		cv.Ratio = l.Tf("colour.ratio", decimalIn(l, data["ratio"], r))
		if q, err := strconv.ParseFloat(data["required"], 64); err == nil {
			cv.Required = l.Tf("colour.required", decimalIn(l, data["required"], q))
		}
	}
	return cv
}

// decimalIn writes a number given as text ("4.5") in the locale ("4,5").
func decimalIn(l locale, s string, v float64) string {
	prec := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		prec = len(s) - i - 1
	}
	return l.Num(v, prec)
}

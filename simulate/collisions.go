package simulate

import (
	"cmp"
	"image"
	"image/color"
	"math"
	"slices"
)

// CollisionOptions tune ColourCollisions. Zero fields take the defaults.
type CollisionOptions struct {
	// MinShare is the share of the image a colour must cover to count (default 0.01):
	// smaller areas are anti-aliasing, JPEG noise or texture rather than colours a reader
	// must tell apart.
	MinShare float64
	// MinDeltaBefore is the CIEDE2000 difference from which two colours are clearly
	// distinct in normal vision (default 20). Neighbouring colours of categorical palettes
	// made for charts (Tableau 10, ColorBrewer's Set1) are 20 or more apart; closer pairs
	// are more likely shades of one colour (shading, gradients) than two meanings.
	MinDeltaBefore float64
	// MaxDeltaAfter is the CIEDE2000 difference under which the reader can no longer
	// tell the two apart reliably (default 8). One ΔE00 is a just-noticeable difference
	// between large patches side by side; for marks the size of chart bars, lines and
	// legend swatches, compared at a distance, about 5 to 10 are needed (Stone, Szafir &
	// Setlur 2014, "An engineering model for color difference as a function of size";
	// Szafir 2018, "Modeling color difference for visualization design").
	MaxDeltaAfter float64
	// Deficiencies are the readers to check, each at severity 1 with the Auto model
	// (default protan, deutan and tritan: the dichromacies for which colour coding fails
	// while lightness still works; monochromats lose every hue and need no pairwise test).
	Deficiencies []Deficiency
	// MaxSamples bounds the pixels read (default 250,000): larger images are sampled on a
	// regular grid, which keeps the area shares and costs a few milliseconds at most.
	MaxSamples int
}

func (o CollisionOptions) withDefaults() CollisionOptions {
	if o.MinShare <= 0 {
		o.MinShare = 0.01
	}
	if o.MinDeltaBefore <= 0 {
		o.MinDeltaBefore = 20
	}
	if o.MaxDeltaAfter <= 0 {
		o.MaxDeltaAfter = 8
	}
	if len(o.Deficiencies) == 0 {
		o.Deficiencies = []Deficiency{Protan, Deutan, Tritan}
	}
	if o.MaxSamples <= 0 {
		o.MaxSamples = 250_000
	}
	return o
}

// Collision is a pair of colours of an image that a reader with Deficiency confuses
// although they are clearly distinct in normal vision: if the two carry different
// meanings (chart series, status colours), colour alone does not convey it (WCAG 1.4.1).
type Collision struct {
	// A and B are the two colours, opaque, A the one covering more of the image.
	A, B       color.RGBA
	Deficiency Deficiency
	// DeltaBefore and DeltaAfter are their CIEDE2000 differences in normal vision and
	// as the reader sees them.
	DeltaBefore, DeltaAfter float64
	// Share is the share of the image the two colours cover together, in [0, 1].
	Share float64
}

// ColourCollisions finds the pairs of significant colours of img that collapse for a
// protan, deutan or tritan reader, the largest areas first.
//
// The significant colours come from a histogram quantised to 4 bits per channel; each
// bin contributes its mean colour, and bins within a CIELAB distance of clusterRadius of
// a larger one join it, so that a flat colour spread over neighbouring bins by noise or
// compression stays one colour. Pixels less than half opaque are ignored. No colour is
// dropped for being near white or black: black text is information (red among black
// text is the classic use-of-colour failure), and a highlight that vanishes into the
// paper for a tritan reader is one too.
func ColourCollisions(img image.Image, opts CollisionOptions) []Collision {
	opts = opts.withDefaults()
	hist, samples := colourHistogram(img, opts.MaxSamples)
	if samples == 0 {
		return nil
	}
	colours := significantColours(hist, samples, opts.MinShare)
	var out []Collision
	for _, d := range opts.Deficiencies {
		s, err := New(Params{Deficiency: d, Severity: 1})
		if err != nil {
			continue
		}
		seen := make([]lab, len(colours))
		for i, c := range colours {
			r, g, b := s.Reference(c.rgb.R, c.rgb.G, c.rgb.B)
			seen[i] = labOf(r, g, b)
		}
		for i := range colours {
			for j := i + 1; j < len(colours); j++ {
				before := ciede2000(colours[i].lab, colours[j].lab)
				if before < opts.MinDeltaBefore {
					continue
				}
				if after := ciede2000(seen[i], seen[j]); after < opts.MaxDeltaAfter {
					out = append(out, Collision{
						A: colours[i].rgb, B: colours[j].rgb, Deficiency: d,
						DeltaBefore: before, DeltaAfter: after,
						Share: colours[i].share + colours[j].share,
					})
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Collision) int {
		return cmp.Or(cmp.Compare(b.Share, a.Share), cmp.Compare(a.Deficiency, b.Deficiency), cmp.Compare(a.DeltaAfter, b.DeltaAfter))
	})
	return out
}

// histogramBin accumulates the pixels of one 4-bit-per-channel bin.
type histogramBin struct{ n, r, g, b int }

// colourHistogram reads at most about maxSamples pixels of img on a regular grid into
// 4096 bins and returns them with the number of pixels read. The common decoded types are
// read from their buffers; others go through At.
func colourHistogram(img image.Image, maxSamples int) (*[4096]histogramBin, int) {
	hist := new([4096]histogramBin)
	bounds := img.Bounds()
	if bounds.Empty() {
		return hist, 0
	}
	step := max(1, int(math.Ceil(math.Sqrt(float64(bounds.Dx())*float64(bounds.Dy())/float64(maxSamples)))))
	samples := 0
	add := func(r, g, b, a uint8) {
		if a < 128 {
			return
		}
		if a < 255 { // premultiplied: recover the colour
			r, g, b = unpremultiply(r, a), unpremultiply(g, a), unpremultiply(b, a)
		}
		bin := &hist[int(r>>4)<<8|int(g>>4)<<4|int(b>>4)]
		bin.n++
		bin.r += int(r)
		bin.g += int(g)
		bin.b += int(b)
		samples++
	}
	var palette []color.RGBA
	if p, ok := img.(*image.Paletted); ok {
		palette = make([]color.RGBA, len(p.Palette))
		for i, c := range p.Palette {
			palette[i] = color.RGBAModel.Convert(c).(color.RGBA)
		}
	}
	for y := bounds.Min.Y; y < bounds.Max.Y; y += step {
		for x := bounds.Min.X; x < bounds.Max.X; x += step {
			switch img := img.(type) {
			case *image.RGBA:
				p := img.Pix[img.PixOffset(x, y):]
				add(p[0], p[1], p[2], p[3])
			case *image.NRGBA:
				p := img.Pix[img.PixOffset(x, y):]
				if p[3] >= 128 {
					add(p[0], p[1], p[2], 255)
				}
			case *image.YCbCr:
				yy, cb, cr := img.Y[img.YOffset(x, y)], img.Cb[img.COffset(x, y)], img.Cr[img.COffset(x, y)]
				r, g, b := color.YCbCrToRGB(yy, cb, cr)
				add(r, g, b, 255)
			case *image.Gray:
				v := img.Pix[img.PixOffset(x, y)]
				add(v, v, v, 255)
			case *image.Paletted:
				if i := int(img.Pix[img.PixOffset(x, y)]); i < len(palette) {
					c := palette[i]
					add(c.R, c.G, c.B, c.A)
				}
			default:
				r, g, b, a := img.At(x, y).RGBA()
				add(uint8(r>>8), uint8(g>>8), uint8(b>>8), uint8(a>>8))
			}
		}
	}
	return hist, samples
}

func unpremultiply(c, a uint8) uint8 {
	return uint8(min((int(c)*255+int(a)/2)/int(a), 255))
}

// clusterRadius is the CIELAB (ΔE76) distance within which a histogram bin joins a
// larger one: neighbouring 4-bit bins are up to about 10 apart, while two colours meant
// to differ are 20 or more apart (MinDeltaBefore). maxClusters bounds the work on photos.
const (
	clusterRadius = 10
	maxClusters   = 64
)

// significantColour is a colour covering at least the minimum share of the image.
type significantColour struct {
	rgb   color.RGBA
	lab   lab
	share float64
}

// significantColours clusters the non-empty bins, largest first, and keeps the clusters
// covering at least minShare of the samples.
func significantColours(hist *[4096]histogramBin, samples int, minShare float64) []significantColour {
	type cluster struct {
		histogramBin
		seed lab
	}
	var bins []*histogramBin
	for i := range hist {
		if hist[i].n > 0 {
			bins = append(bins, &hist[i])
		}
	}
	slices.SortFunc(bins, func(a, b *histogramBin) int { return cmp.Compare(b.n, a.n) })
	var clusters []cluster
	for _, bin := range bins {
		c := bin.mean()
		l := labOf(c.R, c.G, c.B)
		best, bestDist := -1, float64(clusterRadius)
		for i := range clusters {
			if d := l.distance76(clusters[i].seed); d < bestDist {
				best, bestDist = i, d
			}
		}
		switch {
		case best >= 0:
			k := &clusters[best]
			k.n, k.r, k.g, k.b = k.n+bin.n, k.r+bin.r, k.g+bin.g, k.b+bin.b
		case len(clusters) < maxClusters:
			clusters = append(clusters, cluster{*bin, l})
		}
	}
	var out []significantColour
	for _, k := range clusters {
		share := float64(k.n) / float64(samples)
		if share >= minShare {
			c := k.mean()
			out = append(out, significantColour{c, labOf(c.R, c.G, c.B), share})
		}
	}
	return out
}

func (b *histogramBin) mean() color.RGBA {
	avg := func(sum int) uint8 { return uint8((sum + b.n/2) / b.n) }
	return color.RGBA{avg(b.r), avg(b.g), avg(b.b), 255}
}

// lab is a CIELAB colour (D65 white).
type lab struct{ l, a, b float64 }

// labOf converts 8-bit sRGB to CIELAB: exact sRGB decoding, the IEC 61966-2-1 matrix
// to XYZ, and the CIE 1976 formulas with the D65 white of that matrix (its row sums).
func labOf(r, g, b uint8) lab {
	lr, lg, lb := srgbToLinear8[r], srgbToLinear8[g], srgbToLinear8[b]
	x := 0.4124*lr + 0.3576*lg + 0.1805*lb
	y := 0.2126*lr + 0.7152*lg + 0.0722*lb
	z := 0.0193*lr + 0.1192*lg + 0.9505*lb
	f := func(t float64) float64 {
		const e = 216.0 / 24389
		if t > e {
			return math.Cbrt(t)
		}
		return (24389.0/27*t + 16) / 116
	}
	fx, fy, fz := f(x/0.9505), f(y), f(z/1.0890)
	return lab{116*fy - 16, 500 * (fx - fy), 200 * (fy - fz)}
}

func (p lab) distance76(q lab) float64 {
	return math.Sqrt((p.l-q.l)*(p.l-q.l) + (p.a-q.a)*(p.a-q.a) + (p.b-q.b)*(p.b-q.b))
}

// ciede2000 is the CIEDE2000 colour difference (CIE 142-2001), with kL = kC = kH = 1,
// following the formulas and notes of Sharma, Wu & Dalal 2005 ("The CIEDE2000
// color-difference formula: implementation notes, supplementary test data, and
// mathematical observations"), whose test data the tests use.
func ciede2000(p, q lab) float64 {
	const deg = math.Pi / 180
	c1, c2 := math.Hypot(p.a, p.b), math.Hypot(q.a, q.b)
	cMean7 := math.Pow((c1+c2)/2, 7)
	g := 0.5 * (1 - math.Sqrt(cMean7/(cMean7+math.Pow(25, 7))))
	a1, a2 := (1+g)*p.a, (1+g)*q.a
	c1, c2 = math.Hypot(a1, p.b), math.Hypot(a2, q.b)
	hue := func(a, b float64) float64 {
		if a == 0 && b == 0 {
			return 0
		}
		h := math.Atan2(b, a) / deg
		if h < 0 {
			h += 360
		}
		return h
	}
	h1, h2 := hue(a1, p.b), hue(a2, q.b)

	dL := q.l - p.l
	dC := c2 - c1
	var dh float64
	if c1*c2 != 0 {
		dh = h2 - h1
		switch {
		case dh > 180:
			dh -= 360
		case dh < -180:
			dh += 360
		}
	}
	dH := 2 * math.Sqrt(c1*c2) * math.Sin(dh/2*deg)

	lMean := (p.l + q.l) / 2
	cMean := (c1 + c2) / 2
	hMean := h1 + h2
	if c1*c2 != 0 {
		// Hues exactly 180° apart take the first branch (Sharma's pairs 13 and 14);
		// the tolerance absorbs atan2's last-bit asymmetry.
		switch {
		case math.Abs(h1-h2) <= 180+1e-9:
			hMean /= 2
		case h1+h2 < 360:
			hMean = (hMean + 360) / 2
		default:
			hMean = (hMean - 360) / 2
		}
	}
	t := 1 - 0.17*math.Cos((hMean-30)*deg) + 0.24*math.Cos(2*hMean*deg) +
		0.32*math.Cos((3*hMean+6)*deg) - 0.20*math.Cos((4*hMean-63)*deg)
	dTheta := 30 * math.Exp(-((hMean-275)/25)*((hMean-275)/25))
	cMean7 = math.Pow(cMean, 7)
	rc := 2 * math.Sqrt(cMean7/(cMean7+math.Pow(25, 7)))
	l50 := (lMean - 50) * (lMean - 50)
	sl := 1 + 0.015*l50/math.Sqrt(20+l50)
	sc := 1 + 0.045*cMean
	sh := 1 + 0.015*cMean*t
	rt := -math.Sin(2*dTheta*deg) * rc
	return math.Sqrt((dL/sl)*(dL/sl) + (dC/sc)*(dC/sc) + (dH/sh)*(dH/sh) + rt*(dC/sc)*(dH/sh))
}

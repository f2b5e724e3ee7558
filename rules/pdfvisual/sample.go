package pdfvisual

import (
	"image"
	"image/color"
	"math"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/pdfrender"
)

// Sampling geometry, in pixels of the page rendered at 144 dpi.
const (
	ringInner = 2 // the ring starts this far outside the glyphs' box (anti-aliasing)
	ringOuter = 5 // and ends here
	glyphPad  = 1 // glyph boxes are grown by this much before sampling between them
	minSample = 12
	// A background is plain when this share of its samples has the median's ratio.
	uniformShare = 0.55
	// Blends of text colour and background up to this share of the samples are edges
	// (borders, rules); beyond, a gradient.
	maxMixShare = 0.35
	// bins of the contrast-ratio histogram: 1.00 to 21.00 by 0.01
	nbins = 2001
)

// linear is the sRGB decoding curve of WCAG 2.x relative luminance, per 8-bit value.
var linear = func() (t [256]float64) {
	for i := range t {
		x := float64(i) / 255
		if x <= 0.04045 {
			t[i] = x / 12.92
		} else {
			t[i] = math.Pow((x+0.055)/1.055, 2.4)
		}
	}
	return
}()

// ratio is checker.ContrastRatio for RGBA values, without boxing them in interfaces.
func ratio(a, b color.RGBA) float64 {
	la, lb := lum(a.R, a.G, a.B), lum(b.R, b.G, b.B)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func lum(r, g, b uint8) float64 {
	return 0.2126*linear[r] + 0.7152*linear[g] + 0.0722*linear[b]
}

// measurement is the contrast of one run against its sampled background.
type measurement struct {
	fg, bg      color.RGBA // text colour (after its opacity) and median background
	lo, mid, hi float64    // 10th, 50th and 90th percentile ratios
	hidden      bool       // the glyphs do not show their colour: covered or clipped
}

// sampler holds the buffers reused from run to run, so that measuring allocates nothing.
type sampler struct {
	hist   [nbins]int32
	colour [nbins]color.RGBA // the last sample seen in each bin
	mask   []uint64          // glyph boxes of the page, one bit per pixel
	mw     int               // width of the masked page

	fg      color.RGBA // the run being measured
	lf      float64    // its luminance
	n       int        // samples so far
	last    color.RGBA // the previous sample and its bin
	lastBin int
	// mixFrom, mixTo, when different, make add skip colours lying between the two:
	// blends of the text colour with the background.
	mixFrom, mixTo color.RGBA
	mixes          int // colours skipped as blends
}

// mixed reports whether a colour lies on the segment from mixFrom to mixTo (strictly
// between them, within 12 units of RGB distance).
func (s *sampler) mixed(r, g, b uint8) bool {
	if s.mixFrom == s.mixTo {
		return false
	}
	vx, vy, vz := float64(s.mixTo.R)-float64(s.mixFrom.R), float64(s.mixTo.G)-float64(s.mixFrom.G), float64(s.mixTo.B)-float64(s.mixFrom.B)
	wx, wy, wz := float64(r)-float64(s.mixFrom.R), float64(g)-float64(s.mixFrom.G), float64(b)-float64(s.mixFrom.B)
	vv := vx*vx + vy*vy + vz*vz
	t := (wx*vx + wy*vy + wz*vz) / vv
	if t <= 0.02 || t >= 0.95 {
		return false
	}
	dx, dy, dz := wx-t*vx, wy-t*vy, wz-t*vz
	return dx*dx+dy*dy+dz*dz <= 12*12
}

// measure samples the background of run r on the rendered page img: a ring just
// outside the glyphs' box, and the pixels inside the box that lie between glyphs (the
// glyphs themselves excluded). Pixels of the text's own colour are never background.
func (s *sampler) measure(img *image.RGBA, r *pdfrender.TextRun) (m measurement, ok bool) {
	fg := r.Colour()
	alpha := fg.A
	fg.A = 255
	m.fg = fg
	if alpha == 0 {
		return m, false
	}
	if !s.collect(img, r, fg) {
		return m, false
	}
	m.bg = s.median()
	if alpha < 255 {
		// Translucent text shows a mix of its colour and the background.
		a := float64(alpha) / 255
		mix := func(f, b uint8) uint8 { return uint8(math.Round(a*float64(f) + (1-a)*float64(b))) }
		fg = color.RGBA{mix(fg.R, m.bg.R), mix(fg.G, m.bg.G), mix(fg.B, m.bg.B), 255}
		m.fg = fg
		if !s.collect(img, r, fg) {
			return m, false
		}
		m.bg = s.median()
	}
	m.mid = ratio(fg, m.bg)
	if s.share(m.mid) < uniformShare {
		// Not plain: before calling it varied, drop the pixels that only mix the text
		// colour with the background (anti-aliased edges of table borders, rules and
		// underlines drawn in the text's colour), which no reader takes for background.
		// Blends that are a large share of the samples are not thin edges but a
		// gradient towards the text colour, which is a real varied background.
		s.mixFrom, s.mixTo, s.mixes = fg, m.bg, 0
		ok := s.collect(img, r, fg)
		s.mixFrom, s.mixTo = color.RGBA{}, color.RGBA{}
		if !ok || float64(s.mixes) > maxMixShare*float64(s.mixes+s.n) {
			s.collect(img, r, fg)
		}
		m.bg = s.median()
		m.mid = ratio(fg, m.bg)
	}
	if s.share(m.mid) >= uniformShare {
		// One colour dominates: a plain background. The other samples are edges of
		// neighbouring lines, rules or images, which must not turn it into a review.
		m.lo = math.Floor(m.mid*100) / 100
		m.hi = m.lo
	} else {
		m.lo, m.hi = s.percentile(0.10), s.percentile(0.90)
	}
	m.hidden = !s.inked(img, r, fg, m.bg)
	return m, true
}

func near(c color.RGBA, r, g, b uint8, tol int) bool {
	d := func(x, y uint8) int {
		if x > y {
			return int(x - y)
		}
		return int(y - x)
	}
	return d(c.R, r) <= tol && d(c.G, g) <= tol && d(c.B, b) <= tol
}

// setPage marks the glyph boxes of every visible run of the page, so that sampling the
// background of one run never takes the letters of a neighbouring line or column.
func (s *sampler) setPage(img *image.RGBA, runs []pdfrender.TextRun) {
	b := img.Rect
	s.mw = b.Dx()
	n := (b.Dx()*b.Dy() + 63) / 64
	if cap(s.mask) < n {
		s.mask = make([]uint64, n)
	}
	s.mask = s.mask[:n]
	clear(s.mask)
	for i := range runs {
		if !runs[i].Mode.Visible() {
			continue
		}
		for _, g := range runs[i].Glyphs {
			g = g.Inset(-glyphPad).Intersect(b)
			for y := g.Min.Y; y < g.Max.Y; y++ {
				base := (y-b.Min.Y)*s.mw - b.Min.X
				s.setBits(base+g.Min.X, base+g.Max.X)
			}
		}
	}
}

// setBits sets mask bits [from, to), a word at a time.
func (s *sampler) setBits(from, to int) {
	for from < to {
		w, off := from>>6, from&63
		n := min(64-off, to-from)
		var bits uint64 = ^uint64(0)
		if n < 64 {
			bits = (uint64(1)<<n - 1) << off
		}
		s.mask[w] |= bits
		from += n
	}
}

// glyph reports whether pixel (x, y) of the page lies in a glyph box.
func (s *sampler) glyph(img *image.RGBA, x, y int) bool {
	if s.mw == 0 {
		return false
	}
	k := (y-img.Rect.Min.Y)*s.mw + x - img.Rect.Min.X
	return s.mask[k>>6]&(1<<(k&63)) != 0
}

// collect fills the ratio histogram with the background samples of r. The pixels
// inside the run's box, every other one both ways, are what the text is painted on:
// glyph ink (the text's colour, skipped), its anti-aliased edges (blends, a minority)
// and the background. Only when the box is too small to give enough of them is a ring
// just outside it sampled too, leaving out every glyph box of the page (setPage), so
// that neighbouring lines are not taken for background.
func (s *sampler) collect(img *image.RGBA, r *pdfrender.TextRun, fg color.RGBA) bool {
	clear(s.hist[:])
	s.fg, s.lf, s.n, s.lastBin = fg, lum(fg.R, fg.G, fg.B), 0, -1
	bounds := img.Rect
	box := r.Box
	in := box.Intersect(bounds)
	for y := in.Min.Y; y < in.Max.Y; y += 2 {
		row := img.Pix[(y-bounds.Min.Y)*img.Stride+(in.Min.X-bounds.Min.X)*4 : (y-bounds.Min.Y)*img.Stride+(in.Max.X-bounds.Min.X)*4]
		for i := 0; i+3 < len(row); i += 8 {
			if s.lastBin >= 0 && row[i] == s.last.R && row[i+1] == s.last.G && row[i+2] == s.last.B {
				s.hist[s.lastBin]++ // the common case: the same background pixel again
				s.n++
				continue
			}
			s.add(row[i:])
		}
	}
	if s.n >= 4*minSample {
		return true
	}
	if len(s.mask)*64 < img.Rect.Dx()*img.Rect.Dy() || s.mw != img.Rect.Dx() {
		s.setPage(img, nil)
	}
	outer := box.Inset(-ringOuter).Intersect(bounds)
	inner := box.Inset(-ringInner)
	for y := outer.Min.Y; y < outer.Max.Y; y++ {
		row := (y - bounds.Min.Y) * img.Stride
		inRows := y >= inner.Min.Y && y < inner.Max.Y
		for x := outer.Min.X; x < outer.Max.X; x++ {
			if inRows && x >= inner.Min.X && x < inner.Max.X {
				x = inner.Max.X - 1
				continue
			}
			if s.glyph(img, x, y) {
				continue
			}
			s.add(img.Pix[row+(x-bounds.Min.X)*4:])
		}
	}
	return s.n >= minSample
}

// add counts one background pixel (its first three bytes are R, G, B). A run of equal
// pixels, the common case on a plain background, costs one comparison each.
func (s *sampler) add(px []byte) {
	pr, pg, pb := px[0], px[1], px[2]
	if s.lastBin >= 0 && pr == s.last.R && pg == s.last.G && pb == s.last.B {
		s.hist[s.lastBin]++
		s.n++
		return
	}
	if near(s.fg, pr, pg, pb, 2) {
		return
	}
	if s.mixed(pr, pg, pb) {
		s.mixes++
		return
	}
	lb := lum(pr, pg, pb)
	hi, lo := s.lf, lb
	if lo > hi {
		hi, lo = lo, hi
	}
	ratio := (hi + 0.05) / (lo + 0.05)
	// Floor, so that a ratio of 4.499 never lands in the 4.50 bin.
	bin := min(max(int((ratio-1)*100), 0), nbins-1)
	s.hist[bin]++
	s.colour[bin] = color.RGBA{pr, pg, pb, 255}
	s.last, s.lastBin = s.colour[bin], bin
	s.n++
}

// share returns the fraction of samples whose ratio is within 3 % of ratio.
func (s *sampler) share(ratio float64) float64 {
	lo := max(int((ratio*0.97-1)*100), 0)
	hi := min(int((ratio*1.03-1)*100)+1, nbins-1)
	n := 0
	for i := lo; i <= hi; i++ {
		n += int(s.hist[i])
	}
	return float64(n) / float64(max(s.total(), 1))
}

func (s *sampler) total() int {
	t := 0
	for _, c := range s.hist {
		t += int(c)
	}
	return t
}

// percentile returns the ratio below which fraction q of the samples lie.
func (s *sampler) percentile(q float64) float64 {
	want := int(math.Ceil(q * float64(s.total())))
	want = max(want, 1)
	acc := 0
	for i, c := range s.hist {
		acc += int(c)
		if acc >= want {
			return 1 + float64(i)/100
		}
	}
	return 21
}

// median returns a background colour at the median ratio.
func (s *sampler) median() color.RGBA {
	want := max((s.total()+1)/2, 1)
	acc := 0
	for i, c := range s.hist {
		acc += int(c)
		if acc >= want {
			return s.colour[i]
		}
	}
	return color.RGBA{255, 255, 255, 255}
}

// inked reports whether the glyph boxes show the text's colour: at least 2 % of their
// pixels nearer the text colour than halfway to the background. Text painted over by
// an image or clipped away shows none, and is not what a reader sees.
func (s *sampler) inked(img *image.RGBA, r *pdfrender.TextRun, fg, bg color.RGBA) bool {
	dist := func(a color.RGBA, r, g, b uint8) int {
		dr, dg, db := int(a.R)-int(r), int(a.G)-int(g), int(a.B)-int(b)
		return dr*dr + dg*dg + db*db
	}
	span := dist(fg, bg.R, bg.G, bg.B)
	if span < 3*16*16 {
		// Text and background are nearly the same colour: nothing to tell them apart,
		// and the contrast check reports it.
		return true
	}
	area := 0
	for _, g := range r.Glyphs {
		g = g.Intersect(img.Rect)
		area += g.Dx() * g.Dy()
	}
	need := (area + 49) / 50
	ink := 0
	for _, g := range r.Glyphs {
		g = g.Intersect(img.Rect)
		for y := g.Min.Y; y < g.Max.Y; y++ {
			row := (y - img.Rect.Min.Y) * img.Stride
			for x := g.Min.X; x < g.Max.X; x++ {
				i := row + (x-img.Rect.Min.X)*4
				if dist(fg, img.Pix[i], img.Pix[i+1], img.Pix[i+2])*4 <= span {
					if ink++; ink >= need {
						return true
					}
				}
			}
		}
	}
	return area == 0
}

// verdict applies a threshold to a measured run: Failed when even the most favourable
// samples are below it, Passed when even the least favourable are above it, Review
// when the background varies across the threshold.
func verdict(lo, hi, threshold float64) checker.Outcome {
	switch {
	case hi < threshold:
		return checker.Failed
	case lo >= threshold:
		return checker.Passed
	}
	return checker.Review
}

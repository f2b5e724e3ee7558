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
	// The background of a glyph is what lies within haloRadius of its ink; blends of
	// the text and background colours within edgeRadius of the ink are its
	// anti-aliased edges, not background.
	haloRadius = 4
	edgeRadius = 2
	// A blend of text and background this close to the text colour is ink.
	inkShare = 0.2
	// A band of rows (or columns) of another colour at most this thick, across most of
	// the run's box, is a rule, an underline or a border drawn over the text box.
	ruleMax = 4
	// The background is plain when at most this share of the samples around the ink
	// differs from its colour (edges of images, specks).
	maxOtherShare = 0.15
	// A background is plain when this share of its samples has the median's ratio
	// (the ring outside the box, for runs too small to sample inside).
	uniformShare = 0.55
	// bins of the contrast-ratio histogram: 1.00 to 21.00 by 0.01
	nbins = 2001
)

// Classes of the pixels of a run's box.
const (
	clsUnset uint8 = iota
	clsSkip        // in a glyph box of another run of another colour: not this run's background
	clsInk         // the text's colour, or a blend very near it
	clsBlend       // a blend of the text and background colours: an edge if next to ink
	clsBg          // the background colour
	clsOther       // anything else: another colour, an image, a gradient
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
	fg, bg      color.RGBA // text colour (after its opacity) and background
	lo, mid, hi float64    // 5th, 50th and 95th percentile ratios (10th and 90th in a ring)
	hidden      bool       // the glyphs do not show their colour: covered or clipped
}

// sampler holds the buffers reused from run to run, so that measuring allocates nothing.
type sampler struct {
	hist   [nbins]int32
	colour [nbins]color.RGBA // the first sample seen in each bin
	mask   []uint64          // glyph boxes of the page, one bit per pixel
	mw     int               // width of the masked page
	runs   []pdfrender.TextRun

	// The run's box, a class per pixel, and two dilations of its ink.
	box        image.Rectangle
	cls        []uint8
	near, halo []uint8
	tmp        []uint8
	lines      []int32 // per row or column: background and other samples
	others     []int32
	cnt        []int32 // column counts of dilate
	rule       []bool  // rows, then columns, that are rules

	vx, vy, vz, vv float64 // the segment from the text colour to the background

	fg      color.RGBA // the run being measured
	lf      float64    // its luminance
	bg      color.RGBA // the background it is classified against
	n       int        // samples so far
	last    color.RGBA // the previous sample and its bin
	lastBin int
}

// measure finds the background of run r on the rendered page img. The text colour is
// the one the content stream declares (PDFium reports it), never the rendered glyphs,
// which anti-aliasing lightens. The background is sampled around the ink of the
// glyphs, inside the run's box: the pixels within haloRadius of a stroke, leaving out
// the ink, its anti-aliased edges (blends of the two colours), the letters of other
// runs, and thin bands crossing the box (table rules, underlines, borders). When these
// samples are one colour, it is the background and the ratio is exact; when they are
// not, the run is on an image or a gradient and the ratio is a range.
func (s *sampler) measure(img *image.RGBA, r *pdfrender.TextRun) (m measurement, ok bool) {
	fg := r.Colour()
	alpha := fg.A
	fg.A = 255
	m.fg = fg
	if alpha == 0 {
		return m, false
	}
	if !s.around(img, r, fg, &m) {
		return m, false
	}
	if alpha < 255 {
		// Translucent text shows a mix of its colour and the background.
		a := float64(alpha) / 255
		mix := func(f, b uint8) uint8 { return uint8(math.Round(a*float64(f) + (1-a)*float64(b))) }
		fg = color.RGBA{mix(fg.R, m.bg.R), mix(fg.G, m.bg.G), mix(fg.B, m.bg.B), 255}
		m.fg = fg
		if !s.around(img, r, fg, &m) {
			return m, false
		}
	}
	m.hidden = !s.inked(img, r, fg, m.bg)
	return m, true
}

// around measures the background of r in fg around its ink, or, when the box gives too
// few samples, in a ring just outside the box.
func (s *sampler) around(img *image.RGBA, r *pdfrender.TextRun, fg color.RGBA, m *measurement) bool {
	s.fg, s.lf = fg, lum(fg.R, fg.G, fg.B)
	// The box grown by the halo, so that the background around the outer strokes (all
	// of it for a narrow glyph such as "l" alone) is in the samples.
	box := r.Box.Inset(-haloRadius).Intersect(img.Rect)
	if !box.Empty() && s.prepare(img, r, box) {
		// A first guess of the background: the commonest colour of the box that is not
		// the text's. Then classify against it, and once more if the commonest colour
		// around the ink is another (text on a band narrower than its box).
		bin := s.modeBin()
		if s.bg = s.colour[bin]; s.simple(img) {
			m.bg = s.bg
			m.mid = ratio(fg, m.bg)
			m.lo = math.Floor(m.mid*100) / 100
			m.hi = m.lo
			return true
		}
		for try := 0; try < 2; try++ {
			s.bg = s.colour[bin]
			s.classify(img)
			plain, n := s.tally(img)
			if n < minSample {
				break
			}
			if b := s.modeBin(); b != bin && try == 0 {
				bin = b
				continue
			}
			if plain {
				m.bg = s.bg
				m.mid = ratio(fg, m.bg)
				m.lo = math.Floor(m.mid*100) / 100
				m.hi = m.lo
			} else {
				m.bg = s.median()
				m.mid = ratio(fg, m.bg)
				m.lo, m.hi = s.percentile(0.05), s.percentile(0.95)
			}
			return true
		}
	}
	// Too small to sample inside: the ring around the box, as before.
	if !s.ring(img, r) {
		return false
	}
	m.bg = s.median()
	m.mid = ratio(fg, m.bg)
	if s.share(m.mid) >= uniformShare {
		m.lo = math.Floor(m.mid*100) / 100
		m.hi = m.lo
	} else {
		m.lo, m.hi = s.percentile(0.10), s.percentile(0.90)
	}
	return true
}

// prepare sizes the buffers for box, marks the glyphs of other runs of another colour
// that reach into it, and fills the histogram with the pixels of the box that are not
// the text's colour (every other one both ways: enough to find its commonest colour). It reports whether there is any.
func (s *sampler) prepare(img *image.RGBA, r *pdfrender.TextRun, box image.Rectangle) bool {
	s.box = box
	w, h := box.Dx(), box.Dy()
	n := w * h
	if cap(s.cls) < n {
		s.cls, s.near, s.halo, s.tmp = make([]uint8, n), make([]uint8, n), make([]uint8, n), make([]uint8, n)
	}
	s.cls, s.near, s.halo, s.tmp = s.cls[:n], s.near[:n], s.halo[:n], s.tmp[:n]
	if cap(s.lines) < w+h {
		s.lines, s.others, s.rule = make([]int32, w+h), make([]int32, w+h), make([]bool, w+h)
		s.cnt = make([]int32, w+h)
	}
	s.lines, s.others, s.rule = s.lines[:w+h], s.others[:w+h], s.rule[:w+h]
	clear(s.cls)
	for i := range s.runs {
		o := &s.runs[i]
		// Decorations (a large quotation mark, a bullet) are not masked: their glyph box
		// can cover whole lines, and only their ink is not background.
		if o == r || !o.Mode.Visible() || o.Colour() == r.Colour() || !o.Box.Overlaps(box) || o.Letters == 0 {
			continue
		}
		for _, g := range o.Glyphs {
			g = g.Intersect(box)
			for y := g.Min.Y; y < g.Max.Y; y++ {
				row := s.cls[(y-box.Min.Y)*w : (y-box.Min.Y+1)*w]
				for x := g.Min.X; x < g.Max.X; x++ {
					row[x-box.Min.X] = clsSkip
				}
			}
		}
	}
	s.reset()
	b := img.Rect
	for y := box.Min.Y; y < box.Max.Y; y += 2 {
		cls := s.cls[(y-box.Min.Y)*w : (y-box.Min.Y+1)*w]
		row := img.Pix[(y-b.Min.Y)*img.Stride+(box.Min.X-b.Min.X)*4:]
		for x := 0; x < w; x += 2 {
			if cls[x] != clsSkip {
				s.add(row[x*4:])
			}
		}
	}
	return s.n > 0
}

// classify gives each pixel of the box a class against the text colour s.fg and the
// background s.bg, then keeps as edges only the blends next to ink: far from the
// strokes, a blend is a colour of the background (a gradient towards the text colour).
func (s *sampler) classify(img *image.RGBA) {
	box, b := s.box, img.Rect
	w, h := box.Dx(), box.Dy()
	s.segment()
	var lr, lg, lb, lc uint8 // the previous pixel and its class
	lc = clsUnset
	for y := 0; y < h; y++ {
		cls := s.cls[y*w : (y+1)*w]
		row := img.Pix[(y+box.Min.Y-b.Min.Y)*img.Stride+(box.Min.X-b.Min.X)*4:]
		for x := range cls {
			if cls[x] == clsSkip {
				continue
			}
			pr, pg, pb := row[x*4], row[x*4+1], row[x*4+2]
			if lc != clsUnset && pr == lr && pg == lg && pb == lb {
				cls[x] = lc
				continue
			}
			c := s.classOf(pr, pg, pb)
			cls[x] = c
			lr, lg, lb, lc = pr, pg, pb, c
		}
	}
	s.dilate(s.near, edgeRadius)
	s.dilate(s.halo, haloRadius)
	for i, c := range s.cls {
		if c == clsBlend && s.near[i] == 0 {
			s.cls[i] = clsOther
		}
	}
}

// segment prepares classOf for the text colour s.fg and the background s.bg.
func (s *sampler) segment() {
	fg, bg := s.fg, s.bg
	s.vx, s.vy, s.vz = float64(bg.R)-float64(fg.R), float64(bg.G)-float64(fg.G), float64(bg.B)-float64(fg.B)
	s.vv = s.vx*s.vx + s.vy*s.vy + s.vz*s.vz
}

// classOf classes a colour: the text's, the background's, a blend of the two (ink when
// very near the text colour), or another.
func (s *sampler) classOf(pr, pg, pb uint8) uint8 {
	fg := s.fg
	switch {
	case near(fg, pr, pg, pb, 2):
		return clsInk
	case near(s.bg, pr, pg, pb, 2):
		return clsBg
	case s.vv > 0:
		// Project on the segment from the text colour to the background.
		wx, wy, wz := float64(pr)-float64(fg.R), float64(pg)-float64(fg.G), float64(pb)-float64(fg.B)
		t := (wx*s.vx + wy*s.vy + wz*s.vz) / s.vv
		dx, dy, dz := wx-t*s.vx, wy-t*s.vy, wz-t*s.vz
		if t > 0 && t < 1 && dx*dx+dy*dy+dz*dz <= 12*12 {
			if t <= inkShare {
				return clsInk
			}
			return clsBlend
		}
	}
	return clsOther
}

// simple reports whether the box, sampled every other pixel both ways, holds only the
// text colour, the background s.bg and blends of the two, with the background a large
// share of what is not ink: then the background is plain and needs no closer look.
// A gradient towards the text colour is all blends, with little of any one colour.
func (s *sampler) simple(img *image.RGBA) bool {
	box, b := s.box, img.Rect
	w, h := box.Dx(), box.Dy()
	s.segment()
	bg, blend := 0, 0
	var lr, lg, lb, lc uint8
	lc = clsUnset
	for y := 0; y < h; y += 2 {
		cls := s.cls[y*w : (y+1)*w]
		row := img.Pix[(y+box.Min.Y-b.Min.Y)*img.Stride+(box.Min.X-b.Min.X)*4:]
		for x := 0; x < w; x += 2 {
			if cls[x] == clsSkip {
				continue
			}
			pr, pg, pb := row[x*4], row[x*4+1], row[x*4+2]
			c := lc
			if lc == clsUnset || pr != lr || pg != lg || pb != lb {
				c = s.classOf(pr, pg, pb)
				lr, lg, lb, lc = pr, pg, pb, c
			}
			switch c {
			case clsOther:
				return false
			case clsBg:
				bg++
			case clsBlend:
				blend++
			}
		}
	}
	return bg >= minSample && 5*bg >= 2*(bg+blend)
}

// dilate sets dst[i] when an ink pixel lies within rad of pixel i (a square window),
// with running counts: two passes over the box whatever rad.
func (s *sampler) dilate(dst []uint8, rad int) {
	w, h := s.box.Dx(), s.box.Dy()
	for y := 0; y < h; y++ {
		cls, out := s.cls[y*w:(y+1)*w], s.tmp[y*w:(y+1)*w]
		n := 0
		for x := 0; x < min(rad, w); x++ {
			if cls[x] == clsInk {
				n++
			}
		}
		for x := 0; x < w; x++ {
			if x+rad < w && cls[x+rad] == clsInk {
				n++
			}
			if x-rad-1 >= 0 && cls[x-rad-1] == clsInk {
				n--
			}
			out[x] = b2u(n > 0)
		}
	}
	// Then down the columns, a row at a time: cnt[x] counts the rows within rad of y
	// whose pixel x is near ink.
	cnt := s.cnt[:w]
	clear(cnt)
	for y := 0; y < min(rad, h); y++ {
		for x, v := range s.tmp[y*w : (y+1)*w] {
			cnt[x] += int32(v)
		}
	}
	for y := 0; y < h; y++ {
		if y+rad < h {
			for x, v := range s.tmp[(y+rad)*w : (y+rad+1)*w] {
				cnt[x] += int32(v)
			}
		}
		if y-rad-1 >= 0 {
			for x, v := range s.tmp[(y-rad-1)*w : (y-rad)*w] {
				cnt[x] -= int32(v)
			}
		}
		out := dst[y*w : (y+1)*w]
		for x, c := range cnt {
			out[x] = b2u(c > 0)
		}
	}
}

func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// tally finds the rules crossing the box, then fills the histogram with the background
// samples around the ink, leaving the rules out. It reports whether the background is
// plain (at most maxOtherShare of the samples of another colour) and the sample count.
func (s *sampler) tally(img *image.RGBA) (plain bool, n int) {
	w, h := s.box.Dx(), s.box.Dy()
	clear(s.lines)
	clear(s.others)
	for y := 0; y < h; y++ {
		for x, c := range s.cls[y*w : (y+1)*w] {
			if c == clsBg || c == clsOther {
				s.lines[y]++
				s.lines[h+x]++
				if c == clsOther {
					s.others[y]++
					s.others[h+x]++
				}
			}
		}
	}
	s.rules(0, h, w)
	s.rules(h, h+w, h)
	s.reset()
	bg, other := 0, 0
	for y := 0; y < h; y++ {
		if s.rule[y] {
			continue
		}
		for x, c := range s.cls[y*w : (y+1)*w] {
			i := y*w + x
			if (c != clsBg && c != clsOther) || s.halo[i] == 0 || s.rule[h+x] {
				continue
			}
			if c == clsBg {
				bg++
				continue
			}
			other++
			s.count(s.pixel(img, y, x))
		}
	}
	if bg > 0 {
		bin := s.binOf(s.bg.R, s.bg.G, s.bg.B)
		if s.hist[bin] == 0 {
			s.colour[bin] = s.bg
		}
		s.hist[bin] += int32(bg)
		s.n += bg
	}
	n = bg + other
	return n > 0 && float64(other) <= maxOtherShare*float64(n), n
}

// rules marks, among lines [from, to) of length span, the bands of at most ruleMax
// lines where most background samples are of another colour: a rule across the box.
func (s *sampler) rules(from, to, span int) {
	for i := from; i < to; i++ {
		s.rule[i] = s.lines[i] >= int32(span/4) && 2*s.others[i] > s.lines[i]
	}
	for i := from; i < to; {
		if !s.rule[i] {
			i++
			continue
		}
		j := i
		for j < to && s.rule[j] {
			j++
		}
		if j-i > ruleMax { // a thick band is a background, not a rule
			for k := i; k < j; k++ {
				s.rule[k] = false
			}
		}
		i = j
	}
}

// pixel returns the colour of pixel (x, y) of the box.
func (s *sampler) pixel(img *image.RGBA, y, x int) color.RGBA {
	i := (y+s.box.Min.Y-img.Rect.Min.Y)*img.Stride + (x+s.box.Min.X-img.Rect.Min.X)*4
	return color.RGBA{img.Pix[i], img.Pix[i+1], img.Pix[i+2], 255}
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
	s.runs = runs
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

// ring fills the histogram with the pixels of a ring just outside r's box, leaving out
// every glyph box of the page (setPage), so that neighbouring lines are not taken for
// background: for runs whose box is too small, or too crowded, to sample inside.
func (s *sampler) ring(img *image.RGBA, r *pdfrender.TextRun) bool {
	s.reset()
	bounds := img.Rect
	box := r.Box
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

// reset empties the histogram.
func (s *sampler) reset() {
	clear(s.hist[:])
	s.n, s.lastBin = 0, -1
}

// binOf returns the histogram bin of colour c: its ratio to the text colour, floored,
// so that a ratio of 4.499 never lands in the 4.50 bin.
func (s *sampler) binOf(pr, pg, pb uint8) int {
	lb := lum(pr, pg, pb)
	hi, lo := s.lf, lb
	if lo > hi {
		hi, lo = lo, hi
	}
	return min(max(int(((hi+0.05)/(lo+0.05)-1)*100), 0), nbins-1)
}

// add counts one background pixel (its first three bytes are R, G, B), unless it is the
// text's colour. A run of equal pixels, the common case on a plain background, costs
// one comparison each.
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
	s.count(color.RGBA{pr, pg, pb, 255})
}

// count adds colour c to the histogram.
func (s *sampler) count(c color.RGBA) {
	bin := s.binOf(c.R, c.G, c.B)
	if s.hist[bin] == 0 {
		s.colour[bin] = c
	}
	s.hist[bin]++
	s.last, s.lastBin = c, bin
	s.n++
}

// modeBin returns the fullest bin of the histogram.
func (s *sampler) modeBin() int {
	best := 0
	for i, c := range s.hist {
		if c > s.hist[best] {
			best = i
		}
	}
	return best
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

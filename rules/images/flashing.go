package images

import (
	"context"
	"fmt"
	"image"
	"math"
	"time"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/imagedoc"
)

// Flashing is WCAG 2.3.1 Three Flashes or Below Threshold, measured on the animation as a
// browser plays it.
var Flashing = &checker.Rule{
	ID: "IMG-FLASH",
	Title: checker.Text{
		En: "Animation does not flash more than three times in any second",
		Fr: "L'animation ne produit pas plus de trois flashs par seconde",
	},
	Why: checker.Text{
		En: "Flashing more than three times a second over a large enough area can trigger seizures in people with photosensitive epilepsy, and migraines or nausea in others. A reader cannot protect themselves: the harm happens before they can look away.",
		Fr: "Plus de trois flashs par seconde sur une surface suffisante peuvent déclencher des crises chez les personnes épileptiques photosensibles, et des migraines ou nausées chez d'autres. Le lecteur ne peut pas s'en protéger : le mal est fait avant qu'il ne détourne les yeux.",
	},
	Fix: checker.Text{
		En: "Slow the animation to at most 3 light/dark alternations per second, reduce the contrast between the alternating frames, or shrink the flashing area. In GIMP or Photoshop, lengthen the frame delays (at least 334 ms per flash cycle) or replace the animation by a still image.",
		Fr: "Ralentissez l'animation à au plus 3 alternances clair/sombre par seconde, réduisez le contraste entre les images qui alternent, ou réduisez la zone qui clignote. Dans GIMP ou Photoshop, allongez les délais entre images (au moins 334 ms par cycle) ou remplacez l'animation par une image fixe.",
	},
	Affects:  []checker.Audience{checker.Photosensitive},
	Severity: checker.Error,
	Blocking: true,
	Kinds:    []checker.Kind{imagedoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"2.3.1"}, EN301549: []string{"10.2.3.1"}, RGAA: []string{"13.7"},
	},
	Run: runFlashing,
}

// Thresholds from the WCAG 2.2 definitions of "general flash and red flash thresholds".
const (
	// A general flash is a pair of opposing changes in relative luminance of 10 % or more
	// of the maximum, where the darker image is below 0.80.
	flashLuminanceDelta = 0.10
	flashDarkerBelow    = 0.80
	// A red flash is a pair of opposing transitions involving a saturated red
	// (R/(R+G+B) >= 0.8) where (R-G-B)×320 changes by more than 20.
	redSaturation = 0.8
	redDelta      = 20.0
	// More than three flashes within any one-second period fail.
	maxFlashesPerSecond = 3
	// The combined flashing area must stay below 25 % of any 10° visual field: 341×256
	// pixels of a 1024×768 screen. The image is taken to fill that screen, so the limit is
	// this share of the image.
	smallAreaShare = 341.0 * 256.0 / (1024.0 * 768.0)
	// Frames are averaged on a grid of at most gridCells×gridCells cells: fine enough to
	// tell a flashing area of 11 % of the image from a small one.
	gridCells = 48
)

func runFlashing(p *checker.Pass) {
	im := p.Doc.Content.(*imagedoc.Image)
	if im.AnimatedElsewhere {
		p.Review(checker.Location{}, checker.Textf(
			"The image is an animated PNG or WebP, whose frames Focus+ cannot play yet: check by eye that it does not flash more than three times a second.",
			"L'image est un PNG ou WebP animé, dont Focus+ ne sait pas encore lire les images : vérifiez à l'œil qu'elle ne clignote pas plus de trois fois par seconde."), nil)
		return
	}
	if im.Anim == nil {
		return // a still image cannot flash
	}
	res, err := analyseFlashes(p.Context(), im)
	if err != nil {
		return // deadline: the engine reports it
	}
	worst, kind := res.worstGeneral, checker.Text{En: "general", Fr: "générale"}
	if res.worstRed.exceeds() && (!worst.exceeds() || res.worstRed.area > worst.area) {
		worst, kind = res.worstRed, checker.Text{En: "red", Fr: "rouge"}
	}
	if !worst.exceeds() {
		p.Pass(1)
		return
	}
	frame := worst.frame%im.Frames() + 1
	// The flash kind differs by language, so each language is formatted on its own
	// (Textf writes the French decimals).
	en := "%d flashes (%s) within one second, from %.2f s (frame %d), over %.0f %% of the image: above the limit of 3 flashes over %.0f %%"
	fr := "%d flashs (%s) en une seconde, à partir de %.2f s (image %d), sur %.0f %% de l'image : au-delà de la limite de 3 flashs sur %.0f %%"
	msg := checker.Text{
		En: checker.Textf(en, en, worst.flashes, kind.En, worst.start.Seconds(), frame, 100*worst.area, 100*smallAreaShare).En,
		Fr: checker.Textf(fr, fr, worst.flashes, kind.Fr, worst.start.Seconds(), frame, 100*worst.area, 100*smallAreaShare).Fr,
	}
	p.Fail(checker.Location{Frame: frame}, msg, map[string]string{
		"flashes":      fmt.Sprint(worst.flashes),
		"window_start": fmt.Sprintf("%.2f", worst.start.Seconds()),
		"area_percent": fmt.Sprintf("%.1f", 100*worst.area),
		"flash_kind":   kind.En,
	})
}

// flashWindow is the worst one-second window found.
type flashWindow struct {
	start   time.Duration
	frame   int
	flashes int     // most flashes of any flashing cell in the window
	area    float64 // share of the image flashing more than 3 times in the window
}

func (w flashWindow) exceeds() bool {
	return w.flashes > maxFlashesPerSecond && w.area > smallAreaShare
}

type flashResult struct {
	worstGeneral, worstRed flashWindow
}

// cellState is one grid cell in one frame: its mean relative luminance and red measure.
type cellState struct {
	lum, red float32
	sat      bool
}

// swing follows one cell's values and records the times of qualifying transitions. A
// transition is a change between two successive extremes; reversals smaller than the
// threshold are ignored so noise does not cut a real swing in two.
type swing struct {
	anchor, extreme cellState
	extremeFrame    int
	dir             int8
}

func analyseFlashes(ctx context.Context, im *imagedoc.Image) (flashResult, error) {
	gw, gh := min(gridCells, im.Width), min(gridCells, im.Height)
	cells := gw * gh
	n := im.Frames()
	forever, plays := im.Loops()
	// A repeating animation is played long enough to see every one-second window,
	// including those spanning the loop point: one play more than a second needs.
	repeats := 1
	if forever || plays > 1 {
		repeats = int(time.Second/max(im.Duration(), time.Millisecond)) + 2
		if !forever {
			repeats = min(repeats, plays)
		}
	}
	total := n * repeats
	starts := make([]time.Duration, total+1)
	for k := 0; k < total; k++ {
		starts[k+1] = starts[k] + im.Delay(k%n)
	}

	states := make([]cellState, cells*n)
	cellArea := make([]float64, cells)
	sum := make([][3]float64, cells)
	count := make([]int, cells)
	err := im.Play(ctx, func(i int, canvas *image.RGBA, _ time.Duration) bool {
		averageCells(canvas, gw, gh, sum, count)
		for c := 0; c < cells; c++ {
			if count[c] == 0 {
				continue
			}
			k := float64(count[c])
			r, g, b := sum[c][0]/k, sum[c][1]/k, sum[c][2]/k
			st := cellState{lum: float32(0.2126*r + 0.7152*g + 0.0722*b)}
			if s := r + g + b; s > 0 && r/s >= redSaturation {
				st.sat = true
			}
			st.red = float32(math.Max(0, (r-g-b)*320))
			states[i*cells+c] = st
		}
		return true
	})
	if err != nil {
		return flashResult{}, err
	}
	for c := 0; c < cells; c++ {
		cellArea[c] = float64(count[c])
	}
	var totalArea float64
	for _, a := range cellArea {
		totalArea += a
	}

	var res flashResult
	areaGen := make([]float64, total)
	areaRed := make([]float64, total)
	maxGen := make([]int, total)
	maxRed := make([]int, total)
	var gen, red []int
	for c := 0; c < cells; c++ {
		gen, red = cellTransitions(states, cells, c, n, total, gen[:0], red[:0])
		accumulate(gen, starts, cellArea[c]/totalArea, areaGen, maxGen)
		accumulate(red, starts, cellArea[c]/totalArea, areaRed, maxRed)
	}
	res.worstGeneral = worstWindow(areaGen, maxGen, starts)
	res.worstRed = worstWindow(areaRed, maxRed, starts)
	return res, nil
}

// averageCells sums linear RGB per grid cell, reading at most about 256×256 pixels.
func averageCells(img *image.RGBA, gw, gh int, sum [][3]float64, count []int) {
	for i := range sum {
		sum[i] = [3]float64{}
		count[i] = 0
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	step := max(1, max(w, h)/256)
	for y := 0; y < h; y += step {
		cy := y * gh / h
		row := img.Pix[y*img.Stride:]
		for x := 0; x < w; x += step {
			c := cy*gw + x*gw/w
			px := row[x*4 : x*4+4 : x*4+4]
			sum[c][0] += srgbToLinear[px[0]]
			sum[c][1] += srgbToLinear[px[1]]
			sum[c][2] += srgbToLinear[px[2]]
			count[c]++
		}
	}
}

// srgbToLinear is the sRGB decoding curve (IEC 61966-2-1), as used by WCAG's relative
// luminance.
var srgbToLinear = func() (t [256]float64) {
	for i := range t {
		v := float64(i) / 255
		if v <= 0.04045 {
			t[i] = v / 12.92
		} else {
			t[i] = math.Pow((v+0.055)/1.055, 2.4)
		}
	}
	return
}()

// cellTransitions lists the frame indices (over the repeated play) at which one cell
// completes a general or a red transition.
func cellTransitions(states []cellState, cells, c, n, total int, gen, red []int) ([]int, []int) {
	var g, r swing
	lum := func(s cellState) float32 { return s.lum }
	redv := func(s cellState) float32 { return s.red }
	for k := 0; k < total; k++ {
		s := states[(k%n)*cells+c]
		gen = g.step(s, k, lum, flashLuminanceDelta, generalQualifies, gen)
		red = r.step(s, k, redv, redDelta, redQualifies, red)
	}
	gen = g.finish(lum, generalQualifies, gen)
	red = r.finish(redv, redQualifies, red)
	return gen, red
}

func generalQualifies(a, b cellState) bool {
	return math.Abs(float64(a.lum-b.lum)) >= flashLuminanceDelta && min(a.lum, b.lum) < flashDarkerBelow
}

func redQualifies(a, b cellState) bool {
	return math.Abs(float64(a.red-b.red)) > redDelta && (a.sat || b.sat)
}

func (s *swing) step(v cellState, k int, val func(cellState) float32, delta float32, ok func(a, b cellState) bool, out []int) []int {
	if k == 0 {
		s.anchor, s.extreme, s.extremeFrame, s.dir = v, v, 0, 0
		return out
	}
	x, e := val(v), val(s.extreme)
	switch {
	case s.dir == 0:
		if d := x - val(s.anchor); d >= delta || -d >= delta {
			s.extreme, s.extremeFrame = v, k
			s.dir = 1
			if d < 0 {
				s.dir = -1
			}
		} else if math.Abs(float64(x-val(s.anchor))) > math.Abs(float64(e-val(s.anchor))) {
			s.extreme, s.extremeFrame = v, k
		}
	case (x-e)*float32(s.dir) > 0:
		s.extreme, s.extremeFrame = v, k // the swing goes on
	case (e-x)*float32(s.dir) >= delta:
		// A significant reversal: the swing anchor→extreme is complete.
		if ok(s.anchor, s.extreme) {
			out = append(out, s.extremeFrame)
		}
		s.anchor, s.extreme, s.extremeFrame = s.extreme, v, k
		s.dir = -s.dir
	}
	return out
}

func (s *swing) finish(val func(cellState) float32, ok func(a, b cellState) bool, out []int) []int {
	if s.dir != 0 && ok(s.anchor, s.extreme) {
		out = append(out, s.extremeFrame)
	}
	return out
}

// accumulate adds a cell's area to every one-second window (starting at each frame) in
// which the cell makes more than three flashes, i.e. at least 8 transitions: a flash is a
// pair of opposing transitions.
func accumulate(trans []int, starts []time.Duration, area float64, areas []float64, most []int) {
	lo, hi := 0, 0
	for k := range areas {
		end := starts[k] + time.Second
		for lo < len(trans) && trans[lo] < k {
			lo++
		}
		if hi < lo {
			hi = lo
		}
		for hi < len(trans) && starts[trans[hi]] < end {
			hi++
		}
		flashes := (hi - lo) / 2
		if flashes > most[k] {
			most[k] = flashes
		}
		if flashes > maxFlashesPerSecond {
			areas[k] += area
		}
	}
}

func worstWindow(areas []float64, most []int, starts []time.Duration) flashWindow {
	best := -1
	for k := range areas {
		if best < 0 || areas[k] > areas[best] || (areas[k] == areas[best] && most[k] > most[best]) {
			best = k
		}
	}
	if best < 0 {
		return flashWindow{}
	}
	return flashWindow{start: starts[best], frame: best, flashes: most[best], area: areas[best]}
}

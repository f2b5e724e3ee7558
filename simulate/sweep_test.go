package simulate

import (
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
	"time"
)

// roundingThresholds[k] is the linear value where the exact, round-half-up encoding
// moves from level k to k+1: linearToSRGB8(y) = number of thresholds ≤ y. Comparing
// against them gives the reference result of a linear value without math.Pow, which
// makes the exhaustive sweep 20 times faster.
var roundingThresholds = func() (t [255]float64) {
	for k := range t {
		t[k] = srgbToLinear((float64(k) + 0.5) / 255)
	}
	return t
}()

// deviation returns |f − linearToSRGB8(y)| capped at 2, from the thresholds.
func deviation(f uint8, y float64) int {
	k := int(f)
	below := k == 0 || y >= roundingThresholds[k-1] // reference ≥ f
	above := k == 255 || y < roundingThresholds[k]  // reference ≤ f
	switch {
	case below && above:
		return 0
	case below: // reference > f
		if k+1 == 255 || y < roundingThresholds[k+1] {
			return 1
		}
	default: // reference < f
		if k-1 == 0 || y >= roundingThresholds[k-2] {
			return 1
		}
	}
	return 2
}

// TestRoundingThresholdsMatchEncoding checks that the thresholds the sweep relies on
// give the same level as the exact encoding, at and around every threshold and on
// random values. (Exactly at a threshold, one unit in the last place decides, as it
// does in linearToSRGB8 itself.)
func TestRoundingThresholdsMatchEncoding(t *testing.T) {
	check := func(y float64) {
		if d := deviation(linearToSRGB8(y), y); d != 0 {
			t.Fatalf("linear %v: thresholds disagree with linearToSRGB8 = %d", y, linearToSRGB8(y))
		}
	}
	for _, thr := range roundingThresholds {
		// One unit in the last place may round either way; a billionth may not.
		check(thr * (1 - 1e-9))
		check(thr * (1 + 1e-9))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 1_000_000 {
		check(rng.Float64()*1.2 - 0.1)
	}
}

// sweepParams are the simulations swept over every 8-bit colour: each model forced for
// each dichromacy, the monochromacies, at full and partial severity.
func sweepParams() []Params {
	var ps []Params
	for _, sev := range []float64{1, 0.55} {
		for _, d := range []Deficiency{Protan, Deutan, Tritan} {
			for _, m := range []Model{Machado, Vienot, Brettel} {
				ps = append(ps, Params{Deficiency: d, Severity: sev, Model: m})
			}
		}
		ps = append(ps, Params{Deficiency: Achromatopsia, Severity: sev}, Params{Deficiency: BlueCone, Severity: sev})
	}
	return ps
}

// TestFastPathMatchesReferenceOnAllColours compares the lookup-table path with the
// exact float64 path on all 2²⁴ colours (every 5th level per channel with -short), for
// every model, deficiency and two severities: they must agree within ±1.
func TestFastPathMatchesReferenceOnAllColours(t *testing.T) {
	step := 1
	if testing.Short() {
		step = 5
	}
	start := time.Now()
	for _, p := range sweepParams() {
		s, err := New(p)
		if err != nil {
			t.Fatal(err)
		}
		var (
			mu              sync.Mutex
			total, offByOne int
			worst           int
			worstIn         [3]int
			wg              sync.WaitGroup
			next            = make(chan int, 256)
		)
		for r := 0; r < 256; r += step {
			next <- r
		}
		close(next)
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				n, off, w, wIn := 0, 0, 0, [3]int{}
				src, dst := make([]byte, 4*256), make([]byte, 4*256)
				for r := range next {
					for g := 0; g < 256; g += step {
						// The fast path, through the row kernel that images use.
						for b := range 256 {
							src[4*b], src[4*b+1], src[4*b+2], src[4*b+3] = uint8(r), uint8(g), uint8(b), 255
						}
						s.fixed.row(dst, src, straight)
						for b := 0; b < 256; b += step {
							yr, yg, yb := s.linear(srgbToLinear8[r], srgbToLinear8[g], srgbToLinear8[b])
							d := max(deviation(dst[4*b], yr), deviation(dst[4*b+1], yg), deviation(dst[4*b+2], yb))
							n++
							if d == 1 {
								off++
							}
							if d > w {
								w, wIn = d, [3]int{r, g, b}
							}
						}
					}
				}
				mu.Lock()
				total, offByOne = total+n, offByOne+off
				if w > worst {
					worst, worstIn = w, wIn
				}
				mu.Unlock()
			})
		}
		wg.Wait()
		if worst > 1 {
			r, g, b := uint8(worstIn[0]), uint8(worstIn[1]), uint8(worstIn[2])
			fr, fg, fb := s.Color(r, g, b)
			er, eg, eb := s.Reference(r, g, b)
			t.Errorf("%v %v: fast path %v, reference %v: off by more than 1", p, worstIn, [3]uint8{fr, fg, fb}, [3]uint8{er, eg, eb})
		}
		t.Logf("%-13v %-10v severity %-4v: %d colours, max deviation %d, %.2f%% off by one",
			p.Deficiency, s.Model(), p.Severity, total, worst, 100*float64(offByOne)/float64(total))
	}
	t.Logf("swept in %v", time.Since(start).Round(time.Millisecond))
}

package simulate

import (
	"encoding/binary"
	"math"
	"sync"
)

// The fast path works in fixed point with lookup tables.
//
// Since M·lin(v) = Σc M[:,c]·lin(v_c), each input channel c has a 256-entry table of the
// contributions M[:,c]·lin(level) to the three output channels, packed in one uint64 as
// three 16-bit fields with fixedBits fraction bits. Each field carries a share of a
// bias of ½, split so that no contribution is negative (no model has negative
// coefficients summing below −½), so one 64-bit addition sums a channel's share of all
// three outputs without borrows: a pixel costs three table reads and two additions.
//
// Each field of the sum is then the output value plus ½, in [0, 2) since no model's
// output leaves [−½, 1.5) (checked by TestOutputRangeFitsFixedPoint). Its top 14 bits
// index a linear → sRGB table covering [−½, 1.5) that clips as well as encodes, so the
// hot loop has no comparisons. Each entry holds the encoded centre of its bin: the index
// error is at most half a bin, 2⁻¹⁴, plus 1.5·2⁻¹⁵ from rounding the contributions; even
// where the sRGB curve is steepest (12.92·255 levels per unit near black) that moves the
// result by less than 0.35 level before rounding, so the fast path stays within ±1 of
// Reference — the exhaustive test checks all 2²⁴ inputs.
const (
	fixedBits  = 15
	fixedOne   = 1 << fixedBits
	fieldBits  = 16
	fieldBias  = fixedOne / 2 // ½: a field holds output + ½
	encodeBits = 14           // table index: the top bits of a field
	encodeMask = 1<<encodeBits - 1
	binShift   = fieldBits - encodeBits
	// The Brettel half-plane test packs the separating dot product, scaled by sepOne and
	// biased by half a field, into the top field of the first plane's sum; its top bit
	// is set when the product is ≥ 0. A unit normal keeps |product| ≤ √3, inside the field.
	sepOne  = 1 << 14
	sepBias = 1 << 15
)

// encodeTable maps the top bits of a field (output + ½) to 8-bit sRGB, clipping to
// [0, 1] first. Shared by every Simulator; 16 KiB, which stays in the L1 cache with a
// model's 6 KiB (12 KiB for Brettel) of contributions.
var encodeTable = sync.OnceValue(func() *[1 << encodeBits]uint8 {
	var t [1 << encodeBits]uint8
	for i := range t {
		t[i] = linearToSRGB8((float64(i)+0.5)/(1<<encodeBits)*(1<<fieldBits)/fixedOne - 0.5)
	}
	return &t
})

// fixedTables are the lookup tables of one Simulator.
type fixedTables struct {
	enc *[1 << encodeBits]uint8
	// one[c][v] holds the packed contributions of input channel c at level v, for
	// one-matrix models; nil for Brettel.
	one *[3][256]uint64
	// two[c][v][h] holds them for each of Brettel's half-planes h, with the separating
	// dot product's share in the top field of h = 0.
	two *[3][256][2]uint64
}

func newFixedTables(planes [2]mat3, sep vec3, twoPlanes bool) *fixedTables {
	t := &fixedTables{enc: encodeTable()}
	if !twoPlanes {
		t.one = new([3][256]uint64)
		for c := range 3 {
			for v, lin := range srgbToLinear8 {
				t.one[c][v] = packContributions(&planes[0], c, lin)
			}
		}
		return t
	}
	// Only the sign of the separating product matters: scale the tiny normal (about
	// 0.005) to unit length to keep its fixed-point shares precise.
	norm := math.Sqrt(dot(sep, sep))
	unit := vec3{sep[0] / norm, sep[1] / norm, sep[2] / norm}
	t.two = new([3][256][2]uint64)
	for c := range 3 {
		for v, lin := range srgbToLinear8 {
			share := int64(math.Round(unit[c]*lin*sepOne)) + biasShare(unit, c, sepOne, sepBias)
			t.two[c][v] = [2]uint64{
				packContributions(&planes[0], c, lin) | uint64(share)<<(3*fieldBits),
				packContributions(&planes[1], c, lin),
			}
		}
	}
	return t
}

// packContributions packs M[:,c]·lin into three biased fixed-point fields.
func packContributions(m *mat3, c int, lin float64) uint64 {
	var p uint64
	for out := range 3 {
		f := int64(math.Round(m[out][c]*lin*fixedOne)) + biasShare(m[out], c, fixedOne, fieldBias)
		p |= uint64(min(max(f, 0), 1<<fieldBits-1)) << (fieldBits * out)
	}
	return p
}

// biasShare is input channel c's share of a bias for a weighted sum with these weights:
// each negative weight gets the amount that keeps its contribution non-negative, and
// channel 0 also gets the rest, so the three shares add up to bias.
func biasShare(weights vec3, c int, one, bias int64) int64 {
	neg := func(i int) int64 { return int64(math.Ceil(max(0, -weights[i]) * float64(one))) }
	if c != 0 {
		return neg(c)
	}
	return bias - neg(1) - neg(2)
}

// pixel simulates the colour of the little-endian RGBA word w (alpha ignored, 0 out).
func (t *fixedTables) pixel(w uint32) uint32 {
	r, g, b := uint8(w), uint8(w>>8), uint8(w>>16)
	var sum uint64
	if t.two == nil {
		sum = t.one[0][r] + t.one[1][g] + t.one[2][b]
	} else {
		er, eg, eb := &t.two[0][r], &t.two[1][g], &t.two[2][b]
		sum = er[0] + eg[0] + eb[0]
		if sum>>63 == 0 { // separating product < 0: second half-plane
			sum = er[1] + eg[1] + eb[1]
		}
	}
	return uint32(t.enc[sum>>binShift&encodeMask]) |
		uint32(t.enc[sum>>(fieldBits+binShift)&encodeMask])<<8 |
		uint32(t.enc[sum>>(2*fieldBits+binShift)&encodeMask])<<16
}

// alphaMode says how a row stores alpha, in and out.
type alphaMode int

const (
	straight         alphaMode = iota // NRGBA → NRGBA: colour simulated, alpha kept
	premultiplied                     // RGBA → RGBA
	premulToStraight                  // RGBA → NRGBA
)

// translucent simulates a premultiplied pixel whose alpha is below 255: the colour is
// un-premultiplied, simulated, and premultiplied again (or not, for premulToStraight),
// since the sRGB curve does not commute with the premultiplication.
func (t *fixedTables) translucent(w uint32, mode alphaMode) uint32 {
	a := w >> 24
	if a == 0 {
		return 0
	}
	unpremul := func(c uint32) uint32 { return min((c*255+a/2)/a, 255) }
	o := t.pixel(unpremul(w&0xff) | unpremul(w>>8&0xff)<<8 | unpremul(w>>16&0xff)<<16)
	if mode == premulToStraight {
		return o | a<<24
	}
	premul := func(c uint32) uint32 { return (c*a + 127) / 255 }
	return premul(o&0xff) | premul(o>>8&0xff)<<8 | premul(o>>16&0xff)<<16 | a<<24
}

// row simulates one row of 4-byte pixels from src into dst (which may be src).
func (t *fixedTables) row(dst, src []byte, mode alphaMode) {
	n := min(len(dst), len(src)) &^ 3
	dst, src = dst[:n], src[:n]
	// Premultiplied pixels that are not opaque stop the fast loop and take the slow
	// path here, which keeps the fast loop free of calls.
	var stopBelow uint32
	if mode != straight {
		stopBelow = 0xff000000
	}
	for len(src) > 0 {
		var done int
		if t.two == nil {
			done = t.runOnePlane(dst, src, stopBelow)
		} else {
			done = t.runTwoPlanes(dst, src, stopBelow)
		}
		dst, src = dst[done:], src[done:]
		if len(src) > 0 {
			binary.LittleEndian.PutUint32(dst, t.translucent(binary.LittleEndian.Uint32(src), mode))
			dst, src = dst[4:], src[4:]
		}
	}
}

// runOnePlane simulates pixels from src into dst (of equal length) with a one-matrix
// model until the end or a pixel whose word is below stopBelow, and returns the bytes
// done. Alpha is copied. It remembers the last input pixel and its result, and compares
// two pixels at a time with it, so the runs of identical pixels that make most of a
// document page (paper, flat fills, text of one colour) cost a comparison and a store
// per pair.
func (t *fixedTables) runOnePlane(dst, src []byte, stopBelow uint32) int {
	tab, enc := t.one, t.enc
	lastIn := ^binary.LittleEndian.Uint32(src)
	var lastOut uint32
	simulate := func(w uint32) uint32 {
		sum := tab[0][uint8(w)] + tab[1][uint8(w>>8)] + tab[2][uint8(w>>16)]
		return uint32(enc[sum>>binShift&encodeMask]) |
			uint32(enc[sum>>(fieldBits+binShift)&encodeMask])<<8 |
			uint32(enc[sum>>(2*fieldBits+binShift)&encodeMask])<<16 |
			w&0xff000000
	}
	i := 0
	for ; i < len(src)-7 && i < len(dst)-7; i += 8 {
		pair := binary.LittleEndian.Uint64(src[i : i+8])
		if pair == uint64(lastIn)*0x1_0000_0001 {
			binary.LittleEndian.PutUint64(dst[i:i+8], uint64(lastOut)*0x1_0000_0001)
			continue
		}
		w0, w1 := uint32(pair), uint32(pair>>32)
		if w0 < stopBelow {
			return i
		}
		o0 := lastOut
		if w0 != lastIn {
			o0 = simulate(w0)
		}
		if w1 < stopBelow {
			binary.LittleEndian.PutUint32(dst[i:i+4], o0)
			return i + 4
		}
		lastIn, lastOut = w1, o0
		if w1 != w0 {
			lastOut = simulate(w1)
		}
		binary.LittleEndian.PutUint64(dst[i:i+8], uint64(o0)|uint64(lastOut)<<32)
	}
	for ; i < len(src)-3 && i < len(dst)-3; i += 4 {
		w := binary.LittleEndian.Uint32(src[i : i+4])
		if w < stopBelow {
			break
		}
		binary.LittleEndian.PutUint32(dst[i:i+4], simulate(w))
	}
	return i
}

// runTwoPlanes is runOnePlane for Brettel: it sums both half-planes and keeps one by the
// sign of the separating product, without a branch.
func (t *fixedTables) runTwoPlanes(dst, src []byte, stopBelow uint32) int {
	tab, enc := t.two, t.enc
	lastIn := ^binary.LittleEndian.Uint32(src)
	var lastOut uint32
	simulate := func(w uint32) uint32 {
		er, eg, eb := &tab[0][uint8(w)], &tab[1][uint8(w>>8)], &tab[2][uint8(w>>16)]
		sum1 := er[0] + eg[0] + eb[0]
		sum2 := er[1] + eg[1] + eb[1]
		first := uint64(int64(sum1) >> 63) // all ones when the product is ≥ 0
		sum := sum1&first | sum2&^first
		return uint32(enc[sum>>binShift&encodeMask]) |
			uint32(enc[sum>>(fieldBits+binShift)&encodeMask])<<8 |
			uint32(enc[sum>>(2*fieldBits+binShift)&encodeMask])<<16 |
			w&0xff000000
	}
	i := 0
	for ; i < len(src)-7 && i < len(dst)-7; i += 8 {
		pair := binary.LittleEndian.Uint64(src[i : i+8])
		if pair == uint64(lastIn)*0x1_0000_0001 {
			binary.LittleEndian.PutUint64(dst[i:i+8], uint64(lastOut)*0x1_0000_0001)
			continue
		}
		w0, w1 := uint32(pair), uint32(pair>>32)
		if w0 < stopBelow {
			return i
		}
		o0 := lastOut
		if w0 != lastIn {
			o0 = simulate(w0)
		}
		if w1 < stopBelow {
			binary.LittleEndian.PutUint32(dst[i:i+4], o0)
			return i + 4
		}
		lastIn, lastOut = w1, o0
		if w1 != w0 {
			lastOut = simulate(w1)
		}
		binary.LittleEndian.PutUint64(dst[i:i+8], uint64(o0)|uint64(lastOut)<<32)
	}
	for ; i < len(src)-3 && i < len(dst)-3; i += 4 {
		w := binary.LittleEndian.Uint32(src[i : i+4])
		if w < stopBelow {
			break
		}
		binary.LittleEndian.PutUint32(dst[i:i+4], simulate(w))
	}
	return i
}

// Package simulate renders colours and images as readers with a colour-vision deficiency
// (CVD) see them, and finds colour pairs that such readers cannot tell apart.
//
// Every model acts on linear-light RGB: an 8-bit sRGB value is decoded with the exact sRGB
// curve (IEC 61966-2-1), transformed by a 3×3 matrix (or by one of two matrices for
// Brettel 1997), clipped to [0, 1], encoded with the exact curve and rounded half up to 8
// bits. The constants and their provenance (DaltonLens-Python, libDaltonLens,
// colour-science) are recorded in the project's reference data, shared/cvd/constants.md;
// the tests check the results against shared/cvd/vectors_round729.tsv to ±1 per channel.
//
// The package imports nothing but the standard library, so any Go program can use it.
package simulate

import (
	"fmt"
	"math"
	"strings"
)

// Deficiency is the kind of colour-vision deficiency to simulate.
type Deficiency int

// The deficiencies. The zero value is not a deficiency, so a forgotten field is an error.
const (
	Protan        Deficiency = iota + 1 // L cones missing (protanopia) or shifted (protanomaly)
	Deutan                              // M cones missing (deuteranopia) or shifted (deuteranomaly)
	Tritan                              // S cones missing (tritanopia) or shifted (tritanomaly)
	Achromatopsia                       // rod monochromacy: no working cones
	BlueCone                            // blue-cone monochromacy: S cones and rods only
)

var deficiencyNames = [...]string{Protan: "protan", Deutan: "deutan", Tritan: "tritan", Achromatopsia: "achromatopsia", BlueCone: "blue-cone"}

// String returns the name the command line uses: protan, deutan, tritan, achromatopsia
// or blue-cone.
func (d Deficiency) String() string {
	if d >= Protan && d <= BlueCone {
		return deficiencyNames[d]
	}
	return fmt.Sprintf("Deficiency(%d)", int(d))
}

// ParseDeficiency reads a deficiency name, ignoring case: protan, deutan, tritan,
// achromatopsia, blue-cone, and the clinical names protanopia, protanomaly, deuteranopia,
// deuteranomaly, tritanopia, tritanomaly and blue-cone-monochromacy. The -opia and -omaly
// names differ only by severity, which is given separately.
func ParseDeficiency(s string) (Deficiency, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "protan", "protanopia", "protanomaly":
		return Protan, nil
	case "deutan", "deuteranopia", "deuteranomaly":
		return Deutan, nil
	case "tritan", "tritanopia", "tritanomaly":
		return Tritan, nil
	case "achromatopsia":
		return Achromatopsia, nil
	case "blue-cone", "blue-cone-monochromacy":
		return BlueCone, nil
	}
	return 0, fmt.Errorf("unknown deficiency %q: want protan, deutan, tritan, achromatopsia or blue-cone", s)
}

// Model is the published simulation model.
type Model int

// The models. Auto, the zero value, picks the most accurate model for the deficiency and
// severity; the others force one for protan, deutan and tritan. Achromatopsia and
// blue-cone monochromacy have a single model, Monochrome, whatever is asked for.
const (
	Auto       Model = iota
	Machado          // Machado, Oliveira & Fernandes 2009: any severity
	Vienot           // Viénot, Brettel & Mollon 1999: one plane, for dichromats
	Brettel          // Brettel, Viénot & Mollon 1997: two half-planes, for dichromats
	Monochrome       // achromatopsia and blue-cone monochromacy (set by New, not parsed)
)

var modelNames = [...]string{Auto: "auto", Machado: "machado", Vienot: "vienot", Brettel: "brettel", Monochrome: "monochrome"}

// String returns the name the command line uses: auto, machado, vienot, brettel (and
// monochrome for the model New picks for achromatopsia and blue-cone monochromacy).
func (m Model) String() string {
	if m >= Auto && m <= Monochrome {
		return modelNames[m]
	}
	return fmt.Sprintf("Model(%d)", int(m))
}

// ParseModel reads a model name, ignoring case: auto, machado, vienot (or viénot) or brettel.
func ParseModel(s string) (Model, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "auto", "":
		return Auto, nil
	case "machado":
		return Machado, nil
	case "vienot", "viénot":
		return Vienot, nil
	case "brettel":
		return Brettel, nil
	}
	return 0, fmt.Errorf("unknown model %q: want auto, machado, vienot or brettel", s)
}

// Params choose what to simulate.
type Params struct {
	Deficiency Deficiency
	// Severity goes from 0 (normal vision) to 1 (dichromacy, or full monochromacy).
	Severity float64
	Model    Model
}

// resolveModel applies the Auto rule. Viénot 1999 is the reference for full protanopia
// and deuteranopia (one projection plane fits both wings of their confusion lines well);
// Machado 2009 is the only model here built for anomalous trichromacy, so it serves
// partial protan and deutan; for tritans, one plane is a poor fit (DaltonLens' warning in
// constants.md §3) and Brettel's two half-planes are used at every severity.
func (p Params) resolveModel() Model {
	switch {
	case p.Deficiency == Achromatopsia || p.Deficiency == BlueCone:
		return Monochrome
	case p.Model != Auto:
		return p.Model
	case p.Deficiency == Tritan:
		return Brettel
	case p.Severity >= 1:
		return Vienot
	default:
		return Machado
	}
}

// Simulator applies one deficiency, severity and model. It is safe for concurrent use.
type Simulator struct {
	params Params
	model  Model
	// planes[h] maps linear RGB to linear RGB; the two are equal except for Brettel, whose
	// half-plane is chosen by the sign of dot(sep, linear RGB) (≥ 0: planes[0]).
	planes    [2]mat3
	sep       vec3
	twoPlanes bool
	fixed     *fixedTables
}

// New validates p and precomputes the lookup tables of the fast path (6 KiB, 12 KiB for
// Brettel, plus a 16 KiB table shared by every Simulator); it takes a few microseconds.
func New(p Params) (*Simulator, error) {
	if p.Deficiency < Protan || p.Deficiency > BlueCone {
		return nil, fmt.Errorf("unknown deficiency %d", int(p.Deficiency))
	}
	if p.Model < Auto || p.Model > Brettel {
		return nil, fmt.Errorf("unknown model %d", int(p.Model))
	}
	if !(p.Severity >= 0 && p.Severity <= 1) { // also refuses NaN
		return nil, fmt.Errorf("severity %v is outside 0..1", p.Severity)
	}
	s := &Simulator{params: p, model: p.resolveModel()}
	sev := p.Severity
	switch s.model {
	case Machado:
		s.planes[0] = machadoMatrix(p.Deficiency, sev)
	case Vienot:
		s.planes[0] = vienotMatrices[p.Deficiency].towardIdentity(sev)
	case Brettel:
		b := brettelParams[p.Deficiency]
		s.planes = [2]mat3{b.t1.towardIdentity(sev), b.t2.towardIdentity(sev)}
		s.sep = b.sep
		s.twoPlanes = true
	case Monochrome:
		s.planes[0] = monochromeMatrix(p.Deficiency).towardIdentity(sev)
	}
	if !s.twoPlanes {
		s.planes[1] = s.planes[0]
	}
	s.fixed = newFixedTables(s.planes, s.sep, s.twoPlanes)
	return s, nil
}

// Params returns the parameters the Simulator was built with.
func (s *Simulator) Params() Params { return s.params }

// Model returns the model actually used, with Auto resolved.
func (s *Simulator) Model() Model { return s.model }

// Color returns the colour the reader sees for an opaque 8-bit sRGB colour, from the
// lookup tables (within ±1 of Reference on every input).
func (s *Simulator) Color(r, g, b uint8) (uint8, uint8, uint8) {
	w := s.fixed.pixel(uint32(r) | uint32(g)<<8 | uint32(b)<<16)
	return uint8(w), uint8(w >> 8), uint8(w >> 16)
}

// Reference returns the colour the reader sees, computed in float64 with the exact sRGB
// curve and round half up: the definition the fast path is tested against.
func (s *Simulator) Reference(r, g, b uint8) (uint8, uint8, uint8) {
	lr, lg, lb := s.linear(srgbToLinear8[r], srgbToLinear8[g], srgbToLinear8[b])
	return linearToSRGB8(lr), linearToSRGB8(lg), linearToSRGB8(lb)
}

// linear maps a linear-light RGB colour to what the reader sees, in linear RGB, before
// clipping.
func (s *Simulator) linear(r, g, b float64) (float64, float64, float64) {
	m := &s.planes[0]
	if s.twoPlanes && s.sep[0]*r+s.sep[1]*g+s.sep[2]*b < 0 {
		m = &s.planes[1]
	}
	return m[0][0]*r + m[0][1]*g + m[0][2]*b,
		m[1][0]*r + m[1][1]*g + m[1][2]*b,
		m[2][0]*r + m[2][1]*g + m[2][2]*b
}

// mat3 is a row-major 3×3 matrix acting on a column vector: v' = M·v.
type mat3 [3][3]float64

type vec3 = [3]float64

// towardIdentity returns s·m + (1−s)·I: the severity blend of DaltonLens'
// DichromacySimulator (constants.md §3), done in linear RGB. Blending the matrix is the
// same as blending the two output colours, since both are linear in the input.
func (m mat3) towardIdentity(s float64) mat3 {
	var out mat3
	for i := range 3 {
		for j := range 3 {
			id := 0.0
			if i == j {
				id = 1
			}
			out[i][j] = s*m[i][j] + (1-s)*id
		}
	}
	return out
}

func dot(a, b vec3) float64 { return a[0]*b[0] + a[1]*b[1] + a[2]*b[2] }

// srgbToLinear is the exact sRGB decoding curve (IEC 61966-2-1), x in [0, 1].
func srgbToLinear(x float64) float64 {
	if x < 0.04045 {
		return x / 12.92
	}
	return math.Pow((x+0.055)/1.055, 2.4)
}

// linearToSRGB is the exact sRGB encoding curve; y is clipped to [0, 1] first, as every
// reference implementation does before encoding.
func linearToSRGB(y float64) float64 {
	y = min(max(y, 0), 1)
	if y < 0.0031308 {
		return y * 12.92
	}
	return 1.055*math.Pow(y, 1/2.4) - 0.055
}

// linearToSRGB8 encodes and rounds half up to 8 bits. DaltonLens-Python truncates
// instead, which turns white into 254 (constants.md §1); rounding keeps white white.
func linearToSRGB8(y float64) uint8 {
	return uint8(math.Floor(linearToSRGB(y)*255 + 0.5))
}

// srgbToLinear8 holds the exact linear value of each 8-bit sRGB level.
var srgbToLinear8 = func() (t [256]float64) {
	for v := range t {
		t[v] = srgbToLinear(float64(v) / 255)
	}
	return t
}()

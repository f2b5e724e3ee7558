package simulate

import (
	"math"
	"testing"
)

func TestParseDeficiencyAcceptsNamesAndAliases(t *testing.T) {
	for in, want := range map[string]Deficiency{
		"protan": Protan, "Protanopia": Protan, "protanomaly": Protan,
		"deutan": Deutan, "deuteranopia": Deutan, "DEUTERANOMALY": Deutan,
		"tritan": Tritan, "tritanopia": Tritan, "tritanomaly": Tritan,
		"achromatopsia": Achromatopsia, " blue-cone ": BlueCone, "blue-cone-monochromacy": BlueCone,
	} {
		got, err := ParseDeficiency(in)
		if err != nil || got != want {
			t.Errorf("ParseDeficiency(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "red", "pro", "deuteranope"} {
		if d, err := ParseDeficiency(bad); err == nil {
			t.Errorf("ParseDeficiency(%q) = %v, want an error", bad, d)
		}
	}
}

func TestDeficiencyStringRoundTrips(t *testing.T) {
	want := []string{"protan", "deutan", "tritan", "achromatopsia", "blue-cone"}
	for i, d := range []Deficiency{Protan, Deutan, Tritan, Achromatopsia, BlueCone} {
		if d.String() != want[i] {
			t.Errorf("%d.String() = %q, want %q", int(d), d.String(), want[i])
		}
		if back, err := ParseDeficiency(d.String()); err != nil || back != d {
			t.Errorf("ParseDeficiency(%q) = %v, %v; want %v", d.String(), back, err, d)
		}
	}
	if s := Deficiency(0).String(); s != "Deficiency(0)" {
		t.Errorf("zero Deficiency prints %q", s)
	}
}

func TestParseModelRoundTrips(t *testing.T) {
	for _, m := range []Model{Auto, Machado, Vienot, Brettel} {
		if back, err := ParseModel(m.String()); err != nil || back != m {
			t.Errorf("ParseModel(%q) = %v, %v; want %v", m.String(), back, err, m)
		}
	}
	if m, err := ParseModel("Viénot"); err != nil || m != Vienot {
		t.Errorf("ParseModel(Viénot) = %v, %v", m, err)
	}
	for _, bad := range []string{"monochrome", "coblis", "brettel1997"} {
		if m, err := ParseModel(bad); err == nil {
			t.Errorf("ParseModel(%q) = %v, want an error", bad, m)
		}
	}
}

func TestNewRejectsInvalidParams(t *testing.T) {
	for _, p := range []Params{
		{Deficiency: 0, Severity: 1},
		{Deficiency: BlueCone + 1, Severity: 1},
		{Deficiency: Protan, Severity: -0.01},
		{Deficiency: Protan, Severity: 1.01},
		{Deficiency: Protan, Severity: math.NaN()},
		{Deficiency: Protan, Severity: 1, Model: Monochrome},
		{Deficiency: Protan, Severity: 1, Model: -1},
	} {
		if _, err := New(p); err == nil {
			t.Errorf("New(%+v) succeeded, want an error", p)
		}
	}
}

func TestAutoPicksTheModelForDeficiencyAndSeverity(t *testing.T) {
	for _, tc := range []struct {
		p    Params
		want Model
	}{
		{Params{Deficiency: Protan, Severity: 1}, Vienot},
		{Params{Deficiency: Deutan, Severity: 1}, Vienot},
		{Params{Deficiency: Protan, Severity: 0.6}, Machado},
		{Params{Deficiency: Deutan, Severity: 0}, Machado},
		{Params{Deficiency: Tritan, Severity: 1}, Brettel},
		{Params{Deficiency: Tritan, Severity: 0.3}, Brettel},
		{Params{Deficiency: Deutan, Severity: 1, Model: Brettel}, Brettel},
		{Params{Deficiency: Tritan, Severity: 1, Model: Machado}, Machado},
		{Params{Deficiency: Achromatopsia, Severity: 1, Model: Machado}, Monochrome},
		{Params{Deficiency: BlueCone, Severity: 0.5}, Monochrome},
	} {
		s, err := New(tc.p)
		if err != nil {
			t.Fatal(err)
		}
		if s.Model() != tc.want {
			t.Errorf("New(%+v).Model() = %v, want %v", tc.p, s.Model(), tc.want)
		}
	}
}

// allSimulators returns a Simulator for every deficiency and forced model at severity.
func allSimulators(t *testing.T, severity float64) []*Simulator {
	t.Helper()
	var out []*Simulator
	for d := Protan; d <= BlueCone; d++ {
		for m := Auto; m <= Brettel; m++ {
			s, err := New(Params{Deficiency: d, Severity: severity, Model: m})
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
	}
	return out
}

func TestSeverityZeroIsNormalVision(t *testing.T) {
	for _, s := range allSimulators(t, 0) {
		for _, c := range [][3]uint8{{0, 0, 0}, {255, 255, 255}, {214, 39, 40}, {44, 160, 44}, {31, 119, 180}, {1, 2, 3}} {
			if r, g, b := s.Reference(c[0], c[1], c[2]); [3]uint8{r, g, b} != c {
				t.Errorf("%+v (%v) at severity 0: %v became %v", s.Params(), s.Model(), c, [3]uint8{r, g, b})
			}
		}
	}
}

func TestBlackAndWhiteStayPut(t *testing.T) {
	for _, s := range allSimulators(t, 1) {
		for _, c := range [][3]uint8{{0, 0, 0}, {255, 255, 255}} {
			r, g, b := s.Reference(c[0], c[1], c[2])
			fr, fg, fb := s.Color(c[0], c[1], c[2])
			if [3]uint8{r, g, b} != c || [3]uint8{fr, fg, fb} != c {
				t.Errorf("%+v (%v): %v became %v (fast path %v)", s.Params(), s.Model(), c, [3]uint8{r, g, b}, [3]uint8{fr, fg, fb})
			}
		}
	}
}

// TestVienotMatricesFollowFromTheLMSModel re-derives the Viénot matrices from their
// definition (constants.md §3): project along the missing cone's axis onto the plane
// through black, white, blue and yellow (red and cyan for tritans).
func TestVienotMatricesFollowFromTheLMSModel(t *testing.T) {
	lms := func(r, g, b float64) vec3 { return lmsFromLinearRGB.mul(vec3{r, g, b}) }
	cross := func(a, b vec3) vec3 {
		return vec3{a[1]*b[2] - a[2]*b[1], a[2]*b[0] - a[0]*b[2], a[0]*b[1] - a[1]*b[0]}
	}
	for d, n := range map[Deficiency]vec3{
		Protan: cross(lms(1, 1, 0), lms(0, 0, 1)),
		Deutan: cross(lms(1, 1, 0), lms(0, 0, 1)),
		Tritan: cross(lms(0, 1, 1), lms(1, 0, 0)),
	} {
		// The missing cone's response k becomes the value that keeps the colour on the
		// plane n·lms = 0; the other two are unchanged.
		k := int(d - Protan)
		var p mat3
		for i := range 3 {
			if i != k {
				p[i][i] = 1
				p[k][i] = -n[i] / n[k]
			}
		}
		got := linearRGBFromLMS.times(p).times(lmsFromLinearRGB)
		for i := range 3 {
			for j := range 3 {
				if math.Abs(got[i][j]-vienotMatrices[d][i][j]) > 1e-6 {
					t.Errorf("%v: derived matrix %v, table %v", d, got, vienotMatrices[d])
				}
			}
		}
	}
}

func (m mat3) mul(v vec3) vec3 {
	return vec3{dot(m[0], v), dot(m[1], v), dot(m[2], v)}
}

func (m mat3) times(n mat3) mat3 {
	var out mat3
	for i := range 3 {
		for j := range 3 {
			out[i][j] = m[i][0]*n[0][j] + m[i][1]*n[1][j] + m[i][2]*n[2][j]
		}
	}
	return out
}

// TestMachadoInterpolatesBetweenTabulatedSeverities pins the interpolation of
// constants.md §5, and not DaltonLens-Python's (which takes 0.55 as 0.95·M[0.5] + 0.05·M[0.6]).
func TestMachadoInterpolatesBetweenTabulatedSeverities(t *testing.T) {
	for d := Protan; d <= Tritan; d++ {
		table := machadoTables[d]
		for _, tc := range []struct {
			severity float64
			want     mat3
		}{
			{0, table[0]},
			{0.5, table[5]},
			{1, table[10]},
			{0.55, table[5].blend(table[6], 0.5)},
			{0.33, table[3].blend(table[4], 0.3)},
			{0.99, table[9].blend(table[10], 0.9)},
		} {
			got := machadoMatrix(d, tc.severity)
			for i := range 3 {
				for j := range 3 {
					if math.Abs(got[i][j]-tc.want[i][j]) > 1e-12 {
						t.Fatalf("%v at %v: got %v, want %v", d, tc.severity, got, tc.want)
					}
				}
			}
		}
	}
}

func (m mat3) blend(n mat3, a float64) mat3 {
	var out mat3
	for i := range 3 {
		for j := range 3 {
			out[i][j] = (1-a)*m[i][j] + a*n[i][j]
		}
	}
	return out
}

// TestOutputRangeFitsFixedPoint checks the assumption of the fast path (lut.go): for
// every model and severity, each output channel stays in [−½, 1.5) for inputs in
// [0, 1], and the negative weights of a channel add up to no less than −½.
func TestOutputRangeFitsFixedPoint(t *testing.T) {
	for d := Protan; d <= BlueCone; d++ {
		for m := Auto; m <= Brettel; m++ {
			for i := 0; i <= 100; i++ {
				s, err := New(Params{Deficiency: d, Severity: float64(i) / 100, Model: m})
				if err != nil {
					t.Fatal(err)
				}
				for _, plane := range s.planes {
					for out, row := range plane {
						var neg, pos float64
						for _, w := range row {
							neg += min(w, 0)
							pos += max(w, 0)
						}
						if neg < -0.5 || pos >= 1.5 {
							t.Fatalf("%+v: output %d spans [%v, %v], outside [−½, 1.5)", s.Params(), out, neg, pos)
						}
					}
				}
			}
		}
	}
}

func TestAchromatopsiaKeepsRelativeLuminance(t *testing.T) {
	s, err := New(Params{Deficiency: Achromatopsia, Severity: 1})
	if err != nil {
		t.Fatal(err)
	}
	// Pure red has relative luminance 0.2126, which encodes to sRGB 127.
	for _, tc := range []struct{ in, want [3]uint8 }{
		{[3]uint8{255, 0, 0}, [3]uint8{127, 127, 127}},
		{[3]uint8{0, 255, 0}, [3]uint8{220, 220, 220}},
		{[3]uint8{0, 0, 255}, [3]uint8{76, 76, 76}},
		{[3]uint8{128, 128, 128}, [3]uint8{128, 128, 128}},
	} {
		r, g, b := s.Reference(tc.in[0], tc.in[1], tc.in[2])
		if got := [3]uint8{r, g, b}; got != tc.want {
			t.Errorf("achromatopsia %v = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestBlueConeMonochromacySeesTheSConeSignal(t *testing.T) {
	s, err := New(Params{Deficiency: BlueCone, Severity: 1})
	if err != nil {
		t.Fatal(err)
	}
	gray := func(r, g, b uint8) uint8 {
		or, og, ob := s.Reference(r, g, b)
		if or != og || og != ob {
			t.Fatalf("blue-cone %v gives %v, not a grey", [3]uint8{r, g, b}, [3]uint8{or, og, ob})
		}
		return or
	}
	// Blue is nearly as bright as white; yellow, which S cones hardly see, is dark.
	if blue, yellow := gray(0, 0, 255), gray(255, 255, 0); blue < 230 || yellow > 110 {
		t.Errorf("blue-cone: blue → %d (want ≥ 230), yellow → %d (want ≤ 110)", blue, yellow)
	}
	if sum := blueConeWeights[0] + blueConeWeights[1] + blueConeWeights[2]; math.Abs(sum-1) > 1e-12 {
		t.Errorf("blue-cone weights sum to %v, want 1", sum)
	}
}

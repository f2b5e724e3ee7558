package simulate

// The LMS cone space shared by Viénot 1999 and Brettel 1997 (constants.md §2,
// DaltonLens' LMSModel_sRGB_SmithPokorny75): BT.709 linear RGB → Judd-Vos XYZ → Smith &
// Pokorny 1975 cone fundamentals. Only the tests use it, to re-derive the Viénot matrices
// from their definition.
var (
	lmsFromLinearRGB = mat3{
		{1.7882404126e-01, 4.3516090570e-01, 4.1193496920e-02},
		{3.4556423182e-02, 2.7155382458e-01, 3.8671308360e-02},
		{2.9956557600e-04, 1.8430896000e-03, 1.4670861360e-02},
	}
	linearRGBFromLMS = mat3{
		{8.0944355980e+00, -1.3050431460e+01, 1.1672058454e+01},
		{-1.0248505587e+00, 5.4019313097e+00, -1.1361471491e+01},
		{-3.6529747159e-02, -4.1216280700e-01, 6.9351324238e+01},
	}
)

// vienotMatrices are the Viénot, Brettel & Mollon 1999 dichromat matrices in linear RGB
// (constants.md §3, full precision from DaltonLens-Python).
//
// Viénot et al. ("Digital video colourmaps for checking the legibility of displays by
// dichromats", Color Research & Application 24(4), 1999) replace the missing cone's
// response by a linear combination of the two others, so that every colour lands on the
// plane through black, white, blue (475 nm side) and yellow (575 nm side) that protanopes
// and deuteranopes share with trichromats. One plane cannot hold the tritan confusion
// lines (red-cyan), so the tritan matrix, on the black-white-red-cyan plane, is only used
// when a caller forces Vienot; Auto picks Brettel for tritans.
var vienotMatrices = [Tritan + 1]mat3{
	Protan: {
		{0.1123827612, 0.8876172388, 0},
		{0.1123827612, 0.8876172388, 0},
		{0.0040057683, -0.0040057683, 1},
	},
	Deutan: {
		{0.2927501143, 0.7072498857, 0},
		{0.2927501143, 0.7072498857, 0},
		{-0.0223365870, 0.0223365870, 1},
	},
	Tritan: {
		{1, 0.1446122433, -0.1446122433},
		{0, 0.8592358078, 0.1407641922},
		{0, 0.8592358078, 0.1407641922},
	},
}

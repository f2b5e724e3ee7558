package simulate

// brettelPlanes are the two half-plane projections of one dichromacy, in linear RGB.
type brettelPlanes struct {
	t1, t2 mat3
	// sep is the normal of the plane separating the two wings, in linear RGB: a colour c
	// uses t1 when dot(sep, c) ≥ 0, t2 otherwise (libDaltonLens' convention).
	sep vec3
}

// brettelParams are the Brettel, Viénot & Mollon 1997 matrices (constants.md §4, full
// precision from DaltonLens-Python, white as the neutral axis, Judd-Vos anchors).
//
// Brettel et al. ("Computerized simulation of color appearance for dichromats", JOSA A
// 14(10), 1997) project each colour along the missing cone's axis onto one of two
// half-planes through the neutral axis: for protans and deutans the half-planes hold the
// 475 nm and 575 nm monochromatic stimuli that dichromats see as trichromats do, for
// tritans the 485 nm and 660 nm ones. Two half-planes follow the tritan confusion lines
// much better than Viénot's single plane, which is why Auto uses this model for tritans.
// The projection is continuous across the separating plane, so a colour near it gets
// almost the same result from either matrix.
var brettelParams = [Tritan + 1]brettelPlanes{
	Protan: {
		t1:  mat3{{0.1498032951, 1.1954778652, -0.3452811603}, {0.1076448824, 0.8486384698, 0.0437166478}, {0.0038368914, -0.0053951265, 1.0015582351}},
		t2:  mat3{{0.1456998032, 1.1617182299, -0.3074180332}, {0.1081644326, 0.8529128359, 0.0389227315}, {0.0038554103, -0.0052427711, 1.0013873608}},
		sep: vec3{0.0004777303, 0.0039303114, -0.0044080417},
	},
	Deutan: {
		t1:  mat3{{0.3647740930, 0.8638105423, -0.2285846354}, {0.2629374152, 0.6424451384, 0.0946174464}, {-0.0200619032, 0.0272811346, 0.9927807686}},
		t2:  mat3{{0.3729847102, 0.8816582042, -0.2546429144}, {0.2595388157, 0.6350575019, 0.1054036823}, {-0.0198025929, 0.0278448051, 0.9919577879}},
		sep: vec3{-0.0028103921, -0.0061090325, 0.0089194246},
	},
	Tritan: {
		t1:  mat3{{1.0127726675, 0.1354845941, -0.1482572616}, {-0.0124327940, 0.8681205754, 0.1443122186}, {0.0758907618, 0.8050024811, 0.1191067571}},
		t2:  mat3{{0.9367812529, 0.1897898497, -0.1265711026}, {0.0615365315, 0.8152603523, 0.1232031162}, {-0.3756238751, 1.1276654803, 0.2479583948}},
		sep: vec3{0.0390146077, -0.0278807580, -0.0111338497},
	},
}

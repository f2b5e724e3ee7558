package simulate

// monochromeMatrix returns the matrix of a monochromacy: every output channel is the
// same weighted sum of the linear input, so the image becomes a grey that keeps the one
// signal the reader still has. Both are approximations: no paper publishes a validated
// simulation of these rare conditions, and severity simply blends with normal vision.
func monochromeMatrix(d Deficiency) mat3 {
	w := rodMonochromacyWeights
	if d == BlueCone {
		w = blueConeWeights
	}
	return mat3{w, w, w}
}

// rodMonochromacyWeights are the ITU-R BT.709 luminance coefficients (relative luminance
// Y of linear sRGB, the Y row of IEC 61966-2-1's matrix), which Chromium DevTools also
// uses for its achromatopsia emulation (constants.md §6). Rods really follow the scotopic
// curve V'(λ), which peaks at 507 nm rather than 555 nm and would make reds darker; the
// photopic Y is the common, reproducible approximation, and it keeps WCAG's relative
// luminance (and so the contrast ratio) unchanged.
var rodMonochromacyWeights = vec3{0.2126, 0.7152, 0.0722}

// blueConeWeights approximate blue-cone monochromacy: in daylight the rods are saturated
// and only the S cones signal, so the reader sees the S-cone response as a grey. The
// weights are the S row of the Smith & Pokorny LMS model used by Viénot and Brettel
// (lmsFromLinearRGB, constants.md §2), normalised so that white stays white:
// (0.0178, 0.1096, 0.8726). They agree to three decimals with the S row of the
// Hunt-Pointer-Estévez (D65) matrix that several simulators use for the same purpose.
var blueConeWeights = func() vec3 {
	s := lmsFromLinearRGB[2]
	sum := s[0] + s[1] + s[2]
	return vec3{s[0] / sum, s[1] / sum, s[2] / sum}
}()

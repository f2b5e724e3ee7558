package pdfvisual

import (
	"context"
	"image/color"

	"github.com/lab110bis/focusplus/checker"
)

// MeasuredText is one run of text whose contrast was measured on a rendered page.
type MeasuredText struct {
	Page   int
	Text   string
	FG, BG color.RGBA // BG is the median colour painted around the glyphs
	// Lo, Mid and Hi are the contrast ratios against the 10th percentile, median and
	// 90th percentile of the background (all equal on a plain background).
	Lo, Mid, Hi float64
	Large       bool
	Chars       int
	Box         []float64 // [x, y, w, h] in points from the page's top-left corner
}

// Verdict is the run's outcome at WCAG 1.4.3 (AA): failed when even the most favourable
// background is below the threshold, review when the background varies across it.
func (m *MeasuredText) Verdict() checker.Outcome {
	return verdict(m.Lo, m.Hi, threshold(m.Large, false))
}

// MeasureText renders the pages of a PDF and measures each visible run of text against
// what is painted around it: the same measurement PDF-TEXT-CONTRAST reports, for other
// formats rendered to PDF (DOCX and ODT through LibreOffice). Runs covered or clipped
// are left out. The deadline of ctx applies.
func MeasureText(ctx context.Context, pdf []byte, lim checker.Limits) ([]MeasuredText, error) {
	a := walk(ctx, &checker.Document{Source: pdf, Limits: lim})
	out := make([]MeasuredText, 0, len(a.runs))
	for _, r := range a.runs {
		out = append(out, MeasuredText{Page: r.page, Text: r.text, FG: r.fg, BG: r.bg,
			Lo: r.lo, Mid: r.mid, Hi: r.hi, Large: r.large, Chars: r.chars, Box: r.box})
	}
	return out, a.err
}

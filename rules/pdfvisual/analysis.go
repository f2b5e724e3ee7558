package pdfvisual

import (
	"context"
	"image/color"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/pdfrender"
)

// runResult is one text run whose contrast was measured.
type runResult struct {
	page   int
	fg, bg color.RGBA
	// mid is the ratio against the background colour (the median one when it varies);
	// lo and hi the 5th and 95th percentiles over the samples around the glyphs, or
	// both mid (rounded down) on a plain background.
	lo, mid, hi float64
	large       bool
	chars       int
	text        string
	box         []float64 // [x, y, w, h] in points from the top-left corner
}

// pageResult is what the scanned-page rule needs of a page.
type pageResult struct {
	coverage  float64 // fraction painted by images, -1 unknown
	visible   int     // characters that paint
	invisible int     // characters in invisible mode (an OCR layer)
}

// analysis is computed once per document and shared by the rules of this package.
type analysis struct {
	runs      []runResult
	pages     []pageResult
	textPages int // pages walked with visible text
	summary   pdfrender.Summary
	// stalled is the page the walk was drawing or reading when its share of the
	// document's time ran out (0 when it did not): one page can take any time to paint,
	// and the renderer is stopped there so that the other checks keep their verdicts.
	stalled int
	err     error
}

// pageWalk is computed once per document and shared by the rules of this package.
var pageWalk = &checker.Analysis[*analysis]{Name: "PDF page walk", Run: walk}

func analyse(p *checker.Pass) *analysis { return pageWalk.Result(p) }

// readable reports whether a run is text to read, which 1.4.3 is about: it has a letter
// or a digit, in a font of letters. Leaders ("……", "....."), lines drawn with "_",
// bullets and symbols (✔, icon fonts, Wingdings) are decoration or graphics, and a
// pale dotted leader is not a reading problem.
func readable(r *pdfrender.TextRun) bool {
	if r.Letters == 0 {
		return false
	}
	f := strings.ToLower(r.Font)
	for _, d := range []string{"wingding", "webding", "dingbat", "marlett", "fontawesome", "font awesome", "materialicons", "material icons", "symbol"} {
		if strings.Contains(f, d) {
			// Symbol fonts map their glyphs to letters when the PDF gives no Unicode
			// (a Wingdings bullet reads "l"), so their letters are not text.
			return false
		}
	}
	return true
}

// walk renders the pages with text and measures each visible run against what is
// painted around it.
func walk(ctx context.Context, doc *checker.Document) *analysis {
	a := &analysis{}
	if len(doc.Source) == 0 {
		a.err = checker.Errorf("the PDF's bytes are not available to the renderer", "les octets du PDF ne sont pas disponibles pour le rendu")
		return a
	}
	lim := doc.Limits
	if lim.MaxPages <= 0 || lim.MaxPixels <= 0 {
		lim = checker.DefaultLimits()
	}
	opt := pdfrender.Options{
		Render: true, RenderOnlyText: true, DPI: pdfrender.ContrastDPI, Text: true, Images: true,
		// A page with real text is not a scan, whatever its images.
		ImagesBelowChars: stampChars,
		MaxPages:         lim.MaxPages,
		// A page is sampled at 144 dpi up to 4 Mpx (an A3 page); larger pages are
		// scaled down, still leaving a few pixels between glyphs of body text.
		PagePixels: min(int64(pdfrender.DefaultPagePixels), lim.MaxPixels),
	}
	if dl, ok := ctx.Deadline(); ok {
		// Rendering may take half of the document's time and the whole walk three
		// quarters, leaving the rest to the other checks: a long PDF gets contrast on
		// its first pages and the scan check on more, rather than a timeout for all.
		left := time.Until(dl)
		opt.RenderDeadline = time.Now().Add(left / 2)
		opt.Deadline = time.Now().Add(left * 3 / 4)
	}
	// The walk has a deadline of its own: past it the renderer is stopped even inside a
	// page (a shading or an image mask that takes hours to paint), the pages walked keep
	// their results, and the document's other checks still run.
	wctx := ctx
	if !opt.Deadline.IsZero() {
		var cancel context.CancelFunc
		wctx, cancel = context.WithDeadline(ctx, opt.Deadline)
		defer cancel()
	}
	// Long documents are walked by several workers at once, each with a sampler of
	// its own; their pages are put back in order afterwards.
	var (
		mu     sync.Mutex
		chunks []*[]pageOut
	)
	a.summary, a.err = pdfrender.WalkParallel(wctx, doc.Source, opt, func() func(*pdfrender.Page) error {
		var s sampler
		out := new([]pageOut)
		mu.Lock()
		chunks = append(chunks, out)
		mu.Unlock()
		return func(pg *pdfrender.Page) error {
			po, err := measurePage(wctx, &s, pg)
			*out = append(*out, po)
			return err
		}
	})
	var pages []pageOut
	for _, c := range chunks {
		pages = append(pages, *c...)
	}
	a.collect(pages)
	if a.err != nil && ctx.Err() == nil && wctx.Err() != nil {
		a.err = nil
		a.summary.Truncated = true
		a.stalled = a.summary.Walked + 1
	}
	return a
}

// pageOut is what the walk measured on one page.
type pageOut struct {
	number  int
	page    pageResult
	skipped bool // it has text, and rendering was over before it
	runs    []runResult
}

// measurePage measures each visible run of a walked page against what is painted
// around it.
func measurePage(ctx context.Context, s *sampler, pg *pdfrender.Page) (pageOut, error) {
	po := pageOut{number: pg.Number, page: pageResult{coverage: pg.ImageCoverage, visible: pg.VisibleChars(), invisible: pg.InvisibleChars()}}
	if pg.Image == nil {
		po.skipped = po.page.visible > 0
		return po, nil
	}
	s.setPage(pg.Image, pg.Runs)
	for i := range pg.Runs {
		if i%64 == 63 && ctx.Err() != nil {
			// Sampling costs the area of each run's box: a page of thousands of
			// page-sized glyphs must still stop at the deadline.
			return po, ctx.Err()
		}
		r := &pg.Runs[i]
		if !r.Mode.Visible() || r.Chars == 0 || r.Box.Empty() || !readable(r) {
			continue
		}
		m, ok := s.measure(pg.Image, r)
		if !ok {
			continue
		}
		if m.hidden {
			continue // covered or clipped: not what a reader sees
		}
		po.runs = append(po.runs, runResult{
			page: pg.Number, fg: m.fg, bg: m.bg, lo: m.lo, mid: m.mid, hi: m.hi,
			large: checker.IsLargeText(r.Size, r.Bold), chars: r.Chars, text: r.Text,
			box: []float64{
				float64(r.Box.Min.X) / pg.Scale, float64(r.Box.Min.Y) / pg.Scale,
				float64(r.Box.Dx()) / pg.Scale, float64(r.Box.Dy()) / pg.Scale,
			},
		})
	}
	return po, nil
}

// collect puts the walked pages in order and keeps what one walk from the first page
// would have: the pages up to the first one not walked, and contrast up to the first
// page with text left unrendered. With several workers a deadline may cut the walk
// with a few pages done beyond those; the reports speak of "the first N pages".
func (a *analysis) collect(pages []pageOut) {
	slices.SortFunc(pages, func(x, y pageOut) int { return x.number - y.number })
	walked := 0
	for walked < len(pages) && pages[walked].number == walked+1 {
		walked++
	}
	if walked < len(pages) {
		a.summary.Truncated = true
	}
	pages = pages[:walked]
	a.summary.Walked = walked
	a.summary.Rendered = 0
	rendering := true
	for _, po := range pages {
		a.pages = append(a.pages, po.page)
		if po.page.visible > 0 {
			a.textPages++
		}
		if po.skipped {
			rendering = false
		}
		if rendering && po.page.visible > 0 {
			a.summary.Rendered++
			a.runs = append(a.runs, po.runs...)
		}
	}
}

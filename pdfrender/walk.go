package pdfrender

import (
	"context"
	"image"
	"image/color"
	"math"
	"strings"
	"time"
	"unicode"

	"github.com/klippa-app/go-pdfium/enums"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
)

// RenderMode is the PDF text rendering mode (Tr operator, ISO 32000-1 9.3.6).
type RenderMode int

const (
	ModeFill RenderMode = iota
	ModeStroke
	ModeFillStroke
	ModeInvisible // the OCR layer of a scanned document
	ModeFillClip
	ModeStrokeClip
	ModeFillStrokeClip
	ModeClip
)

// Visible reports whether text in this mode paints anything.
func (m RenderMode) Visible() bool { return m != ModeInvisible && m != ModeClip }

// TextRun is the text of one text object (one show-text operation): the same font,
// size, colour and mode throughout.
type TextRun struct {
	Text  string // the run's text, at most maxRunText characters
	Chars int    // visible characters (no spaces)
	// Letters counts the characters that are letters or digits: a run without any
	// (leaders, rules drawn with "_", bullets, symbols) is not text to read.
	Letters int
	Fill    color.RGBA // fill colour, alpha not premultiplied
	Stroke  color.RGBA
	Mode    RenderMode
	Size    float64 // effective size in points: font size × text matrix scale
	Weight  int     // font weight (400 normal, 700 bold), 0 when unknown
	Bold    bool    // weight ≥ 600, a ForceBold font or a bold font name
	Font    string
	Box     image.Rectangle   // union of the glyph boxes, in pixels of the rendered page
	Glyphs  []image.Rectangle // each glyph's box (advance × ascent–descent), in pixels
}

// Colour is the colour the run paints its glyphs with.
func (r *TextRun) Colour() color.RGBA {
	switch r.Mode {
	case ModeStroke, ModeStrokeClip:
		return r.Stroke
	}
	return r.Fill
}

// Page is what Walk gives for each page.
type Page struct {
	Number            int     // 1-based
	WidthPt, HeightPt float64 // size as displayed
	// Image is the rendered page, nil when Options.Render is false. It is reused for
	// the next page: copy it to keep it.
	Image *image.RGBA
	Scale float64 // pixels per point in Image
	Runs  []TextRun
	// ImageCoverage is the fraction of the page area painted by images (0 to 1), or -1
	// when not measured (Options) or unknown (more objects than the walk reads).
	ImageCoverage float64
	Images        int // image objects on the page, forms included
}

// VisibleChars counts characters that paint something.
func (p *Page) VisibleChars() int {
	n := 0
	for i := range p.Runs {
		if p.Runs[i].Mode.Visible() {
			n += p.Runs[i].Chars
		}
	}
	return n
}

// InvisibleChars counts characters in invisible mode (an OCR layer).
func (p *Page) InvisibleChars() int {
	n := 0
	for i := range p.Runs {
		if !p.Runs[i].Mode.Visible() {
			n += p.Runs[i].Chars
		}
	}
	return n
}

// Options choose what Walk computes and bound what it may spend.
type Options struct {
	Render bool // render each page
	// RenderOnlyText renders only the pages that have visible text (enough for
	// contrast), which skips the costly scanned pages.
	RenderOnlyText bool
	DPI            float64 // resolution of the rendering (ContrastDPI when 0)
	Text           bool    // read text runs
	Images         bool    // measure image coverage
	// ImagesBelowChars, when set, measures coverage only on pages with fewer visible
	// characters: walking every object of a page of text costs more than its text.
	ImagesBelowChars int
	MaxPages         int   // pages walked (DefaultMaxPages when 0)
	PagePixels       int64 // pixels of one rendered page (DefaultPagePixels when 0)
	TotalPixels      int64 // pixels rendered for the whole document (DefaultTotalPixels when 0)
	// Deadline, when set, stops the walk (Truncated) before a page that would start
	// after it, so that a long document gives partial results within the caller's time
	// instead of none.
	Deadline time.Time
	// RenderDeadline, when set, stops rendering (RenderTruncated) after it; the walk
	// goes on with text and images, which cost a fraction of a render.
	RenderDeadline time.Time
}

// Summary says how much of the document Walk covered.
type Summary struct {
	Pages  int // pages in the document
	Walked int // pages given to fn
	// Truncated is set when a budget (pages or time) stopped the walk early.
	Truncated bool
	// Rendered counts the pages rendered; RenderTruncated is set when the pixel or time
	// budget stopped rendering while pages that needed it were left.
	Rendered        int
	RenderTruncated bool
}

// Limits on what one page may hold, against hostile files.
const (
	maxRunText     = 80
	maxCharsPage   = 200_000
	maxObjectsPage = 100_000
	maxFormDepth   = 16
	coverageGrid   = 96
	maxHandles     = 200_000
)

// Walk opens data once and calls fn for each page in order, within the budgets of opt.
// The Page and its slices are reused: fn must copy what it keeps. It stops at the first
// error of fn and when ctx ends.
func Walk(ctx context.Context, data []byte, opt Options, fn func(*Page) error) (Summary, error) {
	// What the parent saw, for a walk stopped before its summary came back.
	var seen Summary
	r, ok, err := remote(ctx, &request{Op: "walk", Data: data, Opt: opt}, func(r *reply) (ack, error) {
		seen.Walked++
		if r.Page.Image != nil {
			seen.Rendered++
		}
		return ack{}, fn(r.Page)
	})
	if ok {
		if err != nil {
			return seen, err
		}
		return r.Summary, nil
	}
	return localWalk(ctx, data, opt, fn)
}

// withDefaults fills the budgets Options leaves zero.
func (opt Options) withDefaults() Options {
	if opt.DPI <= 0 {
		opt.DPI = ContrastDPI
	}
	if opt.MaxPages <= 0 {
		opt.MaxPages = DefaultMaxPages
	}
	if opt.PagePixels <= 0 {
		opt.PagePixels = DefaultPagePixels
	}
	if opt.TotalPixels <= 0 {
		opt.TotalPixels = DefaultTotalPixels
	}
	return opt
}

func localWalk(ctx context.Context, data []byte, opt Options, fn func(*Page) error) (Summary, error) {
	opt = opt.withDefaults()
	var sum Summary
	err := with(ctx, data, func(s *session) error {
		n, err := s.pageCount()
		if err != nil {
			return err
		}
		sum.Pages = n
		w := walker{ctx: ctx, s: s, opt: opt, handles: maxHandles}
		if pageBuffer != nil {
			// In a worker, pages are drawn straight into the memory shared with the parent.
			w.img = &image.RGBA{Pix: pageBuffer[:0]}
		}
		spent := int64(0)
		for i := 0; i < n; i++ {
			if err := ctx.Err(); err != nil {
				return err
			}
			if i >= opt.MaxPages || (!opt.Deadline.IsZero() && time.Now().After(opt.Deadline)) {
				sum.Truncated = true
				break
			}
			if !opt.RenderDeadline.IsZero() && time.Now().After(opt.RenderDeadline) {
				w.noRender = true
			}
			pg, err := w.page(i, &spent)
			if err != nil {
				return err
			}
			sum.Walked++
			if pg.Image != nil {
				sum.Rendered++
			}
			if w.skipped {
				sum.RenderTruncated = true
			}
			if err := fn(pg); err != nil {
				return err
			}
		}
		return nil
	})
	return sum, err
}

type walker struct {
	ctx      context.Context
	s        *session
	opt      Options
	page_    Page
	img      *image.RGBA
	glyphs   []image.Rectangle
	rects    []image.Rectangle
	runes    []rune
	grid     [coverageGrid * coverageGrid]bool
	noRender bool // the pixel or time budget for rendering is spent
	skipped  bool // a page that needed rendering was not rendered
	// handles counts down the page-object handles go-pdfium may still register for this
	// document: it keeps each one until the renderer is released.
	handles int
}

// affine maps page space (points, y up) to pixels of the rendered page.
type affine struct{ a, b, c, d, e, f float64 }

func (m affine) apply(x, y float64) (float64, float64) {
	return m.a*x + m.c*y + m.e, m.b*x + m.d*y + m.f
}

func (m affine) rect(l, b, r, t float64) image.Rectangle {
	x0, y0 := m.apply(l, b)
	x1, y1 := m.apply(r, t)
	x2, y2 := m.apply(l, t)
	x3, y3 := m.apply(r, b)
	minx := math.Min(math.Min(x0, x1), math.Min(x2, x3))
	maxx := math.Max(math.Max(x0, x1), math.Max(x2, x3))
	miny := math.Min(math.Min(y0, y1), math.Min(y2, y3))
	maxy := math.Max(math.Max(y0, y1), math.Max(y2, y3))
	return image.Rect(int(math.Floor(minx)), int(math.Floor(miny)), int(math.Ceil(maxx)), int(math.Ceil(maxy)))
}

// toDevice asks PDFium for the page-to-pixel mapping (it knows /Rotate and the crop
// box origin) by mapping three far-apart points, which keeps rounding under 0.001 px/pt.
func (w *walker) toDevice(pg references.FPDF_PAGE, pw, ph int) (affine, error) {
	const far = 10000
	pt := func(x, y float64) (float64, float64, error) {
		r, err := w.s.inst.FPDF_PageToDevice(&requests.FPDF_PageToDevice{
			Page: requests.Page{ByReference: &pg}, SizeX: pw, SizeY: ph,
			Rotate: enums.FPDF_PAGE_ROTATION_NONE, PageX: x, PageY: y,
		})
		if err != nil {
			return 0, 0, err
		}
		return float64(r.DeviceX), float64(r.DeviceY), nil
	}
	ox, oy, err := pt(0, 0)
	if err != nil {
		return affine{}, err
	}
	xx, xy, err := pt(far, 0)
	if err != nil {
		return affine{}, err
	}
	yx, yy, err := pt(0, far)
	if err != nil {
		return affine{}, err
	}
	return affine{a: (xx - ox) / far, b: (xy - oy) / far, c: (yx - ox) / far, d: (yy - oy) / far, e: ox, f: oy}, nil
}

func (w *walker) page(i int, spent *int64) (*Page, error) {
	s := w.s
	pg, err := s.loadPage(i)
	if err != nil {
		return nil, err
	}
	defer s.closePage(pg)
	wpt, hpt, err := s.pageSize(pg)
	if err != nil {
		return nil, err
	}
	p := &w.page_
	*p = Page{Number: i + 1, WidthPt: wpt, HeightPt: hpt, Runs: p.Runs[:0]}
	pw, ph := pixelSize(wpt, hpt, w.opt.DPI, w.opt.PagePixels)
	p.Scale = float64(pw) / wpt
	m, err := w.toDevice(pg, pw, ph)
	if err != nil {
		return nil, err
	}
	if w.opt.Text {
		if err := w.text(pg, m, p); err != nil {
			return nil, err
		}
	}
	p.ImageCoverage = -1
	if w.opt.Images && (w.opt.ImagesBelowChars <= 0 || p.VisibleChars() < w.opt.ImagesBelowChars) {
		if err := w.coverage(pg, m, pw, ph, p); err != nil {
			return nil, err
		}
	}
	wanted := w.opt.Render && (!w.opt.RenderOnlyText || p.VisibleChars() > 0)
	if wanted && *spent+int64(pw)*int64(ph) > w.opt.TotalPixels {
		w.noRender = true
	}
	if wanted && w.noRender {
		w.skipped = true
	} else if wanted {
		*spent += int64(pw) * int64(ph)
		w.img, err = s.render(pg, pw, ph, w.img)
		if err != nil {
			return nil, err
		}
		p.Image = w.img
		if p.Images > 0 {
			s.discard = true // decoded images have grown the renderer's memory
		}
		if iw, ih := w.img.Rect.Dx(), w.img.Rect.Dy(); iw != pw || ih != ph {
			// PDFium rounded the size differently: bring the boxes to the image.
			w.rescale(p, float64(iw)/float64(pw), float64(ih)/float64(ph))
			p.Scale = float64(iw) / wpt
		}
	}
	return p, nil
}

func (w *walker) rescale(p *Page, sx, sy float64) {
	f := func(r image.Rectangle) image.Rectangle {
		return image.Rect(int(math.Floor(float64(r.Min.X)*sx)), int(math.Floor(float64(r.Min.Y)*sy)),
			int(math.Ceil(float64(r.Max.X)*sx)), int(math.Ceil(float64(r.Max.Y)*sy)))
	}
	for i := range w.glyphs {
		w.glyphs[i] = f(w.glyphs[i])
	}
	for i := range p.Runs {
		p.Runs[i].Box = f(p.Runs[i].Box)
	}
}

// text reads the page's characters into runs: consecutive characters on one line with
// the same fill colour, size and weight. PDFium's per-character calls are cheap; asking
// for a character's text object is not (go-pdfium registers a handle each time), so the
// render mode and font are read once per run.
func (w *walker) text(pg references.FPDF_PAGE, m affine, p *Page) error {
	inst := w.s.inst
	tp, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: requests.Page{ByReference: &pg}})
	if err != nil {
		return err
	}
	defer inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	t := tp.TextPage
	cnt, err := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: t})
	if err != nil {
		return err
	}
	n := min(cnt.Count, maxCharsPage)
	w.glyphs = w.glyphs[:0]
	if n == 0 {
		return nil
	}
	// The page's text in one call; per-character calls only if it does not map one
	// character to one rune.
	w.runes = w.runes[:0]
	if txt, err := inst.FPDFText_GetText(&requests.FPDFText_GetText{TextPage: t, StartIndex: 0, Count: n}); err == nil {
		for _, r := range txt.Text {
			w.runes = append(w.runes, r)
		}
	}
	if len(w.runes) != n {
		w.runes = w.runes[:0]
		for i := 0; i < n; i++ {
			u, err := inst.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: t, Index: i})
			if err != nil {
				return err
			}
			w.runes = append(w.runes, rune(u.Unicode))
		}
	}
	// PDFium's text rectangles: one per text object and line. A character that enters
	// the next rectangle starts a new run, which is how runs follow text objects
	// without asking for each character's object.
	w.rects = w.rects[:0]
	if nr, err := inst.FPDFText_CountRects(&requests.FPDFText_CountRects{TextPage: t, StartIndex: 0, Count: -1}); err == nil {
		for j := 0; j < min(nr.Count, maxCharsPage); j++ {
			r, err := inst.FPDFText_GetRect(&requests.FPDFText_GetRect{TextPage: t, Index: j})
			if err != nil {
				break
			}
			w.rects = append(w.rects, m.rect(r.Left, r.Bottom, r.Right, r.Top))
		}
	}
	var (
		run   *TextRun
		size  float64
		rect  = -1
		last  image.Rectangle // previous glyph of the run
		start int             // first glyph of run in w.glyphs
		sb    strings.Builder
	)
	flush := func() {
		if run == nil {
			return
		}
		run.Text = strings.TrimSpace(sb.String())
		run.Glyphs = w.glyphs[start:len(w.glyphs):len(w.glyphs)]
		if run.Chars == 0 {
			p.Runs = p.Runs[:len(p.Runs)-1]
		}
		run = nil
		sb.Reset()
	}
	for i := 0; i < n; i++ {
		if i%512 == 511 && w.ctx.Err() != nil {
			return w.ctx.Err()
		}
		r := w.runes[i]
		if unicode.IsSpace(r) || r == 0xfffe || r == 0 {
			if run != nil && sb.Len() < maxRunText && r == ' ' {
				sb.WriteByte(' ')
			}
			continue
		}
		box, err := inst.FPDFText_GetLooseCharBox(&requests.FPDFText_GetLooseCharBox{TextPage: t, Index: i})
		if err != nil {
			return err
		}
		g := m.rect(float64(box.Rect.Left), float64(box.Rect.Bottom), float64(box.Rect.Right), float64(box.Rect.Top))
		nextRect := rect
		if rect < 0 || rect >= len(w.rects) || !holds(w.rects[rect], g) {
			for k := rect + 1; k < min(rect+8, len(w.rects)); k++ {
				if holds(w.rects[k], g) {
					nextRect = k
					break
				}
			}
		}
		fs, err := inst.FPDFText_GetFontSize(&requests.FPDFText_GetFontSize{TextPage: t, Index: i})
		if err != nil {
			return err
		}
		fontSize, fill := fs.FontSize, color.RGBA{}
		if run != nil {
			fill = run.Fill
		}
		// A change of colour starts a new run, even within one of PDFium's rectangles
		// (a coloured quotation mark or bullet before the words). Colours change
		// between words and around punctuation, so only there is it asked (each call
		// costs about as much as the character's box), and not again for the run the
		// character starts. Skipping size and colour for glyphs inside the run's
		// rectangle was tried: rectangles overlap in real files (a link set glyph by
		// glyph, kerned), and runs changed.
		filled := false
		if run != nil && (i == 0 || !alnum(w.runes[i-1]) || !alnum(r)) {
			fc, err := inst.FPDFText_GetFillColor(&requests.FPDFText_GetFillColor{TextPage: t, Index: i})
			if err != nil {
				return err
			}
			fill = color.RGBA{uint8(fc.R), uint8(fc.G), uint8(fc.B), uint8(fc.A)}
			filled = true
		}
		if run == nil || fontSize != size || fill != run.Fill || nextRect != rect || !sameLine(run.Box, last, g) {
			flush()
			size, rect = fontSize, nextRect
			p.Runs = append(p.Runs, TextRun{Size: size})
			run = &p.Runs[len(p.Runs)-1]
			start = len(w.glyphs)
			var known *color.RGBA
			if filled {
				known = &fill
			}
			if err := w.runStyle(t, i, run, known); err != nil {
				return err
			}
		}
		if sb.Len() < maxRunText {
			sb.WriteRune(r)
		}
		run.Chars++
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			run.Letters++
		}
		if g.Empty() {
			continue
		}
		last = g
		w.glyphs = append(w.glyphs, g)
		run.Box = run.Box.Union(g)
	}
	flush()
	// The glyph slice may have moved while growing: point every run at the final one.
	k := 0
	for i := range p.Runs {
		ng := len(p.Runs[i].Glyphs)
		p.Runs[i].Glyphs = w.glyphs[k : k+ng : k+ng]
		k += ng
	}
	return nil
}

func alnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// sameLine reports whether glyph g continues the run whose glyphs span box and whose
// last glyph is last: its vertical middle lies within the run's band, it does not jump
// back to the left, and the gap from the last glyph is not wider than about an em (a
// column or a tab stop starts a new run).
func sameLine(box, last, g image.Rectangle) bool {
	if last.Empty() || g.Empty() {
		return true
	}
	mid := (g.Min.Y + g.Max.Y) / 2
	if mid < box.Min.Y || mid > box.Max.Y || g.Max.X < last.Min.X {
		return false
	}
	em := max(last.Dy(), g.Dy(), box.Dy()*2/3)
	return g.Min.X-last.Max.X <= em*3/2
}

// runStyle completes the style of the run whose first character is index i: fill
// colour (unless already known), render mode, stroke colour, effective size and
// boldness. Values it cannot read keep their defaults (fill mode, Tf size), which
// check the text rather than skip it.
func (w *walker) runStyle(t references.FPDF_TEXTPAGE, i int, run *TextRun, fill *color.RGBA) error {
	inst := w.s.inst
	if fill != nil {
		run.Fill = *fill
	} else {
		fc, err := inst.FPDFText_GetFillColor(&requests.FPDFText_GetFillColor{TextPage: t, Index: i})
		if err != nil {
			return err
		}
		run.Fill = color.RGBA{uint8(fc.R), uint8(fc.G), uint8(fc.B), uint8(fc.A)}
	}
	if fw, err := inst.FPDFText_GetFontWeight(&requests.FPDFText_GetFontWeight{TextPage: t, Index: i}); err == nil && fw.FontWeight > 0 {
		run.Weight = fw.FontWeight
	}
	if w.handles > 0 {
		w.handles--
		if obj, err := inst.FPDFText_GetTextObject(&requests.FPDFText_GetTextObject{TextPage: t, Index: i}); err == nil {
			if rm, err := inst.FPDFTextObj_GetTextRenderMode(&requests.FPDFTextObj_GetTextRenderMode{PageObject: obj.TextObject}); err == nil {
				run.Mode = RenderMode(rm.TextRenderMode)
			}
		}
	}
	if sc, err := inst.FPDFText_GetStrokeColor(&requests.FPDFText_GetStrokeColor{TextPage: t, Index: i}); err == nil {
		run.Stroke = color.RGBA{uint8(sc.R), uint8(sc.G), uint8(sc.B), uint8(sc.A)}
	}
	if mx, err := inst.FPDFText_GetMatrix(&requests.FPDFText_GetMatrix{TextPage: t, Index: i}); err == nil {
		// The em square's height is the font size times the length of the matrix's
		// vertical vector.
		if sc := math.Hypot(float64(mx.Matrix.C), float64(mx.Matrix.D)); sc > 0 && sc < 1e6 {
			run.Size *= sc
		}
	}
	const forceBold = 1 << 18
	flags := 0
	if fi, err := inst.FPDFText_GetFontInfo(&requests.FPDFText_GetFontInfo{TextPage: t, Index: i}); err == nil {
		run.Font = fi.FontName
		flags = fi.Flags
	}
	run.Bold = run.Weight >= 600 || flags&forceBold != 0 || boldName(run.Font)
	return nil
}

// holds reports whether text rectangle r holds glyph g: g's middle lies in r, allowing
// for rounding.
func holds(r, g image.Rectangle) bool {
	cx, cy := (g.Min.X+g.Max.X)/2, (g.Min.Y+g.Max.Y)/2
	return cx >= r.Min.X-1 && cx <= r.Max.X+1 && cy >= r.Min.Y-1 && cy <= r.Max.Y+1
}

// boldName recognises bold faces by name (Helvetica-Bold, Arial,Bold, Roboto-Black…).
func boldName(name string) bool {
	n := strings.ToLower(name)
	if i := strings.IndexByte(n, '+'); i == 6 { // subset prefix ABCDEF+
		n = n[i+1:]
	}
	for _, w := range []string{"bold", "black", "heavy", "semibold", "demi"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// coverage measures the fraction of the page that image objects paint, on a grid of
// coverageGrid² cells, walking form XObjects with their matrices.
func (w *walker) coverage(pg references.FPDF_PAGE, m affine, pw, ph int, p *Page) error {
	inst := w.s.inst
	clear(w.grid[:])
	cnt, err := inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: requests.Page{ByReference: &pg}})
	if err != nil {
		return err
	}
	budget := min(maxObjectsPage, w.handles)
	defer func() { w.handles -= min(maxObjectsPage, w.handles) - budget }()
	if budget == 0 {
		p.ImageCoverage = -1
		return nil
	}
	for i := 0; i < cnt.Count && budget > 0; i++ {
		o, err := inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: requests.Page{ByReference: &pg}, Index: i})
		if err != nil {
			return err
		}
		budget--
		w.object(o.PageObject, m, pw, ph, p, 0, &budget)
	}
	marked := 0
	for _, b := range w.grid {
		if b {
			marked++
		}
	}
	p.ImageCoverage = float64(marked) / float64(len(w.grid))
	return nil
}

func (w *walker) object(o references.FPDF_PAGEOBJECT, m affine, pw, ph int, p *Page, depth int, budget *int) {
	inst := w.s.inst
	ty, err := inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: o})
	if err != nil {
		return
	}
	switch ty.Type {
	case enums.FPDF_PAGEOBJ_IMAGE:
		b, err := inst.FPDFPageObj_GetBounds(&requests.FPDFPageObj_GetBounds{PageObject: o})
		if err != nil {
			return
		}
		p.Images++
		w.mark(m.rect(float64(b.Left), float64(b.Bottom), float64(b.Right), float64(b.Top)), pw, ph)
	case enums.FPDF_PAGEOBJ_FORM:
		if depth >= maxFormDepth {
			return
		}
		fm, err := inst.FPDFPageObj_GetMatrix(&requests.FPDFPageObj_GetMatrix{PageObject: o})
		if err != nil {
			return
		}
		// Objects inside a form are in the form's space: page = form matrix × child.
		f := fm.Matrix
		inner := affine{
			a: m.a*float64(f.A) + m.c*float64(f.B),
			b: m.b*float64(f.A) + m.d*float64(f.B),
			c: m.a*float64(f.C) + m.c*float64(f.D),
			d: m.b*float64(f.C) + m.d*float64(f.D),
		}
		inner.e, inner.f = m.apply(float64(f.E), float64(f.F))
		cnt, err := inst.FPDFFormObj_CountObjects(&requests.FPDFFormObj_CountObjects{PageObject: o})
		if err != nil {
			return
		}
		for i := 0; i < cnt.Count && *budget > 0; i++ {
			c, err := inst.FPDFFormObj_GetObject(&requests.FPDFFormObj_GetObject{PageObject: o, Index: uint64(i)})
			if err != nil {
				return
			}
			*budget--
			w.object(c.PageObject, inner, pw, ph, p, depth+1, budget)
		}
	}
}

// mark sets the grid cells whose centre lies in r (pixels of a pw × ph page).
func (w *walker) mark(r image.Rectangle, pw, ph int) {
	const g = coverageGrid
	for gy := 0; gy < g; gy++ {
		cy := (float64(gy) + 0.5) * float64(ph) / g
		if cy < float64(r.Min.Y) || cy >= float64(r.Max.Y) {
			continue
		}
		for gx := 0; gx < g; gx++ {
			cx := (float64(gx) + 0.5) * float64(pw) / g
			if cx >= float64(r.Min.X) && cx < float64(r.Max.X) {
				w.grid[gy*g+gx] = true
			}
		}
	}
}

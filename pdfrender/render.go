package pdfrender

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"

	"github.com/klippa-app/go-pdfium/enums"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
)

// Resolutions for each use. Contrast sampling needs glyph gaps of a few pixels, which
// 2× screen resolution gives for 9 pt text; previews only need to be recognisable.
const (
	ContrastDPI = 144
	PreviewDPI  = 72
)

// Default budgets, used when Options leaves them zero. A page of A4 at 144 dpi is 2 Mpx;
// a poster-sized page is scaled down to fit PagePixels rather than refused.
const (
	DefaultPagePixels  = 4_000_000
	DefaultTotalPixels = 4_000_000_000
	DefaultMaxPages    = 2000
)

// ErrPage is returned for a page number out of range.
var ErrPage = errors.New("no such page")

type docRef = references.FPDF_DOCUMENT

// openDoc opens data in the session's renderer. PDFium copies the bytes into the
// module's memory; nothing is read from a path.
func (s *session) openDoc(data []byte) error {
	if len(data) == 0 {
		return errors.New("empty PDF")
	}
	res, err := s.inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		return fmt.Errorf("PDF renderer cannot open the document: %w", err)
	}
	d := res.Document
	s.doc = &d
	if len(data) > discardAbove {
		s.discard = true
	}
	return nil
}

func (s *session) closeDoc() {
	s.dropBitmap()
	if s.doc != nil {
		s.inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: *s.doc})
		s.doc = nil
	}
}

func (s *session) pageCount() (int, error) {
	res, err := s.inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: *s.doc})
	if err != nil {
		return 0, err
	}
	return res.PageCount, nil
}

// with runs fn with a renderer holding data open, turning a panic of the library into
// an error and a cancelled context into ctx.Err().
func with(ctx context.Context, data []byte, fn func(s *session) error) (err error) {
	if err := ctx.Err(); err != nil {
		return err
	}
	s, err := acquire(ctx)
	if err != nil {
		return err
	}
	// At the deadline the renderer is closed under the running call, which then
	// returns an error: rendering and text extraction really stop.
	stop := context.AfterFunc(ctx, s.kill)
	defer func() {
		stop()
		if r := recover(); r != nil {
			err = fmt.Errorf("PDF renderer failed: %v", r)
		}
		if err != nil {
			// A renderer that failed (a trap, memory exhausted by a hostile file) may be
			// left broken or at its memory peak: never reuse it for the next document.
			s.discard = true
		}
		s.release()
		if ctx.Err() != nil {
			err = ctx.Err()
		}
	}()
	if err := s.openDoc(data); err != nil {
		return err
	}
	return fn(s)
}

// PageCount returns the number of pages PDFium sees in data.
func PageCount(ctx context.Context, data []byte) (int, error) {
	if r, ok, err := remote(ctx, &request{Op: "count", Data: data}, nil); ok {
		if err != nil {
			return 0, err
		}
		return r.Count, nil
	}
	return localPageCount(ctx, data)
}

func localPageCount(ctx context.Context, data []byte) (int, error) {
	n := 0
	err := with(ctx, data, func(s *session) (err error) {
		n, err = s.pageCount()
		return err
	})
	return n, err
}

// RenderPage renders page (1-based) of data at dpi (PreviewDPI or ContrastDPI are
// typical), scaled down if needed to stay within DefaultPagePixels. The image is the
// caller's.
func RenderPage(ctx context.Context, data []byte, page int, dpi float64) (*image.RGBA, error) {
	if r, ok, err := remote(ctx, &request{Op: "render", Data: data, Page: page, DPI: dpi}, nil); ok {
		if err != nil {
			return nil, err
		}
		return r.Image, nil
	}
	return localRenderPage(ctx, data, page, dpi)
}

func localRenderPage(ctx context.Context, data []byte, page int, dpi float64) (*image.RGBA, error) {
	var out *image.RGBA
	err := with(ctx, data, func(s *session) error {
		n, err := s.pageCount()
		if err != nil {
			return err
		}
		if page < 1 || page > n {
			return fmt.Errorf("%w: page %d of %d", ErrPage, page, n)
		}
		pg, err := s.loadPage(page - 1)
		if err != nil {
			return err
		}
		defer s.closePage(pg)
		w, h, err := s.pageSize(pg)
		if err != nil {
			return err
		}
		pw, ph := pixelSize(w, h, dpi, DefaultPagePixels)
		out, err = s.render(pg, pw, ph, nil)
		return err
	})
	return out, err
}

// RenderPages renders pages (1-based, in the order given) of data at dpi, opening the
// document once, and calls fn with each image, which fn may keep, and its scale from
// page points to pixels. It stops at fn's first error.
func RenderPages(ctx context.Context, data []byte, pages []int, dpi float64, fn func(page int, img *image.RGBA, scale float64) error) error {
	_, ok, err := remote(ctx, &request{Op: "pages", Data: data, Pages: pages, DPI: dpi}, func(r *reply) (ack, error) {
		return ack{}, fn(r.Number, r.Image, r.Scale)
	})
	if ok {
		return err
	}
	return localRenderPages(ctx, data, pages, dpi, fn)
}

func localRenderPages(ctx context.Context, data []byte, pages []int, dpi float64, fn func(page int, img *image.RGBA, scale float64) error) error {
	return with(ctx, data, func(s *session) error {
		n, err := s.pageCount()
		if err != nil {
			return err
		}
		for _, page := range pages {
			if err := ctx.Err(); err != nil {
				return err
			}
			if page < 1 || page > n {
				return fmt.Errorf("%w: page %d of %d", ErrPage, page, n)
			}
			pg, err := s.loadPage(page - 1)
			if err != nil {
				return err
			}
			w, h, err := s.pageSize(pg)
			if err != nil {
				s.closePage(pg)
				return err
			}
			pw, ph := pixelSize(w, h, dpi, DefaultPagePixels)
			img, err := s.render(pg, pw, ph, nil)
			s.closePage(pg)
			if err != nil {
				return err
			}
			if err := fn(page, img, float64(pw)/w); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *session) loadPage(index int) (references.FPDF_PAGE, error) {
	res, err := s.inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: *s.doc, Index: index})
	if err != nil {
		return "", fmt.Errorf("page %d: %w", index+1, err)
	}
	return res.Page, nil
}

func (s *session) closePage(pg references.FPDF_PAGE) {
	s.inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: pg})
}

// pageSize is the page's size in points as displayed (after /Rotate).
func (s *session) pageSize(pg references.FPDF_PAGE) (w, h float64, err error) {
	ref := requests.Page{ByReference: &pg}
	rw, err := s.inst.FPDF_GetPageWidthF(&requests.FPDF_GetPageWidthF{Page: ref})
	if err != nil {
		return 0, 0, err
	}
	rh, err := s.inst.FPDF_GetPageHeightF(&requests.FPDF_GetPageHeightF{Page: ref})
	if err != nil {
		return 0, 0, err
	}
	w, h = float64(rw.PageWidth), float64(rh.PageHeight)
	if !(w > 0 && h > 0) || w > 1e6 || h > 1e6 {
		return 0, 0, fmt.Errorf("page has an invalid size %.0f × %.0f pt", w, h)
	}
	return w, h, nil
}

// pixelSize chooses the rendered size of a w × h pt page at dpi, scaled down so that
// it has at most maxPixels pixels.
func pixelSize(w, h, dpi float64, maxPixels int64) (int, int) {
	if dpi <= 0 {
		dpi = PreviewDPI
	}
	if maxPixels <= 0 {
		maxPixels = DefaultPagePixels
	}
	scale := dpi / 72
	if px := w * h * scale * scale; px > float64(maxPixels) {
		scale *= math.Sqrt(float64(maxPixels) / px)
	}
	pw, ph := int(math.Round(w*scale)), int(math.Round(h*scale))
	if int64(pw)*int64(ph) > maxPixels { // rounding up both sides can overshoot
		pw, ph = int(w*scale), int(h*scale)
	}
	pw, ph = max(pw, 1), max(ph, 1)
	// A sliver page (one side below a pixel) keeps the long side within the budget.
	if int64(pw)*int64(ph) > maxPixels {
		if pw > ph {
			pw = int(maxPixels / int64(ph))
		} else {
			ph = int(maxPixels / int64(pw))
		}
	}
	return max(pw, 1), max(ph, 1)
}

// render draws the page into an RGBA image of pw × ph, reusing buf when it is large
// enough. Transparent pages are composited over white, as a viewer shows them. The
// renderer's bitmap is kept for the next page of the same size: a new one per page
// (8 MB for A4 at 144 dpi) is allocated and cleared inside the renderer each time.
func (s *session) render(pg references.FPDF_PAGE, pw, ph int, buf *image.RGBA) (*image.RGBA, error) {
	inst := s.inst
	ref := requests.Page{ByReference: &pg}
	if s.bitmap != "" && (s.bitmapW != pw || s.bitmapH != ph) {
		s.dropBitmap()
	}
	if s.bitmap == "" {
		if int64(pw)*int64(ph)*4 > math.MaxUint32 {
			return nil, errors.New("the image to render is too large")
		}
		bm, err := inst.FPDFBitmap_Create(&requests.FPDFBitmap_Create{Width: pw, Height: ph, Alpha: 1})
		if err != nil {
			return nil, err
		}
		if bm.Bitmap == "" {
			return nil, errors.New("could not create bitmap, the image to render is most likely too large")
		}
		s.bitmap, s.bitmapW, s.bitmapH = bm.Bitmap, pw, ph
	}
	tr, err := inst.FPDFPage_HasTransparency(&requests.FPDFPage_HasTransparency{Page: ref})
	if err != nil {
		return nil, err
	}
	// A transparent page is drawn over transparent black, then composited over white:
	// drawing it over white would blend differently.
	fill := uint64(0xFFFFFFFF)
	if tr.HasTransparency {
		fill = 0
	}
	if _, err := inst.FPDFBitmap_FillRect(&requests.FPDFBitmap_FillRect{Bitmap: s.bitmap, Width: pw, Height: ph, Color: fill}); err != nil {
		return nil, err
	}
	if _, err := inst.FPDF_RenderPageBitmap(&requests.FPDF_RenderPageBitmap{
		Bitmap: s.bitmap, Page: ref, SizeX: pw, SizeY: ph,
		Flags: enums.FPDF_RENDER_FLAG_ANNOT | enums.FPDF_RENDER_FLAG_REVERSE_BYTE_ORDER,
	}); err != nil {
		return nil, err
	}
	st, err := inst.FPDFBitmap_GetStride(&requests.FPDFBitmap_GetStride{Bitmap: s.bitmap})
	if err != nil {
		return nil, err
	}
	// A view of the renderer's memory, valid until the next call into it.
	src, err := inst.FPDFBitmap_GetBuffer(&requests.FPDFBitmap_GetBuffer{Bitmap: s.bitmap})
	if err != nil {
		return nil, err
	}
	stride, row := st.Stride, pw*4
	if stride < row || len(src.Buffer) < stride*(ph-1)+row {
		return nil, errors.New("renderer returned no image")
	}
	n := row * ph
	if buf == nil || cap(buf.Pix) < n {
		buf = &image.RGBA{Pix: make([]byte, n)}
	}
	buf.Pix = buf.Pix[:n]
	buf.Stride = row
	buf.Rect = image.Rect(0, 0, pw, ph)
	for y := 0; y < ph; y++ {
		copy(buf.Pix[y*row:(y+1)*row], src.Buffer[y*stride:y*stride+row])
	}
	if tr.HasTransparency {
		overWhite(buf.Pix)
	}
	return buf, nil
}

// dropBitmap destroys the bitmap kept for the next page.
func (s *session) dropBitmap() {
	if s.bitmap != "" {
		s.inst.FPDFBitmap_Destroy(&requests.FPDFBitmap_Destroy{Bitmap: s.bitmap})
		s.bitmap = ""
	}
}

// overWhite composites straight-alpha RGBA pixels over white, in place.
func overWhite(pix []byte) {
	for i := 0; i+3 < len(pix); i += 4 {
		a := uint32(pix[i+3])
		if a == 255 {
			continue
		}
		na := 255 - a
		for k := 0; k < 3; k++ {
			pix[i+k] = uint8((uint32(pix[i+k])*a + 255*na + 127) / 255)
		}
		pix[i+3] = 255
	}
}

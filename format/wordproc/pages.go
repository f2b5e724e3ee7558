package wordproc

import (
	"context"
	"image"

	"github.com/lab110bis/focusplus/office"
	"github.com/lab110bis/focusplus/pdfrender"
)

// PageImages draws pages as LibreOffice lays them out, converting the document to PDF
// once (shared with the rendered-page contrast check). It makes *Document a
// checker.PageImager. Pages past the last one LibreOffice lays out are left out; without
// LibreOffice, or when it fails on the document, the error says why (office.Reason).
func (d *Document) PageImages(ctx context.Context, pages []int, dpi float64, fn func(page int, img image.Image, scale float64) error) error {
	r, err := office.Render(ctx, d, d.Source, d.SourceFormat)
	if err != nil {
		return err
	}
	var within []int
	for _, p := range pages {
		if p >= 1 && p <= r.Pages {
			within = append(within, p)
		}
	}
	if len(within) == 0 {
		return pdfrender.ErrPage
	}
	return pdfrender.RenderPages(ctx, r.PDF, within, dpi, func(page int, img *image.RGBA, scale float64) error {
		return fn(page, img, scale)
	})
}

// PageCount is the number of pages as LibreOffice lays the document out.
func (d *Document) PageCount(ctx context.Context) (int, error) {
	r, err := office.Render(ctx, d, d.Source, d.SourceFormat)
	if err != nil {
		return 0, err
	}
	return r.Pages, nil
}

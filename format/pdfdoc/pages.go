package pdfdoc

import (
	"context"
	"image"

	"github.com/lab110bis/focusplus/pdfrender"
)

// PageImages draws pages through the PDF renderer, the document opened once for all of
// them. It makes *Doc a checker.PageImager.
func (d *Doc) PageImages(ctx context.Context, pages []int, dpi float64, fn func(page int, img image.Image, scale float64) error) error {
	return pdfrender.RenderPages(ctx, d.source, pages, dpi, func(page int, img *image.RGBA, scale float64) error {
		return fn(page, img, scale)
	})
}

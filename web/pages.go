package web

import (
	"context"
	"image"

	"github.com/lab110bis/focusplus/checker"
)

// a4HeightInches sizes the rendering: an A4 page's height fills maxSide pixels.
const a4HeightInches = 11.69

// renderPages is the default PageRenderer: the pages of any document that can draw them
// (checker.PageImager), the document opened once for all of them. It returns no pages
// and no error for a document that cannot draw its pages.
func renderPages(ctx context.Context, doc *checker.Document, pages []int, maxSide int) (imgs []image.Image, scales []float64, err error) {
	dpi := float64(maxSide) / a4HeightInches
	_, err = checker.PageImages(ctx, doc, pages, dpi, func(_ int, img image.Image, scale float64) error {
		imgs = append(imgs, img)
		scales = append(scales, scale)
		return nil
	})
	if err != nil && len(imgs) == 0 {
		return nil, nil, err
	}
	return imgs, scales, nil // keep the pages drawn before an error
}

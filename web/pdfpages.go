package web

import (
	"context"
	"image"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/pdfrender"
)

// a4HeightInches sizes the rendering: an A4 page's height fills maxSide pixels.
const a4HeightInches = 11.69

// renderPDFPages is the default PageRenderer: PDF pages through package pdfrender.
func renderPDFPages(ctx context.Context, doc *checker.Document, pages []int, maxSide int) ([]image.Image, []float64, error) {
	if doc.Format.Kind() != checker.KindPDF || len(doc.Source) == 0 {
		return nil, nil, nil
	}
	dpi := float64(maxSide) / a4HeightInches
	imgs := make([]image.Image, 0, len(pages))
	scales := make([]float64, 0, len(pages))
	for _, p := range pages {
		if err := ctx.Err(); err != nil {
			return imgs, scales, err
		}
		img, err := pdfrender.RenderPage(ctx, doc.Source, p, dpi)
		if err != nil {
			if len(imgs) > 0 {
				break // keep the pages rendered so far
			}
			return nil, nil, err
		}
		imgs = append(imgs, img)
		scales = append(scales, dpi/72) // finding boxes are in points, 72 to the inch
	}
	return imgs, scales, nil
}

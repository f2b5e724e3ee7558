package web

import (
	"context"
	"errors"
	"image"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/office"
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

// pageCounter is a document whose page count is known only once its pages are laid out
// (a DOCX or ODT, through LibreOffice): the loader's count is an estimate.
type pageCounter interface {
	PageCount(ctx context.Context) (int, error)
}

// pageCount is the number of pages a document can show, and, when it cannot show them
// (LibreOffice missing, or failing on this document), the reason to tell the reader.
func pageCount(ctx context.Context, doc *checker.Document) (int, checker.Text) {
	pc, ok := doc.Content.(pageCounter)
	if !ok {
		return doc.Pages, checker.Text{}
	}
	n, err := pc.PageCount(ctx)
	if err != nil {
		return 0, noPageView(err)
	}
	return n, checker.Text{}
}

// noPageView says why pages could not be drawn: LibreOffice's own reasons as they are.
func noPageView(err error) checker.Text {
	var oe *office.Error
	if errors.As(err, &oe) || errors.Is(err, office.ErrNotInstalled) {
		return office.Reason(err)
	}
	return tx("No preview: the pages could not be rendered.", "Pas d'aperçu : les pages n'ont pas pu être affichées.")
}

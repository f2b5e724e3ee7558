package checker

import (
	"context"
	"image"
)

// Optional capabilities: a document model (Document.Content) implements the ones it can
// offer, and callers ask "can this document give me pages?" rather than "is this a PDF?".

// PageImager is implemented by models whose pages can be drawn as images. It is the one
// path behind the web previews, the colour-blind views, the simulate API and
// `focus simulate`.
type PageImager interface {
	// PageImages draws pages (1-based, in the order given) at about dpi and calls fn with
	// each image and its scale from the units of finding boxes (PDF points, image
	// pixels) to image pixels. The document is opened once for all the pages. fn may keep
	// the image but not modify it. It stops at fn's first error and when ctx ends.
	PageImages(ctx context.Context, pages []int, dpi float64, fn func(page int, img image.Image, scale float64) error) error
}

// PageImages draws pages of doc through its PageImager; ok is false when the document
// cannot draw its pages.
func PageImages(ctx context.Context, doc *Document, pages []int, dpi float64, fn func(page int, img image.Image, scale float64) error) (ok bool, err error) {
	pi, ok := doc.Content.(PageImager)
	if !ok {
		return false, nil
	}
	return true, pi.PageImages(ctx, pages, dpi, fn)
}

// Package pdfvisual holds the PDF rules that look at pages as sighted readers see them:
// text contrast measured on the rendered page, and pages that are only a picture. They
// read the document's bytes (Document.Source) through the renderer in pdfrender
// and share one walk of the pages per document.
package pdfvisual

import "github.com/lab110bis/focusplus/checker"

// Rules lists the rules of this package in the order they run and are shown.
var Rules = []*checker.Rule{
	ScannedPage,
	TextContrast,
	TextContrastAAA,
}

// Package pdfvisual holds the PDF rules that look at pages as sighted readers see them:
// text contrast measured on the rendered page, and pages that are only a picture. They
// read the document's bytes (Document.Source) through the renderer in checker/pdfrender
// and share one walk of the pages per document.
package pdfvisual

import "github.com/lab110bis/focusplus/checker"

// Rules lists the rules of this package in the order they run and are shown.
//
// TextContrastAAA is not listed yet: the registry requires every WCAG rule to name its
// EN 301 549 clause and RGAA criterion, and 1.4.6 (level AAA) has neither, as both
// stop at level AA. It is tested here and joins the list once the registry accepts
// AAA-only criteria.
var Rules = []*checker.Rule{
	ScannedPage,
	TextContrast,
}

package office

import (
	"archive/zip"
	"bytes"
	"context"
	"time"

	"github.com/lab110bis/focusplus/pdfrender"
)

// SelfTest converts a one-page document built here and reports how long LibreOffice
// took: what `focus doctor` shows, and a way to measure start-up on a machine.
func (c *Converter) SelfTest(ctx context.Context) (time.Duration, error) {
	start := time.Now()
	pdf, err := c.Convert(ctx, minimalDOCX(), "docx")
	if err != nil {
		return 0, err
	}
	elapsed := time.Since(start)
	if n, err := pdfrender.PageCount(ctx, pdf); err != nil || n != 1 {
		return elapsed, unavailable("the test document came back with %d pages (%v)", "le document de test est revenu avec %d pages (%v)", n, err)
	}
	return elapsed, nil
}

// minimalDOCX is the smallest Word document LibreOffice opens: one paragraph.
func minimalDOCX() []byte {
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Focus+</w:t></w:r></w:p></w:body></w:document>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, _ := zw.Create(p.name)
		w.Write([]byte(p.body))
	}
	zw.Close()
	return buf.Bytes()
}

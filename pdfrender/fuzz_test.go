package pdfrender

import (
	"bytes"
	"context"
	"image/color"
	"testing"
	"time"

	"github.com/lab110bis/focusplus/internal/fixtures"
)

// FuzzWalk feeds hostile bytes to the renderer: it must return an error or pages that
// respect the budgets, never panic, hang past the deadline or break the pool.
func FuzzWalk(f *testing.F) {
	text := fixtures.VisualPDF{Tagged: true, Pages: []fixtures.VisualPage{fixtures.TextPage(color.Black, nil, 3)}}.Bytes()
	scan := fixtures.VisualPDF{Pages: []fixtures.VisualPage{{Images: []fixtures.VisualImage{{W: 612, H: 792, Img: fixtures.ScanImage(40, 50)}}}}}.Bytes()
	f.Add(text)
	f.Add(scan)
	f.Add(text[:len(text)/2])
	f.Add(bytes.Replace(text, []byte("/Count 1"), []byte("/Count 99999999"), 1))
	f.Add(bytes.Replace(text, []byte("MediaBox [0 0 612.00 792.00]"), []byte("MediaBox [0 0 1e30 -1e30]"), 1))
	f.Add(bytes.Replace(scan, []byte("/Width 40"), []byte("/Width 4000000"), 1))
	f.Add([]byte("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"))
	f.Add([]byte("not a pdf"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		opt := Options{Render: true, DPI: 36, Text: true, Images: true, MaxPages: 3, PagePixels: 200_000}
		sum, err := Walk(ctx, data, opt, func(p *Page) error {
			if p.Image != nil && p.Image.Rect.Dx()*p.Image.Rect.Dy() > 200_000 {
				t.Errorf("page %d rendered %v, over the pixel budget", p.Number, p.Image.Rect)
			}
			if c := p.ImageCoverage; c != -1 && (c < 0 || c > 1) {
				t.Errorf("coverage %v", c)
			}
			return nil
		})
		if err == nil && (sum.Walked > 3 || sum.Walked > sum.Pages) {
			t.Errorf("walked %d of %d pages with a budget of 3", sum.Walked, sum.Pages)
		}
	})
}

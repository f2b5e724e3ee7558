package web

import (
	"context"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/internal/fixtures"
	"github.com/lab110bis/focusplus/pdfrender"
	"github.com/lab110bis/focusplus/rules"
)

// pdfCountLoader stands in for the PDF loader in these tests: it only counts pages, so
// the previews and the simulation of PDF pages are tested through the real renderer.
func pdfCountLoader(ctx context.Context, name string, data []byte, format checker.Format, lim checker.Limits) (*checker.Document, error) {
	n, err := pdfrender.PageCount(ctx, data)
	if err != nil {
		return nil, checker.Errorf("unreadable PDF: %v", "PDF illisible : %v", err)
	}
	return &checker.Document{Name: name, Format: "pdf", Pages: n, Content: pdfPagesOnly(data)}, nil
}

// pdfPagesOnly draws the pages of a PDF and knows nothing else about it.
type pdfPagesOnly []byte

func (p pdfPagesOnly) PageImages(ctx context.Context, pages []int, dpi float64, fn func(int, image.Image, float64) error) error {
	return pdfrender.RenderPages(ctx, p, pages, dpi, func(page int, img *image.RGBA, scale float64) error {
		return fn(page, img, scale)
	})
}

func twoPagePDF() []byte {
	red, green := color.RGBA{0xd6, 0x27, 0x28, 255}, color.RGBA{0x2c, 0xa0, 0x2c, 255}
	return fixtures.VisualPDF{Pages: []fixtures.VisualPage{
		{Rects: []fixtures.VisualRect{{X: 72, Y: 400, W: 100, H: 200, Fill: red}, {X: 300, Y: 400, W: 100, H: 200, Fill: green}}},
		fixtures.TextPage(color.Black, color.White, 5),
	}}.Bytes()
}

func pdfServer(t *testing.T) *Server {
	eng := rules.NewEngine()
	for _, f := range checker.Formats() {
		if f.Name == "pdf" {
			g := *f
			g.Load = pdfCountLoader
			f = &g
		}
		eng.Formats = append(eng.Formats, f)
	}
	s, err := New(eng, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if s.RenderPages == nil {
		t.Skip("no PDF renderer in this build")
	}
	return s
}

func TestPDFPagePreviews(t *testing.T) {
	s := pdfServer(t)
	h := s.Handler()
	w := postFiles(t, h, "/check", part{"file", "two.pdf", twoPagePDF()})
	base := strings.Split(w.Header().Get("Location"), "?")[0]
	if base == "" {
		t.Fatalf("no result: %d %s", w.Code, w.Body)
	}
	see := get(h, base+"/1/see").Body.String()
	for _, want := range []string{"/pages/1/original.png", "/pages/2/original.png?lang=en&amp;size=strip", "page=2", "Page 2", "Page 1 of 2"} {
		if !strings.Contains(see, want) {
			t.Errorf("see page of a PDF lacks %q", want)
		}
	}
	pw := get(h, base+"/1/pages/1/original.png")
	img, err := png.Decode(pw.Body)
	if pw.Code != 200 || err != nil {
		t.Fatalf("page preview = %d, %v", pw.Code, err)
	}
	// US Letter rendered to fit previewSide on its height.
	if b := img.Bounds(); b.Dy() > previewSide || b.Dy() < previewSide*9/10 || b.Dx() >= b.Dy() {
		t.Errorf("page preview is %v", b)
	}
	// The red rectangle is on the page, where the PDF put it (72 pt from the left).
	sc := float64(img.Bounds().Dy()) / 792
	if r, g, _, _ := img.At(int(120*sc), int((792-500)*sc)).RGBA(); r>>8 < 180 || g>>8 > 80 {
		t.Errorf("the red rectangle is not rendered: %d %d", r>>8, g>>8)
	}
	if w := get(h, base+"/1/pages/3/original.png"); w.Code != 404 {
		t.Errorf("a page past the end = %d", w.Code)
	}
}

func TestAPISimulatePDFPage(t *testing.T) {
	s := pdfServer(t)
	s.Simulate = greySimulator
	h := s.Handler()
	w := postFiles(t, h, "/api/v1/simulate?page=2", part{"file", "two.pdf", twoPagePDF()}, part{field: "deficiency", data: []byte("achromatopsia")})
	if w.Code != 200 {
		t.Fatalf("= %d %s", w.Code, w.Body)
	}
	if _, err := png.Decode(w.Body); err != nil {
		t.Fatal(err)
	}
	w = postFiles(t, h, "/api/v1/simulate?page=3", part{"file", "two.pdf", twoPagePDF()}, part{field: "deficiency", data: []byte("protan")})
	if w.Code != 400 || !strings.Contains(w.Body.String(), "last page") {
		t.Errorf("page past the end = %d %s", w.Code, w.Body)
	}
}

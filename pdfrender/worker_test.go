package pdfrender

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/klippa-app/go-pdfium/enums"
	"github.com/klippa-app/go-pdfium/requests"

	"github.com/lab110bis/focusplus/internal/fixtures"
)

// killWorkersForTest kills every worker process from outside, as the system would,
// without marking them killed: their callers find the pipe closed.
func killWorkersForTest() {
	live.Range(func(k, _ any) bool {
		k.(*worker).cmd.Process.Kill()
		return true
	})
}

// What a worker draws into the memory it shares with this process is, pixel for pixel,
// what the renderer draws here, page after page (the memory is reused).
func TestWorkerPagesMatchInProcess(t *testing.T) {
	if err := Warm(); err != nil || !InWorkers() {
		t.Skip("no worker process here")
	}
	doc := fixtures.VisualPDF{Pages: []fixtures.VisualPage{
		fixtures.TextPage(color.Black, nil, 3),
		fixtures.TextPage(color.RGBA{R: 200, A: 255}, color.RGBA{B: 90, A: 255}, 5),
	}}.Bytes()
	opt := Options{Render: true, Text: true}
	var local [][]byte
	if _, err := localWalk(context.Background(), doc, opt, func(p *Page) error {
		local = append(local, append([]byte(nil), p.Image.Pix...))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	i := 0
	if _, err := Walk(context.Background(), doc, opt, func(p *Page) error {
		if p.Image == nil || !bytes.Equal(p.Image.Pix, local[i]) {
			t.Errorf("page %d differs from the in-process rendering", p.Number)
		}
		i++
		return nil
	}); err != nil || i != 2 {
		t.Fatalf("%d pages, %v", i, err)
	}
	if runtime.GOOS == "linux" {
		sharing := false
		live.Range(func(k, _ any) bool {
			sharing = sharing || k.(*worker).pages != nil
			return true
		})
		if !sharing {
			t.Error("no worker shares its page memory: pages went through the pipe")
		}
	}
}

// Prestart leaves one worker ready for the next call, which uses it rather than starting
// its own; it starts none when one is idle already.
func TestPrestartLeavesAWorkerReady(t *testing.T) {
	if err := Warm(); err != nil || !InWorkers() {
		t.Skip("no worker process here")
	}
	// Empty the idle pool, then ask for one in the background.
	for len(workers.idle) > 0 {
		(<-workers.idle).release()
	}
	Prestart()
	deadline := time.Now().Add(30 * time.Second)
	for len(workers.idle) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if len(workers.idle) != 1 {
		t.Fatalf("%d idle workers after Prestart, want 1", len(workers.idle))
	}
	w := <-workers.idle
	workers.idle <- w
	Prestart() // one is idle: nothing to start
	time.Sleep(50 * time.Millisecond)
	if len(workers.idle) != 1 || starting.Load() {
		t.Fatalf("Prestart started another worker while one was idle")
	}
	doc := fixtures.VisualPDF{Pages: []fixtures.VisualPage{fixtures.TextPage(color.Black, nil, 1)}}.Bytes()
	if n, err := PageCount(context.Background(), doc); err != nil || n != 1 {
		t.Fatalf("PageCount %d, %v", n, err)
	}
	if len(workers.idle) != 1 || <-workers.idle != w {
		t.Error("the call did not use the prestarted worker")
	} else {
		workers.idle <- w
	}
}

// The bitmap kept from page to page draws what a fresh bitmap per page drew (go-pdfium's
// own rendering), transparent pages included: on generated pages and on the first
// pages of the real-world PDFs when ../shared is there.
func TestKeptBitmapMatchesFreshRender(t *testing.T) {
	docs := [][]byte{mixedDoc(8), fixtures.VisualPDF{Pages: []fixtures.VisualPage{
		{Width: 300, Height: 200}, fixtures.TextPage(color.Black, nil, 2), {Width: 300, Height: 200},
	}}.Bytes()}
	docs = append(docs, transparentPDF())
	files, _ := filepath.Glob("../../shared/corpus/realworld/*.pdf")
	for _, f := range files[:min(len(files), 12)] {
		if b, err := os.ReadFile(f); err == nil {
			docs = append(docs, b)
		}
	}
	transparent := 0
	for i, doc := range docs {
		err := with(context.Background(), doc, func(s *session) error {
			n, err := s.pageCount()
			if err != nil {
				return err
			}
			for p := 0; p < min(n, 2); p++ {
				pg, err := s.loadPage(p)
				if err != nil {
					return err
				}
				w, h, err := s.pageSize(pg)
				if err != nil {
					s.closePage(pg)
					continue
				}
				pw, ph := pixelSize(w, h, 72, DefaultPagePixels)
				kept, err := s.render(pg, pw, ph, nil)
				if err != nil {
					return err
				}
				res, err := s.inst.RenderPageInPixels(&requests.RenderPageInPixels{
					Page: requests.Page{ByReference: &pg}, Width: pw, Height: ph, RenderFlags: enums.FPDF_RENDER_FLAG_ANNOT,
				})
				if err != nil {
					return err
				}
				fresh := append([]byte(nil), res.Result.RenderedImage.(*image.RGBA).Pix...)
				if res.Result.HasTransparency {
					overWhite(fresh)
					transparent++
				}
				res.Cleanup()
				if !bytes.Equal(kept.Pix, fresh) {
					t.Errorf("document %d page %d: the kept bitmap draws differently", i, p+1)
				}
				s.closePage(pg)
			}
			return nil
		})
		if err != nil {
			t.Logf("document %d: %v", i, err)
		}
	}
	if transparent == 0 {
		t.Error("no transparent page compared")
	}
}

// transparentPDF is a page PDFium draws over a transparent background: text under a
// rectangle in a blend mode beyond Multiply.
func transparentPDF() []byte {
	w := &fixtures.PDFWriter{}
	cat, pages, page := w.Reserve(), w.Reserve(), w.Reserve()
	font := w.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	gs := w.Add("<< /Type /ExtGState /BM /Screen /ca 0.6 >>")
	cs := w.Stream("", []byte("BT /F1 24 Tf 0 0 1 rg 20 100 Td (Under glass) Tj ET /G1 gs 1 0 0 rg 10 60 150 80 re f\n"))
	w.Set(page, fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 200 200] /Resources << /ExtGState << /G1 %d 0 R >> /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", pages, gs, font, cs))
	w.Set(pages, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", page))
	w.Set(cat, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pages))
	return w.Bytes(cat, "")
}

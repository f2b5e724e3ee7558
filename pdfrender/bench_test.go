package pdfrender

import (
	"context"
	"image/color"
	"testing"
	"time"

	"github.com/klippa-app/go-pdfium/requests"
	"github.com/lab110bis/focusplus/internal/fixtures"
)

// startup measures what a process pays before its first page: compiling (or loading
// from the cache) PDFium's module, instantiating one renderer and opening a document.
func startup(b *testing.B, useCache bool) {
	doc := fixtures.VisualPDF{Pages: []fixtures.VisualPage{fixtures.TextPage(color.Black, nil, 1)}}.Bytes()
	if useCache {
		// Fill the cache once, as the first run of focus does.
		p, _, err := newPool(1, true)
		if err != nil {
			b.Fatal(err)
		}
		p.Close()
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		p, _, err := newPool(1, useCache)
		if err != nil {
			b.Fatal(err)
		}
		inst, err := p.GetInstanceWithContext(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := inst.OpenDocument(&requests.OpenDocument{File: &doc}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(time.Since(start).Milliseconds()), "ms/start")
		inst.Close()
		p.Close()
	}
}

// BenchmarkStartupCold compiles the module in memory, as the very first run does (or a
// run without a writable cache directory).
func BenchmarkStartupCold(b *testing.B) { startup(b, false) }

// BenchmarkStartupWarm loads the compiled module from the cache under
// os.UserCacheDir()/focusplus/wazero.
func BenchmarkStartupWarm(b *testing.B) {
	if _, dir := compilationCache(); dir == "" {
		b.Skip("no writable user cache directory")
	}
	startup(b, true)
}

func benchWalk(b *testing.B, doc []byte, opt Options) {
	if err := Warm(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(doc)))
	pages := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sum, err := Walk(context.Background(), doc, opt, func(*Page) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
		pages += sum.Walked
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}

func textDoc(n int) []byte {
	var pages []fixtures.VisualPage
	for i := 0; i < n; i++ {
		pages = append(pages, fixtures.TextPage(color.Gray{Y: 0x55}, nil, 38))
	}
	return fixtures.VisualPDF{Pages: pages}.Bytes()
}

// BenchmarkRender144 renders 50 pages of text at 144 dpi, nothing else.
func BenchmarkRender144(b *testing.B) { benchWalk(b, textDoc(50), Options{Render: true}) }

// BenchmarkText reads the text runs of 50 pages of text (38 lines each).
func BenchmarkText(b *testing.B) { benchWalk(b, textDoc(50), Options{Text: true}) }

// BenchmarkRenderScans renders 20 scanned pages (a 1275 × 1650 image each) at 144 dpi:
// image-heavy pages, for previews and simulation.
func BenchmarkRenderScans(b *testing.B) {
	var pages []fixtures.VisualPage
	scan := fixtures.ScanImage(1275, 1650)
	for i := 0; i < 20; i++ {
		pages = append(pages, fixtures.VisualPage{Images: []fixtures.VisualImage{{W: 612, H: 792, Img: scan}}})
	}
	benchWalk(b, fixtures.VisualPDF{Pages: pages}.Bytes(), Options{Render: true})
}

// BenchmarkWorkerStart measures what a document pays when its worker process was
// killed at the previous document's deadline: starting the program again as a worker
// (the compiled module from the cache) and its first answer.
func BenchmarkWorkerStart(b *testing.B) {
	doc := fixtures.VisualPDF{Pages: []fixtures.VisualPage{fixtures.TextPage(color.Black, nil, 1)}}.Bytes()
	if err := Warm(); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		w, err := startWorker()
		if err != nil {
			b.Fatal(err)
		}
		if err := w.write(&request{Op: "count", Data: doc}); err != nil {
			b.Fatal(err)
		}
		var r reply
		if err := w.dec.Decode(&r); err != nil || r.Count != 1 {
			b.Fatalf("%+v %v", r, err)
		}
		w.release()
	}
}

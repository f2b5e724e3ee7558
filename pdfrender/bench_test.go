package pdfrender

import (
	"bytes"
	"context"
	"fmt"
	"image/color"
	"os"
	"strconv"
	"strings"
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
	cpu0 := cpuTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sum, err := Walk(context.Background(), doc, opt, func(*Page) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
		pages += sum.Walked
	}
	reportPages(b, pages, cpu0)
}

// reportPages reports pages per second of wall time and CPU milliseconds per page, this
// process and its workers together: on a machine shared with other work, CPU time
// varies far less than wall time.
func reportPages(b *testing.B, pages int, cpu0 time.Duration) {
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(time.Millisecond)/float64(pages), "cpu-ms/page")
}

// cpuTime is the CPU time of this process and of its live workers (Linux: /proc).
func cpuTime() time.Duration {
	t := fixtures.ProcessCPU()
	live.Range(func(k, _ any) bool {
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", k.(*worker).cmd.Process.Pid))
		if err != nil {
			return true
		}
		// Fields after the command name (which may hold spaces): utime and stime are the
		// 12th and 13th, in clock ticks of 10 ms.
		f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		if len(f) > 12 {
			u, _ := strconv.Atoi(f[11])
			s, _ := strconv.Atoi(f[12])
			t += time.Duration(u+s) * 10 * time.Millisecond
		}
		return true
	})
	return t
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

// contrastOptions is what the contrast and scan checks ask of the walk.
var contrastOptions = Options{Render: true, RenderOnlyText: true, Text: true, Images: true, ImagesBelowChars: 20}

// BenchmarkWalkLong walks 200 pages of text for the contrast check in one worker.
func BenchmarkWalkLong(b *testing.B) {
	b.ReportAllocs()
	benchWalk(b, textDoc(200), contrastOptions)
}

// BenchmarkWalkLongParallel walks the same 200 pages with every CPU free.
func BenchmarkWalkLongParallel(b *testing.B) {
	if err := Warm(); err != nil {
		b.Fatal(err)
	}
	doc := textDoc(200)
	b.ReportAllocs()
	b.SetBytes(int64(len(doc)))
	pages := 0
	cpu0 := cpuTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sum, err := WalkParallel(context.Background(), doc, contrastOptions, func() func(*Page) error {
			return func(*Page) error { return nil }
		})
		if err != nil {
			b.Fatal(err)
		}
		pages += sum.Walked
	}
	reportPages(b, pages, cpu0)
}

package pdfrender

import (
	"context"
	"errors"
	"image/color"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lab110bis/focusplus/internal/fixtures"
)

// A page that would take hours to paint stops at the deadline: the renderer is closed
// under the running call, the garbage collector is not held up meanwhile (the call is
// preemptible), and the next document gets a new renderer.
func TestDeadlineStopsRendering(t *testing.T) {
	if err := Warm(); err != nil {
		t.Skip("no renderer:", err)
	}
	hostile := fixtures.PostScriptShadingPDF(200_000)
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()

	// While the page renders, a full garbage collection (a stop-the-world) must finish
	// within a second, as a server's other requests need it.
	var slowest atomic.Int64
	stopGC := make(chan struct{})
	gcDone := make(chan struct{})
	go func() {
		defer close(gcDone)
		for {
			select {
			case <-stopGC:
				return
			case <-time.After(100 * time.Millisecond):
			}
			t0 := time.Now()
			runtime.GC()
			if d := int64(time.Since(t0)); d > slowest.Load() {
				slowest.Store(d)
			}
		}
	}()
	start := time.Now()
	_, err := Walk(ctx, hostile, Options{Render: true}, func(*Page) error { return nil })
	took := time.Since(start)
	close(stopGC)
	<-gcDone
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("hostile page: err = %v, want the deadline", err)
	}
	if took > 2*time.Second {
		t.Errorf("hostile page stopped after %v, deadline 500ms", took)
	}
	if g := time.Duration(slowest.Load()); g > time.Second {
		t.Errorf("a garbage collection took %v while the page rendered", g)
	}
	t.Logf("stopped after %v; slowest GC meanwhile %v", took, time.Duration(slowest.Load()))

	good := fixtures.VisualPDF{Pages: []fixtures.VisualPage{fixtures.TextPage(color.Black, nil, 2)}}.Bytes()
	for i := 0; i < poolSize()+1; i++ {
		rendered := 0
		if _, err := Walk(context.Background(), good, Options{Render: true, Text: true}, func(p *Page) error {
			if p.Image != nil {
				rendered++
			}
			return nil
		}); err != nil || rendered != 1 {
			t.Fatalf("after the killed renderer, a good document: %d pages rendered, %v", rendered, err)
		}
	}
}

// Pages are rendered in worker processes; a worker that dies under a document (killed
// from outside, out of memory) fails that document with a plain error, and the next
// document gets a new worker.
func TestWorkerDeathFailsOneDocument(t *testing.T) {
	if err := Warm(); err != nil {
		t.Skip("no renderer:", err)
	}
	if !InWorkers() {
		t.Skip("no worker process could be started here")
	}
	good := fixtures.VisualPDF{Pages: []fixtures.VisualPage{fixtures.TextPage(color.Black, nil, 2), fixtures.TextPage(color.Black, nil, 2)}}.Bytes()
	pages := 0
	_, err := Walk(context.Background(), good, Options{Render: true, Text: true}, func(p *Page) error {
		pages++
		if pages == 1 {
			// The worker is waiting for the go-ahead after page 1: kill every idle and
			// busy worker process of ours.
			killWorkersForTest()
		}
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "process ended") || pages != 1 {
		t.Errorf("worker killed under the walk: %d pages, err %v; want one page and a failure", pages, err)
	}
	n, err := PageCount(context.Background(), good)
	if err != nil || n != 2 {
		t.Errorf("next document: %d pages, %v", n, err)
	}
}

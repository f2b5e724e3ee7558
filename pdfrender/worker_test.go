package pdfrender

import (
	"bytes"
	"context"
	"image/color"
	"runtime"
	"testing"
	"time"

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

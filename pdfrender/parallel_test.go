package pdfrender

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	"image/color"
	"reflect"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/lab110bis/focusplus/internal/fixtures"
)

// walked is what a test keeps of a page: everything Walk gives, the image as a hash.
type walked struct {
	Page
	Pixels [32]byte
}

func keep(p *Page) walked {
	k := walked{Page: *p}
	k.Runs = nil
	for _, r := range p.Runs {
		r.Glyphs = append([]image.Rectangle(nil), r.Glyphs...)
		k.Runs = append(k.Runs, r)
	}
	if p.Image != nil {
		k.Pixels = sha256.Sum256(p.Image.Pix)
		k.Image = nil
	}
	return k
}

// mixedDoc has pages of text in several colours, coloured backgrounds and images.
func mixedDoc(n int) []byte {
	var pages []fixtures.VisualPage
	scan := fixtures.ScanImage(300, 400)
	for i := 0; i < n; i++ {
		switch i % 4 {
		case 0:
			pages = append(pages, fixtures.TextPage(color.Black, nil, 10))
		case 1:
			pages = append(pages, fixtures.TextPage(color.RGBA{R: 200, A: 255}, color.RGBA{B: 90, A: 255}, 6))
		case 2:
			pages = append(pages, fixtures.VisualPage{Images: []fixtures.VisualImage{{W: 612, H: 792, Img: scan}}})
		default:
			p := fixtures.TextPage(color.Gray{Y: 0x66}, nil, 3)
			p.Texts = append(p.Texts, fixtures.VisualText{X: 72, Y: 100, Size: 24, Bold: true, Fill: color.RGBA{0, 0x50, 0xa0, 255}, Text: fmt.Sprint("Heading ", i)})
			pages = append(pages, p)
		}
	}
	return fixtures.VisualPDF{Pages: pages}.Bytes()
}

func walkAll(t *testing.T, doc []byte, opt Options, parallel bool) ([]walked, Summary, int) {
	t.Helper()
	var mu sync.Mutex
	var got []walked
	chunks := 0
	var sum Summary
	var err error
	if parallel {
		sum, err = WalkParallel(ctx(t), doc, opt, func() func(*Page) error {
			mu.Lock()
			chunks++
			mu.Unlock()
			last := 0
			return func(p *Page) error {
				if p.Number <= last {
					t.Errorf("page %d after page %d in one chunk", p.Number, last)
				}
				last = p.Number
				k := keep(p)
				mu.Lock()
				got = append(got, k)
				mu.Unlock()
				return nil
			}
		})
	} else {
		sum, err = Walk(ctx(t), doc, opt, func(p *Page) error {
			got = append(got, keep(p))
			return nil
		})
	}
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(got, func(i, j int) bool { return got[i].Number < got[j].Number })
	return got, sum, chunks
}

// A long document walked by several workers gives, page for page, what one walk
// gives, with the same summary, also when a page or pixel budget stops it.
func TestWalkParallelMatchesWalk(t *testing.T) {
	if err := Warm(); err != nil || !InWorkers() {
		t.Skip("no worker process here")
	}
	defer func(n int) { minParallelPages = n }(minParallelPages)
	minParallelPages = 4
	doc := mixedDoc(40)
	for _, opt := range []Options{
		{Render: true, RenderOnlyText: true, Text: true, Images: true, ImagesBelowChars: 20},
		{Render: true, Text: true, MaxPages: 30},
		// 72 dpi pages are 484,704 px: the budget renders 12 pages, the last ones
		// one at a time with the exact pixels left.
		{Render: true, Text: true, DPI: 72, PagePixels: 500_000, TotalPixels: 6_000_000},
	} {
		want, wantSum, _ := walkAll(t, doc, opt, false)
		got, gotSum, chunks := walkAll(t, doc, opt, true)
		if gotSum != wantSum {
			t.Errorf("%+v: summary %+v, want %+v", opt, gotSum, wantSum)
		}
		if len(got) != len(want) {
			t.Fatalf("%+v: %d pages, want %d", opt, len(got), len(want))
		}
		for i := range want {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Errorf("%+v: page %d differs from one walk", opt, want[i].Number)
			}
		}
		if poolSize() > 1 && chunks < 2 {
			t.Errorf("%+v: walked by %d worker, CPUs free", opt, chunks)
		}
	}
}

// With every CPU taken by other documents, the walk waits for one and uses one.
func TestWalkParallelTakesOnlyFreeCPUs(t *testing.T) {
	if err := Warm(); err != nil || !InWorkers() {
		t.Skip("no worker process here")
	}
	defer func(n int) { minParallelPages = n }(minParallelPages)
	minParallelPages = 4
	initWorkers()
	for i := 0; i < poolSize()-1; i++ {
		workers.slots <- struct{}{}
	}
	defer func() {
		for i := 0; i < poolSize()-1; i++ {
			<-workers.slots
		}
	}()
	_, sum, chunks := walkAll(t, mixedDoc(20), Options{Render: true, Text: true}, true)
	if chunks != 1 || sum.Walked != 20 {
		t.Errorf("%d chunks, %+v; want one worker for all 20 pages", chunks, sum)
	}
}

// A deadline stops every worker of a parallel walk: the walk returns the deadline soon
// after it, and the next document is walked as usual.
func TestWalkParallelStopsAtTheDeadline(t *testing.T) {
	if err := Warm(); err != nil || !InWorkers() {
		t.Skip("no worker process here")
	}
	defer func(n int) { minParallelPages = n }(minParallelPages)
	minParallelPages = 4
	doc := mixedDoc(400)
	c, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	var mu sync.Mutex
	walked := 0
	start := time.Now()
	_, err := WalkParallel(c, doc, Options{Render: true, Text: true, Images: true}, func() func(*Page) error {
		return func(*Page) error {
			mu.Lock()
			walked++
			mu.Unlock()
			return nil
		}
	})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v after %d pages, want the deadline", err, walked)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("the walk stopped %v after its start, deadline 300ms", took)
	}
	if _, sum, _ := walkAll(t, mixedDoc(20), Options{Render: true, Text: true}, true); sum.Walked != 20 {
		t.Errorf("next document: %+v", sum)
	}
}

package pdfrender

import (
	"context"
	"image"
	"sync"
	"time"
)

// A long document is walked by several workers at once when the batch leaves CPUs
// free: the first worker is taken as for Walk (waiting for a slot), others only when a
// slot is free at that moment, so a busy batch is not slowed. The parent hands out the
// pages one at a time, in order, to whichever worker is free: the pages walked always
// form the beginning of the document, give or take the page each other worker was on
// when a deadline cut the walk.
//
// Results are those of one walk in one renderer. The pixel and page-object budgets
// (TotalPixels, the renderer's handles) are the document's: a page is handed out in
// parallel only while the pages in flight cannot exhaust them, each counted at its
// largest (PagePixels, reserveHandles); near the end of a budget the pages go one at a
// time with the exact amounts the pages before them left.

// minParallelPages is the number of pages still to hand out below which no other
// worker is started: starting one costs about a page (more for a new process).
var minParallelPages = 16

// reserveHandles is what a page in flight is counted for against the document's
// page-object handles: more than a page of text uses (a run or an image takes one).
const reserveHandles = maxHandles / 8

// WalkParallel walks data like Walk, in several workers when the document is long and
// CPUs are free. Each worker's pages go to a callback of its own, made by chunk: pages
// in increasing order within one callback, callbacks running at the same time. A
// Page and its image are valid only during the callback, which copies what it keeps;
// the caller orders what the callbacks collected by page number. It stops at the
// first error of a callback and when ctx ends.
func WalkParallel(ctx context.Context, data []byte, opt Options, chunk func() func(*Page) error) (Summary, error) {
	if inWorker || workers.off.Load() {
		return localWalk(ctx, data, opt, chunk())
	}
	opt = opt.withDefaults()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sc := &scheduler{opt: opt, pages: -1, ctx: ctx, data: data, chunk: chunk, cancel: cancel}
	sc.cond = sync.NewCond(&sc.mu)
	// A page waiting for those in flight wakes up when the walk ends.
	defer context.AfterFunc(ctx, func() {
		sc.mu.Lock()
		sc.cond.Broadcast()
		sc.mu.Unlock()
	})()
	first := chunk()
	final, ok, err := remote(ctx, sc.request(), sc.handler(first))
	if !ok {
		return localWalk(ctx, data, opt, first)
	}
	sc.finish(final, err)
	sc.helpers.Wait()
	return sc.sum, sc.err
}

// scheduler hands out the pages of one WalkParallel to its workers.
type scheduler struct {
	opt     Options
	ctx     context.Context
	cancel  context.CancelFunc
	data    []byte
	chunk   func() func(*Page) error
	helpers sync.WaitGroup

	mu       sync.Mutex
	cond     *sync.Cond // signalled when a page in flight ends
	pages    int        // in the document, -1 until a worker has said
	next     int        // the next page to hand out
	inflight int        // pages handed out and not yet back
	workers  int        // workers walking
	spent    int64      // pixels rendered by the pages back
	handles  int        // page-object handles used by the pages back
	noRender bool
	stopped  bool
	sum      Summary
	err      error
}

func (sc *scheduler) request() *request {
	return &request{Op: "walkpages", Data: sc.data, Opt: sc.opt}
}

// handler answers one worker's replies: its first gives the page count, each other a
// page for fn; every answer is the worker's next page.
func (sc *scheduler) handler(fn func(*Page) error) func(*reply) (ack, error) {
	sc.mu.Lock()
	sc.workers++
	sc.mu.Unlock()
	return func(r *reply) (ack, error) {
		sc.mu.Lock()
		if r.Page == nil {
			sc.pages = r.Count
			sc.sum.Pages = r.Count
		} else {
			sc.inflight--
			sc.spent += r.Pixels
			sc.handles += r.Handles
			sc.noRender = sc.noRender || r.NoRender
			sc.sum.Walked++
			if r.Page.Image != nil {
				sc.sum.Rendered++
			}
			sc.sum.RenderTruncated = sc.sum.RenderTruncated || r.Skipped
			sc.cond.Broadcast()
		}
		sc.mu.Unlock()
		if r.Page != nil {
			if err := fn(r.Page); err != nil {
				sc.stop()
				return ack{Stop: true}, err
			}
		}
		a := sc.assign()
		if !a.Stop {
			sc.help()
		}
		return a, nil
	}
}

// assign chooses the next page for a worker, or Stop when none is left.
func (sc *scheduler) assign() ack {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	for {
		if sc.stopped || sc.ctx.Err() != nil {
			return ack{Stop: true}
		}
		limit := min(sc.pages, sc.opt.MaxPages)
		if sc.next >= limit {
			if sc.pages > sc.opt.MaxPages {
				sc.sum.Truncated = true
			}
			return ack{Stop: true}
		}
		if sc.inflight == 0 || sc.fits(sc.inflight+1) {
			a := ack{
				Page:     sc.next,
				Spent:    sc.spent + int64(sc.inflight)*sc.opt.PagePixels,
				NoRender: sc.noRender,
				Handles:  max(0, maxHandles-sc.handles-sc.inflight*reserveHandles),
			}
			if !sc.opt.Render {
				a.Spent = sc.spent
			}
			sc.next++
			sc.inflight++
			return a
		}
		// Near the end of a budget: the page waits for those in flight.
		sc.cond.Wait()
	}
}

// fits reports whether n pages in flight, each at its largest, stay within the budgets.
func (sc *scheduler) fits(n int) bool {
	if sc.opt.Render && sc.spent+int64(n)*sc.opt.PagePixels > sc.opt.TotalPixels {
		return false
	}
	return sc.handles+n*reserveHandles <= maxHandles
}

// help starts another worker when enough pages are left and a CPU is free now.
func (sc *scheduler) help() {
	sc.mu.Lock()
	want := !sc.stopped && sc.workers < poolSize() && sc.pages >= 0 &&
		min(sc.pages, sc.opt.MaxPages)-sc.next >= minParallelPages && sc.fits(sc.inflight+2)
	sc.mu.Unlock()
	if !want {
		return
	}
	if !trySlot() {
		return
	}
	each := sc.handler(sc.chunk())
	sc.helpers.Add(1)
	go func() {
		defer sc.helpers.Done()
		w, err := slotWorker()
		if err != nil {
			sc.finish(nil, nil) // the others walk on
			return
		}
		final, _, err := call(sc.ctx, w, sc.request(), each)
		sc.finish(final, err)
	}()
}

// finish takes in a worker's last reply (or its failure): the first error stops the
// others, and the page it had been given is no longer in flight.
func (sc *scheduler) finish(final *reply, err error) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	sc.workers--
	if final != nil {
		sc.sum.Truncated = sc.sum.Truncated || final.Summary.Truncated
		sc.sum.RenderTruncated = sc.sum.RenderTruncated || final.Summary.RenderTruncated
		if sc.pages < 0 {
			sc.sum.Pages = final.Summary.Pages
		}
		// A worker that stopped before its page (the walk's deadline) leaves it
		// unwalked: it is no longer in flight.
		sc.inflight -= final.Pending
	}
	if err != nil {
		if sc.err == nil {
			sc.err = err
		}
		sc.stopped = true
		sc.cancel()
	}
	if sc.workers == 0 {
		sc.inflight = 0
	}
	sc.cond.Broadcast()
}

func (sc *scheduler) stop() {
	sc.mu.Lock()
	sc.stopped = true
	sc.cond.Broadcast()
	sc.mu.Unlock()
}

// trySlot takes a worker slot if one is free now.
func trySlot() bool {
	initWorkers()
	select {
	case workers.slots <- struct{}{}:
		return true
	default:
		return false
	}
}

// slotWorker returns, for a slot taken, an idle worker or a new one; the slot is
// given back when none starts.
func slotWorker() (*worker, error) {
	select {
	case w := <-workers.idle:
		return w, nil
	default:
	}
	w, err := startWorker()
	if err != nil {
		<-workers.slots
		return nil, err
	}
	return w, nil
}

// walkPages walks, in a worker, the pages the parent hands out: next sends the page
// count and returns the first page, sendPage sends a walked page and returns the next.
// pending is 1 when it stopped at the deadline before the page it was given.
func walkPages(ctx context.Context, data []byte, opt Options, next func(*reply) (ack, error), sendPage func(*Page, *reply) (ack, error)) (sum Summary, pending int, err error) {
	opt = opt.withDefaults()
	err = with(ctx, data, func(s *session) error {
		n, err := s.pageCount()
		if err != nil {
			return err
		}
		sum.Pages = n
		w := walker{ctx: ctx, s: s, opt: opt}
		if pageBuffer != nil {
			w.img = &image.RGBA{Pix: pageBuffer[:0]}
		}
		a, err := next(&reply{Count: n})
		for {
			if err != nil {
				if err == errStop {
					return nil
				}
				return err
			}
			if a.Stop || a.Page < 0 || a.Page >= n {
				return nil
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			if !opt.Deadline.IsZero() && time.Now().After(opt.Deadline) {
				sum.Truncated = true
				pending = 1
				return nil
			}
			w.noRender = a.NoRender || (!opt.RenderDeadline.IsZero() && time.Now().After(opt.RenderDeadline))
			w.skipped = false
			w.handles = a.Handles
			spent := a.Spent
			// err is the loop's: the one sendPage returns below is read at the top.
			var pg *Page
			pg, err = w.page(a.Page, &spent)
			if err != nil {
				return err
			}
			sum.Walked++
			if pg.Image != nil {
				sum.Rendered++
			}
			sum.RenderTruncated = sum.RenderTruncated || w.skipped
			a, err = sendPage(pg, &reply{Pixels: spent - a.Spent, Handles: a.Handles - w.handles, NoRender: w.noRender, Skipped: w.skipped})
		}
	})
	return sum, pending, err
}

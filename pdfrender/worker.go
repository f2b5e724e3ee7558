package pdfrender

import (
	"bufio"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Rendering runs in worker processes: the running program started again with
// workerEnv set, one document at a time each, talking gob over its standard input and
// output. At a document's deadline its worker is killed, whatever PDFium is doing (a
// shading that would paint for hours, an image mask of 10¹⁰ pixels), and the next
// document gets a new one. In-process, stopping WebAssembly needs wazero's
// close-on-context-done mode, which checks for termination at every loop back-edge and
// starts a goroutine per call into PDFium: measured on 50 text pages, rendering 78–102
// against 25–31 pages/s, text runs 142–188 against 24–32 pages/s. A worker's cost is
// its start (the compiled module comes from the cache) and copying each rendered page
// through a pipe.
//
// When no worker can be started (no executable to run again), the renderer runs
// in-process in the stoppable mode.
const workerEnv = "FOCUS_PDFRENDER_WORKER"

// inWorker is set in a worker process: its renderer runs in the fast mode, as the
// parent stops it by killing the process.
var inWorker bool

func init() {
	if os.Getenv(workerEnv) != "1" {
		return
	}
	// A worker serves its parent and exits: this runs before the program's main (or a
	// test binary's tests), so any program that links the renderer can be a worker.
	inWorker = true
	pageBuffer = mapShared(3, pageBufferSize)
	go watchParent(os.Getppid())
	os.Exit(serveWorker(os.Stdin, os.Stdout))
}

// watchParent ends the worker once its parent has gone (it is then adopted by another
// process), should the parent die while the worker is busy with a page.
func watchParent(ppid int) {
	for range time.Tick(time.Second) {
		if os.Getppid() != ppid {
			os.Exit(2)
		}
	}
}

// request is one call from the parent.
type request struct {
	Op    string // "count", "render", "pages", "walk" or "walkpages"
	Data  []byte
	Page  int
	Pages []int
	DPI   float64
	Opt   Options
}

// pageBufferSize is the memory a worker shares with its parent for the page being
// walked: a page rendered within DefaultPagePixels. A walk's pages are drawn there and
// read in place by the parent, instead of being copied through the pipe (8 MB for an A4
// page at 144 dpi). A larger page goes through the pipe.
const pageBufferSize = 4 * DefaultPagePixels

// pageBuffer is, in a worker, the memory shared with the parent (nil when there is none).
var pageBuffer []byte

// shared says where a page's image lies in the shared memory.
type shared struct {
	Rect   image.Rectangle
	Stride int
}

// reply is one answer of a worker: a page while a walk or a page list goes on (the
// parent acknowledges each, and may stop the call), then the final one with Done.
type reply struct {
	Done    bool
	Page    *Page
	Shared  *shared // the Page's image is in the shared memory
	Image   *image.RGBA
	Number  int
	Scale   float64
	Count   int
	Summary Summary
	Err     string
	ErrPage bool // Err wraps ErrPage
	// For a page of "walkpages": what it took of the document's budgets, and whether
	// rendering is off from here on (pixel or time budget spent).
	Pixels   int64
	Handles  int
	NoRender bool
	Skipped  bool // the page needed rendering and was not rendered
	Pending  int  // the walk's deadline came before the page the worker was given
}

// ack is the parent's answer to an intermediate reply: stop, or go on; in a
// "walkpages" call, with the next page to walk and the budgets it may use.
type ack struct {
	Stop bool
	Page int // 0-based
	// Spent is the pixels already rendered for the document, NoRender set when
	// rendering is over, Handles the page-object handles the page may register: as
	// many as a walk of the whole document in one renderer would leave it.
	Spent    int64
	NoRender bool
	Handles  int
}

func (r *reply) err() error {
	switch {
	case r.Err == "":
		return nil
	case r.ErrPage:
		return fmt.Errorf("%w%s", ErrPage, strings.TrimPrefix(r.Err, ErrPage.Error()))
	}
	return errors.New(r.Err)
}

// errStop ends a call in the worker when the parent's callback returned an error.
var errStop = errors.New("stopped by the caller")

// serveWorker answers requests on in until it is closed, then returns the exit code.
func serveWorker(in io.Reader, out io.Writer) int {
	bw := bufio.NewWriterSize(out, 1<<20)
	enc := gob.NewEncoder(bw)
	dec := gob.NewDecoder(bufio.NewReader(in))
	// next writes a reply; for an intermediate one it waits for the parent's answer.
	next := func(r *reply) (ack, error) {
		if err := enc.Encode(r); err != nil {
			return ack{}, err
		}
		if err := bw.Flush(); err != nil {
			return ack{}, err
		}
		if r.Done {
			return ack{}, nil
		}
		var a ack
		if err := dec.Decode(&a); err != nil {
			return ack{}, err
		}
		if a.Stop {
			return a, errStop
		}
		return a, nil
	}
	send := func(r *reply) error {
		_, err := next(r)
		return err
	}
	// sendPage sends a walked page, its image in the shared memory when it fits.
	sendPage := func(p *Page, r *reply) (ack, error) {
		r.Page = p
		img := p.Image
		if img == nil || len(img.Pix) == 0 || len(img.Pix) > len(pageBuffer) {
			return next(r)
		}
		if &img.Pix[0] != &pageBuffer[0] {
			copy(pageBuffer, img.Pix)
		}
		p.Image = nil
		defer func() { p.Image = img }()
		r.Shared = &shared{Rect: img.Rect, Stride: img.Stride}
		return next(r)
	}
	ctx := context.Background()
	for {
		var req request
		if err := dec.Decode(&req); err != nil {
			return 0 // the parent closed the pipe
		}
		final := &reply{Done: true}
		var err error
		switch req.Op {
		case "count":
			final.Count, err = localPageCount(ctx, req.Data)
		case "render":
			final.Image, err = localRenderPage(ctx, req.Data, req.Page, req.DPI)
		case "pages":
			err = localRenderPages(ctx, req.Data, req.Pages, req.DPI, func(page int, img *image.RGBA, scale float64) error {
				return send(&reply{Number: page, Image: img, Scale: scale})
			})
		case "walk":
			final.Summary, err = localWalk(ctx, req.Data, req.Opt, func(p *Page) error {
				_, err := sendPage(p, &reply{})
				return err
			})
		case "walkpages":
			final.Summary, final.Pending, err = walkPages(ctx, req.Data, req.Opt, next, sendPage)
		default:
			err = fmt.Errorf("unknown request %q", req.Op)
		}
		if err != nil {
			final.Err, final.ErrPage = err.Error(), errors.Is(err, ErrPage)
		}
		if send(final) != nil {
			return 1
		}
	}
}

// worker is a running worker process, owned by one call at a time.
type worker struct {
	cmd    *exec.Cmd
	pages  []byte // the memory shared with the worker, nil when there is none
	stdin  io.WriteCloser
	bw     *bufio.Writer
	enc    *gob.Encoder
	dec    *gob.Decoder
	killed atomic.Bool
}

var workers struct {
	once  sync.Once
	slots chan struct{} // one per CPU: a call holds one while it uses a worker
	idle  chan *worker
	// off is set when a worker could not be started: calls then run in-process.
	off atomic.Bool
}

func initWorkers() {
	workers.once.Do(func() {
		n := poolSize()
		workers.slots = make(chan struct{}, n)
		workers.idle = make(chan *worker, n)
	})
}

// InWorkers reports whether pages are rendered in worker processes (after Warm or a
// first call), rather than in this process.
func InWorkers() bool { return !inWorker && !workers.off.Load() }

// startWorker runs the program again as a worker.
func startWorker() (*worker, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), workerEnv+"=1")
	cmd.Stderr = io.Discard
	dieWithParent(cmd)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	// The shared page memory is the worker's file 3; without it, pages go through the pipe.
	pages, file := newShared(pageBufferSize)
	if file != nil {
		cmd.ExtraFiles = []*os.File{file}
	}
	err = cmd.Start()
	if file != nil {
		file.Close() // the worker has its own descriptor; the mapping stays
	}
	if err != nil {
		unmapShared(pages)
		return nil, err
	}
	w := &worker{cmd: cmd, pages: pages, stdin: stdin, bw: bufio.NewWriterSize(stdin, 1<<20), dec: gob.NewDecoder(bufio.NewReaderSize(stdout, 1<<20))}
	w.enc = gob.NewEncoder(w.bw)
	live.Store(w, struct{}{})
	return w, nil
}

// release kills the worker and drops the memory it shared. Only its owner calls it,
// once nothing reads a page in that memory any more.
func (w *worker) release() {
	w.kill()
	unmapShared(w.pages)
	w.pages = nil
}

// kill stops the process at once; safe from any goroutine and more than once. The
// shared memory stays mapped: the page being read there may still be in use.
func (w *worker) kill() {
	if w.killed.CompareAndSwap(false, true) {
		live.Delete(w)
		w.cmd.Process.Kill()
		w.stdin.Close()
		go w.cmd.Wait() // reap it
	}
}

func (w *worker) write(v any) error {
	if err := w.enc.Encode(v); err != nil {
		return err
	}
	return w.bw.Flush()
}

// getWorker waits for a slot (or ctx) and returns an idle worker (reused) or a new one.
func getWorker(ctx context.Context) (w *worker, reused bool, err error) {
	initWorkers()
	select {
	case workers.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, false, ctx.Err()
	}
	select {
	case w := <-workers.idle:
		return w, true, nil
	default:
	}
	w, err = startWorker()
	if err != nil {
		<-workers.slots
		return nil, false, err
	}
	return w, false, nil
}

// live lists the running workers, for tests that kill them from outside.
var live sync.Map // *worker → struct{}

// putWorker gives back a worker after a call; a killed or broken one is dropped.
func putWorker(w *worker, reuse bool) {
	if reuse && !w.killed.Load() {
		select {
		case workers.idle <- w:
		default:
			w.release()
		}
	} else {
		w.release()
	}
	<-workers.slots
}

// remote runs req in a worker, calling each for every intermediate reply (a page); the
// worker is killed when ctx is done. It reports ok false when no worker could be
// started, and the caller then runs the request in-process.
func remote(ctx context.Context, req *request, each func(*reply) (ack, error)) (final *reply, ok bool, err error) {
	if workers.off.Load() {
		return nil, false, nil
	}
	for {
		if err := ctx.Err(); err != nil {
			return nil, true, err
		}
		w, reused, err := getWorker(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil, true, ctx.Err()
			}
			workers.off.Store(true)
			return nil, false, nil
		}
		final, replied, err := call(ctx, w, req, each)
		if err != nil && reused && !replied && ctx.Err() == nil {
			// An idle worker that died meanwhile (the system killed it) answers nothing:
			// the request goes to a new one.
			continue
		}
		return final, true, err
	}
}

// call runs req in w; replied reports whether the worker answered anything.
func call(ctx context.Context, w *worker, req *request, each func(*reply) (ack, error)) (final *reply, replied bool, err error) {
	stop := context.AfterFunc(ctx, w.kill)
	clean := false
	defer func() {
		stop()
		putWorker(w, clean && ctx.Err() == nil)
	}()
	broken := func(e error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("PDF renderer failed: its process ended (%v)", e)
	}
	if err := w.write(req); err != nil {
		return nil, false, broken(err)
	}
	var fnErr error
	for {
		r := new(reply)
		if err := w.dec.Decode(r); err != nil {
			return nil, replied, broken(err)
		}
		replied = true
		if r.Done {
			clean = true
			if fnErr != nil {
				return nil, true, fnErr
			}
			if ctx.Err() != nil {
				return nil, true, ctx.Err()
			}
			return r, true, r.err()
		}
		if r.Shared != nil && r.Page != nil && w.pages != nil {
			// Valid until the worker is told to go on: Walk's callback copies what it keeps.
			n := r.Shared.Stride * r.Shared.Rect.Dy()
			if n < 0 || n > len(w.pages) {
				return nil, true, broken(fmt.Errorf("page image of %d bytes", n))
			}
			r.Page.Image = &image.RGBA{Pix: w.pages[:n:n], Stride: r.Shared.Stride, Rect: r.Shared.Rect}
		}
		var a ack
		if fnErr == nil {
			a, fnErr = each(r)
		}
		if fnErr != nil {
			a = ack{Stop: true}
		}
		if err := w.write(&a); err != nil {
			return nil, true, broken(err)
		}
	}
}

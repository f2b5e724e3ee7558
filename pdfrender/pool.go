// Package pdfrender renders PDF pages and reads their text with colour, size, weight,
// render mode and position, and measures how much of each page images paint. It runs
// PDFium compiled to WebAssembly (github.com/klippa-app/go-pdfium, pure Go through
// wazero, no cgo), with one pool of renderers per process and an empty filesystem for
// the module: documents are passed as bytes and the renderer cannot read host files.
package pdfrender

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// maxMemoryPages bounds the WebAssembly memory of one renderer (64 KiB pages): 256 MiB,
// enough for a page rendered within the pixel budget (16 MB) plus PDFium's own decoding of
// images up to ~60 Mpx, and a
// hard stop for a hostile file that tries to make PDFium allocate without end.
const maxMemoryPages = 4096

var (
	poolOnce sync.Once
	thePool  pdfium.Pool
	poolErr  error
)

// poolSize is the number of renderers: one per CPU the Go scheduler uses, as PDFium is
// CPU-bound, and at least one.
func poolSize() int {
	n := runtime.GOMAXPROCS(0)
	if n < 1 {
		n = 1
	}
	return n
}

// compilationCache returns a wazero compilation cache under the user cache directory
// (…/focusplus/wazero), so that later processes skip compiling PDFium's 5 MB module.
// It returns nil, and the runtime compiles in memory, when the directory is unusable.
func compilationCache() (wazero.CompilationCache, string) {
	base, err := os.UserCacheDir()
	if err != nil || base == "" {
		return nil, ""
	}
	dir := filepath.Join(base, "focusplus", "wazero")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, ""
	}
	// A directory we cannot write to would fail at every compile; probe it once.
	f, err := os.CreateTemp(dir, ".probe-*")
	if err != nil {
		return nil, ""
	}
	name := f.Name()
	f.Close()
	os.Remove(name)
	cache, err := wazero.NewCompilationCacheWithDir(dir)
	if err != nil {
		return nil, ""
	}
	return cache, dir
}

// runtimeConfig is the wazero configuration of every renderer, with the compilation
// cache when useCache is set and a cache directory is usable.
func runtimeConfig(useCache bool) (wazero.RuntimeConfig, string) {
	rc := wazero.NewRuntimeConfig().
		// The bundled PDFium lowers setjmp/longjmp to WebAssembly exception handling.
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		WithMemoryLimitPages(maxMemoryPages).
		// In a worker process the parent stops a renderer by killing the process, so
		// PDFium runs at full speed. In-process (when no worker can be started) it must
		// stop at the document deadline whatever the page does (a PostScript function
		// of 200,000 operators in a shading ran for an hour): with this option wazero
		// checks at every loop back-edge whether the module was closed, and closes it
		// when the call's context is cancelled; the Go scheduler can also preempt the
		// goroutine there, so a long page does not stall the garbage collector's
		// stop-the-world. Its cost is measured in worker.go.
		WithCloseOnContextDone(!inWorker)
	dir := ""
	if useCache {
		var cache wazero.CompilationCache
		cache, dir = compilationCache()
		if cache != nil {
			rc = rc.WithCompilationCache(cache)
		}
	}
	return rc, dir
}

// newPool builds a renderer pool. With useCache false the module is compiled in memory
// (used by the start-up benchmark to measure the cold case).
func newPool(size int, useCache bool) (pdfium.Pool, string, error) {
	rc, dir := runtimeConfig(useCache)
	p, err := webassembly.Init(webassembly.Config{
		// Compiling the module (when it is not cached yet) uses every CPU: wazero
		// compiles its functions on that many goroutines.
		Context:  experimental.WithCompilationWorkers(experimental.WithMemoryAllocator(context.Background(), mmapAllocator), runtime.GOMAXPROCS(0)),
		MinIdle:  1,
		MaxIdle:  size,
		MaxTotal: size,
		// An empty filesystem: nothing of the host is mounted. go-pdfium's default
		// (a nil FSConfig) mounts the host root, which an untrusted PDF does not need.
		FSConfig:      wazero.NewFSConfig(),
		RuntimeConfig: rc,
		Stdout:        io.Discard,
		Stderr:        io.Discard,
		// A renderer keeps its memory between documents; reusing it saves the
		// instantiation of PDFium for every document of a batch.
		ReuseWorkers: true,
	})
	if err != nil {
		return nil, "", err
	}
	return p, dir, nil
}

// pool returns the process's renderer pool, creating it on first use.
func pool() (pdfium.Pool, error) {
	poolOnce.Do(func() {
		defer func() {
			if r := recover(); r != nil {
				poolErr = fmt.Errorf("PDF renderer failed to start: %v", r)
			}
		}()
		thePool, _, poolErr = newPool(poolSize(), true)
	})
	return thePool, poolErr
}

// Warm starts the renderer pool now rather than on the first page, so that a server
// pays the start-up before its first request. It is safe to call more than once.
func Warm() error {
	if !inWorker {
		warmOnce.Do(warmWorker)
		if !workers.off.Load() {
			return nil
		}
	}
	_, err := pool()
	return err
}

var warmOnce sync.Once

// starting is set while Prestart starts a worker.
var starting atomic.Bool

// Prestart starts a worker process in the background when none is idle and fewer than
// one per CPU run, so that the next call finds one ready: a caller that will soon render
// (a PDF being parsed) calls it to overlap the worker's start (0.2–0.3 s) with its own
// work. It returns at once.
func Prestart() {
	if inWorker || workers.off.Load() {
		return
	}
	initWorkers()
	if len(workers.idle) > 0 || len(workers.slots)+len(workers.idle) >= cap(workers.slots) || !starting.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer starting.Store(false)
		w, err := startWorker()
		if err != nil {
			return // the first call finds out, and falls back to rendering in-process
		}
		select {
		case workers.idle <- w:
		default:
			w.release()
		}
	}()
}

// warmWorker starts one worker process and leaves it idle: the compiled module is
// loaded (or compiled and cached) before the first document. When no worker starts or
// answers, rendering stays in this process.
func warmWorker() {
	initWorkers()
	w, err := startWorker()
	if err != nil {
		workers.off.Store(true)
		return
	}
	doc := []byte("%PDF-1.0\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>")
	var r reply
	if w.write(&request{Op: "count", Data: doc}) != nil || w.dec.Decode(&r) != nil || !r.Done {
		w.release()
		workers.off.Store(true)
		return
	}
	select {
	case workers.idle <- w:
	default:
		w.release() // the idle pool is full already
	}
}

// CompilationCacheDir reports where the compiled renderer is cached ("" when none).
func CompilationCacheDir() string {
	_, dir := compilationCache()
	return dir
}

// session is one borrowed renderer with one open document.
type session struct {
	inst pdfium.Pdfium
	doc  *docRef
	// bitmap is the renderer's page bitmap of bitmapW × bitmapH, kept between pages.
	bitmap           references.FPDF_BITMAP
	bitmapW, bitmapH int
	// discard drops the renderer after this document instead of reusing it: WebAssembly
	// memory never shrinks, and a large file or decoded images leave it at its peak.
	// A new renderer costs about 15 ms.
	discard bool
	// ended is set by whichever of release and kill comes first: a renderer killed at
	// the deadline under a running call is not given back (the pool builds a new one
	// for the next document), and one already given back is not killed.
	ended atomic.Bool
}

// discardAbove is the document size above which its renderer is not reused.
const discardAbove = 8 << 20

// acquire borrows a renderer, honouring ctx while waiting for one.
func acquire(ctx context.Context) (*session, error) {
	p, err := pool()
	if err != nil {
		return nil, err
	}
	inst, err := p.GetInstanceWithContext(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("no PDF renderer available: %w", err)
	}
	return &session{inst: inst}, nil
}

// release closes the document and gives the renderer back.
func (s *session) release() {
	if !s.ended.CompareAndSwap(false, true) {
		return
	}
	s.closeDoc()
	if s.discard {
		s.inst.Kill()
		return
	}
	s.inst.Close()
}

// kill closes the renderer from another goroutine while a call may be running in it:
// wazero stops the call at its next loop back-edge with an error, and the pool drops
// the renderer (a new one is instantiated for the next document, ~15 ms).
func (s *session) kill() {
	if s.ended.CompareAndSwap(false, true) {
		s.inst.Kill()
	}
}

package web

import (
	"context"
	"image"
	"net/http"
	"runtime"
	"runtime/debug"
	"strconv"
	"time"

	xdraw "golang.org/x/image/draw"

	"github.com/lab110bis/focusplus/checker"
)

// previewSide is the longer side of a stored page preview, in pixels: enough for the
// compare view, small enough to keep 20 pages of a few hundred documents in memory.
const previewSide = 900

// acquireCheck takes a check slot, waiting in a bounded queue when all are taken: at
// most MaxWaiting requests wait, each at most MaxWait. A full queue, a wait past its
// limit or a client gone away fail it; the caller then answers 503 with Retry-After.
func (s *Server) acquireCheck(ctx context.Context) bool {
	select {
	case s.checks <- struct{}{}:
		s.metrics.checking(1)
		return true
	default:
	}
	if s.waiting.Add(1) > int32(s.cfg.MaxWaiting) {
		s.waiting.Add(-1)
		s.metrics.reject("queue_full")
		return false
	}
	defer s.waiting.Add(-1)
	t := time.NewTimer(s.cfg.MaxWait)
	defer t.Stop()
	select {
	case s.checks <- struct{}{}:
		s.metrics.checking(1)
		return true
	case <-t.C:
		s.metrics.reject("queue_timeout")
	case <-ctx.Done():
		s.metrics.reject("client_gone")
	}
	return false
}

func (s *Server) releaseCheck() {
	<-s.checks
	s.metrics.checking(-1)
	if len(s.checks) == 0 && s.freeing.CompareAndSwap(false, true) {
		go func() {
			defer s.freeing.Store(false)
			giveBackMemory()
		}()
	}
}

// giveBackMemory returns freed heap to the system when the server falls idle after a
// spike: the Go runtime otherwise gives it back over minutes, and a server that peaked
// at 1 GiB on one large document would look as if it still held it.
func giveBackMemory() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if ms.HeapIdle-ms.HeapReleased > 64<<20 {
		debug.FreeOSMemory()
	}
}

// checkAll checks the uploads one after the other (the request holds one slot), under a
// deadline for the whole request. With keep, it also prepares what the result pages
// need: reading views and page previews.
func (s *Server) checkAll(ctx context.Context, files []upload, keep bool) ([]checker.Result, []*checkedDoc) {
	ctx, cancel := context.WithTimeout(ctx, s.requestDeadline())
	defer cancel()
	results := make([]checker.Result, len(files))
	var docs []*checkedDoc
	for i, f := range files {
		r := s.engine.Check(ctx, f.Name, f.Data, keep)
		format := string(r.Format)
		if r.Err != nil {
			format = "unreadable"
		}
		s.metrics.document(format)
		if r.Err != nil && r.Err.Detail != "" {
			// The technical cause for whoever runs the server; never the file name.
			s.log.Warn("document not checked", "format", string(r.Format), "detail", r.Err.Detail)
		}
		if keep {
			docs = append(docs, s.prepare(ctx, &r))
		}
		r.Doc = nil
		results[i] = r
	}
	return results, docs
}

// prepare keeps what the result pages show of one document and lets go of its model.
func (s *Server) prepare(ctx context.Context, r *checker.Result) *checkedDoc {
	d := &checkedDoc{}
	doc := r.Doc
	r.Doc = nil
	d.Result = *r
	if doc == nil {
		return d
	}
	if rv, ok := doc.Content.(checker.ReadingViewer); ok {
		v := rv.ReadingView()
		d.Reading = &v
	}
	pageTotal, why := doc.Pages, checker.Text{}
	if s.RenderPages != nil {
		pageTotal, why = pageCount(ctx, doc)
	}
	if !why.IsZero() {
		d.NoPreview = why
		return d
	}
	if pageTotal > 0 && pageTotal != doc.Pages {
		// A DOCX's page count is the loader's estimate until LibreOffice lays it out:
		// the pages shown and paged through are those laid out.
		d.Result.Pages = pageTotal
	}
	if s.RenderPages == nil || pageTotal <= 0 {
		d.NoPreview = tx("No preview: this server cannot render pages of this kind of document.",
			"Pas d'aperçu : ce serveur ne sait pas afficher les pages de ce type de document.")
		return d
	}
	n := min(pageTotal, s.cfg.PreviewPages)
	pages := make([]int, n)
	for i := range pages {
		pages[i] = i + 1
	}
	imgs, scales, err := s.RenderPages(ctx, doc, pages, previewSide)
	if err != nil {
		d.NoPreview = noPageView(err)
		return d
	}
	if len(imgs) == 0 {
		d.NoPreview = tx("No preview: this server cannot render pages of this kind of document.",
			"Pas d'aperçu : ce serveur ne sait pas afficher les pages de ce type de document.")
		return d
	}
	for i, im := range imgs {
		if i >= len(pages) || im == nil {
			break
		}
		rgba, k := fitRGBA(im, previewSide)
		sc := k
		if i < len(scales) && scales[i] > 0 {
			sc = scales[i] * k
		}
		if pv, err := newPreview(pages[i], rgba, sc); err == nil {
			d.Previews = append(d.Previews, pv)
		}
	}
	if pageTotal > len(d.Previews) && len(d.Previews) == len(pages) {
		d.lazy = &lazyPages{doc: doc, kept: map[int]*pagePreview{}}
	}
	return d
}

// fitRGBA copies img into an RGBA at most side pixels on its longer side, and returns
// the scale from source pixels to preview pixels.
func fitRGBA(img image.Image, side int) (*image.RGBA, float64) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	scale := 1.0
	if w > side || h > side {
		if w >= h {
			scale = float64(side) / float64(w)
		} else {
			scale = float64(side) / float64(h)
		}
	}
	dw, dh := max(int(float64(w)*scale+0.5), 1), max(int(float64(h)*scale+0.5), 1)
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	if scale == 1 {
		xdraw.Draw(dst, dst.Bounds(), img, b.Min, xdraw.Src)
	} else {
		xdraw.ApproxBiLinear.Scale(dst, dst.Bounds(), img, b, xdraw.Src, nil)
	}
	return dst, scale
}

// retryAfter tells a client refused with 503 when to come back: after about the time
// the checks ahead of it take (a few seconds each), at least 2 s and at most 60 s.
func retryAfter(w http.ResponseWriter) { w.Header().Set("Retry-After", strconv.Itoa(5)) }

package web

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lab110bis/focusplus/checker"
)

// maxPreviewWaiters bounds the preview requests waiting for a rendering slot; a page of
// thumbnails sends a few at once, a flood gets 503.
const maxPreviewWaiters = 64

// handlePreview is GET /results/{id}/{doc}/pages/{page}/{view}.png: one page preview,
// original or simulated (?severity=), full or small (?size=small), with the places
// where a check failed outlined.
func (s *Server) handlePreview(w http.ResponseWriter, r *http.Request) {
	b := s.cache.get(r.PathValue("id"))
	n, err := strconv.Atoi(r.PathValue("doc"))
	pageNo, err2 := strconv.Atoi(r.PathValue("page"))
	view, isPNG := strings.CutSuffix(r.PathValue("view"), ".png")
	if b == nil || err != nil || err2 != nil || !isPNG || n < 1 || n > len(b.docs) ||
		(view != "original" && !slices.Contains(deficiencies, view)) {
		http.NotFound(w, r)
		return
	}
	d := b.docs[n-1]
	if pageNo == 0 || !d.hasPage(pageNo) || (view != "original" && s.Simulate == nil) {
		http.NotFound(w, r)
		return
	}
	if !s.acquirePreview(r.Context()) {
		s.metrics.reject("busy")
		retryAfter(w)
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	defer func() { <-s.previews }()
	pv, err := s.preview(r.Context(), d, pageNo)
	if err != nil {
		http.NotFound(w, r)
		return
	}

	src, err := pv.image()
	if err != nil {
		http.Error(w, "preview damaged", http.StatusInternalServerError)
		return
	}
	var img image.Image = src
	if view != "original" {
		sim, err := s.Simulate(src, view, parseSeverity(r.URL.Query().Get("severity")), "auto")
		if err != nil {
			http.Error(w, "simulation failed", http.StatusInternalServerError)
			return
		}
		img = sim
	}
	out := image.NewRGBA(img.Bounds())
	copyInto(out, img)
	for _, box := range failedBoxes(d, pv.Page) {
		drawMark(out, box, pv.Scale)
	}
	var final image.Image = out
	switch r.URL.Query().Get("size") {
	case "small":
		final, _ = fitRGBA(out, smallSide)
	case "strip":
		final, _ = fitRGBA(out, stripSide)
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, final); err != nil {
		http.Error(w, "encoding failed", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "image/png")
	h.Set("Cache-Control", "private, max-age=300")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Write(buf.Bytes())
}

// acquirePreview waits up to 10 s for a rendering slot, with at most maxPreviewWaiters
// requests waiting.
func (s *Server) acquirePreview(ctx context.Context) bool {
	if s.previewWaiters.Add(1) > maxPreviewWaiters {
		s.previewWaiters.Add(-1)
		return false
	}
	defer s.previewWaiters.Add(-1)
	t := time.NewTimer(10 * time.Second)
	defer t.Stop()
	select {
	case s.previews <- struct{}{}:
		return true
	case <-t.C:
	case <-ctx.Done():
	}
	return false
}

func copyInto(dst *image.RGBA, src image.Image) {
	if s, ok := src.(*image.RGBA); ok && s.Rect == dst.Rect {
		copy(dst.Pix, s.Pix)
		return
	}
	b := src.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			dst.Set(x, y, src.At(x, y))
		}
	}
}

// failedBoxes are the boxes of failed findings located on a page (an image is page 1).
func failedBoxes(d *checkedDoc, pageNo int) [][]float64 {
	var boxes [][]float64
	for _, f := range d.Result.Findings {
		if f.Outcome != checker.Failed {
			continue
		}
		for _, l := range f.Places() {
			if len(l.Box) != 4 {
				continue
			}
			pg := l.Page
			if pg == 0 && checker.IsPicture(d.Result.Format) {
				pg = 1
			}
			if pg == pageNo {
				boxes = append(boxes, l.Box)
				if len(boxes) == 200 {
					return boxes
				}
			}
		}
	}
	return boxes
}

// drawMark outlines box (x, y, w, h in source units) with a dashed black-and-white frame,
// visible on any background and to every reader whatever their colour vision.
func drawMark(img *image.RGBA, box []float64, scale float64) {
	r := image.Rect(int(box[0]*scale)-2, int(box[1]*scale)-2, int((box[0]+box[2])*scale)+2, int((box[1]+box[3])*scale)+2).Intersect(img.Rect)
	if r.Empty() {
		return
	}
	const thick, dash = 3, 6
	black, white := color.RGBA{0, 0, 0, 255}, color.RGBA{255, 255, 255, 255}
	pick := func(i int) color.RGBA {
		if (i/dash)%2 == 0 {
			return black
		}
		return white
	}
	for t := 0; t < thick; t++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			img.SetRGBA(x, r.Min.Y+t, pick(x))
			img.SetRGBA(x, r.Max.Y-1-t, pick(x))
		}
		for y := r.Min.Y; y < r.Max.Y; y++ {
			img.SetRGBA(r.Min.X+t, y, pick(y))
			img.SetRGBA(r.Max.X-1-t, y, pick(y))
		}
	}
}

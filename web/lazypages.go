package web

import (
	"context"
	"errors"
	"sync"

	"github.com/lab110bis/focusplus/checker"
)

// lazyPagesKept bounds the pages rendered on demand that one document keeps: a reader
// paging through a 300-page report holds a dozen pages in memory, not 300.
const lazyPagesKept = 12

// lazyPreviewBytes is what the cache accounts for one page rendered on demand.
const lazyPreviewBytes = 200 << 10

// lazyPages renders the pages past those rendered at check time when a reader asks for
// them, and keeps the last few (oldest dropped first).
type lazyPages struct {
	mu    sync.Mutex
	doc   *checker.Document // draws its pages (checker.PageImager)
	kept  map[int]*pagePreview
	order []int // pages in kept, oldest first
}

var errNoPage = errors.New("no such page")

// preview returns page n of d: rendered at check time, kept from an earlier request, or
// rendered now (the caller holds a preview slot).
func (s *Server) preview(ctx context.Context, d *checkedDoc, n int) (*pagePreview, error) {
	if pv := findPreview(d, n); pv != nil {
		return pv, nil
	}
	lp := d.lazy
	if lp == nil || n < 1 || n > d.Result.Pages || s.RenderPages == nil {
		return nil, errNoPage
	}
	lp.mu.Lock()
	defer lp.mu.Unlock()
	if pv, ok := lp.kept[n]; ok {
		return pv, nil
	}
	imgs, scales, err := s.RenderPages(ctx, lp.doc, []int{n}, previewSide)
	if err != nil || len(imgs) == 0 || imgs[0] == nil {
		if err == nil {
			err = errNoPage
		}
		return nil, err
	}
	rgba, k := fitRGBA(imgs[0], previewSide)
	if len(scales) > 0 && scales[0] > 0 {
		k *= scales[0]
	}
	pv, err := newPreview(n, rgba, k)
	if err != nil {
		return nil, err
	}
	if len(lp.order) >= lazyPagesKept {
		delete(lp.kept, lp.order[0])
		lp.order = lp.order[1:]
	}
	lp.kept[n] = &pv
	lp.order = append(lp.order, n)
	return &pv, nil
}

// hasPage reports whether page n can be shown.
func (d *checkedDoc) hasPage(n int) bool {
	if findPreview(d, n) != nil {
		return true
	}
	return d.lazy != nil && n >= 1 && n <= d.Result.Pages
}

// pageCount is how many pages can be shown.
func (d *checkedDoc) pageCount() int {
	if d.lazy != nil {
		return d.Result.Pages
	}
	return len(d.Previews)
}

package office

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"time"
	"weak"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/pdfrender"
)

// Rendered is a word-processing document converted to PDF once, shared by everything
// that needs its pages: the rendered-page contrast rule, the web previews and
// colour-blind views, `focus simulate`.
type Rendered struct {
	PDF   []byte
	Pages int
	// Elapsed is how long LibreOffice took.
	Elapsed time.Duration
}

type entry struct {
	once sync.Once
	r    *Rendered
	err  error
}

var (
	cacheMu sync.Mutex
	cache   = map[any]*entry{} // weak.Pointer[T] of the document model -> conversion
)

// Render converts a document (data, of format "docx" or "odt") with the default
// converter, once per document model: later calls with the same key get the same result
// (or error), so the contrast check, the previews and the simulation share one
// LibreOffice run. The key is held weakly: the entry goes with the model. The conversion
// takes at most two thirds of the time ctx has left, so a document that hangs
// LibreOffice still gets the rest of its check.
func Render[T any](ctx context.Context, key *T, data []byte, format string) (*Rendered, error) {
	if key == nil || len(data) == 0 {
		return nil, errors.New("office: no document to convert")
	}
	conv, err := Default()
	if err != nil {
		return nil, err
	}
	wk := weak.Make(key)
	cacheMu.Lock()
	e, ok := cache[wk]
	if !ok {
		e = &entry{}
		cache[wk] = e
		runtime.AddCleanup(key, func(k weak.Pointer[T]) {
			cacheMu.Lock()
			delete(cache, k)
			cacheMu.Unlock()
		}, wk)
	}
	cacheMu.Unlock()
	e.once.Do(func() { e.r, e.err = render(ctx, conv, data, format) })
	return e.r, e.err
}

func render(ctx context.Context, conv *Converter, data []byte, format string) (*Rendered, error) {
	if dl, ok := ctx.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, time.Now().Add(time.Until(dl)*2/3))
		defer cancel()
	}
	start := time.Now()
	pdf, err := conv.Convert(ctx, data, format)
	if err != nil {
		return nil, err
	}
	n, err := pdfrender.PageCount(ctx, pdf)
	if err != nil {
		return nil, unavailable("the PDF LibreOffice wrote could not be read (%v)", "le PDF écrit par LibreOffice n'a pas pu être lu (%v)", err)
	}
	return &Rendered{PDF: pdf, Pages: n, Elapsed: time.Since(start)}, nil
}

// Reason is what to tell a reader about err from Render, in both languages.
func Reason(err error) checker.Text {
	var oe *Error
	switch {
	case err == nil:
		return checker.Text{}
	case errors.As(err, &oe):
		return oe.Msg
	case errors.Is(err, ErrNotInstalled):
		return InstallHint
	}
	return checker.Textf("Page view unavailable: %v", "Vue des pages indisponible : %v", err)
}

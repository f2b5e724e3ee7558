package office

import (
	"context"
	"errors"
	"image"
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

// PageImages renders the pages (1-based) at dpi; a page past the last one is an error.
func (r *Rendered) PageImages(ctx context.Context, pages []int, dpi float64) ([]image.Image, error) {
	imgs := make([]image.Image, 0, len(pages))
	for _, p := range pages {
		img, err := pdfrender.RenderPage(ctx, r.PDF, p, dpi)
		if err != nil {
			return imgs, err
		}
		imgs = append(imgs, img)
	}
	return imgs, nil
}

// Convertible reports whether the document is one LibreOffice renders for Focus+.
func Convertible(doc *checker.Document) bool {
	return doc != nil && len(doc.Source) > 0 && (doc.Format == "docx" || doc.Format == "odt")
}

type entry struct {
	once sync.Once
	r    *Rendered
	err  error
}

var (
	cacheMu sync.Mutex
	cache   = map[weak.Pointer[checker.Document]]*entry{}
)

// Render converts the document with the default converter, once per document: later
// calls get the same result (or error). The conversion takes at most two thirds of the
// time ctx has left, so a document that hangs LibreOffice still gets the rest of its
// check. The cache holds the document weakly.
func Render(ctx context.Context, doc *checker.Document) (*Rendered, error) {
	if !Convertible(doc) {
		return nil, errors.New("office: not a DOCX or ODT document")
	}
	conv, err := Default()
	if err != nil {
		return nil, err
	}
	key := weak.Make(doc)
	cacheMu.Lock()
	e, ok := cache[key]
	if !ok {
		e = &entry{}
		cache[key] = e
		runtime.AddCleanup(doc, func(k weak.Pointer[checker.Document]) {
			cacheMu.Lock()
			delete(cache, k)
			cacheMu.Unlock()
		}, key)
	}
	cacheMu.Unlock()
	e.once.Do(func() { e.r, e.err = render(ctx, conv, doc) })
	return e.r, e.err
}

func render(ctx context.Context, conv *Converter, doc *checker.Document) (*Rendered, error) {
	if dl, ok := ctx.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, time.Now().Add(time.Until(dl)*2/3))
		defer cancel()
	}
	start := time.Now()
	pdf, err := conv.Convert(ctx, doc.Source, string(doc.Format))
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

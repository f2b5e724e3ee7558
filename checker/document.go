package checker

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// Document is what a loader fills once and every rule reads. The fields here are common
// to all formats; Content holds the format's own model, which the rules for the kinds
// the format offers type-assert.
type Document struct {
	Name     string // path or upload name, as given by the user
	Format   Format
	Kinds    []Kind // the models Content offers (from the format's registration)
	Pages    int    // pages of a PDF or DOCX; 1 for an image
	Title    string // document title from metadata, if any
	Language string // declared primary language (BCP 47), if any
	Content  any
	// Source is the file's bytes, for rules that need a second reader of the same file
	// (the PDF renderer). Rules must not modify it.
	Source []byte
	// Limits are those the document was loaded under; rules that do heavy work of their
	// own (rendering pages) stay within them.
	Limits Limits
	// results holds the shared analyses computed for this document (see Analysis).
	results sync.Map
}

// ReadingView is what a screen reader would announce, in order.
type ReadingView struct {
	// Guessed is set when the document has no structure to follow (an untagged PDF) and
	// the order is Focus+'s guess.
	Guessed bool
	Items   []ReadingItem
}

// ReadingItem is one announced element.
type ReadingItem struct {
	Role  string // heading, paragraph, list-item, table, row, cell, header-cell, figure, link, note
	Level int    // heading level, list or table nesting
	Text  string // the text read, or the alternative text of a figure
	// Missing is set when a figure has no alternative text, a table no header: the
	// reading view shows "[image without description]" instead of Text.
	Missing bool
	Page    int
}

// ReadingViewer is implemented by document models that know their reading order.
type ReadingViewer interface {
	ReadingView() ReadingView
}

// Limits bound what a loader may allocate for one untrusted document. Loaders check them
// before allocating, from headers and declared sizes, and again while reading.
type Limits struct {
	MaxBytes        int64         // size of the file itself
	MaxPixels       int64         // width × height of one image or frame
	MaxTotalPixels  int64         // frames × pixels of an animation
	MaxFrames       int           // frames of an animation
	MaxPages        int           // pages analysed in a paged document
	MaxInflated     int64         // decompressed bytes (zip parts, PDF streams)
	MaxEntries      int           // entries of a zip archive
	MaxDepth        int           // nesting of XML elements or PDF trees
	MaxElements     int           // XML elements or PDF objects walked
	MaxMemory       int64         // bytes decoding one document may take, estimated from its headers before decoding
	DocumentTimeout time.Duration // deadline for loading and checking one document
	// PageTimeout is the time a paged document is given per page once loaded: its
	// deadline is the larger of DocumentTimeout and Pages × PageTimeout, so that a
	// 1000-page report is checked in full rather than cut at the time a short one gets.
	// Zero keeps DocumentTimeout whatever the length.
	PageTimeout time.Duration
	// MaxDocumentTimeout caps the deadline a long document can earn (zero: ten times
	// DocumentTimeout).
	MaxDocumentTimeout time.Duration
}

// Timeout is the deadline of a document of pages pages, within the caps above.
func (l Limits) Timeout(pages int) time.Duration {
	base := l.DocumentTimeout
	if base <= 0 {
		base = DefaultLimits().DocumentTimeout
	}
	if l.PageTimeout <= 0 || pages <= 0 {
		return base
	}
	cap := l.MaxDocumentTimeout
	if cap <= 0 {
		cap = 10 * base
	}
	return min(max(base, time.Duration(pages)*l.PageTimeout), max(cap, base))
}

// DefaultLimits are generous for real office documents and small enough to keep a
// hostile file from exhausting a 2-core, few-GiB server.
func DefaultLimits() Limits {
	return Limits{
		MaxBytes:        200 << 20,
		MaxPixels:       100_000_000,
		MaxTotalPixels:  2_000_000_000,
		MaxFrames:       5000,
		MaxPages:        2000,
		MaxInflated:     512 << 20,
		MaxEntries:      10_000,
		MaxDepth:        256,
		MaxElements:     5_000_000,
		MaxMemory:       512 << 20,
		DocumentTimeout: 60 * time.Second,
		PageTimeout:     100 * time.Millisecond,
	}
}

// Loader parses the bytes of one document of its kind into a Document. It must honour
// ctx and lim, and return an error a person can read ("truncated GIF", "password
// protected") when the document cannot be read at all.
type Loader func(ctx context.Context, name string, data []byte, format Format, lim Limits) (*Document, error)

// LoadError is a document error meant for the report as is.
type LoadError struct {
	Msg Text
	// Unsupported is set when the content was recognised as something Focus+ does not
	// read: the report then names the format "unknown".
	Unsupported bool
	// Rule, when set, names the blocking rule this error is a failure of (a PDF that
	// needs a password fails its access permission): the report then lists a failed
	// finding of that rule beside the error, so the reason shows with the others.
	Rule string
	// Detail is the technical cause (a library's error, a recovered panic), untranslated:
	// the JSON report's error_detail and the server log carry it, the message does not.
	Detail string
}

func (e *LoadError) Error() string { return e.Msg.En }

// Errorf builds a LoadError in both languages.
func Errorf(en, fr string, args ...any) error { return &LoadError{Msg: Textf(en, fr, args...)} }

// DetailErrorf builds a LoadError in both languages whose technical cause (a library's
// error, a recovered panic) is kept apart in Detail, for experts: a reader is told
// "the XML of word/document.xml is damaged", not "XML syntax error on line 2".
func DetailErrorf(cause any, en, fr string, args ...any) error {
	return &LoadError{Msg: Textf(en, fr, args...), Detail: fmt.Sprint(cause)}
}

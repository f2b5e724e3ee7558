package docxdoc

import (
	"context"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/zippkg"
)

// ns identifies an XML namespace, with the transitional and Strict forms of Office Open
// XML folded together (ECMA-376 Part 1, Strict: http://purl.oclc.org/ooxml/...).
type ns uint8

const (
	nsOther ns = iota
	nsW        // wordprocessingml main
	nsR        // officeDocument relationships (r:id attributes)
	nsWP       // wordprocessingDrawing
	nsA        // drawingml main
	nsV        // VML
	nsO        // VML Office extensions
	nsMC       // markup compatibility
	nsDC       // Dublin Core
	nsPR       // package relationships
	nsM        // Office Math
	nsAP       // extended properties (app.xml)
	nsW14      // Word 2010 extensions (checkbox)
)

var namespaces = map[string]ns{
	"http://schemas.openxmlformats.org/wordprocessingml/2006/main":                 nsW,
	"http://purl.oclc.org/ooxml/wordprocessingml/main":                             nsW,
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships":          nsR,
	"http://purl.oclc.org/ooxml/officeDocument/relationships":                      nsR,
	"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing":       nsWP,
	"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing":                   nsWP,
	"http://schemas.openxmlformats.org/drawingml/2006/main":                        nsA,
	"http://purl.oclc.org/ooxml/drawingml/main":                                    nsA,
	"urn:schemas-microsoft-com:vml":                                                nsV,
	"urn:schemas-microsoft-com:office:office":                                      nsO,
	"http://schemas.openxmlformats.org/markup-compatibility/2006":                  nsMC,
	"http://purl.org/dc/elements/1.1/":                                             nsDC,
	"http://schemas.openxmlformats.org/package/2006/relationships":                 nsPR,
	"http://schemas.openxmlformats.org/officeDocument/2006/math":                   nsM,
	"http://purl.oclc.org/ooxml/officeDocument/math":                               nsM,
	"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties":    nsAP,
	"http://purl.oclc.org/ooxml/officeDocument/extendedProperties":                 nsAP,
	"http://schemas.microsoft.com/office/word/2010/wordml":                         nsW14,
	"http://schemas.microsoft.com/office/word/2012/wordml":                         nsW14,
	"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties":      nsOther,
	"http://schemas.openxmlformats.org/package/2006/metadata/core-properties":      nsOther,
	"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes":         nsOther,
	"http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes":                     nsOther,
	"http://schemas.openxmlformats.org/drawingml/2006/picture":                     nsOther,
	"http://schemas.microsoft.com/office/word/2010/wordprocessingShape":            nsOther,
	"http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes":            nsOther,
	"http://schemas.openxmlformats.org/drawingml/2006/chart":                       nsOther,
	"http://schemas.microsoft.com/office/drawing/2017/decorative":                  nsOther,
	"http://schemas.microsoft.com/office/drawing/2014/main":                        nsOther,
	"http://schemas.openxmlformats.org/drawingml/2006/diagram":                     nsOther,
	"http://schemas.microsoft.com/office/word/2010/wordprocessingGroup":            nsOther,
	"http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas":           nsOther,
	"http://schemas.openxmlformats.org/wordprocessingml/2006/main/strict-fallback": nsOther,
}

const strictW = "http://purl.oclc.org/ooxml/wordprocessingml/main"

// walker is a streaming XML reader that enforces the depth and element limits and the
// document deadline on every part of one document.
type walker struct {
	d        zippkg.TokenReader
	ctx      context.Context
	part     string
	depth    int
	elements *int
	maxDepth int
	maxElems int
	strict   bool // saw the Strict wordprocessingml namespace
	lastNS   string
	lastID   ns
	parentIs string // styles.xml: the property container being read
}

func newWalker(ctx context.Context, r io.Reader, part string, elements *int, lim checker.Limits) *walker {
	w := &walker{d: zippkg.NewTokens(r), ctx: ctx, part: part, elements: elements, maxDepth: lim.MaxDepth, maxElems: lim.MaxElements}
	if w.maxDepth <= 0 {
		w.maxDepth = checker.DefaultLimits().MaxDepth
	}
	if w.maxElems <= 0 {
		w.maxElems = checker.DefaultLimits().MaxElements
	}
	return w
}

func (w *walker) ns(space string) ns {
	if space == w.lastNS {
		return w.lastID
	}
	id := namespaces[space]
	if space == strictW {
		w.strict = true
	}
	w.lastNS, w.lastID = space, id
	return id
}

// is reports whether the element is name in namespace n.
func (w *walker) is(se xml.StartElement, n ns, local string) bool {
	return se.Name.Local == local && w.ns(se.Name.Space) == n
}

// next reads the next token, counting elements and depth: the start tag is then
// w.d.Start(), the end tag's name w.d.End(), character data w.d.Data().
func (w *walker) next() (zippkg.TokenKind, error) {
	kind, err := w.d.Next()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return 0, err
		}
		var le *checker.LoadError
		if errors.As(err, &le) {
			return 0, err
		}
		if w.ctx.Err() != nil {
			return 0, w.ctx.Err()
		}
		return 0, checker.DetailErrorf(err, "the XML of %s is damaged", "le XML de %s est endommagé", w.part)
	}
	switch kind {
	case zippkg.StartTag:
		w.depth++
		*w.elements++
		if w.depth > w.maxDepth {
			return 0, checker.Errorf("the XML of %s nests elements more than %d deep: the file is damaged or hostile",
				"le XML de %s imbrique des éléments sur plus de %d niveaux : le fichier est endommagé ou malveillant", w.part, w.maxDepth)
		}
		if *w.elements > w.maxElems {
			return 0, checker.Errorf("the document has more than %d XML elements, over the limit",
				"le document a plus de %d éléments XML, au-delà de la limite", w.maxElems)
		}
		if *w.elements&8191 == 0 && w.ctx.Err() != nil {
			return 0, w.ctx.Err()
		}
	case zippkg.EndTag:
		w.depth--
	case zippkg.Directive:
		// A DTD has no place in Office Open XML (ECMA-376 Part 2, 8.1.4): refusing it
		// closes the door on entity tricks.
		return 0, checker.Errorf("%s declares a DTD, which Office Open XML forbids", "%s déclare une DTD, ce qu'Office Open XML interdit", w.part)
	}
	return kind, nil
}

// skip consumes the rest of the element whose start was just read.
func (w *walker) skip() error {
	d := w.depth
	for {
		kind, err := w.next()
		if err != nil {
			return eofIsDamage(err, w.part)
		}
		if kind == zippkg.EndTag && w.depth < d {
			return nil
		}
	}
}

// anyNS, given to children, lets through the children of every namespace.
const anyNS ns = 255

// children calls fn for each child of the element whose start was just read, until
// that element ends. A child outside namespace only is skipped without fn (anyNS lets
// every child through); a child that fn leaves unread (no skip, text or nested parser)
// is skipped after it. A part that ends first is damaged. Like every reader here, it
// takes each token from next, which enforces the depth and element limits.
func (w *walker) children(only ns, fn func(se xml.StartElement) error) error {
	d := w.depth
	return w.walk(func(se xml.StartElement) error {
		if only == anyNS || w.ns(se.Name.Space) == only {
			if err := fn(se); err != nil {
				return err
			}
		}
		if w.depth > d {
			return w.skip()
		}
		return nil
	}, nil)
}

// within calls fn for each element that starts inside the element whose start was just
// read, at any depth, until that element ends: fn may read an element through (skip,
// text, a nested parser), or leave it open to be given its descendants in turn. A part
// that ends first is damaged.
func (w *walker) within(fn func(se xml.StartElement) error) error {
	return w.walk(fn, nil)
}

// walk is within that also calls end, when not nil, at the end of each element inside
// (w.depth is then that of the element's parent).
func (w *walker) walk(start func(se xml.StartElement) error, end func()) error {
	d := w.depth
	for {
		kind, err := w.next()
		if err != nil {
			return eofIsDamage(err, w.part)
		}
		switch kind {
		case zippkg.StartTag:
			if err := start(w.d.Start()); err != nil {
				return err
			}
		case zippkg.EndTag:
			if w.depth < d {
				return nil
			}
			if end != nil {
				end()
			}
		}
	}
}

// each calls fn for each element start until the part ends, at any depth: the content
// of an element fn leaves open is given to fn in turn. The end of the part is no error.
func (w *walker) each(fn func(se xml.StartElement) error) error {
	return w.eachEnd(fn, nil)
}

// eachEnd is each that also calls end, when not nil, with each element end.
func (w *walker) eachEnd(start func(se xml.StartElement) error, end func(ee xml.EndElement)) error {
	for {
		kind, err := w.next()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		switch kind {
		case zippkg.StartTag:
			if err := start(w.d.Start()); err != nil {
				return err
			}
		case zippkg.EndTag:
			if end != nil {
				end(xml.EndElement{Name: w.d.End()})
			}
		}
	}
}

// text reads the character data of the element whose start was just read. Most
// elements hold one piece of text, made a string at once.
func (w *walker) text() (string, error) {
	d := w.depth
	var first string
	var b strings.Builder
	pieces := 0
	result := func() string {
		if pieces <= 1 {
			return first
		}
		return b.String()
	}
	for {
		kind, err := w.next()
		if err != nil {
			return result(), eofIsDamage(err, w.part)
		}
		switch kind {
		case zippkg.Text:
			data := w.d.Data()
			switch pieces {
			case 0:
				first = string(data)
			case 1:
				b.WriteString(first)
				fallthrough
			default:
				if b.Len() < 1<<20 {
					b.Write(data)
				}
			}
			pieces++
		case zippkg.EndTag:
			if w.depth < d {
				return result(), nil
			}
		}
	}
}

func eofIsDamage(err error, part string) error {
	if errors.Is(err, io.EOF) {
		return checker.Errorf("the XML of %s ends too early", "le XML de %s s'arrête trop tôt", part)
	}
	return err
}

// attr returns the value of the attribute local in namespace n; Word's attributes are
// namespaced (w:val), but some writers leave them bare, so a bare name matches too.
func (w *walker) attr(se xml.StartElement, n ns, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local && (a.Name.Space == "" || w.ns(a.Name.Space) == n) {
			return a.Value
		}
	}
	return ""
}

func (w *walker) hasAttr(se xml.StartElement, n ns, local string) bool {
	for _, a := range se.Attr {
		if a.Name.Local == local && (a.Name.Space == "" || w.ns(a.Name.Space) == n) {
			return true
		}
	}
	return false
}

// onOff reads an ST_OnOff property (w:b, w:vanish, w:tblHeader): present means on,
// unless its w:val says 0, false or off.
func (w *walker) onOff(se xml.StartElement) bool {
	switch w.attr(se, nsW, "val") {
	case "0", "false", "off":
		return false
	}
	return true
}

func atoi(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0
	}
	return n
}

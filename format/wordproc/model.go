// Package wordproc is the model of a word-processing document that the DOCX and ODT
// loaders both fill and the word-processing rules read: paragraphs with their resolved
// styles, heading levels and list membership, runs with resolved colours and sizes,
// tables, drawings and their alternative text, links, content controls and properties.
//
// Names and comments give the WordprocessingML element first and the OpenDocument one
// after it where they differ (w:p / text:p); a loader leaves at zero what its format does
// not have (ODT has no table style look options, DOCX no frames holding headings).
package wordproc

import (
	"fmt"
	"image/color"
	"strings"

	"github.com/lab110bis/focusplus/checker"
)

// Kind is the model rules read: a *Document in checker.Document.Content.
const Kind checker.Kind = "wordproc"

// Document is the content of a loaded word-processing document.
type Document struct {
	// Encrypted is set for an encrypted or rights-managed (IRM) file: an OLE compound
	// file holding an EncryptionInfo stream. Nothing else is known about it.
	Encrypted bool
	// Strict is set when the document uses the Strict Office Open XML namespaces.
	Strict bool

	MainPart string  // zip name of the main document part (word/document.xml, content.xml)
	Body     []Block // the main document body, in order
	Extra    []*Part // headers, footers, footnotes and endnotes

	Title        string // dc:title of docProps/core.xml or meta.xml
	Language     string // default language (DOCX docDefaults, default paragraph style or settings; ODT meta.xml dc:language or default style fo:language)
	LanguageFrom string // where Language was found
	Pages        int    // from docProps/app.xml or meta.xml statistics, or an estimate from page breaks
	Sections     int    // w:sectPr in the body: section breaks plus the final section

	Background *RGB // page background colour (w:background), nil when none

	// Flat lists in document order (main body first, then the other parts), so rules
	// never walk trees themselves.
	Paragraphs []*Paragraph
	Tables     []*Table
	Drawings   []*Drawing
	Links      []*Hyperlink
	Controls   []*Control

	// BodyFontHalfPoints is the size of body text (Normal or default style, or the
	// defaults), in half-points as Word stores it.
	BodyFontHalfPoints int

	// Source is the package's bytes and SourceFormat its format ("docx", "odt"), set by
	// the loader so the document can give the pages LibreOffice lays out (PageImages).
	Source       []byte
	SourceFormat string
}

// Part is a header, footer, footnotes or endnotes part.
type Part struct {
	Name   string // zip name, "word/header1.xml"
	Kind   string // header, footer, footnotes, endnotes
	Blocks []Block
}

// Block is a paragraph or a table.
type Block struct {
	Para  *Paragraph
	Table *Table
}

// RGB is an opaque sRGB colour.
type RGB struct{ R, G, B uint8 }

// RGBA implements color.Color.
func (c RGB) RGBA() (r, g, b, a uint32) {
	return uint32(c.R) * 0x101, uint32(c.G) * 0x101, uint32(c.B) * 0x101, 0xffff
}

var _ color.Color = RGB{}

// White is the default paper.
var White = RGB{255, 255, 255}

// Paragraph is one w:p (text:p or text:h) with its resolved properties.
type Paragraph struct {
	Part string // zip part name
	Path string // XPath-like, "/w:document/w:body/w:p[12]"

	StyleID   string
	StyleName string // w:name (style:display-name) of the style, lower case ("heading 1", "titre 1")
	// HeadingLevel is 1..9 for a heading (by style name or outline level), 0 otherwise.
	HeadingLevel int
	// TitleStyle is set for the Title and Subtitle styles, which are not headings.
	TitleStyle bool

	Numbered  bool   // has list numbering (directly or through its style)
	NumLevel  int    // 0-based list level
	NumFormat string // bullet, decimal, lowerLetter... ("" when unknown)

	Runs     []Run
	Text     string // visible text: tabs as \t, breaks as \n
	Links    []*Hyperlink
	Drawings []*Drawing

	Shading *RGB // paragraph shading, nil when none
	// Align is the resolved alignment: w:jc of the paragraph or its style chain
	// (fo:text-align of the paragraph style and its parents), "" when none is set (the
	// start of the line).
	Align Alignment
	// After holds the first words of the closest paragraph before this one (in the same
	// part) that has text, so a finding on an empty paragraph or a picture can say where
	// it is.
	After string

	Table     *Table // innermost table holding the paragraph, nil outside tables
	Cell      *Cell
	TextBox   *Drawing // text box holding the paragraph, nil outside text boxes
	Frame     bool     // w:framePr (a positioned frame; ODT: a paragraph in a text frame)
	DropCap   bool
	PageBreak bool // holds a page break or ends a section
	Fields    bool // holds a field result (TOC, page number...)

	// MaxTabsInARow and MaxSpacesInARow measure blank characters used for layout.
	MaxTabsInARow   int
	MaxSpacesInARow int
}

// Run is a stretch of text with one set of resolved properties.
type Run struct {
	Text      string
	Color     RGB  // resolved text colour
	ColorAuto bool // w:color auto or unset (style:use-window-font-color): black or white against the background
	HalfPts   int  // font size in half-points
	Bold      bool
	Italic    bool
	Hidden    bool // w:vanish (text:display="none")
	// Background is the run's own background: highlight, else run shading. Nil when none.
	Background *RGB
	Effect     string // w:effect (blinkBackground, lights, antsBlack, antsRed, shimmer, sparkle)
	InLink     bool
	// Lang is the run's declared language as a tag ("fr-FR"), resolved through the run,
	// character and paragraph styles and the document defaults (w:lang w:val; ODT
	// fo:language with fo:country); "" when nothing declares one.
	Lang string
}

// Alignment is a paragraph's horizontal alignment, named after the start and end of
// the line rather than left and right.
type Alignment string

const (
	AlignStart   Alignment = "start"   // w:jc left/start, fo:text-align start/left
	AlignCenter  Alignment = "center"  // w:jc center, fo:text-align center
	AlignEnd     Alignment = "end"     // w:jc right/end, fo:text-align end/right
	AlignJustify Alignment = "justify" // w:jc both/distribute/kashida, fo:text-align justify
)

// ParseAlignment reads a w:jc or fo:text-align value; "" for a value it does not know.
func ParseAlignment(v string) Alignment {
	switch v {
	case "left", "start":
		return AlignStart
	case "center", "centre":
		return AlignCenter
	case "right", "end":
		return AlignEnd
	case "both", "justify", "distribute", "lowKashida", "mediumKashida", "highKashida", "thaiDistribute":
		return AlignJustify
	}
	return ""
}

// SizePt is the run's font size in points.
func (r *Run) SizePt() float64 { return float64(r.HalfPts) / 2 }

// Table is one w:tbl (table:table).
type Table struct {
	Part string
	Path string
	Rows []*Row
	// Depth is 0 for a table in the body, 1 for a table nested in a cell...
	Depth  int
	Parent *Cell // the cell holding a nested table

	StyleID      string
	LookFirstRow bool      // w:tblLook firstRow: the "Header row" table style option
	Look         TableLook // every w:tblLook option
	Shading      *RGB      // table shading (direct, or the table style's whole-table shading)
	// Cond holds the table style's conditional formatting (w:tblStylePr) by region type
	// (firstRow, lastRow, firstCol, lastCol, band1Horz, band2Horz, band1Vert, band2Vert,
	// nwCell, neCell, swCell, seCell), resolved through the style chain.
	Cond        map[string]CondFormat
	Caption     string // w:tblCaption (the table's alternative text title)
	Description string // w:tblDescription
	InTextBox   bool
}

// TableLook is w:tblLook: which conditional regions of the table style apply.
type TableLook struct {
	FirstRow, LastRow, FirstColumn, LastColumn, NoHBand, NoVBand bool
}

// CondFormat is the shading and text colour a table style gives one region.
type CondFormat struct {
	Shading *RGB
	Color   *RGB
}

// CellFormat returns the table style's shading and text colour for a cell: the most
// specific conditional region that sets each wins, in the order of ECMA-376 17.7.6
// (corner cells, then first and last row, first and last column, banded rows, banded
// columns, whole table). Nil when the style sets nothing for the cell.
func (t *Table) CellFormat(c *Cell) (shading, color *RGB) {
	if len(t.Cond) == 0 || c.Row == nil {
		return nil, nil
	}
	i, n := c.Row.Index, len(t.Rows)
	first, last := c.Col == 0, c.Col+c.Span() >= t.Columns()
	top, bottom := i == 0 && t.Look.FirstRow, i == n-1 && n > 1 && t.Look.LastRow
	left, right := first && t.Look.FirstColumn, last && t.Look.LastColumn
	var regions [12]string
	k := 0
	add := func(on bool, r string) {
		if on {
			regions[k] = r
			k++
		}
	}
	add(top && left, "nwCell")
	add(top && right, "neCell")
	add(bottom && left, "swCell")
	add(bottom && right, "seCell")
	add(top, "firstRow")
	add(bottom, "lastRow")
	add(left, "firstCol")
	add(right, "lastCol")
	if !t.Look.NoHBand && !top && !bottom {
		row := i
		if t.Look.FirstRow {
			row--
		}
		add(row%2 == 0, "band1Horz")
		add(row%2 == 1, "band2Horz")
	}
	if !t.Look.NoVBand && !left && !right {
		col := c.Col
		if t.Look.FirstColumn {
			col--
		}
		add(col%2 == 0, "band1Vert")
		add(col%2 == 1, "band2Vert")
	}
	add(true, "wholeTable")
	for _, r := range regions[:k] {
		f := t.Cond[r]
		if shading == nil {
			shading = f.Shading
		}
		if color == nil {
			color = f.Color
		}
	}
	return shading, color
}

// Columns is the width of the table grid: the most grid columns any row spans.
func (t *Table) Columns() int {
	n := 0
	for _, r := range t.Rows {
		c := r.GridBefore + r.GridAfter
		for _, cell := range r.Cells {
			c += cell.Span()
		}
		n = max(n, c)
	}
	return n
}

// Row is one w:tr (table:table-row).
type Row struct {
	Index      int  // 0-based position in the table
	Header     bool // w:trPr/w:tblHeader, or in table:table-header-rows: repeated as header row
	Cells      []*Cell
	GridBefore int
	GridAfter  int
}

// Cell is one w:tc (table:table-cell).
type Cell struct {
	Blocks   []Block
	Col      int    // first grid column, from 0
	GridSpan int    // w:gridSpan, table:number-columns-spanned (0 or 1: one column)
	VMerge   string // "restart", "continue" or "" (ODT: table:number-rows-spanned, covered cells)
	HMerge   string // legacy w:hMerge
	Shading  *RGB
	Row      *Row
	Table    *Table
}

// Span is the number of grid columns the cell covers.
func (c *Cell) Span() int { return max(c.GridSpan, 1) }

// Empty reports whether the cell has no text and no drawing.
func (c *Cell) Empty() bool {
	for _, b := range c.Blocks {
		if b.Table != nil {
			return false
		}
		if b.Para != nil && (HasVisibleText(b.Para.Text) || len(b.Para.Drawings) > 0) {
			return false
		}
	}
	return true
}

// Text is the cell's text, paragraphs joined by spaces.
func (c *Cell) Text() string {
	var b strings.Builder
	for _, bl := range c.Blocks {
		if bl.Para != nil && bl.Para.Text != "" {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(bl.Para.Text)
		}
	}
	return b.String()
}

// DrawingKind says what a drawing is.
type DrawingKind string

const (
	Picture   DrawingKind = "picture"
	Shape     DrawingKind = "shape"
	Chart     DrawingKind = "chart"
	SmartArt  DrawingKind = "smartart"
	Group     DrawingKind = "group"
	Canvas    DrawingKind = "canvas"
	Ink       DrawingKind = "ink"
	VMLImage  DrawingKind = "vml-image"
	VMLShape  DrawingKind = "vml-shape"
	OLEObject DrawingKind = "object"
	Other     DrawingKind = "other"
)

// Drawing is a DrawingML object (w:drawing), a VML picture or shape (w:pict) or an
// embedded object (w:object); in ODT a draw:frame (image, object, text box) or a shape.
type Drawing struct {
	Part string
	Path string
	Para *Paragraph // paragraph holding the anchor

	Kind       DrawingKind
	Alt        string // wp:docPr@descr, v:shape@alt, v:imagedata@o:title; svg:desc
	AltTitle   string // wp:docPr@title; svg:title
	Name       string // wp:docPr@name, v:shape@id
	Decorative bool   // marked decorative (adec:decorative; ODT: loext:decorative)
	Hidden     bool

	// Width and Height are the displayed size in points (wp:extent, or the VML style),
	// 0 when unknown.
	Width, Height float64

	Floating   bool   // wp:anchor, or an absolutely positioned VML shape
	Wrap       string // wrapNone, wrapSquare, wrapTight, wrapThrough, wrapTopAndBottom
	BehindText bool

	TextBox []Block // content of a text box (wps:txbx, v:textbox), nil when none
	// Fill is the shape's solid fill, drawn behind a text box's text; FillKnown is set
	// when Fill is known (Fill nil then means no fill: the page shows through).
	Fill      *RGB
	FillKnown bool
	HasText   bool // the text box holds visible text

	ImageRel     string // relationship id of the picture
	ImageTarget  string // zip name or URL of the picture
	External     bool   // linked, not embedded
	Watermark    bool   // a Word watermark shape
	HorizontalRL bool   // a VML horizontal rule (o:hr)
}

// AltText is the text a screen reader announces for the drawing: the description, else
// the title.
func (d *Drawing) AltText() string {
	if HasVisibleText(d.Alt) {
		return d.Alt
	}
	return d.AltTitle
}

// Hyperlink is a w:hyperlink, a HYPERLINK field or a text:a.
type Hyperlink struct {
	Part     string
	Path     string
	Para     *Paragraph
	Target   string // URL (external) or "#anchor"
	External bool
	Text     string
	Images   []*Drawing // pictures inside the link (their alt text names the link)
	Field    bool       // a HYPERLINK field rather than w:hyperlink
}

// Control is a content control (w:sdt).
type Control struct {
	Part  string
	Path  string
	Alias string // w:alias: the title a screen reader announces
	Tag   string
	Kind  string // text, richText, dropDownList, comboBox, date, checkbox, picture, docPart, citation, bibliography, group, equation
	Text  string
	Para  *Paragraph // first paragraph of the control or holding it
}

// IsFormField reports whether the control is something a reader fills in or picks,
// rather than a block Word itself manages (table of contents, cover page, citation).
func (c *Control) IsFormField() bool {
	switch c.Kind {
	case "docPart", "citation", "bibliography", "equation", "group":
		return false
	}
	return true
}

// HasVisibleText reports whether s holds anything but blanks.
func HasVisibleText(s string) bool {
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\u00a0', '\u200b', '\u2002', '\u2003', '\u2009', '\ufeff':
		default:
			return true
		}
	}
	return false
}

// String describes the document briefly, for debugging and tests.
func (d *Document) String() string {
	return fmt.Sprintf("wordproc{paragraphs:%d tables:%d drawings:%d links:%d controls:%d}", len(d.Paragraphs), len(d.Tables), len(d.Drawings), len(d.Links), len(d.Controls))
}

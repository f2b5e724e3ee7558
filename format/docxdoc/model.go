// Package docxdoc loads Word documents (.docx, transitional and Strict Office Open XML)
// into the word-processing model of format/wordproc: paragraphs with their resolved
// styles, heading levels, numbering and runs (with colours resolved through styles and
// the theme), tables, drawings and their alternative text, links, content controls,
// sections and metadata.
//
// A .docx is untrusted input: the zip directory is checked (entry count, declared sizes,
// compression ratio) before anything is inflated, every part is read through a reader
// that refuses more bytes than the header declared, and the XML walk counts elements and
// depth. Only archive/zip and the streaming XML tokenizer of format/zippkg are used.
package docxdoc

import "github.com/lab110bis/focusplus/format/wordproc"

// Main is the name of the main document part in reports (the real name may differ; the
// package relationships say which part it is).
const Main = "word/document.xml"

// The loader fills the shared word-processing model; these names keep its code short.
type (
	Document    = wordproc.Document
	Part        = wordproc.Part
	Block       = wordproc.Block
	RGB         = wordproc.RGB
	Paragraph   = wordproc.Paragraph
	Run         = wordproc.Run
	Table       = wordproc.Table
	TableLook   = wordproc.TableLook
	CondFormat  = wordproc.CondFormat
	Row         = wordproc.Row
	Cell        = wordproc.Cell
	DrawingKind = wordproc.DrawingKind
	Drawing     = wordproc.Drawing
	Hyperlink   = wordproc.Hyperlink
	Control     = wordproc.Control
)

// Drawing kinds, as the model names them.
const (
	Picture   = wordproc.Picture
	Shape     = wordproc.Shape
	Chart     = wordproc.Chart
	SmartArt  = wordproc.SmartArt
	Group     = wordproc.Group
	Canvas    = wordproc.Canvas
	Ink       = wordproc.Ink
	VMLImage  = wordproc.VMLImage
	VMLShape  = wordproc.VMLShape
	OLEObject = wordproc.OLEObject
	Other     = wordproc.Other
)

var white = wordproc.White

func hasVisibleText(s string) bool { return wordproc.HasVisibleText(s) }

var parseAlignment = wordproc.ParseAlignment

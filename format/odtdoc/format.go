// Package odtdoc loads OpenDocument text documents (.odt, and flat .fodt) into the
// word-processing model of format/wordproc, so they are checked by the same rules as
// Word documents: paragraphs and headings (text:h with their outline levels), styles
// resolved through their parents and the default styles, lists, tables and their header
// rows, frames and their svg:title and svg:desc, links, metadata and language.
//
// An .odt is untrusted input and is opened under the limits of every office package
// (format/zippkg): entries counted, declared sizes and ratios checked before inflating,
// XML depth, element and attribute counts bounded while streaming.
package odtdoc

import (
	"bytes"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/wordproc"
)

// Name is the format's name in reports.
const Name checker.Format = "odt"

const mimeText = "application/vnd.oasis.opendocument.text"

func init() {
	checker.RegisterFormat(&checker.FileFormat{
		Name: Name, Title: "ODT", Kinds: []checker.Kind{wordproc.Kind},
		Extensions: []string{".odt", ".fodt"},
		MediaTypes: []string{mimeText, "application/vnd.oasis.opendocument.text-flat-xml"},
		Sniff:      Sniff,
		Load:       Load,
	})
}

// Sniff recognises an OpenDocument package by its first entry, which ODF 1.2 Part 3
// (3.3) requires to be the stored "mimetype" file, and a flat OpenDocument file by its
// root element. Every OpenDocument kind is claimed, so that the loader can name a
// spreadsheet or a presentation when it refuses one.
func Sniff(head []byte) bool {
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) && len(head) >= 38+len("application/vnd.oasis.opendocument") {
		return string(head[30:38]) == "mimetype" && bytes.HasPrefix(head[38:], []byte("application/vnd.oasis.opendocument"))
	}
	return bytes.Contains(head, []byte("<office:document")) && bytes.Contains(head, []byte("urn:oasis:names:tc:opendocument:xmlns:office:1.0"))
}

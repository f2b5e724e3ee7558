package pdfdoc

import (
	"bytes"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/pdfrender"
)

// Name is the format's name in reports; Kind is the model PDF rules read (*Document).
const (
	Name checker.Format = "pdf"
	Kind checker.Kind   = "pdf"
)

func init() {
	checker.RegisterFormat(&checker.FileFormat{
		Name: Name, Title: "PDF", Kinds: []checker.Kind{Kind},
		Extensions: []string{".pdf"}, MediaTypes: []string{"application/pdf"},
		Sniff: sniff, Load: Load,
		// The page checks render pages: their renderer's start (a process, 0.2–0.3 s)
		// overlaps the reading of the document's structure.
		Prepare: pdfrender.Prestart,
	})
}

// sniff finds the header. ISO 32000-1 7.5.2 puts it at the start; readers (Acrobat among
// them) accept it anywhere in the first 1024 bytes, so do we.
func sniff(head []byte) bool {
	if len(head) > 1024 {
		head = head[:1024]
	}
	return bytes.Contains(head, []byte("%PDF-"))
}

package docxdoc

import (
	"bytes"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/wordproc"
)

// Name is the format's name in reports.
const Name checker.Format = "docx"

func init() {
	checker.RegisterFormat(&checker.FileFormat{
		Name: Name, Title: "DOCX", Kinds: []checker.Kind{wordproc.Kind},
		Extensions: []string{".docx"},
		MediaTypes: []string{"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		// Any zip is taken for a DOCX once the more precise formats have declined it: the
		// loader tells a damaged package from another kind of file. An OLE compound file
		// is taken too, because an encrypted or rights-managed .docx is stored that way;
		// the loader reports it as protected, or refuses a legacy Office file.
		Sniff: func(head []byte) bool {
			return bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, oleMagic)
		},
		Fallback: true,
		Load:     Load,
	})
}

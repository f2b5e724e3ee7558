package docxdoc

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/zippkg"
)

var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// utf16 encodes an ASCII stream name the way an OLE directory stores it.
func utf16(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// oleKind tells apart the OLE compound files that reach the DOCX loader. The stream
// names are stored in UTF-16LE in the directory sectors; looking for them is enough to
// tell an encrypted OOXML package (MS-OFFCRYPTO 2.3.4: EncryptionInfo + EncryptedPackage)
// from a Word 97-2003 file (WordDocument stream) without walking the FAT.
func oleKind(data []byte) string {
	switch {
	case bytes.Contains(data, utf16("EncryptionInfo")), bytes.Contains(data, utf16("EncryptedPackage")):
		return "encrypted"
	case bytes.Contains(data, utf16("WordDocument")):
		return "doc"
	case bytes.Contains(data, utf16("Workbook")), bytes.Contains(data, utf16("Book")):
		return "xls"
	case bytes.Contains(data, utf16("PowerPoint Document")):
		return "ppt"
	}
	return ""
}

// pkg is the opened .docx package.
type pkg struct{ *zippkg.Package }

var errNoPart = zippkg.ErrNoPart

func openZip(data []byte, lim checker.Limits) (*pkg, error) {
	z, err := zippkg.Open(data, lim, checker.Text{En: "Word document", Fr: "document Word"}, checker.Text{
		En: "open it in Word or LibreOffice and save it again as .docx",
		Fr: "ouvrez-le dans Word ou LibreOffice et enregistrez-le à nouveau en .docx",
	})
	if err != nil {
		return nil, err
	}
	return &pkg{z}, nil
}

func (p *pkg) open(name string) (io.ReadCloser, error) { return p.Part(name) }
func (p *pkg) has(name string) bool                    { return p.Has(name) }
func (p *pkg) readSmall(name string, max int64) ([]byte, error) {
	return p.ReadSmall(name, max)
}

// notWord names what a zip that is not a Word document is, for the error message.
func (p *pkg) notWord() error {
	what := checker.Text{En: "a zip archive", Fr: "une archive zip"}
	switch {
	case p.has("xl/workbook.xml"):
		what = checker.Text{En: "an Excel workbook (.xlsx)", Fr: "un classeur Excel (.xlsx)"}
	case p.has("ppt/presentation.xml"):
		what = checker.Text{En: "a PowerPoint presentation (.pptx)", Fr: "une présentation PowerPoint (.pptx)"}
	case p.has("visio/document.xml") || p.has("visio/pages/pages.xml"):
		what = checker.Text{En: "a Visio drawing (.vsdx)", Fr: "un dessin Visio (.vsdx)"}
	case p.has("mimetype") || p.has("content.xml"):
		mt, _ := p.readSmall("mimetype", 200)
		switch m := string(mt); {
		case strings.Contains(m, "opendocument.text"):
			what = checker.Text{En: "an OpenDocument text (.odt)", Fr: "un texte OpenDocument (.odt)"}
		case strings.Contains(m, "opendocument.spreadsheet"):
			what = checker.Text{En: "an OpenDocument spreadsheet (.ods)", Fr: "un classeur OpenDocument (.ods)"}
		case strings.Contains(m, "opendocument.presentation"):
			what = checker.Text{En: "an OpenDocument presentation (.odp)", Fr: "une présentation OpenDocument (.odp)"}
		case strings.Contains(m, "epub"):
			what = checker.Text{En: "an EPUB book", Fr: "un livre EPUB"}
		default:
			what = checker.Text{En: "an OpenDocument file", Fr: "un fichier OpenDocument"}
		}
	}
	return &checker.LoadError{Unsupported: true, Msg: checker.Text{
		En: fmt.Sprintf("this file is %s, not a format Focus+ reads", what.En),
		Fr: fmt.Sprintf("ce fichier est %s, un format que Focus+ ne lit pas", what.Fr),
	}}
}

package checker

import (
	"bytes"
	"path/filepath"
	"strings"
)

var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// Sniff identifies a document's format from its first bytes, never from its name.
// It returns "" when the content is not a format Focus+ reads.
//
// A ZIP is taken for a DOCX: the DOCX loader tells a damaged package or another kind of
// OOXML file apart. An OLE compound file is taken for a DOCX too, because an encrypted or
// rights-managed .docx is stored that way; the loader reports it as protected, or as a
// legacy Word 97-2003 file.
func Sniff(head []byte) Format {
	switch {
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return FormatPNG
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return FormatJPEG
	case bytes.HasPrefix(head, []byte("GIF87a")), bytes.HasPrefix(head, []byte("GIF89a")):
		return FormatGIF
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return FormatWebP
	case bytes.HasPrefix(head, []byte("II*\x00")), bytes.HasPrefix(head, []byte("MM\x00*")):
		return FormatTIFF
	case bytes.HasPrefix(head, []byte("BM")) && len(head) >= 26:
		return FormatBMP
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, oleMagic):
		return FormatDOCX
	}
	// ISO 32000-1 7.5.2 puts the header at the start; readers (Acrobat among them)
	// accept it anywhere in the first 1024 bytes, so do we.
	lim := head
	if len(lim) > 1024 {
		lim = lim[:1024]
	}
	if bytes.Contains(lim, []byte("%PDF-")) {
		return FormatPDF
	}
	return ""
}

// SniffLen is how many leading bytes Sniff needs.
const SniffLen = 1024

// KnownExtension reports whether a file name claims a format Focus+ reads. A file that
// claims one but whose content is not is a document error; other unknown files are
// skipped when walking folders.
func KnownExtension(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".pdf", ".docx", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".tif", ".tiff", ".bmp":
		return true
	}
	return false
}

package docxdoc

import (
	"errors"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/lab110bis/focusplus/checker"
)

// EmbeddedImage is a picture stored in the package (word/media).
type EmbeddedImage struct {
	Name string // zip name, "word/media/image1.png"
	Data []byte
}

// maxEmbeddedImage and maxEmbeddedTotal bound what EmbeddedImages inflates.
const (
	maxEmbeddedImage = 32 << 20
	maxEmbeddedTotal = 128 << 20
)

// EmbeddedImages returns the pictures of a .docx (PNG, JPEG, GIF, BMP, TIFF, WebP under
// word/media), in name order: what a preview shows when LibreOffice is absent. The zip
// limits of the loader apply, and pictures over 32 MiB are left out.
func EmbeddedImages(data []byte, lim checker.Limits) ([]EmbeddedImage, error) {
	if lim.MaxInflated <= 0 || lim.MaxInflated > maxEmbeddedTotal {
		lim.MaxInflated = maxEmbeddedTotal
	}
	p, err := openZip(data, lim)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, name := range p.Names() {
		switch strings.ToLower(path.Ext(name)) {
		case ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp":
			if strings.Contains(name, "/media/") && p.File(name).UncompressedSize64 <= maxEmbeddedImage {
				names = append(names, name)
			}
		}
	}
	sort.Strings(names)
	var out []EmbeddedImage
	for _, name := range names {
		rc, err := p.open(name)
		if err != nil {
			var le *checker.LoadError
			if errors.As(err, &le) && strings.Contains(le.Msg.En, "inflates to more than") {
				break // budget spent: show what we have
			}
			continue
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err == nil {
			out = append(out, EmbeddedImage{Name: name, Data: b})
		}
	}
	return out, nil
}

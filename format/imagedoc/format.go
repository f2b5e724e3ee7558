package imagedoc

import (
	"bytes"
	"context"
	"image"

	"github.com/lab110bis/focusplus/checker"
)

// Kind is the model of an image document (*Image): image rules read it.
const Kind checker.Kind = "image"

// The image formats, named as the JSON report names them.
const (
	PNG  checker.Format = "png"
	JPEG checker.Format = "jpeg"
	GIF  checker.Format = "gif"
	WebP checker.Format = "webp"
	TIFF checker.Format = "tiff"
	BMP  checker.Format = "bmp"
)

func prefix(magic ...string) func([]byte) bool {
	return func(head []byte) bool {
		for _, m := range magic {
			if bytes.HasPrefix(head, []byte(m)) {
				return true
			}
		}
		return false
	}
}

func init() {
	for _, f := range []*checker.FileFormat{
		{Name: PNG, Title: "PNG", Extensions: []string{".png"}, MediaTypes: []string{"image/png"},
			Sniff: prefix("\x89PNG\r\n\x1a\n")},
		{Name: JPEG, Title: "JPEG", Extensions: []string{".jpg", ".jpeg"}, MediaTypes: []string{"image/jpeg"},
			Sniff: prefix("\xFF\xD8\xFF")},
		{Name: GIF, Title: "GIF", Extensions: []string{".gif"}, MediaTypes: []string{"image/gif"},
			Sniff: prefix("GIF87a", "GIF89a")},
		{Name: WebP, Title: "WebP", Extensions: []string{".webp"}, MediaTypes: []string{"image/webp"},
			Sniff: func(h []byte) bool { return len(h) >= 12 && string(h[:4]) == "RIFF" && string(h[8:12]) == "WEBP" }},
		{Name: TIFF, Title: "TIFF", Extensions: []string{".tif", ".tiff"}, MediaTypes: []string{"image/tiff"},
			Sniff: prefix("II*\x00", "MM\x00*")},
		{Name: BMP, Title: "BMP", Extensions: []string{".bmp"}, MediaTypes: []string{"image/bmp"},
			Sniff: func(h []byte) bool { return bytes.HasPrefix(h, []byte("BM")) && len(h) >= 26 }},
	} {
		f.Kinds, f.Picture, f.Load = []checker.Kind{Kind}, true, Load
		checker.RegisterFormat(f)
	}
}

// PageImages gives the picture (or the first frame of an animation) as page 1, at its own
// size: an image has no dpi. It makes *Image a checker.PageImager.
func (im *Image) PageImages(ctx context.Context, pages []int, dpi float64, fn func(page int, img image.Image, scale float64) error) error {
	for _, p := range pages {
		if p != 1 || im.Still == nil {
			return checker.Errorf("an image has one page only", "une image n'a qu'une page")
		}
		if err := fn(1, im.Still, 1); err != nil {
			return err
		}
	}
	return nil
}

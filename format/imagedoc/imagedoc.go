// Package imagedoc loads image documents (PNG, JPEG, GIF, WebP, TIFF, BMP) into the model
// the image rules read: the picture, its animation frames with their real delays, and
// any description embedded in its metadata.
//
// Images are untrusted: dimensions and frame counts are read from the headers and checked
// against the limits before any pixel buffer is allocated.
package imagedoc

import (
	"bytes"
	"context"
	"image"
	"image/draw"
	"image/gif"
	"strings"
	"time"

	_ "image/jpeg" // registered decoders: image.Decode sniffs content
	_ "image/png"

	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/tiff"
	_ "golang.org/x/image/webp"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/internal/pngio"
)

// Image is the content of an image document.
type Image struct {
	Width, Height int
	// Still is the image, or the first frame of an animation.
	Still image.Image
	// Anim holds the frames of an animated GIF, nil for a still image.
	Anim *gif.GIF
	// AnimatedElsewhere is set for animations this loader cannot play (animated PNG or
	// WebP): rules about motion must ask a person rather than pass them.
	AnimatedElsewhere bool
	// Description is embedded alternative text or description metadata (XMP
	// Iptc4xmpCore:AltTextAccessibility or dc:description, IPTC caption, PNG Description).
	Description       string
	DescriptionSource string
}

// Frames reports how many frames the image has.
func (im *Image) Frames() int {
	if im.Anim == nil {
		return 1
	}
	return len(im.Anim.Image)
}

// Delay is how long browsers show frame i. Like Chromium and Firefox, delays of 0 or 10 ms
// are played as 100 ms, so the analysis sees the animation as readers do.
func (im *Image) Delay(i int) time.Duration {
	d := im.Anim.Delay[i]
	if d <= 1 {
		d = 10
	}
	return time.Duration(d) * 10 * time.Millisecond
}

// Loops reports whether the animation repeats forever, and how many times it plays.
// GIF's NETSCAPE2.0 loop count 0 means forever; without the extension it plays once.
func (im *Image) Loops() (forever bool, plays int) {
	if im.Anim == nil {
		return false, 1
	}
	switch lc := im.Anim.LoopCount; {
	case lc == 0:
		return true, 0
	case lc < 0:
		return false, 1
	default:
		return false, lc + 1
	}
}

// Duration is the length of one play of the animation.
func (im *Image) Duration() time.Duration {
	var t time.Duration
	for i := 0; i < im.Frames() && im.Anim != nil; i++ {
		t += im.Delay(i)
	}
	return t
}

// Play composes the frames of the animation onto one canvas, honouring disposal methods,
// and calls f with each composed frame. The canvas is reused: f must not keep it.
func (im *Image) Play(ctx context.Context, f func(i int, canvas *image.RGBA, delay time.Duration) bool) error {
	if im.Anim == nil {
		canvas := image.NewRGBA(image.Rect(0, 0, im.Width, im.Height))
		draw.Draw(canvas, canvas.Bounds(), im.Still, im.Still.Bounds().Min, draw.Src)
		f(0, canvas, 0)
		return nil
	}
	bounds := image.Rect(0, 0, im.Width, im.Height)
	canvas := image.NewRGBA(bounds)
	var saved *image.RGBA
	for i, frame := range im.Anim.Image {
		if err := ctx.Err(); err != nil {
			return err
		}
		disposal := byte(0)
		if i < len(im.Anim.Disposal) {
			disposal = im.Anim.Disposal[i]
		}
		if disposal == gif.DisposalPrevious {
			if saved == nil {
				saved = image.NewRGBA(bounds)
			}
			copy(saved.Pix, canvas.Pix)
		}
		draw.Draw(canvas, frame.Bounds(), frame, frame.Bounds().Min, draw.Over)
		if !f(i, canvas, im.Delay(i)) {
			return nil
		}
		switch disposal {
		case gif.DisposalBackground:
			draw.Draw(canvas, frame.Bounds(), image.Transparent, image.Point{}, draw.Src)
		case gif.DisposalPrevious:
			copy(canvas.Pix, saved.Pix)
		}
	}
	return nil
}

// Load reads an image document within the limits.
func Load(ctx context.Context, name string, data []byte, format checker.Format, lim checker.Limits) (*checker.Document, error) {
	im := &Image{}
	if format == GIF {
		if err := loadGIF(im, data, lim); err != nil {
			return nil, err
		}
	} else {
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return nil, decodeError(format, err)
		}
		if err := checkSize(cfg.Width, cfg.Height, lim); err != nil {
			return nil, err
		}
		if err := checkCost(decodeCost(format, cfg, data), lim); err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var img image.Image
		if format == PNG {
			img, err = pngio.Decode(ctx, data) // image/png's result, faster for 8-bit colour
		} else {
			img, _, err = image.Decode(bytes.NewReader(data))
		}
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, decodeError(format, err)
		}
		im.Still = img
		im.Width, im.Height = img.Bounds().Dx(), img.Bounds().Dy()
		im.AnimatedElsewhere = animatedPNG(data, format) || animatedWebP(data, format)
	}
	im.Description, im.DescriptionSource = embeddedDescription(data, format)
	return &checker.Document{
		Name:    name,
		Format:  format,
		Pages:   1,
		Title:   "",
		Content: im,
	}, nil
}

func checkSize(w, h int, lim checker.Limits) error {
	if w <= 0 || h <= 0 {
		return checker.Errorf("the image declares an empty size (%d×%d pixels)", "l'image déclare une taille vide (%d×%d pixels)", w, h)
	}
	if lim.MaxPixels > 0 && int64(w)*int64(h) > lim.MaxPixels {
		return checker.Errorf("the image declares %d×%d pixels, over the limit of %d megapixels",
			"l'image déclare %d×%d pixels, au-delà de la limite de %d mégapixels", w, h, lim.MaxPixels/1_000_000)
	}
	return nil
}

func decodeError(format checker.Format, err error) error {
	return checker.DetailErrorf(err, "the %s image is damaged or truncated and cannot be decoded",
		"l'image %s est endommagée ou tronquée et ne peut pas être décodée", strings.ToUpper(string(format)))
}

// ReadingView: a standalone image is announced by its embedded description, if any.
func (im *Image) ReadingView() checker.ReadingView {
	return checker.ReadingView{Items: []checker.ReadingItem{{
		Role: "figure", Text: im.Description, Missing: im.Description == "", Page: 1,
	}}}
}

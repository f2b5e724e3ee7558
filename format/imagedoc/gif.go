package imagedoc

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image/gif"

	"github.com/lab110bis/focusplus/checker"
)

// gifLayout is what a walk over a GIF's blocks learns without decoding any pixel.
type gifLayout struct {
	width, height int
	frames        int
	framePixels   int64 // sum of the frames' own rectangles
}

var errTruncatedGIF = errors.New("truncated")

// scanGIF walks the block structure of a GIF (GIF89a specification, sections 17-27):
// header, logical screen, colour tables, extensions and image descriptors, skipping the
// LZW data sub-blocks. It is linear in the file size and allocates nothing per frame.
func scanGIF(data []byte) (gifLayout, error) {
	var g gifLayout
	if len(data) < 13 {
		return g, errTruncatedGIF
	}
	g.width = int(binary.LittleEndian.Uint16(data[6:]))
	g.height = int(binary.LittleEndian.Uint16(data[8:]))
	p := 13
	if flags := data[10]; flags&0x80 != 0 {
		p += 3 << (flags&7 + 1)
	}
	skipSubBlocks := func() bool {
		for p < len(data) {
			n := int(data[p])
			p++
			if n == 0 {
				return true
			}
			p += n
		}
		return false
	}
	for p < len(data) {
		switch data[p] {
		case 0x3B: // trailer
			return g, nil
		case 0x21: // extension: label, then sub-blocks
			p += 2
			if !skipSubBlocks() {
				return g, errTruncatedGIF
			}
		case 0x2C: // image descriptor
			if p+10 > len(data) {
				return g, errTruncatedGIF
			}
			w := int64(binary.LittleEndian.Uint16(data[p+5:]))
			h := int64(binary.LittleEndian.Uint16(data[p+7:]))
			flags := data[p+9]
			p += 10
			if flags&0x80 != 0 {
				p += 3 << (flags&7 + 1)
			}
			p++ // LZW minimum code size
			if !skipSubBlocks() {
				return g, errTruncatedGIF
			}
			g.frames++
			g.framePixels += w * h
		default:
			return g, errors.New("unknown block")
		}
	}
	return g, errTruncatedGIF
}

func loadGIF(im *Image, data []byte, lim checker.Limits) error {
	g, err := scanGIF(data)
	if err != nil {
		return checker.DetailErrorf(err, "the GIF image is damaged or truncated", "l'image GIF est endommagée ou tronquée")
	}
	if err := checkSize(g.width, g.height, lim); err != nil {
		return err
	}
	if g.frames == 0 {
		return checker.Errorf("the GIF image has no frame", "l'image GIF ne contient aucune image")
	}
	if lim.MaxFrames > 0 && g.frames > lim.MaxFrames {
		return checker.Errorf("the GIF animation has %d frames, over the limit of %d",
			"l'animation GIF a %d images, au-delà de la limite de %d", g.frames, lim.MaxFrames)
	}
	// Playing composes every frame on a full canvas, so the work is frames × screen.
	if total := int64(g.frames) * int64(g.width) * int64(g.height); lim.MaxTotalPixels > 0 &&
		(total > lim.MaxTotalPixels || g.framePixels > lim.MaxTotalPixels) {
		return checker.Errorf("the GIF animation has %d frames of %d×%d pixels, over the limit of %d megapixels in all",
			"l'animation GIF a %d images de %d×%d pixels, au-delà de la limite de %d mégapixels au total",
			g.frames, g.width, g.height, lim.MaxTotalPixels/1_000_000)
	}
	// Every frame is kept (a byte per pixel of its own rectangle), and playing composes
	// them on two full RGBA canvases.
	if err := checkCost(g.framePixels+8*int64(g.width)*int64(g.height), lim); err != nil {
		return err
	}
	anim, err := gif.DecodeAll(bytes.NewReader(data))
	if err != nil {
		return decodeError(GIF, err)
	}
	im.Width, im.Height = anim.Config.Width, anim.Config.Height
	if im.Width == 0 || im.Height == 0 {
		im.Width, im.Height = g.width, g.height
	}
	first := anim.Image[0]
	im.Still = first
	if len(anim.Image) > 1 {
		im.Anim = anim
	}
	return nil
}

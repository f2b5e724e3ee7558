package imagedoc

import (
	"image"
	"image/color"

	"github.com/lab110bis/focusplus/checker"
)

// decodeCost estimates the bytes decoding an image takes, from its header alone: the
// pixels in the decoder's colour model, what the decoder holds beside them, and one
// RGBA copy the checks work on. The factors were read from the decoders of the standard
// library and golang.org/x/image:
//   - JPEG, progressive: every coefficient of every block is kept until the last scan,
//     an int32 per sample (a 600-byte file declaring 100 Mpx took 1.9 GB);
//   - TIFF: the raw strips are read whole, decompressed into a growing buffer, then
//     converted (16-bit samples: 0.8 MB file, 2.8 GB);
//   - PNG: interlaced images decode seven passes and merge them;
//   - WebP: lossless decoding keeps a transformed copy.
func decodeCost(format checker.Format, cfg image.Config, data []byte) int64 {
	px := int64(cfg.Width) * int64(cfg.Height)
	bpp := int64(bytesPerPixel(cfg.ColorModel))
	cost := px * bpp
	switch format {
	case JPEG:
		if progressiveJPEG(data) {
			cost += px * bpp * 4
		}
	case TIFF:
		cost *= 3
	case PNG:
		if len(data) > 28 && data[28] == 1 { // IHDR interlace method: Adam7
			cost *= 2
		}
	case WebP:
		cost *= 2
	}
	return cost + px*4
}

func bytesPerPixel(m color.Model) int {
	switch m {
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	case color.Gray16Model, color.Alpha16Model:
		return 2
	case color.GrayModel, color.AlphaModel:
		return 1
	case color.YCbCrModel:
		return 3
	case color.RGBAModel, color.NRGBAModel, color.CMYKModel:
		return 4
	}
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	return 8 // unknown: assume the widest
}

// progressiveJPEG reports whether the file has a progressive frame header (SOF2, or
// the arithmetic-coded SOF6/SOF10/SOF14 forms) before its first scan.
func progressiveJPEG(data []byte) bool {
	for i := 2; i+1 < len(data); {
		if data[i] != 0xFF {
			return false
		}
		m := data[i+1]
		switch {
		case m == 0xFF: // fill byte
			i++
			continue
		case m == 0xC2 || m == 0xC6 || m == 0xCA || m == 0xCE:
			return true
		case m == 0xC0 || m == 0xC1 || m == 0xC3 || m == 0xDA:
			return false
		case m == 0x01 || (m >= 0xD0 && m <= 0xD8):
			i += 2
			continue
		}
		if i+4 > len(data) {
			return false
		}
		i += 2 + (int(data[i+2])<<8 | int(data[i+3]))
	}
	return false
}

// memoryBudget is lim.MaxMemory, or its default.
func memoryBudget(lim checker.Limits) int64 {
	if lim.MaxMemory > 0 {
		return lim.MaxMemory
	}
	return checker.DefaultLimits().MaxMemory
}

func checkCost(cost int64, lim checker.Limits) error {
	if budget := memoryBudget(lim); cost > budget {
		return checker.Errorf("the image would need about %s of memory to decode, over the %s limit for one document",
			"l'image demanderait environ %s de mémoire pour être décodée, au-delà de la limite de %s par document",
			checker.HumanBytes(cost), checker.HumanBytes(budget))
	}
	return nil
}

package imagedoc

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/lab110bis/focusplus/checker"
)

// Headers that declare images within the pixel limit but whose decoding would take
// gigabytes: each is refused from its header, fast and without allocating.

func progressiveJPEGHeader(w, h int) []byte {
	b := []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0} // SOI, APP0 JFIF
	// SOF2: length 17, precision 8, height, width, 3 components (id, sampling 1×1, table 0)
	sof := []byte{0xFF, 0xC2, 0, 17, 8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0}
	return append(b, sof...)
}

func pngHeader(w, h uint32, depth, colour, interlace byte) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9], ihdr[12] = depth, colour, interlace
	chunk := binary.BigEndian.AppendUint32(nil, 13)
	chunk = append(chunk, "IHDR"...)
	chunk = append(chunk, ihdr...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	return append([]byte("\x89PNG\r\n\x1a\n"), chunk...)
}

// tiffHeader is an uncompressed RGB TIFF of w×h with 16-bit samples and no pixel data.
func tiffHeader(w, h uint32) []byte {
	le := binary.LittleEndian
	var b bytes.Buffer
	b.WriteString("II*\x00")
	binary.Write(&b, le, uint32(8))
	type entry struct {
		tag, typ uint16
		count    uint32
		value    uint32
	}
	const bpsAt = 8 + 2 + 10*12 + 4
	entries := []entry{
		{256, 4, 1, w}, {257, 4, 1, h}, {258, 3, 3, bpsAt}, {259, 3, 1, 1}, {262, 3, 1, 2},
		{273, 4, 1, bpsAt + 6}, {277, 3, 1, 3}, {278, 4, 1, h}, {279, 4, 1, w * h * 6}, {284, 3, 1, 1},
	}
	binary.Write(&b, le, uint16(len(entries)))
	for _, e := range entries {
		binary.Write(&b, le, e)
	}
	binary.Write(&b, le, uint32(0))
	binary.Write(&b, le, [3]uint16{16, 16, 16})
	return b.Bytes()
}

func webpLosslessHeader(w, h int) []byte {
	bits := uint32(w-1) | uint32(h-1)<<14 | 1<<28 // alpha used, version 0
	vp8l := append([]byte{0x2F}, binary.LittleEndian.AppendUint32(nil, bits)...)
	chunk := append([]byte("VP8L"), binary.LittleEndian.AppendUint32(nil, uint32(len(vp8l)))...)
	chunk = append(chunk, vp8l...)
	riff := append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(4+len(chunk)))...)
	return append(append(riff, "WEBP"...), chunk...)
}

// gifFrames is a GIF of n frames of w×h, each with an empty LZW stream.
func gifFrames(w, h, n int) []byte {
	b := []byte("GIF89a")
	b = binary.LittleEndian.AppendUint16(b, uint16(w))
	b = binary.LittleEndian.AppendUint16(b, uint16(h))
	b = append(b, 0x80, 0, 0, 0, 0, 0, 255, 255, 255) // 2-colour global table
	for i := 0; i < n; i++ {
		b = append(b, 0x2C, 0, 0, 0, 0)
		b = binary.LittleEndian.AppendUint16(b, uint16(w))
		b = binary.LittleEndian.AppendUint16(b, uint16(h))
		b = append(b, 0, 2, 2, 0x4C, 0x01, 0) // min code size 2, clear + end
	}
	return append(b, 0x3B)
}

func TestDecodeBudget(t *testing.T) {
	for _, c := range []struct {
		name   string
		format checker.Format
		data   []byte
	}{
		{"progressive JPEG, 100 Mpx", JPEG, progressiveJPEGHeader(10000, 10000)},
		{"16-bit PNG, 64 Mpx", PNG, pngHeader(8000, 8000, 16, 6, 0)},
		{"16-bit TIFF, 49 Mpx", TIFF, tiffHeader(7000, 7000)},
		{"lossless WebP, 81 Mpx", WebP, webpLosslessHeader(9000, 9000)},
		{"GIF, 1,900 frames of 1 Mpx", GIF, gifFrames(1000, 1000, 1900)},
	} {
		t.Run(c.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, err := Load(context.Background(), "x", c.data, c.format, checker.DefaultLimits())
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			if err == nil || !strings.Contains(err.Error(), "memory") {
				t.Fatalf("err = %v, want the memory budget", err)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
				t.Errorf("refusing it allocated %d MiB", alloc>>20)
			}
			if took > time.Second {
				t.Errorf("refusing it took %v", took)
			}
		})
	}
}

// An ordinary photograph-sized picture stays within the budget.
func TestDecodeBudgetKeepsOrdinaryImages(t *testing.T) {
	for _, c := range []struct {
		format checker.Format
		cfg    image.Config
		data   []byte
	}{
		{JPEG, image.Config{ColorModel: color.YCbCrModel, Width: 6000, Height: 4000}, progressiveJPEGHeader(6000, 4000)},
		{PNG, image.Config{ColorModel: color.NRGBAModel, Width: 4000, Height: 4000}, pngHeader(4000, 4000, 8, 6, 1)},
	} {
		if err := checkCost(decodeCost(c.format, c.cfg, c.data), checker.DefaultLimits()); err != nil {
			t.Errorf("%s %d×%d: %v", c.format, c.cfg.Width, c.cfg.Height, err)
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, image.NewGray16(image.Rect(0, 0, 10, 10)))
	if _, err := Load(context.Background(), "x.png", buf.Bytes(), PNG, checker.DefaultLimits()); err != nil {
		t.Fatal(err)
	}
}

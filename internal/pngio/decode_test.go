package pngio

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"reflect"
	"testing"
)

// sameAsImagePNG checks that Decode gives for data what image/png gives: the same error,
// or the same image type and pixels. The fast path is also checked alone, so that falling
// back to image/png cannot hide a fault of its own: it may decline a file (image/png then
// decides), never accept one image/png refuses nor give other pixels. It reports whether
// the fast path decoded the file.
func sameAsImagePNG(t *testing.T, data []byte) (fast bool) {
	t.Helper()
	want, werr := png.Decode(bytes.NewReader(data))
	got, gerr := Decode(context.Background(), data)
	if (gerr == nil) != (werr == nil) || (gerr != nil && gerr.Error() != werr.Error()) {
		t.Fatalf("error %v, image/png says %v", gerr, werr)
	}
	if werr == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("decoded %T differs from image/png's %T", got, want)
	}
	f, ok := scanTruecolor8(data)
	if !ok {
		return false
	}
	img, err := f.decode(context.Background())
	if err != nil {
		return false
	}
	if werr != nil {
		t.Fatalf("the fast path reads a file image/png refuses (%v)", werr)
	}
	if !reflect.DeepEqual(img, want) {
		t.Fatalf("fast path gives %T unlike image/png's %T", img, want)
	}
	return true
}

func encodePNG(t testing.TB, img image.Image) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// chunk is one PNG chunk with its length and CRC.
func chunk(typ string, body []byte) []byte {
	c := binary.BigEndian.AppendUint32(nil, uint32(len(body)))
	c = append(c, typ...)
	c = append(c, body...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
}

func ihdr(w, h int, depth, colorType, interlace byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(w))
	b = binary.BigEndian.AppendUint32(b, uint32(h))
	return chunk("IHDR", append(b, depth, colorType, 0, 0, interlace))
}

func deflate(raw []byte) []byte {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	zw.Write(raw)
	zw.Close()
	return z.Bytes()
}

// rawPNG builds a file from its parts: the header, chunks before the data, the zlib
// stream cut into IDAT chunks of at most split bytes, and chunks after.
func rawPNG(head []byte, before [][]byte, stream []byte, split int, after [][]byte) []byte {
	out := append([]byte("\x89PNG\r\n\x1a\n"), head...)
	for _, c := range before {
		out = append(out, c...)
	}
	for len(stream) > 0 {
		n := min(split, len(stream))
		out = append(out, chunk("IDAT", stream[:n])...)
		stream = stream[n:]
	}
	for _, c := range after {
		out = append(out, c...)
	}
	return append(out, chunk("IEND", nil)...)
}

// filteredRows is random image data whose row y is filtered with type y%5 (random bytes
// stay valid under any filter), bpp bytes a pixel.
func filteredRows(w, h, bpp int, seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, 11))
	raw := make([]byte, h*(1+w*bpp))
	for i := range raw {
		raw[i] = uint8(rng.Uint32())
	}
	for y := range h {
		raw[y*(1+w*bpp)] = byte(y % 5)
	}
	return raw
}

func TestDecodeMatchesImagePNG(t *testing.T) {
	rgbRows := filteredRows(301, 257, 3, 1)
	rgbaRows := filteredRows(299, 263, 4, 2)
	rgbStream, rgbaStream := deflate(rgbRows), deflate(rgbaRows)
	text := chunk("tEXt", []byte("Description\x00a test"))
	var ours bytes.Buffer
	if err := Encode(&ours, photo(1200, 900, false, 8)); err != nil {
		t.Fatal(err)
	}

	gray := image.NewGray(image.Rect(0, 0, 33, 17))
	gray16 := image.NewGray16(image.Rect(0, 0, 33, 17))
	rgba64 := image.NewRGBA64(image.Rect(0, 0, 33, 17))
	nrgba64 := image.NewNRGBA64(image.Rect(0, 0, 33, 17))
	pal := image.NewPaletted(image.Rect(0, 0, 33, 17), color.Palette{color.Black, color.White, color.NRGBA{200, 10, 10, 128}})
	for i := range gray.Pix {
		gray.Pix[i] = uint8(i * 7)
		pal.Pix[i] = uint8(i % 3)
	}
	for i := range gray16.Pix {
		gray16.Pix[i] = uint8(i * 13)
	}
	for i := range rgba64.Pix {
		rgba64.Pix[i] = uint8(i * 5)
		nrgba64.Pix[i] = uint8(i * 3)
	}
	interlacedRows := make([]byte, 0)
	{ // Adam7 passes of a 21×13 RGB image, filter byte 0 and random samples
		rng := rand.New(rand.NewPCG(3, 3))
		passes := [][4]int{{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}}
		for _, p := range passes {
			pw, ph := (21-p[0]+p[2]-1)/p[2], (13-p[1]+p[3]-1)/p[3]
			if pw == 0 || ph == 0 {
				continue
			}
			for range ph {
				interlacedRows = append(interlacedRows, 0)
				for range 3 * pw {
					interlacedRows = append(interlacedRows, uint8(rng.Uint32()))
				}
			}
		}
	}

	fastCases := map[string][]byte{
		"RGB, every filter":                    rawPNG(ihdr(301, 257, 8, 2, 0), nil, rgbStream, 1<<20, nil),
		"RGBA, every filter":                   rawPNG(ihdr(299, 263, 8, 6, 0), nil, rgbaStream, 1<<20, nil),
		"RGB, IDAT in 1000-byte chunks":        rawPNG(ihdr(301, 257, 8, 2, 0), nil, rgbStream, 1000, nil),
		"RGB, one-byte IDATs":                  rawPNG(ihdr(301, 257, 8, 2, 0), nil, rgbStream, 1, nil),
		"RGB, text before and after":           rawPNG(ihdr(301, 257, 8, 2, 0), [][]byte{text}, rgbStream, 4096, [][]byte{text}),
		"RGB, garbage IDAT after a text chunk": rawPNG(ihdr(301, 257, 8, 2, 0), nil, rgbStream, 4096, [][]byte{text, chunk("IDAT", []byte("junk"))}),
		"image/png's RGB":                      encodePNG(t, photo(200, 150, false, 1)),
		"image/png's RGBA":                     encodePNG(t, photo(200, 150, true, 1)),
		"our own file":                         ours.Bytes(),
		"1x1 RGBA":                             encodePNG(t, photo(1, 1, true, 1)),
	}
	for name, data := range fastCases {
		t.Run(name, func(t *testing.T) {
			if !sameAsImagePNG(t, data) {
				t.Error("the fast path declined it")
			}
		})
	}
	slowCases := map[string][]byte{
		"gray":                        encodePNG(t, gray),
		"gray 16":                     encodePNG(t, gray16),
		"RGB 16":                      encodePNG(t, rgba64),
		"RGBA 16":                     encodePNG(t, nrgba64),
		"palette + tRNS":              encodePNG(t, pal),
		"RGB + tRNS":                  rawPNG(ihdr(301, 257, 8, 2, 0), [][]byte{chunk("tRNS", []byte{0, 1, 0, 2, 0, 3})}, rgbStream, 1<<20, nil),
		"RGB + PLTE":                  rawPNG(ihdr(301, 257, 8, 2, 0), [][]byte{chunk("PLTE", []byte{1, 2, 3})}, rgbStream, 1<<20, nil),
		"interlaced RGB":              rawPNG(ihdr(21, 13, 8, 2, 1), nil, deflate(interlacedRows), 1<<20, nil),
		"no IEND":                     rawPNG(ihdr(301, 257, 8, 2, 0), nil, rgbStream, 1<<20, nil)[:len(rgbStream)+33+12],
		"IEND first":                  append(rawPNG(ihdr(301, 257, 8, 2, 0), nil, nil, 1, nil), chunk("IDAT", rgbStream)...),
		"rows missing":                rawPNG(ihdr(301, 258, 8, 2, 0), nil, rgbStream, 1<<20, nil),
		"rows left over":              rawPNG(ihdr(301, 256, 8, 2, 0), nil, rgbStream, 1<<20, nil),
		"bad filter type":             rawPNG(ihdr(2, 1, 8, 2, 0), nil, deflate([]byte{5, 1, 2, 3, 4, 5, 6}), 1<<20, nil),
		"bytes after the zlib stream": rawPNG(ihdr(301, 257, 8, 2, 0), nil, append(bytes.Clone(rgbStream), 0, 0), 1<<20, nil),
		"bad Adler-32": rawPNG(ihdr(301, 257, 8, 2, 0), nil,
			append(bytes.Clone(rgbStream[:len(rgbStream)-1]), rgbStream[len(rgbStream)-1]^1), 1<<20, nil),
	}
	for name, data := range slowCases {
		t.Run(name, func(t *testing.T) { sameAsImagePNG(t, data) })
	}
}

// TestDecodeDamaged: truncated and corrupted files give image/png's verdict.
func TestDecodeDamaged(t *testing.T) {
	good := rawPNG(ihdr(61, 37, 8, 6, 0), nil, deflate(filteredRows(61, 37, 4, 5)), 700, nil)
	for n := 0; n < len(good); n += 1 + n/8 {
		sameAsImagePNG(t, good[:n])
	}
	rng := rand.New(rand.NewPCG(9, 9))
	for range 300 {
		bad := bytes.Clone(good)
		bad[rng.IntN(len(bad))] ^= uint8(1 + rng.IntN(255))
		sameAsImagePNG(t, bad)
	}
}

func TestDecodeStopsAtDeadline(t *testing.T) {
	data := encodePNG(t, photo(500, 400, false, 2))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Decode(ctx, data); err != context.Canceled {
		t.Errorf("cancelled: %v, want context.Canceled", err)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(encodePNG(f, photo(20, 10, false, 1)))
	f.Add(encodePNG(f, photo(20, 10, true, 1)))
	f.Add(rawPNG(ihdr(7, 5, 8, 2, 0), nil, deflate(filteredRows(7, 5, 3, 1)), 9, nil))
	f.Add(rawPNG(ihdr(7, 5, 8, 6, 0), nil, deflate(filteredRows(7, 5, 4, 1)), 1<<20, nil))
	var ours bytes.Buffer
	Encode(&ours, photo(300, 800, true, 3))
	f.Add(ours.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		// Mutations rarely keep the CRCs right, which stops both decoders at the first
		// chunk; with the CRCs mended they reach the pixel data.
		for _, data := range [][]byte{data, withGoodCRCs(data)} {
			// As every caller must, check the declared size before decoding.
			if cfg, err := png.DecodeConfig(bytes.NewReader(data)); err == nil && cfg.Width*cfg.Height > 1<<20 {
				continue
			}
			sameAsImagePNG(t, data)
		}
	})
}

// withGoodCRCs returns a copy of data with the CRC of every whole chunk set right.
func withGoodCRCs(data []byte) []byte {
	data = bytes.Clone(data)
	for p := 8; p+12 <= len(data); {
		n := binary.BigEndian.Uint32(data[p:])
		if uint64(n) > uint64(len(data)-p-12) {
			break
		}
		end := p + 8 + int(n)
		binary.BigEndian.PutUint32(data[end:], crc32.ChecksumIEEE(data[p+4:end]))
		p = end + 4
	}
	return data
}

// Package pngio reads and writes PNG faster than image/png for the images Focus+ handles
// most (8-bit truecolour, with or without alpha), and gives the very same pixels: anything
// else goes through image/png.
//
// Writing splits the rows into bands that are filtered and deflated on every core; each
// band ends with a zlib sync flush, so the bands put end to end make one valid zlib stream
// (RFC 1950/1951), stored as one IDAT chunk per band. Reading inflates on one goroutine
// and unfilters on another.
package pngio

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/adler32"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
)

// fallback writes what the fast path does not handle, at the fastest zlib level (the
// level changes the file size, never the pixels).
var fallback = &png.Encoder{CompressionLevel: png.BestSpeed}

// Encode writes img as a PNG. An *image.NRGBA, or an opaque *image.RGBA, is written by the
// parallel encoder (RGB when every pixel is opaque, RGBA otherwise, as image/png chooses);
// any other image by image/png at its fastest level.
func Encode(w io.Writer, img image.Image) error {
	var pix []byte
	var stride int
	var opaque bool
	switch m := img.(type) {
	case *image.NRGBA:
		pix, stride, opaque = m.Pix, m.Stride, m.Opaque()
	case *image.RGBA:
		if !m.Opaque() { // premultiplied translucent pixels: image/png un-premultiplies them
			return fallback.Encode(w, img)
		}
		pix, stride, opaque = m.Pix, m.Stride, true
	default:
		return fallback.Encode(w, img)
	}
	b := img.Bounds()
	width, height := b.Dx(), b.Dy()
	if width <= 0 || height <= 0 || int64(width)*int64(height) >= 1<<32 {
		return fallback.Encode(w, img) // image/png gives the error
	}
	e := &encoder{
		w: w, pix: pix, stride: stride, width: width, height: height,
		opaque: opaque, bpp: 4,
	}
	if opaque {
		e.bpp = 3
	}
	return e.encode()
}

type encoder struct {
	w             io.Writer
	spare         chan []byte // chunk buffers written out, for the next bands to reuse
	pix           []byte      // the image's pixels from its top-left corner
	stride        int
	width, height int
	opaque        bool // write RGB, dropping the alpha byte
	bpp           int  // bytes per pixel written: 3 or 4
}

// bandBytes is about how much filtered data one band holds: large enough that the lost
// dictionary at each band start and the 12 bytes of its chunk cost nothing, small enough
// to keep both cores busy to the end and the bands in flight few.
const bandBytes = 1 << 20

// band is one run of rows, filtered and deflated.
type band struct {
	chunk []byte // a whole IDAT chunk: length, type, data, CRC
	adler uint32 // Adler-32 of the band's filtered bytes
	size  int    // how many filtered bytes
	done  chan struct{}
}

func (e *encoder) encode() error {
	rowBytes := 1 + e.bpp*e.width
	rowsPerBand := max(1, bandBytes/rowBytes)
	nBands := (e.height + rowsPerBand - 1) / rowsPerBand
	workers := min(runtime.GOMAXPROCS(0), nBands)

	bands := make([]band, nBands)
	for i := range bands {
		bands[i].done = make(chan struct{})
	}
	// Workers take bands in order and may run ahead of the writer by a few bands only,
	// so memory stays bounded whatever the image size. The band the writer waits for is
	// always held by a worker that has its place, so this cannot deadlock.
	places := make(chan struct{}, 2*workers)
	e.spare = make(chan []byte, 2*workers)
	var next atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			bw := newBandWriter(e, rowsPerBand)
			for {
				select {
				case places <- struct{}{}:
				case <-stop:
					return
				}
				i := int(next.Add(1) - 1)
				if i >= nBands {
					<-places
					return
				}
				y0 := i * rowsPerBand
				bw.run(&bands[i], i == 0, y0, min(y0+rowsPerBand, e.height))
				close(bands[i].done)
			}
		})
	}
	err := e.writeAll(bands, places)
	close(stop)
	wg.Wait()
	return err
}

// writeAll writes the file, taking each band as it is ready.
func (e *encoder) writeAll(bands []band, places chan struct{}) error {
	var head [8 + 25]byte
	copy(head[:], "\x89PNG\r\n\x1a\n")
	ihdr := head[8:]
	binary.BigEndian.PutUint32(ihdr[0:], 13)
	copy(ihdr[4:], "IHDR")
	binary.BigEndian.PutUint32(ihdr[8:], uint32(e.width))
	binary.BigEndian.PutUint32(ihdr[12:], uint32(e.height))
	ihdr[16] = 8 // bit depth
	ihdr[17] = 6 // colour type: truecolour with alpha
	if e.opaque {
		ihdr[17] = 2 // truecolour
	}
	// compression, filter and interlace methods: 0
	binary.BigEndian.PutUint32(ihdr[21:], crc32.ChecksumIEEE(ihdr[4:21]))
	if _, err := e.w.Write(head[:]); err != nil {
		return err
	}
	adler := uint32(1)
	for i := range bands {
		<-bands[i].done
		if _, err := e.w.Write(bands[i].chunk); err != nil {
			return err
		}
		adler = adler32Combine(adler, bands[i].adler, bands[i].size)
		select {
		case e.spare <- bands[i].chunk[:0]:
		default:
		}
		bands[i].chunk = nil
		<-places
	}
	// The stream ends with an empty final block (fixed Huffman: BFINAL=1, BTYPE=01, then
	// the end-of-block code, seven zero bits) and the Adler-32 of all the filtered data.
	var tail [12 + 6 + 12]byte
	idat := tail[:18]
	binary.BigEndian.PutUint32(idat[0:], 6)
	copy(idat[4:], "IDAT")
	idat[8], idat[9] = 0x03, 0x00
	binary.BigEndian.PutUint32(idat[10:], adler)
	binary.BigEndian.PutUint32(idat[14:], crc32.ChecksumIEEE(idat[4:14]))
	copy(tail[18:], "\x00\x00\x00\x00IEND\xae\x42\x60\x82")
	_, err := e.w.Write(tail[:])
	return err
}

// bandWriter is one worker's state: rows, filter candidates and compressors, reused from
// band to band.
type bandWriter struct {
	e         *encoder
	prev, cur []byte // unfiltered rows, packed as written
	sub, up   []byte // candidates: filter byte then the filtered row
	filtered  []byte // the band's rows as they are deflated
	out       bytes.Buffer
	lz, huff  *flate.Writer
}

func newBandWriter(e *encoder, rowsPerBand int) *bandWriter {
	n := e.bpp * e.width
	lz, _ := flate.NewWriter(nil, flate.BestSpeed)
	huff, _ := flate.NewWriter(nil, flate.HuffmanOnly)
	return &bandWriter{e: e,
		prev: make([]byte, n), cur: make([]byte, n),
		sub: make([]byte, 1+n), up: make([]byte, 1+n), lz: lz, huff: huff,
		filtered: make([]byte, 0, rowsPerBand*(1+n))}
}

// huffmanOnlyBelow is the share of zero bytes in a filtered band under which the band is
// Huffman-coded without looking for repeats. Filtered, a photograph is noise: few zeros,
// few repeats worth finding, and Huffman coding alone makes a file a few percent larger
// in a quarter of the time of the fastest LZ77 level. Pages, charts and screenshots are
// mostly zeros once filtered (flat areas, rows like the one above), and LZ77 shrinks
// them many times over.
var huffmanOnlyBelow = 0.25

// run filters and deflates rows [y0, y1) into b.
func (bw *bandWriter) run(b *band, first bool, y0, y1 int) {
	if y0 > 0 {
		bw.pack(bw.prev, y0-1)
	} else {
		clear(bw.prev)
	}
	bw.filtered = bw.filtered[:0]
	zeros := 0
	for y := y0; y < y1; y++ {
		bw.pack(bw.cur, y)
		row := bw.filter()
		for _, c := range row {
			if c == 0 {
				zeros++
			}
		}
		bw.filtered = append(bw.filtered, row...)
		bw.prev, bw.cur = bw.cur, bw.prev
	}

	var buf []byte
	select {
	case buf = <-bw.e.spare:
	default:
	}
	bw.out = *bytes.NewBuffer(buf)
	zw := bw.lz
	if float64(zeros) < huffmanOnlyBelow*float64(len(bw.filtered)) {
		zw = bw.huff
		// Room for incompressible data (deflate then writes it at most a sixteenth
		// larger), so the buffer does not grow by copying. LZ77 bands shrink a lot.
		bw.out.Grow(len(bw.filtered) + len(bw.filtered)/16 + 64)
	}
	bw.out.Write([]byte{0, 0, 0, 0, 'I', 'D', 'A', 'T'})
	if first {
		// zlib header: deflate with a 32 KiB window, fastest level, no dictionary.
		bw.out.Write([]byte{0x78, 0x01})
	}
	zw.Reset(&bw.out)
	zw.Write(bw.filtered) // a bytes.Buffer does not fail
	zw.Flush()
	chunk := bw.out.Bytes() // the band's own now: bw.out takes another buffer next time
	binary.BigEndian.PutUint32(chunk, uint32(len(chunk)-8))
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	b.chunk, b.adler, b.size = chunk, adler32.Checksum(bw.filtered), len(bw.filtered)
}

// pack copies row y of the image into dst in the file's layout.
func (bw *bandWriter) pack(dst []byte, y int) {
	e := bw.e
	src := e.pix[y*e.stride : y*e.stride+4*e.width]
	if !e.opaque {
		copy(dst, src)
		return
	}
	for i, j := 0, 0; i < len(src); i, j = i+4, j+3 {
		dst[j], dst[j+1], dst[j+2] = src[i], src[i+1], src[i+2]
	}
}

// filter returns the current row filtered with Up or Sub, whichever has the smaller sum
// of absolute differences (the heuristic of the PNG specification, section 12.8, over the
// two cheapest filters: on photos Sub and Up compress within a few percent of the best of
// all five, and a page's flat areas become zeros under both). Any filter gives back the
// same pixels.
func (bw *bandWriter) filter() []byte {
	cur, bpp := bw.cur, bw.e.bpp
	n := len(cur)
	prev := bw.prev[:n]
	sub, up := bw.sub[1:n+1], bw.up[1:n+1]
	bw.sub[0], bw.up[0] = 1, 2
	sumUp := 0
	for i, c := range cur {
		d := c - prev[i]
		up[i] = d
		sumUp += abs8(d)
	}
	// Sub stops as soon as it cannot win: under a row like the one above (most rows of
	// a page) that is at once.
	sumSub := 0
	for i := range bpp {
		sub[i] = cur[i]
		sumSub += abs8(cur[i])
	}
	left := cur[:n-bpp]
	for i0 := bpp; i0 < n && sumSub < sumUp; i0 += 256 {
		for i := i0; i < min(i0+256, n); i++ {
			d := cur[i] - left[i-bpp]
			sub[i] = d
			sumSub += abs8(d)
		}
	}
	if sumUp <= sumSub {
		return bw.up[:n+1]
	}
	return bw.sub[:n+1]
}

// abs8 is the size of a filtered byte read as a signed difference, without a branch
// (on a photo's noise the sign is a coin toss).
func abs8(d uint8) int {
	x := int(int8(d))
	m := x >> 63
	return (x ^ m) - m
}

// adler32Combine returns the Adler-32 of A followed by B from the checksums of A and B
// and the length of B (as zlib's adler32_combine).
func adler32Combine(a, b uint32, lenB int) uint32 {
	const base = 65521
	rem := uint32(lenB % base)
	sum1 := a & 0xffff
	sum2 := uint32(uint64(rem) * uint64(sum1) % base)
	sum1 += (b & 0xffff) + base - 1
	sum2 += (a >> 16) + (b >> 16) + base - rem
	if sum1 >= base {
		sum1 -= base
	}
	if sum1 >= base {
		sum1 -= base
	}
	if sum2 >= 2*base {
		sum2 -= 2 * base
	}
	if sum2 >= base {
		sum2 -= base
	}
	return sum1 | sum2<<16
}

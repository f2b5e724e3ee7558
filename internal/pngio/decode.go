package pngio

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"math"
)

// Decode reads the PNG held in data, giving what image/png.Decode gives: the same image
// type, the same pixels and, for a file it refuses, its error. A non-interlaced 8-bit
// RGB (without tRNS) or RGBA file is inflated on one goroutine and unfiltered on another;
// every other kind, and any file the fast path finds the least fault with, is left to
// image/png. ctx stops the fast path between bands of rows.
//
// Decode allocates the whole image: callers check the size the header declares
// (png.DecodeConfig) against their budget first.
func Decode(ctx context.Context, data []byte) (image.Image, error) {
	if f, ok := scanTruecolor8(data); ok {
		img, err := f.decode(ctx)
		if err == nil {
			return img, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		// Damaged: image/png says how, in its own words.
	}
	return png.Decode(bytes.NewReader(data))
}

// truecolor8 is a file the fast path takes: its header and the zlib stream spread over
// its first run of IDAT chunks, every chunk's CRC checked up to IEND.
type truecolor8 struct {
	width, height int
	alpha         bool
	idat          [][]byte
}

// scanTruecolor8 walks the chunks of data and reports whether the fast path can decode
// it exactly as image/png would. It declines (and image/png decides) anything unusual:
// another colour type or depth, interlacing, a tRNS or PLTE chunk, chunks out of order,
// a bad CRC, a missing IEND.
func scanTruecolor8(data []byte) (*truecolor8, bool) {
	const sig = "\x89PNG\r\n\x1a\n"
	if len(data) < len(sig) || string(data[:len(sig)]) != sig {
		return nil, false
	}
	f := &truecolor8{}
	seenIDAT, inIDATRun := false, false
	for p, first := len(sig), true; ; first = false {
		if len(data)-p < 12 {
			return nil, false
		}
		n := binary.BigEndian.Uint32(data[p:])
		if n > 0x7fffffff || uint64(n) > uint64(len(data)-p-12) {
			return nil, false
		}
		typ := string(data[p+4 : p+8])
		body := data[p+8 : p+8+int(n)]
		if crc32.ChecksumIEEE(data[p+4:p+8+int(n)]) != binary.BigEndian.Uint32(data[p+8+int(n):]) {
			return nil, false
		}
		p += 12 + int(n)
		if first != (typ == "IHDR") {
			return nil, false
		}
		switch typ {
		case "IHDR":
			if !f.header(body) {
				return nil, false
			}
		case "PLTE", "tRNS":
			return nil, false
		case "IDAT":
			if !seenIDAT {
				seenIDAT, inIDATRun = true, true
			}
			if inIDATRun {
				f.idat = append(f.idat, body)
			}
			continue // image/png skips IDAT chunks after the first run
		case "IEND":
			return f, seenIDAT && n == 0
		}
		inIDATRun = false
	}
}

func (f *truecolor8) header(b []byte) bool {
	if len(b) != 13 || b[8] != 8 || b[10] != 0 || b[11] != 0 || b[12] != 0 {
		return false
	}
	switch b[9] {
	case 2:
	case 6:
		f.alpha = true
	default:
		return false
	}
	w, h := int32(binary.BigEndian.Uint32(b[0:])), int32(binary.BigEndian.Uint32(b[4:]))
	if w <= 0 || h <= 0 || int64(w)*int64(h) > math.MaxInt/8 {
		return false
	}
	f.width, f.height = int(w), int(h)
	return true
}

// idatReader presents the IDAT chunks' data as one stream; as an io.ByteReader it is read
// by the inflater directly, without a buffer between.
type idatReader struct {
	chunks [][]byte
	cur    []byte
}

func (r *idatReader) next() bool {
	for len(r.cur) == 0 {
		if len(r.chunks) == 0 {
			return false
		}
		r.cur, r.chunks = r.chunks[0], r.chunks[1:]
	}
	return true
}

func (r *idatReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if !r.next() {
		return 0, io.EOF
	}
	n := copy(p, r.cur)
	r.cur = r.cur[n:]
	return n, nil
}

func (r *idatReader) ReadByte() (byte, error) {
	if len(r.cur) == 0 && !r.next() {
		return 0, io.EOF
	}
	b := r.cur[0]
	r.cur = r.cur[1:]
	return b, nil
}

func (r *idatReader) left() bool { return r.next() }

// blockBytes is about how much filtered data the inflater hands over at a time.
const blockBytes = 256 << 10

// block is a run of filtered rows, or the error that ended inflating.
type block struct {
	buf []byte
	y   int
	err error
}

var errFastPath = errors.New("png: the zlib stream does not hold exactly the image's rows")

func (f *truecolor8) decode(ctx context.Context) (image.Image, error) {
	src := &idatReader{chunks: f.idat}
	zr, err := zlib.NewReader(src)
	if err != nil {
		return nil, err
	}
	bpp := 3
	if f.alpha {
		bpp = 4
	}
	rowBytes := 1 + bpp*f.width
	rowsPerBlock := max(1, blockBytes/rowBytes)

	var img image.Image
	var pix []byte
	var stride int
	r := image.Rect(0, 0, f.width, f.height)
	if f.alpha {
		m := image.NewNRGBA(r)
		img, pix, stride = m, m.Pix, m.Stride
	} else {
		m := image.NewRGBA(r)
		img, pix, stride = m, m.Pix, m.Stride
	}

	// The inflater fills blocks of rows while this goroutine unfilters the last ones.
	const inFlight = 4
	free := make(chan []byte, inFlight)
	for range inFlight {
		free <- make([]byte, rowsPerBlock*rowBytes)
	}
	full := make(chan block, inFlight)
	quit := make(chan struct{})
	inflated := make(chan struct{})
	go func() {
		defer close(inflated)
		defer close(full)
		for y := 0; y < f.height; y += rowsPerBlock {
			var buf []byte
			select {
			case buf = <-free:
			case <-quit:
				return
			}
			if err := ctx.Err(); err != nil {
				full <- block{err: err}
				return
			}
			buf = buf[:min(rowsPerBlock, f.height-y)*rowBytes]
			if _, err := io.ReadFull(zr, buf); err != nil {
				full <- block{err: err}
				return
			}
			full <- block{buf: buf, y: y}
		}
		// The stream must end here, its Adler-32 right, with nothing after it.
		var one [1]byte
		n, err := 0, error(nil)
		for i := 0; n == 0 && err == nil; i++ {
			if i == 100 {
				err = io.ErrNoProgress
				break
			}
			n, err = zr.Read(one[:])
		}
		if n != 0 || err != io.EOF || src.left() {
			full <- block{err: errFastPath}
		}
	}()

	prevRow := make([]byte, rowBytes-1) // the row above, unfiltered: zeros above the first
	prev := prevRow
	var failed error
	for b := range full {
		if failed != nil {
			continue
		}
		if b.err != nil {
			failed = b.err
			close(quit)
			continue
		}
		rows := len(b.buf) / rowBytes
		for i := range rows {
			row := b.buf[i*rowBytes : (i+1)*rowBytes]
			cur := row[1:]
			if !unfilter(row[0], cur, prev, bpp) {
				failed = errFastPath
				break
			}
			dst := pix[(b.y+i)*stride : (b.y+i)*stride+4*f.width]
			if f.alpha {
				copy(dst, cur)
			} else {
				expandRGB(dst, cur)
			}
			prev = cur
		}
		if failed != nil {
			close(quit)
			continue
		}
		// prev points into this block, which goes back to the inflater: keep a copy.
		copy(prevRow, prev)
		prev = prevRow
		free <- b.buf[:cap(b.buf)]
	}
	<-inflated
	if failed != nil {
		return nil, failed
	}
	return img, nil
}

// unfilter reverses the row's filter in place (PNG specification, section 9.2); prev is
// the row above, already unfiltered.
func unfilter(ft byte, cur, prev []byte, bpp int) bool {
	n := len(cur)
	prev = prev[:n]
	switch ft {
	case 0:
	case 1:
		for i := bpp; i < n; i++ {
			cur[i] += cur[i-bpp]
		}
	case 2:
		for i, p := range prev {
			cur[i] += p
		}
	case 3:
		for i := range bpp {
			cur[i] += prev[i] / 2
		}
		for i := bpp; i < n; i++ {
			cur[i] += uint8((int(cur[i-bpp]) + int(prev[i])) / 2)
		}
	case 4:
		for i := range bpp {
			cur[i] += prev[i] // the predictor is b when a and c are 0
		}
		for i := bpp; i < n; i++ {
			a, b, c := int(cur[i-bpp]), int(prev[i]), int(prev[i-bpp])
			pa, pb, pc := b-c, a-c, a+b-2*c
			pa, pb, pc = absInt(pa), absInt(pb), absInt(pc)
			switch {
			case pa <= pb && pa <= pc:
				cur[i] += uint8(a)
			case pb <= pc:
				cur[i] += uint8(b)
			default:
				cur[i] += uint8(c)
			}
		}
	default:
		return false
	}
	return true
}

func absInt(x int) int {
	m := x >> 63
	return (x ^ m) - m
}

// expandRGB writes RGB pixels as opaque RGBA, as image/png does for a truecolour file,
// four pixels (12 bytes in, 16 out) a step.
func expandRGB(dst, src []byte) {
	const opaque = 0xff000000
	for len(src) >= 12 && len(dst) >= 16 {
		a := binary.LittleEndian.Uint32(src[0:]) // r0 g0 b0 r1
		b := binary.LittleEndian.Uint32(src[4:]) // g1 b1 r2 g2
		c := binary.LittleEndian.Uint32(src[8:]) // b2 r3 g3 b3
		binary.LittleEndian.PutUint32(dst[0:], a|opaque)
		binary.LittleEndian.PutUint32(dst[4:], a>>24|b<<8|opaque)
		binary.LittleEndian.PutUint32(dst[8:], b>>16|c<<16|opaque)
		binary.LittleEndian.PutUint32(dst[12:], c>>8|opaque)
		src, dst = src[12:], dst[16:]
	}
	for len(src) >= 3 && len(dst) >= 4 {
		dst[0], dst[1], dst[2], dst[3] = src[0], src[1], src[2], 0xff
		src, dst = src[3:], dst[4:]
	}
}

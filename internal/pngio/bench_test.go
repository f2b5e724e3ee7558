package pngio

import (
	"bytes"
	"image"
	"image/png"
	"io"
	"testing"
)

// The photo benchmarks encode and decode a 2000×1500 opaque photo-like image (the kind
// `focus simulate` writes), each against image/png at its fastest level.
const benchW, benchH = 2000, 1500

func benchEncode(b *testing.B, img image.Image, enc func(io.Writer, image.Image) error) {
	var buf bytes.Buffer
	if err := enc(&buf, img); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(4 * benchW * benchH))
	b.ResetTimer()
	for range b.N {
		buf.Reset()
		if err := enc(&buf, img); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len())/float64(benchW*benchH), "B/pixel")
}

func BenchmarkEncodePhoto(b *testing.B) {
	benchEncode(b, photo(benchW, benchH, false, 1), Encode)
}

func BenchmarkEncodePhotoImagePNG(b *testing.B) {
	enc := &png.Encoder{CompressionLevel: png.BestSpeed}
	benchEncode(b, photo(benchW, benchH, false, 1), enc.Encode)
}

func BenchmarkEncodePage(b *testing.B) {
	benchEncode(b, page(benchW, benchH), Encode)
}

func BenchmarkEncodePageImagePNG(b *testing.B) {
	enc := &png.Encoder{CompressionLevel: png.BestSpeed}
	benchEncode(b, page(benchW, benchH), enc.Encode)
}

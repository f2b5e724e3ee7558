package pngio

import (
	"bytes"
	"image"
	"image/png"
	"io"
	"testing"
	"time"

	"github.com/lab110bis/focusplus/internal/fixtures"
)

// The photo benchmarks encode and decode a 2000×1500 opaque photo-like image (the kind
// `focus simulate` writes), each against image/png at its fastest level.
const benchW, benchH = 2000, 1500

// reportCPU adds the CPU time per operation since start (all cores), the figure to read
// when the machine is shared.
func reportCPU(b *testing.B, start time.Duration) {
	if start > 0 {
		b.ReportMetric(float64(fixtures.ProcessCPU()-start)/float64(b.N)/1e6, "cpu-ms/op")
	}
}

func benchEncode(b *testing.B, img image.Image, enc func(io.Writer, image.Image) error) {
	var buf bytes.Buffer
	if err := enc(&buf, img); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(4 * benchW * benchH))
	b.ResetTimer()
	cpu := fixtures.ProcessCPU()
	for range b.N {
		buf.Reset()
		if err := enc(&buf, img); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
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

func benchDecode(b *testing.B, dec func([]byte) (image.Image, error)) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, photo(benchW, benchH, false, 1)); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(4 * benchW * benchH))
	b.ResetTimer()
	cpu := fixtures.ProcessCPU()
	for range b.N {
		if _, err := dec(data); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}

func BenchmarkDecodePhoto(b *testing.B) {
	benchDecode(b, func(data []byte) (image.Image, error) { return Decode(b.Context(), data) })
}

func BenchmarkDecodePhotoImagePNG(b *testing.B) {
	benchDecode(b, func(data []byte) (image.Image, error) { return png.Decode(bytes.NewReader(data)) })
}

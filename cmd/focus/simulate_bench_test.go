package main

import (
	"bytes"
	"image/png"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/lab110bis/focusplus/internal/fixtures"
	"github.com/lab110bis/focusplus/rules"
)

// photoPNG writes a photo-like PNG (smooth gradients under per-pixel noise, opaque) of
// w×h pixels and returns its path.
func photoPNG(b testing.TB, w, h int) string {
	img := fixtures.Photo(w, h, false, rand.New(rand.NewPCG(4, 2)))
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "photo.png")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkSimulateFilePhoto is `focus simulate -o out.png photo.png` end to end on a
// 2000×1500 photo: read, decode, simulate, encode, write.
func BenchmarkSimulateFilePhoto(b *testing.B) {
	in := photoPNG(b, 2000, 1500)
	out := filepath.Join(b.TempDir(), "out.png")
	engine := rules.NewEngine()
	opts := &SimulateOptions{IO: &IOStreams{In: bytes.NewReader(nil), Out: io.Discard, ErrOut: io.Discard},
		Engine: engine, Input: in, Deficiency: "deutan", Severity: 1, Model: "auto", Page: 1, Output: out}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if err := simulateRun(b.Context(), opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(2000*1500*b.N)/b.Elapsed().Seconds()/1e6, "Mpix/s")
}

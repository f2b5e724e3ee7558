package main

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"testing"

	"github.com/lab110bis/focusplus/internal/fixtures"
)

var update = flag.Bool("update", false, "rewrite testdata samples and golden files")

// imageSamples are the shipped image samples under testdata/samples, each built from the
// readable description here. `go test ./cmd/focus -run Samples -update` rewrites them.
func imageSamples() map[string][]byte {
	return map[string][]byte{
		"flashing-banner.gif": fixtures.Blink{Width: 240, Height: 120, Frames: 60, DelayCS: 5}.GIF(),
		"calm-spinner.gif": fixtures.Blink{Width: 64, Height: 64, Frames: 8, DelayCS: 25, LoopCount: -1,
			Area: image.Rect(24, 24, 40, 40), A: color.RGBA{R: 40, G: 80, B: 160, A: 255}, B: color.RGBA{R: 60, G: 110, B: 200, A: 255}}.GIF(),
		"bar-chart.png": fixtures.PNG(fixtures.Bars(320, 200,
			color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 255}, color.RGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 255}), ""),
		"described-chart.png": fixtures.PNG(fixtures.Bars(320, 200,
			color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 255}, color.RGBA{R: 0xff, G: 0x7f, B: 0x0e, A: 255}),
			"Bar chart: 120 schools in 2024, 150 in 2025"),
	}
}

func TestSamplesUpToDate(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "samples")
	for name, want := range imageSamples() {
		path := filepath.Join(dir, name)
		if *update {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./cmd/focus -run Samples -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from its description in samples_test.go (run with -update)", name)
		}
	}
}

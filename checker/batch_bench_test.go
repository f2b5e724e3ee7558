package checker_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"io"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/internal/fixtures"
	"github.com/lab110bis/focusplus/rules"
)

// BenchmarkBatchImages checks 1,000 small images (stills and short animations) with one
// and two workers; compare docs/s between -j1 and -j2 to see both cores used.
func BenchmarkBatchImages(b *testing.B) {
	var docs [][]byte
	for i := 0; i < 1000; i++ {
		switch i % 3 {
		case 0:
			docs = append(docs, fixtures.PNG(fixtures.Bars(160, 120, color.RGBA{R: uint8(i), G: 80, B: 200, A: 255}), ""))
		case 1:
			docs = append(docs, fixtures.Blink{Width: 96, Height: 96, Frames: 12, DelayCS: 8,
				Area: image.Rect(0, 0, 96, 48)}.GIF())
		default:
			docs = append(docs, fixtures.PNG(fixtures.Bars(200, 100, color.Black, color.RGBA{B: 255, A: 255}), "chart"))
		}
	}
	inputs := make([]checker.Input, len(docs))
	for i, d := range docs {
		inputs[i] = checker.Input{Name: fmt.Sprintf("doc%d", i), Open: func() (io.ReadCloser, error) {
			return io.NopCloser(bytes.NewReader(d)), nil
		}}
	}
	engine := rules.NewEngine()
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("j%d", jobs), func(b *testing.B) {
			n := 0
			for b.Loop() {
				engine.Run(context.Background(), inputs, checker.BatchOptions{Jobs: jobs}, func(r checker.Result) {
					if r.Err != nil {
						b.Fatal(r.Err.Msg.En)
					}
					n++
				})
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}

package rules

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/internal/fixtures"
)

// BenchmarkCorpusBatch checks the PDF/UA-1 corpus (192 files) with every rule, as
// `focus check -j N` does, at -j1 and -j2; it reports documents per second and the CPU
// time of this process per document (the renderer's worker processes not included).
//
//	go test ./rules -run '^$' -bench CorpusBatch -benchtime 3x
func BenchmarkCorpusBatch(b *testing.B) {
	dir := filepath.Join("..", "..", "shared", "corpus", "pdfua1")
	inputs, _, err := checker.Collect([]string{dir})
	if err != nil || len(inputs) == 0 {
		b.Skip("corpus absent (../shared)")
	}
	e := NewEngine()
	e.Run(context.Background(), inputs[:2], checker.BatchOptions{Jobs: 2}, func(checker.Result) {}) // start the renderers
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("j%d", jobs), func(b *testing.B) {
			docs := 0
			cpu0 := fixtures.ProcessCPU().Seconds()
			for b.Loop() {
				e.Run(context.Background(), inputs, checker.BatchOptions{Jobs: jobs}, func(checker.Result) { docs++ })
			}
			b.ReportMetric(float64(docs)/b.Elapsed().Seconds(), "docs/s")
			b.ReportMetric((fixtures.ProcessCPU().Seconds()-cpu0)*1000/float64(docs), "cpu-ms/doc")
		})
	}
}

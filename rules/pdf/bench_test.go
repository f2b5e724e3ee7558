package pdf

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/internal/fixtures"
)

func TestLongDocumentIsClean(t *testing.T) {
	res := engine().Check(context.Background(), "long.pdf", fixtures.LongPDF(30, 10), false)
	if res.Err != nil {
		t.Fatal(res.Err.Msg.En)
	}
	if res.Pages != 30 {
		t.Errorf("pages %d", res.Pages)
	}
	for _, f := range res.Findings {
		if f.Outcome == checker.Failed {
			t.Errorf("%s: %s", f.Rule, f.Message.En)
		}
	}
}

// BenchmarkCorpus checks the 192 files of the PDF/UA-1 corpus, one after the other.
func BenchmarkCorpus(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(shared, "corpus", "pdfua1", "*.pdf"))
	if len(files) == 0 {
		b.Skip("corpus absent (../shared)")
	}
	var data [][]byte
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		data = append(data, d)
	}
	e := engine()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for i, d := range data {
			e.Check(context.Background(), files[i], d, false)
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
}

// Benchmark500Pages checks a generated tagged report of 500 pages.
func Benchmark500Pages(b *testing.B) { benchPages(b, 500) }

// Benchmark1000Pages checks a generated tagged report of 1000 pages and 21,000
// structure elements: the structure side of a long document (no rendering), whose
// allocations per page are what this benchmark watches.
func Benchmark1000Pages(b *testing.B) { benchPages(b, 1000) }

func benchPages(b *testing.B, n int) {
	data := fixtures.LongPDF(n, 20)
	e := engine()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	pages := 0
	for b.Loop() {
		res := e.Check(context.Background(), "long.pdf", data, false)
		if res.Err != nil {
			b.Fatal(res.Err.Msg.En)
		}
		if res.Pages != n {
			b.Fatalf("pages %d, want %d", res.Pages, n)
		}
		pages += res.Pages
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}

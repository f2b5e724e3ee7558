package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/internal/fixtures"
)

// TestWriteBenchFiles writes the generated documents that bench/compare.sh measures, into
// the folder named by FOCUS_BENCH_OUT; without it the test is skipped. The files are made
// here rather than kept in the repository: a 1000-page tagged PDF (long1000.pdf), a DOCX
// whose document.xml is about 20 MB (big.docx) and a 4000×3000 photo-like PNG (photo.png).
func TestWriteBenchFiles(t *testing.T) {
	dir := os.Getenv("FOCUS_BENCH_OUT")
	if dir == "" {
		t.Skip("FOCUS_BENCH_OUT names the folder to write the benchmark documents to")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes", name, len(data))
	}
	write("long1000.pdf", fixtures.LongPDF(1000, 20))
	write("big.docx", bigDOCX(20<<20))
	src := photoPNG(t, 4000, 3000)
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	write("photo.png", data)
}

// bigDOCX is a report whose document.xml holds about size bytes: headings every fifty
// paragraphs, runs with properties, a table every two hundred paragraphs.
func bigDOCX(size int) []byte {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		switch {
		case i%50 == 0:
			b.WriteString(fixtures.P("Heading2", fmt.Sprintf("Part %d", i/50+1)))
		case i%200 == 101:
			b.WriteString(fixtures.Table("", true, []string{"Year", "Amount"}, []string{"2025", "12"}, []string{"2026", "14"}))
		case i%3 == 0:
			b.WriteString(`<w:p>` + fixtures.R(`<w:b/>`, "In short: ") + fixtures.R("", fmt.Sprintf("paragraph %d sums up one point of the report in a full sentence.", i)) + `</w:p>`)
		default:
			b.WriteString(fixtures.P("", fmt.Sprintf("Paragraph %d of the report explains one point in a full sentence, with enough words to read as prose.", i)))
		}
	}
	return fixtures.DOCX{Body: b.String(), Title: "Big report"}.Bytes()
}

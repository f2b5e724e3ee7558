package main

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/internal/fixtures"
	"github.com/lab110bis/focusplus/report"
	"github.com/lab110bis/focusplus/rules"
)

// BenchmarkAuditFolder audits a generated folder of 2,000 mixed documents the way
// `focus check --format jsonl -j N folder/` does: walk, read, check, stream the report.
// Images always; small PDFs and DOCX files too when the engine has their loaders. It
// reports documents per second at -j1 and -j2 and the peak resident memory of the process.
//
//	go test ./cmd/focus -run '^$' -bench AuditFolder -benchtime 2x
func BenchmarkAuditFolder(b *testing.B) {
	engine := rules.NewEngine()
	dir := b.TempDir()
	kinds := generateAudit(b, dir, 2000, engine)
	b.Logf("generated %v", kinds)
	// Start what starts once per process (the PDF renderer pool) before measuring, so -j1,
	// measured first, does not pay for it.
	if checker.LookupFormat("pdf") != nil {
		engine.Check(context.Background(), "warm-up.pdf", minimalPDF("Warm-up", 1), false)
	}
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("j%d", jobs), func(b *testing.B) {
			docs := 0
			cpu0 := fixtures.ProcessCPU().Seconds()
			for b.Loop() {
				docs += auditFolder(b, engine, dir, jobs)
			}
			b.ReportMetric(float64(docs)/b.Elapsed().Seconds(), "docs/s")
			// CPU time per document: if it stays flat from -j1 to -j2 the batch itself
			// scales, and a lower speed-up means the cores were busy with other work.
			cpu := fixtures.ProcessCPU().Seconds() - cpu0
			b.ReportMetric(cpu*1000/float64(docs), "cpu-ms/doc")
			b.ReportMetric(cpu/b.Elapsed().Seconds(), "cores")
			b.ReportMetric(peakRSSMiB(), "peak-RSS-MiB")
		})
	}
}

// auditFolder is the batch path of checkRun: collect, check with a pool, stream JSONL.
func auditFolder(b *testing.B, engine *checker.Engine, dir string, jobs int) int {
	inputs, skipped, err := checker.Collect([]string{dir})
	if err != nil {
		b.Fatal(err)
	}
	w, _ := report.New("jsonl", io.Discard, report.Meta{Lang: checker.English, Engine: engine})
	w.Begin()
	s := report.Summary{Skipped: skipped}
	engine.Run(context.Background(), inputs, checker.BatchOptions{Jobs: jobs}, func(r checker.Result) {
		if r.Err != nil {
			b.Fatalf("%s: %s", r.Name, r.Err.Msg.En)
		}
		s.Add(r)
		w.Document(r)
	})
	w.End(s)
	return s.Documents
}

func peakRSSMiB() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024 // kilobytes on Linux
}

// generateAudit writes n documents into dir, spread over sub-folders as an archive is,
// cycling through the kinds the engine reads.
func generateAudit(b testing.TB, dir string, n int, engine *checker.Engine) map[string]int {
	type gen struct {
		kind string
		make func(i int) []byte
	}
	gens := []gen{
		{"png", func(i int) []byte {
			return fixtures.PNG(fixtures.Bars(160, 120, color.RGBA{R: uint8(i), G: 80, B: 200, A: 255}, color.White), "")
		}},
		{"gif", func(i int) []byte {
			return fixtures.Blink{Width: 96, Height: 96, Frames: 12, DelayCS: 8, Area: image.Rect(0, 0, 96, 48)}.GIF()
		}},
		{"jpeg", func(i int) []byte {
			var buf bytes.Buffer
			jpeg.Encode(&buf, fixtures.Bars(200, 150, color.RGBA{R: 200, G: uint8(i), B: 40, A: 255}, color.Black), &jpeg.Options{Quality: 80})
			return buf.Bytes()
		}},
	}
	if checker.LookupFormat("pdf") != nil {
		gens = append(gens, gen{"pdf", func(i int) []byte { return minimalPDF(fmt.Sprintf("Report %d", i), 1+i%3) }})
	}
	if checker.LookupFormat("docx") != nil {
		gens = append(gens, gen{"docx", func(i int) []byte { return minimalDOCX(fmt.Sprintf("Letter %d", i), 3+i%5) }})
	}
	count := map[string]int{}
	for i := 0; i < n; i++ {
		g := gens[i%len(gens)]
		sub := filepath.Join(dir, fmt.Sprintf("unit-%02d", i%20))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("doc-%04d.%s", i, g.kind)), g.make(i), 0o644); err != nil {
			b.Fatal(err)
		}
		count[g.kind]++
	}
	return count
}

// minimalPDF is a small tagged PDF: a title, a language, and pages of text in one
// paragraph each, with a correct cross-reference table.
func minimalPDF(title string, pages int) []byte {
	var objs []string
	// 1 catalog, 2 pages, 3 font, 4 info, 5 struct tree root, then page/content pairs.
	kids := make([]string, pages)
	for p := 0; p < pages; p++ {
		kids[p] = fmt.Sprintf("%d 0 R", 6+2*p)
	}
	objs = append(objs,
		"<< /Type /Catalog /Pages 2 0 R /Lang (en) /MarkInfo << /Marked true >> /StructTreeRoot 5 0 R /ViewerPreferences << /DisplayDocTitle true >> >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), pages),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		fmt.Sprintf("<< /Title (%s) >>", title),
		"<< /Type /StructTreeRoot >>",
	)
	for p := 0; p < pages; p++ {
		content := fmt.Sprintf("/P << /MCID 0 >> BDC BT /F1 12 Tf 72 720 Td (Page %d of %s.) Tj ET EMC", p+1, title)
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R /StructParents %d >>", 7+2*p, p),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content)+1, content))
	}
	var buf bytes.Buffer
	buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = buf.Len()
		fmt.Fprintf(&buf, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&buf, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return buf.Bytes()
}

// minimalDOCX is a small Word document: a title, a heading and some paragraphs.
func minimalDOCX(title string, paragraphs int) []byte {
	var body strings.Builder
	body.WriteString(`<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>` + title + `</w:t></w:r></w:p>`)
	for i := 0; i < paragraphs; i++ {
		fmt.Fprintf(&body, `<w:p><w:r><w:t>Paragraph %d of a generated letter.</w:t></w:r></w:p>`, i+1)
	}
	files := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`},
		{"docProps/core.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>` + title + `</dc:title><dc:language>en-GB</dc:language></cp:coreProperties>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `</w:body></w:document>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, _ := zw.Create(f.name)
		io.WriteString(w, f.body)
	}
	zw.Close()
	return buf.Bytes()
}

// TestGeneratedAuditDocuments: the benchmark's generated documents are sniffed as the
// formats they claim, so the benchmark measures what it says.
func TestGeneratedAuditDocuments(t *testing.T) {
	if f := checker.Sniff(minimalPDF("T", 2)); f != "pdf" {
		t.Errorf("minimal PDF sniffed as %q", f)
	}
	if f := checker.Sniff(minimalDOCX("T", 2)); f != "docx" {
		t.Errorf("minimal DOCX sniffed as %q", f)
	}
	pdf := string(minimalPDF("T", 2))
	start := strings.Index(pdf, "startxref\n") + len("startxref\n")
	var off int
	fmt.Sscanf(pdf[start:], "%d", &off)
	if !strings.HasPrefix(pdf[off:], "xref\n") {
		t.Error("startxref does not point at the cross-reference table")
	}
	// Once the engine reads PDF and DOCX, the generated files must load without error.
	e := rules.NewEngine()
	for name, data := range map[string][]byte{"a.pdf": minimalPDF("T", 2), "a.docx": minimalDOCX("T", 2)} {
		if r := e.Check(context.Background(), name, data, false); r.Err != nil {
			t.Errorf("%s: %s", name, r.Err.Msg.En)
		}
	}
}

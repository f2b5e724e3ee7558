package pdfvisual

import (
	"context"
	"fmt"
	"image/color"
	"reflect"
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/internal/fixtures"
	"github.com/lab110bis/focusplus/pdfrender"
)

// A long document, which the walk shares between workers, gets the analysis one walk
// in page order gives: the same runs in the same order, the same pages and counts.
func TestLongDocumentAnalysisMatchesOneWalk(t *testing.T) {
	if err := pdfrender.Warm(); err != nil {
		t.Skip("no renderer:", err)
	}
	var pages []fixtures.VisualPage
	scan := fixtures.ScanImage(300, 400)
	for i := 0; i < 48; i++ {
		switch i % 3 {
		case 0:
			p := fixtures.TextPage(color.Gray{Y: uint8(0x20 + i*3)}, nil, 8)
			p.Texts = append(p.Texts, fixtures.VisualText{X: 72, Y: 40, Size: 8, Fill: color.Gray{Y: 0xaa}, Text: fmt.Sprint("Page ", i+1)})
			pages = append(pages, p)
		case 1:
			pages = append(pages, fixtures.TextPage(color.RGBA{R: 200, A: 255}, color.RGBA{B: 90, A: 255}, 5))
		default:
			pages = append(pages, fixtures.VisualPage{Images: []fixtures.VisualImage{{W: 612, H: 792, Img: scan}}})
		}
	}
	doc := pdfDoc(fixtures.VisualPDF{Pages: pages})
	got := walk(context.Background(), doc)
	if got.err != nil {
		t.Fatal(got.err)
	}

	want := &analysis{}
	var s sampler
	var outs []pageOut
	opt := pdfrender.Options{Render: true, RenderOnlyText: true, DPI: pdfrender.ContrastDPI, Text: true, Images: true,
		ImagesBelowChars: stampChars, MaxPages: checker.DefaultLimits().MaxPages, PagePixels: pdfrender.DefaultPagePixels}
	want.summary, want.err = pdfrender.Walk(context.Background(), doc.Source, opt, func(pg *pdfrender.Page) error {
		po, err := measurePage(context.Background(), &s, pg)
		outs = append(outs, po)
		return err
	})
	if want.err != nil {
		t.Fatal(want.err)
	}
	want.collect(outs)
	if got.summary != want.summary || got.textPages != want.textPages || got.stalled != want.stalled {
		t.Errorf("summary %+v, %d text pages; want %+v, %d", got.summary, got.textPages, want.summary, want.textPages)
	}
	if !reflect.DeepEqual(got.pages, want.pages) {
		t.Errorf("pages differ")
	}
	if len(got.runs) != len(want.runs) || len(got.runs) != 48/3*9+48/3*5 {
		t.Fatalf("%d runs, want %d", len(got.runs), len(want.runs))
	}
	if !reflect.DeepEqual(got.runs, want.runs) {
		t.Errorf("runs differ from one walk")
	}
}

// Pages walked beyond a gap (another worker's page at the deadline) or rendered
// beyond a page left unrendered are not reported: the reports speak of the first pages.
func TestCollectKeepsTheFirstPages(t *testing.T) {
	run := func(page int) []runResult { return []runResult{{page: page}} }
	a := &analysis{summary: pdfrender.Summary{Pages: 9, Walked: 6, Rendered: 5}}
	a.collect([]pageOut{
		{number: 3, page: pageResult{visible: 30}, skipped: true},
		{number: 1, page: pageResult{visible: 30}, runs: run(1)},
		{number: 6, page: pageResult{visible: 30}, runs: run(6)},
		{number: 2, page: pageResult{visible: 0}},
		{number: 4, page: pageResult{visible: 30}, runs: run(4)},
	})
	if a.summary.Walked != 4 || a.summary.Rendered != 1 || !a.summary.Truncated || a.textPages != 3 || len(a.pages) != 4 {
		t.Errorf("summary %+v, %d text pages, %d pages; want 4 walked, 1 rendered, 3 with text", a.summary, a.textPages, len(a.pages))
	}
	if len(a.runs) != 1 || a.runs[0].page != 1 {
		t.Errorf("runs %+v, want page 1's only", a.runs)
	}
}

// When the page budget stops the walk, the review says how many pages with text were
// measured and where the check stopped, not a count of pages with text it never saw.
func TestTruncatedWalkSaysWhereItStopped(t *testing.T) {
	var pages []fixtures.VisualPage
	for i := 0; i < 6; i++ {
		if i == 1 {
			pages = append(pages, fixtures.VisualPage{}) // a blank page
			continue
		}
		pages = append(pages, fixtures.TextPage(color.Black, nil, 2))
	}
	doc := pdfDoc(fixtures.VisualPDF{Pages: pages})
	doc.Limits = checker.DefaultLimits()
	doc.Limits.MaxPages = 4
	findings, _ := checker.RunRule(context.Background(), TextContrast, doc)
	var got *checker.Finding
	for i := range findings {
		if findings[i].Outcome == checker.Review {
			got = &findings[i]
		}
	}
	if got == nil {
		t.Fatalf("no review of the pages left: %+v", findings)
	}
	want := "Text contrast was measured on the first 3 pages with text only, as the check stopped after page 4 of 6"
	if !strings.HasPrefix(got.Message.En, want) || !strings.Contains(got.Message.Fr, "les 3 premières pages avec du texte") ||
		got.Data["pages_measured"] != "3" || got.Data["pages_examined"] != "4" || got.Data["pages"] != "6" {
		t.Errorf("review %q %q %v, want %q…", got.Message.En, got.Message.Fr, got.Data, want)
	}
}

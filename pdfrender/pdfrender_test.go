package pdfrender

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"io"
	"os"
	"testing"
	"time"

	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/lab110bis/focusplus/internal/fixtures"
)

func ctx(t testing.TB) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return c
}

var (
	grey77 = color.RGBA{0x77, 0x77, 0x77, 255}
	blue   = color.RGBA{0x00, 0x50, 0xA0, 255}
)

func TestPageCountAndRender(t *testing.T) {
	doc := fixtures.VisualPDF{Pages: []fixtures.VisualPage{
		fixtures.TextPage(grey77, nil, 3),
		{Width: 300, Height: 200, Rects: []fixtures.VisualRect{{W: 300, H: 200, Fill: blue}}},
	}}.Bytes()
	n, err := PageCount(ctx(t), doc)
	if err != nil || n != 2 {
		t.Fatalf("PageCount = %d, %v; want 2", n, err)
	}
	img, err := RenderPage(ctx(t), doc, 2, 144)
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got != image.Pt(600, 400) {
		t.Errorf("page 2 at 144 dpi is %v, want 600×400", got)
	}
	if c := img.RGBAAt(300, 200); c != blue {
		t.Errorf("centre pixel %v, want %v", c, blue)
	}
	if _, err := RenderPage(ctx(t), doc, 3, 72); err == nil {
		t.Error("page 3 of 2 rendered")
	}
}

func TestRenderRespectsPixelBudget(t *testing.T) {
	// A 200 × 200 inch page at 144 dpi would be 830 Mpx.
	doc := fixtures.VisualPDF{Pages: []fixtures.VisualPage{{Width: 14400, Height: 14400}}}.Bytes()
	img, err := RenderPage(ctx(t), doc, 1, 144)
	if err != nil {
		t.Fatal(err)
	}
	if px := img.Bounds().Dx() * img.Bounds().Dy(); px > DefaultPagePixels {
		t.Errorf("rendered %d pixels, budget %d", px, DefaultPagePixels)
	}
}

func TestWalkTextRuns(t *testing.T) {
	doc := fixtures.VisualPDF{Tagged: true, Pages: []fixtures.VisualPage{{
		Texts: []fixtures.VisualText{
			{X: 72, Y: 700, Size: 12, Fill: grey77, Text: "Body text"},
			{X: 72, Y: 650, Size: 18, Scale: 18, Bold: true, Fill: blue, Text: "Heading"},
			{X: 72, Y: 600, Size: 10, Mode: 3, Text: "Invisible OCR"},
			{X: 72, Y: 550, Size: 10, Text: "\x95 ....____"},
		},
	}}}.Bytes()
	var runs []TextRun
	sum, err := Walk(ctx(t), doc, Options{Render: true, Text: true, Images: true}, func(p *Page) error {
		if p.Image == nil || p.Image.Bounds().Dx() != 1224 {
			t.Errorf("page image %v, want 1224 px wide at 144 dpi", p.Image.Bounds())
		}
		runs = append(runs, p.Runs...)
		if p.VisibleChars() != len("Bodytext")+len("Heading")+len("\x95....____") || p.InvisibleChars() != len("InvisibleOCR") {
			t.Errorf("visible %d invisible %d", p.VisibleChars(), p.InvisibleChars())
		}
		return nil
	})
	if err != nil || sum.Walked != 1 {
		t.Fatalf("walk: %+v %v", sum, err)
	}
	if len(runs) != 4 {
		t.Fatalf("%d runs, want 4: %+v", len(runs), runs)
	}
	body, head, ocr, leader := runs[0], runs[1], runs[2], runs[3]
	if body.Letters != len("Bodytext") || head.Letters != len("Heading") || leader.Letters != 0 || leader.Chars != len("\x95....____") {
		t.Errorf("letters %d %d %d (chars %d), want 8, 7 and none of the bullet and leaders", body.Letters, head.Letters, leader.Letters, leader.Chars)
	}
	if body.Text != "Body text" || body.Fill != grey77 || body.Size != 12 || body.Bold || body.Mode != ModeFill {
		t.Errorf("body run %+v", body)
	}
	if head.Size < 17.9 || head.Size > 18.1 || !head.Bold || head.Fill != blue {
		t.Errorf("heading run: size %.2f bold %v fill %v", head.Size, head.Bold, head.Fill)
	}
	if ocr.Mode != ModeInvisible || ocr.Mode.Visible() {
		t.Errorf("OCR run mode %v", ocr.Mode)
	}
	// 12 pt text at baseline y=700 pt on a 792 pt page: the glyphs sit around
	// (792-700)*2 = 184 px from the top at 144 dpi.
	if b := body.Box; b.Min.X < 140 || b.Min.X > 150 || b.Max.Y < 180 || b.Max.Y > 190 || b.Dy() < 12 || b.Dy() > 30 {
		t.Errorf("body box %v", b)
	}
	if len(body.Glyphs) != len("Bodytext") {
		t.Errorf("%d glyph boxes, want 8", len(body.Glyphs))
	}
}

func TestWalkImageCoverage(t *testing.T) {
	scan := fixtures.VisualPDF{Pages: []fixtures.VisualPage{
		{Images: []fixtures.VisualImage{{W: 612, H: 792, Img: fixtures.ScanImage(170, 220)}}},
		{Images: []fixtures.VisualImage{{X: 72, Y: 500, W: 200, H: 200, Img: fixtures.ScanImage(50, 50)}}},
		fixtures.TextPage(color.Black, nil, 2),
	}}.Bytes()
	var cov []float64
	_, err := Walk(ctx(t), scan, Options{Images: true}, func(p *Page) error {
		cov = append(cov, p.ImageCoverage)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{1, 200 * 200 / (612 * 792.0), 0}
	for i := range want {
		if d := cov[i] - want[i]; d > 0.03 || d < -0.03 {
			t.Errorf("page %d coverage %.3f, want %.3f", i+1, cov[i], want[i])
		}
	}
}

func TestWalkBudgets(t *testing.T) {
	var pages []fixtures.VisualPage
	for i := 0; i < 5; i++ {
		pages = append(pages, fixtures.TextPage(color.Black, nil, 1))
	}
	doc := fixtures.VisualPDF{Pages: pages}.Bytes()
	sum, err := Walk(ctx(t), doc, Options{MaxPages: 2, Text: true}, func(*Page) error { return nil })
	if err != nil || sum.Walked != 2 || !sum.Truncated || sum.Pages != 5 {
		t.Errorf("page budget: %+v %v", sum, err)
	}
	// Each page at 72 dpi is 612×792 = 484 704 px: a 1 Mpx budget renders two, and
	// the walk goes on without rendering.
	images := 0
	sum, err = Walk(ctx(t), doc, Options{Render: true, Text: true, DPI: 72, TotalPixels: 1_000_000}, func(p *Page) error {
		if p.Image != nil {
			images++
		}
		if len(p.Runs) != 1 {
			t.Errorf("page %d: %d runs without rendering", p.Number, len(p.Runs))
		}
		return nil
	})
	if err != nil || sum.Walked != 5 || sum.Rendered != 2 || images != 2 || !sum.RenderTruncated || sum.Truncated {
		t.Errorf("pixel budget: %+v %v", sum, err)
	}
	// After the render deadline, pages are read but not rendered.
	sum, err = Walk(ctx(t), doc, Options{Render: true, Text: true, DPI: 72, RenderDeadline: time.Now().Add(-time.Second)}, func(*Page) error { return nil })
	if err != nil || sum.Walked != 5 || sum.Rendered != 0 || !sum.RenderTruncated {
		t.Errorf("render deadline: %+v %v", sum, err)
	}
}

func TestWalkHonoursContext(t *testing.T) {
	doc := fixtures.VisualPDF{Pages: []fixtures.VisualPage{fixtures.TextPage(color.Black, nil, 1)}}.Bytes()
	c, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Walk(c, doc, Options{Text: true}, func(*Page) error { return nil }); err == nil {
		t.Error("walk ran with a cancelled context")
	}
	// The pool still works afterwards.
	if n, err := PageCount(ctx(t), doc); err != nil || n != 1 {
		t.Errorf("after cancel: %d %v", n, err)
	}
}

func TestBrokenPDF(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("%PDF-1.7\ngarbage"), []byte("not a pdf")} {
		if _, err := PageCount(ctx(t), data); err == nil {
			t.Errorf("%q: no error", data)
		}
	}
}

// TestNoHostFilesystem proves that the WebAssembly module sees no host file: PDFium
// cannot open a PDF by path, even one that exists and is readable by this process,
// while the same bytes passed in memory open.
func TestNoHostFilesystem(t *testing.T) {
	data := fixtures.VisualPDF{Pages: []fixtures.VisualPage{fixtures.TextPage(color.Black, nil, 1)}}.Bytes()
	path := t.TempDir() + "/readable.pdf"
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := acquire(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.release()
	for _, p := range []string{path, "/etc/hostname", "/etc/passwd", "/"} {
		p := p
		if _, err := s.inst.OpenDocument(&requests.OpenDocument{FilePath: &p}); err == nil {
			t.Errorf("the renderer opened host path %s", p)
		}
	}
	if err := s.openDoc(data); err != nil {
		t.Fatalf("the same PDF by bytes: %v", err)
	}
	if n, err := s.pageCount(); err != nil || n != 1 {
		t.Errorf("by bytes: %d pages, %v", n, err)
	}
	// Control: go-pdfium's default configuration (no FSConfig) mounts the host root,
	// and there the same path opens. This shows the test above can fail.
	rc, _ := runtimeConfig(true)
	open, err := webassembly.Init(webassembly.Config{MinIdle: 1, MaxIdle: 1, MaxTotal: 1, RuntimeConfig: rc, Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	defer open.Close()
	inst, err := open.GetInstance(30 * time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer inst.Close()
	res, err := inst.OpenDocument(&requests.OpenDocument{FilePath: &path})
	if err != nil {
		t.Fatalf("control: the default configuration could not open %s either (%v), so the test proves nothing", path, err)
	}
	inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: res.Document})
}

func TestCompilationCache(t *testing.T) {
	if err := Warm(); err != nil {
		t.Fatal(err)
	}
	if dir := CompilationCacheDir(); dir != "" {
		entries, err := os.ReadDir(dir)
		if err != nil || len(entries) == 0 {
			t.Errorf("cache %s is empty after start-up (%v)", dir, err)
		}
	}
	// An unusable cache directory is not an error: the module is compiled in memory.
	t.Setenv("XDG_CACHE_HOME", "/proc/no-such-dir")
	t.Setenv("HOME", "/proc/no-such-dir")
	if c, dir := compilationCache(); c != nil || dir != "" {
		t.Errorf("cache under an unwritable directory: %v %q", c, dir)
	}
}

// Documents of a batch are checked in parallel: more callers than renderers wait their
// turn and each gets its own document's pages.
func TestConcurrentDocuments(t *testing.T) {
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		go func(n int) {
			var pages []fixtures.VisualPage
			for k := 0; k <= n; k++ {
				pages = append(pages, fixtures.TextPage(color.Black, nil, 2))
			}
			doc := fixtures.VisualPDF{Pages: pages}.Bytes()
			sum, err := Walk(ctx(t), doc, Options{Render: true, DPI: 36, Text: true}, func(p *Page) error {
				if len(p.Runs) != 2 {
					return fmt.Errorf("document %d page %d: %d runs", n, p.Number, len(p.Runs))
				}
				return nil
			})
			if err == nil && sum.Walked != n+1 {
				err = fmt.Errorf("document %d: walked %d pages", n, sum.Walked)
			}
			errs <- err
		}(i)
	}
	for i := 0; i < 8; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// A quotation mark in another colour right before the words is its own run: the words
// are not taken to be in the mark's colour.
func TestWalkSplitsRunsOnColour(t *testing.T) {
	cyan := color.RGBA{0x59, 0xea, 0xee, 255}
	doc := fixtures.VisualPDF{Pages: []fixtures.VisualPage{{
		Texts: []fixtures.VisualText{
			{X: 72, Y: 700, Size: 12, Fill: cyan, Text: "\x93"},
			{X: 76, Y: 700, Size: 12, Fill: blue, Text: "Grace a notre raccordement"},
		},
	}}}.Bytes()
	var runs []TextRun
	if _, err := Walk(ctx(t), doc, Options{Text: true}, func(p *Page) error {
		runs = append(runs, p.Runs...)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 || runs[0].Fill != cyan || runs[1].Fill != blue || runs[1].Text != "Grace a notre raccordement" {
		for _, r := range runs {
			t.Logf("run %q fill %v", r.Text, r.Fill)
		}
		t.Fatalf("%d runs, want the mark in cyan and the words in blue", len(runs))
	}
}

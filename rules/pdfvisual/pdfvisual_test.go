package pdfvisual

import (
	"context"
	"image"
	"image/color"
	"strings"
	"testing"
	"time"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
	"github.com/lab110bis/focusplus/internal/fixtures"
	"github.com/lab110bis/focusplus/pdfrender"
)

func hex(s string) color.RGBA {
	var c color.RGBA
	c.A = 255
	for i, p := range []*uint8{&c.R, &c.G, &c.B} {
		v := 0
		for _, ch := range s[1+2*i : 3+2*i] {
			v *= 16
			switch {
			case ch >= '0' && ch <= '9':
				v += int(ch - '0')
			case ch >= 'a' && ch <= 'f':
				v += int(ch-'a') + 10
			case ch >= 'A' && ch <= 'F':
				v += int(ch-'A') + 10
			}
		}
		*p = uint8(v)
	}
	return c
}

// pdfDoc is what the engine gives rules for a PDF: the bytes in Source. The PDF loader
// fills the rest; these rules only need the bytes and the page count.
func pdfDoc(d fixtures.VisualPDF) *checker.Document {
	return &checker.Document{Name: "test.pdf", Format: pdfdoc.Name, Source: d.Bytes(), Pages: len(d.Pages)}
}

func run(t *testing.T, r *checker.Rule, d fixtures.VisualPDF) ([]checker.Finding, checker.CheckRow) {
	t.Helper()
	return checker.RunRule(context.Background(), r, pdfDoc(d))
}

func page(bg color.Color, texts ...fixtures.VisualText) fixtures.VisualPage {
	p := fixtures.VisualPage{Texts: texts}
	if bg != nil {
		p.Rects = []fixtures.VisualRect{{X: 36, Y: 36, W: 540, H: 720, Fill: bg}}
	}
	return p
}

func body(fg color.Color, size float64, bold bool) fixtures.VisualText {
	return fixtures.VisualText{X: 72, Y: 700, Size: size, Bold: bold, Fill: fg,
		Text: "Accessible documents let everyone read the same words."}
}

// TestTextContrastThresholds is the done-when list: tagged PDFs with text in
// given colours on white or on a coloured background.
func TestTextContrastThresholds(t *testing.T) {
	cases := []struct {
		name     string
		fg, bg   string // bg "" is the white paper
		size     float64
		bold     bool
		want     checker.Outcome
		ratio    string // expected ratio in the finding, when failing ("" computes it)
		wantAAA  checker.Outcome
		required string
	}{
		{"#777777 body text on white", "#777777", "", 12, false, checker.Failed, "4.48", checker.NotApplicable, "4.5"},
		{"#767676 body text on white", "#767676", "", 12, false, checker.Passed, "", checker.Failed, ""},
		{"18 pt #949494 is large text", "#949494", "", 18, false, checker.Passed, "", checker.Failed, ""},
		{"12 pt #949494 is body text", "#949494", "", 12, false, checker.Failed, "", checker.NotApplicable, "4.5"},
		{"14 pt bold #949494 is large text", "#949494", "", 14, true, checker.Passed, "", checker.Failed, ""},
		{"14 pt regular #949494 is body text", "#949494", "", 14, false, checker.Failed, "", checker.NotApplicable, "4.5"},
		{"white on #7FBFFF", "#ffffff", "#7FBFFF", 12, false, checker.Failed, "", checker.NotApplicable, "4.5"},
		{"white on #0050A0", "#ffffff", "#0050A0", 12, false, checker.Passed, "", checker.Passed, ""},
		{"black on white", "#000000", "", 10, false, checker.Passed, "", checker.Passed, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var bg color.Color
			if c.bg != "" {
				bg = hex(c.bg)
			}
			doc := fixtures.VisualPDF{Tagged: true, Pages: []fixtures.VisualPage{page(bg, body(hex(c.fg), c.size, c.bold))}}
			findings, row := run(t, TextContrast, doc)
			if row.Outcome != c.want {
				t.Fatalf("1.4.3: outcome %v, want %v; findings %+v", row.Outcome, c.want, findings)
			}
			if c.want == checker.Failed {
				if len(findings) != 1 {
					t.Fatalf("%d findings, want 1: %+v", len(findings), findings)
				}
				f := findings[0]
				wantBg := "#ffffff"
				if c.bg != "" {
					wantBg = strings.ToLower(c.bg)
				}
				if c.ratio == "" {
					c.ratio = checker.FormatRatio(checker.ContrastRatio(hex(c.fg), hex(wantBg)))
				}
				if f.Data["ratio"] != c.ratio || f.Data["foreground"] != strings.ToLower(c.fg) || f.Data["background"] != wantBg || f.Data["required"] != c.required {
					t.Errorf("data %v, want ratio %s fg %s bg %s", f.Data, c.ratio, c.fg, wantBg)
				}
				for _, want := range []string{c.ratio + ":1", strings.ToLower(c.fg), wantBg, "page 1"} {
					if !strings.Contains(f.Message.En, want) {
						t.Errorf("message %q lacks %q", f.Message.En, want)
					}
				}
				if !strings.Contains(f.Message.Fr, strings.ReplaceAll(c.ratio, ".", ",")+":1") {
					t.Errorf("French message %q lacks the ratio with a decimal comma", f.Message.Fr)
				}
				if f.Location.Page != 1 || len(f.Location.Box) != 4 {
					t.Errorf("location %+v", f.Location)
				}
			}
			_, row = run(t, TextContrastAAA, doc)
			if row.Outcome != c.wantAAA {
				t.Errorf("1.4.6: outcome %v, want %v", row.Outcome, c.wantAAA)
			}
		})
	}
}

// A grey footer on every page is one finding with a count and the page list.
func TestTextContrastGroupsAcrossPages(t *testing.T) {
	grey, black := hex("#999999"), hex("#000000")
	var pages []fixtures.VisualPage
	for i := 0; i < 6; i++ {
		pages = append(pages, page(nil,
			fixtures.VisualText{X: 72, Y: 700, Size: 11, Fill: black, Text: "Body of the page, dark enough."},
			fixtures.VisualText{X: 72, Y: 40, Size: 9, Fill: grey, Text: "Footer: internal document"},
			fixtures.VisualText{X: 400, Y: 40, Size: 9, Fill: grey, Text: "Page number"},
		))
	}
	findings, row := run(t, TextContrast, fixtures.VisualPDF{Pages: pages})
	if row.Outcome != checker.Failed || len(findings) != 1 {
		t.Fatalf("outcome %v with %d findings, want one grouped failure: %+v", row.Outcome, len(findings), findings)
	}
	f := findings[0]
	if f.Data["count"] != "12" || f.Data["pages"] != "1–6" {
		t.Errorf("count %s pages %s, want 12 on 1–6", f.Data["count"], f.Data["pages"])
	}
	if !strings.Contains(f.Message.En, "12 runs of text on pages 1–6") {
		t.Errorf("message %q", f.Message.En)
	}
	if f.Count != 12 || len(f.Locations) != 12 || f.Locations[0].Page != 1 || f.Locations[11].Page != 6 || len(f.Locations[11].Box) != 4 {
		t.Errorf("count %d with locations %+v, want the 12 runs with their page and box", f.Count, f.Locations)
	}
	if row.Passed != 6 {
		t.Errorf("passed %d, want the 6 body lines", row.Passed)
	}
}

// gradient is a horizontal gradient from a to b, w × h pixels.
func gradient(w, h int, a, b color.RGBA) *image.RGBA {
	im := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		t := float64(x) / float64(w-1)
		c := color.RGBA{uint8(float64(a.R)*(1-t) + float64(b.R)*t), uint8(float64(a.G)*(1-t) + float64(b.G)*t), uint8(float64(a.B)*(1-t) + float64(b.B)*t), 255}
		for y := 0; y < h; y++ {
			im.SetRGBA(x, y, c)
		}
	}
	return im
}

// Text over a gradient that goes from failing to passing needs a person.
func TestTextContrastVariedBackgroundReview(t *testing.T) {
	doc := fixtures.VisualPDF{Pages: []fixtures.VisualPage{{
		Images: []fixtures.VisualImage{{X: 60, Y: 680, W: 480, H: 50, Img: gradient(480, 50, hex("#ffffff"), hex("#202020"))}},
		Texts: []fixtures.VisualText{{X: 72, Y: 700, Size: 14, Fill: hex("#000000"),
			Text: "Text over a photograph that goes from light to dark"}},
	}}}
	findings, row := run(t, TextContrast, doc)
	if row.Outcome != checker.Review || len(findings) != 1 {
		t.Fatalf("outcome %v, want review: %+v", row.Outcome, findings)
	}
	f := findings[0]
	if bg := f.Data["background"]; len(bg) != 7 || bg[0] != '#' || f.Data["background_varies"] != "true" {
		t.Errorf("background data %v, want a median #rrggbb marked as varying", f.Data)
	}
	if !strings.Contains(f.Message.En, "varies") || f.Data["ratio_min"] == "" || f.Data["ratio_max"] == "" {
		t.Errorf("review does not give the reason and range: %q %v", f.Message.En, f.Data)
	}
}

// Invisible text (the OCR layer) and text hidden under an image are not checked.
func TestTextContrastSkipsInvisibleAndCoveredText(t *testing.T) {
	pale := hex("#dddddd")
	doc := fixtures.VisualPDF{Pages: []fixtures.VisualPage{
		{
			Images: []fixtures.VisualImage{{W: 612, H: 792, Img: fixtures.ScanImage(100, 130)}},
			Texts:  []fixtures.VisualText{{X: 72, Y: 700, Size: 12, Fill: pale, Mode: 3, Text: "OCR layer, invisible"}},
		},
	}}
	if _, row := run(t, TextContrast, doc); row.Outcome != checker.NotApplicable {
		t.Errorf("invisible text: outcome %v, want not-applicable", row.Outcome)
	}
}

func TestScannedPage(t *testing.T) {
	scan := fixtures.VisualImage{W: 612, H: 792, Img: fixtures.ScanImage(170, 220)}
	text := fixtures.TextPage(color.Black, nil, 20)
	ocr := fixtures.VisualPage{Images: []fixtures.VisualImage{scan}}
	for i := 0; i < 20; i++ {
		ocr.Texts = append(ocr.Texts, fixtures.VisualText{X: 72, Y: 720 - float64(i)*18, Size: 12, Mode: 3, Text: "Recognised words of the scanned line"})
	}
	poster := fixtures.VisualPage{Images: []fixtures.VisualImage{{X: 0, Y: 200, W: 612, H: 420, Img: fixtures.ScanImage(60, 40)}}}
	photoWithCaption := fixtures.VisualPage{
		Images: []fixtures.VisualImage{{X: 0, Y: 200, W: 612, H: 420, Img: fixtures.ScanImage(60, 40)}},
		Texts:  []fixtures.VisualText{{X: 72, Y: 150, Size: 12, Text: "Figure 1: the harbour at dawn, seen from the lighthouse."}},
	}
	cases := []struct {
		name  string
		pages []fixtures.VisualPage
		want  checker.Outcome
		msg   string
		on    string
	}{
		{"image-only document", []fixtures.VisualPage{{Images: []fixtures.VisualImage{scan}}, {Images: []fixtures.VisualImage{scan}}}, checker.Failed, "needs OCR", "1–2"},
		{"one scanned page among text", []fixtures.VisualPage{text, {Images: []fixtures.VisualImage{scan}}, text}, checker.Failed, "needs OCR", "2"},
		{"its text version", []fixtures.VisualPage{text, text}, checker.Passed, "", ""},
		{"scan with an OCR layer", []fixtures.VisualPage{ocr}, checker.Review, "OCR", "1"},
		{"half-page image, no text", []fixtures.VisualPage{poster}, checker.Review, "mostly an image", "1"},
		{"photo with a caption", []fixtures.VisualPage{photoWithCaption}, checker.Passed, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			findings, row := run(t, ScannedPage, fixtures.VisualPDF{Pages: c.pages})
			if row.Outcome != c.want {
				t.Fatalf("outcome %v, want %v: %+v", row.Outcome, c.want, findings)
			}
			if c.want == checker.Passed {
				return
			}
			f := findings[0]
			if !strings.Contains(f.Message.En, c.msg) || f.Data["pages"] != c.on {
				t.Errorf("finding %q %v, want %q on pages %s", f.Message.En, f.Data, c.msg, c.on)
			}
			if c.want == checker.Failed && (!f.Blocking || f.Severity != checker.Error) {
				t.Errorf("an image-only page must be a blocking error: %+v", f)
			}
		})
	}
}

func TestBrokenPDFIsReviewedNotCrashed(t *testing.T) {
	doc := &checker.Document{Format: pdfdoc.Name, Source: []byte("%PDF-1.7\nnot really"), Pages: 1}
	for _, r := range []*checker.Rule{ScannedPage, TextContrast, TextContrastAAA} {
		findings, row := checker.RunRule(context.Background(), r, doc)
		if row.Outcome != checker.Review || len(findings) != 1 {
			t.Errorf("%s: %v %+v, want one review", r.ID, row.Outcome, findings)
			continue
		}
		// The renderer's own words go to the experts' detail, not into the message.
		f := findings[0]
		if f.Data["detail"] == "" || strings.Contains(f.Message.En, f.Data["detail"]) || strings.Contains(f.Message.Fr, "(") {
			t.Errorf("%s: message %+v with detail %q, want plain words and the cause apart", r.ID, f.Message, f.Data["detail"])
		}
	}
}

func TestPageList(t *testing.T) {
	for in, want := range map[string]string{"1": "1", "1 2 3": "1–3", "1 2 4 6 7": "1–2, 4, 6–7"} {
		var pages []int
		for _, f := range strings.Fields(in) {
			pages = append(pages, int(f[0]-'0'))
		}
		if got := pageList(pages); got != want {
			t.Errorf("pageList(%s) = %q, want %q", in, got, want)
		}
	}
}

// Black text in tight table cells with black borders and differently coloured
// neighbours: the borders and the next cell are not the text's background.
func TestTextContrastTableCellsPass(t *testing.T) {
	var p fixtures.VisualPage
	fills := []string{"#ffdbb6", "#f7d1d5", "#dedce6"}
	for row, fill := range fills {
		y := 700 - float64(row)*14
		for col := 0; col < 2; col++ {
			x := 60 + float64(col)*250
			p.Rects = append(p.Rects,
				fixtures.VisualRect{X: x, Y: y, W: 250, H: 14, Fill: color.Black},
				fixtures.VisualRect{X: x + 0.5, Y: y + 0.5, W: 249, H: 13, Fill: hex(fill)})
			p.Texts = append(p.Texts, fixtures.VisualText{X: x + 2, Y: y + 3, Size: 12, Fill: color.Black, Text: "TBody-TR-TD cell"})
		}
	}
	findings, row := run(t, TextContrast, fixtures.VisualPDF{Pages: []fixtures.VisualPage{p}})
	if row.Outcome != checker.Passed || row.Passed != 6 {
		t.Errorf("outcome %v (%d passed), want 6 passes: %+v", row.Outcome, row.Passed, findings)
	}
}

// White text on a button that is only a little taller than the text is judged on the
// button's colour.
func TestTextContrastTightButton(t *testing.T) {
	for _, c := range []struct {
		button string
		want   checker.Outcome
	}{{"#0050a0", checker.Passed}, {"#7fbfff", checker.Failed}} {
		p := fixtures.VisualPage{
			Rects: []fixtures.VisualRect{{X: 70, Y: 696, W: 90, H: 15, Fill: hex(c.button)}},
			Texts: []fixtures.VisualText{{X: 72, Y: 700, Size: 11, Bold: true, Fill: color.White, Text: "Subscribe"}},
		}
		findings, row := run(t, TextContrast, fixtures.VisualPDF{Pages: []fixtures.VisualPage{p}})
		if row.Outcome != c.want {
			t.Errorf("white on %s: outcome %v, want %v: %+v", c.button, row.Outcome, c.want, findings)
		} else if c.want == checker.Failed && findings[0].Data["background"] != c.button {
			t.Errorf("background %s, want %s", findings[0].Data["background"], c.button)
		}
	}
}

func TestGlyphMask(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 203, 50))
	runs := []pdfrender.TextRun{
		{Glyphs: []image.Rectangle{image.Rect(3, 4, 70, 9), image.Rect(60, 20, 199, 21), image.Rect(-5, 45, 300, 60)}},
		{Mode: pdfrender.ModeInvisible, Glyphs: []image.Rectangle{image.Rect(100, 0, 110, 5)}},
	}
	var s sampler
	s.setPage(img, runs)
	for y := 0; y < 50; y++ {
		for x := 0; x < 203; x++ {
			want := false
			for _, g := range runs[0].Glyphs {
				if image.Pt(x, y).In(g.Inset(-glyphPad)) {
					want = true
				}
			}
			if got := s.glyph(img, x, y); got != want {
				t.Fatalf("pixel %d,%d: mask %v, want %v", x, y, got, want)
			}
		}
	}
}

// Text painted over by a rectangle (hidden text, or a redaction box) is not what a
// reader sees, so its colour is not judged; the same text uncovered fails.
func TestTextContrastCoveredText(t *testing.T) {
	pale := fixtures.VisualText{X: 72, Y: 700, Size: 12, Fill: hex("#cccccc"), Text: "Pale words under a box"}
	covered := fixtures.VisualPage{Texts: []fixtures.VisualText{pale},
		Cover: []fixtures.VisualRect{{X: 60, Y: 690, W: 300, H: 30, Fill: hex("#1a1a1a")}}}
	if findings, row := run(t, TextContrast, fixtures.VisualPDF{Pages: []fixtures.VisualPage{covered}}); row.Outcome != checker.NotApplicable {
		t.Errorf("covered text: outcome %v, want not-applicable: %+v", row.Outcome, findings)
	}
	if _, row := run(t, TextContrast, fixtures.VisualPDF{Pages: []fixtures.VisualPage{{Texts: []fixtures.VisualText{pale}}}}); row.Outcome != checker.Failed {
		t.Errorf("uncovered pale text: outcome %v, want fail", row.Outcome)
	}
}

func TestRatioMatchesChecker(t *testing.T) {
	for _, c := range [][2]string{{"#777777", "#ffffff"}, {"#ffffff", "#0050a0"}, {"#12120d", "#fadccd"}, {"#000000", "#000000"}} {
		a, b := hex(c[0]), hex(c[1])
		if got, want := ratio(a, b), checker.ContrastRatio(a, b); got != want {
			t.Errorf("ratio(%s, %s) = %v, checker says %v", c[0], c[1], got, want)
		}
	}
}

// Leaders, lines drawn with underscores, bullets and symbols are not text to read: pale
// ones are not judged, while a pale word beside them is.
func TestTextContrastSkipsLeadersAndBullets(t *testing.T) {
	pale := hex("#cccccc")
	line := func(y float64, s string) fixtures.VisualText {
		return fixtures.VisualText{X: 72, Y: y, Size: 11, Fill: pale, Text: s}
	}
	decoration := fixtures.VisualPage{Texts: []fixtures.VisualText{
		line(700, "...................................."),
		line(680, "____________________________"),
		line(660, "\x85\x85\x85\x85\x85\x85\x85\x85\x85\x85"), // … in WinAnsi
		line(640, "\x95"), // •
		line(620, "- - - - - - * * * ="),
	}}
	if findings, row := run(t, TextContrast, fixtures.VisualPDF{Pages: []fixtures.VisualPage{decoration}}); row.Outcome != checker.NotApplicable {
		t.Errorf("leaders and bullets: outcome %v, want not-applicable: %+v", row.Outcome, findings)
	}
	decoration.Texts = append(decoration.Texts, line(600, "Nom : ........................"))
	findings, row := run(t, TextContrast, fixtures.VisualPDF{Pages: []fixtures.VisualPage{decoration}})
	if row.Outcome != checker.Failed || len(findings) != 1 || findings[0].Data["count"] != "1" {
		t.Errorf("a pale label beside leaders: outcome %v, want one failure: %+v", row.Outcome, findings)
	}
}

// What is drawn over or beside the text box but is not the text's background: table
// rules crossing the box, underlines, and the anti-aliased edges of small glyphs.
func TestTextContrastRulesUnderlinesAndEdges(t *testing.T) {
	black, blue := hex("#000000"), hex("#0563c1")
	word := func(x, y, size float64, fg color.RGBA, s string) fixtures.VisualText {
		return fixtures.VisualText{X: x, Y: y, Size: size, Fill: fg, Text: s}
	}
	cases := []struct {
		name string
		page fixtures.VisualPage
		want checker.Outcome
		bg   string // the background the finding must name, when it fails
	}{
		{"table rules crossing the text box", fixtures.VisualPage{
			Texts: []fixtures.VisualText{word(72, 700, 10, black, "Cell text in a tight table row"), word(300, 700, 10, black, "Another cell of the row")},
			Cover: []fixtures.VisualRect{
				{X: 60, Y: 697.5, W: 480, H: 0.75, Fill: hex("#4472c4")}, // through the descenders
				{X: 60, Y: 708.6, W: 480, H: 1, Fill: hex("#999999")},    // through the capitals' tops
				{X: 290, Y: 690, W: 0.75, H: 25, Fill: hex("#4472c4")},   // a cell border against the text
			},
		}, checker.Passed, ""},
		{"underlined links", fixtures.VisualPage{
			Texts: []fixtures.VisualText{word(72, 700, 9.5, blue, "https://www.example.gouv.fr/demarches"), word(72, 680, 10, black, "Voir l'arrêté du 11 septembre 2003 modifié")},
			Rects: []fixtures.VisualRect{{X: 72, Y: 698.2, W: 170, H: 0.6, Fill: blue}, {X: 72, Y: 678, W: 200, H: 0.7, Fill: hex("#0000ff")}},
		}, checker.Passed, ""},
		{"small text at 4.51:1 on white", sweep(hex("#087cc0")), checker.Passed, ""},
		{"small black text", sweep(black), checker.Passed, ""},
		{"small text at 4.51:1 on a light grey box", fixtures.VisualPage{
			Rects: []fixtures.VisualRect{{X: 60, Y: 690, W: 400, H: 24, Fill: hex("#f2f2f2")}},
			Texts: []fixtures.VisualText{word(72, 700, 8.5, hex("#a848a8"), "Small anti-aliased text just above the threshold")},
		}, checker.Passed, ""},
		{"grey text on a grey box", fixtures.VisualPage{
			Rects: []fixtures.VisualRect{{X: 60, Y: 690, W: 400, H: 24, Fill: hex("#e0e0e0")}},
			Texts: []fixtures.VisualText{word(72, 700, 10, hex("#767676"), "Grey note in a grey box")},
		}, checker.Failed, "#e0e0e0"},
		{"grey text on a grey box crossed by a rule", fixtures.VisualPage{
			Rects: []fixtures.VisualRect{{X: 60, Y: 690, W: 400, H: 24, Fill: hex("#e0e0e0")}},
			Texts: []fixtures.VisualText{word(72, 700, 10, hex("#767676"), "Grey note in a grey box")},
			Cover: []fixtures.VisualRect{{X: 60, Y: 697.6, W: 400, H: 0.75, Fill: color.White}},
		}, checker.Failed, "#e0e0e0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			findings, row := run(t, TextContrast, fixtures.VisualPDF{Pages: []fixtures.VisualPage{c.page}})
			if row.Outcome != c.want {
				t.Fatalf("outcome %v, want %v: %+v", row.Outcome, c.want, findings)
			}
			if c.want == checker.Passed && row.Passed != len(c.page.Texts) {
				t.Errorf("%d runs passed, want %d", row.Passed, len(c.page.Texts))
			}
			if c.want == checker.Failed && (len(findings) != 1 || findings[0].Data["background"] != c.bg || findings[0].Data["background_varies"] != "") {
				t.Errorf("want one failure on a plain %s: %+v", c.bg, findings)
			}
		})
	}
}

// sweep is a page of short words in fg at sizes from 6 to 11.5 pt, at fractional
// positions, where anti-aliased edges are most of what the glyph boxes hold.
func sweep(fg color.RGBA) fixtures.VisualPage {
	var p fixtures.VisualPage
	words := []string{"le", "Page", "ou", "il", "1", "Mr"}
	for i := 0; i < 36; i++ {
		size := 6 + float64(i%12)*0.5
		p.Texts = append(p.Texts, fixtures.VisualText{X: 72 + float64(i%6)*80 + float64(i)*0.37, Y: 700 - float64(i)*14.3, Size: size, Fill: fg, Serif: true, Text: words[i%len(words)]})
	}
	return p
}

// Boxes that leave the page, empty boxes and glyphs of other runs outside the box are
// measured without a panic, and a plain page gives its colour.
func TestSamplerOddBoxes(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 60, 40))
	for i := range img.Pix {
		img.Pix[i] = 0xee
	}
	fg := color.RGBA{0x22, 0x22, 0x22, 255}
	runs := []pdfrender.TextRun{
		{Letters: 1, Fill: fg, Box: image.Rect(-10, -10, 20, 15), Glyphs: []image.Rectangle{image.Rect(-10, -10, 20, 15)}},
		{Letters: 1, Fill: fg, Box: image.Rect(50, 30, 90, 70), Glyphs: []image.Rectangle{image.Rect(50, 30, 90, 70)}},
		{Letters: 1, Fill: fg, Box: image.Rect(5, 5, 5, 5)},
		{Letters: 1, Fill: color.RGBA{0xff, 0, 0, 255}, Box: image.Rect(0, 0, 60, 40), Glyphs: []image.Rectangle{image.Rect(-100, -100, 1000, 1000), image.Rect(10, 10, 12, 12)}},
	}
	for y := 20; y < 30; y++ {
		for x := 10; x < 14; x++ {
			img.SetRGBA(x, y, fg)
		}
	}
	var s sampler
	s.setPage(img, runs)
	for i := range runs {
		m, ok := s.measure(img, &runs[i])
		if ok && i < 2 && m.bg != (color.RGBA{0xee, 0xee, 0xee, 255}) {
			t.Errorf("run %d: background %v, want #eeeeee", i, m.bg)
		}
	}
}

// A page that would take hours to paint (a shading with a PostScript function of
// 200,000 operators, text over it) is stopped when the page walk's share of the
// document's time runs out: the rules report that page to review, named, and return
// while the document's own deadline has not passed, so the other checks keep theirs.
func TestPageTooLongToDrawIsReviewed(t *testing.T) {
	if testing.Short() {
		t.Skip("renders a hostile page until its time runs out")
	}
	doc := &checker.Document{Name: "shading.pdf", Format: pdfdoc.Name, Source: fixtures.PostScriptShadingPDF(200_000), Pages: 1}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Second)
	defer cancel()
	for _, r := range []*checker.Rule{TextContrast, ScannedPage} {
		findings, row := checker.RunRule(ctx, r, doc)
		if row.Outcome != checker.Review || len(findings) != 1 || findings[0].Location.Page != 1 ||
			!strings.Contains(findings[0].Message.En, "takes too long to draw") {
			t.Errorf("%s: %v %+v, want one review of page 1", r.ID, row.Outcome, findings)
		}
	}
	if ctx.Err() != nil {
		t.Errorf("the rules returned after the document's deadline")
	}
}

package docx

import (
	"context"
	"image"
	"image/color"
	"image/draw"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/docxdoc"
	fx "github.com/lab110bis/focusplus/internal/fixtures"
	"github.com/lab110bis/focusplus/office/officetest"
)

const inch = 914400 // EMU

// overDrawing is a document whose second paragraph holds a floating drawing placed
// behind its own line of text, as Word writes one ("Behind text" wrapping).
func overDrawing(drawing, rpr, text string) fx.DOCX {
	// Blank paragraphs keep the neighbours clear of the drawing.
	d := body(fx.P("", "Note de service") + fx.P("", "") + fx.P("", "") +
		`<w:p>` + drawing + fx.R(rpr+`<w:sz w:val="28"/>`, text) + `</w:p>` +
		fx.P("", "") + fx.P("", "") + fx.P("", "Fin de la note."))
	return d
}

// darkPicture is a document with white text on a dark photo-like picture.
func darkPicture() fx.DOCX {
	img := image.NewRGBA(image.Rect(0, 0, 300, 60))
	draw.Draw(img, img.Rect, image.NewUniform(color.RGBA{0x14, 0x1e, 0x30, 255}), image.Point{}, draw.Src)
	for x := 0; x < 300; x += 7 { // a little texture, as in a photo
		for y := 0; y < 60; y++ {
			img.Set(x, y, color.RGBA{0x20, 0x2a, 0x3c, 255})
		}
	}
	a := fx.Anchor{ID: 1, Y: -inch / 16, Width: 6 * inch, Height: inch / 3, Behind: true, Descr: "Photo de l'académie"}
	d := withRels(overDrawing(a.Picture("rIdImg"), `<w:color w:val="FFFFFF"/>`, "Inscriptions ouvertes jusqu'au 3 mars"), picRel...)
	d.Parts = map[string]string{"word/media/image1.png": string(fx.PNG(img, ""))}
	return d
}

// blueShape is a document with black text on a dark-blue rectangle.
func blueShape() fx.DOCX {
	a := fx.Anchor{ID: 1, Y: -inch / 16, Width: 6 * inch, Height: inch / 3, Behind: true}
	return overDrawing(a.Shape("1F3864"), `<w:color w:val="000000"/>`, "Réunion des directeurs le 12 avril")
}

func loadWithSource(t *testing.T, d fx.DOCX) *checker.Document {
	t.Helper()
	data := d.Bytes()
	doc, err := docxdoc.Load(context.Background(), "test.docx", data, docxdoc.Name, checker.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	doc.Source, doc.Limits = data, checker.DefaultLimits()
	return doc
}

// Without the rendered page, styles cannot see what lies behind the text: white text
// over a floating picture is a review (not a failure), black text over a shape passes.
func TestContrastOverDrawingsFromStyles(t *testing.T) {
	_, row := checker.RunRule(context.Background(), Contrast, loadWithSource(t, darkPicture()))
	if row.Outcome != checker.Review {
		t.Errorf("white text over a floating picture without LibreOffice: %s, want review", row.Outcome)
	}
	_, row = checker.RunRule(context.Background(), Contrast, loadWithSource(t, blueShape()))
	if row.Outcome != checker.Passed {
		t.Errorf("black text over a shape without LibreOffice: %s (styles see paper)", row.Outcome)
	}
}

// TestContrastOnRenderedPage: with LibreOffice, the page is measured as a reader sees it.
func TestContrastOnRenderedPage(t *testing.T) {
	officetest.Use(t).Timeout = 3 * time.Minute
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	findings, row := checker.RunRule(ctx, Contrast, loadWithSource(t, darkPicture()))
	if row.Outcome != checker.Passed {
		t.Errorf("white text on a dark picture: %s, want passed; %+v", row.Outcome, findings)
	}

	findings, row = checker.RunRule(ctx, Contrast, loadWithSource(t, blueShape()))
	if row.Outcome != checker.Failed || len(findings) != 1 {
		t.Fatalf("black text on a dark-blue shape: %s, want one failure; %+v", row.Outcome, findings)
	}
	f := findings[0]
	for _, want := range []string{"paragraph 4", "Réunion des directeurs", "rendered", "page 1"} {
		if !strings.Contains(f.Message.En, want) && !strings.Contains(f.Data["measured"], want) {
			t.Errorf("finding lacks %q: %s", want, f.Message.En)
		}
	}
	if f.Data["paragraph"] != "4" || f.Location.Page != 1 || len(f.Location.Box) != 4 || f.Location.Path == "" {
		t.Errorf("finding not placed on the paragraph and page: %+v %+v", f.Location, f.Data)
	}
	if r, err := strconv.ParseFloat(f.Data["ratio"], 64); err != nil || r > 2.5 {
		t.Errorf("ratio %s: black on #1F3864 is about 1.8:1", f.Data["ratio"])
	}
}

func TestParaMatcher(t *testing.T) {
	d := &docxdoc.Document{}
	for _, s := range []string{"Note de service", "Réunion\u00a0des   directeurs le 12 avril", "", "Fin de la note."} {
		d.Paragraphs = append(d.Paragraphs, &docxdoc.Paragraph{Text: s})
	}
	m := newParaMatcher(d)
	for text, want := range map[string]int{"des directeurs": 1, "Fin de la": 3, "Note de": 0, "absent du document": -1, "le": -1} {
		if got := m.find(text); got != want {
			t.Errorf("find(%q) = %d, want %d", text, got, want)
		}
	}
}

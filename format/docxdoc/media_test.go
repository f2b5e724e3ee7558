package docxdoc

import (
	"image"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	fx "github.com/lab110bis/focusplus/internal/fixtures"
)

func TestEmbeddedImages(t *testing.T) {
	png := string(fx.PNG(image.NewGray(image.Rect(0, 0, 4, 4)), ""))
	data := fx.DOCX{Body: fx.P("", "x"), Parts: map[string]string{"word/media/image2.png": png, "word/media/image1.png": png, "word/media/notes.txt": "x"}}.Bytes()
	imgs, err := EmbeddedImages(data, checker.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if len(imgs) != 2 || imgs[0].Name != "word/media/image1.png" || string(imgs[1].Data) != png {
		t.Errorf("images %d: %v", len(imgs), imgs)
	}
}

func TestEmbeddedCharts(t *testing.T) {
	chart := `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:plotArea><c:pieChart>` +
		`<c:ser><c:spPr><a:solidFill><a:srgbClr val="D62728"/></a:solidFill></c:spPr><c:dPt><c:spPr><a:solidFill><a:schemeClr val="accent2"/></a:solidFill></c:spPr></c:dPt></c:ser>` +
		`<c:ser><c:dLbls><c:txPr/></c:dLbls></c:ser>` +
		`</c:pieChart></c:plotArea></c:chart></c:chartSpace>`
	data := fx.DOCX{Body: fx.P("", "x"), Parts: map[string]string{"word/charts/chart1.xml": chart, "word/charts/_rels/chart1.xml.rels": "<x/>"}}.Bytes()
	charts, err := EmbeddedCharts(data, checker.DefaultLimits())
	if err != nil || len(charts) != 1 {
		t.Fatalf("charts %+v, %v", charts, err)
	}
	// Series 1's own red, its point in the theme's accent 2, series 2 the theme's accent 2 in turn.
	want := []RGB{{R: 0xd6, G: 0x27, B: 0x28}, {R: 0xe9, G: 0x71, B: 0x32}, {R: 0xe9, G: 0x71, B: 0x32}}
	if got := charts[0].Colours; len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("colours %v, want %v", got, want)
	}
}

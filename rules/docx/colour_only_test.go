package docx

import (
	"context"
	"image/color"
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	fx "github.com/lab110bis/focusplus/internal/fixtures"
)

// chartXML is a bar chart whose series have the given fills ("" for none: the theme's
// accents in turn).
func chartXML(fills ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:plotArea><c:barChart>`)
	for i, f := range fills {
		b.WriteString(`<c:ser><c:idx val="` + string(rune('0'+i)) + `"/>`)
		if f != "" {
			b.WriteString(`<c:spPr><a:solidFill><a:srgbClr val="` + f + `"/></a:solidFill></c:spPr>`)
		}
		b.WriteString(`<c:val><c:numRef><c:f>Feuil1!$B$2:$B$5</c:f></c:numRef></c:val></c:ser>`)
	}
	b.WriteString(`</c:barChart></c:plotArea></c:chart></c:chartSpace>`)
	return b.String()
}

func TestColourOnlyInDocuments(t *testing.T) {
	red, green := color.RGBA{0xd6, 0x27, 0x28, 255}, color.RGBA{0x2c, 0xa0, 0x2c, 255}
	redGreenBars := string(fx.PNG(fx.Bars(160, 100, red, green), ""))
	cases := []struct {
		name  string
		parts map[string]string
		want  checker.Outcome
		where string
	}{
		{"red and green chart series", map[string]string{"word/charts/chart1.xml": chartXML("D62728", "2CA02C")}, checker.Review, "Chart word/charts/chart1.xml"},
		{"blue and orange chart series", map[string]string{"word/charts/chart1.xml": chartXML("1F77B4", "FF7F0E")}, checker.Passed, ""},
		{"theme accents blue and orange", map[string]string{"word/charts/chart1.xml": chartXML("", "")}, checker.Passed, ""},
		{"red and green bars in a picture", map[string]string{"word/media/image1.png": redGreenBars}, checker.Review, "Picture word/media/image1.png (“Ventes par région”)"},
		{"no picture, no chart", nil, checker.NotApplicable, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := withRels(body(`<w:p>`+fx.Picture(1, `descr="Ventes par région"`, "")+`</w:p>`), picRel...)
			d.Parts = c.parts
			findings, row := checker.RunRule(context.Background(), ColourOnly, loadWithSource(t, d))
			if row.Outcome != c.want {
				t.Fatalf("outcome %s, want %s: %+v", row.Outcome, c.want, findings)
			}
			if c.where != "" && (len(findings) == 0 || !strings.HasPrefix(findings[0].Message.En, c.where) || findings[0].Message.Fr == "" || findings[0].Location.Part == "") {
				t.Errorf("finding %+v: want it to start with %q and be located", findings, c.where)
			}
		})
	}
}

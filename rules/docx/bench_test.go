package docx

import (
	"context"
	"fmt"
	"image"
	"strings"
	"testing"
	"time"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/docxdoc"
	fx "github.com/lab110bis/focusplus/internal/fixtures"
)

// longReport builds a report of the given number of pages: each page has a heading, body
// paragraphs with a link and coloured text, a 6×4 table with a header row, a picture with
// alternative text, and ends with a page break.
func longReport(pages int) []byte {
	var b strings.Builder
	for i := 1; i <= pages; i++ {
		b.WriteString(fx.P("Titre1", fmt.Sprintf("Chapitre %d", i)))
		for j := 0; j < 6; j++ {
			b.WriteString(`<w:p>` + fx.R("", "Le service instruit les demandes reçues pendant le trimestre et publie ses délais moyens. ") +
				fx.R(`<w:color w:val="1F4E79"/>`, "Les délais baissent de 12 % par rapport à l'an dernier. ") + `</w:p>`)
		}
		b.WriteString(`<w:p><w:hyperlink r:id="rIdL">` + fx.R("", fmt.Sprintf("Tableau de bord du chapitre %d", i)) + `</w:hyperlink></w:p>`)
		rows := [][]string{{"Mois", "Demandes", "Traitées", "Délai"}}
		for r := 0; r < 5; r++ {
			rows = append(rows, []string{fmt.Sprint("M", r+1), "1 240", "1 198", "12 j"})
		}
		b.WriteString(fx.Table(`<w:tblLook w:firstRow="1"/>`, true, rows...))
		b.WriteString(`<w:p>` + fx.Picture(i, `descr="Courbe des délais du chapitre `+fmt.Sprint(i)+`"`, "") + `</w:p>`)
		if i < pages {
			b.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`)
		}
	}
	png := fx.PNG(image.NewGray(image.Rect(0, 0, 16, 16)), "")
	return fx.DOCX{
		Title: "Rapport annuel", Body: b.String(),
		Rels:  []fx.Rel{{ID: "rIdImg", Type: "image", Target: "media/image1.png"}, {ID: "rIdL", Type: "hyperlink", Target: "https://exemple.fr/tableau", External: true}},
		Parts: map[string]string{"word/media/image1.png": string(png)},
	}.Bytes()
}

func engine() *checker.Engine {
	return &checker.Engine{Formats: []*checker.FileFormat{checker.LookupFormat(docxdoc.Name)}, Rules: Rules, Limits: checker.DefaultLimits()}
}

// BenchmarkCheck300Pages loads and checks a 300-page report with every DOCX rule.
func BenchmarkCheck300Pages(b *testing.B) {
	data := longReport(300)
	e := engine()
	res := e.Check(context.Background(), "rapport.docx", data, false)
	if res.Err != nil || res.Pages != 300 {
		b.Fatalf("pages %d, err %v", res.Pages, res.Err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		e.Check(context.Background(), "rapport.docx", data, false)
	}
	b.ReportMetric(float64(300*b.N)/time.Since(start).Seconds(), "pages/s")
}

// TestLongReport checks the generated report is clean, so the benchmark measures the
// common case (everything passes) and the rules agree it is accessible.
func TestLongReport(t *testing.T) {
	res := engine().Check(context.Background(), "rapport.docx", longReport(20), false)
	if res.Err != nil {
		t.Fatal(res.Err.Msg.En)
	}
	for _, f := range res.Findings {
		if f.Outcome == checker.Failed {
			t.Errorf("unexpected failure on the clean report: %s %s", f.Rule, f.Message.En)
		}
	}
}

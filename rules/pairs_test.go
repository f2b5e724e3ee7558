package rules

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	fx "github.com/lab110bis/focusplus/internal/fixtures"
	"github.com/lab110bis/focusplus/office/officetest"
)

// Defect pairs: testdata/pairs/NAME.bad.EXT is a document with one defect and
// NAME.good.EXT the same document fixed. The pair test finds every pair by that naming
// convention, so a pair exported with LibreOffice or Word joins by being dropped there;
// the pairs below are generated from the readable sources in this file (rewrite them
// with: go test ./rules -run PairsUpToDate -update-pairs).

var updatePairs = flag.Bool("update-pairs", false, "rewrite the generated defect pairs under testdata/pairs")

// exportPairs keeps the ODT files LibreOffice exports from the DOCX pairs in
// testdata/pairs (NAME-writer.bad.odt, NAME-writer.good.odt), so that the pair tests run
// on them on machines without LibreOffice too.
var exportPairs = flag.Bool("export-pairs", false, "save the ODT files LibreOffice exports from the DOCX pairs under testdata/pairs")

const pairsDir = "../testdata/pairs"

// reportDOCX is a short, otherwise accessible Word report (title, language, a heading
// and body text) with extra body XML and relationships.
func reportDOCX(extra string, rels ...fx.Rel) []byte {
	return fx.DOCX{
		Title: "Rapport d'activité 2025",
		Body: fx.P("Titre1", "Rapport d'activité 2025") +
			fx.P("", "Ce rapport présente l'activité du service au cours de l'année 2025, ses résultats et ses projets.") +
			extra +
			fx.P("", "Les équipes remercient les usagers pour leurs réponses à l'enquête de satisfaction."),
		Rels: rels,
	}.Bytes()
}

// reportODT is reportDOCX written by LibreOffice Writer: the same report as an
// OpenDocument text, with extra automatic styles and body XML.
func reportODT(auto, extra string) []byte {
	return fx.ODT{
		Title: "Rapport d'activité 2025", Language: "fr-FR", Auto: auto,
		Body: `<text:h text:style-name="Heading_20_1" text:outline-level="1">Rapport d'activité 2025</text:h>` +
			`<text:p>Ce rapport présente l'activité du service au cours de l'année 2025, ses résultats et ses projets.</text:p>` +
			extra +
			`<text:p>Les équipes remercient les usagers pour leurs réponses à l'enquête de satisfaction.</text:p>`,
	}.Bytes()
}

// A section heading made by hand, bold, centred and one size up from the body text,
// and the same line in a heading style.
const (
	surveyHeading = "Résultats de l'enquête"
	surveyText    = "Neuf usagers sur dix se disent satisfaits de l'accueil au guichet et du délai de réponse."
	centredStyle  = `<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>`
)

// French text declared English (the document's default language), and an English
// passage in a French document without a language of its own.
const (
	frParagraph = "Les demandes sont traitées dans un délai de quinze jours ouvrés après la réception du dossier complet par le service instructeur."
	enParagraph = "The office answers every request within fifteen working days after the complete application has been received by the department."
)

// languageDOCX is reportDOCX with the default language lang.
func languageDOCX(lang, extra string) []byte {
	return fx.DOCX{
		Title:  "Rapport d'activité 2025",
		Styles: strings.Replace(fx.DefaultStyles, `<w:lang w:val="fr-FR"/>`, `<w:lang w:val="`+lang+`"/>`, 1),
		Body: fx.P("Titre1", "Rapport d'activité 2025") +
			fx.P("", "Ce rapport présente l'activité du service au cours de l'année 2025, ses résultats et ses projets.") +
			fx.P("", frParagraph) + extra +
			fx.P("", "Les équipes remercient les usagers pour leurs réponses à l'enquête de satisfaction."),
	}.Bytes()
}

// languageODT is reportODT with the default paragraph style in language lang-country.
func languageODT(lang, country, auto, extra string) []byte {
	return fx.ODT{
		Title: "Rapport d'activité 2025", Auto: auto,
		Styles: strings.Replace(fx.DefaultODTStyles, `fo:language="fr" fo:country="FR"`, `fo:language="`+lang+`" fo:country="`+country+`"`, 1),
		Body: `<text:h text:style-name="Heading_20_1" text:outline-level="1">Rapport d'activité 2025</text:h>` +
			`<text:p>Ce rapport présente l'activité du service au cours de l'année 2025, ses résultats et ses projets.</text:p>` +
			`<text:p>` + frParagraph + `</text:p>` + extra +
			`<text:p>Les équipes remercient les usagers pour leurs réponses à l'enquête de satisfaction.</text:p>`,
	}.Bytes()
}

const enSpanStyle = `<style:style style:name="T1" style:family="text"><style:text-properties fo:language="en" fo:country="GB"/></style:style>`

// pictureDOCX is reportDOCX with a picture (a bar chart) as Word writes one: the image
// part and a complete pic:pic, so that Word and LibreOffice open it as a picture, with
// the given wp:docPr attributes.
func pictureDOCX(docPrAttrs string) []byte {
	pic := `<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="1828800" cy="1143000"/>` +
		`<wp:docPr id="1" name="Image 1" ` + docPrAttrs + `/><wp:cNvGraphicFramePr/>` +
		`<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>` +
		`<pic:nvPicPr><pic:cNvPr id="1" name="image1.png"/><pic:cNvPicPr/></pic:nvPicPr>` +
		`<pic:blipFill><a:blip r:embed="rIdImg"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
		`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1828800" cy="1143000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
		`</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`
	d := fx.DOCX{
		Title: "Rapport d'activité 2025",
		Body: fx.P("Titre1", "Rapport d'activité 2025") +
			fx.P("", "Ce rapport présente l'activité du service au cours de l'année 2025, ses résultats et ses projets.") +
			pic +
			fx.P("", "Les équipes remercient les usagers pour leurs réponses à l'enquête de satisfaction."),
		Rels:  []fx.Rel{{ID: "rIdImg", Type: "image", Target: "media/image1.png"}},
		Parts: map[string]string{"word/media/image1.png": string(fx.PNG(fx.Bars(160, 100, color.RGBA{0x1f, 0x4e, 0x79, 255}, color.RGBA{0xc5, 0x5a, 0x11, 255}), ""))},
	}
	return d.Bytes()
}

// divisions is three articles of a convention, each label on its own line with the
// paragraph properties ppr (centred by hand, or a heading style), over its text.
func divisions(ppr string) string {
	var b strings.Builder
	for i, text := range []string{
		"La présente convention fixe les conditions d'accueil des usagers au guichet du service.",
		"Le service s'engage à répondre à chaque demande dans un délai de quinze jours ouvrés.",
		"La convention prend effet à sa signature pour une durée de trois ans renouvelable.",
	} {
		b.WriteString(`<w:p><w:pPr>` + ppr + `</w:pPr>` + fx.R("", fmt.Sprintf("Article %d.", i+1)) + `</w:p>` + fx.P("", text))
	}
	return b.String()
}

func linkDOCX(text string) []byte {
	return reportDOCX(`<w:p>`+fx.R("", "Le rapport complet est en ligne : ")+`<w:hyperlink r:id="rIdL">`+fx.R("", text)+`</w:hyperlink></w:p>`,
		fx.Rel{ID: "rIdL", Type: "hyperlink", Target: "https://exemple.fr/rapport-2025.pdf", External: true})
}

func textPDF(tagged bool) []byte {
	page := fx.VisualPage{}
	for i, line := range []string{"Rapport d'activite 2025", "Ce rapport presente l'activite du service en 2025.", "Les equipes remercient les usagers."} {
		page.Texts = append(page.Texts, fx.VisualText{X: 72, Y: 700 - 24*float64(i), Size: 12, Fill: color.Black, Text: line})
	}
	return fx.VisualPDF{Pages: []fx.VisualPage{page}, Tagged: tagged, Title: "Rapport d'activite 2025", Lang: "fr-FR"}.Bytes()
}

var (
	red    = color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 255}
	green  = color.RGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 255}
	blue   = color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 255}
	orange = color.RGBA{R: 0xff, G: 0x7f, B: 0x0e, A: 255}
)

const chartDescription = "Bar chart: 120 schools in 2024, 150 in 2025"

// generatedPairs are the pairs made here, by file name.
func generatedPairs() map[string][]byte {
	return map[string][]byte{
		"image-alt.bad.docx":  pictureDOCX(``),
		"image-alt.good.docx": pictureDOCX(`descr="Carte des 12 agences régionales du service"`),
		"table-header.bad.docx": reportDOCX(fx.Table("", false,
			[]string{"Région", "Dossiers", "Délai moyen"}, []string{"Bretagne", "1 204", "12 jours"}, []string{"Occitanie", "980", "15 jours"})),
		"table-header.good.docx": reportDOCX(fx.Table("", true,
			[]string{"Région", "Dossiers", "Délai moyen"}, []string{"Bretagne", "1 204", "12 jours"}, []string{"Occitanie", "980", "15 jours"})),
		"legal-divisions.bad.docx":    reportDOCX(divisions(`<w:jc w:val="center"/>`)),
		"legal-divisions.good.docx":   reportDOCX(divisions(`<w:pStyle w:val="Titre2"/>`)),
		"link-text.bad.docx":          linkDOCX("cliquez ici"),
		"link-text.good.docx":         linkDOCX("Rapport d'activité 2025 (PDF, 2 Mo)"),
		"docx-contrast.bad.docx":      reportDOCX(`<w:p>` + fx.R(`<w:color w:val="AAAAAA"/>`, "Les demandes sont traitées dans un délai de quinze jours ouvrés après réception du dossier complet.") + `</w:p>`),
		"docx-contrast.good.docx":     reportDOCX(`<w:p>` + fx.R(`<w:color w:val="333333"/>`, "Les demandes sont traitées dans un délai de quinze jours ouvrés après réception du dossier complet.") + `</w:p>`),
		"fake-heading.bad.docx":       reportDOCX(`<w:p><w:pPr><w:jc w:val="center"/></w:pPr>` + fx.R(`<w:b/><w:sz w:val="26"/>`, surveyHeading) + `</w:p>` + fx.P("", surveyText)),
		"fake-heading.good.docx":      reportDOCX(fx.P("Titre2", surveyHeading) + fx.P("", surveyText)),
		"fake-heading.bad.odt":        reportODT(centredStyle, `<text:p text:style-name="P1">`+surveyHeading+`</text:p><text:p>`+surveyText+`</text:p>`),
		"fake-heading.good.odt":       reportODT(centredStyle, `<text:h text:style-name="Heading_20_2" text:outline-level="2">`+surveyHeading+`</text:h><text:p>`+surveyText+`</text:p>`),
		"document-language.bad.docx":  languageDOCX("en-US", ""),
		"document-language.good.docx": languageDOCX("fr-FR", ""),
		"document-language.bad.odt":   languageODT("en", "US", "", ""),
		"document-language.good.odt":  languageODT("fr", "FR", "", ""),
		"passage-language.bad.docx":   languageDOCX("fr-FR", fx.P("", enParagraph)),
		"passage-language.good.docx":  languageDOCX("fr-FR", `<w:p>`+fx.R(`<w:lang w:val="en-GB"/>`, enParagraph)+`</w:p>`),
		"passage-language.bad.odt":    languageODT("fr", "FR", enSpanStyle, `<text:p>`+enParagraph+`</text:p>`),
		"passage-language.good.odt":   languageODT("fr", "FR", enSpanStyle, `<text:p><text:span text:style-name="T1">`+enParagraph+`</text:span></text:p>`),
		"tagged-pdf.bad.pdf":          textPDF(false),
		"tagged-pdf.good.pdf":         textPDF(true),
		// A chart published as an image: without a description in the file, a blind reader
		// who opens it gets nothing.
		"chart-alt.bad.png":  fx.PNG(fx.Bars(320, 200, blue, orange), ""),
		"chart-alt.good.png": fx.PNG(fx.Bars(320, 200, blue, orange), chartDescription),
		// Both described: only the colours differ. Red and green bars are one colour to 1
		// man in 12; blue and orange stay distinct.
		"chart-colour.bad.png":  fx.PNG(fx.Bars(320, 200, red, green), chartDescription),
		"chart-colour.good.png": fx.PNG(fx.Bars(320, 200, blue, orange), chartDescription),
	}
}

func TestPairsUpToDate(t *testing.T) {
	for name, want := range generatedPairs() {
		path := filepath.Join(pairsDir, name)
		if *updatePairs {
			if err := os.MkdirAll(pairsDir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s differs from its source in pairs_test.go (run go test ./rules -run PairsUpToDate -update-pairs)", path)
		}
	}
}

type pair struct{ name, bad, good string }

// discoverPairs lists testdata/pairs/NAME.bad.EXT with their NAME.good.EXT.
func discoverPairs(t *testing.T) []pair {
	t.Helper()
	bads, err := filepath.Glob(filepath.Join(pairsDir, "*.bad.*"))
	if err != nil {
		t.Fatal(err)
	}
	var out []pair
	for _, bad := range bads {
		base := filepath.Base(bad)
		i := strings.Index(base, ".bad.")
		good := filepath.Join(pairsDir, base[:i]+".good."+base[i+len(".bad."):])
		if _, err := os.Stat(good); err != nil {
			t.Errorf("%s has no fixed version %s", bad, good)
			continue
		}
		out = append(out, pair{name: base[:i], bad: bad, good: good})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

func checkFile(t *testing.T, e *checker.Engine, path string) checker.Result {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := e.Check(context.Background(), filepath.Base(path), data, false)
	if r.Err != nil {
		t.Fatalf("%s: %s", path, r.Err.Msg.En)
	}
	return r
}

func summary(r checker.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s (cost %.1f; WCAG %s %v)", r.Score.Value, r.Score.Band, r.Score.Cost, r.Conformance.WCAG.Verdict, r.Conformance.WCAG.Failed)
	for _, f := range r.Findings {
		fmt.Fprintf(&b, "\n    %s %s %s: %s", f.Outcome, f.Severity, f.Rule, f.Message.En)
	}
	return b.String()
}

// TestFixedVersionScoresHigher is the pair-ordering invariant: the fixed version of
// every defect pair scores strictly higher than the defective one, so the score guides a
// person through each fix.
func TestFixedVersionScoresHigher(t *testing.T) {
	pairs := discoverPairs(t)
	if len(pairs) < len(generatedPairs())/2 {
		t.Fatalf("%d pairs found under %s, want at least the %d generated ones", len(pairs), pairsDir, len(generatedPairs())/2)
	}
	e := NewEngine()
	for _, p := range pairs {
		bad, good := checkFile(t, e, p.bad), checkFile(t, e, p.good)
		if good.Score.Value <= bad.Score.Value {
			t.Errorf("%s: fixed version scores %s\n  not above the defective one %s", p.name, summary(good), summary(bad))
		}
		t.Logf("%s: %d %s → %d %s", p.name, bad.Score.Value, bad.Score.Band, good.Score.Value, good.Score.Band)
	}
}

// TestTopBandMeansNoAAFailureFound: documents a reader cannot fully use never reach the
// top band, and every document in it has no WCAG A/AA failure.
func TestTopBandMeansNoAAFailureFound(t *testing.T) {
	e := NewEngine()
	scan := fx.VisualPDF{Pages: []fx.VisualPage{{Images: []fx.VisualImage{{X: 0, Y: 0, W: 612, H: 792, Img: fx.ScanImage(850, 1100)}}}}}.Bytes()
	never := map[string][]byte{
		"an untagged PDF":                textPDF(false),
		"a scanned PDF without text":     scan,
		"a chart without alternative":    generatedPairs()["chart-alt.bad.png"],
		"an undescribed red/green chart": fx.PNG(fx.Bars(320, 200, red, green), ""),
		"a picture without alternative":  generatedPairs()["image-alt.bad.docx"],
		"pale text in a Word document":   generatedPairs()["docx-contrast.bad.docx"],
		"an untagged form":               untaggedForm(200),
	}
	for what, data := range never {
		r := e.Check(context.Background(), what, data, false)
		if r.Err != nil {
			t.Fatalf("%s: %s", what, r.Err.Msg.En)
		}
		if r.Score.Value > checker.FailureCap {
			t.Errorf("%s reaches the top band: %s", what, summary(r))
		}
		t.Logf("%s: %d %s", what, r.Score.Value, r.Score.Band)
	}
	if r := e.Check(context.Background(), "scan.pdf", scan, false); r.Score.Band != checker.BandLow {
		t.Errorf("a scanned PDF without text is blocking, want the low band: %s", summary(r))
	}
	// Without tags a screen reader gets one stream of text: no headings, lists, tables,
	// image descriptions or field labels. An untagged PDF is in the low band, and still
	// above a scan, whose text cannot be reached at all.
	untagged := e.Check(context.Background(), "untagged.pdf", textPDF(false), false)
	if untagged.Score.Band != checker.BandLow {
		t.Errorf("an untagged PDF is blocking, want the low band: %s", summary(untagged))
	}
	if r := e.Check(context.Background(), "scan.pdf", scan, false); r.Score.Value >= untagged.Score.Value {
		t.Errorf("a scan without text scores %d, not below an untagged text (%d)", r.Score.Value, untagged.Score.Value)
	}
	// Every document in the top band has no A/AA failure: the pairs' fixed versions and
	// the samples.
	files, _ := filepath.Glob(filepath.Join(pairsDir, "*"))
	samples, _ := filepath.Glob("../testdata/samples/*")
	for _, f := range append(files, samples...) {
		r := checkFile(t, e, f)
		for _, fd := range r.Findings {
			if checker.IsWCAGFailure(fd) && r.Score.Value > checker.FailureCap {
				t.Errorf("%s scores %d with an A/AA failure: %s", f, r.Score.Value, summary(r))
			}
		}
		if (r.Conformance.WCAG.Verdict == checker.Failed) != (r.Score.Value <= checker.FailureCap) {
			t.Errorf("%s: WCAG verdict %s with score %d: the top band is exactly the documents without an A/AA failure", f, r.Conformance.WCAG.Verdict, r.Score.Value)
		}
	}
}

// untaggedForm is an untagged one-page PDF with the text of textPDF and n form fields
// without a name for assistive technology.
func untaggedForm(n int) []byte {
	w := &fx.PDFWriter{}
	cat := w.Reserve()
	pages := w.Reserve()
	page := w.Reserve()
	font := w.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	content := w.Stream("", []byte("BT /F1 12 Tf 72 700 Td (Rapport d'activite 2025) Tj 0 -24 Td (Ce rapport presente l'activite du service en 2025.) Tj 0 -24 Td (Les equipes remercient les usagers.) Tj ET"))
	var fields []string
	for i := 0; i < n; i++ {
		y := 600 - float64(i%40)*12
		x := 72 + float64(i/40)*90
		fields = append(fields, fmt.Sprintf("%d 0 R", w.Add(fmt.Sprintf(
			"<< /Type /Annot /Subtype /Widget /FT /Tx /T (field%d) /Rect [%.0f %.0f %.0f %.0f] /P %d 0 R >>", i, x, y, x+80, y+10, page))))
	}
	w.Set(page, fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R /Annots [%s] >>",
		pages, font, content, strings.Join(fields, " ")))
	w.Set(pages, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", page))
	info := w.Add("<< /Title (Rapport d'activite 2025) >>")
	w.Set(cat, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R /AcroForm << /Fields [%s] >> >>", pages, strings.Join(fields, " ")))
	return w.Bytes(cat, fmt.Sprintf("/Info %d 0 R", info))
}

// untaggedPlain is untaggedForm without its fields, written the same way.
func untaggedPlain() []byte { return untaggedForm(0) }

// TestUnnamedFieldsNeverScoreAbovePlainText: an untagged fillable form with hundreds of
// unnamed fields does not score higher than the same untagged text without fields.
func TestUnnamedFieldsNeverScoreAbovePlainText(t *testing.T) {
	e := NewEngine()
	plain := e.Check(context.Background(), "plain.pdf", untaggedPlain(), false)
	for _, n := range []int{1, 20, 300} {
		form := e.Check(context.Background(), "form.pdf", untaggedForm(n), false)
		if form.Err != nil || plain.Err != nil {
			t.Fatalf("fixtures do not load: %v %v", form.Err, plain.Err)
		}
		if form.Score.Value > plain.Score.Value {
			t.Errorf("untagged form with %d unnamed fields scores %s\n  above the untagged text %s", n, summary(form), summary(plain))
		}
		t.Logf("%d fields: %d; plain text: %d", n, form.Score.Value, plain.Score.Value)
	}
}

// TestOneRulePerDefect: two rules never report the same defect on the same object: no
// two failures of different rules share a located object (or element path) and a WCAG
// criterion. Run over every document in testdata and, when present, the real-world
// corpus beside the repository.
func TestOneRulePerDefect(t *testing.T) {
	var files []string
	for _, g := range []string{pairsDir + "/*", "../testdata/samples/*", "../testdata/pdf/*"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	if !testing.Short() {
		// Real documents with links, annotations and form fields, where rules meet.
		for _, n := range []string{"07", "13", "35"} {
			if f := "../../shared/corpus/realworld/rw-pdf-" + n + ".pdf"; fileExists(f) {
				files = append(files, f)
			}
		}
	}
	e := NewEngine()
	for _, f := range files {
		r := checkFile(t, e, f)
		type place struct{ object, path, sc string }
		seen := map[place]string{}
		for _, fd := range r.Findings {
			if fd.Outcome != checker.Failed {
				continue
			}
			for _, l := range fd.Places() {
				if l.Object == "" && l.Path == "" {
					continue
				}
				for _, sc := range fd.Standards.WCAG {
					k := place{l.Object, l.Path, sc}
					if other, ok := seen[k]; ok && other != fd.Rule {
						t.Errorf("%s: %s and %s both fail WCAG %s on %s %s", f, other, fd.Rule, sc, l.Object, l.Path)
					}
					seen[k] = fd.Rule
				}
			}
		}
	}
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// TestPairsExportedByLibreOffice: every DOCX pair saved as ODT by LibreOffice Writer (as
// an author would, File > Save As) keeps its defect and its fix: the rules the DOCX
// defect raises are raised by the ODT one, none of them by the fixed ODT, and the fixed
// ODT scores higher. Skipped without LibreOffice.
func TestPairsExportedByLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("converts every DOCX pair with LibreOffice")
	}
	c := officetest.Use(t)
	officetest.Off() // the checks below read the ODT files, without page views
	var docx []pair
	for _, p := range discoverPairs(t) {
		if strings.HasSuffix(p.bad, ".docx") && !strings.HasSuffix(p.name, "-writer") {
			docx = append(docx, p)
		}
	}
	if len(docx) == 0 {
		t.Fatal("no DOCX pair")
	}
	odt := make([][2][]byte, len(docx))
	errs := make([]error, len(docx))
	var wg sync.WaitGroup
	for i, p := range docx {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k, path := range []string{p.bad, p.good} {
				data, err := os.ReadFile(path)
				if err == nil {
					odt[i][k], err = c.ConvertTo(context.Background(), data, "docx", "odt")
				}
				if err != nil {
					errs[i] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	e := NewEngine()
	raised := func(r checker.Result) map[string]bool {
		m := map[string]bool{}
		for _, f := range r.Findings {
			if f.Outcome == checker.Failed || f.Outcome == checker.Review {
				m[f.Rule] = true
			}
		}
		return m
	}
	for i, p := range docx {
		if errs[i] != nil {
			t.Errorf("%s: LibreOffice: %v", p.name, errs[i])
			continue
		}
		dBad, dGood := raised(checkFile(t, e, p.bad)), raised(checkFile(t, e, p.good))
		oBad := e.Check(context.Background(), p.name+".bad.odt", odt[i][0], false)
		oGood := e.Check(context.Background(), p.name+".good.odt", odt[i][1], false)
		if oBad.Err != nil || oGood.Err != nil {
			t.Errorf("%s: the exported ODT does not load: %v %v", p.name, oBad.Err, oGood.Err)
			continue
		}
		rBad, rGood := raised(oBad), raised(oGood)
		for rule := range dBad {
			if dGood[rule] {
				continue // not the pair's defect
			}
			if !rBad[rule] {
				t.Errorf("%s: the ODT LibreOffice exports lost the defect %s:\n  %s", p.name, rule, summary(oBad))
			}
			if rGood[rule] {
				t.Errorf("%s: the fixed ODT still raises %s:\n  %s", p.name, rule, summary(oGood))
			}
		}
		if oGood.Score.Value <= oBad.Score.Value {
			t.Errorf("%s: fixed ODT %s\n  not above the defective one %s", p.name, summary(oGood), summary(oBad))
		}
		t.Logf("%s (ODT from LibreOffice): %d → %d", p.name, oBad.Score.Value, oGood.Score.Value)
		if *exportPairs {
			for k, kind := range []string{"bad", "good"} {
				if err := os.WriteFile(filepath.Join(pairsDir, p.name+"-writer."+kind+".odt"), odt[i][k], 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

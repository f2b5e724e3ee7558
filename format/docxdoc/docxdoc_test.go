package docxdoc

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/wordproc"
	fx "github.com/lab110bis/focusplus/internal/fixtures"
)

func parse(t *testing.T, d fx.DOCX) *Document {
	t.Helper()
	doc, err := Load(context.Background(), "t.docx", d.Bytes(), Name, checker.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	return doc.Content.(*Document)
}

func TestHeadingLevels(t *testing.T) {
	styles := `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="Überschrift 1"/></w:style>
<w:style w:type="paragraph" w:styleId="Titre2"><w:name w:val="Titre 2"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/></w:style>
<w:style w:type="paragraph" w:styleId="Chapitre"><w:name w:val="Chapitre"/><w:basedOn w:val="Titre2"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="Not a heading"/></w:style>
<w:style w:type="paragraph" w:styleId="Loop1"><w:name w:val="Loop1"/><w:basedOn w:val="Loop2"/></w:style>
<w:style w:type="paragraph" w:styleId="Loop2"><w:name w:val="Loop2"/><w:basedOn w:val="Loop1"/></w:style>
<w:style w:type="paragraph" w:styleId="Corps"><w:name w:val="Corps"/><w:basedOn w:val="Heading3"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>`
	d := parse(t, fx.DOCX{Styles: styles, Body: fx.P("berschrift1", "a") + fx.P("Titre2", "b") + fx.P("Heading3", "c") +
		fx.P("Chapitre", "d") + fx.P("Heading1", "e") + fx.P("Loop1", "f") + fx.P("Corps", "g") +
		`<w:p><w:pPr><w:outlineLvl w:val="3"/></w:pPr><w:r><w:t>h</w:t></w:r></w:p>`})
	want := []int{1, 2, 3, 2, 0, 0, 0, 4}
	for i, p := range d.Paragraphs {
		if p.HeadingLevel != want[i] {
			t.Errorf("paragraph %q (style %q): level %d, want %d", p.Text, p.StyleName, p.HeadingLevel, want[i])
		}
	}
}

func TestThemeColours(t *testing.T) {
	for _, c := range []struct {
		rpr  string
		want RGB
	}{
		{`<w:color w:val="123456"/>`, RGB{R: 0x12, G: 0x34, B: 0x56}},
		{`<w:color w:val="000000" w:themeColor="accent1"/>`, RGB{R: 0x15, G: 0x60, B: 0x82}},
		{`<w:color w:val="000000" w:themeColor="text1"/>`, RGB{R: 0, G: 0, B: 0}},
		{`<w:color w:val="FFFFFF" w:themeColor="background1" w:themeShade="80"/>`, RGB{R: 0x80, G: 0x80, B: 0x80}},
		{`<w:color w:val="000000" w:themeColor="text1" w:themeTint="80"/>`, RGB{R: 0x7f, G: 0x7f, B: 0x7f}},
	} {
		d := parse(t, fx.DOCX{Body: `<w:p>` + fx.R(c.rpr, "x") + `</w:p>`})
		r := d.Paragraphs[0].Runs[0]
		if r.ColorAuto || r.Color != c.want {
			t.Errorf("%s: colour %v auto=%v, want %v", c.rpr, r.Color, r.ColorAuto, c.want)
		}
	}
	// settings.xml can swap text and background.
	d := parse(t, fx.DOCX{Settings: `<w:clrSchemeMapping w:bg1="dark1" w:t1="light1"/>`, Body: `<w:p>` + fx.R(`<w:color w:val="000000" w:themeColor="text1"/>`, "x") + `</w:p>`})
	if got := d.Paragraphs[0].Runs[0].Color; got != white {
		t.Errorf("mapped text1 = %v, want white", got)
	}
}

func TestShadingPatterns(t *testing.T) {
	d := parse(t, fx.DOCX{Body: `<w:p>` + fx.R(`<w:shd w:val="pct50" w:color="000000" w:fill="FFFFFF"/>`, "x") + `</w:p>` +
		`<w:p>` + fx.R(`<w:shd w:val="solid" w:color="FF0000" w:fill="FFFFFF"/>`, "x") + `</w:p>` +
		`<w:p>` + fx.R(`<w:shd w:val="clear" w:color="auto" w:fill="auto"/>`, "x") + `</w:p>`})
	if bg := d.Paragraphs[0].Runs[0].Background; bg == nil || *bg != (RGB{R: 128, G: 128, B: 128}) {
		t.Errorf("pct50 black on white = %v, want mid grey", bg)
	}
	if bg := d.Paragraphs[1].Runs[0].Background; bg == nil || *bg != (RGB{R: 255, G: 0, B: 0}) {
		t.Errorf("solid red = %v", bg)
	}
	if bg := d.Paragraphs[2].Runs[0].Background; bg != nil {
		t.Errorf("auto fill paints nothing, got %v", *bg)
	}
}

func TestStructure(t *testing.T) {
	d := parse(t, fx.DOCX{
		Title:     "Rapport",
		Numbering: `<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>`,
		Rels:      []fx.Rel{{ID: "rIdL", Type: "hyperlink", Target: "https://exemple.fr", External: true}},
		Body: fx.P("Titre1", "Introduction") +
			`<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr>` + fx.R("", "Point") + `</w:p>` +
			`<w:p><w:hyperlink r:id="rIdL">` + fx.R("", "Site de la mairie") + `</w:hyperlink></w:p>` +
			fx.Table("", true, []string{"A", "B"}, []string{"1", "2"}) +
			`<w:p>` + fx.Picture(1, `descr="Plan d'accès"`, "") + fx.Picture(2, ``, "") + `</w:p>`,
	})
	if d.Title != "Rapport" || d.Language != "fr-FR" {
		t.Errorf("title %q language %q", d.Title, d.Language)
	}
	li := d.Paragraphs[1]
	if !li.Numbered || li.NumLevel != 1 || li.NumFormat != "bullet" {
		t.Errorf("list item %+v", li)
	}
	if len(d.Links) != 1 || d.Links[0].Target != "https://exemple.fr" || d.Links[0].Text != "Site de la mairie" || !d.Links[0].External {
		t.Errorf("link %+v", d.Links)
	}
	tb := d.Tables[0]
	if len(tb.Rows) != 2 || !tb.Rows[0].Header || tb.Columns() != 2 || tb.Path != "/w:document/w:body/w:tbl[1]" {
		t.Errorf("table %+v", tb)
	}
	if p := d.Paragraphs[3]; p.Cell == nil || p.Path != "/w:document/w:body/w:tbl[1]/w:tr[1]/w:tc[1]/w:p[1]" {
		t.Errorf("cell paragraph path %q", p.Path)
	}
	v := d.ReadingView()
	var roles []string
	for _, it := range v.Items {
		s := it.Role
		if it.Missing {
			s += "!"
		}
		roles = append(roles, s)
	}
	want := "heading list-item paragraph link table row header-cell header-cell row cell cell figure figure!"
	if got := strings.Join(roles, " "); got != want {
		t.Errorf("reading view\n got %s\nwant %s", got, want)
	}
	if v.Items[0].Level != 1 || v.Items[0].Text != "Introduction" || v.Items[len(v.Items)-2].Text != "Plan d'accès" {
		t.Errorf("reading items %+v", v.Items)
	}
}

func TestHeadersFootersAndNotes(t *testing.T) {
	d := parse(t, fx.DOCX{
		Body: fx.P("", "Corps"),
		Rels: []fx.Rel{{ID: "rIdH", Type: "header", Target: "header1.xml"}, {ID: "rIdF", Type: "footnotes", Target: "footnotes.xml"}},
		Parts: map[string]string{
			"word/header1.xml":   `<w:hdr WORDNS>` + fx.P("", "Préfecture de la Loire") + `</w:hdr>`,
			"word/footnotes.xml": `<w:footnotes WORDNS><w:footnote w:id="1">` + fx.P("", "Source : INSEE") + `</w:footnote></w:footnotes>`,
		},
	})
	if len(d.Extra) != 2 {
		t.Fatalf("parts %+v", d.Extra)
	}
	texts := map[string]string{}
	for _, p := range d.Paragraphs {
		texts[p.Part] = p.Text
	}
	if texts["word/header1.xml"] != "Préfecture de la Loire" || texts["word/footnotes.xml"] != "Source : INSEE" {
		t.Errorf("texts by part %v", texts)
	}
}

// FuzzLoad feeds arbitrary bytes to the loader: it must return a document or an error,
// never panic (Load has its own recover; the fuzzer sees through it with a tight limit)
// or run away.
func FuzzLoad(f *testing.F) {
	f.Add(fx.DOCX{Body: fx.P("Titre1", "Titre") + fx.Table("", true, []string{"a", "b"}, []string{"1", "2"}), Title: "t"}.Bytes())
	f.Add(fx.DOCX{Strict: true, Body: fx.P("", "x")}.Bytes())
	f.Add(fx.OLE("EncryptionInfo"))
	f.Add(fx.OLE("WordDocument"))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	if files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "docx", "*.docx")); len(files) > 0 {
		for _, name := range files[:min(len(files), 8)] {
			if b, err := os.ReadFile(name); err == nil && len(b) < 64<<10 {
				f.Add(b)
			}
		}
	}
	lim := checker.DefaultLimits()
	lim.MaxInflated = 16 << 20
	lim.MaxElements = 200_000
	f.Add(fx.DOCX{Body: fx.P("", "x"), Parts: map[string]string{"word/charts/chart1.xml": `<c:chartSpace xmlns:c="c" xmlns:a="a"><c:ser><c:spPr><a:solidFill><a:schemeClr val="accent2"/></a:solidFill></c:spPr></c:ser><c:ser/></c:chartSpace>`}}.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		// The pictures and charts the colour check reads from the same zip.
		EmbeddedCharts(data, lim)
		EmbeddedImages(data, lim)
		doc, err := Load(context.Background(), "f.docx", data, Name, lim)
		if err != nil {
			if le, ok := err.(*checker.LoadError); ok && strings.Contains(le.Msg.En, "internal error") {
				t.Fatalf("loader panicked: %v", err)
			}
			return
		}
		if d, ok := doc.Content.(*Document); ok {
			d.ReadingView()
		}
	})
}

func TestSectionsAndPages(t *testing.T) {
	d := parse(t, fx.DOCX{Body: fx.P("", "un") + `<w:p><w:pPr><w:sectPr/></w:pPr></w:p>` + fx.P("", "deux") +
		`<w:p><w:r><w:br w:type="page"/></w:r></w:p>` + fx.P("", "trois") + `<w:sectPr/>`})
	if d.Sections != 2 || d.Pages != 2 {
		t.Errorf("sections %d pages %d, want 2 and 2", d.Sections, d.Pages)
	}
}

func TestDrawingSize(t *testing.T) {
	d := parse(t, fx.DOCX{Body: `<w:p>` + fx.PictureSized(1, 914400, 457200, ``, "") +
		`<w:r><w:pict><v:shape id="s" style="position:absolute;width:2in;height:5.08cm"><v:imagedata r:id="x"/></v:shape></w:pict></w:r></w:p>`})
	a, b := d.Drawings[0], d.Drawings[1]
	if a.Width != 72 || a.Height != 36 || a.Floating {
		t.Errorf("inline picture %vx%v floating=%v, want 72x36 inline", a.Width, a.Height, a.Floating)
	}
	if b.Width != 144 || b.Height < 143.9 || b.Height > 144.1 || !b.Floating || b.Kind != VMLImage {
		t.Errorf("VML picture %vx%v floating=%v kind %s", b.Width, b.Height, b.Floating, b.Kind)
	}
}

func TestBlanksAroundInlinePictures(t *testing.T) {
	d := parse(t, fx.DOCX{Body: `<w:p>` + fx.R("", "Voici  ") + fx.Picture(1, ``, "") + fx.R("", "  le plan.") + `</w:p>` + fx.P("", "Nom     Prénom")})
	if n := d.Paragraphs[0].MaxSpacesInARow; n != 2 {
		t.Errorf("spaces around a picture: %d in a row, want 2", n)
	}
	if n := d.Paragraphs[1].MaxSpacesInARow; n != 5 {
		t.Errorf("typed spaces: %d in a row, want 5", n)
	}
}

// TestAlignmentAndLanguage: w:jc comes from the paragraph, else its style chain, else
// the document defaults; w:lang from the run, its character style, the paragraph style
// and the defaults, in that order.
func TestAlignmentAndLanguage(t *testing.T) {
	styles := `<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/><w:lang w:val="fr-FR"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Centre"><w:name w:val="Centré"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Citation"><w:name w:val="Citation"/><w:basedOn w:val="Centre"/><w:rPr><w:lang w:val="en-GB"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Allemand"><w:name w:val="Allemand"/><w:rPr><w:lang w:val="de-DE"/></w:rPr></w:style>`
	d := parse(t, fx.DOCX{Styles: styles, Body: fx.P("", "a") +
		fx.P("Citation", "b") +
		`<w:p><w:pPr><w:pStyle w:val="Centre"/><w:jc w:val="right"/></w:pPr>` + fx.R(`<w:lang w:val="es-ES"/>`, "c") + fx.R(`<w:rStyle w:val="Allemand"/>`, "d") + `</w:p>` +
		`<w:p><w:pPr><w:jc w:val="left"/></w:pPr>` + fx.R(`<w:rStyle w:val="Allemand"/><w:lang w:val="it-IT"/>`, "e") + `</w:p>`})
	type want struct {
		align wordproc.Alignment
		langs []string
	}
	wants := []want{
		{wordproc.AlignJustify, []string{"fr-FR"}},
		{wordproc.AlignCenter, []string{"en-GB"}},
		{wordproc.AlignEnd, []string{"es-ES", "de-DE"}},
		{wordproc.AlignStart, []string{"it-IT"}},
	}
	if len(d.Paragraphs) != len(wants) {
		t.Fatalf("%d paragraphs", len(d.Paragraphs))
	}
	for i, w := range wants {
		p := d.Paragraphs[i]
		if p.Align != w.align {
			t.Errorf("paragraph %q: align %q, want %q", p.Text, p.Align, w.align)
		}
		var got []string
		for _, r := range p.Runs {
			got = append(got, r.Lang)
		}
		if strings.Join(got, ",") != strings.Join(w.langs, ",") {
			t.Errorf("paragraph %q: run languages %v, want %v", p.Text, got, w.langs)
		}
	}
	// Nothing set anywhere: no alignment, no language.
	d = parse(t, fx.DOCX{Styles: `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>`, Body: fx.P("", "x")})
	if p := d.Paragraphs[0]; p.Align != "" || p.Runs[0].Lang != "" {
		t.Errorf("unset: align %q lang %q", p.Align, p.Runs[0].Lang)
	}
}

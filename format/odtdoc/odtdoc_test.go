package odtdoc

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/wordproc"
	fx "github.com/lab110bis/focusplus/internal/fixtures"
)

func parse(t *testing.T, data []byte) *wordproc.Document {
	t.Helper()
	doc, err := Load(context.Background(), "t.odt", data, Name, checker.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	return doc.Content.(*wordproc.Document)
}

const sample = `<text:h text:style-name="Heading_20_1" text:outline-level="1">Rapport</text:h>` +
	`<text:p text:style-name="P1">Texte <text:span text:style-name="T1">gris</text:span> et <text:a xlink:href="https://example.org/">le site</text:a>.</text:p>` +
	`<text:list text:style-name="Numbering_20_123"><text:list-item><text:p>un</text:p></text:list-item><text:list-item><text:p>deux</text:p></text:list-item></text:list>` +
	`<table:table><table:table-header-rows><table:table-row><table:table-cell><text:p>Nom</text:p></table:table-cell><table:table-cell><text:p>Âge</text:p></table:table-cell></table:table-row></table:table-header-rows>` +
	`<table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>fusion</text:p></table:table-cell><table:covered-table-cell/></table:table-row></table:table>` +
	`<text:p>` + `<draw:frame draw:name="Logo" text:anchor-type="as-char"><draw:image xlink:href="Pictures/1.png"/><svg:title>Logo</svg:title><svg:desc>Logo du ministère</svg:desc></draw:frame></text:p>`

const sampleAuto = `<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:background-color="#000080"/><style:text-properties fo:color="#ffffff"/></style:style>` +
	`<style:style style:name="T1" style:family="text"><style:text-properties fo:color="#999999" fo:font-size="50%" fo:background-color="#ffff00"/></style:style>`

func TestModel(t *testing.T) {
	for name, data := range map[string][]byte{
		"odt":  fx.ODT{Title: "Rapport annuel", Language: "fr-FR", Auto: sampleAuto, Body: sample}.Bytes(),
		"fodt": fx.ODT{Title: "Rapport annuel", Language: "fr-FR", Auto: sampleAuto, Body: sample}.Flat(),
	} {
		t.Run(name, func(t *testing.T) {
			if !Sniff(data[:min(len(data), checker.SniffLen)]) {
				t.Fatal("not sniffed")
			}
			d := parse(t, data)
			if d.Title != "Rapport annuel" || d.Language != "fr-FR" {
				t.Errorf("title %q language %q", d.Title, d.Language)
			}
			h := d.Paragraphs[0]
			if h.HeadingLevel != 1 || h.StyleName != "heading 1" || h.Text != "Rapport" || h.Runs[0].HalfPts != 36 || !h.Runs[0].Bold {
				t.Errorf("heading %+v", h)
			}
			p := d.Paragraphs[1]
			if p.Text != "Texte gris et le site." || p.Shading == nil || *p.Shading != (wordproc.RGB{R: 0, G: 0, B: 0x80}) {
				t.Errorf("paragraph %q shading %v", p.Text, p.Shading)
			}
			if len(p.Runs) < 3 || p.Runs[1].Text != "gris" || p.Runs[1].Color != (wordproc.RGB{R: 0x99, G: 0x99, B: 0x99}) ||
				p.Runs[1].HalfPts != 12 || p.Runs[1].Background == nil || p.Runs[0].Color != (wordproc.RGB{R: 255, G: 255, B: 255}) {
				t.Errorf("runs %+v", p.Runs)
			}
			if len(d.Links) != 1 || d.Links[0].Text != "le site" || d.Links[0].Target != "https://example.org/" || !d.Links[0].External {
				t.Errorf("links %+v", d.Links)
			}
			if l := d.Paragraphs[2]; !l.Numbered || l.NumFormat != "decimal" || l.NumLevel != 0 {
				t.Errorf("list item %+v", l)
			}
			if len(d.Tables) != 1 || len(d.Tables[0].Rows) != 2 || !d.Tables[0].Rows[0].Header || d.Tables[0].Rows[1].Header ||
				d.Tables[0].Rows[1].Cells[0].Span() != 2 || len(d.Tables[0].Rows[1].Cells) != 1 || d.Tables[0].Columns() != 2 {
				t.Errorf("table %+v", d.Tables)
			}
			if len(d.Drawings) != 1 || d.Drawings[0].Kind != wordproc.Picture || d.Drawings[0].Alt != "Logo du ministère" || d.Drawings[0].AltTitle != "Logo" {
				t.Errorf("drawings %+v", d.Drawings)
			}
			if len(d.Body) != 6 {
				t.Errorf("%d body blocks, want 6", len(d.Body))
			}
		})
	}
}

func TestVerticalMerge(t *testing.T) {
	d := parse(t, fx.ODT{Body: `<table:table><table:table-row><table:table-cell table:number-rows-spanned="2"><text:p>a</text:p></table:table-cell><table:table-cell><text:p>b</text:p></table:table-cell></table:table-row>` +
		`<table:table-row><table:covered-table-cell/><table:table-cell><text:p>c</text:p></table:table-cell></table:table-row></table:table>`}.Bytes())
	r := d.Tables[0].Rows
	if r[0].Cells[0].VMerge != "restart" || r[1].Cells[0].VMerge != "continue" || r[1].Cells[1].Col != 1 {
		t.Errorf("rows %+v %+v", r[0].Cells[0], r[1].Cells)
	}
}

func TestDecorativeAndPageAnchor(t *testing.T) {
	d := parse(t, fx.ODT{Body: `<draw:frame draw:name="Filet" text:anchor-type="page" loext:decorative="true"><draw:image xlink:href="Pictures/2.png"/></draw:frame><text:p>x</text:p>`}.Bytes())
	if len(d.Drawings) != 1 || !d.Drawings[0].Decorative || !d.Drawings[0].Floating || d.Drawings[0].Para == nil {
		t.Errorf("drawing %+v", d.Drawings)
	}
}

func TestRefusesOtherOpenDocumentKinds(t *testing.T) {
	for _, data := range [][]byte{
		fx.ODT{Mime: "application/vnd.oasis.opendocument.spreadsheet"}.Bytes(),
		fx.ODT{Mime: "application/vnd.oasis.opendocument.presentation"}.Flat(),
	} {
		_, err := Load(context.Background(), "t", data, Name, checker.DefaultLimits())
		var le *checker.LoadError
		if err == nil || !strings.Contains(err.Error(), "OpenDocument") || !asLoadError(err, &le) || !le.Unsupported {
			t.Errorf("err %v, want an OpenDocument refusal", err)
		}
	}
}

func asLoadError(err error, le **checker.LoadError) bool {
	e, ok := err.(*checker.LoadError)
	*le = e
	return ok
}

func TestHostileLimits(t *testing.T) {
	deep := fx.ODT{Body: strings.Repeat("<text:span>", 300) + strings.Repeat("</text:span>", 300)}.Bytes()
	if _, err := Load(context.Background(), "t", deep, Name, checker.DefaultLimits()); err == nil || !strings.Contains(err.Error(), "deep") {
		t.Errorf("deep nesting: %v", err)
	}
	// The flat .fodt goes through the same guards as the parts of a package.
	bomb := fx.ODT{Body: "<text:p " + strings.Repeat(`a="1" `, 5000) + "/>"}
	for kind, data := range map[string][]byte{"odt": bomb.Bytes(), "fodt": bomb.Flat()} {
		if _, err := Load(context.Background(), "t", data, Name, checker.DefaultLimits()); err == nil || !strings.Contains(err.Error(), "attributes") {
			t.Errorf("attribute bomb (%s): %v", kind, err)
		}
	}
	lim := checker.DefaultLimits()
	lim.MaxElements = 100
	many := fx.ODT{Body: strings.Repeat("<text:p/>", 150)}.Bytes()
	if _, err := Load(context.Background(), "t", many, Name, lim); err == nil || !strings.Contains(err.Error(), "elements") {
		t.Errorf("element count: %v", err)
	}
	// Comments are not elements: a part of nothing else is bounded by its markup, and a
	// document whose deadline has passed stops at its first read.
	comments := fx.ODT{Body: "<text:p>x</text:p>" + strings.Repeat("<!---->", 300)}
	for kind, data := range map[string][]byte{"odt": comments.Bytes(), "fodt": comments.Flat()} {
		if _, err := Load(context.Background(), "t", data, Name, lim); err == nil || !strings.Contains(err.Error(), "comments") {
			t.Errorf("comment flood (%s): %v", kind, err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := Load(ctx, "t", data, Name, checker.DefaultLimits()); !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled (%s): %v, want context.Canceled", kind, err)
		}
	}
	dtd := []byte(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>`)
	if _, err := Load(context.Background(), "t", dtd, Name, checker.DefaultLimits()); err == nil {
		t.Error("a DTD was accepted")
	}
}

func FuzzLoad(f *testing.F) {
	f.Add(fx.ODT{Title: "t", Auto: sampleAuto, Body: sample}.Bytes())
	f.Add(fx.ODT{Title: "t", Auto: sampleAuto, Body: sample}.Flat())
	lim := checker.DefaultLimits()
	lim.MaxElements = 100_000
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Load(context.Background(), "fuzz.odt", data, Name, lim)
		if err != nil {
			return
		}
		d := doc.Content.(*wordproc.Document)
		_ = d.ReadingView()
		for _, p := range d.Paragraphs {
			if p.HeadingLevel < 0 || p.HeadingLevel > 9 {
				t.Fatalf("heading level %d", p.HeadingLevel)
			}
		}
	})
}

// TestAlignmentAndLanguage: fo:text-align from the paragraph's automatic style, its
// parents or the default style; the language of a run from its span, the paragraph
// style or the default style (fo:language with fo:country).
func TestAlignmentAndLanguage(t *testing.T) {
	styles := `<style:default-style style:family="paragraph"><style:paragraph-properties fo:text-align="justify"/><style:text-properties fo:font-size="12pt" fo:language="fr" fo:country="FR"/></style:default-style>` +
		`<style:style style:name="Standard" style:family="paragraph"/>` +
		`<style:style style:name="Subtitle" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center"/></style:style>` +
		`<style:style style:name="Quote_20_EN" style:display-name="Quote EN" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:language="en" fo:country="GB"/></style:style>`
	auto := `<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Subtitle"/>` +
		`<style:style style:name="P2" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="end"/></style:style>` +
		`<style:style style:name="T1" style:family="text"><style:text-properties fo:language="de" fo:country="DE"/></style:style>` +
		`<style:style style:name="T2" style:family="text"><style:text-properties fo:language="es" fo:country="none"/></style:style>`
	body := `<text:p>a</text:p><text:p text:style-name="P1">b</text:p><text:p text:style-name="Quote_20_EN">c</text:p>` +
		`<text:p text:style-name="P2">d <text:span text:style-name="T1">e</text:span> <text:span text:style-name="T2">f</text:span></text:p>`
	for name, data := range map[string][]byte{
		"odt":  fx.ODT{Title: "T", Styles: styles, Auto: auto, Body: body}.Bytes(),
		"fodt": fx.ODT{Title: "T", Styles: styles, Auto: auto, Body: body}.Flat(),
	} {
		d := parse(t, data)
		wantAlign := []wordproc.Alignment{wordproc.AlignJustify, wordproc.AlignCenter, wordproc.AlignJustify, wordproc.AlignEnd}
		wantLangs := []string{"fr-FR", "fr-FR", "en-GB", "fr-FR de-DE fr-FR es"}
		if len(d.Paragraphs) != len(wantAlign) {
			t.Fatalf("%s: %d paragraphs", name, len(d.Paragraphs))
		}
		for i, p := range d.Paragraphs {
			var langs []string
			for _, r := range p.Runs {
				langs = append(langs, r.Lang)
			}
			if p.Align != wantAlign[i] || strings.Join(langs, " ") != wantLangs[i] {
				t.Errorf("%s: paragraph %q: align %q languages %v, want %q %q", name, p.Text, p.Align, langs, wantAlign[i], wantLangs[i])
			}
		}
		if !d.Paragraphs[1].TitleStyle {
			t.Errorf("%s: automatic style under Subtitle is not a title style (style name %q)", name, d.Paragraphs[1].StyleName)
		}
	}
}

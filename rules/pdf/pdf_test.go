package pdf

import (
	"context"
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
	"github.com/lab110bis/focusplus/internal/fixtures"
)

// good is a small conforming tagged PDF: every rule that applies passes on it.
func good() fixtures.TaggedPDF {
	return fixtures.TaggedPDF{
		Title: "Annual report", Lang: "en-GB",
		Elems: []fixtures.Elem{
			{Type: "H1", HasMC: true, MCID: 0},
			{Type: "P", HasMC: true, MCID: 1},
			{Type: "Figure", Extra: "/Alt (A red bicycle against a wall)", HasMC: true, MCID: 2},
		},
		Content: fixtures.MCText("H1", 0, "Annual report") + fixtures.MCText("P", 1, "Body text.") +
			"/Figure <</MCID 2>> BDC 0 0 10 10 re f EMC\n" + fixtures.ArtifactText("1"),
	}
}

func load(t *testing.T, spec fixtures.TaggedPDF) *checker.Document {
	t.Helper()
	doc, err := pdfdoc.Load(context.Background(), "fixture.pdf", spec.Bytes(), pdfdoc.Name, checker.DefaultLimits())
	if err != nil {
		t.Fatalf("fixture does not load: %v", err)
	}
	return doc
}

// failures runs one rule and returns the PDF/UA clauses of its failures.
func failures(t *testing.T, r *checker.Rule, doc *checker.Document) []string {
	t.Helper()
	fs, _ := checker.RunRule(context.Background(), r, doc)
	var out []string
	for _, f := range fs {
		if f.Outcome == checker.Failed {
			out = append(out, strings.Join(f.Standards.PDFUA, ",")+" "+f.Message.En)
		}
	}
	return out
}

func TestGoodFixturePassesEveryRule(t *testing.T) {
	doc := load(t, good())
	for _, r := range Rules {
		if fs := failures(t, r, doc); len(fs) > 0 {
			t.Errorf("%s fails on the conforming fixture: %v", r.ID, fs)
		}
	}
}

func TestRulesFailAndPass(t *testing.T) {
	withElems := func(es ...fixtures.Elem) fixtures.TaggedPDF {
		s := good()
		s.Elems = append(s.Elems, es...)
		return s
	}
	mc := func(typ string, id int, extra string, kids ...fixtures.Elem) fixtures.Elem {
		return fixtures.Elem{Type: typ, HasMC: id >= 0, MCID: id, Extra: extra, Kids: kids}
	}
	el := func(typ, extra string, kids ...fixtures.Elem) fixtures.Elem {
		return fixtures.Elem{Type: typ, Extra: extra, Kids: kids}
	}
	cases := []struct {
		name   string
		rule   *checker.Rule
		spec   func() fixtures.TaggedPDF
		clause string // expected failing clause; "" expects no failure
	}{
		{"untagged", Tagged, func() fixtures.TaggedPDF { s := good(); s.Untagged = true; return s }, "7.1"},
		{"tagged", Tagged, good, ""},
		{"no UA identifier", UAIdentifier, func() fixtures.TaggedPDF { s := good(); s.UAPart = "-"; return s }, "5"},
		{"UA part 2", UAIdentifier, func() fixtures.TaggedPDF { s := good(); s.UAPart = "2"; return s }, "5"},
		{"no title", Title, func() fixtures.TaggedPDF { s := good(); s.Title = ""; return s }, "7.1"},
		{"title not displayed", Title, func() fixtures.TaggedPDF { s := good(); s.NoDisplayDoc = true; return s }, "7.1"},
		{"no metadata", Title, func() fixtures.TaggedPDF { s := good(); s.NoMetadata = true; return s }, "7.1"},
		{"no language", Language, func() fixtures.TaggedPDF { s := good(); s.Lang = ""; return s }, "7.2"},
		{"invalid language", Language, func() fixtures.TaggedPDF { s := good(); s.Lang = "english1234"; return s }, "7.2"},
		{"language on elements", Language, func() fixtures.TaggedPDF {
			s := good()
			s.Lang = ""
			s.Elems = []fixtures.Elem{el("Sect", "/Lang (fr-FR)", s.Elems...)}
			return s
		}, ""},
		{"untagged text", ContentTagged, func() fixtures.TaggedPDF {
			s := good()
			s.Content += "BT /F1 12 Tf 72 100 Td (stray) Tj ET\n"
			return s
		}, "7.1"},
		{"artifact inside tagged content", ContentTagged, func() fixtures.TaggedPDF {
			s := good()
			s.Content = "/P <</MCID 1>> BDC /Artifact BMC BT /F1 12 Tf (x) Tj ET EMC EMC\n"
			return s
		}, "7.1"},
		{"tagged inside artifact", ContentTagged, func() fixtures.TaggedPDF {
			s := good()
			s.Content = "/Artifact BMC /P <</MCID 1>> BDC BT /F1 12 Tf (x) Tj ET EMC EMC\n"
			return s
		}, "7.1"},
		{"content tagged", ContentTagged, good, ""},
		{"marked content the structure does not reference", ContentTagged, func() fixtures.TaggedPDF {
			s := good()
			s.Content += fixtures.MCText("P", 9, "orphan")
			return s
		}, "7.1"},
		{"unmapped type", StructureTypes, func() fixtures.TaggedPDF { return withElems(mc("Custom", -1, "")) }, "7.1"},
		{"mapped type", StructureTypes, func() fixtures.TaggedPDF {
			s := withElems(mc("Custom", -1, ""))
			s.RoleMap = map[string]string{"Custom": "P"}
			return s
		}, ""},
		{"circular role map", StructureTypes, func() fixtures.TaggedPDF {
			s := withElems(mc("A1", -1, ""))
			s.RoleMap = map[string]string{"A1": "B1", "B1": "A1"}
			return s
		}, "7.1"},
		{"remapped standard type", StructureTypes, func() fixtures.TaggedPDF {
			s := good()
			s.RoleMap = map[string]string{"P": "Span"}
			return s
		}, "7.1"},
		{"figure without alt", FigureAlt, func() fixtures.TaggedPDF { return withElems(mc("Figure", -1, "")) }, "7.3"},
		{"figure with empty alt", FigureAlt, func() fixtures.TaggedPDF { return withElems(mc("Figure", -1, "/Alt ()")) }, "7.3"},
		{"figure with actual text", FigureAlt, func() fixtures.TaggedPDF { return withElems(mc("Figure", -1, "/ActualText (x)")) }, ""},
		{"formula without alt", FormulaAlt, func() fixtures.TaggedPDF { return withElems(mc("Formula", -1, "")) }, "7.7"},
		{"formula with alt", FormulaAlt, func() fixtures.TaggedPDF { return withElems(mc("Formula", -1, "/Alt (E equals m c squared)")) }, ""},
		{"first heading H2", Headings, func() fixtures.TaggedPDF {
			s := good()
			s.Elems[0].Type = "H2"
			return s
		}, "7.4.2"},
		{"skipped heading level", Headings, func() fixtures.TaggedPDF { return withElems(mc("H3", -1, "")) }, "7.4.2"},
		{"headings in order", Headings, func() fixtures.TaggedPDF { return withElems(mc("H2", -1, ""), mc("H3", -1, ""), mc("H2", -1, "")) }, ""},
		{"H mixed with Hn", Headings, func() fixtures.TaggedPDF { return withElems(el("Sect", "", mc("H", -1, ""))) }, "7.4.4"},
		{"two H in a section", Headings, func() fixtures.TaggedPDF {
			s := good()
			s.Elems = []fixtures.Elem{el("Sect", "", mc("H", -1, ""), mc("H", -1, ""))}
			return s
		}, "7.4.4"},
		{"TD outside TR", Tables, func() fixtures.TaggedPDF { return withElems(el("Table", "", mc("TD", -1, ""))) }, "7.2"},
		{"irregular table", Tables, func() fixtures.TaggedPDF {
			return withElems(el("Table", "", el("TR", "", mc("TH", -1, ""), mc("TH", -1, "")), el("TR", "", mc("TD", -1, ""))))
		}, "7.2"},
		{"regular table", Tables, func() fixtures.TaggedPDF {
			return withElems(el("Table", "", el("TR", "", mc("TH", -1, ""), mc("TH", -1, "")), el("TR", "", mc("TD", -1, ""), mc("TD", -1, ""))))
		}, ""},
		{"headers without scope", TableHeaders, func() fixtures.TaggedPDF {
			return withElems(el("Table", "", el("TR", "", mc("TH", -1, "")), el("TR", "", mc("TD", -1, ""))))
		}, "7.5"},
		{"headers with scope", TableHeaders, func() fixtures.TaggedPDF {
			return withElems(el("Table", "", el("TR", "", mc("TH", -1, "/A << /O /Table /Scope /Column >>")), el("TR", "", mc("TD", -1, ""))))
		}, ""},
		{"headers by id", TableHeaders, func() fixtures.TaggedPDF {
			return withElems(el("Table", "", el("TR", "", mc("TH", -1, "/ID (h1)")), el("TR", "", mc("TD", -1, "/A << /O /Table /Headers [(h1)] >>"))))
		}, ""},
		{"LI outside L", Lists, func() fixtures.TaggedPDF { return withElems(mc("LI", -1, "")) }, "7.2"},
		{"list", Lists, func() fixtures.TaggedPDF {
			return withElems(el("L", "", el("LI", "", mc("Lbl", -1, ""), mc("LBody", -1, ""))))
		}, ""},
		{"TOCI outside TOC", TOC, func() fixtures.TaggedPDF { return withElems(mc("TOCI", -1, "")) }, "7.2"},
		{"TOC", TOC, func() fixtures.TaggedPDF { return withElems(el("TOC", "", mc("TOCI", -1, ""))) }, ""},
		{"note without ID", Notes, func() fixtures.TaggedPDF { return withElems(mc("Note", -1, "")) }, "7.9"},
		{"notes with the same ID", Notes, func() fixtures.TaggedPDF { return withElems(mc("Note", -1, "/ID (n1)"), mc("Note", -1, "/ID (n1)")) }, "7.9"},
		{"note with ID", Notes, func() fixtures.TaggedPDF { return withElems(mc("Note", -1, "/ID (n1)")) }, ""},
		{"annotation outside Annot", Annotations, func() fixtures.TaggedPDF {
			s := good()
			s.Annots = []string{"/Subtype /Text /Rect [10 10 20 20] /Contents (Remark)"}
			return s
		}, "7.18.1"},
		{"annotation without description", Annotations, func() fixtures.TaggedPDF {
			s := withElems(fixtures.Elem{Type: "Annot", Annot: 1})
			s.Annots = []string{"/Subtype /Text /Rect [10 10 20 20]"}
			return s
		}, "7.18.1"},
		{"annotation tagged and described", Annotations, func() fixtures.TaggedPDF {
			s := withElems(fixtures.Elem{Type: "Annot", Annot: 1})
			s.Annots = []string{"/Subtype /Text /Rect [10 10 20 20] /Contents (Remark)"}
			return s
		}, ""},
		{"TrapNet annotation", Annotations, func() fixtures.TaggedPDF {
			s := good()
			s.Annots = []string{"/Subtype /TrapNet /Rect [10 10 20 20]"}
			return s
		}, "7.18.2"},
		{"annotation beyond the crop box edge", Annotations, func() fixtures.TaggedPDF {
			s := good()
			s.Annots = []string{"/Subtype /Text /Rect [612 10 700 20]"}
			return s
		}, ""},
		{"annotation overlapping the crop box edge", Annotations, func() fixtures.TaggedPDF {
			s := good()
			s.Annots = []string{"/Subtype /Text /Rect [611 10 700 20]"}
			return s
		}, "7.18.1"},
		{"popup without description", Annotations, func() fixtures.TaggedPDF {
			s := withElems(fixtures.Elem{Type: "Annot", Annot: 1})
			s.Annots = []string{"/Subtype /Popup /Rect [10 10 20 20]"}
			return s
		}, "7.18.1"},
		{"hidden annotation", Annotations, func() fixtures.TaggedPDF {
			s := good()
			s.Annots = []string{"/Subtype /Text /Rect [10 10 20 20] /F 2"}
			return s
		}, ""},
		{"link without description: PDF-LINKS's finding, not a second one here", Annotations, func() fixtures.TaggedPDF {
			s := withElems(fixtures.Elem{Type: "Link", Annot: 1})
			s.Annots = []string{"/Subtype /Link /Rect [10 10 20 20]"}
			return s
		}, ""},
		{"link outside Link", Links, func() fixtures.TaggedPDF {
			s := good()
			s.Annots = []string{"/Subtype /Link /Rect [10 10 20 20] /Contents (Home page)"}
			return s
		}, "7.18.5"},
		{"link without Contents", Links, func() fixtures.TaggedPDF {
			s := withElems(fixtures.Elem{Type: "Link", Annot: 1})
			s.Annots = []string{"/Subtype /Link /Rect [10 10 20 20]"}
			return s
		}, "7.18.5"},
		{"link", Links, func() fixtures.TaggedPDF {
			s := withElems(fixtures.Elem{Type: "Link", Annot: 1})
			s.Annots = []string{"/Subtype /Link /Rect [10 10 20 20] /Contents (Home page)"}
			return s
		}, ""},
		{"widget outside Form", Forms, func() fixtures.TaggedPDF {
			s := good()
			s.Annots = []string{"/Subtype /Widget /FT /Tx /T (name) /TU (Your name) /Rect [10 10 20 20]"}
			return s
		}, "7.18.4"},
		{"Form tag holding a label and its field", Forms, func() fixtures.TaggedPDF {
			s := withElems(fixtures.Elem{Type: "Form", Annot: 1, HasMC: true, MCID: 3})
			s.Annots = []string{"/Subtype /Widget /FT /Tx /T (name) /TU (Your name) /Rect [10 10 20 20]"}
			s.Content += fixtures.MCText("Form", 3, "Name:")
			return s
		}, "7.18.4"},
		{"widget in Form", Forms, func() fixtures.TaggedPDF {
			s := withElems(fixtures.Elem{Type: "Form", Annot: 1})
			s.Annots = []string{"/Subtype /Widget /FT /Tx /T (name) /TU (Your name) /Rect [10 10 20 20]"}
			return s
		}, ""},
		{"widget without name", FormNames, func() fixtures.TaggedPDF {
			s := withElems(fixtures.Elem{Type: "Form", Annot: 1})
			s.Annots = []string{"/Subtype /Widget /FT /Tx /T (name) /Rect [10 10 20 20]"}
			return s
		}, "7.18.1"},
		{"tab order not structure", TabOrder, func() fixtures.TaggedPDF {
			s := withElems(fixtures.Elem{Type: "Link", Annot: 1})
			s.Annots = []string{"/Subtype /Link /Rect [10 10 20 20] /Contents (Home page)"}
			s.Tabs = "R"
			return s
		}, "7.18.3"},
		{"tab order structure", TabOrder, func() fixtures.TaggedPDF {
			s := withElems(fixtures.Elem{Type: "Link", Annot: 1})
			s.Annots = []string{"/Subtype /Link /Rect [10 10 20 20] /Contents (Home page)"}
			return s
		}, ""},
		{"media clip without CT", Media, func() fixtures.TaggedPDF {
			s := withElems(fixtures.Elem{Type: "Annot", Annot: 1})
			s.Annots = []string{"/Subtype /Screen /Contents (Video) /Rect [10 10 20 20] /A << /S /Rendition /R << /S /MR /C << /Type /MediaClip /S /MCD /Alt [() (A video)] >> >> >>"}
			return s
		}, "7.18.6.2"},
		{"media clip", Media, func() fixtures.TaggedPDF {
			s := withElems(fixtures.Elem{Type: "Annot", Annot: 1})
			s.Annots = []string{"/Subtype /Screen /Contents (Video) /Rect [10 10 20 20] /A << /S /Rendition /R << /S /MR /C << /Type /MediaClip /S /MCD /CT (video/mp4) /Alt [() (A video)] >> >> >>"}
			return s
		}, ""},
		{"embedded file without UF", EmbeddedFiles, func() fixtures.TaggedPDF {
			s := good()
			s.Objects = []fixtures.Obj{{IsStream: true, Dict: "/Type /EmbeddedFile", Stream: "data"}, {Dict: "<< /Type /Filespec /F (data.csv) /EF << /F #1# >> >>"}}
			s.Extra = "/Names << /EmbeddedFiles << /Names [(data.csv) #2#] >> >>"
			return s
		}, "7.11"},
		{"embedded file", EmbeddedFiles, func() fixtures.TaggedPDF {
			s := good()
			s.Objects = []fixtures.Obj{{IsStream: true, Dict: "/Type /EmbeddedFile", Stream: "data"}, {Dict: "<< /Type /Filespec /F (data.csv) /UF (data.csv) /EF << /F #1# >> >>"}}
			s.Extra = "/Names << /EmbeddedFiles << /Names [(data.csv) #2#] >> >>"
			return s
		}, ""},
		{"unnamed layer configuration", OptionalContent, func() fixtures.TaggedPDF {
			s := good()
			s.Objects = []fixtures.Obj{{Dict: "<< /Type /OCG /Name (Layer) >>"}}
			s.Extra = "/OCProperties << /OCGs [#1#] /D << /Order [#1#] >> >>"
			return s
		}, "7.10"},
		{"layer configuration with AS", OptionalContent, func() fixtures.TaggedPDF {
			s := good()
			s.Objects = []fixtures.Obj{{Dict: "<< /Type /OCG /Name (Layer) >>"}}
			s.Extra = "/OCProperties << /OCGs [#1#] /D << /Name (Default) /AS [<< /Event /View /Category [/View] /OCGs [#1#] >>] >> >>"
			return s
		}, "7.10"},
		{"named layer configuration", OptionalContent, func() fixtures.TaggedPDF {
			s := good()
			s.Objects = []fixtures.Obj{{Dict: "<< /Type /OCG /Name (Layer) >>"}}
			s.Extra = "/OCProperties << /OCGs [#1#] /D << /Name (Default) >> >>"
			return s
		}, ""},
		{"tagged form XObject painted twice", XObjects, func() fixtures.TaggedPDF {
			s := good()
			s.Objects = []fixtures.Obj{{IsStream: true, Dict: "/Type /XObject /Subtype /Form /BBox [0 0 10 10]", Stream: "/P <</MCID 1>> BDC 0 0 5 5 re f EMC"}}
			s.XObjects = map[string]string{"X1": "#1#"}
			s.Content += "/Artifact BMC /X1 Do /X1 Do EMC\n"
			return s
		}, "7.20"},
		{"reference XObject", XObjects, func() fixtures.TaggedPDF {
			s := good()
			s.Objects = []fixtures.Obj{{IsStream: true, Dict: "/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Ref << /F (other.pdf) /Page 0 >>", Stream: "0 0 5 5 re f"}}
			s.XObjects = map[string]string{"X1": "#1#"}
			s.Content += "/Artifact BMC /X1 Do EMC\n"
			return s
		}, "7.20"},
		{"form XObject painted once", XObjects, func() fixtures.TaggedPDF {
			s := good()
			s.Objects = []fixtures.Obj{{IsStream: true, Dict: "/Type /XObject /Subtype /Form /BBox [0 0 10 10]", Stream: "0 0 5 5 re f"}}
			s.XObjects = map[string]string{"X1": "#1#"}
			s.Content += "/Artifact BMC /X1 Do EMC\n"
			return s
		}, ""},
		{"dynamic XFA", XFA, func() fixtures.TaggedPDF {
			s := good()
			s.Objects = []fixtures.Obj{{IsStream: true, Stream: "<xdp:xdp><config><acrobat><acrobat7><dynamicRender>required</dynamicRender></acrobat7></acrobat></config></xdp:xdp>"}}
			s.Extra = "/AcroForm << /Fields [] /XFA #1# >>"
			return s
		}, "7.15"},
		{"static form", XFA, func() fixtures.TaggedPDF {
			s := good()
			s.Extra = "/AcroForm << /Fields [] >>"
			return s
		}, ""},
		{"font not embedded", Fonts, func() fixtures.TaggedPDF {
			s := good()
			s.Font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
			return s
		}, "7.21.4.1"},
		{"symbolic TrueType with encoding", Fonts, func() fixtures.TaggedPDF {
			s := good()
			s.Objects = []fixtures.Obj{{IsStream: true, Stream: "TTF0"}, {Dict: "<< /Type /FontDescriptor /FontName /Sym /Flags 4 /FontFile2 #1# >>"}}
			s.Font = "<< /Type /Font /Subtype /TrueType /BaseFont /Sym /Encoding /WinAnsiEncoding /FontDescriptor #2# >>"
			return s
		}, "7.21.6"},
		{"bad ToUnicode values", Fonts, func() fixtures.TaggedPDF {
			s := good()
			s.Objects = []fixtures.Obj{{IsStream: true, Stream: "TTF0"}, {Dict: "<< /Type /FontDescriptor /FontName /Fx /Flags 32 /FontFile2 #1# >>"},
				{IsStream: true, Stream: "begincmap 1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar <41> <FFFE> endbfchar endcmap"}}
			s.Font = "<< /Type /Font /Subtype /TrueType /BaseFont /Fx /Encoding /WinAnsiEncoding /FontDescriptor #2# /ToUnicode #3# >>"
			s.Content = fixtures.MCText("H1", 0, "AB")
			return s
		}, "7.21.7"},
		{"embedded fonts", Fonts, good, ""},
		{"font of a field appearance not embedded", Fonts, func() fixtures.TaggedPDF {
			s := withElems(fixtures.Elem{Type: "Form", Annot: 1})
			s.Objects = []fixtures.Obj{{Dict: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"},
				{IsStream: true, Dict: "/Type /XObject /Subtype /Form /BBox [0 0 100 20] /Resources << /Font << /Helv #1# >> >>", Stream: "/Tx BMC BT /Helv 10 Tf 2 5 Td (Jane) Tj ET EMC"}}
			s.Annots = []string{"/Subtype /Widget /FT /Tx /T (name) /TU (Your name) /Rect [10 10 110 30] /AP << /N #2# >>"}
			return s
		}, "7.21.4.1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := failures(t, c.rule, load(t, c.spec()))
			if c.clause == "" {
				if len(fs) > 0 {
					t.Errorf("%s: unexpected failures %v", c.rule.ID, fs)
				}
				return
			}
			for _, f := range fs {
				for _, cl := range strings.Split(strings.Fields(f)[0], ",") {
					if cl == c.clause {
						return
					}
				}
			}
			t.Errorf("%s: want a failure naming %s, got %v", c.rule.ID, c.clause, fs)
		})
	}
}

func TestAccessPermission(t *testing.T) {
	mk := func(p int64) *checker.Document {
		return &checker.Document{Format: pdfdoc.Name, Content: &pdfdoc.Doc{Encrypted: true, HasP: true, P: p}}
	}
	if fs := failures(t, AccessPermission, mk(-4)); len(fs) != 0 {
		t.Errorf("all permissions: %v", fs)
	}
	if fs := failures(t, AccessPermission, mk(-4&^512)); len(fs) != 1 {
		t.Errorf("bit 10 clear: want one failure, got %v", fs)
	}
}

func TestBookmarksForLongDocuments(t *testing.T) {
	s := good()
	s.Pages = 25
	if fs := failures(t, Bookmarks, load(t, s)); len(fs) != 1 {
		t.Errorf("25 pages without bookmarks: want one failure, got %v", fs)
	}
	s.Outlines = true
	if fs := failures(t, Bookmarks, load(t, s)); len(fs) != 0 {
		t.Errorf("25 pages with bookmarks: %v", fs)
	}
}

func TestAltQuality(t *testing.T) {
	for alt, poor := range map[string]bool{
		"IMG_2041.jpg": true, "image": true, "Picture 3": true, "photo.png": true, "DSC01234": true,
		"A red bicycle against a wall": false, "Chart of sales by region, 2024": false,
	} {
		if got := PoorAlt(alt) != ""; got != poor {
			t.Errorf("PoorAlt(%q) = %v, want %v", alt, got, poor)
		}
	}
	s := good()
	s.Elems[2].Extra = "/Alt (IMG_2041.jpg)"
	fs, _ := checker.RunRule(context.Background(), AltQuality, load(t, s))
	if len(fs) != 1 || fs[0].Outcome != checker.Failed {
		t.Errorf("file name as alt: want one failure, got %v", fs)
	}
}

func TestValidLang(t *testing.T) {
	for l, ok := range map[string]bool{"en": true, "fr-FR": true, "pt-1234abcd": true, "portugue": true,
		"": false, "portugues": false, "1en": false, "en-": false, "пт": false} {
		if ValidLang(l) != ok {
			t.Errorf("ValidLang(%q) = %v", l, !ok)
		}
	}
}

func TestOneWidgetPerFormTag(t *testing.T) {
	s := good()
	s.Elems = append(s.Elems, fixtures.Elem{Type: "Div", Kids: []fixtures.Elem{{Type: "Form", Annot: 1}}})
	s.Annots = []string{"/Subtype /Widget /FT /Tx /T (a) /TU (First name) /Rect [10 10 20 20]", "/Subtype /Widget /FT /Tx /T (b) /TU (Last name) /Rect [30 10 40 20]"}
	// Two widgets in one Form tag: build it by hand, the fixture gives one OBJR per element.
	doc := load(t, s)
	m := doc.Content.(*pdfdoc.Doc)
	var form *pdfdoc.Elem
	for _, e := range m.Elems {
		if e.Type == "Form" && len(e.Nodes) > 0 && e.Nodes[0].ObjNum != 0 {
			form = e
		}
	}
	if form == nil {
		t.Fatal("no Form with a widget")
	}
	if fs := failures(t, Forms, doc); len(fs) != 1 {
		t.Fatalf("the second widget is outside a Form tag: want one failure, got %v", fs)
	}
	form.Nodes = append(form.Nodes, pdfdoc.Node{MCID: -1, ObjNum: m.Pages[0].Annots[1].ObjNum})
	m.Pages[0].Annots[1].Parent = form
	if fs := failures(t, Forms, doc); len(fs) != 1 || !strings.Contains(fs[0], "2 children, 2 of them") {
		t.Errorf("two widgets in one Form tag: %v", fs)
	}
	form.Role = "rb"
	if fs := failures(t, Forms, doc); len(fs) != 0 {
		t.Errorf("a printed field with a Role may hold several: %v", fs)
	}
}

// PDF/UA-only requirements keep their clause and name no WCAG criterion: a reader meets
// no barrier (the link's visible text is read, the Info title is shown).
func TestPDFUAOnlyFindings(t *testing.T) {
	standardsOf := func(r *checker.Rule, s fixtures.TaggedPDF) []checker.Standards {
		fs, _ := checker.RunRule(context.Background(), r, load(t, s))
		var out []checker.Standards
		for _, f := range fs {
			if f.Outcome == checker.Failed {
				out = append(out, f.Standards)
			}
		}
		return out
	}
	s := good()
	s.Elems = append(s.Elems, fixtures.Elem{Type: "Link", Annot: 1})
	s.Annots = []string{"/Subtype /Link /Rect [10 10 20 20]"}
	if got := standardsOf(Links, s); len(got) != 1 || len(got[0].WCAG) != 0 || len(got[0].PDFUA) == 0 {
		t.Errorf("link without Contents: want one PDF/UA-only failure, got %+v", got)
	}
	s = good()
	s.NoMetadata, s.InfoTitle = true, "Annual report"
	if got := standardsOf(Title, s); len(got) != 1 || len(got[0].WCAG) != 0 || got[0].PDFUA[0] != "7.1" {
		t.Errorf("Info title without XMP: want one PDF/UA-only failure, got %+v", got)
	}
	s.InfoTitle = ""
	if got := standardsOf(Title, s); len(got) != 1 || len(got[0].WCAG) == 0 {
		t.Errorf("no title anywhere: want a WCAG failure, got %+v", got)
	}
	// No title and no DisplayDocTitle: one defect for a reader (the missing title, a WCAG
	// warning), and the display setting a PDF/UA requirement only.
	s.NoDisplayDoc = true
	if got := standardsOf(Title, s); len(got) != 2 || len(got[0].WCAG) == 0 || len(got[1].WCAG) != 0 {
		t.Errorf("no title, not displayed: want one WCAG failure and one PDF/UA-only, got %+v", got)
	}
	s.InfoTitle = "Annual report"
	if got := standardsOf(Title, s); len(got) != 2 || len(got[0].WCAG) != 0 || len(got[1].WCAG) == 0 {
		t.Errorf("a title not displayed: want the XMP failure PDF/UA-only and DisplayDocTitle under WCAG 2.4.2, got %+v", got)
	}
	uaOnly := func(what string, r *checker.Rule, s fixtures.TaggedPDF, clause string) {
		t.Helper()
		fs, _ := checker.RunRule(context.Background(), r, load(t, s))
		n := 0
		for _, f := range fs {
			if f.Outcome != checker.Failed {
				continue
			}
			n++
			if len(f.Standards.WCAG)+len(f.Standards.RGAA)+len(f.Standards.EN301549) != 0 || f.Standards.PDFUA[0] != clause || f.Severity != checker.Warning {
				t.Errorf("%s: want a PDF/UA-only warning under %s, got %s %+v", what, clause, f.Severity, f.Standards)
			}
		}
		if n == 0 {
			t.Errorf("%s: no failure", what)
		}
	}
	s = good()
	s.Tabs = "R"
	s.Elems = append(s.Elems, fixtures.Elem{Type: "Link", Annot: 1})
	s.Annots = []string{"/Subtype /Link /Rect [10 10 20 20] /Contents (Home)"}
	uaOnly("Tabs not S", TabOrder, s, "7.18.3")
	s = good()
	s.Elems = append(s.Elems, fixtures.Elem{Type: "Note"})
	uaOnly("note without ID", Notes, s, "7.9")
	s = good()
	s.Font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
	uaOnly("a font not embedded", Fonts, s, "7.21.4.1")
	s = good()
	s.Content += "0 0 m 100 100 l S\n"
	uaOnly("an untagged line", ContentTagged, s, "7.1")
	s = good()
	s.Content += "BT /F1 12 Tf 72 100 Td (stray) Tj ET\n"
	if got := standardsOf(ContentTagged, s); len(got) != 1 || len(got[0].WCAG) == 0 {
		t.Errorf("untagged text: want a WCAG failure (screen readers skip it), got %+v", got)
	}
}

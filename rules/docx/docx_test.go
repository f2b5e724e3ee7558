package docx

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/docxdoc"
	"github.com/lab110bis/focusplus/format/wordproc"
	fx "github.com/lab110bis/focusplus/internal/fixtures"
)

func load(t *testing.T, d fx.DOCX) *checker.Document {
	t.Helper()
	data := d.Bytes()
	doc, err := docxdoc.Load(context.Background(), "test.docx", data, docxdoc.Name, checker.DefaultLimits())
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	doc.Source, doc.Limits = data, checker.DefaultLimits() // as the engine sets them
	return doc
}

type ruleCase struct {
	name string
	rule *checker.Rule
	doc  fx.DOCX
	want checker.Outcome
	// contains, when set, must appear in the English message of the first finding.
	contains string
}

// body wraps body XML in a titled, French document, so only the rule under test fails.
func body(xml string) fx.DOCX { return fx.DOCX{Body: xml, Title: "Rapport"} }

var picRel = []fx.Rel{{ID: "rIdImg", Type: "image", Target: "media/image1.png"}}

func withRels(d fx.DOCX, rels ...fx.Rel) fx.DOCX { d.Rels = append(d.Rels, rels...); return d }

// intro is running text that opens a document, so what follows is past its title page.
var intro = fx.P("", "Ce rapport présente l'activité du service au cours de l'année, ses résultats et ses projets.") +
	fx.P("", "Il a été préparé par les équipes de l'accueil avec les usagers qui ont répondu à l'enquête.")

// French running text, and passages in French and English long enough to be judged.
var (
	frReport = fx.P("", "Ce rapport présente l'activité du service au cours de l'année, ses résultats et ses projets pour les années qui viennent.") +
		fx.P("", "Les équipes de l'accueil ont reçu plus de douze mille usagers et ont traité leurs demandes dans un délai moyen de quinze jours.") +
		fx.P("", "Nous remercions les usagers qui ont répondu à l'enquête de satisfaction.")
	frPassage = "Les demandes sont traitées dans un délai de quinze jours ouvrés après la réception du dossier complet par le service instructeur."
	enPassage = "The office answers every request within fifteen working days after the complete application has been received by the department."
)

// withLang gives the document the default language lang instead of fr-FR.
func withLang(d fx.DOCX, lang string) fx.DOCX {
	d.Styles = strings.Replace(fx.DefaultStyles, `<w:lang w:val="fr-FR"/>`, `<w:lang w:val="`+lang+`"/>`, 1)
	return d
}

// centredBold is a centred paragraph of bold text in the given size (half-points).
func centredBold(text string, halfPts int) string {
	return `<w:p><w:pPr><w:jc w:val="center"/></w:pPr>` + fx.R(`<w:b/><w:sz w:val="`+itoa(halfPts)+`"/>`, text) + `</w:p>`
}

func TestRules(t *testing.T) {
	long := fx.Paragraphs(50)
	cases := []ruleCase{
		// Title and language
		{"title present", Title, body(fx.P("", "Bonjour")), checker.Passed, ""},
		{"title missing", Title, fx.DOCX{Body: fx.P("", "Bonjour")}, checker.Failed, "no title"},
		{"language in defaults", Language, body(fx.P("", "x")), checker.Passed, ""},
		{"language missing", Language, fx.DOCX{Title: "T", Body: fx.P("", "x"), Styles: `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>`}, checker.Failed, "no default language"},
		{"language from settings", Language, fx.DOCX{Title: "T", Body: fx.P("", "x"), Styles: `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>`, Settings: `<w:themeFontLang w:val="fr-FR"/>`}, checker.Passed, ""},
		{"language invalid", Language, fx.DOCX{Title: "T", Body: fx.P("", "x"), Styles: `<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="French!"/></w:rPr></w:rPrDefault></w:docDefaults>`}, checker.Failed, "not a valid"},

		// Declared language against the language of the text
		{"French text declared French", LanguageMatch, body(frReport), checker.Passed, ""},
		{"French text declared en-US", LanguageMatch, withLang(body(frReport), "en-US"), checker.Failed, `declares the language "en-US" but its text is written in French`},
		{"short French text declared en-US: review", LanguageMatch, withLang(body(fx.P("", "Le dossier complet est à rendre avant le 15 mars.")), "en-US"), checker.Review, "short text"},
		{"labels only: not judged", LanguageMatch, withLang(body(fx.P("", "Nom")+fx.P("", "Prénom")+fx.P("", "Date de naissance")), "en-US"), checker.NotApplicable, ""},
		{"template code is not English", LanguageMatch, body(fx.P("", "Programme de {% for lot in lots %}{{ lot.nb_logements }} logements {% endfor %} situés à {{ commune }}, dont les travaux commencent au printemps et finissent avant la fin de l'année prochaine.")), checker.Passed, ""},
		{"English passage without its language", LanguageMatch, body(frReport + fx.P("", enPassage)), checker.Failed, "is declared \"fr-FR\" but is written in English"},
		{"English passage with its language", LanguageMatch, body(frReport + `<w:p>` + fx.R(`<w:lang w:val="en-GB"/>`, enPassage) + `</w:p>`), checker.Passed, ""},
		{"French passage declared English", LanguageMatch, body(frReport + `<w:p>` + fx.R(`<w:lang w:val="en-US"/>`, frPassage) + `</w:p>`), checker.Failed, "is declared \"en-US\" but is written in French"},
		{"bilingual form under one language", LanguageMatch, withLang(body(fx.P("", frPassage)+fx.P("", enPassage)+fx.P("", frPassage)+fx.P("", enPassage)), "en-US"), checker.Failed, "is declared \"en-US\" but is written in French"},
		{"most text declares its own language, the rest takes a wrong default", LanguageMatch, withLang(body(`<w:p>`+fx.R(`<w:lang w:val="fr-FR"/>`, frPassage+" "+frPassage+" "+frPassage)+`</w:p>`+frReport), "en-US"), checker.Failed, "most of the text declares its own language"},
		{"invalid default is DOCX-LANGUAGE's", LanguageMatch, withLang(body(frReport), "x-none"), checker.NotApplicable, ""},

		// Alternative text
		{"picture with alt", ImageAlt, withRels(body(`<w:p>`+fx.Picture(1, `descr="Carte des 12 agences régionales"`, "")+`</w:p>`), picRel...), checker.Passed, ""},
		{"picture without alt", ImageAlt, withRels(body(`<w:p>`+fx.Picture(1, ``, "")+`</w:p>`), picRel...), checker.Failed, "picture has no alternative text"},
		{"decorative picture", ImageAlt, withRels(body(`<w:p>`+fx.Picture(1, ``, fx.DecorativeExt)+`</w:p>`), picRel...), checker.NotApplicable, ""},
		{"chart without alt", ImageAlt, body(`<w:p><w:r><w:drawing><wp:inline><wp:docPr id="3" name="Graphique 3"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"/></a:graphic></wp:inline></w:drawing></w:r></w:p>`), checker.Failed, "chart"},
		{"smartart without alt", ImageAlt, body(`<w:p><w:r><w:drawing><wp:inline><wp:docPr id="3" name="Diagramme 3"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram"/></a:graphic></wp:inline></w:drawing></w:r></w:p>`), checker.Failed, "SmartArt"},
		{"shape without text: review", ImageAlt, body(`<w:p><w:r><w:drawing><wp:anchor><wp:docPr id="4" name="Flèche 4"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp/></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>`), checker.Review, "shape"},
		{"VML image without alt", ImageAlt, withRels(body(`<w:p><w:r><w:pict><v:shape id="_x0000_i1025" style="width:100pt;height:50pt"><v:imagedata r:id="rIdImg" o:title=""/></v:shape></w:pict></w:r></w:p>`), picRel...), checker.Failed, "VML"},
		{"VML image with alt", ImageAlt, withRels(body(`<w:p><w:r><w:pict><v:shape id="s1" alt="Logo de la préfecture"><v:imagedata r:id="rIdImg"/></v:shape></w:pict></w:r></w:p>`), picRel...), checker.Passed, ""},
		{"mc:Fallback not counted twice", ImageAlt, withRels(body(`<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps">`+strings.TrimSuffix(strings.TrimPrefix(fx.Picture(1, `descr="Plan du site"`, ""), "<w:r>"), "</w:r>")+`</mc:Choice><mc:Fallback><w:pict><v:shape id="s1"><v:imagedata r:id="rIdImg"/></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`), picRel...), checker.Passed, ""},

		// Alternative text quality
		{"alt is a file name", AltQuality, withRels(body(`<w:p>`+fx.Picture(1, `descr="IMG_2041.JPG"`, "")+`</w:p>`), picRel...), checker.Failed, "file name"},
		{"alt is generic", AltQuality, withRels(body(`<w:p>`+fx.Picture(1, `descr="image"`, "")+`</w:p>`), picRel...), checker.Failed, "generic"},
		{"alt auto-generated (en)", AltQuality, withRels(body(`<w:p>`+fx.Picture(1, `descr="A picture containing text&#10;&#10;Description automatically generated"`, "")+`</w:p>`), picRel...), checker.Failed, "automatically"},
		{"alt auto-generated (fr)", AltQuality, withRels(body(`<w:p>`+fx.Picture(1, `descr="Une image contenant texte, capture d’écran&#10;&#10;Description générée automatiquement"`, "")+`</w:p>`), picRel...), checker.Failed, "automatically"},
		{"alt very long: review", AltQuality, withRels(body(`<w:p>`+fx.Picture(1, `descr="`+strings.Repeat("Une description détaillée. ", 12)+`"`, "")+`</w:p>`), picRel...), checker.Review, "characters long"},
		{"alt meaningful", AltQuality, withRels(body(`<w:p>`+fx.Picture(1, `descr="Courbe du chômage 2015-2025 : baisse de 10 % à 7 %"`, "")+`</w:p>`), picRel...), checker.Passed, ""},

		// Contrast
		{"black on white", Contrast, body(`<w:p>` + fx.R(`<w:color w:val="000000"/>`, "Texte noir") + `</w:p>`), checker.Passed, ""},
		{"light grey on white", Contrast, body(`<w:p>` + fx.R(`<w:color w:val="AAAAAA"/>`, "Texte gris clair") + `</w:p>`), checker.Failed, "#aaaaaa on #ffffff"},
		{"grey large text passes at 3:1", Contrast, body(`<w:p>` + fx.R(`<w:color w:val="888888"/><w:sz w:val="36"/>`, "Grand texte") + `</w:p>`), checker.Passed, ""},
		{"grey small bold fails", Contrast, body(`<w:p>` + fx.R(`<w:color w:val="888888"/><w:b/><w:sz w:val="24"/>`, "Petit gras") + `</w:p>`), checker.Failed, "needs 4.5:1"},
		{"white on theme accent shaded 50%", Contrast, body(`<w:p>` + fx.R(`<w:color w:val="FFFFFF"/><w:shd w:val="clear" w:color="auto" w:fill="156082"/>`, "Blanc sur bleu") + `</w:p>`), checker.Passed, ""},
		{"theme colour with tint on white", Contrast, body(`<w:p>` + fx.R(`<w:color w:val="156082" w:themeColor="accent1" w:themeTint="66"/>`, "Bleu très clair") + `</w:p>`), checker.Failed, "on #ffffff"},
		{"theme colour with shade on white", Contrast, body(`<w:p>` + fx.R(`<w:color w:val="E97132" w:themeColor="accent2" w:themeShade="80"/>`, "Orange foncé") + `</w:p>`), checker.Passed, ""},
		{"yellow highlight under white text", Contrast, body(`<w:p>` + fx.R(`<w:color w:val="FFFFFF"/><w:highlight w:val="yellow"/>`, "Surligné") + `</w:p>`), checker.Failed, "on #ffff00"},
		{"paragraph shading", Contrast, body(`<w:p><w:pPr><w:shd w:val="clear" w:color="auto" w:fill="000080"/></w:pPr>` + fx.R(`<w:color w:val="404040"/>`, "Gris sur bleu marine") + `</w:p>`), checker.Failed, "on #000080"},
		{"cell shading", Contrast, body(`<w:tbl><w:tr><w:tc><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="333333"/></w:tcPr><w:p>` + fx.R(`<w:color w:val="FFFFFF"/>`, "Blanc sur gris foncé") + `</w:p></w:tc></w:tr></w:tbl>`), checker.Passed, ""},
		{"table shading behind cell", Contrast, body(`<w:tbl><w:tblPr><w:shd w:val="clear" w:color="auto" w:fill="FFCC00"/></w:tblPr><w:tr><w:tc><w:p>` + fx.R(`<w:color w:val="FFFFFF"/>`, "Blanc sur jaune") + `</w:p></w:tc></w:tr></w:tbl>`), checker.Failed, "on #ffcc00"},
		{"page background", Contrast, fx.DOCX{Title: "T", Before: `<w:background w:color="1F1F1F"/>`, Body: `<w:p>` + fx.R(`<w:color w:val="303030"/>`, "Gris sur noir") + `</w:p>`}, checker.Failed, "on #1f1f1f"},
		{"colour from style", Contrast, fx.DOCX{Title: "T", Styles: fx.DefaultStyles + `<w:style w:type="paragraph" w:styleId="Pale"><w:name w:val="Pale"/><w:basedOn w:val="Normal"/><w:rPr><w:color w:val="C0C0C0"/></w:rPr></w:style>`, Body: fx.P("Pale", "Texte pâle")}, checker.Failed, "#c0c0c0"},
		{"auto colour never fails", Contrast, body(`<w:p><w:pPr><w:shd w:val="clear" w:color="auto" w:fill="000000"/></w:pPr>` + fx.R(`<w:color w:val="auto"/>`, "Automatique") + `</w:p>`), checker.NotApplicable, ""},
		{"text box background unknown: review", Contrast, body(`<w:p><w:r><w:drawing><wp:anchor><wp:docPr id="1" name="Zone de texte 1"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent><w:p>` + fx.R(`<w:color w:val="FFFFFF"/>`, "Blanc dans une forme") + `</w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>`), checker.Review, "check it by eye"},

		{"white text in a dark text box", Contrast, body(textBox(`<a:solidFill><a:srgbClr val="1F3864"/></a:solidFill>`, fx.R(`<w:color w:val="FFFFFF"/>`, "Blanc sur bleu nuit"))), checker.Passed, ""},
		{"white text in a pale theme text box", Contrast, body(textBox(`<a:solidFill><a:schemeClr val="accent1"><a:lumMod val="20000"/><a:lumOff val="80000"/></a:schemeClr></a:solidFill>`, fx.R(`<w:color w:val="FFFFFF"/>`, "Blanc sur bleu pâle"))), checker.Failed, "Blanc sur bleu pâle"},
		{"no fill: the page shows through", Contrast, body(textBox(`<a:noFill/>`, fx.R(`<w:color w:val="FFFF00"/>`, "Jaune sur blanc"))), checker.Failed, "on #ffffff"},
		{"VML text box fill", Contrast, body(`<w:p><w:r><w:pict><v:shape id="t1" fillcolor="#1f3864 [1604]" style="position:absolute;width:100pt;height:50pt"><v:textbox><w:txbxContent><w:p>` + fx.R(`<w:color w:val="FFFFFF"/>`, "Blanc sur bleu") + `</w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>`), checker.Passed, ""},

		{"table style header row: white on accent", Contrast, gridTable(`<w:tblLook w:firstRow="1" w:noVBand="1"/>`, fx.R("", "Année"), fx.R("", "2025")), checker.Passed, ""},
		{"table style band: white text on pale band", Contrast, gridTable(`<w:tblLook w:firstRow="1" w:noVBand="1"/>`, fx.R("", "Année"), fx.R(`<w:color w:val="FFFFFF"/>`, "2025")), checker.Failed, "\"2025\""},
		{"table style with bands off", Contrast, gridTable(`<w:tblLook w:firstRow="1" w:noHBand="1" w:noVBand="1"/>`, fx.R("", "Année"), fx.R(`<w:color w:val="FFFFFF"/>`, "2025")), checker.Failed, "on #ffffff"},
		{"legacy tblLook bit mask", Contrast, gridTable(`<w:tblLook w:val="0420"/>`, fx.R("", "Année"), fx.R(`<w:color w:val="767676"/>`, "2025")), checker.Failed, "on #"},

		// Headings
		{"long document without headings", HeadingsMissing, body(long), checker.Failed, "no heading"},
		{"long document with headings", HeadingsMissing, body(fx.P("Titre1", "Introduction") + long), checker.Passed, ""},
		{"short note without headings", HeadingsMissing, body(fx.Paragraphs(3)), checker.NotApplicable, ""},
		{"many short lines are not a long document", HeadingsMissing, body(strings.Repeat(fx.P("", "Ligne courte."), 40)), checker.NotApplicable, ""},
		{"heading by localised name", HeadingsMissing, fx.DOCX{Title: "T", Styles: `<w:style w:type="paragraph" w:styleId="Style1"><w:name w:val="Titre 1"/></w:style>`, Body: fx.P("Style1", "Introduction") + long}, checker.Passed, ""},
		{"heading by outline level in basedOn chain", HeadingsMissing, fx.DOCX{Title: "T", Styles: `<w:style w:type="paragraph" w:styleId="A"><w:name w:val="Mon titre"/><w:basedOn w:val="B"/></w:style><w:style w:type="paragraph" w:styleId="B"><w:name w:val="Base"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>`, Body: fx.P("A", "Introduction") + long}, checker.Passed, ""},
		{"basedOn cycle is not a heading", HeadingsMissing, fx.DOCX{Title: "T", Styles: `<w:style w:type="paragraph" w:styleId="A"><w:name w:val="A"/><w:basedOn w:val="B"/></w:style><w:style w:type="paragraph" w:styleId="B"><w:name w:val="B"/><w:basedOn w:val="A"/></w:style>`, Body: fx.P("A", "Introduction") + long}, checker.Failed, ""},
		{"style ID alone is not a heading", HeadingsMissing, fx.DOCX{Title: "T", Styles: `<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="Intro"/></w:style>`, Body: fx.P("Heading1", "Introduction") + long}, checker.Failed, ""},
		{"headings in order", HeadingOrder, body(fx.P("Titre1", "A") + fx.P("Titre2", "B") + fx.P("Titre3", "C") + fx.P("Titre1", "D")), checker.Passed, ""},
		{"skipped level", HeadingOrder, body(fx.P("Titre1", "A") + fx.P("Titre3", "C")), checker.Failed, "level 2 is skipped"},
		{"first heading not 1", HeadingOrder, body(fx.P("Titre2", "B") + fx.P("Titre3", "C")), checker.Failed, "first heading is level 2"},
		{"empty heading", HeadingEmpty, body(fx.P("Titre1", "A") + fx.P("Titre2", "")), checker.Failed, "empty paragraph"},
		{"headings with text", HeadingEmpty, body(fx.P("Titre1", "A")), checker.Passed, ""},
		{"large fake heading", FakeHeading, body(`<w:p>` + fx.R(`<w:b/><w:sz w:val="36"/>`, "Objectifs du projet") + `</w:p>` + fx.P("", "Le projet vise à rendre les documents accessibles à tous les usagers.")), checker.Failed, "looks like a heading"},
		{"articles set apart, no heading style", FakeHeading, body(articles(3, `<w:jc w:val="center"/>`, "")), checker.Failed, "3 numbered divisions"},
		{"articles in bold with a title", FakeHeading, body(articles(4, "", `<w:b/>`)), checker.Failed, "4 numbered divisions"},
		{"two articles are not a structure", FakeHeading, body(articles(2, `<w:jc w:val="center"/>`, "")), checker.NotApplicable, ""},
		{"articles in a heading style", FakeHeading, body(articles(3, `<w:pStyle w:val="Titre1"/>`, "")), checker.Passed, ""},
		{"a typed list of articles is no heading", FakeHeading, body(`<w:p><w:pPr><w:jc w:val="center"/></w:pPr>` + fx.R("", "Article 1.") + `</w:p><w:p><w:pPr><w:jc w:val="center"/></w:pPr>` + fx.R("", "Article 2.") + `</w:p><w:p><w:pPr><w:jc w:val="center"/></w:pPr>` + fx.R("", "Article 3.") + `</w:p>`), checker.NotApplicable, ""},
		{"bold fake heading: review", FakeHeading, body(`<w:p>` + fx.R(`<w:b/>`, "Calendrier") + `</w:p>` + fx.P("", "Les travaux commencent en mars et finissent en juin.")), checker.Review, "short bold line"},
		{"bold sentence is not a heading", FakeHeading, body(`<w:p>` + fx.R(`<w:b/>`, "Attention, le dossier est à rendre avant lundi.") + `</w:p>` + fx.P("", "Merci.")), checker.NotApplicable, ""},
		{"a bold dash is not a heading", FakeHeading, body(`<w:p>` + fx.R(`<w:b/>`, "-") + `</w:p>` + fx.P("", "Les travaux commencent en mars et finissent en juin.")), checker.NotApplicable, ""},
		{"placeholder is not a heading", FakeHeading, body(`<w:p>` + fx.R(`<w:b/>`, "[Facultatif]") + `</w:p>` + fx.P("", "Les travaux commencent en mars et finissent en juin.")), checker.NotApplicable, ""},
		{"brace placeholder is not a heading", FakeHeading, body(`<w:p>` + fx.R(`<w:b/><w:sz w:val="36"/>`, "{NOM_DU_SERVICE}") + `</w:p>` + fx.P("", "Les travaux commencent en mars et finissent en juin.")), checker.NotApplicable, ""},
		{"subtitle in the body: review", FakeHeading, fx.DOCX{Title: "T", Styles: fx.DefaultStyles + `<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/></w:style>`, Body: fx.P("", "Premier paragraphe du rapport annuel.") + fx.P("", "Deuxième paragraphe du rapport.") + fx.P("Subtitle", "Résultats") + fx.P("", "Les résultats sont bons.")}, checker.Review, "Subtitle style"},
		{"subtitle under the title", FakeHeading, fx.DOCX{Title: "T", Styles: fx.DefaultStyles + `<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/></w:style>`, Body: fx.P("Subtitle", "Rapport annuel 2025") + fx.P("", "Premier paragraphe du rapport annuel.")}, checker.NotApplicable, ""},
		{"bold centred slightly larger line: fail", FakeHeading, body(intro + centredBold("Les résultats de l'enquête", 26) + fx.P("", "Neuf usagers sur dix se disent satisfaits de l'accueil au guichet.")), checker.Failed, "bold, centred, 13 pt"},
		{"bold centred same size: review", FakeHeading, body(intro + centredBold("Les résultats de l'enquête", 22) + fx.P("", "Neuf usagers sur dix se disent satisfaits de l'accueil au guichet.")), checker.Review, "bold centred line"},
		{"centred title on the opening page: no failure", FakeHeading, body(centredBold("Rapport d'activité", 26) + fx.P("", "Neuf usagers sur dix se disent satisfaits de l'accueil au guichet.")), checker.Review, "bold centred line"},
		{"centred larger text, not bold: not judged", FakeHeading, body(intro + `<w:p><w:pPr><w:jc w:val="center"/></w:pPr>` + fx.R(`<w:sz w:val="26"/>`, "MALIKA") + `</w:p>` + fx.P("", "Bonjour, vous êtes bien au relais internet de la commune ?")), checker.NotApplicable, ""},
		{"centred signature block", FakeHeading, body(intro + centredBold("Le Directeur général des services", 26) + centredBold("Jean Dupont", 26)), checker.NotApplicable, ""},
		{"centred caption typed by hand", FakeHeading, body(intro + centredBold("Figure 2 : carte des agences", 26) + fx.P("", "Neuf usagers sur dix se disent satisfaits de l'accueil au guichet.")), checker.NotApplicable, ""},
		{"centred bold cell of a table", FakeHeading, body(intro + `<w:tbl><w:tr><w:tc>` + centredBold("Résultats", 26) + fx.P("", "Neuf usagers sur dix se disent satisfaits de l'accueil.") + `</w:tc></w:tr></w:tbl>` + fx.P("", "Neuf usagers sur dix se disent satisfaits de l'accueil au guichet.")), checker.NotApplicable, ""},
		{"centred bold placeholder", FakeHeading, body(intro + centredBold("{TITRE_DE_LA_SECTION}", 26) + fx.P("", "Neuf usagers sur dix se disent satisfaits de l'accueil au guichet.")), checker.NotApplicable, ""},
		{"subtitle style by ID only", FakeHeading, fx.DOCX{Title: "T", Styles: fx.DefaultStyles + `<w:style w:type="paragraph" w:styleId="Sous-titre"><w:name w:val="Chapeau"/><w:basedOn w:val="Title"/></w:style>`, Body: intro + fx.P("Sous-titre", "Résultats") + fx.P("", "Les résultats sont bons.")}, checker.Review, "Subtitle style"},
		{"subtitle ending the document", FakeHeading, fx.DOCX{Title: "T", Styles: fx.DefaultStyles + `<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/></w:style>`, Body: intro + fx.P("Subtitle", "Fin du rapport")}, checker.NotApplicable, ""},
		{"real heading", FakeHeading, body(fx.P("Titre1", "Objectifs") + fx.P("", "Le projet vise à rendre les documents accessibles.")), checker.Passed, ""},

		// Lists
		{"typed numbers", FakeList, body(fx.P("", "1. Préparer le dossier") + fx.P("", "2. Envoyer le dossier")), checker.Failed, "2 paragraphs start"},
		{"typed bullets", FakeList, body(fx.P("", "• Premier point")), checker.Failed, "typed list marker"},
		{"typed dashes", FakeList, body(fx.P("", "- Premier point") + fx.P("", "- Second point")), checker.Failed, ""},
		{"dialogue dash is not a list", FakeList, body(fx.P("", "— Bonjour, dit-elle.")), checker.NotApplicable, ""},
		{"single numbered line is not a list", FakeList, body(fx.P("", "1. Introduction")), checker.NotApplicable, ""},
		{"real list", FakeList, fx.DOCX{Title: "T", Numbering: `<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`,
			Body: `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>` + fx.R("", "Premier") + `</w:p>`}, checker.Passed, ""},

		// Tables
		{"repeated header row", TableHeader, body(fx.Table("", true, []string{"Année", "Budget"}, []string{"2025", "12 000"})), checker.Passed, ""},
		{"header row style flag only: review", TableHeader, body(fx.Table(`<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0"/>`, false, []string{"Année", "Budget"}, []string{"2025", "12 000"})), checker.Review, "Header Row"},
		{"legacy tblLook bit mask: review", TableHeader, body(fx.Table(`<w:tblLook w:val="04A0"/>`, false, []string{"Année", "Budget"}, []string{"2025", "12 000"})), checker.Review, ""},
		{"no header row", TableHeader, body(fx.Table(`<w:tblLook w:firstRow="0"/>`, false, []string{"Année", "Budget"}, []string{"2025", "12 000"})), checker.Failed, "no header row"},
		{"one-column layout table", TableHeader, body(fx.Table("", false, []string{"Texte"}, []string{"Suite"})), checker.NotApplicable, ""},
		{"simple table", TableMerged, body(fx.Table("", true, []string{"A", "B"}, []string{"1", "2"})), checker.Passed, ""},
		{"merged cells", TableMerged, body(`<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>` + fx.P("", "Titre") + `</w:tc></w:tr><w:tr><w:tc>` + fx.P("", "1") + `</w:tc><w:tc>` + fx.P("", "2") + `</w:tc></w:tr></w:tbl>`), checker.Failed, "1 merged"},
		{"vertically merged cells", TableMerged, body(`<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>` + fx.P("", "A") + `</w:tc><w:tc>` + fx.P("", "1") + `</w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>` + fx.P("", "") + `</w:tc><w:tc>` + fx.P("", "2") + `</w:tc></w:tr></w:tbl>`), checker.Failed, "2 merged"},
		{"nested table", TableNested, body(`<w:tbl><w:tr><w:tc>` + fx.Table("", false, []string{"x", "y"}) + fx.P("", "") + `</w:tc></w:tr></w:tbl>`), checker.Failed, "nested"},
		{"flat table", TableNested, body(fx.Table("", true, []string{"A", "B"})), checker.Passed, ""},
		{"blank row", TableBlank, body(fx.Table("", true, []string{"A", "B"}, []string{"", ""}, []string{"1", "2"})), checker.Failed, "blank rows [2]"},
		{"blank column", TableBlank, body(fx.Table("", true, []string{"A", "", "B"}, []string{"1", "", "2"})), checker.Failed, "columns [2]"},
		{"no blank rows", TableBlank, body(fx.Table("", true, []string{"A", "B"}, []string{"1", ""})), checker.Passed, ""},

		// Links
		{"descriptive link", LinkText, withRels(body(`<w:p><w:hyperlink r:id="rIdL">`+fx.R("", "Rapport d'activité 2025")+`</w:hyperlink></w:p>`), fx.Rel{ID: "rIdL", Type: "hyperlink", Target: "https://exemple.fr/rapport.pdf", External: true}), checker.Passed, ""},
		{"cliquez ici", LinkText, withRels(body(`<w:p>`+fx.R("", "Pour le rapport, ")+`<w:hyperlink r:id="rIdL">`+fx.R("", "cliquez ici")+`</w:hyperlink></w:p>`), fx.Rel{ID: "rIdL", Type: "hyperlink", Target: "https://exemple.fr/r.pdf", External: true}), checker.Failed, "does not say where"},
		{"en savoir plus", LinkText, withRels(body(`<w:p><w:hyperlink r:id="rIdL">`+fx.R("", "En savoir plus…")+`</w:hyperlink></w:p>`), fx.Rel{ID: "rIdL", Type: "hyperlink", Target: "https://exemple.fr", External: true}), checker.Failed, ""},
		{"raw URL", LinkText, withRels(body(`<w:p><w:hyperlink r:id="rIdL">`+fx.R("", "https://www.exemple.fr/documents/2025/rapport.pdf")+`</w:hyperlink></w:p>`), fx.Rel{ID: "rIdL", Type: "hyperlink", Target: "https://www.exemple.fr/documents/2025/rapport.pdf", External: true}), checker.Review, "an address"},
		{"full stop as link text", LinkText, withRels(body(`<w:p>`+fx.R("", "Voir le rapport")+`<w:hyperlink r:id="rIdL">`+fx.R("", ".")+`</w:hyperlink></w:p>`), fx.Rel{ID: "rIdL", Type: "hyperlink", Target: "https://exemple.fr/r.pdf", External: true}), checker.Failed, "only punctuation"},
		{"table of contents leader is not a link text", LinkText, body(`<w:p><w:hyperlink w:anchor="_Toc123">` + fx.R("", ".") + `</w:hyperlink></w:p>`), checker.Passed, ""},
		{"empty link", LinkText, withRels(body(`<w:p><w:hyperlink r:id="rIdL"></w:hyperlink></w:p>`), fx.Rel{ID: "rIdL", Type: "hyperlink", Target: "https://exemple.fr", External: true}), checker.Failed, "no text"},
		{"HYPERLINK field", LinkText, body(`<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "https://exemple.fr" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` + fx.R("", "ici") + `<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`), checker.Failed, "\"ici\""},

		// Floating content
		{"text box", Floating, body(`<w:p><w:r><w:drawing><wp:anchor><wp:wrapSquare/><wp:docPr id="1" name="Zone de texte 1"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent>` + fx.P("", "Important : date limite le 3 mars") + `</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>`), checker.Failed, "text box"},
		{"floating picture: review", Floating, withRels(body(`<w:p><w:r><w:drawing><wp:anchor><wp:wrapSquare/><wp:docPr id="1" name="Image 1" descr="Logo"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"/></a:graphic></wp:anchor></w:drawing></w:r></w:p>`), picRel...), checker.Review, "floating"},
		{"inline picture", Floating, withRels(body(`<w:p>`+fx.Picture(1, `descr="Logo"`, "")+`</w:p>`), picRel...), checker.Passed, ""},

		// Blinking, content controls, layout, forms
		{"blinking text", Blink, body(`<w:p>` + fx.R(`<w:effect w:val="blinkBackground"/>`, "Nouveau !") + `</w:p>`), checker.Failed, "blinkBackground"},
		{"no animation", Blink, body(fx.P("", "Calme")), checker.Passed, ""},
		{"control without title", ControlTitle, body(`<w:sdt><w:sdtPr><w:tag w:val="nom"/><w:text/></w:sdtPr><w:sdtContent>` + fx.P("", "Cliquez ici pour entrer du texte.") + `</w:sdtContent></w:sdt>`), checker.Failed, "no title"},
		{"control with title", ControlTitle, body(`<w:p><w:sdt><w:sdtPr><w:alias w:val="Nom de famille"/><w:text/></w:sdtPr><w:sdtContent>` + fx.R("", "Nom") + `</w:sdtContent></w:sdt></w:p>`), checker.Passed, ""},
		{"table of contents control is not a form field", ControlTitle, body(`<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr><w:sdtContent>` + fx.P("", "Sommaire") + `</w:sdtContent></w:sdt>`), checker.NotApplicable, ""},
		{"checkbox without title", ControlTitle, body(`<w:p><w:sdt><w:sdtPr><w14:checkbox/></w:sdtPr><w:sdtContent>` + fx.R("", "☐") + `</w:sdtContent></w:sdt></w:p>`), checker.Failed, "checkbox"},
		{"empty paragraphs for spacing", LayoutBlanks, body(fx.P("", "Haut") + fx.P("", "") + fx.P("", "") + fx.P("", "") + fx.P("", "Bas")), checker.Failed, "3 empty paragraphs"},
		{"tabs for alignment", LayoutBlanks, body(`<w:p><w:r><w:t>Nom</w:t><w:tab/><w:tab/><w:tab/><w:t>Prénom</w:t></w:r></w:p>`), checker.Failed, "3 tabs"},
		{"spaces for alignment", LayoutBlanks, body(fx.P("", "Nom        Prénom")), checker.Failed, "spaces"},
		{"clean layout", LayoutBlanks, body(fx.P("", "Un.") + fx.P("", "") + fx.P("", "Deux.")), checker.Passed, ""},
		{"underscores to fill in", FakeForm, body(fx.P("", "Nom : ______________")), checker.Failed, "fill-in line"},
		{"dots to fill in", FakeForm, body(fx.P("", "Adresse : ..................")), checker.Failed, ""},
		{"no fill-in line", FakeForm, body(fx.P("", "Texte normal.")), checker.Passed, ""},
		{"not encrypted", Encrypted, body(fx.P("", "x")), checker.Passed, ""},
		{"scanned pages only", ImageOnly, withRels(body(`<w:p>`+fx.PictureSized(1, 7560000, 10692000, `descr="Page 1"`, "")+`</w:p><w:p>`+fx.PictureSized(2, 7560000, 10692000, ``, "")+`</w:p>`), picRel...), checker.Failed, "2 pictures, 2 of them page-sized"},
		{"small pictures only: review", ImageOnly, withRels(body(`<w:p>`+fx.Picture(1, `descr="Logo"`, "")+`</w:p>`), picRel...), checker.Review, "small picture"},
		{"pictures with text", ImageOnly, withRels(body(fx.P("", "Compte rendu")+`<w:p>`+fx.Picture(1, `descr="Plan"`, "")+`</w:p>`), picRel...), checker.Passed, ""},
		{"empty document", ImageOnly, body(""), checker.NotApplicable, ""},
		{"chart in red and green", ColourOnly, fx.DOCX{Body: fx.P("", "x"), Parts: map[string]string{"word/charts/chart1.xml": chartXML("D62728", "2CA02C")}}, checker.Review, "look alike"},
		{"chart in blue and orange", ColourOnly, fx.DOCX{Body: fx.P("", "x"), Parts: map[string]string{"word/charts/chart1.xml": chartXML("1F77B4", "FF7F0E")}}, checker.Passed, ""},
	}
	covered := map[string]map[checker.Outcome]bool{}
	for _, c := range cases {
		t.Run(c.rule.ID+"/"+c.name, func(t *testing.T) {
			doc := load(t, c.doc)
			findings, row := checker.RunRule(context.Background(), c.rule, doc)
			if row.Outcome != c.want {
				t.Fatalf("outcome %s, want %s; findings: %+v", row.Outcome, c.want, findings)
			}
			if c.contains != "" && (len(findings) == 0 || !strings.Contains(findings[0].Message.En, c.contains)) {
				t.Errorf("first finding %+v does not contain %q", findings, c.contains)
			}
			for _, f := range findings {
				if f.Message.Fr == "" || f.Message.En == "" {
					t.Errorf("finding without both languages: %+v", f)
				}
				if f.Rule != Encrypted.ID && f.Rule != ImageOnly.ID && f.Rule != Title.ID && f.Rule != Language.ID && f.Rule != HeadingsMissing.ID && (f.Location.Part == "" || f.Location.Path == "") {
					t.Errorf("finding not located: %+v", f)
				}
			}
		})
		if covered[c.rule.ID] == nil {
			covered[c.rule.ID] = map[checker.Outcome]bool{}
		}
		covered[c.rule.ID][c.want] = true
	}
	for _, r := range Rules {
		if r == Encrypted {
			continue // its failing case is the OLE test below
		}
		if !covered[r.ID][checker.Failed] && !covered[r.ID][checker.Review] || !covered[r.ID][checker.Passed] {
			t.Errorf("%s: needs a failing (or review) and a passing fixture", r.ID)
		}
	}
}

// TestContrastData checks the measured values a report shows.
func TestContrastData(t *testing.T) {
	doc := load(t, body(`<w:p>`+fx.R(`<w:color w:val="777777"/>`, "Gris moyen sur blanc")+`</w:p>`))
	findings, _ := checker.RunRule(context.Background(), Contrast, doc)
	if len(findings) != 1 {
		t.Fatalf("want 1 finding, got %+v", findings)
	}
	d := findings[0].Data
	want := checker.FormatRatio(checker.ContrastRatio(wordproc.RGB{R: 0x77, G: 0x77, B: 0x77}, wordproc.White))
	if d["ratio"] != want || d["foreground"] != "#777777" || d["background"] != "#ffffff" || d["required"] != "4.5" {
		t.Errorf("data = %v, want ratio %s (#777777 on white is just under 4.5)", d, want)
	}
	if !strings.Contains(findings[0].Message.En, "Gris moyen") || findings[0].Location.Path != "/w:document/w:body/w:p[1]" {
		t.Errorf("finding %+v should quote the text and locate the paragraph", findings[0])
	}
}

// TestStrictNamespaces checks that a Strict OOXML document is read like a transitional one.
func TestStrictNamespaces(t *testing.T) {
	d := fx.DOCX{Strict: true, Title: "T", Body: fx.P("", "Texte") + `<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="Image 1"/><a:graphic><a:graphicData uri="http://purl.oclc.org/ooxml/drawingml/picture"/></a:graphic></wp:inline></w:drawing></w:r></w:p>`}
	doc := load(t, d)
	m := doc.Content.(*wordproc.Document)
	if !m.Strict || len(m.Paragraphs) != 2 || len(m.Drawings) != 1 || m.Drawings[0].Kind != wordproc.Picture {
		t.Fatalf("strict document read as %v strict=%v", m, m.Strict)
	}
	if m.Paragraphs[0].HeadingLevel != 0 || m.Language != "fr-FR" {
		t.Errorf("styles not applied: %+v, language %q", m.Paragraphs[0], m.Language)
	}
	_, row := checker.RunRule(context.Background(), ImageAlt, doc)
	if row.Outcome != checker.Failed {
		t.Errorf("picture without alt in a Strict document: %s", row.Outcome)
	}
}

// TestEncrypted: an encrypted .docx is an OLE file; it loads as a protected document and
// DOCX-ENCRYPTED fails, blocking, while the other rules are not applicable.
func TestEncrypted(t *testing.T) {
	data := fx.OLE("EncryptionInfo", "EncryptedPackage")
	doc, err := docxdoc.Load(context.Background(), "secret.docx", data, docxdoc.Name, checker.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	e := &checker.Engine{Formats: []*checker.FileFormat{checker.LookupFormat(docxdoc.Name)}, Rules: Rules, Limits: checker.DefaultLimits()}
	res := e.Check(context.Background(), "secret.docx", data, false)
	if res.Err != nil {
		t.Fatalf("document error %v, want a finding", res.Err.Msg.En)
	}
	var found bool
	for _, f := range res.Findings {
		if f.Rule == Encrypted.ID {
			found = f.Blocking && f.Outcome == checker.Failed && strings.Contains(f.Message.En, "encrypted / password protected")
		} else {
			t.Errorf("unexpected finding on an encrypted file: %+v", f)
		}
	}
	if !found {
		t.Errorf("no blocking DOCX-ENCRYPTED failure in %+v", res.Findings)
	}
	if res.Score.Value > 33 {
		t.Errorf("score %v: a blocking failure caps the score", res.Score.Value)
	}
	if v, ok := doc.Content.(checker.ReadingViewer); !ok || len(v.ReadingView().Items) == 0 {
		t.Error("the reading view of an encrypted file should say it cannot be read")
	}
}

// textBox is a floating Word 2010 text box with the given shape fill (inner XML of
// wps:spPr) holding one paragraph of runs.
func textBox(spPr, runs string) string {
	return `<w:p><w:r><w:drawing><wp:anchor><wp:docPr id="9" name="Zone de texte 9"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>` +
		`<wps:spPr>` + spPr + `<a:ln><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>` +
		`<wps:txbx><w:txbxContent><w:p>` + runs + `</w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>`
}

// gridTable is a two-row table in a "Grid Table 4"-like style: the header row is accent 1
// with white text, odd banded rows a pale tint of accent 1.
func gridTable(look, header, data string) fx.DOCX {
	style := `<w:style w:type="table" w:styleId="GridTable4"><w:name w:val="Grid Table 4 Accent 1"/>` +
		`<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="FFFFFF" w:themeColor="background1"/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="156082" w:themeFill="accent1"/></w:tcPr></w:tblStylePr>` +
		`<w:tblStylePr w:type="band1Horz"><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="C1E4F5" w:themeFill="accent1" w:themeFillTint="33"/></w:tcPr></w:tblStylePr></w:style>`
	return fx.DOCX{Title: "T", Styles: fx.DefaultStyles + style, Body: `<w:tbl><w:tblPr><w:tblStyle w:val="GridTable4"/>` + look + `</w:tblPr>` +
		`<w:tr><w:tc><w:p>` + header + `</w:p></w:tc><w:tc><w:p>` + header + `</w:p></w:tc></w:tr>` +
		`<w:tr><w:tc><w:p>` + data + `</w:p></w:tc><w:tc><w:p>` + data + `</w:p></w:tc></w:tr></w:tbl>`}
}

// articles is n numbered articles of a legal text, each label ("Article 1.") on its own
// line with paragraph properties ppr and run properties rpr, over a sentence of text.
func articles(n int, ppr, rpr string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString(`<w:p><w:pPr>` + ppr + `</w:pPr>` + fx.R(rpr, fmt.Sprintf("Article %d.", i)) + `</w:p>`)
		b.WriteString(fx.P("", "Les parties conviennent des modalités décrites ci-dessous pour la durée de la convention."))
	}
	return b.String()
}

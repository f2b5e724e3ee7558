package docx

import (
	"context"
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	fx "github.com/lab110bis/focusplus/internal/fixtures"

	_ "github.com/lab110bis/focusplus/format/odtdoc" // registers ODT
)

// odtPairs are defect pairs written as OpenDocument: each defect fails its rule, and
// the same document with the defect fixed as an author would fix it in LibreOffice
// Writer raises nothing for that rule.
var odtPairs = []struct {
	rule         string
	defect, fixd fx.ODT
}{
	{"DOCX-TITLE", fx.ODT{Body: `<text:p>x</text:p>`}, fx.ODT{Title: "Compte rendu du conseil", Body: `<text:p>x</text:p>`}},
	{"DOCX-LANGUAGE",
		fx.ODT{Title: "T", Styles: `<style:style style:name="Standard" style:family="paragraph"/>`, Body: `<text:p>Bonjour à tous.</text:p>`},
		fx.ODT{Title: "T", Body: `<text:p>Bonjour à tous.</text:p>`}},
	{"DOCX-IMAGE-ALT",
		fx.ODT{Title: "T", Body: `<text:p>` + fx.ODTImage("Image1", "", "") + `</text:p>`},
		fx.ODT{Title: "T", Body: `<text:p>` + fx.ODTImage("Image1", "", "Carte des académies de France") + `</text:p>`}},
	{"DOCX-HEADING-ORDER",
		fx.ODT{Title: "T", Body: `<text:h text:style-name="Heading_20_1" text:outline-level="1">Rapport</text:h><text:h text:outline-level="3">Détail</text:h><text:p>x</text:p>`},
		fx.ODT{Title: "T", Body: `<text:h text:style-name="Heading_20_1" text:outline-level="1">Rapport</text:h><text:h text:style-name="Heading_20_2" text:outline-level="2">Détail</text:h><text:p>x</text:p>`}},
	{"DOCX-HEADING-EMPTY",
		fx.ODT{Title: "T", Body: `<text:h text:style-name="Heading_20_1" text:outline-level="1">Rapport</text:h><text:h text:style-name="Heading_20_2" text:outline-level="2"/><text:p>x</text:p>`},
		fx.ODT{Title: "T", Body: `<text:h text:style-name="Heading_20_1" text:outline-level="1">Rapport</text:h><text:p/><text:p>x</text:p>`}},
	{"DOCX-TABLE-HEADER",
		fx.ODT{Title: "T", Body: odtTable(false)},
		fx.ODT{Title: "T", Body: odtTable(true)}},
	{"DOCX-LINK-TEXT",
		fx.ODT{Title: "T", Body: `<text:p>Le formulaire : <text:a xlink:href="https://www.service-public.fr/f1">cliquez ici</text:a></text:p>`},
		fx.ODT{Title: "T", Body: `<text:p>Le <text:a xlink:href="https://www.service-public.fr/f1">formulaire de demande de bourse</text:a></text:p>`}},
	{"DOCX-FAKE-LIST",
		fx.ODT{Title: "T", Body: `<text:p>- le budget</text:p><text:p>- le calendrier</text:p><text:p>- les questions diverses</text:p>`},
		fx.ODT{Title: "T", Body: `<text:list text:style-name="List_20_1"><text:list-item><text:p>le budget</text:p></text:list-item><text:list-item><text:p>le calendrier</text:p></text:list-item><text:list-item><text:p>les questions diverses</text:p></text:list-item></text:list>`}},
	{"DOCX-CONTRAST",
		fx.ODT{Title: "T", Auto: `<style:style style:name="P1" style:family="paragraph"><style:text-properties fo:color="#bbbbbb"/></style:style>`, Body: `<text:p text:style-name="P1">Réunion le 12 mars à la mairie.</text:p>`},
		fx.ODT{Title: "T", Auto: `<style:style style:name="P1" style:family="paragraph"><style:text-properties fo:color="#595959"/></style:style>`, Body: `<text:p text:style-name="P1">Réunion le 12 mars à la mairie.</text:p>`}},
	{"DOCX-FAKE-HEADING",
		fx.ODT{Title: "T", Auto: odtCentredBold, Body: odtIntro + `<text:p text:style-name="P1">Les résultats de l'enquête</text:p>` + odtResult},
		fx.ODT{Title: "T", Auto: odtCentredBold, Body: odtIntro + `<text:h text:style-name="Heading_20_2" text:outline-level="2">Les résultats de l'enquête</text:h>` + odtResult}},
	{"DOCX-LANGUAGE-MATCH",
		fx.ODT{Title: "T", Styles: strings.Replace(fx.DefaultODTStyles, `fo:language="fr" fo:country="FR"`, `fo:language="en" fo:country="US"`, 1), Body: odtFrench},
		fx.ODT{Title: "T", Body: odtFrench}},
	{"DOCX-LANGUAGE-MATCH",
		fx.ODT{Title: "T", Body: odtFrench + `<text:p>` + enPassage + `</text:p>`},
		fx.ODT{Title: "T", Auto: `<style:style style:name="T1" style:family="text"><style:text-properties fo:language="en" fo:country="GB"/></style:style>`, Body: odtFrench + `<text:p><text:span text:style-name="T1">` + enPassage + `</text:span></text:p>`}},
}

// odtFrench is French running text, long enough for its language to be identified.
const odtFrench = `<text:p>Ce rapport présente l'activité du service au cours de l'année, ses résultats et ses projets pour les années qui viennent.</text:p>` +
	`<text:p>Les équipes de l'accueil ont reçu plus de douze mille usagers et ont traité leurs demandes dans un délai moyen de quinze jours.</text:p>`

// odtIntro is running text before the part under test, past the title page.
const odtIntro = `<text:h text:style-name="Heading_20_1" text:outline-level="1">Rapport d'activité</text:h>` +
	`<text:p>Ce rapport présente l'activité du service au cours de l'année, ses résultats et ses projets.</text:p>`

const odtResult = `<text:p>Neuf usagers sur dix se disent satisfaits de l'accueil au guichet.</text:p>`

// odtCentredBold is a centred bold 14 pt paragraph style (the body text is 12 pt), as
// LibreOffice writes direct formatting.
const odtCentredBold = `<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>`

// TestODTSubtitle: LibreOffice's Subtitle style in the course of the text is reviewed
// as a heading in disguise; under the title it is the document's subtitle.
func TestODTSubtitle(t *testing.T) {
	styles := fx.DefaultODTStyles + `<style:style style:name="Subtitle" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="14pt"/></style:style>`
	for _, c := range []struct {
		body string
		want checker.Outcome
	}{
		{odtIntro + `<text:p>Il a été préparé par les équipes de l'accueil avec les usagers.</text:p><text:p text:style-name="Subtitle">Résultats</text:p>` + odtResult, checker.Review},
		{`<text:p text:style-name="Subtitle">Rapport d'activité 2025</text:p>` + odtResult, checker.NotApplicable},
	} {
		doc, err := checker.LookupFormat("odt").Load(context.Background(), "t.odt", fx.ODT{Title: "T", Styles: styles, Body: c.body}.Bytes(), "odt", checker.DefaultLimits())
		if err != nil {
			t.Fatal(err)
		}
		findings, row := checker.RunRule(context.Background(), FakeHeading, doc)
		if row.Outcome != c.want {
			t.Errorf("%s: outcome %s, want %s: %+v", c.body, row.Outcome, c.want, findings)
		}
	}
}

func odtTable(header bool) string {
	head := `<table:table-row><table:table-cell><text:p>Commune</text:p></table:table-cell><table:table-cell><text:p>Élèves</text:p></table:table-cell></table:table-row>`
	if header {
		head = `<table:table-header-rows>` + head + `</table:table-header-rows>`
	}
	rows := strings.Repeat(`<table:table-row><table:table-cell><text:p>Rennes</text:p></table:table-cell><table:table-cell><text:p>1200</text:p></table:table-cell></table:table-row>`, 3)
	return `<table:table>` + head + rows + `</table:table>`
}

func TestODTDefectPairs(t *testing.T) {
	e := &checker.Engine{Formats: []*checker.FileFormat{checker.LookupFormat("odt")}, Rules: Rules, Limits: checker.DefaultLimits()}
	failed := func(r checker.Result, rule string) bool {
		for _, f := range r.Findings {
			if f.Rule == rule && f.Outcome == checker.Failed {
				return true
			}
		}
		return false
	}
	for _, c := range odtPairs {
		for _, flat := range []bool{false, true} {
			defect, fixd := c.defect.Bytes(), c.fixd.Bytes()
			if flat {
				defect, fixd = c.defect.Flat(), c.fixd.Flat()
			}
			bad := e.Check(context.Background(), "defect.odt", defect, false)
			good := e.Check(context.Background(), "fixed.odt", fixd, false)
			if bad.Err != nil || good.Err != nil {
				t.Fatalf("%s: %v %v", c.rule, bad.Err, good.Err)
			}
			if bad.Format != "odt" {
				t.Errorf("%s: format %q", c.rule, bad.Format)
			}
			if !failed(bad, c.rule) {
				t.Errorf("%s (flat %v): defect not detected; findings %v", c.rule, flat, bad.Findings)
			}
			if failed(good, c.rule) {
				t.Errorf("%s (flat %v): fixed version still fails: %v", c.rule, flat, good.Findings)
			}
		}
	}
}

package docx

import (
	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/rules/judge"
)

// Language checks the default language of the document (w:lang of the document
// defaults or the default paragraph style, else the editing language in settings.xml):
// screen readers pick their voice and pronunciation rules from it.
var Language = &checker.Rule{
	ID: "DOCX-LANGUAGE",
	Title: checker.Text{
		En: "Document language is set",
		Fr: "La langue du document est indiquée",
	},
	Why: checker.Text{
		En: "A screen reader reads with the voice and pronunciation of the declared language; French read with English rules is hard to understand. Braille displays use it for contractions.",
		Fr: "Un lecteur d'écran lit avec la voix et la prononciation de la langue déclarée ; du français lu avec les règles de l'anglais est difficile à comprendre. Les afficheurs braille s'en servent aussi.",
	},
	Fix: checker.Text{
		En: "Word: select all (Ctrl+A), Review > Language > Set Proofing Language, pick the language and click \"Set As Default\". LibreOffice Writer: Tools > Options > Language Settings > Languages > Default languages for documents, and Format > Character > Font > Language for the text.",
		Fr: "Word : tout sélectionner (Ctrl+A), Révision > Langue > Définir la langue de vérification, choisir la langue puis « Définir par défaut ». LibreOffice Writer : Outils > Options > Paramètres linguistiques > Langues > Langues par défaut des documents, et Format > Caractère > Police > Langue pour le texte.",
	},
	Affects:  []checker.Audience{checker.Blind, checker.Cognitive},
	Severity: checker.Error,
	Kinds:    docxOnly,
	Standards: checker.Standards{
		WCAG: []string{"3.1.1"}, EN301549: []string{"10.3.1.1"}, RGAA: []string{"8.3"},
	},
	Run: runLanguage,
}

func runLanguage(p *checker.Pass) {
	d := model(p)
	if d == nil {
		return
	}
	loc := checker.Location{Part: "word/styles.xml", Path: "/w:styles/w:docDefaults/w:rPrDefault/w:rPr/w:lang"}
	switch {
	case d.Language == "":
		p.Fail(loc, checker.Textf("The document declares no default language (no w:lang in the document defaults, default style or settings)",
			"Le document ne déclare pas de langue par défaut (pas de w:lang dans les valeurs par défaut, le style par défaut ni les paramètres)"), nil)
	case !judge.LanguageTag(d.Language).OK():
		p.Fail(loc, checker.Textf("The default language %q is not a valid language tag (expected e.g. fr-FR, en-GB)",
			"La langue par défaut %q n'est pas un code de langue valide (attendu par exemple fr-FR, en-GB)", d.Language),
			map[string]string{"language": d.Language})
	default:
		p.Pass(1)
	}
}

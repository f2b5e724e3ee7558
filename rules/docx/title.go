package docx

import (
	"strings"

	"github.com/lab110bis/focusplus/checker"
)

// Title checks the document title of the core properties (dc:title), which Word and
// LibreOffice carry into PDF exports and screen readers announce instead of the file name.
var Title = &checker.Rule{
	ID: "DOCX-TITLE",
	Title: checker.Text{
		En: "Document has a title",
		Fr: "Le document a un titre",
	},
	Why: checker.Text{
		En: "The title is what a screen reader announces when the document opens and what a PDF export shows in its window title; without one, readers hear a file name such as \"Doc1_final_v3\".",
		Fr: "Le titre est ce qu'un lecteur d'écran annonce à l'ouverture et ce qu'un export PDF affiche dans sa barre de titre ; sans lui, on entend un nom de fichier comme « Doc1_final_v3 ».",
	},
	Fix: checker.Text{
		En: "Word: File > Info > Properties > Title (or File > Properties > Summary). LibreOffice Writer: File > Properties > Description > Title. Give a title that says what the document is.",
		Fr: "Word : Fichier > Informations > Propriétés > Titre (ou Fichier > Propriétés > Résumé). LibreOffice Writer : Fichier > Propriétés > Description > Titre. Donnez un titre qui dit de quoi parle le document.",
	},
	Affects:  []checker.Audience{checker.Blind, checker.Cognitive, checker.Everyone},
	Severity: checker.Error,
	Kinds:    docxOnly,
	Standards: checker.Standards{
		WCAG: []string{"2.4.2"}, EN301549: []string{"10.2.4.2"}, RGAA: []string{"8.5"},
	},
	Run: runTitle,
}

func runTitle(p *checker.Pass) {
	d := model(p)
	if d == nil {
		return
	}
	if strings.TrimSpace(d.Title) != "" {
		p.Pass(1)
		return
	}
	p.Fail(checker.Location{Part: "docProps/core.xml"}, checker.Textf(
		"The document has no title in its properties (dc:title is missing or empty)",
		"Le document n'a pas de titre dans ses propriétés (dc:title absent ou vide)"), nil)
}

package docx

import (
	"fmt"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/rules/judge"
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
	Severity: checker.Warning, // the reader hears the file name: a real 2.4.2 failure, lighter than a barrier
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
	loc := checker.Location{Part: "docProps/core.xml"}
	data := map[string]string{"title": d.Title}
	v := judge.Title(d.Title)
	switch {
	case v.OK():
		p.Pass(1)
	case v.Reason == judge.Empty || v.Reason == judge.Punctuation:
		p.Fail(loc, checker.Textf(
			"The document has no title in its properties (dc:title is missing or empty)",
			"Le document n'a pas de titre dans ses propriétés (dc:title absent ou vide)"), nil)
	case v.Sure:
		p.Fail(loc, checker.Text{
			En: fmt.Sprintf("The document title %q is %s, not a title that says what the document is", d.Title, titleReasonEn(v.Reason)),
			Fr: fmt.Sprintf("Le titre du document %q est %s, pas un titre qui dit ce qu'est le document", d.Title, titleReasonFr(v.Reason)),
		}, data)
	default:
		p.Review(loc, checker.Textf(
			"The document title %q looks like a file name: check that it says what the document is",
			"Le titre du document %q ressemble à un nom de fichier : vérifiez qu'il dit ce qu'est le document", d.Title), data)
	}
}

func titleReasonEn(r judge.Reason) string {
	switch r {
	case judge.AppPrefix:
		return "the name of the application and of the file"
	case judge.FileName:
		return "a file name"
	}
	return "the name a new file gets by default"
}

func titleReasonFr(r judge.Reason) string {
	switch r {
	case judge.AppPrefix:
		return "le nom du logiciel et du fichier"
	case judge.FileName:
		return "un nom de fichier"
	}
	return "le nom donné par défaut à un nouveau fichier"
}

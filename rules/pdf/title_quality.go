package pdf

import (
	"fmt"
	"strings"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
	"github.com/lab110bis/focusplus/rules/judge"
)

// TitleQuality checks the title a reader sees and hears says what the document is: not
// a file name, not "Microsoft Word - rapport.doc", not the name a tool gives a new file
// ("Document1", "Sans titre", "Diapositive 1"). A missing title is PDF-TITLE's.
var TitleQuality = &checker.Rule{
	ID:    "PDF-TITLE-QUALITY",
	Title: checker.Text{En: "The document title says what the document is", Fr: "Le titre du document dit ce qu'est le document"},
	Why: checker.Text{
		En: "The title is the first thing a screen reader announces and what every reader sees in the window, the tab and the search results; \"Microsoft Word - CR_CA_2024.docx\" or \"Présentation1\" does not tell what the document is.",
		Fr: "Le titre est la première chose qu'annonce un lecteur d'écran et ce que chacun voit dans la fenêtre, l'onglet et les résultats de recherche ; « Microsoft Word - CR_CA_2024.docx » ou « Présentation1 » ne dit pas ce qu'est le document.",
	},
	Fix: checker.Text{
		En: "Give the source a real title before exporting: Word: File > Info > Properties > Title; LibreOffice: File > Properties > Description > Title. In Acrobat: File > Properties > Description > Title (and Initial View > Show: Document Title).",
		Fr: "Donnez un vrai titre au document source avant l'export : Word : Fichier > Informations > Propriétés > Titre ; LibreOffice : Fichier > Propriétés > Description > Titre. Dans Acrobat : Fichier > Propriétés > Description > Titre (et Vue initiale > Afficher : Titre du document).",
	},
	Affects:  []checker.Audience{checker.Blind, checker.Cognitive, checker.Everyone},
	Severity: checker.Error,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"2.4.2"}, EN301549: []string{"10.2.4.2"}, RGAA: []string{"8.5"},
	},
	Run: runTitleQuality,
}

var titleWhyEn = map[judge.Reason]string{
	judge.AppPrefix: "the name of the application and of the file", judge.FileName: "a file name",
	judge.Placeholder: "the name a tool gives a new file", judge.Punctuation: "only punctuation",
}

var titleWhyFr = map[judge.Reason]string{
	judge.AppPrefix: "le nom du logiciel et du fichier", judge.FileName: "un nom de fichier",
	judge.Placeholder: "le nom qu'un logiciel donne à un nouveau fichier", judge.Punctuation: "de la ponctuation seule",
}

func runTitleQuality(p *checker.Pass) {
	d := model(p)
	// Viewers show the XMP title when there is one, else the Info title.
	title, where := d.XMP.Title, "dc:title"
	if !d.HasMetadata || !d.XMP.HasTitle || strings.TrimSpace(title) == "" {
		title, where = d.InfoTitle, "Info /Title"
	}
	v := judge.Title(title)
	if v.Reason == judge.Empty {
		return // PDF-TITLE reports a missing title
	}
	data := map[string]string{"title": title, "reason": string(v.Reason), "from": where}
	switch {
	case v.OK():
		p.Pass(1)
	case v.Sure:
		p.Fail(checker.Location{}, checker.Text{
			En: fmt.Sprintf("The document title %q is %s, not a title that says what the document is", title, titleWhyEn[v.Reason]),
			Fr: fmt.Sprintf("Le titre du document %q est %s, pas un titre qui dit ce qu'est le document", title, titleWhyFr[v.Reason]),
		}, data)
	default:
		p.Review(checker.Location{}, checker.Textf(
			"The document title %q looks like a file name: check that it says what the document is",
			"Le titre du document %q ressemble à un nom de fichier : vérifiez qu'il dit ce qu'est le document", title), data)
	}
}

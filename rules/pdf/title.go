package pdf

import (
	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
	"github.com/lab110bis/focusplus/rules/judge"
)

// Title checks the document has a title in its metadata, shown in the title bar
// (ISO 14289-1, 7.1; Matterhorn 06-001, 06-003, 06-004, 07-001, 07-002).
var Title = &checker.Rule{
	ID:    "PDF-TITLE",
	Title: checker.Text{En: "The document has a title, shown in the window title", Fr: "Le document a un titre, affiché dans la barre de titre"},
	Why: checker.Text{
		En: "The title is the first thing a screen reader announces and what every reader sees in the window and tab; a file name like \"export_final2.pdf\" tells nothing.",
		Fr: "Le titre est la première chose qu'annonce un lecteur d'écran et ce que chacun voit dans la fenêtre et l'onglet ; un nom de fichier comme « export_final2.pdf » ne dit rien.",
	},
	Fix: checker.Text{
		En: "Word: File > Info > Properties > Title, then export with \"Document structure tags\"; LibreOffice: File > Properties > Description > Title, and in the PDF export options > Initial View, choose \"Display: Document title\". Acrobat: File > Properties > Description > Title, and Initial View > Show: Document Title.",
		Fr: "Word : Fichier > Informations > Propriétés > Titre, puis exporter avec les « Balises de structure » ; LibreOffice : Fichier > Propriétés > Description > Titre, et dans les options d'export PDF > Vue initiale, « Afficher : titre du document ». Acrobat : Fichier > Propriétés > Description > Titre, et Vue initiale > Afficher : Titre du document.",
	},
	Affects:  []checker.Audience{checker.Blind, checker.Cognitive, checker.Everyone},
	Severity: checker.Error,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"2.4.2"}, EN301549: []string{"10.2.4.2"}, RGAA: []string{"8.5"},
		PDFUA: []string{"7.1"}, Matterhorn: []string{"06-001", "06-003", "07-001", "07-002"},
	},
	Run: runTitle,
}

func runTitle(p *checker.Pass) {
	d := model(p)
	// A title in the Info dictionary alone is what viewers show and screen readers
	// announce: its absence from the XMP metadata breaks PDF/UA, not WCAG 2.4.2.
	// Without a title a reader hears the file name: a real WCAG 2.4.2 failure, at warning
	// severity beside the barriers that leave a reader without the content.
	noTitle := func(p *checker.Pass, clause string, mh []string, loc checker.Location, msg checker.Text, data map[string]string) {
		p.Report(checker.Finding{Outcome: checker.Failed, Severity: checker.Warning, Location: loc, Message: msg, Data: data, Standards: std(p.Rule, clause, mh...)})
	}
	missing := noTitle
	infoTitle := judge.Title(d.InfoTitle).Reason != judge.Empty
	if infoTitle {
		missing = failUA
	}
	anyTitle := infoTitle || d.HasMetadata && d.XMP.HasTitle && judge.Title(d.XMP.Title).Reason != judge.Empty
	// DisplayDocTitle matters to a reader only when there is a title to display; without
	// one, the missing title above is the reader's problem and this is PDF/UA's alone.
	notShown := noTitle
	if !anyTitle {
		notShown = failUAWarning
	}
	if !d.HasMetadata {
		msg := checker.Textf("The document has no title: fill in Document Properties > Title (neither the properties nor XMP metadata have one)",
			"Le document n'a pas de titre : remplissez Propriétés du document > Titre (ni les propriétés ni les métadonnées XMP n'en ont)")
		if infoTitle {
			msg = checker.Textf("The title %q is in Document Properties but not in the metadata PDF/UA readers use (no XMP metadata stream): export the PDF again with the title filled in",
				"Le titre %q figure dans Propriétés du document mais pas dans les métadonnées que lisent les outils PDF/UA (pas de flux de métadonnées XMP) : exportez à nouveau le PDF avec le titre renseigné", d.InfoTitle)
		}
		missing(p, "7.1", mh("06-001"), checker.Location{}, msg, nil)
	} else if !d.XMP.HasTitle || judge.Title(d.XMP.Title).Reason == judge.Empty {
		missing(p, "7.1", mh("06-003"), checker.Location{}, checker.Textf(
			"The metadata has no document title (dc:title)", "Les métadonnées n'ont pas de titre de document (dc:title)"), nil)
	} else {
		p.Pass(1)
	}
	switch {
	case !d.HasViewerPrefs:
		notShown(p, "7.1", mh("07-001"), checker.Location{}, checker.Textf(
			"No ViewerPreferences: the window shows the file name, not the title (DisplayDocTitle)",
			"Pas de ViewerPreferences : la fenêtre affiche le nom du fichier, pas le titre (DisplayDocTitle)"), nil)
	case !d.HasDisplayDocTitle || !d.DisplayDocTitle:
		notShown(p, "7.1", mh("07-002"), checker.Location{}, checker.Textf(
			"DisplayDocTitle is not true: the window shows the file name, not the title",
			"DisplayDocTitle n'est pas vrai : la fenêtre affiche le nom du fichier, pas le titre"), nil)
	default:
		p.Pass(1)
	}
}

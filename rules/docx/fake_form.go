package docx

import (
	"regexp"
	"strings"

	"github.com/lab110bis/focusplus/checker"
)

// FakeForm finds fill-in lines typed as underscores or dots ("Name: ________"), which a
// screen reader reads as a string of symbols and which no one can fill in on screen.
var FakeForm = &checker.Rule{
	ID: "DOCX-FAKE-FORM",
	Title: checker.Text{
		En: "Forms use form fields, not typed lines",
		Fr: "Les formulaires utilisent des champs, pas des lignes tapées",
	},
	Why: checker.Text{
		En: "A line of underscores or dots is read as \"underscore underscore underscore…\" or skipped, so a blind reader does not know a field is there, and no one can fill it in on a computer: the form has to be printed.",
		Fr: "Une ligne de soulignés ou de points est lue « souligné souligné souligné… » ou ignorée : une personne aveugle ne sait pas qu'il y a un champ, et personne ne peut le remplir à l'écran, il faut imprimer le formulaire.",
	},
	Fix: checker.Text{
		En: "Word: replace each line with a content control with a title (Developer > Controls > Plain Text, then Properties > Title), or leave a table cell to fill in. LibreOffice Writer: Form > Content Control > Plain Text (then Properties > Title), or Insert > Form Control.",
		Fr: "Word : remplacez chaque ligne par un contrôle de contenu titré (Développeur > Contrôles > Texte brut, puis Propriétés > Titre), ou laissez une cellule de tableau à remplir. LibreOffice Writer : Formulaire > Contrôle de contenu > Texte brut (puis Propriétés > Titre), ou Insertion > Contrôle de formulaire.",
	},
	Affects:  []checker.Audience{checker.Blind, checker.Motor},
	Severity: checker.Tip,
	Kinds:    docxOnly,
	Standards: checker.Standards{
		WCAG: []string{"1.3.1", "3.3.2"}, EN301549: []string{"10.1.3.1", "10.3.3.2"}, RGAA: []string{"11.1"},
	},
	Run: runFakeForm,
}

var fillLine = regexp.MustCompile(`_{4,}|\.{5,}|…{2,}|(\. ){4,}`)

func runFakeForm(p *checker.Pass) {
	d := model(p)
	if d == nil {
		return
	}
	n := 0
	for _, par := range d.Paragraphs {
		if !isMain(d, par) || isTOC(par) || isCode(par) || par.Fields {
			continue
		}
		// Cheap test first: the regular expression runs only on likely paragraphs.
		if !strings.Contains(par.Text, "____") && !strings.Contains(par.Text, ".....") && !strings.Contains(par.Text, "……") && !strings.Contains(par.Text, ". . . .") {
			continue
		}
		if m := fillLine.FindString(par.Text); m != "" {
			n++
			p.Fail(paraLoc(par), tr("A typed fill-in line (%q) in %s", "Une ligne à remplir tapée (%q) dans %s", snippet(m), where(par)), nil)
		}
	}
	if n == 0 && len(d.Paragraphs) > 0 {
		p.Pass(1)
	}
}

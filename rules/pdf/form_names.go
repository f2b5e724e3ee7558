package pdf

import (
	"strings"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
)

// FormNames checks each form field has a name assistive technology announces: a tooltip
// (TU) or an Alt on its Form tag (ISO 14289-1, 7.18.1; Matterhorn 28-005; WCAG technique
// PDF12). Counted over the document: a form with three hundred unnamed fields says so.
var FormNames = &checker.Rule{
	ID:    "PDF-FORM-NAMES",
	Title: checker.Text{En: "Form fields have an accessible name", Fr: "Les champs de formulaire ont un nom accessible"},
	Why: checker.Text{
		En: "A screen reader announces a form field by its name (the tooltip); without one it says \"edit text\" or \"check box\" and the person filling the form cannot know what to type or tick.",
		Fr: "Un lecteur d'écran annonce un champ de formulaire par son nom (l'info-bulle) ; sans nom il dit « zone d'édition » ou « case à cocher » et la personne qui remplit le formulaire ne sait pas quoi saisir ou cocher.",
	},
	Fix: checker.Text{
		En: "Acrobat: Prepare Form, then for each field Properties > General > Tooltip: write the label the field has on the page (\"Last name\", \"Date of birth (dd/mm/yyyy)\"). LibreOffice: the control's Properties > General > Help text before exporting.",
		Fr: "Acrobat : Préparer un formulaire, puis pour chaque champ Propriétés > Général > Info-bulle : écrivez l'étiquette que le champ a sur la page (« Nom », « Date de naissance (jj/mm/aaaa) »). LibreOffice : Propriétés du contrôle > Général > Texte d'aide avant l'export.",
	},
	Affects:  []checker.Audience{checker.Blind, checker.Motor},
	Severity: checker.Error,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"4.1.2", "3.3.2"}, EN301549: []string{"10.4.1.2", "10.3.3.2"}, RGAA: []string{"11.1"},
		PDFUA: []string{"7.18.1"}, Matterhorn: []string{"28-005"},
	},
	Run: runFormNames,
}

func runFormNames(p *checker.Pass) {
	d := model(p)
	var first *pdfdoc.Annot
	fields, unnamed, pages := 0, 0, map[int]bool{}
	for _, pg := range d.Pages {
		for _, a := range pg.Annots {
			if a.Subtype != "Widget" || a.Hidden() {
				continue
			}
			fields++
			named := a.HasTU && strings.TrimSpace(a.TU) != "" ||
				a.Parent != nil && a.Parent.HasAlt && strings.TrimSpace(a.Parent.Alt) != ""
			if named {
				continue
			}
			if first == nil {
				first = a
			}
			unnamed++
			pages[a.Page] = true
		}
	}
	if fields == 0 {
		return
	}
	if unnamed == 0 {
		p.Pass(fields)
		return
	}
	failAt(p, "7.18.1", mh("28-005"), annotLoc(first), checker.Textf(
		"%d of %s (on %s) %s no name for assistive technology (tooltip TU or Alt): the first is on page %d",
		"%d %s (sur %s) %s pas de nom pour les aides techniques (info-bulle TU ou Alt) : le premier est page %d",
		unnamed, checker.Plural(fields, "%d form field", "%d form fields", "sur %d champ de formulaire", "des %d champs de formulaire"),
		checker.Plural(len(pages), "%d page", "%d pages", "%d page", "%d pages"),
		checker.Plural(unnamed, "has", "have", "n'a", "n'ont"), first.Page), map[string]string{"count": itoa(unnamed), "fields": itoa(fields)})
}

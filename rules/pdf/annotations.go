package pdf

import (
	"strings"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
)

// Annotations checks annotations are tagged and described, and forbidden kinds are
// absent (ISO 14289-1, 7.18.1, 7.18.2, 7.18.8; Matterhorn 28-002 to 28-004, 28-007, 28-008).
var Annotations = &checker.Rule{
	ID:    "PDF-ANNOTATIONS",
	Title: checker.Text{En: "Annotations are tagged and described", Fr: "Les annotations sont balisées et décrites"},
	Why: checker.Text{
		En: "Comments, highlights, stamps and form fields are only reachable with a screen reader when they sit in the tag tree, in reading order, with a description.",
		Fr: "Commentaires, surlignages, tampons et champs de formulaire ne sont atteignables au lecteur d'écran que s'ils sont dans l'arbre des balises, dans l'ordre de lecture, avec une description.",
	},
	Fix: checker.Text{
		En: "In Acrobat: Accessibility > Reading Order, or Tags panel > Options > Find > Unmarked Annotations > Tag element; give each annotation a description (Properties > General > Description). Flatten or delete review comments before publishing.",
		Fr: "Dans Acrobat : Accessibilité > Ordre de lecture, ou panneau Balises > Options > Rechercher > Annotations non marquées > Baliser l'élément ; donnez une description à chaque annotation (Propriétés > Général > Description). Aplatissez ou supprimez les commentaires de relecture avant publication.",
	},
	Affects:  []checker.Audience{checker.Blind, checker.Motor},
	Severity: checker.Error,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"1.1.1", "1.3.1", "4.1.2"}, EN301549: []string{"10.1.1.1", "10.1.3.1", "10.4.1.2"}, RGAA: []string{"1.1", "11.1"},
		PDFUA: []string{"7.18.1"}, Matterhorn: []string{"28-002", "28-004", "28-007", "28-017"},
	},
	Run: runAnnotations,
}

func runAnnotations(p *checker.Pass) {
	d := model(p)
	for _, pg := range d.Pages {
		var t tally
		seen := false
		for _, a := range pg.Annots {
			if a.Hidden() {
				continue
			}
			seen = true
			loc := annotLoc(a)
			if a.Parent != nil {
				loc.Path = a.Parent.Path
			}
			if a.Subtype == "TrapNet" {
				t.add("trapnet", "7.18.2", mh("28-007"), loc, checker.Textf("TrapNet annotations are not allowed", "Les annotations TrapNet sont interdites"))
				continue
			}
			if a.Subtype == "PrinterMark" && a.Parent != nil {
				t.add("printermark", "7.18.8", mh("28-017"), loc, checker.Textf(
					"A PrinterMark annotation is in the structure tree; printer marks are not content",
					"Une annotation PrinterMark est dans l'arbre de structure ; les repères d'impression ne sont pas du contenu"))
			}
			if tagged(d) && a.Subtype != "Widget" && a.Subtype != "Link" && a.Subtype != "PrinterMark" && (a.Parent == nil || a.Parent.Type != "Annot") {
				t.add("annot:"+a.Subtype, "7.18.1", mh("28-002"), loc, checker.Textf(
					"The %s annotation is not nested in an Annot tag", "L'annotation %s n'est pas imbriquée dans une balise Annot", a.Subtype))
			}
			alt := a.Parent != nil && a.Parent.HasAlt && strings.TrimSpace(a.Parent.Alt) != ""
			// Form field names (Widget) are PDF-FORM-NAMES', counted over the document; a link
			// without a description is PDF-LINKS's finding (28-012), not a second one here.
			if a.Subtype != "Widget" && a.Subtype != "Link" && !(a.HasContents && a.Contents != "") && !alt {
				t.add("contents:"+a.Subtype, "7.18.1", mh("28-004"), loc, checker.Textf(
					"The %s annotation has no description (Contents or Alt)", "L'annotation %s n'a pas de description (Contents ou Alt)", a.Subtype))
			}
		}
		if seen && len(t.order) == 0 {
			p.Pass(1)
		}
		t.report(p)
	}
}

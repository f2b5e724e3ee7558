package docx

import (
	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/wordproc"
)

// Floating flags text boxes and floating objects: screen readers and PDF exports read
// them where their anchor is, which is often not where they appear.
var Floating = &checker.Rule{
	ID: "DOCX-FLOATING",
	Title: checker.Text{
		En: "Content is inline, not in text boxes or floating objects",
		Fr: "Le contenu est dans le texte, pas dans des zones de texte ou objets flottants",
	},
	Why: checker.Text{
		En: "A screen reader reads a text box or floating picture where it is anchored in the text, not where it appears on the page; some readers skip text boxes entirely. A floating object wrapped in text can come in the middle of a sentence.",
		Fr: "Un lecteur d'écran lit une zone de texte ou une image flottante là où elle est ancrée dans le texte, pas là où elle apparaît sur la page ; certains ignorent même les zones de texte. Un objet flottant habillé par le texte peut tomber au milieu d'une phrase.",
	},
	Fix: checker.Text{
		En: "Word: move the text of the text box into the body (as a normal paragraph, or a shaded paragraph with Home > Borders > Borders and Shading); for a picture, Layout Options > \"In Line with Text\". LibreOffice Writer: cut the frame's text into the body; for a picture, right-click > Anchor > As Character.",
		Fr: "Word : déplacez le texte de la zone de texte dans le corps du document (paragraphe normal, ou paragraphe encadré avec Accueil > Bordures > Bordure et trame) ; pour une image, Options de disposition > « Aligné sur le texte ». LibreOffice Writer : coupez le texte du cadre dans le corps ; pour une image, clic droit > Ancrer > Comme caractère.",
	},
	Affects:  []checker.Audience{checker.Blind, checker.Cognitive},
	Severity: checker.Warning,
	Kinds:    docxOnly,
	Standards: checker.Standards{
		WCAG: []string{"1.3.2"}, EN301549: []string{"10.1.3.2"}, RGAA: []string{"10.3"},
	},
	Run: runFloating,
}

func runFloating(p *checker.Pass) {
	d := model(p)
	if d == nil {
		return
	}
	for _, dr := range d.Drawings {
		if dr.Part != d.MainPart || !needsAlt(dr) {
			continue
		}
		loc := checker.Location{Part: dr.Part, Path: dr.Path}
		data := map[string]string{"kind": string(dr.Kind), "wrap": dr.Wrap}
		switch {
		case dr.HasText:
			p.Fail(loc, tr("A text box holds text (%q), in %s: screen readers may read it out of order or skip it",
				"Une zone de texte contient du texte (%q), dans %s : les lecteurs d'écran peuvent la lire dans le désordre ou l'ignorer",
				snippet(boxText(dr)), where(dr.Para)), data)
		case !dr.Floating, dr.Wrap == "wrapTopAndBottom":
			// Inline, or floating with text above and below only: read where it is seen.
			p.Pass(1)
		default:
			wrap := dr.Wrap
			if wrap == "" {
				wrap = "positioned"
			}
			p.Review(loc, tr("A floating %s (%s), in %s, is read where it is anchored: check that this is where it belongs in the reading order, or put it in line with text",
				"Un(e) %s flottant(e) (%s), dans %s, est lu(e) là où il est ancré : vérifiez que c'est sa place dans l'ordre de lecture, ou placez-le aligné sur le texte",
				kindName[dr.Kind], wrap, where(dr.Para)), data)
		}
	}
	for _, par := range d.Paragraphs {
		if par.Frame && !par.DropCap && isMain(d, par) && wordproc.HasVisibleText(par.Text) {
			p.Review(paraLoc(par), tr("The paragraph %s is in a positioned frame: check it is read in the right place",
				"Le paragraphe %s est dans un cadre positionné : vérifiez qu'il est lu au bon endroit", where(par)), nil)
		}
	}
}

func boxText(dr *wordproc.Drawing) string {
	for _, b := range dr.TextBox {
		if b.Para != nil && wordproc.HasVisibleText(b.Para.Text) {
			return b.Para.Text
		}
	}
	return ""
}

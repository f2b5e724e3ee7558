package docx

import (
	"strings"

	"github.com/lab110bis/focusplus/checker"
)

// ControlTitle checks that content controls (form fields made with Word's Developer tab)
// have a title, which is their accessible name.
var ControlTitle = &checker.Rule{
	ID: "DOCX-CONTROL-TITLE",
	Title: checker.Text{
		En: "Form fields (content controls) have a title",
		Fr: "Les champs de formulaire (contrôles de contenu) ont un titre",
	},
	Why: checker.Text{
		En: "A content control's title is what a screen reader announces when the reader reaches it (\"Date of birth, date picker\"); without one, the field is announced only by its type or placeholder text and the reader cannot tell what to enter.",
		Fr: "Le titre d'un contrôle de contenu est ce qu'un lecteur d'écran annonce quand on l'atteint (« Date de naissance, sélecteur de date ») ; sans lui, le champ n'est annoncé que par son type ou son texte indicatif et on ne sait pas quoi saisir.",
	},
	Fix: checker.Text{
		En: "Word: select the control, Developer > Properties, and fill \"Title\" with the field's label. LibreOffice Writer: select the content control, Form > Content Control Properties, and fill \"Title\" (Alias).",
		Fr: "Word : sélectionnez le contrôle, Développeur > Propriétés, et remplissez « Titre » avec l'intitulé du champ. LibreOffice Writer : sélectionnez le contrôle de contenu, Formulaire > Propriétés du contrôle de contenu, et remplissez « Titre ».",
	},
	Affects:  []checker.Audience{checker.Blind, checker.Motor},
	Severity: checker.Warning,
	Kinds:    docxOnly,
	Standards: checker.Standards{
		WCAG: []string{"4.1.2", "1.3.1"}, EN301549: []string{"10.4.1.2", "10.1.3.1"}, RGAA: []string{"11.1"},
	},
	Run: runControlTitle,
}

func runControlTitle(p *checker.Pass) {
	d := model(p)
	if d == nil {
		return
	}
	for _, c := range d.Controls {
		if !c.IsFormField() {
			continue
		}
		if strings.TrimSpace(c.Alias) != "" {
			p.Pass(1)
			continue
		}
		p.Fail(checker.Location{Part: c.Part, Path: c.Path}, checker.Textf("A %s content control has no title (tag %q), showing %q",
			"Un contrôle de contenu %s n'a pas de titre (balise %q), affichant %q", c.Kind, c.Tag, snippet(c.Text)),
			map[string]string{"kind": c.Kind, "tag": c.Tag})
	}
}

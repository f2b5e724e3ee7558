package pdf

import (
	"strings"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
)

// Notes checks every Note has a unique ID (ISO 14289-1, 7.9; Matterhorn 19-003, 19-004).
var Notes = &checker.Rule{
	ID:    "PDF-NOTES",
	Title: checker.Text{En: "Footnotes and endnotes are identified", Fr: "Les notes de bas de page et de fin sont identifiées"},
	Why: checker.Text{
		En: "Assistive technology links a note reference to its note through the note's ID; without a unique ID readers cannot jump to the note and back.",
		Fr: "Les aides techniques relient un appel de note à sa note par l'identifiant de la note ; sans identifiant unique, impossible d'aller à la note et d'en revenir.",
	},
	Fix: checker.Text{
		En: "Insert notes with Word (References > Insert Footnote) or LibreOffice (Insert > Footnote and Endnote) and export again; in Acrobat, give each Note tag a unique ID in the Tags panel > Properties.",
		Fr: "Insérez les notes avec Word (Références > Insérer une note de bas de page) ou LibreOffice (Insertion > Note de bas de page et de fin) et réexportez ; dans Acrobat, donnez un ID unique à chaque balise Note (panneau Balises > Propriétés).",
	},
	Affects:  []checker.Audience{checker.Blind},
	Severity: checker.Warning,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"1.3.1"}, EN301549: []string{"10.1.3.1"}, RGAA: []string{"9.1"},
		PDFUA: []string{"7.9"}, Matterhorn: []string{"19-003", "19-004"},
	},
	Run: runNotes,
}

func runNotes(p *checker.Pass) {
	d := model(p)
	if !tagged(d) {
		return
	}
	seen := map[string]bool{}
	for _, e := range d.Elems {
		if e.Type != "Note" {
			continue
		}
		switch {
		case !e.HasID || strings.TrimSpace(e.ID) == "":
			// PDF/UA-only: the note is read where it is; its ID serves links to it.
			failUAWarning(p, "7.9", mh("19-003"), elemLoc(e), checker.Textf("A Note has no ID", "Une Note n'a pas d'ID"), nil)
		case seen[e.ID]:
			failUAWarning(p, "7.9", mh("19-004"), elemLoc(e), checker.Textf("Two Notes share the ID %q", "Deux Notes partagent l'ID %q", e.ID), nil)
		default:
			seen[e.ID] = true
			p.Pass(1)
		}
	}
}

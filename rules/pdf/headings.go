package pdf

import (
	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
)

// Headings checks heading levels nest without skipping and H is not mixed with H1–H6
// (ISO 14289-1, 7.4.2 and 7.4.4; Matterhorn 14-002, 14-003, 14-006, 14-007).
var Headings = &checker.Rule{
	ID:    "PDF-HEADINGS",
	Title: checker.Text{En: "Headings are nested in order", Fr: "Les titres s'enchaînent dans l'ordre"},
	Why: checker.Text{
		En: "Screen-reader users navigate by heading levels to grasp the outline and jump to a section; a skipped level (H2 then H4) or a document starting at H2 breaks that outline.",
		Fr: "Les utilisateurs de lecteurs d'écran naviguent par niveaux de titre pour saisir le plan et aller à une section ; un niveau sauté (H2 puis H4) ou un document commençant au H2 casse ce plan.",
	},
	Fix: checker.Text{
		En: "Use Heading 1, Heading 2, Heading 3... in order in Word or LibreOffice (Titre 1, Titre 2...) and export again; in Acrobat, change the tag type in the Tags panel (H1–H6) and do not mix H with H1–H6.",
		Fr: "Utilisez Titre 1, Titre 2, Titre 3... dans l'ordre dans Word ou LibreOffice puis réexportez ; dans Acrobat, changez le type de balise dans le panneau Balises (H1–H6) sans mélanger H et H1–H6.",
	},
	Affects:  []checker.Audience{checker.Blind, checker.Cognitive},
	Severity: checker.Error,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"1.3.1", "2.4.6"}, EN301549: []string{"10.1.3.1", "10.2.4.6"}, RGAA: []string{"9.1"},
		PDFUA: []string{"7.4.2", "7.4.4"}, Matterhorn: []string{"14-002", "14-003", "14-006", "14-007"},
	},
	Run: runHeadings,
}

func headingLevel(t string) int {
	if len(t) == 2 && t[0] == 'H' && t[1] >= '1' && t[1] <= '6' {
		return int(t[1] - '0')
	}
	return 0
}

func runHeadings(p *checker.Pass) {
	d := model(p)
	if !tagged(d) {
		return
	}
	prev := 0
	var hn, h []*pdfdoc.Elem
	for _, e := range d.Elems {
		if e.Type == "H" {
			h = append(h, e)
		}
		lv := headingLevel(e.Type)
		if lv == 0 {
			continue
		}
		hn = append(hn, e)
		if lv > prev+1 {
			if prev == 0 {
				// PDF/UA asks for H1 first; a reader meets no barrier when a form or a
				// letter starts at level 2 (WCAG does not ask for a level 1).
				failUA(p, "7.4.2", mh("14-002"), elemLoc(e), checker.Textf(
					"The first heading is level %d; it should be level 1", "Le premier titre est de niveau %d ; il devrait être de niveau 1", lv), nil)
			} else {
				failAt(p, "7.4.2", mh("14-003"), elemLoc(e), checker.Textf(
					"Heading level %d follows level %d: a level is skipped", "Un titre de niveau %d suit un niveau %d : un niveau est sauté", lv, prev), nil)
			}
		} else {
			p.Pass(1)
		}
		prev = lv
	}
	if len(h) > 0 && len(hn) > 0 {
		failAt(p, "7.4.4", mh("14-007"), elemLoc(h[0]), checker.Textf(
			"The document mixes unnumbered headings (H) with numbered headings (H1–H6)",
			"Le document mélange des titres non numérotés (H) et numérotés (H1–H6)"), nil)
	}
	for _, e := range append([]*pdfdoc.Elem{d.Root}, d.Elems...) {
		if n := count(kidTypes(e), "H"); n > 1 {
			failAt(p, "7.4.4", mh("14-006"), elemLoc(e), checker.Textf(
				"%s contains %s; each structural element may hold only one",
				"%s contient %s ; chaque élément de structure n'en admet qu'un", typeName(e),
				checker.Plural(n, "%d unnumbered heading (H)", "%d unnumbered headings (H)", "%d titre non numéroté (H)", "%d titres non numérotés (H)")), nil)
		}
	}
}

package pdf

import (
	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
)

// Lists checks list tags nest as L > LI > Lbl/LBody (ISO 14289-1, 7.2; Matterhorn 09-004).
var Lists = &checker.Rule{
	ID:    "PDF-LISTS",
	Title: checker.Text{En: "Lists are tagged as lists", Fr: "Les listes sont balisées comme des listes"},
	Why: checker.Text{
		En: "A screen reader announces \"list, 5 items\" and lets its user skip a list only when L, LI, Lbl and LBody are nested correctly.",
		Fr: "Un lecteur d'écran annonce « liste, 5 éléments » et permet de passer une liste seulement si L, LI, Lbl et LBody sont correctement imbriqués.",
	},
	Fix: checker.Text{
		En: "Use the bullet and numbering buttons in Word or LibreOffice (not typed dashes or numbers) and export again. In Acrobat, fix the nesting in the Tags panel: L contains LI, LI contains Lbl and LBody.",
		Fr: "Utilisez les boutons Puces et Numérotation de Word ou LibreOffice (pas des tirets ou numéros tapés) et réexportez. Dans Acrobat, corrigez l'imbrication dans le panneau Balises : L contient des LI, un LI contient Lbl et LBody.",
	},
	Affects:  []checker.Audience{checker.Blind},
	Severity: checker.Error,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"1.3.1"}, EN301549: []string{"10.1.3.1"}, RGAA: []string{"9.3"},
		PDFUA: []string{"7.2"}, Matterhorn: []string{"09-005"},
	},
	Run: runLists,
}

func runLists(p *checker.Pass) {
	d := model(p)
	if !tagged(d) {
		return
	}
	for _, e := range d.Elems {
		pt := parentType(e)
		switch e.Type {
		case "L":
			ks := kidTypes(e)
			if t := onlyKids(e, "L", "LI", "Caption"); t != "" {
				badNesting(p, e, "L contains %s; only LI, L and Caption are allowed", "L contient %s ; seuls LI, L et Caption sont permis", t)
			} else if count(ks, "Caption") > 1 || (count(ks, "Caption") == 1 && ks[0] != "Caption") {
				badNesting(p, e, "A list may have one Caption, as its first child", "Une liste peut avoir une Caption, en premier enfant")
			} else {
				p.Pass(1)
			}
		case "LI":
			if pt != "L" {
				badNesting(p, e, "LI is inside %s instead of L", "LI est dans %s au lieu de L", orRoot(pt))
			}
			if t := onlyKids(e, "Lbl", "LBody"); t != "" {
				badNesting(p, e, "LI contains %s; only Lbl and LBody are allowed", "LI contient %s ; seuls Lbl et LBody sont permis", t)
			}
		case "LBody":
			if pt != "LI" {
				badNesting(p, e, "LBody is inside %s instead of LI", "LBody est dans %s au lieu de LI", orRoot(pt))
			}
		}
	}
}

// TOC checks table-of-contents tags nest as TOC > TOCI (ISO 14289-1, 7.2; Matterhorn 09-004).
var TOC = &checker.Rule{
	ID:    "PDF-TOC",
	Title: checker.Text{En: "Tables of contents are tagged as such", Fr: "Les tables des matières sont balisées comme telles"},
	Why: checker.Text{
		En: "A table of contents tagged TOC > TOCI is announced as a navigable list of entries; broken nesting makes it a jumble of lines.",
		Fr: "Une table des matières balisée TOC > TOCI est annoncée comme une liste d'entrées navigable ; une imbrication cassée en fait une suite de lignes confuse.",
	},
	Fix: checker.Text{
		En: "Insert the table of contents with Word (References > Table of Contents) or LibreOffice (Insert > Table of Contents and Index) and export again; in Acrobat, make TOCI children of TOC in the Tags panel.",
		Fr: "Insérez la table des matières avec Word (Références > Table des matières) ou LibreOffice (Insertion > Table des matières et index) et réexportez ; dans Acrobat, placez les TOCI sous TOC dans le panneau Balises.",
	},
	Affects:  []checker.Audience{checker.Blind},
	Severity: checker.Warning,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"1.3.1"}, EN301549: []string{"10.1.3.1"}, RGAA: []string{"9.3"},
		PDFUA: []string{"7.2"}, Matterhorn: []string{"09-006"},
	},
	Run: runTOC,
}

func runTOC(p *checker.Pass) {
	d := model(p)
	if !tagged(d) {
		return
	}
	for _, e := range d.Elems {
		switch e.Type {
		case "TOCI":
			if pt := parentType(e); pt != "TOC" {
				badNesting(p, e, "TOCI is inside %s instead of TOC", "TOCI est dans %s au lieu de TOC", orRoot(pt))
			}
		case "TOC":
			ks := kidTypes(e)
			if t := onlyKids(e, "TOC", "TOCI", "Caption"); t != "" {
				badNesting(p, e, "TOC contains %s; only TOCI, TOC and Caption are allowed", "TOC contient %s ; seuls TOCI, TOC et Caption sont permis", t)
			} else if count(ks, "Caption") > 1 || (count(ks, "Caption") == 1 && ks[0] != "Caption") {
				badNesting(p, e, "A TOC may have one Caption, as its first child", "Une TOC peut avoir une Caption, en premier enfant")
			} else {
				p.Pass(1)
			}
		}
	}
}

package pdf

import (
	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
)

// Links checks link annotations sit in Link tags and have a description (ISO 14289-1,
// 7.18.5; Matterhorn 28-011, 28-012).
var Links = &checker.Rule{
	ID:    "PDF-LINKS",
	Title: checker.Text{En: "Links are tagged and described", Fr: "Les liens sont balisés et décrits"},
	Why: checker.Text{
		En: "A screen reader lists and announces links only when each link annotation sits in a Link tag with its text; a description (Contents) tells where it goes.",
		Fr: "Un lecteur d'écran liste et annonce les liens seulement si chaque annotation de lien est dans une balise Link avec son texte ; une description (Contents) dit où il mène.",
	},
	Fix: checker.Text{
		En: "Create links with Word (Insert > Link) or LibreOffice (Insert > Hyperlink) and export with tags; in Acrobat, Accessibility > Reading Order, or Tags panel > Find > Unmarked Links, and set each link's description.",
		Fr: "Créez les liens avec Word (Insertion > Lien) ou LibreOffice (Insertion > Hyperlien) et exportez avec les balises ; dans Acrobat, Accessibilité > Ordre de lecture, ou panneau Balises > Rechercher > Liens non marqués, et donnez une description à chaque lien.",
	},
	Affects:  []checker.Audience{checker.Blind, checker.Motor},
	Severity: checker.Error,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"2.4.4", "4.1.2"}, EN301549: []string{"10.2.4.4", "10.4.1.2"}, RGAA: []string{"6.1", "6.2"},
		PDFUA: []string{"7.18.5"}, Matterhorn: []string{"28-011", "28-012"},
	},
	Run: runLinks,
}

func runLinks(p *checker.Pass) {
	d := model(p)
	for _, pg := range d.Pages {
		var t tally
		seen := false
		for _, a := range pg.Annots {
			if a.Subtype != "Link" || a.Hidden() {
				continue
			}
			seen = true
			loc := annotLoc(a)
			if tagged(d) && (a.Parent == nil || a.Parent.Type != "Link") {
				t.add("link", "7.18.5", mh("28-011"), loc, checker.Textf("A link is not nested in a Link tag", "Un lien n'est pas imbriqué dans une balise Link"))
			}
			if !a.HasContents || a.Contents == "" {
				// The visible text inside the Link tag is what a screen reader announces;
				// whether it says where the link goes is PDF-LINK-TEXT's question. The
				// alternate description is a PDF/UA requirement only.
				t.addUA("contents", "7.18.5", mh("28-012"), loc, checker.Textf("A link has no alternate description (Contents), which PDF/UA requires beside its visible text", "Un lien n'a pas de description alternative (Contents), que PDF/UA exige en plus de son texte visible"))
			}
		}
		if seen && len(t.order) == 0 {
			p.Pass(1)
		}
		t.report(p)
	}
}

// Forms checks form fields sit in Form tags (ISO 14289-1, 7.18.4; Matterhorn 28-010).
var Forms = &checker.Rule{
	ID:    "PDF-FORMS",
	Title: checker.Text{En: "Form fields are tagged", Fr: "Les champs de formulaire sont balisés"},
	Why: checker.Text{
		En: "A form field outside a Form tag is skipped or read out of order: a screen-reader user cannot tell which label goes with which field.",
		Fr: "Un champ hors d'une balise Form est ignoré ou lu dans le désordre : la personne utilisant un lecteur d'écran ne sait pas quelle étiquette va avec quel champ.",
	},
	Fix: checker.Text{
		En: "In Acrobat: Prepare Form, then Accessibility > Reading Order or Tags panel > Find > Unmarked Annotations > Tag element (as Form). Give each field a tooltip (Properties > General > Tooltip).",
		Fr: "Dans Acrobat : Préparer un formulaire, puis Accessibilité > Ordre de lecture ou panneau Balises > Rechercher > Annotations non marquées > Baliser l'élément (en Form). Donnez une info-bulle à chaque champ (Propriétés > Général > Info-bulle).",
	},
	Affects:  []checker.Audience{checker.Blind, checker.Motor},
	Severity: checker.Error,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"1.3.1", "4.1.2"}, EN301549: []string{"10.1.3.1", "10.4.1.2"}, RGAA: []string{"11.1"},
		PDFUA: []string{"7.18.4"}, Matterhorn: []string{"28-010"},
	},
	Run: runForms,
}

func runForms(p *checker.Pass) {
	d := model(p)
	if !tagged(d) {
		return
	}
	widgets := map[int]bool{}
	for _, pg := range d.Pages {
		for _, a := range pg.Annots {
			if a.Subtype == "Widget" && a.ObjNum != 0 {
				widgets[a.ObjNum] = true
			}
		}
	}
	// A Form element without a Role (a printed field) has one child only: the object
	// reference to its widget (ISO 32000-1, 14.8.4.5, Table 340).
	for _, e := range d.Elems {
		if e.Type != "Form" || e.Role != "" {
			continue
		}
		if len(e.Nodes) == 1 && e.Nodes[0].ObjNum != 0 && widgets[e.Nodes[0].ObjNum] {
			continue
		}
		n := 0
		for _, k := range e.Nodes {
			if k.ObjNum != 0 && widgets[k.ObjNum] {
				n++
			}
		}
		// The fields stay reachable, each with its own name: PDF/UA's structure, not a
		// reader's barrier.
		failUA(p, "7.18.4", mh("28-010"), elemLoc(e), checker.Textf(
			"A Form tag must hold exactly one child, the reference to its form field; it has %s, %s",
			"Une balise Form doit contenir un seul enfant, la référence à son champ ; elle a %s, %s",
			checker.Plural(len(e.Nodes), "%d child", "%d children", "%d enfant", "%d enfants"),
			checker.Plural(n, "%d of them a field", "%d of them fields", "dont %d champ", "dont %d champs")), nil)
	}
	for _, pg := range d.Pages {
		var t tally
		seen := false
		for _, a := range pg.Annots {
			if a.Subtype != "Widget" || a.Hidden() {
				continue
			}
			seen = true
			if a.Parent == nil || a.Parent.Type != "Form" {
				t.add("form", "7.18.4", mh("28-010"), annotLoc(a), checker.Textf("A form field is not nested in a Form tag", "Un champ de formulaire n'est pas imbriqué dans une balise Form"))
			}
		}
		if seen && len(t.order) == 0 {
			p.Pass(1)
		}
		t.report(p)
	}
}

// TabOrder checks pages with annotations use the structure order for tabbing
// (ISO 14289-1, 7.18.3; Matterhorn 28-009).
var TabOrder = &checker.Rule{
	ID:    "PDF-TAB-ORDER",
	Title: checker.Text{En: "Tab order follows the document structure", Fr: "L'ordre de tabulation suit la structure du document"},
	Why: checker.Text{
		En: "Keyboard users move between links and fields with Tab; unless the page's tab order follows the structure, the focus jumps around the page.",
		Fr: "Les personnes naviguant au clavier passent d'un lien ou champ à l'autre avec Tab ; si l'ordre de tabulation ne suit pas la structure, le focus saute dans la page.",
	},
	Fix: checker.Text{
		En: "Acrobat: Page Thumbnails > select all pages > Page Properties > Tab Order > Use Document Structure. Word and LibreOffice set it when exporting with tags.",
		Fr: "Acrobat : Vignettes de page > sélectionner toutes les pages > Propriétés de la page > Ordre de tabulation > Utiliser la structure du document. Word et LibreOffice le règlent à l'export avec balises.",
	},
	Affects:  []checker.Audience{checker.Motor, checker.Blind},
	Severity: checker.Error,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"2.4.3"}, EN301549: []string{"10.2.4.3"}, RGAA: []string{"12.8"},
		PDFUA: []string{"7.18.3"}, Matterhorn: []string{"28-008", "28-009"},
	},
	Run: runTabOrder,
}

func runTabOrder(p *checker.Pass) {
	d := model(p)
	for _, pg := range d.Pages {
		if len(pg.Annots) == 0 {
			continue
		}
		if pg.Tabs != "S" {
			id := "28-009"
			if pg.Tabs == "" {
				id = "28-008"
			}
			// PDF/UA-only: without Tabs a viewer tabs through links and fields in row order,
			// which follows the text on a simple page; the structure order is what PDF/UA
			// asks for. A real focus-order barrier needs a person to see the page.
			failUAWarning(p, "7.18.3", mh(id), checker.Location{Page: pg.Num, Object: pg.Ref}, checker.Textf(
				"Page %d has annotations but its tab order is not the structure order (Tabs is %q)",
				"La page %d a des annotations mais son ordre de tabulation n'est pas celui de la structure (Tabs vaut %q)", pg.Num, pg.Tabs), nil)
			continue
		}
		p.Pass(1)
	}
}

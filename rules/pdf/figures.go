package pdf

import (
	"strings"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
)

// FigureAlt checks every figure has alternative text (ISO 14289-1, 7.3; Matterhorn 13-004).
var FigureAlt = &checker.Rule{
	ID:    "PDF-FIGURE-ALT",
	Title: checker.Text{En: "Figures have alternative text", Fr: "Les figures ont une alternative textuelle"},
	Why: checker.Text{
		En: "A blind reader only knows what a picture, chart or diagram shows from its alternative text; without it the screen reader says \"graphic\" or nothing.",
		Fr: "Une personne aveugle ne sait ce que montre une image, un graphique ou un schéma que par son alternative textuelle ; sans elle, le lecteur d'écran dit « graphique » ou rien.",
	},
	Fix: checker.Text{
		En: "Word: right-click the picture > Edit Alt Text (or mark it decorative); LibreOffice: right-click > Properties > Options > Alternative (Text Alternative), then export again. Acrobat: Accessibility > Set Alternate Text, or Tags panel > Figure > Properties > Alternate Text.",
		Fr: "Word : clic droit sur l'image > Modifier le texte de remplacement (ou la marquer décorative) ; LibreOffice : clic droit > Propriétés > Options > Texte alternatif, puis réexportez. Acrobat : Accessibilité > Définir le texte de remplacement, ou panneau Balises > Figure > Propriétés > Texte de remplacement.",
	},
	Affects:  []checker.Audience{checker.Blind},
	Severity: checker.Error,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"1.1.1"}, EN301549: []string{"10.1.1.1"}, RGAA: []string{"1.1"},
		PDFUA: []string{"7.3"}, Matterhorn: []string{"13-004"},
	},
	Run: func(p *checker.Pass) { runAlt(p, "Figure", "7.3", "13-004") },
}

// FormulaAlt checks every formula has alternative text (ISO 14289-1, 7.7; Matterhorn 17-002).
var FormulaAlt = &checker.Rule{
	ID:    "PDF-FORMULA-ALT",
	Title: checker.Text{En: "Formulas have alternative text", Fr: "Les formules ont une alternative textuelle"},
	Why: checker.Text{
		En: "A formula drawn as glyphs or an image means nothing to a screen reader unless its alternative text says it in words (or MathML-like text).",
		Fr: "Une formule dessinée en glyphes ou en image ne signifie rien pour un lecteur d'écran si son alternative textuelle ne la dit pas en mots.",
	},
	Fix: checker.Text{
		En: "Acrobat: Tags panel > select the Formula tag > Properties > Alternate Text (\"x squared plus one\"). In Word, give equations shown as images alt text before export.",
		Fr: "Acrobat : panneau Balises > sélectionnez la balise Formula > Propriétés > Texte de remplacement (« x au carré plus un »). Dans Word, donnez une alternative aux équations affichées en image avant l'export.",
	},
	Affects:  []checker.Audience{checker.Blind},
	Severity: checker.Error,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"1.1.1"}, EN301549: []string{"10.1.1.1"}, RGAA: []string{"1.1"},
		PDFUA: []string{"7.7"}, Matterhorn: []string{"17-002"},
	},
	Run: func(p *checker.Pass) { runAlt(p, "Formula", "7.7", "17-002") },
}

func runAlt(p *checker.Pass, typ, clause, mhID string) {
	d := model(p)
	if !tagged(d) {
		return
	}
	for _, e := range d.Elems {
		if e.Type != typ {
			continue
		}
		if (e.HasAlt && strings.TrimSpace(e.Alt) != "") || e.HasActualText {
			p.Pass(1)
			continue
		}
		failAt(p, clause, mh(mhID), elemLoc(e), checker.Textf(
			"%s has no alternative text (Alt or ActualText)", "%s n'a pas d'alternative textuelle (Alt ou ActualText)", typeName(e)), nil)
	}
}

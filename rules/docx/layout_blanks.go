package docx

import (
	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/wordproc"
)

// LayoutBlanks finds blank paragraphs, runs of spaces and repeated tabs used to lay out
// the page: each is announced ("blank", "tab") and they break when the text reflows.
var LayoutBlanks = &checker.Rule{
	ID: "DOCX-LAYOUT-BLANKS",
	Title: checker.Text{
		En: "No empty paragraphs, spaces or tabs used for layout",
		Fr: "Pas de paragraphes vides, d'espaces ou de tabulations pour la mise en page",
	},
	Why: checker.Text{
		En: "Screen readers announce every empty line as \"blank\", so a user who hears several thinks the document has ended. Spaces and tabs used to align text fall apart when the text is enlarged or reflowed, and columns built that way are read in the wrong order.",
		Fr: "Les lecteurs d'écran annoncent chaque ligne vide « vide » : en en entendant plusieurs, on croit le document terminé. Les espaces et tabulations d'alignement se défont quand on agrandit ou redistribue le texte, et des colonnes construites ainsi sont lues dans le mauvais ordre.",
	},
	Fix: checker.Text{
		En: "Word: click Home > ¶ to show them; replace empty lines with Layout > Spacing Before/After or Insert > Page Break (Ctrl+Enter), and aligned columns with a table or tab stops (Home > Paragraph > Tabs). LibreOffice Writer: View > Formatting Marks (Ctrl+F10); use Format > Paragraph > Indents & Spacing, Insert > More Breaks > Manual Break, or a table.",
		Fr: "Word : cliquez Accueil > ¶ pour les voir ; remplacez les lignes vides par Mise en page > Espacement avant/après ou Insertion > Saut de page (Ctrl+Entrée), et les colonnes alignées par un tableau ou des taquets (Accueil > Paragraphe > Tabulations). LibreOffice Writer : Affichage > Marques de formatage (Ctrl+F10) ; utilisez Format > Paragraphe > Retraits et espacement, Insertion > Plus de sauts > Saut manuel, ou un tableau.",
	},
	Affects:  []checker.Audience{checker.Blind, checker.LowVision},
	Severity: checker.Tip,
	Kinds:    docxOnly,
	Standards: checker.Standards{
		WCAG: []string{"1.3.2"}, EN301549: []string{"10.1.3.2"}, RGAA: []string{"10.1"},
	},
	Run: runLayoutBlanks,
}

// Thresholds: two empty paragraphs in a row (LibreOffice's check), three spaces (two
// after a full stop is a typing habit), two tabs.
const (
	maxEmptyParagraphs = 2
	maxSpaces          = 3
	maxTabs            = 2
)

func runLayoutBlanks(p *checker.Pass) {
	d := model(p)
	if d == nil {
		return
	}
	var run []*wordproc.Paragraph
	flush := func() {
		if len(run) >= maxEmptyParagraphs {
			p.Fail(paraLoc(run[0]), checker.Textf("%s in a row, used as spacing", "%s à la suite, utilisés pour espacer",
				checker.Plural(len(run), "%d empty paragraph", "%d empty paragraphs", "%d paragraphe vide", "%d paragraphes vides")),
				map[string]string{"count": itoa(len(run))})
		}
		run = run[:0]
	}
	found := false
	for _, b := range d.Body {
		par := b.Para
		if par == nil {
			flush()
			continue
		}
		if !wordproc.HasVisibleText(par.Text) && len(par.Drawings) == 0 && !par.PageBreak && len(par.Links) == 0 {
			run = append(run, par)
			continue
		}
		if len(run) >= maxEmptyParagraphs {
			found = true
		}
		flush()
		if isTOC(par) || isCode(par) || par.Fields {
			continue
		}
		switch {
		case par.MaxTabsInARow >= maxTabs:
			found = true
			p.Fail(paraLoc(par), tr("%d tabs in a row align text in %s", "%d tabulations à la suite alignent le texte dans %s", par.MaxTabsInARow, where(par)),
				map[string]string{"tabs": itoa(par.MaxTabsInARow)})
		case par.MaxSpacesInARow >= maxSpaces:
			found = true
			p.Fail(paraLoc(par), tr("%d spaces in a row lay out text in %s", "%d espaces à la suite mettent en page le texte dans %s", par.MaxSpacesInARow, where(par)),
				map[string]string{"spaces": itoa(par.MaxSpacesInARow)})
		}
	}
	// Trailing empty paragraphs at the very end are harmless: drop them.
	run = run[:0]
	if !found && len(d.Body) > 0 {
		p.Pass(1)
	}
}

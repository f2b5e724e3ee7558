package pdf

import (
	"strings"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
)

// EmptyParagraphs finds runs of empty paragraphs used to make space: a screen reader
// announces each one as "blank", and the spacing breaks when the text reflows.
var EmptyParagraphs = &checker.Rule{
	ID:    "PDF-EMPTY-PARAGRAPHS",
	Title: checker.Text{En: "Space is made with spacing, not empty paragraphs", Fr: "L'espace est créé par l'espacement, pas par des paragraphes vides"},
	Why: checker.Text{
		En: "Runs of empty paragraphs pressed to push text down leave empty tags that some screen readers announce as \"blank, blank, blank\" and that clutter navigation by paragraph, and the layout they make falls apart when the text is enlarged or reflowed.",
		Fr: "Les suites de paragraphes vides tapées pour descendre le texte laissent des balises vides que certains lecteurs d'écran annoncent « vide, vide, vide » et qui encombrent la navigation par paragraphe, et la mise en page qu'elles créent se défait quand le texte est agrandi ou redistribué.",
	},
	Fix: checker.Text{
		En: "In the source document, delete the empty paragraphs and use paragraph spacing (Word: Layout > Spacing Before/After, or Insert > Page Break; LibreOffice Writer: Format > Paragraph > Indents & Spacing) and export again. In Acrobat: Tags panel, delete the empty P tags.",
		Fr: "Dans le document source, supprimez les paragraphes vides et utilisez l'espacement des paragraphes (Word : Mise en page > Espacement Avant/Après, ou Insertion > Saut de page ; LibreOffice Writer : Format > Paragraphe > Retraits et espacement) puis exportez de nouveau. Dans Acrobat : panneau Balises, supprimez les balises P vides.",
	},
	Affects:  []checker.Audience{checker.Blind, checker.LowVision},
	Severity: checker.Tip,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"1.3.2"}, EN301549: []string{"10.1.3.2"}, RGAA: []string{"10.1"},
	},
	Run: runEmptyParagraphs,
}

// minEmptyRun: two blank lines are ordinary; three in a row are layout.
const minEmptyRun = 3

func emptyPara(e *pdfdoc.Elem) bool {
	return e.Type == "P" && len(e.Kids) == 0 && !e.HasAlt && !e.HasActualText && strings.TrimSpace(e.Text) == ""
}

func runEmptyParagraphs(p *checker.Pass) {
	d := model(p)
	if !tagged(d) {
		return
	}
	runs, paras := 0, 0
	var first *pdfdoc.Elem
	for _, parent := range append([]*pdfdoc.Elem{d.Root}, d.Elems...) {
		n := 0
		var start *pdfdoc.Elem
		flush := func() {
			if n >= minEmptyRun {
				runs++
				paras += n
				if first == nil {
					first = start
				}
			}
			n, start = 0, nil
		}
		for _, k := range parent.Kids {
			if !emptyPara(k) {
				flush()
				continue
			}
			if n == 0 {
				start = k
			}
			n++
		}
		flush()
	}
	if runs == 0 {
		p.Pass(1)
		return
	}
	p.Fail(elemLoc(first), checker.Textf(
		"%s of %d or more empty paragraph tags (%d in all) %s used to make space between blocks",
		"%s d'au moins %d balises de paragraphe vides (%d en tout) %s à créer de l'espace entre des blocs",
		checker.Plural(runs, "%d run", "%d runs", "%d suite", "%d suites"), minEmptyRun, paras,
		checker.Plural(runs, "was", "were", "a servi", "ont servi")), map[string]string{"count": itoa(runs), "paragraphs": itoa(paras)})
}

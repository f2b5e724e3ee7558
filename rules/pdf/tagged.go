package pdf

import (
	"strings"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
)

// Tagged checks the document is a tagged PDF: a structure tree, MarkInfo Marked true and
// no Suspects (ISO 14289-1, 7.1).
var Tagged = &checker.Rule{
	ID:    "PDF-TAGGED",
	Title: checker.Text{En: "The PDF is tagged", Fr: "Le PDF est balisé"},
	Why: checker.Text{
		En: "Tags are the structure screen readers, reflow and read-aloud follow: headings, paragraphs, lists, tables, alternative texts. An untagged PDF is read as one undifferentiated stream of text, often in the wrong order.",
		Fr: "Les balises sont la structure que suivent les lecteurs d'écran, la redistribution et la lecture à voix haute : titres, paragraphes, listes, tableaux, alternatives textuelles. Un PDF non balisé se lit comme un flot de texte indifférencié, souvent dans le désordre.",
	},
	Fix: checker.Text{
		En: "Export again with tags: Word: File > Save As > PDF > Options > \"Document structure tags for accessibility\"; LibreOffice: File > Export as PDF > General > \"Universal Accessibility (PDF/UA)\" (or \"Tagged PDF\"). In Acrobat: Accessibility > Autotag Document, then check the tags.",
		Fr: "Exportez de nouveau avec les balises : Word : Fichier > Enregistrer sous > PDF > Options > « Balises de structure de document pour l'accessibilité » ; LibreOffice : Fichier > Exporter au format PDF > Général > « Accessibilité universelle (PDF/UA) » (ou « PDF balisé »). Dans Acrobat : Accessibilité > Ajouter automatiquement des balises, puis vérifiez-les.",
	},
	Affects:  []checker.Audience{checker.Blind, checker.Cognitive, checker.LowVision},
	Severity: checker.Error,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"1.3.1"}, EN301549: []string{"10.1.3.1"}, RGAA: []string{"9.1"},
		PDFUA: []string{"7.1"}, Matterhorn: []string{"01-005", "01-007"},
	},
	Run: runTagged,
}

func runTagged(p *checker.Pass) {
	d := model(p)
	// Without tags, a screen reader gets one stream of text: no headings, lists, tables,
	// image descriptions or form labels. That blocks: the document is in the low band.
	if d.Root == nil {
		p.Report(checker.Finding{Outcome: checker.Failed, Blocking: true, Standards: std(p.Rule, "7.1", mh("01-005")...), Message: checker.Textf(
			"The document has no structure tree (StructTreeRoot): it is not tagged",
			"Le document n'a pas d'arbre de structure (StructTreeRoot) : il n'est pas balisé")})
	} else if tagsNothing(d) {
		p.Report(checker.Finding{Outcome: checker.Failed, Blocking: true, Standards: wcagOnly(p.Rule.Standards), Message: checker.Textf(
			"The structure tree tags almost nothing (%s; %s on the pages %s to no tag): the document reads like an untagged one",
			"L'arbre de structure ne balise presque rien (%s ; %s des pages %s à aucune balise) : le document se lit comme un document non balisé",
			checker.Plural(len(d.Elems), "%d structure element", "%d structure elements", "%d élément de structure", "%d éléments de structure"),
			checker.Plural(untaggedText(d), "%d content item", "%d content items", "%d élément de contenu", "%d éléments de contenu"),
			checker.Plural(untaggedText(d), "belongs", "belong", "n'appartient", "n'appartiennent"))})
	} else {
		p.Pass(1)
	}
	switch {
	case !d.HasMarkInfo || !d.Marked:
		// Without a structure tree, the missing tree is the reader's problem, reported
		// above; the missing MarkInfo is then one more PDF/UA requirement, not a second
		// report of the same defect.
		report := failAt
		if d.Root == nil {
			report = failUAWarning
		}
		report(p, "7.1", mh("01-005"), checker.Location{}, checker.Textf(
			"The catalog does not declare the document as tagged (MarkInfo Marked is not true)",
			"Le catalogue ne déclare pas le document comme balisé (MarkInfo Marked n'est pas vrai)"), nil)
	default:
		p.Pass(1)
	}
	if d.Truncated {
		p.Report(checker.Finding{Outcome: checker.Review, Message: checker.Textf(
			"The document is too large or too deep to analyse entirely within the limits (%s): findings cover the part that was read",
			"Le document est trop volumineux ou trop profond pour être analysé en entier dans les limites (%s) : les résultats portent sur la partie lue",
			strings.Join(d.Notes, "; "))})
	}
	if d.Suspects {
		failAt(p, "7.1", mh("01-007"), checker.Location{}, checker.Textf(
			"MarkInfo Suspects is true: the producer says the tags may be wrong",
			"MarkInfo Suspects est vrai : le logiciel producteur signale que les balises peuvent être fausses"), nil)
	}
}

// tagsNothing reports a structure tree that exists but carries no structure a reader can
// use: no element holds content, or at most one does while the pages show text that
// mostly belongs to no tag (an empty tree left by a converter, or the whole text in one
// element). Such a file passes a "has tags" test yet is read like an untagged one.
func tagsNothing(d *pdfdoc.Doc) bool {
	holders := 0
	for _, e := range d.Elems {
		for _, n := range e.Nodes {
			if n.MCID >= 0 || n.ObjNum != 0 {
				holders++
				break
			}
		}
		if holders > 1 {
			return false
		}
	}
	shows := textShows(d)
	if holders == 0 {
		return shows > 0
	}
	// One element: trivial when it holds a whole text of some length (20 text-showing
	// operators is about a third of a page).
	return shows >= 20 && untaggedText(d)*2 >= shows || len(d.Elems) <= 2 && shows >= 20
}

func textShows(d *pdfdoc.Doc) int {
	n := 0
	for _, pg := range d.Pages {
		n += pg.Content.TextShows
	}
	return n
}

// untaggedText counts the pages' content items neither tagged nor artifacts.
func untaggedText(d *pdfdoc.Doc) int {
	n := 0
	for _, pg := range d.Pages {
		n += pg.Content.Untagged
	}
	return n
}

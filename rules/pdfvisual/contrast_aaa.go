package pdfvisual

import (
	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
)

// TextContrastAAA is WCAG 1.4.6 Contrast (Enhanced), level AAA: a tip for text that
// meets 1.4.3 but not the 7:1 (4.5:1 large) that many readers with low vision need.
// Text below 1.4.3 is left to PDF-TEXT-CONTRAST, so one run is never reported twice.
var TextContrastAAA = &checker.Rule{
	ID: "PDF-TEXT-CONTRAST-AAA",
	Title: checker.Text{
		En: "Text has enhanced contrast (7:1, 4.5:1 for large text)",
		Fr: "Le texte a un contraste renforcé (7:1, 4,5:1 pour les grands caractères)",
	},
	Why: checker.Text{
		En: "The minimum contrast of 4.5:1 is not enough for everyone: readers with moderately low vision, cataracts or ageing eyes read much more comfortably at 7:1, as does anyone reading on a phone outdoors.",
		Fr: "Le contraste minimal de 4,5:1 ne suffit pas à tous : les personnes ayant une basse vision modérée, une cataracte ou une vue vieillissante lisent bien plus facilement à 7:1, comme quiconque lit sur un téléphone en extérieur.",
	},
	Fix: checker.Text{
		En: "Where you can, use near-black text on white (for example #333333 or darker, 12.6:1) or white on a dark colour. In Word or LibreOffice Writer, change the font colour of the style and export the PDF again; in Acrobat, Edit PDF > select the text > change its colour.",
		Fr: "Quand c'est possible, utilisez un texte presque noir sur blanc (par exemple #333333 ou plus foncé, 12,6:1) ou du blanc sur une couleur sombre. Dans Word ou LibreOffice Writer, changez la couleur de police du style et exportez à nouveau le PDF ; dans Acrobat, Modifier le PDF > sélectionnez le texte > changez sa couleur.",
	},
	Affects:  []checker.Audience{checker.LowVision},
	Severity: checker.Tip,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"1.4.6"},
	},
	Run: func(p *checker.Pass) { runContrast(p, true) },
}

package docx

import (
	"fmt"
	"unicode/utf8"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/wordproc"
)

// Shared metadata of the heading rules.
var (
	headingAffects   = []checker.Audience{checker.Blind, checker.Cognitive, checker.Motor}
	headingStandards = checker.Standards{
		WCAG: []string{"1.3.1", "2.4.6"}, EN301549: []string{"10.1.3.1", "10.2.4.6"}, RGAA: []string{"9.1"},
	}
	headingFix = checker.Text{
		En: "Word: put the cursor in the title line and pick Home > Styles > Heading 1 (Heading 2 for its sub-sections...); View > Navigation Pane shows the outline. LibreOffice Writer: Format > Paragraph > Outline & List > Outline level, or pick \"Heading 1\"... in the Paragraph Style box (F11 opens the styles); View > Navigator shows the outline.",
		Fr: "Word : placez le curseur dans la ligne de titre et choisissez Accueil > Styles > Titre 1 (Titre 2 pour ses sous-parties…) ; Affichage > Volet de navigation montre le plan. LibreOffice Writer : Format > Paragraphe > Plan & numérotation > Niveau de plan, ou choisissez « Titre 1 »… dans la liste des styles de paragraphe (F11 ouvre les styles) ; Affichage > Navigateur montre le plan.",
	}
)

// mainHeadings lists the headings of the main body, in order.
func mainHeadings(d *wordproc.Document) []*wordproc.Paragraph {
	var hs []*wordproc.Paragraph
	for _, par := range d.Paragraphs {
		if par.HeadingLevel > 0 && isMain(d, par) && par.TextBox == nil {
			hs = append(hs, par)
		}
	}
	return hs
}

// HeadingsMissing fails a long document with no heading at all: its readers cannot jump
// from section to section.
var HeadingsMissing = &checker.Rule{
	ID: "DOCX-HEADINGS-MISSING",
	Title: checker.Text{
		En: "A long document is structured with headings",
		Fr: "Un long document est structuré par des titres",
	},
	Why: checker.Text{
		En: "Screen-reader users move through a document by its headings (the H key, the headings list) the way sighted readers scan it; without heading styles a long document must be listened to from top to bottom. Headings also build the navigation pane and the PDF bookmarks.",
		Fr: "Les utilisateurs de lecteur d'écran parcourent un document par ses titres (touche H, liste des titres) comme un lecteur voyant le survole ; sans styles de titre, il faut écouter un long document du début à la fin. Les titres construisent aussi le volet de navigation et les signets du PDF.",
	},
	Fix:       headingFix,
	Affects:   headingAffects,
	Severity:  checker.Error,
	Kinds:     docxOnly,
	Standards: headingStandards,
	Run:       runHeadingsMissing,
}

// A document is long, and needs headings to be navigable, from about two pages of text:
// 20 paragraphs and 3,000 characters (code lines do not count), or 3 pages with 10
// paragraphs.
const (
	longParagraphs = 20
	longChars      = 3000
)

func runHeadingsMissing(p *checker.Pass) {
	d := model(p)
	if d == nil {
		return
	}
	if len(mainHeadings(d)) > 0 {
		p.Pass(1)
		return
	}
	n, chars := 0, 0
	for _, par := range d.Paragraphs {
		if isMain(d, par) && par.Table == nil && par.TextBox == nil && !isCode(par) && wordproc.HasVisibleText(par.Text) {
			n++
			chars += utf8.RuneCountInString(par.Text)
		}
	}
	if (n < longParagraphs || chars < longChars) && (d.Pages < 3 || n < longParagraphs/2) {
		return // a short note or letter: headings are optional
	}
	p.Fail(checker.Location{Part: d.MainPart, Path: "/w:document/w:body"}, checker.Textf(
		"The document has %s of text (%s) and no heading: no paragraph uses a Heading style or an outline level",
		"Le document a %s de texte (%s) et aucun titre : aucun paragraphe n'utilise un style Titre ni un niveau de plan",
		checker.Plural(n, "%d paragraph", "%d paragraphs", "%d paragraphe", "%d paragraphes"), checker.Plural(d.Pages, "%d page", "%d pages", "%d page", "%d pages")),
		map[string]string{"paragraphs": itoa(n)})
}

// HeadingOrder checks that the outline starts at level 1 and never skips a level.
var HeadingOrder = &checker.Rule{
	ID: "DOCX-HEADING-ORDER",
	Title: checker.Text{
		En: "Heading levels start at 1 and do not skip levels",
		Fr: "Les niveaux de titre commencent à 1 et ne sautent pas de niveau",
	},
	Why: checker.Text{
		En: "A screen reader announces each heading's level; a jump from Heading 1 to Heading 3 suggests a missing section, and a document starting at Heading 2 has a broken outline in the navigation pane and the PDF bookmarks.",
		Fr: "Un lecteur d'écran annonce le niveau de chaque titre ; un saut de Titre 1 à Titre 3 laisse croire qu'une partie manque, et un document qui commence au Titre 2 a un plan cassé dans le volet de navigation et les signets du PDF.",
	},
	Fix:       headingFix,
	Affects:   headingAffects,
	Severity:  checker.Warning,
	Kinds:     docxOnly,
	Standards: headingStandards,
	Run:       runHeadingOrder,
}

func runHeadingOrder(p *checker.Pass) {
	d := model(p)
	if d == nil {
		return
	}
	prev := 0
	for _, h := range mainHeadings(d) {
		if !wordproc.HasVisibleText(h.Text) {
			continue // DOCX-HEADING-EMPTY reports it
		}
		l := h.HeadingLevel
		data := map[string]string{"level": itoa(l), "previous": itoa(prev)}
		switch {
		case prev == 0 && l > 1:
			p.Fail(paraLoc(h), tr("The first heading is level %d, not 1: %s", "Le premier titre est de niveau %d, pas 1 : %s", l, where(h)), data)
		case prev > 0 && l > prev+1:
			p.Fail(paraLoc(h), tr("Heading level %d follows level %d (level %d is skipped): %s",
				"Un titre de niveau %d suit un niveau %d (le niveau %d est sauté) : %s", l, prev, prev+1, where(h)), data)
		default:
			p.Pass(1)
		}
		prev = l
	}
}

// HeadingEmpty fails headings with no text: a screen reader announces "heading level 2"
// and nothing else.
var HeadingEmpty = &checker.Rule{
	ID: "DOCX-HEADING-EMPTY",
	Title: checker.Text{
		En: "Headings are not empty",
		Fr: "Les titres ne sont pas vides",
	},
	Why: checker.Text{
		En: "An empty paragraph in a heading style (often used for spacing) is announced as a heading with nothing in it and appears as a blank entry in the navigation pane, the table of contents and the PDF bookmarks.",
		Fr: "Un paragraphe vide en style de titre (souvent utilisé pour espacer) est annoncé comme un titre sans contenu et apparaît comme une entrée vide dans le volet de navigation, la table des matières et les signets du PDF.",
	},
	Fix: checker.Text{
		En: "Word: click in the empty line (Home > ¶ shows it) and apply the Normal style, or delete it; add space with Layout > Spacing Before/After instead. LibreOffice Writer: apply the \"Body Text\" or \"Default Paragraph Style\" style, or delete the line; use Format > Paragraph > Indents & Spacing for space.",
		Fr: "Word : cliquez dans la ligne vide (Accueil > ¶ l'affiche) et appliquez le style Normal, ou supprimez-la ; pour espacer, utilisez Mise en page > Espacement avant/après. LibreOffice Writer : appliquez le style « Corps de texte » ou « Style de paragraphe par défaut », ou supprimez la ligne ; espacez avec Format > Paragraphe > Retraits et espacement.",
	},
	Affects:   headingAffects,
	Severity:  checker.Warning,
	Kinds:     docxOnly,
	Standards: headingStandards,
	Run:       runHeadingEmpty,
}

func runHeadingEmpty(p *checker.Pass) {
	d := model(p)
	if d == nil {
		return
	}
	for _, h := range mainHeadings(d) {
		if wordproc.HasVisibleText(h.Text) || len(h.Drawings) > 0 {
			p.Pass(1)
			continue
		}
		p.Fail(paraLoc(h), checker.Textf("An empty paragraph has the heading style %q (level %d)",
			"Un paragraphe vide porte le style de titre %q (niveau %d)", h.StyleName, h.HeadingLevel),
			map[string]string{"level": itoa(h.HeadingLevel)})
	}
}

func itoa(n int) string { return fmt.Sprint(n) }

package docx

import (
	"regexp"
	"strings"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/wordproc"
)

// FakeList finds lists typed by hand ("1.", "a)", "-", "•" at the start of paragraphs)
// instead of made with list numbering: screen readers do not announce them as lists.
var FakeList = &checker.Rule{
	ID: "DOCX-FAKE-LIST",
	Title: checker.Text{
		En: "Lists use list formatting, not typed numbers or bullets",
		Fr: "Les listes utilisent la mise en forme de liste, pas des numéros ou puces tapés",
	},
	Why: checker.Text{
		En: "A real list is announced as \"list, 4 items\" and each item with its position, so a screen-reader user knows how long it is and can skip it. Numbers or dashes typed by hand are read as ordinary text, and they break when the list is edited.",
		Fr: "Une vraie liste est annoncée « liste, 4 éléments » et chaque élément avec sa position : l'utilisateur d'un lecteur d'écran sait combien il y en a et peut la passer. Des numéros ou tirets tapés à la main sont lus comme du texte ordinaire et se décalent à chaque modification.",
	},
	Fix: checker.Text{
		En: "Word: select the paragraphs, delete the typed numbers or dashes and click Home > Bullets or Home > Numbering (or apply the List Bullet / List Number style). LibreOffice Writer: select them and use Format > Bullets and Numbering, or the toolbar's Toggle Unordered/Ordered List (or the List Bullet / List Number styles).",
		Fr: "Word : sélectionnez les paragraphes, supprimez les numéros ou tirets tapés et cliquez Accueil > Puces ou Accueil > Numérotation (ou appliquez le style Liste à puces / Liste numéros). LibreOffice Writer : sélectionnez-les puis Format > Puces et numérotation, ou les boutons Liste non ordonnée / ordonnée de la barre d'outils.",
	},
	Affects:  []checker.Audience{checker.Blind, checker.Cognitive},
	Severity: checker.Warning,
	Kinds:    docxOnly,
	Standards: checker.Standards{
		WCAG: []string{"1.3.1"}, EN301549: []string{"10.1.3.1"}, RGAA: []string{"9.3"},
	},
	Run: runFakeList,
}

var (
	// bulletStart: a bullet character is a list item on its own.
	bulletStart = regexp.MustCompile(`^[•●▪■◦○➢➤►▶✓✔□❖◆]\s*\S`)
	// markerStart: numbers, letters, roman numerals and dashes need two paragraphs in a
	// row, as in LibreOffice's check, because "1. Introduction", "A. Martin" or a line of
	// dialogue opened by a French "— " alone is not a list.
	markerStart = regexp.MustCompile(`^(\(?\d{1,2}[.)]|\(?[a-zA-Z][.)]|\(?[ivxIVX]{1,4}[.)]|[-*+>–—])\s+\S`)
)

func runFakeList(p *checker.Pass) {
	d := model(p)
	if d == nil {
		return
	}
	var group []*wordproc.Paragraph
	flush := func() {
		if len(group) >= 2 || (len(group) == 1 && bulletStart.MatchString(strings.TrimSpace(group[0].Text))) {
			first := group[0]
			p.Fail(paraLoc(first), checker.Textf("%s with a typed list marker instead of list formatting, %s%q",
				"%s par une marque de liste tapée au lieu d'une mise en forme de liste, %s%q",
				checker.Plural(len(group), "%d paragraph starts", "%d paragraphs start", "%d paragraphe commence", "%d paragraphes commencent"),
				checker.Plural(len(group), "", "from ", "", "à partir de "), snippet(first.Text)), map[string]string{"items": itoa(len(group))})
		}
		group = group[:0]
	}
	lists := 0
	var prevCell *wordproc.Cell
	for _, par := range d.Paragraphs {
		if !isMain(d, par) {
			continue
		}
		if par.Cell != prevCell {
			flush()
			prevCell = par.Cell
		}
		if par.Numbered {
			lists++
			flush()
			continue
		}
		text := strings.TrimSpace(par.Text)
		if text == "" {
			continue // blank lines between items do not end a typed list
		}
		if par.HeadingLevel == 0 && !isTOC(par) && !isCode(par) && (bulletStart.MatchString(text) || markerStart.MatchString(text)) {
			group = append(group, par)
			continue
		}
		flush()
	}
	flush()
	if lists > 0 {
		p.Pass(lists)
	}
}

package pdf

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
)

// ManualLists finds lists typed by hand: consecutive paragraphs starting with "•", "-",
// "1." or "a)" tagged P rather than L/LI. A screen reader then announces neither that a
// list starts nor how many items it has.
var ManualLists = &checker.Rule{
	ID:    "PDF-MANUAL-LIST",
	Title: checker.Text{En: "Lists are tagged as lists", Fr: "Les listes sont balisées comme des listes"},
	Why: checker.Text{
		En: "A screen reader announces a list and its number of items (\"list of 5 items\") and lets its user skip it; bullets or numbers typed by hand are read as plain paragraphs, and the bullet character may be read aloud.",
		Fr: "Un lecteur d'écran annonce une liste et son nombre d'éléments (« liste de 5 éléments ») et permet de la sauter ; des puces ou numéros tapés à la main sont lus comme de simples paragraphes, et le caractère de puce peut être lu à voix haute.",
	},
	Fix: checker.Text{
		En: "In the source document, use the list buttons rather than typed characters (Word: Home > Bullets or Numbering; LibreOffice Writer: Format > Bullets and Numbering) and export again. In Acrobat: Tags panel, put the paragraphs in an L tag with one LI (Lbl + LBody) per item.",
		Fr: "Dans le document source, utilisez les boutons de liste plutôt que des caractères tapés (Word : Accueil > Puces ou Numérotation ; LibreOffice Writer : Format > Puces et numérotation) et exportez de nouveau. Dans Acrobat : panneau Balises, placez les paragraphes dans une balise L avec un LI (Lbl + LBody) par élément.",
	},
	Affects:  []checker.Audience{checker.Blind, checker.Cognitive},
	Severity: checker.Warning,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"1.3.1"}, EN301549: []string{"10.1.3.1"}, RGAA: []string{"9.3"},
	},
	Run: runManualLists,
}

var (
	bulletMarker = regexp.MustCompile(`^[•◦▪▫■□●○◆◇►▸‣⁃∙·➢➤✓✔❖\x{F0A7}\x{F0B7}\x{F0D8}\x{F076}\x{F0FC}]\s*\S`)
	dashMarker   = regexp.MustCompile(`^[-–—*]\s+\S`)
	numMarker    = regexp.MustCompile(`^\(?(\d{1,2})[.)]\s+\S`)
	letterMarker = regexp.MustCompile(`^\(?([a-zA-Z])\)\s+\S`)
)

// listMarker names the kind of marker a paragraph starts with, "" for none.
func listMarker(text string) string {
	switch {
	case bulletMarker.MatchString(text):
		return "bullet"
	case dashMarker.MatchString(text):
		return "dash"
	case numMarker.MatchString(text):
		return "number"
	case letterMarker.MatchString(text):
		return "letter"
	}
	return ""
}

// inList reports an element inside a list, a table of contents or a table, where a
// leading number or bullet is the tool's own.
func inList(e *pdfdoc.Elem) bool {
	for a := e.Parent; a != nil; a = a.Parent {
		switch a.Type {
		case "L", "LI", "LBody", "Lbl", "TOC", "TOCI", "Table", "TR", "TD", "TH":
			return true
		}
	}
	return false
}

func runManualLists(p *checker.Pass) {
	d := model(p)
	if !tagged(d) {
		return
	}
	runs, items := 0, 0
	var first *pdfdoc.Elem
	var firstText string
	for _, parent := range append([]*pdfdoc.Elem{d.Root}, d.Elems...) {
		if parent.Type == "L" || parent.Type == "LI" {
			continue
		}
		kind, n := "", 0
		var start *pdfdoc.Elem
		flush := func() {
			// Two items make a list; one line starting with "1." is often a numbered heading.
			if n >= 2 {
				runs++
				items += n
				if first == nil {
					first, firstText = start, elemText(start)
				}
			}
			kind, n, start = "", 0, nil
		}
		for _, k := range parent.Kids {
			if k.Type != "P" || inList(k) {
				flush()
				continue
			}
			text := elemText(k)
			m := listMarker(text)
			if m == "" || utf8.RuneCountInString(text) < 4 {
				flush()
				continue
			}
			if m != kind {
				flush()
				kind, start = m, k
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
		"%s (%s starting with a bullet, dash, number or letter) %s as paragraphs, not L/LI; the first starts with %q",
		"%s (%s commençant par une puce, un tiret, un numéro ou une lettre) %s en paragraphes, pas en L/LI ; la première commence par %q",
		checker.Plural(runs, "%d list typed by hand", "%d lists typed by hand", "%d liste tapée à la main", "%d listes tapées à la main"),
		checker.Plural(items, "%d paragraph", "%d paragraphs", "%d paragraphe", "%d paragraphes"),
		checker.Plural(runs, "is tagged", "are tagged", "est balisée", "sont balisées"), quote(strings.TrimSpace(firstText))), map[string]string{"count": itoa(runs), "items": itoa(items)})
}

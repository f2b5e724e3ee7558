package pdf

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
)

// FakeHeadings finds text that looks like a heading but is not tagged as one: a short
// line visibly larger or bolder than the body text, tagged P or Span; and heading levels
// whose sizes contradict the visual hierarchy (an H3 larger than the H1).
var FakeHeadings = &checker.Rule{
	ID:    "PDF-FAKE-HEADINGS",
	Title: checker.Text{En: "Text that looks like a heading is tagged as a heading", Fr: "Le texte qui a l'aspect d'un titre est balisé comme un titre"},
	Why: checker.Text{
		En: "Sighted readers scan a document by its large or bold headings; screen-reader users jump from heading to heading (H key, headings list), which only works for text tagged H1–H6. A heading tagged as a paragraph is invisible to them, and levels that contradict the sizes give a false outline.",
		Fr: "Les lecteurs voyants parcourent un document par ses titres en grand ou en gras ; les utilisateurs de lecteur d'écran sautent de titre en titre (touche H, liste des titres), ce qui ne marche que pour le texte balisé H1–H6. Un titre balisé comme paragraphe leur est invisible, et des niveaux qui contredisent les tailles donnent un plan faux.",
	},
	Fix: checker.Text{
		En: "In the source document, apply the heading styles (Word: Home > Styles > Heading 1, 2, 3; LibreOffice Writer: Styles > Heading 1, 2, 3) instead of enlarging or bolding text by hand, and export again. In Acrobat: Tags panel, change the tag's type to H1–H6 (Properties > Type) in the order of the visual hierarchy.",
		Fr: "Dans le document source, appliquez les styles de titre (Word : Accueil > Styles > Titre 1, 2, 3 ; LibreOffice Writer : Styles > Titre 1, 2, 3) au lieu d'agrandir ou de mettre en gras le texte à la main, puis exportez de nouveau. Dans Acrobat : panneau Balises, changez le type de la balise en H1–H6 (Propriétés > Type) dans l'ordre de la hiérarchie visuelle.",
	},
	Affects:  []checker.Audience{checker.Blind, checker.Cognitive, checker.Motor},
	Severity: checker.Warning,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"1.3.1", "2.4.6"}, EN301549: []string{"10.1.3.1", "10.2.4.6"}, RGAA: []string{"9.1"},
	},
	Run: runFakeHeadings,
}

// Thresholds, as in DOCX-FAKE-HEADING: a heading is short and does not end like a
// sentence; "larger" is 4 pt over the body text (the step between Word's Normal and
// Heading 2), and the whole line in bold counts as a heading only before longer text.
const (
	maxHeadingRunes = 120
	maxHeadingWords = 14
	largerBy        = 4.0
	minBodyChars    = 400 // below this the body size is not known well enough
)

// bodySize is the font size of most characters of regular (not bold) P elements, to
// the half point: a bold footer tagged P on every page is not the body text.
func bodySize(d *pdfdoc.Doc) (float64, int) {
	hist := map[float64]int{}
	total := 0
	for _, e := range d.Elems {
		if e.Type != "P" || e.Chars == 0 || e.BoldChars*2 >= e.Chars {
			continue
		}
		hist[math.Round(e.FontSize()*2)/2] += e.Chars
		total += e.Chars
	}
	best, n := 0.0, 0
	for s, c := range hist {
		if c > n || c == n && s < best {
			best, n = s, c
		}
	}
	return best, total
}

func headingLike(text string) bool {
	letters := 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	// A page number, "P19" or "2." is no heading.
	if letters < 4 || utf8.RuneCountInString(text) > maxHeadingRunes || wordCount(text) > maxHeadingWords {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(text)
	return !strings.ContainsRune(".,;:!?…»)", last) && listMarker(text) != "bullet" && listMarker(text) != "dash"
}

// inHeadingContext reports an element inside a heading, list, table, table of contents,
// caption, note, figure or form, where size and weight carry other meanings.
func inHeadingContext(e *pdfdoc.Elem) bool {
	for a := e.Parent; a != nil; a = a.Parent {
		if headingLevel(a.Type) > 0 || a.Type == "H" {
			return true
		}
		switch a.Type {
		case "L", "LI", "LBody", "Lbl", "TOC", "TOCI", "Table", "TR", "TD", "TH", "Caption", "Note", "Figure", "Form", "Link", "Reference":
			return true
		}
	}
	return false
}

func runFakeHeadings(p *checker.Pass) {
	d := model(p)
	if !tagged(d) {
		return
	}
	body, bodyChars := bodySize(d)
	if body == 0 || bodyChars < minBodyChars {
		return
	}
	// Paragraph-level elements in document order, to see what follows a candidate.
	var flow []*pdfdoc.Elem
	for _, e := range d.Elems {
		if (e.Type == "P" || e.Type == "Span" && e.Parent != nil && (e.Parent.Type == "Document" || e.Parent.Type == "Sect" || e.Parent.Type == "Div" || e.Parent.Type == "Part" || e.Parent.Type == "Art")) && e.Chars > 0 && !inHeadingContext(e) {
			flow = append(flow, e)
		}
	}
	var large, bold []*pdfdoc.Elem
	for i, e := range flow {
		text := strings.TrimSpace(elemText(e))
		if !headingLike(text) || len(e.Kids) > 0 {
			continue
		}
		size := e.FontSize()
		allBold := e.BoldChars*10 >= e.Chars*9
		isLarge := size >= body+largerBy && size >= body*1.25
		if !isLarge && !(allBold && size >= body-0.5) {
			continue
		}
		// A heading introduces text: the next block is longer body text.
		if i+1 >= len(flow) {
			continue
		}
		next := flow[i+1]
		nextText := elemText(next)
		if utf8.RuneCountInString(nextText) <= utf8.RuneCountInString(text) || next.FontSize() > size-0.5 && next.BoldChars*2 >= next.Chars {
			continue
		}
		if isLarge {
			large = append(large, e)
		} else {
			bold = append(bold, e)
		}
	}
	examples := func(es []*pdfdoc.Elem) string {
		var q []string
		seen := map[string]bool{}
		for _, e := range es {
			t := quote(elemText(e))
			if seen[t] {
				continue
			}
			if seen[t] = true; len(q) == 3 {
				q = append(q, "…")
				break
			}
			q = append(q, fmt.Sprintf("%q (%.0f pt)", t, e.FontSize()))
		}
		return strings.Join(q, ", ")
	}
	data := func(es []*pdfdoc.Elem) map[string]string {
		return map[string]string{"count": itoa(len(es)), "body_size": fmt.Sprintf("%.1f", body)}
	}
	if len(large) > 0 {
		p.Fail(elemLoc(large[0]), checker.Textf(
			"%s %s than the %.1f pt body text %s as %s, not %s: %s",
			"%s plus %s que le texte courant en %.1f pt %s comme %s, pas comme %s : %s",
			checker.Plural(len(large), "%d line", "%d lines", "%d ligne", "%d lignes"), checker.Plural(len(large), "larger", "larger", "grande", "grandes"), body,
			checker.Plural(len(large), "is tagged", "are tagged", "est balisée", "sont balisées"),
			checker.Plural(len(large), "a paragraph", "paragraphs", "paragraphe", "paragraphes"),
			checker.Plural(len(large), "a heading", "headings", "titre", "titres"), examples(large)), data(large))
	}
	if len(bold) > 0 {
		p.Review(elemLoc(bold[0]), checker.Textf("%s: %s", "%s : %s", checker.Plural(len(bold),
			"%d short bold line before longer text is tagged as a paragraph: if it is a heading, tag it H1–H6",
			"%d short bold lines before longer text are tagged as paragraphs: if they are headings, tag them H1–H6",
			"%d ligne courte en gras avant un texte plus long est balisée comme paragraphe : si c'est un titre, balisez-la H1–H6",
			"%d lignes courtes en gras avant un texte plus long sont balisées comme paragraphes : si ce sont des titres, balisez-les H1–H6"),
			examples(bold)), data(bold))
	}
	if len(large) == 0 && len(bold) == 0 && len(flow) > 0 {
		p.Pass(1)
	}
	headingOrderBySize(p, d)
}

// headingOrderBySize reports heading levels whose mean sizes contradict their order: a
// level drawn clearly larger (2 pt) than the level above it.
func headingOrderBySize(p *checker.Pass, d *pdfdoc.Doc) {
	var sum [7]float64
	var n [7]int
	var first [7]*pdfdoc.Elem
	for _, e := range d.Elems {
		lv := headingLevel(e.Type)
		if lv == 0 || e.Chars == 0 {
			continue
		}
		sum[lv] += e.SizeChars
		n[lv] += e.Chars
		if first[lv] == nil {
			first[lv] = e
		}
	}
	for lv := 1; lv < 6; lv++ {
		for deeper := lv + 1; deeper <= 6; deeper++ {
			if n[lv] == 0 || n[deeper] == 0 {
				continue
			}
			a, b := sum[lv]/float64(n[lv]), sum[deeper]/float64(n[deeper])
			if b >= a+2 {
				reviewWCAG(p, elemLoc(first[deeper]), checker.Textf(
					"H%d headings (%.1f pt) are drawn larger than H%d headings (%.1f pt): check that the levels follow the visual hierarchy",
					"Les titres H%d (%.1f pt) sont plus grands que les titres H%d (%.1f pt) : vérifiez que les niveaux suivent la hiérarchie visuelle",
					deeper, b, lv, a), nil)
				return
			}
		}
	}
}

package docx

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/wordproc"
)

// FakeHeading finds paragraphs that look like headings (short, bold or much larger than
// the body text, followed by text) but use no heading style: sighted readers see a
// title, screen readers hear a plain paragraph.
var FakeHeading = &checker.Rule{
	ID: "DOCX-FAKE-HEADING",
	Title: checker.Text{
		En: "Visual headings use heading styles",
		Fr: "Les titres visuels utilisent des styles de titre",
	},
	Why: checker.Text{
		En: "A line made to look like a heading with bold or a bigger font is, for a screen reader, an ordinary paragraph: it is missing from the headings list, the navigation pane, the table of contents and the PDF bookmarks.",
		Fr: "Une ligne mise en forme comme un titre avec du gras ou une grande police est, pour un lecteur d'écran, un paragraphe ordinaire : elle manque dans la liste des titres, le volet de navigation, la table des matières et les signets du PDF.",
	},
	Fix:      headingFix,
	Affects:  headingAffects,
	Severity: checker.Warning,
	Kinds:    docxOnly,
	Standards: checker.Standards{
		WCAG: []string{"1.3.1"}, EN301549: []string{"10.1.3.1"}, RGAA: []string{"9.1"},
	},
	Run: runFakeHeading,
}

// A heading is short: at most this many characters and words.
const (
	maxHeadingRunes = 100
	maxHeadingWords = 15
)

func runFakeHeading(p *checker.Pass) {
	d := model(p)
	if d == nil {
		return
	}
	// Body-level paragraphs of the main part, in order, to look at the next one.
	var body []*wordproc.Paragraph
	for _, b := range d.Body {
		if b.Para != nil {
			body = append(body, b.Para)
		}
	}
	bodyHalfPts := d.BodyFontHalfPoints
	for i, par := range body {
		if par.HeadingLevel > 0 {
			p.Pass(1)
			continue
		}
		if par.TitleStyle && i > 0 && styleHas(par, "subtitle", "sous-titre", "untertitel", "subtítulo", "sottotitolo") && hasTextBefore(body[:i]) {
			// The Subtitle style in the course of the text is a heading in disguise: it
			// looks like one and reaches no outline, no navigation pane, no PDF tag.
			p.Review(paraLoc(par), checker.Textf("%q uses the Subtitle style in the body of the document: if it is a section heading, give it a heading style",
				"%q utilise le style Sous-titre dans le corps du document : si c'est un titre de section, donnez-lui un style de titre", snippet(strings.TrimSpace(par.Text))),
				map[string]string{"style": par.StyleName})
			continue
		}
		if par.TitleStyle || par.Numbered || par.DropCap || par.Frame || par.TextBox != nil || isTOC(par) || styleHas(par, "caption", "légende", "beschriftung", "header", "footer", "en-tête", "pied") {
			continue
		}
		text := strings.TrimSpace(par.Text)
		if text == "" || utf8.RuneCountInString(text) > maxHeadingRunes || len(strings.Fields(text)) > maxHeadingWords {
			continue
		}
		if strings.ContainsAny(text[len(text)-1:], ".,;:!?…") || strings.HasSuffix(text, "»") {
			continue // a sentence or a label, not a title
		}
		if letterCount(text) < 2 {
			continue // "-", "*", "1": a separator or a number, not a title
		}
		if templatePlaceholder.MatchString(text) {
			continue // "{NOM_DU_SERVICE}", "[Facultatif]": a template's blank to fill, not a title
		}
		allBold, minHalf := true, 0
		for _, r := range par.Runs {
			if r.Hidden || !wordproc.HasVisibleText(r.Text) {
				continue
			}
			allBold = allBold && r.Bold
			if minHalf == 0 || r.HalfPts < minHalf {
				minHalf = r.HalfPts
			}
		}
		if minHalf == 0 {
			continue
		}
		// "Larger": at least 4 pt over the body text, the step between Normal and
		// Heading 2 in Word's default styles.
		large := minHalf >= bodyHalfPts+8
		if !allBold && !large {
			continue
		}
		// A heading introduces something: the next paragraph must be ordinary text.
		if i+1 >= len(body) {
			continue
		}
		next := body[i+1]
		if !wordproc.HasVisibleText(next.Text) {
			if i+2 >= len(body) || !wordproc.HasVisibleText(body[i+2].Text) {
				continue
			}
			next = body[i+2]
		}
		if next.HeadingLevel > 0 || isTOC(next) || next.Fields || utf8.RuneCountInString(strings.TrimSpace(next.Text)) <= utf8.RuneCountInString(text) {
			continue
		}
		data := map[string]string{"size": fmtPt(minHalf), "bold": boolStr(allBold)}
		if large {
			p.Fail(paraLoc(par), checker.Textf("%q looks like a heading (%s, larger than the %s body text) but has the style %q, not a heading style",
				"%q ressemble à un titre (%s, plus grand que le texte courant en %s) mais a le style %q, pas un style de titre",
				snippet(text), fmtPt(minHalf), fmtPt(bodyHalfPts), par.StyleName), data)
			continue
		}
		p.Review(paraLoc(par), checker.Textf("%q is a short bold line before a paragraph: if it is a heading, give it a heading style",
			"%q est une ligne courte en gras avant un paragraphe : si c'est un titre, donnez-lui un style de titre", snippet(text)), data)
	}
}

func fmtPt(halfPts int) string {
	if halfPts%2 == 0 {
		return itoa(halfPts/2) + " pt"
	}
	return itoa(halfPts/2) + ".5 pt"
}

func boolStr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// templatePlaceholder matches a paragraph that is only a template's blank: "{PLACEHOLDER}",
// "[Facultatif]", "<Nom du service>", "«Date»".
var templatePlaceholder = regexp.MustCompile(`^\s*([{\[<«][^{}\[\]<>«»]*[}\]>»]\s*)+$`)

// hasTextBefore reports whether body text comes before: a Subtitle right under the
// title at the top is the document's subtitle, not a heading.
func hasTextBefore(paras []*wordproc.Paragraph) bool {
	n := 0
	for _, q := range paras {
		if !q.TitleStyle && q.HeadingLevel == 0 && wordproc.HasVisibleText(q.Text) {
			n++
		}
	}
	return n >= 2
}

func letterCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

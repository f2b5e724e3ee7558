package docx

import (
	"regexp"
	"strconv"
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
	textHalfPts := commonTextSize(body)
	divisions := fakeDivisions(body, bodyHalfPts)
	if len(divisions) >= minDivisions {
		// "Article 1.", "Article 2."… set apart on their own lines: a whole legal text's
		// structure that a screen reader cannot list or jump to, hence an error.
		first := body[divisions[0]]
		p.Report(checker.Finding{Outcome: checker.Failed, Severity: checker.Error, Location: paraLoc(first), Message: checker.Textf("%s (%q, %q…) are set apart on their own lines but are plain paragraphs, not headings: a screen reader cannot list them or jump from one to the next",
			"%s (%q, %q…) sont détachés sur leur ligne mais sont des paragraphes ordinaires, pas des titres : un lecteur d'écran ne peut ni les lister ni passer de l'un à l'autre",
			checker.Plural(len(divisions), "%d numbered division", "%d numbered divisions", "%d division numérotée", "%d divisions numérotées"),
			snippet(strings.TrimSpace(first.Text)), snippet(strings.TrimSpace(body[divisions[1]].Text))),
			Data: map[string]string{"count": strconv.Itoa(len(divisions)), "style": first.StyleName}})
	}
	skip := map[int]bool{}
	if len(divisions) >= minDivisions {
		for _, i := range divisions {
			skip[i] = true
		}
	}
	for i, par := range body {
		if par.HeadingLevel > 0 {
			p.Pass(1)
			continue
		}
		if skip[i] {
			continue
		}
		if par.TitleStyle && i > 0 && isSubtitle(par) && hasTextBefore(body[:i]) && textFollows(body[i+1:]) {
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
		if captionText.MatchString(text) {
			continue // "Figure 2 : …" typed under a picture: a caption, not a title
		}
		if templatePlaceholder.MatchString(text) {
			continue // "{NOM_DU_SERVICE}", "[Facultatif]": a template's blank to fill, not a title
		}
		allBold, minHalf := runLook(par)
		if minHalf == 0 {
			continue
		}
		// "Larger": at least 4 pt over the body text, the step between Normal and
		// Heading 2 in Word's default styles.
		large := minHalf >= bodyHalfPts+8
		if !allBold && !large {
			continue
		}
		// Bold, centred and a little larger than the text around it: three cues a
		// sighted reader takes for a section heading. Not on the opening page, where
		// a centred title is the document's title (Word's Title style is no heading
		// either).
		centred := par.Align == wordproc.AlignCenter
		cued := centred && allBold && !large && minHalf >= max(bodyHalfPts, textHalfPts)+2 && bodyTextBefore(body[:i])
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
		if centred {
			data["align"] = string(par.Align)
		}
		if cued {
			p.Fail(paraLoc(par), checker.Textf("%q looks like a heading (bold, centred, %s where the text around it is %s) but has the style %q, not a heading style",
				"%q ressemble à un titre (gras, centré, en %s quand le texte qui l'entoure est en %s) mais a le style %q, pas un style de titre",
				snippet(text), fmtPt(minHalf), fmtPt(max(bodyHalfPts, textHalfPts)), par.StyleName), data)
			continue
		}
		if large {
			p.Fail(paraLoc(par), checker.Textf("%q looks like a heading (%s, larger than the %s body text) but has the style %q, not a heading style",
				"%q ressemble à un titre (%s, plus grand que le texte courant en %s) mais a le style %q, pas un style de titre",
				snippet(text), fmtPt(minHalf), fmtPt(bodyHalfPts), par.StyleName), data)
			continue
		}
		if centred {
			p.Review(paraLoc(par), checker.Textf("%q is a short bold centred line before a paragraph: if it is a heading, give it a heading style",
				"%q est une ligne courte en gras et centrée avant un paragraphe : si c'est un titre, donnez-lui un style de titre", snippet(text)), data)
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

// subtitleNames are the Subtitle style's names and IDs (lower case) in the languages of
// Word and LibreOffice.
var subtitleNames = []string{"subtitle", "sous-titre", "soustitre", "untertitel", "subtítulo", "subtitulo", "sottotitolo"}

// isSubtitle reports a paragraph in the Subtitle style, by its name or (Word) its ID.
func isSubtitle(par *wordproc.Paragraph) bool {
	id := strings.ToLower(par.StyleID)
	for _, n := range subtitleNames {
		if strings.Contains(par.StyleName, n) || id == n {
			return true
		}
	}
	return false
}

// textFollows reports whether the next paragraph with text is body text, as under a
// heading (a Subtitle ending the document, or followed by a heading, introduces nothing).
func textFollows(paras []*wordproc.Paragraph) bool {
	for _, q := range paras {
		if wordproc.HasVisibleText(q.Text) {
			return q.HeadingLevel == 0 && !q.TitleStyle
		}
	}
	return false
}

// bodyTextBefore reports whether a paragraph of running text (eight words or more, not
// centred) comes before: until then the page is a title page or a letterhead.
func bodyTextBefore(paras []*wordproc.Paragraph) bool {
	for _, q := range paras {
		if q.HeadingLevel == 0 && !q.TitleStyle && q.Align != wordproc.AlignCenter && len(strings.Fields(q.Text)) >= 8 {
			return true
		}
	}
	return false
}

// divisionLabel matches the label of a numbered division of a legal or administrative
// text, alone or with a short title: "Article 1er.", "Article 9 bis.", "ARTICLE 3 :
// Durée", "Chapitre II", "Titre premier", "Section 2 – Objet", "Annexe 1".
var divisionLabel = regexp.MustCompile(`(?i)^(article|chapitre|titre|section|partie|annexe|chapter|part)\s+([0-9]+(er|re|e)?|[ivxlcdm]+|premier|première|unique)(\s+(bis|ter|quater))?\s*([.:\-–—]\s*[^.]{0,80})?\.?$`)

// minDivisions is how many set-apart division labels make a document's structure.
const minDivisions = 3

// fakeDivisions lists the paragraphs (indices in body) that are division labels set
// apart like headings (bold, centred or larger than the text) on their own line before
// body text, with no heading style.
func fakeDivisions(body []*wordproc.Paragraph, bodyHalfPts int) []int {
	var out []int
	for i, par := range body {
		if par.HeadingLevel > 0 || par.TitleStyle || isTOC(par) || par.TextBox != nil {
			continue
		}
		text := strings.TrimSpace(par.Text)
		if !divisionLabel.MatchString(text) || i+1 >= len(body) {
			continue
		}
		allBold, minHalf := runLook(par)
		if minHalf == 0 || !(allBold || par.Align == wordproc.AlignCenter || minHalf > bodyHalfPts) {
			continue
		}
		next := strings.TrimSpace(body[i+1].Text)
		if utf8.RuneCountInString(next) <= utf8.RuneCountInString(text) || divisionLabel.MatchString(next) {
			if i+2 >= len(body) || utf8.RuneCountInString(strings.TrimSpace(body[i+2].Text)) <= utf8.RuneCountInString(text) {
				continue // a list of articles (a table of contents typed by hand), not headings over text
			}
		}
		out = append(out, i)
	}
	return out
}

// runLook reports whether every visible run of par is bold, and the smallest size of
// its visible runs in half-points (0 when it has no visible text).
func runLook(par *wordproc.Paragraph) (allBold bool, minHalf int) {
	allBold = true
	for _, r := range par.Runs {
		if r.Hidden || !wordproc.HasVisibleText(r.Text) {
			continue
		}
		allBold = allBold && r.Bold
		if minHalf == 0 || r.HalfPts < minHalf {
			minHalf = r.HalfPts
		}
	}
	return allBold, minHalf
}

// captionText matches a caption typed by hand: "Figure 3 : …", "Tableau 2 - …".
var captionText = regexp.MustCompile(`(?i)^(figure|fig\.|tableau|table|graphique|graphe|chart|illustration|image|photo|carte|map|schéma|source)\s*[0-9ivx]*\s*[:.–—-]`)

// commonTextSize is the font size of most of the running text (half-points, by letters
// in paragraphs that are not headings), 0 when there is too little: documents whose
// Normal style says 11 pt but whose text is set in 12 pt are judged against 12 pt.
func commonTextSize(body []*wordproc.Paragraph) int {
	letters := map[int]int{}
	total := 0
	for _, par := range body {
		if par.HeadingLevel > 0 || par.TitleStyle {
			continue
		}
		for _, r := range par.Runs {
			if r.Hidden {
				continue
			}
			n := letterCount(r.Text)
			letters[r.HalfPts] += n
			total += n
		}
	}
	best := 0
	for sz, n := range letters {
		if n > letters[best] || (n == letters[best] && sz < best) {
			best = sz
		}
	}
	if total < 200 {
		return 0
	}
	return best
}

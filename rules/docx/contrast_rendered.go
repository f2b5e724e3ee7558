package docx

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/wordproc"
	"github.com/lab110bis/focusplus/office"
	"github.com/lab110bis/focusplus/rules/pdfvisual"
)

// renderedPara is the worst run of text of one paragraph as measured on the page that
// LibreOffice lays out: what a reader sees over shapes, pictures, watermarks and
// shading the styles do not describe.
type renderedPara struct {
	outcome checker.Outcome
	run     pdfvisual.MeasuredText
}

// renderedContrast measures text contrast on the pages LibreOffice renders and gives
// each paragraph (by index in d.Paragraphs) its worst measured run. Without LibreOffice
// it returns nothing; when LibreOffice fails on the document (a hang, a crash), the
// reason comes back to tell the reader, with the technical cause for experts (detail).
func renderedContrast(p *checker.Pass, d *wordproc.Document) (_ map[int]renderedPara, why *checker.Text, detail string) {
	if len(p.Doc.Source) == 0 {
		return nil, nil, ""
	}
	ctx := p.Context()
	r, err := office.Render(ctx, d, p.Doc.Source, string(p.Doc.Format))
	if err != nil {
		var oe *office.Error
		if errors.As(err, &oe) && ctx.Err() == nil {
			return nil, &oe.Msg, ""
		}
		return nil, nil, "" // not installed (doctor and the web page say so), or out of time
	}
	runs, err := pdfvisual.MeasureText(ctx, r.PDF, p.Doc.Limits)
	if err != nil && len(runs) == 0 {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return nil, nil, ""
		}
		why := checker.Textf("the pages LibreOffice laid out could not be measured.", "les pages mises en page par LibreOffice n'ont pas pu être mesurées.")
		return nil, &why, err.Error()
	}
	m := newParaMatcher(d)
	out := map[int]renderedPara{}
	for _, run := range runs {
		i := m.find(run.Text)
		if i < 0 {
			continue // numbering, fields, or text Focus+ cannot place: not judged
		}
		v := run.Verdict()
		cur, seen := out[i]
		switch {
		case !seen, rank(v) > rank(cur.outcome), v == cur.outcome && run.Hi < cur.run.Hi:
			out[i] = renderedPara{outcome: v, run: run}
		}
	}
	return out, nil, ""
}

func rank(o checker.Outcome) int {
	switch o {
	case checker.Failed:
		return 2
	case checker.Review:
		return 1
	}
	return 0
}

func reportRendered(p *checker.Pass, par *wordproc.Paragraph, index int, rc renderedPara) {
	r := rc.run
	need := "4.5"
	if r.Large {
		need = "3"
	}
	data := map[string]string{
		"ratio": checker.FormatRatio(r.Mid), "foreground": checker.Hex(r.FG), "background": checker.Hex(r.BG),
		"required": need, "measured": "rendered page", "paragraph": strconv.Itoa(index + 1), "text": snippet(par.Text),
	}
	loc := paraLoc(par)
	loc.Page, loc.Box = r.Page, r.Box
	if rc.outcome == checker.Failed {
		// Over white paper, nothing lies behind the text: only say so when something does.
		behind := checker.Text{En: " (a shape, picture or shading behind the text)", Fr: " (forme, image ou trame derrière le texte)"}
		if near(r.BG, wordproc.RGB{R: 255, G: 255, B: 255}) {
			behind = checker.Text{}
		}
		p.Fail(loc, checker.Text{
			En: fmt.Sprintf("Contrast %s:1 (needs %s:1) for text %s on %s, measured on page %d as LibreOffice lays it out%s, paragraph %d: %q",
				data["ratio"], need, data["foreground"], data["background"], r.Page, behind.En, index+1, snippet(par.Text)),
			Fr: fmt.Sprintf("Contraste de %s:1 (il faut %s:1) pour le texte %s sur %s, mesuré en page %d telle que LibreOffice la met en page%s, paragraphe %d : %q",
				checker.FrenchDecimal(data["ratio"]), checker.FrenchDecimal(need), data["foreground"], data["background"], r.Page, behind.Fr, index+1, snippet(par.Text)),
		}, data)
		return
	}
	data["ratio_min"], data["ratio_max"] = checker.FormatRatio(r.Lo), checker.FormatRatio(r.Hi)
	p.Review(loc, checker.Text{
		En: fmt.Sprintf("Text %s is on a background that varies (a picture or gradient around %s, page %d): its contrast ranges from %s:1 to %s:1, across the %s:1 required; check it by eye, paragraph %d: %q",
			data["foreground"], data["background"], r.Page, data["ratio_min"], data["ratio_max"], need, index+1, snippet(par.Text)),
		Fr: fmt.Sprintf("Le texte %s est sur un fond qui varie (image ou dégradé autour de %s, page %d) : son contraste va de %s:1 à %s:1, de part et d'autre des %s:1 requis ; vérifiez-le à l'œil, paragraphe %d : %q",
			data["foreground"], data["background"], r.Page, checker.FrenchDecimal(data["ratio_min"]), checker.FrenchDecimal(data["ratio_max"]), checker.FrenchDecimal(need), index+1, snippet(par.Text)),
	}, data)
}

// paraMatcher finds the paragraph a line of rendered text belongs to. The rendered runs
// come mostly in reading order, so the search goes on from the last match and wraps
// around once (headers, footers and text boxes come out of order).
type paraMatcher struct {
	all    string
	starts []int // offset of each paragraph in all
	cursor int
}

func newParaMatcher(d *wordproc.Document) *paraMatcher {
	m := &paraMatcher{}
	var b strings.Builder
	for _, par := range d.Paragraphs {
		m.starts = append(m.starts, b.Len())
		b.WriteString(normalizeText(par.Text))
		b.WriteByte('\n')
	}
	m.all = b.String()
	return m
}

// find returns the index of the paragraph holding text, or -1. Text of fewer than three
// letters or digits is too short to place.
func (m *paraMatcher) find(text string) int {
	t := normalizeText(text)
	letters := 0
	for _, r := range t {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			letters++
		}
	}
	if letters < 3 {
		return -1
	}
	at := strings.Index(m.all[m.cursor:], t)
	if at >= 0 {
		at += m.cursor
	} else if at = strings.Index(m.all, t); at < 0 {
		return -1
	}
	m.cursor = at + len(t)
	// The paragraph whose start is the last at or before at.
	lo, hi := 0, len(m.starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if m.starts[mid] <= at {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// normalizeText puts text from the document and from the rendered page in one form:
// blanks collapsed to one space, no soft hyphens or zero-width characters.
func normalizeText(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == '\u00ad' || r == '\u200b' || r == '\ufeff':
			continue
		case unicode.IsSpace(r) || r == '\u00a0':
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

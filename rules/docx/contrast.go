package docx

import (
	"fmt"
	"image/color"
	"strings"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/wordproc"
)

// Contrast measures the WCAG contrast ratio of every run of text against the background
// it is really shown on: highlight or run shading, paragraph shading, cell shading (or the
// table style's header-row shading), table shading, the page colour, else white paper.
// Colours come resolved from direct formatting, styles and the theme (with tint/shade).
var Contrast = &checker.Rule{
	ID: "DOCX-CONTRAST",
	Title: checker.Text{
		En: "Text has enough contrast with its background",
		Fr: "Le texte est suffisamment contrasté avec son fond",
	},
	Why: checker.Text{
		En: "Pale text, or text on a coloured background, is hard or impossible to read for people with low vision, older readers and anyone reading on a phone in sunlight. WCAG asks for a contrast ratio of at least 4.5:1, or 3:1 for large text (18 pt, or 14 pt bold).",
		Fr: "Un texte pâle, ou sur un fond coloré, est difficile voire impossible à lire pour les personnes malvoyantes, les personnes âgées et quiconque lit sur un téléphone en plein soleil. Le RGAA et les WCAG demandent un rapport de contraste d'au moins 4,5:1, ou 3:1 pour le grand texte (18 pt, ou 14 pt gras).",
	},
	Fix: checker.Text{
		En: "Word: select the text, Home > Font Color > a darker colour (or Automatic); for the background, Home > Shading / Text Highlight Color, or Table Design > Shading. Change the style (Home > Styles > right-click > Modify) to fix every occurrence. LibreOffice Writer: Format > Character > Font Effects > Font color, and Format > Paragraph > Area, or Table Properties > Background.",
		Fr: "Word : sélectionnez le texte, Accueil > Couleur de police > une couleur plus foncée (ou Automatique) ; pour le fond, Accueil > Trame de fond / Couleur de surbrillance, ou Création de tableau > Trame de fond. Modifiez le style (Accueil > Styles > clic droit > Modifier) pour tout corriger d'un coup. LibreOffice Writer : Format > Caractère > Effets de caractère > Couleur de police, et Format > Paragraphe > Remplissage, ou Propriétés du tableau > Arrière-plan.",
	},
	Affects:  []checker.Audience{checker.LowVision, checker.ColourBlind},
	Severity: checker.Error,
	Kinds:    docxOnly,
	Standards: checker.Standards{
		WCAG: []string{"1.4.3"}, EN301549: []string{"10.1.4.3"}, RGAA: []string{"3.2"},
	},
	Run: runContrast,
}

// background finds what a run is painted on and whether Focus+ can be sure of it.
func background(d *wordproc.Document, par *wordproc.Paragraph, run *wordproc.Run) (bg wordproc.RGB, source string, sure bool) {
	if run.Background != nil {
		return *run.Background, "run", true
	}
	if par.Shading != nil {
		return *par.Shading, "paragraph", true
	}
	sure = true
	if tb := par.TextBox; tb != nil && !tb.FillKnown {
		// A gradient, picture or theme-style fill behind the text box's text.
		sure = false
	}
	for cell, depth := par.Cell, 0; cell != nil && depth < 64; depth++ {
		t := cell.Table
		if cell.Shading != nil {
			return *cell.Shading, "cell", sure
		}
		if sh, _ := t.CellFormat(cell); sh != nil {
			return *sh, "table style", sure
		}
		if t.Shading != nil {
			return *t.Shading, "table", sure
		}
		cell = t.Parent
	}
	if tb := par.TextBox; tb != nil && tb.Fill != nil {
		return *tb.Fill, "text box", sure
	}
	if d.Background != nil {
		return *d.Background, "page", sure
	}
	return wordproc.White, "paper", sure
}

// foreground is the run's colour; auto text is black, or white on a dark background,
// as Word draws it. Table styles may colour the text of header rows, bands or columns.
func foreground(par *wordproc.Paragraph, run *wordproc.Run, bg wordproc.RGB) (wordproc.RGB, bool) {
	if !run.ColorAuto {
		return run.Color, true
	}
	if c := par.Cell; c != nil {
		if _, col := c.Table.CellFormat(c); col != nil {
			return *col, true
		}
	}
	return wordproc.RGB{}, false
}

// paraContrast is the style-based verdict on one paragraph: its worst run.
type paraContrast struct {
	checked bool // a run with a known colour was measured
	allSure bool // every measured run is on a certain background
	failed  bool // the worst run is below the threshold
	sure    bool // the background is certain (see certainSource)
	source  string
	run     *wordproc.Run
	ratio   float64
	fg, bg  wordproc.RGB
	large   bool
}

// certainSource: shading painted right under the text (the run's, the paragraph's, a
// cell's or a text box's fill) is what the reader sees whatever lies further behind. The
// paper and the page colour are only the background when no picture, shape or watermark
// is behind the text, which the rendered page alone can tell.
func certainSource(src string) bool { return src != "paper" && src != "page" }

func styleContrast(d *wordproc.Document, par *wordproc.Paragraph) paraContrast {
	pc := paraContrast{ratio: 99, allSure: true}
	for j := range par.Runs {
		run := &par.Runs[j]
		if run.Hidden || !wordproc.HasVisibleText(run.Text) {
			continue
		}
		bg, src, sure := background(d, par, run)
		fg, known := foreground(par, run, bg)
		if !known {
			continue // automatic colour: Word picks black or white against the shading
		}
		pc.checked = true
		pc.allSure = pc.allSure && sure && certainSource(src)
		ratio := checker.ContrastRatio(fg, bg)
		large := checker.IsLargeText(run.SizePt(), run.Bold)
		need := checker.ContrastAA
		if large {
			need = checker.ContrastAALarge
		}
		if ratio < need && ratio < pc.ratio {
			pc = paraContrast{checked: true, allSure: pc.allSure, failed: true, sure: sure && certainSource(src), source: src,
				run: run, ratio: ratio, fg: fg, bg: bg, large: large}
			if !sure {
				pc.source = "text box"
			}
		}
	}
	return pc
}

func runContrast(p *checker.Pass) {
	d := model(p)
	if d == nil {
		return
	}
	rendered, renderErr, detail := renderedContrast(p, d)
	floating := hasFloatingDrawings(d)
	for i, par := range d.Paragraphs {
		if i&1023 == 0 && p.Context().Err() != nil {
			return
		}
		st := styleContrast(d, par)
		rc, measured := rendered[i]
		switch {
		case st.failed && st.sure:
			// Shading right under the text: the style-based result is the truth.
			reportStyle(p, par, st, false)
		case st.checked && !st.failed && st.allSure:
			p.Pass(1)
		case measured && rc.outcome == checker.Failed && st.failed && near(rc.run.BG, st.bg):
			// The page shows the background the styles give: their finding, which
			// quotes the run at fault, is confirmed.
			reportStyle(p, par, st, false)
		case measured && rc.outcome != checker.Passed:
			reportRendered(p, par, i, rc)
		case measured:
			p.Pass(1) // the rendered page shows what the styles could not settle
		case st.failed && (st.source == "text box" || floating && light(st.fg)):
			// The text box's fill, or a picture or shape that may lie behind light
			// text (white text is meant for a dark background), is not known without
			// the rendered page.
			reportStyle(p, par, st, true)
		case st.failed:
			reportStyle(p, par, st, false)
		case st.checked:
			p.Pass(1)
		}
	}
	if renderErr != nil {
		// The measuring error is for experts (the finding's data), not for the author.
		var data map[string]string
		if detail != "" {
			data = map[string]string{"detail": detail}
		}
		p.Review(checker.Location{}, checker.Text{
			En: "Text over pictures, shapes and watermarks was not measured: " + strings.TrimSuffix(renderErr.En, ".") + ". Check by eye that such text stands out.",
			Fr: "Le texte sur des images, formes et filigranes n'a pas été mesuré : " + strings.TrimSuffix(renderErr.Fr, ".") + ". Vérifiez à l'œil que ce texte se détache bien.",
		}, data)
	}
}

func reportStyle(p *checker.Pass, par *wordproc.Paragraph, st paraContrast, unsure bool) {
	need := "4.5"
	if st.large {
		need = "3"
	}
	data := map[string]string{
		"ratio": checker.FormatRatio(st.ratio), "foreground": checker.Hex(st.fg), "background": checker.Hex(st.bg),
		"size": fmt.Sprintf("%gpt", st.run.SizePt()), "required": need,
	}
	msg := checker.Text{
		En: fmt.Sprintf("Contrast %s:1 (needs %s:1) for text %s on %s: %q",
			data["ratio"], need, data["foreground"], data["background"], snippet(st.run.Text)),
		Fr: fmt.Sprintf("Contraste de %s:1 (il faut %s:1) pour le texte %s sur %s : %q",
			checker.FrenchDecimal(data["ratio"]), checker.FrenchDecimal(need), data["foreground"], data["background"], snippet(st.run.Text)),
	}
	if unsure {
		if st.source == "text box" {
			msg.En += " — the text box has a gradient, picture or style fill Focus+ does not measure: check it by eye"
			msg.Fr += " — la zone de texte a un remplissage dégradé, image ou de style que Focus+ ne mesure pas : vérifiez à l'œil"
		} else {
			msg.En += " — a picture or shape of the document may lie behind this text, which only the rendered page shows: check it by eye"
			msg.Fr += " — une image ou une forme du document peut se trouver derrière ce texte, ce que seule la page rendue montre : vérifiez à l'œil"
		}
		p.Review(paraLoc(par), msg, data)
		return
	}
	p.Fail(paraLoc(par), msg, data)
}

// near reports whether a colour measured on the rendered page is the styles' colour,
// within what anti-aliasing and colour management change.
func near(c color.RGBA, s wordproc.RGB) bool {
	d := func(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }
	return d(c.R, s.R) <= 8 && d(c.G, s.G) <= 8 && d(c.B, s.B) <= 8
}

// light is text colour meant for a dark background: relative luminance above 0.5.
func light(c wordproc.RGB) bool { return checker.ContrastRatio(c, wordproc.RGB{}) > 11 }

// hasFloatingDrawings reports a picture, shape or watermark that may lie behind text.
func hasFloatingDrawings(d *wordproc.Document) bool {
	for _, dr := range d.Drawings {
		if dr.Watermark || dr.BehindText || (dr.Floating && dr.Wrap == "wrapNone") {
			return true
		}
	}
	return false
}

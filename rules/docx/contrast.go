package docx

import (
	"fmt"

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

func runContrast(p *checker.Pass) {
	d := model(p)
	if d == nil {
		return
	}
	for i, par := range d.Paragraphs {
		if i&1023 == 0 && p.Context().Err() != nil {
			return
		}
		worst, worstRatio := -1, 99.0
		var worstFG, worstBG wordproc.RGB
		var worstSure bool
		var worstLarge bool
		checked := false
		for j := range par.Runs {
			run := &par.Runs[j]
			if run.Hidden || !wordproc.HasVisibleText(run.Text) {
				continue
			}
			bg, _, sure := background(d, par, run)
			fg, known := foreground(par, run, bg)
			if !known {
				continue // automatic colour: Word picks black or white, always readable
			}
			checked = true
			ratio := checker.ContrastRatio(fg, bg)
			large := checker.IsLargeText(run.SizePt(), run.Bold)
			need := checker.ContrastAA
			if large {
				need = checker.ContrastAALarge
			}
			if ratio < need && ratio < worstRatio {
				worst, worstRatio, worstFG, worstBG, worstSure, worstLarge = j, ratio, fg, bg, sure, large
			}
		}
		if !checked {
			continue
		}
		if worst < 0 {
			p.Pass(1)
			continue
		}
		run := &par.Runs[worst]
		need := "4.5"
		if worstLarge {
			need = "3"
		}
		data := map[string]string{
			"ratio": checker.FormatRatio(worstRatio), "foreground": checker.Hex(worstFG), "background": checker.Hex(worstBG),
			"size": fmt.Sprintf("%gpt", run.SizePt()), "required": need,
		}
		msg := checker.Text{
			En: fmt.Sprintf("Contrast %s:1 (needs %s:1) for text %s on %s: %q",
				data["ratio"], need, data["foreground"], data["background"], snippet(run.Text)),
			Fr: fmt.Sprintf("Contraste de %s:1 (il faut %s:1) pour le texte %s sur %s : %q",
				checker.FrenchDecimal(data["ratio"]), checker.FrenchDecimal(need), data["foreground"], data["background"], snippet(run.Text)),
		}
		if !worstSure {
			msg.En += " — the text box has a gradient, picture or style fill Focus+ does not measure: check it by eye"
			msg.Fr += " — la zone de texte a un remplissage dégradé, image ou de style que Focus+ ne mesure pas : vérifiez à l'œil"
			p.Review(paraLoc(par), msg, data)
			continue
		}
		p.Fail(paraLoc(par), msg, data)
	}
}

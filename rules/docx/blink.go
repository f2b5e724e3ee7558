package docx

import (
	"github.com/lab110bis/focusplus/checker"
)

// Blink flags Word's animated text effects (w:effect: blinking background, Las Vegas
// lights, marching ants, shimmer, sparkle), which move without a way to stop them.
var Blink = &checker.Rule{
	ID: "DOCX-BLINK",
	Title: checker.Text{
		En: "No blinking or animated text",
		Fr: "Pas de texte clignotant ou animé",
	},
	Why: checker.Text{
		En: "Blinking and animated text cannot be paused, draws attention away from the content for readers with attention disorders, is hard to read for people with low vision, and can be harmful to people with vestibular or photosensitive conditions.",
		Fr: "Un texte clignotant ou animé ne peut pas être arrêté, détourne l'attention des personnes ayant des troubles de l'attention, est difficile à lire pour les personnes malvoyantes et peut gêner les personnes sujettes aux troubles vestibulaires ou photosensibles.",
	},
	Fix: checker.Text{
		En: "Word keeps these effects from older versions: select the text, press Ctrl+Space to clear character formatting (or Format > Font > Text Effects > Animation: None in Word 2003-2007). LibreOffice Writer: Format > Character > Font Effects, untick Blinking. Use bold or a heading to draw attention instead.",
		Fr: "Word conserve ces effets des anciennes versions : sélectionnez le texte et appuyez sur Ctrl+Espace pour effacer la mise en forme des caractères (ou Format > Police > Animation : Aucune dans Word 2003-2007). LibreOffice Writer : Format > Caractère > Effets de caractère, décochez Clignotant. Attirez l'attention avec du gras ou un titre.",
	},
	Affects:  []checker.Audience{checker.Photosensitive, checker.Cognitive, checker.LowVision},
	Severity: checker.Error,
	Kinds:    docxOnly,
	Standards: checker.Standards{
		WCAG: []string{"2.2.2"}, EN301549: []string{"10.2.2.2"}, RGAA: []string{"13.8"},
	},
	Run: runBlink,
}

func runBlink(p *checker.Pass) {
	d := model(p)
	if d == nil {
		return
	}
	n := 0
	for _, par := range d.Paragraphs {
		for i := range par.Runs {
			r := &par.Runs[i]
			if r.Effect == "" || r.Effect == "none" || r.Hidden {
				continue
			}
			n++
			p.Fail(paraLoc(par), checker.Textf("Text with the animated effect %q: %q", "Texte avec l'effet animé %q : %q", r.Effect, snippet(r.Text)),
				map[string]string{"effect": r.Effect})
			break
		}
	}
	if n == 0 && len(d.Paragraphs) > 0 {
		p.Pass(1)
	}
}

package images

import (
	"fmt"
	"image"
	"strings"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/imagedoc"
	"github.com/lab110bis/focusplus/simulate"
)

// ColourOnly is WCAG 1.4.1 Use of Color, as far as an image can show it: pairs of
// colours that normal vision tells apart but a colour-blind reader confuses. Whether the
// colours carry meaning (chart series, a red "late" status) only a person can say, so the
// rule asks for review and never fails.
var ColourOnly = &checker.Rule{
	ID: "IMG-COLOUR-ONLY",
	Title: checker.Text{
		En: "Colours that carry meaning stay distinct for colour-blind readers",
		Fr: "Les couleurs porteuses de sens restent distinctes pour les personnes daltoniennes",
	},
	Why: checker.Text{
		En: "About 1 man in 12 and 1 woman in 200 see colours differently. When a chart, a map or a status uses colour alone (red = late, green = on time), these readers cannot tell the categories apart.",
		Fr: "Environ 1 homme sur 12 et 1 femme sur 200 perçoivent les couleurs différemment. Quand un graphique, une carte ou un statut n'utilise que la couleur (rouge = en retard, vert = à l'heure), ces lecteurs ne distinguent plus les catégories.",
	},
	Fix: checker.Text{
		En: "Add a second cue besides colour: labels written on the bars or lines, patterns or textures, different shapes of markers, or a legend placed next to each series. Or choose a palette that stays distinct (blue/orange rather than red/green). In Excel or LibreOffice Calc, add data labels (Chart > Add Data Labels) and pattern fills.",
		Fr: "Ajoutez un second repère en plus de la couleur : étiquettes écrites sur les barres ou les courbes, motifs ou textures, formes de marqueurs différentes, ou légende placée à côté de chaque série. Ou choisissez une palette qui reste distincte (bleu/orange plutôt que rouge/vert). Dans Excel ou LibreOffice Calc, ajoutez des étiquettes de données (Graphique > Ajouter des étiquettes de données) et des motifs de remplissage.",
	},
	Affects:  []checker.Audience{checker.ColourBlind},
	Severity: checker.Warning,
	Kinds:    []checker.Kind{imagedoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"1.4.1"}, EN301549: []string{"10.1.4.1"}, RGAA: []string{"3.1"},
	},
	Run: runColourOnly,
}

var deficiencyNames = map[simulate.Deficiency]checker.Text{
	simulate.Protan: {En: "protan (red-blind)", Fr: "protan (insensible au rouge)"},
	simulate.Deutan: {En: "deutan (green-blind)", Fr: "deutan (insensible au vert)"},
	simulate.Tritan: {En: "tritan (blue-blind)", Fr: "tritan (insensible au bleu)"},
}

func runColourOnly(p *checker.Pass) {
	im := p.Doc.Content.(*imagedoc.Image)
	found := ColourConfusions(im.Still)
	if len(found) == 0 {
		p.Pass(1)
		return
	}
	for _, c := range found {
		p.Report(checker.Finding{Outcome: checker.Review, Likely: c.Likely, Message: c.Msg, Data: c.Data})
	}
}

// Confusion is a pair of colours of an image that colour-blind readers confuse, with
// the message and data of its finding. Likely marks strong evidence of colour alone.
type Confusion struct {
	Msg    checker.Text
	Data   map[string]string
	Likely bool
}

// ColourConfusions is the analysis of IMG-COLOUR-ONLY: one Confusion per pair of
// colours that normal vision tells apart and a colour-blind reader does not, naming
// every reader who confuses it. Rules for pictures inside other documents use it too.
func ColourConfusions(img image.Image) []Confusion {
	collisions := simulate.ColourCollisions(img, simulate.CollisionOptions{})
	var out []Confusion
	// One finding per colour pair, naming every reader who confuses it.
	type pair struct{ a, b string }
	byPair := map[pair][]simulate.Collision{}
	var order []pair
	for _, c := range collisions {
		k := pair{checker.Hex(c.A), checker.Hex(c.B)}
		if _, ok := byPair[k]; !ok {
			order = append(order, k)
		}
		byPair[k] = append(byPair[k], c)
	}
	for _, k := range order {
		cs := byPair[k]
		var en, fr, ids []string
		for _, c := range cs {
			en = append(en, deficiencyNames[c.Deficiency].En)
			fr = append(fr, deficiencyNames[c.Deficiency].Fr)
			ids = append(ids, c.Deficiency.String())
		}
		c := cs[0]
		// Strong evidence of colour alone: red/green readers (1 man in 12) see the pair
		// as one colour and it covers a real part of the image (chart series, not a
		// detail). It stays a review (labels may be there), but costs the score a little.
		likely := false
		for _, x := range cs {
			if (x.Deficiency == simulate.Protan || x.Deficiency == simulate.Deutan) && x.Share >= 0.05 && x.DeltaAfter < 5 {
				likely = true
			}
		}
		out = append(out, Confusion{Likely: likely, Msg: checker.Text{
			En: fmt.Sprintf("%s and %s (%.0f %% of the image) look alike to %s readers (colour difference %.0f → %.0f): if they mean different things, add a label or pattern",
				k.a, k.b, 100*c.Share, strings.Join(en, ", "), c.DeltaBefore, c.DeltaAfter),
			Fr: fmt.Sprintf("%s et %s (%.0f %% de l'image) se confondent pour les lecteurs %s (écart de couleur %.0f → %.0f) : s'ils ont des sens différents, ajoutez une étiquette ou un motif",
				k.a, k.b, 100*c.Share, strings.Join(fr, ", "), c.DeltaBefore, c.DeltaAfter),
		}, Data: map[string]string{
			"colour_a": k.a, "colour_b": k.b, "deficiencies": strings.Join(ids, ","),
			"share":        fmt.Sprintf("%.3f", c.Share),
			"delta_before": fmt.Sprintf("%.1f", c.DeltaBefore), "delta_after": fmt.Sprintf("%.1f", c.DeltaAfter),
		}})
	}
	return out
}

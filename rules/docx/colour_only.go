package docx

import (
	"bytes"
	"image"
	"image/color"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/docxdoc"
	"github.com/lab110bis/focusplus/rules/images"
)

// ColourOnly is WCAG 1.4.1 Use of Color for the pictures and charts inside a document:
// the analysis of IMG-COLOUR-ONLY run on each picture of the package and on the series
// colours of each chart, read from the zip (no LibreOffice needed). Whether the colours
// carry meaning only a person can say, so it asks for review and never fails.
var ColourOnly = &checker.Rule{
	ID: "DOCX-COLOUR-ONLY",
	Title: checker.Text{
		En: "Charts and pictures do not rely on colours colour-blind readers confuse",
		Fr: "Les graphiques et images ne reposent pas sur des couleurs que les personnes daltoniennes confondent",
	},
	Why: checker.Text{
		En: "About 1 man in 12 and 1 woman in 200 see colours differently. When a chart's series or a diagram's categories differ only by colour (red and green, blue and purple), these readers cannot tell them apart.",
		Fr: "Environ 1 homme sur 12 et 1 femme sur 200 perçoivent les couleurs différemment. Quand les séries d'un graphique ou les catégories d'un schéma ne diffèrent que par la couleur (rouge et vert, bleu et violet), ces lecteurs ne les distinguent plus.",
	},
	Fix: checker.Text{
		En: "Add a second cue besides colour: data labels (Word: select the chart > Chart Elements (+) > Data Labels; LibreOffice Writer: double-click the chart > Insert > Data Labels), patterns or markers of different shapes, or a palette that stays distinct (blue and orange rather than red and green). For a picture, edit it in its source tool and export it again.",
		Fr: "Ajoutez un second repère en plus de la couleur : étiquettes de données (Word : sélectionnez le graphique > Éléments de graphique (+) > Étiquettes de données ; LibreOffice Writer : double-cliquez sur le graphique > Insertion > Étiquettes de données), motifs ou marqueurs de formes différentes, ou une palette qui reste distincte (bleu et orange plutôt que rouge et vert). Pour une image, modifiez-la dans son outil d'origine et exportez-la à nouveau.",
	},
	Affects:  []checker.Audience{checker.ColourBlind},
	Severity: checker.Warning,
	Kinds:    docxOnly,
	Standards: checker.Standards{
		WCAG: []string{"1.4.1"}, EN301549: []string{"10.1.4.1"}, RGAA: []string{"3.1"},
	},
	Run: runColourOnly,
}

// minPictureSide leaves out icons and bullets: too small to carry a chart or a map.
const minPictureSide = 48

func runColourOnly(p *checker.Pass) {
	d := model(p)
	if d == nil || len(p.Doc.Source) == 0 {
		return
	}
	lim := p.Doc.Limits
	if lim.MaxPixels <= 0 {
		lim = checker.DefaultLimits()
	}
	where := map[string]*docxdoc.Drawing{}
	for _, dr := range d.Drawings {
		if dr.ImageTarget != "" && where[dr.ImageTarget] == nil {
			where[dr.ImageTarget] = dr
		}
	}
	pics, _ := docxdoc.EmbeddedImages(p.Doc.Source, lim)
	for _, pic := range pics {
		if p.Context().Err() != nil {
			return
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(pic.Data))
		if err != nil || cfg.Width < minPictureSide || cfg.Height < minPictureSide || int64(cfg.Width)*int64(cfg.Height) > lim.MaxPixels {
			continue
		}
		img, _, err := image.Decode(bytes.NewReader(pic.Data))
		if err != nil {
			continue
		}
		loc := checker.Location{Part: pic.Name}
		label := checker.Text{En: "Picture " + pic.Name, Fr: "Image " + pic.Name}
		if dr := where[pic.Name]; dr != nil {
			loc.Path = dr.Path
			if alt := dr.AltText(); alt != "" {
				label = checker.Text{En: label.En + " (“" + snippet(alt) + "”)", Fr: label.Fr + " (« " + snippet(alt) + " »)"}
			}
		}
		report(p, loc, label, images.ColourConfusions(img))
	}
	charts, _ := docxdoc.EmbeddedCharts(p.Doc.Source, lim)
	for _, ch := range charts {
		if len(ch.Colours) < 2 {
			continue
		}
		label := checker.Text{En: "Chart " + ch.Name, Fr: "Graphique " + ch.Name}
		report(p, checker.Location{Part: ch.Name, Path: "/c:chartSpace"}, label, images.ColourConfusions(swatches(ch.Colours)))
	}
}

// report gives one picture or chart its findings: the pairs a colour-blind reader
// confuses, or a pass.
func report(p *checker.Pass, loc checker.Location, label checker.Text, found []images.Confusion) {
	if len(found) == 0 {
		p.Pass(1)
		return
	}
	for _, c := range found {
		msg := checker.Text{En: label.En + ": " + c.Msg.En, Fr: label.Fr + " : " + c.Msg.Fr}
		p.Report(checker.Finding{Outcome: checker.Review, Likely: c.Likely, Location: loc, Message: msg, Data: c.Data})
	}
}

// swatches paints a chart's colours as equal stripes, each a large mark like a bar or a
// legend key, for the image analysis.
func swatches(cols []docxdoc.RGB) image.Image {
	const side = 40
	seen := map[docxdoc.RGB]bool{}
	var uniq []docxdoc.RGB
	for _, c := range cols {
		if !seen[c] && len(uniq) < 64 {
			seen[c] = true
			uniq = append(uniq, c)
		}
	}
	img := image.NewRGBA(image.Rect(0, 0, side*len(uniq), side))
	for i, c := range uniq {
		rgba := color.RGBA{c.R, c.G, c.B, 255}
		for y := 0; y < side; y++ {
			for x := i * side; x < (i+1)*side; x++ {
				img.SetRGBA(x, y, rgba)
			}
		}
	}
	return img
}

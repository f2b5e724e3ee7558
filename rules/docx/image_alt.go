package docx

import (
	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/wordproc"
)

// ImageAlt checks that pictures, charts, SmartArt, shapes, VML images and embedded objects
// have alternative text, unless marked decorative (Word 2019+: adec:decorative).
var ImageAlt = &checker.Rule{
	ID: "DOCX-IMAGE-ALT",
	Title: checker.Text{
		En: "Pictures, charts and objects have alternative text",
		Fr: "Les images, graphiques et objets ont une alternative textuelle",
	},
	Why: checker.Text{
		En: "A blind reader only knows what a picture, chart or diagram shows from its alternative text; without it the screen reader says \"image\" or the file name, and the information is lost. Purely decorative pictures should be marked as such so they are skipped.",
		Fr: "Une personne aveugle ne connaît le contenu d'une image, d'un graphique ou d'un schéma que par son alternative textuelle ; sans elle, le lecteur d'écran dit « image » ou le nom du fichier et l'information est perdue. Les images purement décoratives doivent être marquées comme telles pour être ignorées.",
	},
	Fix: checker.Text{
		En: "Word: right-click the object > View Alt Text (or Edit Alt Text), describe what it conveys in one or two sentences, or tick \"Mark as decorative\". LibreOffice Writer: right-click > Properties (or Object > Properties) > Options > Alternative (Text Alternative), or Format > Name / Description.",
		Fr: "Word : clic droit sur l'objet > Afficher le texte de remplacement (ou Modifier le texte de remplacement), décrivez ce qu'il apporte en une ou deux phrases, ou cochez « Marquer comme décoratif ». LibreOffice Writer : clic droit > Propriétés (ou Objet > Propriétés) > Options > Alternative (texte alternatif), ou Format > Nom / Description.",
	},
	Affects:  []checker.Audience{checker.Blind},
	Severity: checker.Error,
	Kinds:    docxOnly,
	Standards: checker.Standards{
		WCAG: []string{"1.1.1"}, EN301549: []string{"10.1.1.1"}, RGAA: []string{"1.1", "1.2"},
	},
	Run: runImageAlt,
}

var kindName = map[wordproc.DrawingKind]checker.Text{
	wordproc.Picture:   {En: "picture", Fr: "image"},
	wordproc.Shape:     {En: "shape", Fr: "forme"},
	wordproc.Chart:     {En: "chart", Fr: "graphique"},
	wordproc.SmartArt:  {En: "SmartArt diagram", Fr: "diagramme SmartArt"},
	wordproc.Group:     {En: "group of objects", Fr: "groupe d'objets"},
	wordproc.Canvas:    {En: "drawing canvas", Fr: "zone de dessin"},
	wordproc.Ink:       {En: "ink drawing", Fr: "dessin à main levée"},
	wordproc.VMLImage:  {En: "picture (VML)", Fr: "image (VML)"},
	wordproc.VMLShape:  {En: "shape (VML)", Fr: "forme (VML)"},
	wordproc.OLEObject: {En: "embedded object", Fr: "objet incorporé"},
	wordproc.Other:     {En: "object", Fr: "objet"},
}

// needsAlt reports whether a drawing is announced at all: decorative marks, watermarks,
// horizontal rules and hidden objects are not.
func needsAlt(dr *wordproc.Drawing) bool {
	return !dr.Decorative && !dr.Watermark && !dr.HorizontalRL && !dr.Hidden
}

func runImageAlt(p *checker.Pass) {
	d := model(p)
	if d == nil {
		return
	}
	for _, dr := range d.Drawings {
		if !needsAlt(dr) {
			continue
		}
		// A text box is read through its text.
		if dr.HasText {
			continue
		}
		if wordproc.HasVisibleText(dr.AltText()) {
			p.Pass(1)
			continue
		}
		kn := kindName[dr.Kind]
		loc := checker.Location{Part: dr.Part, Path: dr.Path}
		data := map[string]string{"kind": string(dr.Kind), "name": dr.Name}
		switch dr.Kind {
		case wordproc.Shape, wordproc.VMLShape, wordproc.Other:
			p.Review(loc, tr(
				"A %s with no text and no alternative text (%s), in %s: if it carries meaning describe it, otherwise mark it as decorative",
				"Une %s sans texte ni alternative textuelle (%s), dans %s : si elle porte un sens, décrivez-la, sinon marquez-la comme décorative",
				kn, dr.Name, where(dr.Para)), data)
		default:
			p.Fail(loc, tr("A %s has no alternative text (%s), in %s",
				"Objet sans alternative textuelle : %s (%s), dans %s", kn, dr.Name, where(dr.Para)), data)
		}
	}
}

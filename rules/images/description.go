package images

import (
	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/imagedoc"
)

// EmbeddedDescription looks for a description stored in the image file itself. An image
// checked as a document is published as one (a chart, a scanned notice, a poster put
// online): without a description in the file, a blind reader who opens it gets nothing,
// so it fails WCAG 1.1.1 at warning severity (the alternative may still be given where
// the image is linked, which only a person can see).
var EmbeddedDescription = &checker.Rule{
	ID: "IMG-EMBEDDED-DESCRIPTION",
	Title: checker.Text{
		En: "Image carries a description in its metadata",
		Fr: "L'image contient une description dans ses métadonnées",
	},
	Why: checker.Text{
		En: "A blind reader only knows what an image shows from its text alternative. That text is given where the image is used (in Word, on the web page); a description stored in the file itself (IPTC \"Alt Text (Accessibility)\") travels with it, so whoever reuses the image can copy it.",
		Fr: "Une personne aveugle ne connaît le contenu d'une image que par son alternative textuelle. Elle se saisit là où l'image est utilisée (dans Word, sur la page web) ; une description enregistrée dans le fichier (IPTC « Alt Text (Accessibility) ») le suit partout, et qui réutilise l'image peut la reprendre.",
	},
	Fix: checker.Text{
		En: "Give the image alternative text where you insert it (Word: right-click > Edit Alt Text; LibreOffice: right-click > Properties > Options > Alternative). To store one in the file, fill \"Alt Text (Accessibility)\" or \"Description\" in Photoshop (File > File Info), Lightroom or GIMP (Image > Metadata > Edit Metadata).",
		Fr: "Donnez une alternative textuelle à l'image là où vous l'insérez (Word : clic droit > Modifier le texte de remplacement ; LibreOffice : clic droit > Propriétés > Options > Texte alternatif). Pour l'enregistrer dans le fichier, remplissez « Alt Text (Accessibility) » ou « Description » dans Photoshop (Fichier > Informations), Lightroom ou GIMP (Image > Métadonnées > Modifier les métadonnées).",
	},
	Affects:  []checker.Audience{checker.Blind},
	Severity: checker.Warning,
	Kinds:    []checker.Kind{imagedoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"1.1.1"}, EN301549: []string{"10.1.1.1"}, RGAA: []string{"1.1"},
	},
	Run: runEmbeddedDescription,
}

func runEmbeddedDescription(p *checker.Pass) {
	im := p.Doc.Content.(*imagedoc.Image)
	if im.Description != "" {
		p.Pass(1)
		return
	}
	p.Fail(checker.Location{}, checker.Textf(
		"The image file has no embedded description (XMP, IPTC or PNG text): opened on its own, it tells a blind reader nothing; describe it in the file, and where it is used",
		"Le fichier image ne contient pas de description (XMP, IPTC ou texte PNG) : ouvert seul, il ne dit rien à une personne aveugle ; décrivez-le dans le fichier et là où il est utilisé"), nil)
}

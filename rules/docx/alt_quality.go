package docx

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/lab110bis/focusplus/checker"
)

// AltQuality flags alternative texts that say nothing: a file name, a generic word such
// as "image", or the caption Word generates automatically ("Description automatically
// generated", "Une image contenant…"), which describes pixels, not the message.
var AltQuality = &checker.Rule{
	ID: "DOCX-ALT-QUALITY",
	Title: checker.Text{
		En: "Alternative text is meaningful",
		Fr: "L'alternative textuelle est pertinente",
	},
	Why: checker.Text{
		En: "An alternative text that is a file name (\"IMG_0042.jpg\"), a generic word (\"image\") or an automatic caption (\"A picture containing text, Description automatically generated\") tells a blind reader nothing about what the picture is there to say.",
		Fr: "Une alternative textuelle qui est un nom de fichier (« IMG_0042.jpg »), un mot générique (« image ») ou une légende automatique (« Une image contenant texte, Description générée automatiquement ») n'apprend rien à une personne aveugle sur ce que l'image veut dire.",
	},
	Fix: checker.Text{
		En: "Word: right-click the picture > View Alt Text, replace the text with what the picture conveys in this document (and delete \"Description automatically generated\"), or mark it decorative. LibreOffice Writer: right-click > Properties > Options > Alternative.",
		Fr: "Word : clic droit sur l'image > Afficher le texte de remplacement, remplacez le texte par ce que l'image apporte dans ce document (et supprimez « Description générée automatiquement »), ou marquez-la comme décorative. LibreOffice Writer : clic droit > Propriétés > Options > Alternative.",
	},
	Affects:  []checker.Audience{checker.Blind},
	Severity: checker.Warning,
	Kinds:    docxOnly,
	Standards: checker.Standards{
		WCAG: []string{"1.1.1"}, EN301549: []string{"10.1.1.1"}, RGAA: []string{"1.3"},
	},
	Run: runAltQuality,
}

var (
	fileNameAlt = regexp.MustCompile(`(?i)^[^\s]*\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|webp|heic|pdf)$|^[a-z]:\\|^(img|dsc|dscn|pxl|screenshot|capture)[ _-]?\d+`)
	genericAlt  = regexp.MustCompile(`(?i)^(image|picture|photo|photograph|graphic|graphique|img|figure|illustration|grafik|bild|imagen|immagine|logo|icon|icône|chart|diagram|schéma|dessin|drawing|shape|forme|objet|object|capture d'écran|screenshot)\s*\d*$`)
	autoAlt     = []string{
		"description automatically generated", "description générée automatiquement",
		"automatically generated", "générée automatiquement", "généré automatiquement",
		"beschreibung automatisch generiert", "descripción generada automáticamente",
	}
	autoPrefix = []string{"a picture containing", "une image contenant", "a close up of", "a close-up of", "un gros plan", "an image of", "a drawing of a", "ein bild, das"}
)

// maxAltRunes: beyond this, a description belongs in the text or a caption (screen
// readers read alternative text in one go and cannot move through it).
const maxAltRunes = 250

func runAltQuality(p *checker.Pass) {
	d := model(p)
	if d == nil {
		return
	}
	for _, dr := range d.Drawings {
		alt := strings.TrimSpace(dr.AltText())
		if !needsAlt(dr) || alt == "" {
			continue
		}
		loc := checker.Location{Part: dr.Part, Path: dr.Path}
		data := map[string]string{"alt": alt}
		low := strings.ToLower(strings.Join(strings.Fields(alt), " "))
		switch {
		case fileNameAlt.MatchString(alt):
			p.Fail(loc, checker.Textf("The alternative text %q is a file name, near %s", "L'alternative textuelle %q est un nom de fichier, près de %s", snippet(alt), snippet(dr.Para.Text)), data)
		case genericAlt.MatchString(low) || (dr.Name != "" && strings.EqualFold(alt, dr.Name)):
			p.Fail(loc, checker.Textf("The alternative text %q is generic: it does not say what the picture shows", "L'alternative textuelle %q est générique : elle ne dit pas ce que montre l'image", snippet(alt)), data)
		case containsAny(low, autoAlt) || hasAnyPrefix(low, autoPrefix):
			p.Fail(loc, checker.Textf("The alternative text %q was generated automatically: check it and say what the picture means here",
				"L'alternative textuelle %q a été générée automatiquement : vérifiez-la et dites ce que l'image signifie ici", snippet(alt)), data)
		case utf8.RuneCountInString(alt) > maxAltRunes:
			p.Review(loc, checker.Textf("The alternative text is %d characters long (%q): a long description is easier to read as a caption or in the text",
				"L'alternative textuelle fait %d caractères (%q) : une longue description se lit mieux en légende ou dans le texte", utf8.RuneCountInString(alt), snippet(alt)), data)
		default:
			p.Pass(1)
		}
	}
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, x := range prefixes {
		if strings.HasPrefix(s, x) {
			return true
		}
	}
	return false
}

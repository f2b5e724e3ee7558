package pdf

import (
	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
)

// UAIdentifier checks the XMP metadata claims PDF/UA-1 (ISO 14289-1, 5).
var UAIdentifier = &checker.Rule{
	ID:    "PDF-UA-IDENTIFIER",
	Title: checker.Text{En: "The PDF declares PDF/UA conformance", Fr: "Le PDF déclare sa conformité PDF/UA"},
	Why: checker.Text{
		En: "The PDF/UA identifier in the metadata tells readers and assistive technology they can rely on the tags; without it the file does not claim to be accessible.",
		Fr: "L'identifiant PDF/UA des métadonnées indique aux logiciels de lecture et aux aides techniques qu'ils peuvent se fier aux balises ; sans lui, le fichier ne se déclare pas accessible.",
	},
	Fix: checker.Text{
		En: "Word: Save As > PDF > Options > check \"PDF/UA compliant\"; LibreOffice: Export as PDF > General > \"Universal Accessibility (PDF/UA)\". In Acrobat, the PDF/UA identifier is added by Preflight (\"Convert to PDF/UA\") once the file is fixed.",
		Fr: "Word : Enregistrer sous > PDF > Options > cocher « Conforme PDF/UA » ; LibreOffice : Exporter au format PDF > Général > « Accessibilité universelle (PDF/UA) ». Dans Acrobat, l'identifiant PDF/UA s'ajoute avec le Contrôle en amont (« Convertir en PDF/UA ») une fois le fichier corrigé.",
	},
	Affects:   []checker.Audience{checker.Blind},
	Severity:  checker.Warning,
	Kinds:     []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{PDFUA: []string{"5"}, Matterhorn: []string{"06-002"}},
	Run:       runUAIdentifier,
}

func runUAIdentifier(p *checker.Pass) {
	d := model(p)
	x := d.XMP
	switch {
	case !x.HasUAID:
		failAt(p, "5", mh("06-002"), checker.Location{}, checker.Textf(
			"The metadata has no PDF/UA identifier (pdfuaid:part)",
			"Les métadonnées n'ont pas d'identifiant PDF/UA (pdfuaid:part)"), nil)
	case x.Part != "1":
		failAt(p, "5", mh("06-002"), checker.Location{}, checker.Textf(
			"pdfuaid:part is %q; PDF/UA-1 requires 1", "pdfuaid:part vaut %q ; PDF/UA-1 exige 1", x.Part), nil)
	case x.PartPrefix != "" && x.PartPrefix != "pdfuaid":
		failAt(p, "5", mh("06-002"), checker.Location{}, checker.Textf(
			"The PDF/UA identification schema uses the prefix %q instead of \"pdfuaid\"",
			"Le schéma d'identification PDF/UA utilise le préfixe %q au lieu de « pdfuaid »", x.PartPrefix), nil)
	default:
		p.Pass(1)
	}
}

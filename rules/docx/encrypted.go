package docx

import (
	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/wordproc"
)

// Encrypted fails a password-protected or rights-managed (IRM) document: it is stored as
// an encrypted OLE package that assistive technology, converters and Focus+ cannot open.
var Encrypted = &checker.Rule{
	ID: "DOCX-ENCRYPTED",
	Title: checker.Text{
		En: "Document is not encrypted or password protected",
		Fr: "Le document n'est ni chiffré ni protégé par mot de passe",
	},
	Why: checker.Text{
		En: "An encrypted / password protected or rights-managed document cannot be opened by screen readers, converters or checkers without the password: readers who depend on them get nothing.",
		Fr: "Un document chiffré / protégé par mot de passe ou par gestion des droits ne peut pas être ouvert sans le mot de passe par les lecteurs d'écran, les convertisseurs ni les vérificateurs : les personnes qui en dépendent n'obtiennent rien.",
	},
	Fix: checker.Text{
		En: "Publish an unprotected copy. Word: File > Info > Protect Document > Encrypt with Password, clear the password, then OK and save (for rights management: Restrict Access > Unrestricted Access). LibreOffice Writer: File > Save As, untick \"Save with password\", save as Word (.docx).",
		Fr: "Publiez une copie non protégée. Word : Fichier > Informations > Protéger le document > Chiffrer avec mot de passe, effacez le mot de passe, OK puis enregistrez (gestion des droits : Restreindre l'accès > Accès non restreint). LibreOffice Writer : Fichier > Enregistrer sous, décochez « Enregistrer avec mot de passe », enregistrez au format Word (.docx).",
	},
	Affects:  []checker.Audience{checker.Blind, checker.LowVision, checker.Everyone},
	Severity: checker.Error,
	Blocking: true,
	Kinds:    docxOnly,
	Standards: checker.Standards{
		WCAG: []string{"4.1.2"}, EN301549: []string{"10.4.1.2"}, RGAA: []string{"13.3"},
	},
	Run: runEncrypted,
}

func runEncrypted(p *checker.Pass) {
	d, ok := p.Doc.Content.(*wordproc.Document)
	if !ok {
		return
	}
	if !d.Encrypted {
		p.Pass(1)
		return
	}
	p.Fail(checker.Location{}, checker.Textf(
		"The document is encrypted / password protected (or rights-managed): nothing in it can be read or checked without the password",
		"Le document est chiffré / protégé par mot de passe (ou par gestion des droits) : rien ne peut y être lu ni vérifié sans le mot de passe"), nil)
}

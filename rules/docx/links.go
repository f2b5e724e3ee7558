package docx

import (
	"strings"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/rules/judge"
)

// LinkText checks that each link says where it goes: not empty, not a bare URL, not
// "click here".
var LinkText = &checker.Rule{
	ID: "DOCX-LINK-TEXT",
	Title: checker.Text{
		En: "Link text says where the link goes",
		Fr: "Le texte des liens indique leur destination",
	},
	Why: checker.Text{
		En: "Screen-reader users often list all links of a document and pick one by its text: ten links called \"click here\" or \"en savoir plus\" are indistinguishable, a long URL is spelled out character by character, and an empty link is announced as just \"link\".",
		Fr: "Les utilisateurs de lecteur d'écran affichent souvent la liste des liens et choisissent par leur texte : dix liens « cliquez ici » ou « en savoir plus » sont indiscernables, une longue adresse est épelée caractère par caractère et un lien vide est annoncé « lien » sans plus.",
	},
	Fix: checker.Text{
		En: "Word: right-click the link > Edit Hyperlink and write in \"Text to display\" where it leads (\"2025 activity report (PDF)\"). LibreOffice Writer: right-click > Edit Hyperlink (or Insert > Hyperlink) and fill \"Text\". Keep the URL in the text only where the document will be printed, and then after a descriptive text.",
		Fr: "Word : clic droit sur le lien > Modifier le lien hypertexte et écrivez dans « Texte à afficher » où il mène (« Rapport d'activité 2025 (PDF) »). LibreOffice Writer : clic droit > Éditer l'hyperlien (ou Insertion > Hyperlien) et remplissez « Texte ». Ne gardez l'adresse dans le texte que pour un document imprimé, et après un texte explicite.",
	},
	Affects:  []checker.Audience{checker.Blind, checker.Cognitive},
	Severity: checker.Warning,
	Kinds:    docxOnly,
	Standards: checker.Standards{
		WCAG: []string{"2.4.4"}, EN301549: []string{"10.2.4.4"}, RGAA: []string{"6.1", "6.2"},
	},
	Run: runLinkText,
}

func runLinkText(p *checker.Pass) {
	d := model(p)
	if d == nil {
		return
	}
	for _, l := range d.Links {
		text := strings.TrimSpace(strings.Join(strings.Fields(l.Text), " "))
		if text == "" {
			for _, im := range l.Images {
				if alt := strings.TrimSpace(im.AltText()); alt != "" {
					text = alt
					break
				}
			}
		}
		loc := checker.Location{Part: l.Part, Path: l.Path}
		data := map[string]string{"text": text, "target": l.Target}
		v := judge.LinkText(text)
		switch v.Reason {
		case judge.Empty:
			if strings.HasPrefix(l.Target, "#_") {
				continue // a hidden bookmark link Word leaves behind (_Toc, _Ref): nothing to read
			}
			p.Fail(loc, checker.Textf("A link to %q has no text: it is announced as just \"link\", near %q",
				"Un lien vers %q n'a pas de texte : il est annoncé « lien » sans plus, près de %q", snippet(l.Target), snippet(l.Para.Text)), data)
		case judge.Punctuation:
			if strings.HasPrefix(l.Target, "#_Toc") {
				p.Pass(1) // a table of contents entry's leader dots or tab: the entry's other runs carry its text
				continue
			}
			p.Fail(loc, checker.Textf("The link text %q is only punctuation: a screen reader announces just \"link\" (%s), in %q",
				"Le texte du lien %q n'est que de la ponctuation : un lecteur d'écran annonce « lien » sans plus (%s), dans %q", text, snippet(l.Target), snippet(l.Para.Text)), data)
		case judge.Vague:
			p.Fail(loc, checker.Textf("The link text %q does not say where it goes (%s), in %q",
				"Le texte du lien %q ne dit pas où il mène (%s), dans %q", text, snippet(l.Target), snippet(l.Para.Text)), data)
		case judge.BareURL:
			p.Review(loc, checker.Textf("The link text is an address (%q): a screen reader spells it out; fine when the sentence around it or the site's name says where it leads, otherwise give it words",
				"Le texte du lien est une adresse (%q) : un lecteur d'écran l'épelle ; acceptable si la phrase qui l'entoure ou le nom du site dit où il mène, sinon donnez-lui des mots", snippet(text)), data)
		default:
			p.Pass(1)
		}
	}
}

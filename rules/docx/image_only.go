package docx

import (
	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/wordproc"
)

// ImageOnly fails a document whose body is pictures and nothing else: typically scanned
// pages pasted into Word. A screen reader finds no text at all.
var ImageOnly = &checker.Rule{
	ID: "DOCX-IMAGE-ONLY",
	Title: checker.Text{
		En: "Document has real text, not only pictures of text",
		Fr: "Le document contient du vrai texte, pas seulement des images de texte",
	},
	Why: checker.Text{
		En: "A document made of scanned pages or screenshots has no text a screen reader can read, a reader can enlarge or reflow, or anyone can search or copy: for a blind reader it is empty.",
		Fr: "Un document fait de pages scannées ou de captures d'écran n'a aucun texte qu'un lecteur d'écran puisse lire, qu'on puisse agrandir, redistribuer, rechercher ou copier : pour une personne aveugle, il est vide.",
	},
	Fix: checker.Text{
		En: "Use the original text rather than a scan. If only the scan exists, recognise its text: Word can convert a scanned PDF (File > Open the PDF, Word runs text recognition), then check the result; LibreOffice has no built-in OCR: use a recognition tool (e.g. OCRmyPDF, Tesseract) and paste the text into Writer.",
		Fr: "Utilisez le texte d'origine plutôt qu'un scan. S'il n'existe qu'en scan, faites reconnaître le texte : Word convertit un PDF scanné (Fichier > Ouvrir le PDF, Word lance la reconnaissance), puis relisez le résultat ; LibreOffice n'a pas d'OCR intégré : passez par un outil de reconnaissance (OCRmyPDF, Tesseract) et collez le texte dans Writer.",
	},
	Affects:  []checker.Audience{checker.Blind, checker.LowVision, checker.Cognitive},
	Severity: checker.Error,
	Blocking: true,
	Kinds:    docxOnly,
	Standards: checker.Standards{
		WCAG: []string{"1.1.1", "1.4.5"}, EN301549: []string{"10.1.1.1", "10.1.4.5"}, RGAA: []string{"1.8", "13.3"},
	},
	Run: runImageOnly,
}

// pageSized: a picture of at least 100 cm² (about half an A4 text area) is a page or a
// large part of one, in points².
const pageSized = 100 * (72 / 2.54) * (72 / 2.54)

func runImageOnly(p *checker.Pass) {
	d := model(p)
	if d == nil {
		return
	}
	pictures, large := 0, 0
	for _, dr := range d.Drawings {
		if dr.Part == d.MainPart && dr.TextBox == nil && (dr.Kind == wordproc.Picture || dr.Kind == wordproc.VMLImage) {
			pictures++
			if dr.Width*dr.Height >= pageSized {
				large++
			}
		}
	}
	for _, par := range d.Paragraphs {
		if isMain(d, par) && wordproc.HasVisibleText(par.Text) {
			if pictures > 0 {
				p.Pass(1)
			}
			return
		}
	}
	if pictures == 0 {
		return // an empty document: nothing to judge
	}
	loc := checker.Location{Part: d.MainPart, Path: "/w:document/w:body"}
	data := map[string]string{"pictures": itoa(pictures), "page_sized": itoa(large)}
	if large == 0 {
		p.Review(loc, checker.Textf("%s", "%s", checker.Plural(pictures,
			"The document body is %d small picture and no text: if it shows text, that text is out of reach of screen readers",
			"The document body is %d small pictures and no text: if they show text, that text is out of reach of screen readers",
			"Le corps du document est fait de %d petite image et d'aucun texte : si elle montre du texte, il est hors de portée des lecteurs d'écran",
			"Le corps du document est fait de %d petites images et d'aucun texte : si elles montrent du texte, il est hors de portée des lecteurs d'écran")), data)
		return
	}
	p.Fail(loc, checker.Textf(
		"The document body is %s, %d of them page-sized, and no text: scanned pages or images of text that no screen reader can read",
		"Le corps du document est fait de %s, dont %d de la taille d'une page, et d'aucun texte : des pages scannées ou des images de texte qu'aucun lecteur d'écran ne peut lire",
		checker.Plural(pictures, "%d picture", "%d pictures", "%d image", "%d images"), large),
		data)
}

package pdfvisual

import (
	"context"
	"errors"
	"strconv"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
)

// ScannedPage finds pages that are a picture of text: mostly painted by images, with
// no text a program can read. A screen reader announces nothing there, the text cannot
// be enlarged, reflowed, searched or read aloud: the page needs OCR (WCAG 1.1.1 and
// 1.4.5 Images of Text).
var ScannedPage = &checker.Rule{
	ID: "PDF-SCANNED-PAGE",
	Title: checker.Text{
		En: "Pages are real text, not scanned images",
		Fr: "Les pages contiennent du vrai texte, pas des images numérisées",
	},
	Why: checker.Text{
		En: "A scanned page is a photograph of text: a screen reader finds nothing to read, text-to-speech stays silent, and the text cannot be enlarged, reflowed, searched or copied. Blind readers get nothing at all; readers with low vision or dyslexia lose the tools they rely on.",
		Fr: "Une page numérisée est une photo de texte : un lecteur d'écran n'y trouve rien à lire, la synthèse vocale reste muette, et le texte ne peut être ni agrandi, ni recomposé, ni recherché, ni copié. Les personnes aveugles n'ont accès à rien ; les personnes malvoyantes ou dyslexiques perdent les outils dont elles dépendent.",
	},
	Fix: checker.Text{
		En: "Best: export the PDF from the original document (Word or LibreOffice Writer: File > Export as PDF, with tags) instead of scanning a printout. Otherwise run text recognition: in Acrobat, Scan & OCR > Recognize Text > In This File, then correct the suspects (Scan & OCR > Correct Recognized Text) and tag the document (Accessibility > Autotag Document).",
		Fr: "Le mieux : exportez le PDF depuis le document d'origine (Word ou LibreOffice Writer : Fichier > Exporter au format PDF, avec balises) plutôt que de numériser une impression. Sinon, lancez la reconnaissance de texte : dans Acrobat, Numériser et OCR > Reconnaître le texte > Dans ce fichier, corrigez les mots douteux (Numériser et OCR > Corriger le texte reconnu) puis balisez le document (Accessibilité > Ajouter automatiquement des balises).",
	},
	Affects:  []checker.Audience{checker.Blind, checker.LowVision, checker.Cognitive},
	Severity: checker.Error,
	Blocking: true,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"1.1.1", "1.4.5"}, EN301549: []string{"10.1.1.1", "10.1.4.5"}, RGAA: []string{"1.1", "1.8"},
	},
	Run: runScanned,
}

// Page classification thresholds. A scan covers the whole page with one image; 75 %
// leaves room for margins cropped by the scanner. Between half and three quarters the
// page may be a large figure with no text (a poster, a map): a person decides.
const (
	scanCoverage   = 0.75
	figureCoverage = 0.50
	// A few characters over a full-page image are a stamp (page or Bates number), not
	// the page's text.
	stampChars = 20
)

type pageClass int

const (
	pageText        pageClass = iota // real text, or no large images
	pageScan                         // image only: needs OCR
	pageOCR                          // image with an invisible OCR layer
	pageStamped                      // image with only a few characters of real text
	pageMostlyImage                  // a large image and no text
	nClasses
)

func classify(pg pageResult) (pageClass, bool) {
	switch {
	case pg.visible >= stampChars:
		return pageText, true
	case pg.coverage < 0:
		return 0, false // unknown
	case pg.coverage >= scanCoverage && pg.visible == 0 && pg.invisible > 0:
		return pageOCR, true
	case pg.coverage >= scanCoverage && pg.visible == 0:
		return pageScan, true
	case pg.coverage >= scanCoverage && pg.visible < stampChars && pg.invisible == 0:
		return pageStamped, true
	case pg.coverage >= figureCoverage && pg.visible == 0 && pg.invisible == 0:
		return pageMostlyImage, true
	}
	return pageText, true
}

func runScanned(p *checker.Pass) {
	a := analyse(p)
	if a.err != nil {
		if errors.Is(a.err, context.Canceled) || errors.Is(a.err, context.DeadlineExceeded) {
			return
		}
		// The renderer's error is for experts (the finding's data), not for the author.
		p.Review(checker.Location{}, checker.Textf(
			"The pages could not be drawn to look for scanned images: check that the text can be selected",
			"Les pages n'ont pas pu être dessinées pour chercher des images numérisées : vérifiez que le texte peut être sélectionné"),
			map[string]string{"detail": a.err.Error()})
		return
	}
	var pages [nClasses][]int
	for i, pg := range a.pages {
		c, ok := classify(pg)
		if !ok {
			continue
		}
		pages[c] = append(pages[c], i+1)
	}
	p.Pass(len(pages[pageText]))
	all := len(a.pages) > 0 && len(pages[pageScan]) == len(a.pages)
	for c := pageScan; c < nClasses; c++ {
		list := pages[c]
		if len(list) == 0 {
			continue
		}
		n, where := len(list), pageList(list)
		data := map[string]string{"pages": where, "count": strconv.Itoa(n)}
		loc := checker.Location{Page: list[0]}
		on := bi("page %s", "la page %s", []any{where}, []any{where})
		if n > 1 {
			on = bi("%d pages (%s)", "%d pages (%s)", []any{n, where}, []any{n, where})
		}
		switch c {
		case pageScan:
			data["ocr"] = "needed"
			msg := bi("%s: the page is an image with no text behind it, so a screen reader finds nothing to read (needs OCR)",
				"%s : la page est une image sans texte derrière, un lecteur d'écran n'y trouve rien à lire (reconnaissance de caractères nécessaire)",
				[]any{capital(on.En)}, []any{capital(on.Fr)})
			if all {
				pl, plFr := "pages", "pages"
				if n == 1 {
					pl, plFr = "page", "page"
				}
				msg = bi("The whole document (%d %s) is scanned images with no text: a screen reader finds nothing to read (needs OCR)",
					"Tout le document (%d %s) est fait d'images numérisées sans texte : un lecteur d'écran n'y trouve rien à lire (reconnaissance de caractères nécessaire)",
					[]any{n, pl}, []any{n, plFr})
			}
			p.Fail(loc, msg, data)
		case pageOCR:
			data["ocr"] = "invisible layer"
			p.Review(loc, bi("%s: the page is a scanned image with an invisible OCR text layer; screen readers read that layer, so check that it matches the image (recognition errors, reading order, tags)",
				"%s : la page est une image numérisée avec une couche de texte invisible issue de l'OCR ; les lecteurs d'écran lisent cette couche, vérifiez qu'elle correspond à l'image (erreurs de reconnaissance, ordre de lecture, balises)",
				[]any{capital(on.En)}, []any{capital(on.Fr)}), data)
		case pageStamped:
			p.Review(loc, bi("%s: the page is an image with only a few characters of text (a page number or a stamp); if the image shows text, it needs OCR",
				"%s : la page est une image avec seulement quelques caractères de texte (un numéro de page ou un tampon) ; si l'image montre du texte, elle doit passer par la reconnaissance de caractères",
				[]any{capital(on.En)}, []any{capital(on.Fr)}), data)
		case pageMostlyImage:
			p.Review(loc, bi("%s: the page is mostly an image and has no text; if the image shows text (a scan, a poster), it needs OCR or a text version",
				"%s : la page est surtout une image et n'a aucun texte ; si l'image montre du texte (numérisation, affiche), il faut la reconnaissance de caractères ou une version texte",
				[]any{capital(on.En)}, []any{capital(on.Fr)}), data)
		}
	}
	if a.stalled == 1 {
		p.Review(checker.Location{Page: 1}, checker.Textf(
			"The first page takes too long to draw (a very complex drawing or image), so it could not be examined for scanned images: check that its text can be selected",
			"La première page est trop longue à dessiner (un dessin ou une image très complexe) : elle n'a pas pu être examinée ; vérifiez que son texte peut être sélectionné"), nil)
	} else if a.stalled > 0 {
		p.Review(checker.Location{Page: a.stalled}, checker.Textf(
			"Page %d takes too long to draw (a very complex drawing or image), so only %s examined for scanned images: check that page and the ones after it",
			"La page %d est trop longue à dessiner (un dessin ou une image très complexe) : %s ; vérifiez cette page et les suivantes",
			a.stalled, checker.Plural(a.summary.Walked, "the page before it was", "the %d pages before it were",
				"seule la page qui la précède a été examinée", "seules les %d pages qui la précèdent ont été examinées")), nil)
	} else if a.summary.Truncated {
		p.Review(checker.Location{}, checker.Textf(
			"%s of %d %s examined for scanned images (page or time budget): check the others",
			"%s sur %d %s (limite de pages ou de temps) : vérifiez les autres",
			checker.Plural(a.summary.Walked, "Only the first page", "Only the first %d pages", "Seule la première page", "Seules les %d premières pages"),
			a.summary.Pages, checker.Plural(a.summary.Walked, "was", "were", "a été examinée", "ont été examinées")), nil)
	}
}

func capital(s string) string {
	if s == "" {
		return s
	}
	if s[0] >= 'a' && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

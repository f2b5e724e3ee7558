package pdf

import (
	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
	"github.com/lab110bis/focusplus/rules/judge"
)

// Language checks the language of every text can be determined and every language tag
// is well formed (ISO 14289-1, 7.2; Matterhorn 11-001 to 11-006).
var Language = &checker.Rule{
	ID:    "PDF-LANGUAGE",
	Title: checker.Text{En: "The language of the text is declared", Fr: "La langue du texte est déclarée"},
	Why: checker.Text{
		En: "Screen readers and read-aloud pick their voice and pronunciation rules from the declared language; without it French text is read with an English voice, or the reverse, and becomes hard to understand.",
		Fr: "Les lecteurs d'écran et la lecture à voix haute choisissent leur voix et leur prononciation d'après la langue déclarée ; sans elle, un texte français est lu avec une voix anglaise, ou l'inverse, et devient difficile à comprendre.",
	},
	Fix: checker.Text{
		En: "Set the document language before exporting: Word: Review > Language > Set Proofing Language (and File > Options > Language); LibreOffice: Tools > Options > Language Settings > Languages > Default languages for documents. In Acrobat: File > Properties > Advanced > Reading Options > Language; for a passage in another language, set Lang on its tag (Tags panel > Properties).",
		Fr: "Définissez la langue du document avant l'export : Word : Révision > Langue > Définir la langue de vérification (et Fichier > Options > Langue) ; LibreOffice : Outils > Options > Paramètres linguistiques > Langues > Langues par défaut des documents. Dans Acrobat : Fichier > Propriétés > Avancé > Options de lecture > Langue ; pour un passage dans une autre langue, renseignez Lang sur sa balise (panneau Balises > Propriétés).",
	},
	Affects:  []checker.Audience{checker.Blind, checker.Cognitive},
	Severity: checker.Error,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"3.1.1", "3.1.2"}, EN301549: []string{"10.3.1.1", "10.3.1.2"}, RGAA: []string{"8.3", "8.4", "8.7"},
		PDFUA: []string{"7.2"}, Matterhorn: []string{"11-001", "11-002", "11-003", "11-004", "11-005", "11-006"},
	},
	Run: runLanguage,
}

// ValidLang reports whether a Lang value is a well-formed BCP 47 tag as PDF/UA checks it.
func ValidLang(s string) bool { return judge.WellFormedTag(s) }

func runLanguage(p *checker.Pass) {
	d := model(p)
	bad := func(loc checker.Location, where, v string) {
		failAt(p, "7.2", mh("11-001"), loc, checker.Textf(
			"%s has the language %q, which is not a valid language tag (such as fr-FR or en)",
			"%s a la langue %q, qui n'est pas un code de langue valide (comme fr-FR ou en)", where, v), map[string]string{"lang": v})
	}
	catalog := d.HasLang // a Lang string, even empty, is the declared language (its validity is checked above)
	if d.HasLang {
		if !ValidLang(d.Lang) {
			bad(checker.Location{}, "The document", d.Lang)
		} else {
			p.Pass(1)
		}
	}
	for _, e := range d.Elems {
		if e.HasLang && !ValidLang(e.Lang) {
			bad(elemLoc(e), "Element "+typeName(e), e.Lang)
		}
	}
	for _, pg := range d.Pages {
		for _, l := range pg.Content.Langs {
			if !ValidLang(l) {
				bad(checker.Location{Page: pg.Num}, "Marked content", l)
			}
		}
	}
	if catalog {
		return
	}
	missing := func(loc checker.Location, mhID string, en, fr string, args ...any) {
		failAt(p, "7.2", mh(mhID), loc, checker.Textf(en, fr, args...), nil)
	}
	if len(d.Outlines) > 0 {
		missing(checker.Location{}, "11-003", "The bookmarks' language cannot be determined: declare the document language", "La langue des signets ne peut pas être déterminée : déclarez la langue du document")
	}
	var first *pdfdoc.Elem
	altN := 0
	for _, e := range d.Elems {
		if !(e.HasAlt || e.HasActualText || e.HasE) {
			continue
		}
		if _, ok := e.InheritedLang(); !ok {
			if first == nil {
				first = e
			}
			altN++
		}
	}
	if first != nil {
		missing(elemLoc(first), "11-002", "%s %s no language (the first on %s)", "%s %s pas de langue (le premier sur %s)",
			checker.Plural(altN, "%d alternative or replacement text", "%d alternative or replacement texts", "%d texte de remplacement", "%d textes de remplacement"),
			checker.Plural(altN, "has", "have", "n'a", "n'ont"), typeName(first))
	}
	textN, textPages, spanN, firstPage, firstSpan := 0, 0, 0, 0, 0
	contentsN, tuN := 0, 0
	var firstContents, firstTU *pdfdoc.Annot
	for _, pg := range d.Pages {
		for _, a := range pg.Annots {
			if a.HasContents && !hasLang(a.Parent) {
				if contentsN == 0 {
					firstContents = a
				}
				contentsN++
			}
			if a.Subtype == "Widget" && a.HasTU && !hasLang(a.Parent) {
				if tuN == 0 {
					firstTU = a
				}
				tuN++
			}
		}
		if n := pg.Content.TextNoLang; n > 0 {
			if textN == 0 {
				firstPage = pg.Num
			}
			textN += n
			textPages++
		}
		if n := pg.Content.SpanNoLang; n > 0 {
			if spanN == 0 {
				firstSpan = pg.Num
			}
			spanN += n
		}
	}
	if contentsN > 0 {
		missing(annotLoc(firstContents), "11-004", "%s", "%s", checker.Plural(contentsN,
			"The description (Contents) of %d annotation has no language", "The descriptions (Contents) of %d annotations have no language",
			"La description (Contents) de %d annotation n'a pas de langue", "Les descriptions (Contents) de %d annotations n'ont pas de langue"))
	}
	if tuN > 0 {
		missing(annotLoc(firstTU), "11-005", "%s", "%s", checker.Plural(tuN,
			"The tooltip (TU) of %d form field has no language", "The tooltips (TU) of %d form fields have no language",
			"L'infobulle (TU) de %d champ de formulaire n'a pas de langue", "Les infobulles (TU) de %d champs de formulaire n'ont pas de langue"))
	}
	if textN > 0 {
		missing(checker.Location{Page: firstPage}, "11-001", "%s on %s %s no language (from page %d)", "%s sur %s %s pas de langue (dès la page %d)",
			checker.Plural(textN, "%d text run", "%d text runs", "%d passage de texte", "%d passages de texte"),
			checker.Plural(textPages, "%d page", "%d pages", "%d page", "%d pages"),
			checker.Plural(textN, "has", "have", "n'a", "n'ont"), firstPage)
	}
	if spanN > 0 {
		missing(checker.Location{Page: firstSpan}, "11-002", "%s", "%s", checker.Plural(spanN,
			"%d marked-content span with an alternative or replacement text has no language", "%d marked-content spans with an alternative or replacement text have no language",
			"%d séquence avec texte de remplacement n'a pas de langue", "%d séquences avec texte de remplacement n'ont pas de langue"))
	}
}

func hasLang(e *pdfdoc.Elem) bool {
	if e == nil {
		return false
	}
	_, ok := e.InheritedLang()
	return ok
}

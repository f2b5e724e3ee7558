package pdf

import (
	"fmt"
	"strings"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
	"github.com/lab110bis/focusplus/rules/judge"
)

// LanguageMatch compares the declared language with the language the text is written
// in: for the document (its Lang against its text as a whole) and for each passage long
// enough to tell (a paragraph in English in a French document, without a Lang of its
// own). A screen reader reads French declared en-US with English pronunciation.
var LanguageMatch = &checker.Rule{
	ID:    "PDF-LANGUAGE-MATCH",
	Title: checker.Text{En: "The declared language is the language of the text", Fr: "La langue déclarée est celle du texte"},
	Why: checker.Text{
		En: "A screen reader picks its voice from the declared language: a French text declared en-US is read with English pronunciation and is very hard to follow; a passage in another language needs its own language to be read correctly.",
		Fr: "Un lecteur d'écran choisit sa voix d'après la langue déclarée : un texte français déclaré en-US est lu avec la prononciation anglaise et devient très difficile à suivre ; un passage dans une autre langue doit avoir sa propre langue pour être bien lu.",
	},
	Fix: checker.Text{
		En: "Set the right language before exporting: Word: select all, Review > Language > Set Proofing Language (and for a passage, select it and set its language); LibreOffice Writer: Tools > Options > Language Settings > Languages, and Format > Character > Language for a passage. In Acrobat: File > Properties > Advanced > Language, and Tags panel > Properties > Language on the passage's tag.",
		Fr: "Réglez la bonne langue avant l'export : Word : tout sélectionner, Révision > Langue > Définir la langue de vérification (et pour un passage, sélectionnez-le et réglez sa langue) ; LibreOffice Writer : Outils > Options > Paramètres linguistiques > Langues, et Format > Caractère > Langue pour un passage. Dans Acrobat : Fichier > Propriétés > Avancé > Langue, et panneau Balises > Propriétés > Langue sur la balise du passage.",
	},
	Affects:  []checker.Audience{checker.Blind, checker.Cognitive},
	Severity: checker.Error,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"3.1.1", "3.1.2"}, EN301549: []string{"10.3.1.1", "10.3.1.2"}, RGAA: []string{"8.3", "8.7"},
	},
	Run: runLanguageMatch,
}

// maxLanguageText bounds the text identified for the document (identification is
// settled long before).
const maxLanguageText = 6000

// passageTypes are the elements whose text is judged one by one.
var passageTypes = map[string]bool{"P": true, "H": true, "H1": true, "H2": true, "H3": true, "H4": true, "H5": true, "H6": true, "LBody": true, "BlockQuote": true, "Caption": true, "Note": true}

func languageName(code string) checker.Text {
	en, fr := judge.LanguageName(code)
	return checker.Text{En: en, Fr: fr}
}

func runLanguageMatch(p *checker.Pass) {
	d := model(p)
	if d == nil {
		return
	}
	// The document: the text of the elements that inherit the catalog language, or the
	// page text of an untagged file.
	var b strings.Builder
	if tagged(d) {
		for _, e := range d.Elems {
			if b.Len() > maxLanguageText {
				break
			}
			if !passageTypes[e.Type] || e.HasLang || inheritsOwnLang(e) {
				continue
			}
			b.WriteString(elemText(e))
			b.WriteString(". ")
		}
	}
	if b.Len() == 0 {
		for _, pg := range d.Pages {
			if b.Len() > maxLanguageText {
				break
			}
			b.WriteString(pg.Content.Text)
			b.WriteByte(' ')
		}
	}
	docMismatch := false
	if d.HasLang && judge.LanguageTag(d.Lang).OK() {
		v, g := judge.DeclaredLanguage(d.Lang, b.String())
		switch {
		case v.OK() && g.Lang != "":
			p.Pass(1)
		case v.Reason == judge.OtherLanguage:
			docMismatch = true
			name := languageName(g.Lang)
			words := checker.Plural(g.Words, "%d word identified", "%d words identified", "%d mot identifié", "%d mots identifiés")
			msg := checker.Text{
				En: fmt.Sprintf("The document declares the language %q but its text is written in %s (%s)", d.Lang, name.En, words.En),
				Fr: fmt.Sprintf("Le document déclare la langue %q mais son texte est écrit en %s (%s)", d.Lang, name.Fr, words.Fr),
			}
			data := map[string]string{"declared": d.Lang, "identified": g.Lang, "words": itoa(g.Words)}
			outcome := checker.Review
			if v.Sure {
				outcome = checker.Failed
			}
			p.Report(checker.Finding{Outcome: outcome, Message: msg, Data: data, Standards: documentLanguage})
		}
	}
	if docMismatch || !tagged(d) {
		return // passages are compared with a document language that is right
	}
	// Passages: a paragraph in another language than the one it inherits. Only long
	// passages are judged (a name, an address or a title in English is no passage).
	var first *pdfdoc.Elem
	var firstGuess judge.LanguageGuess
	var firstLang string
	n := 0
	bases := map[string]string{} // language tag → its base language, parsed once
	for _, e := range d.Elems {
		if !passageTypes[e.Type] {
			continue
		}
		lang, ok := e.InheritedLang()
		if !ok {
			lang = d.Lang
		}
		base, seen := bases[lang]
		if !seen {
			base = judge.BaseLanguage(lang)
			bases[lang] = base
		}
		v, g := judge.DeclaredBaseLanguage(base, elemText(e))
		if v.Reason != judge.OtherLanguage || !v.Sure || g.Words < minPassageWords {
			continue
		}
		if first == nil {
			first, firstGuess, firstLang = e, g, lang
		}
		n++
	}
	if first == nil {
		return
	}
	name := languageName(firstGuess.Lang)
	passages := checker.Plural(n, "%d passage seems written in another language than the one it declares", "%d passages seem written in another language than the one they declare",
		"%d passage semble écrit dans une autre langue que celle qu'il déclare", "%d passages semblent écrits dans une autre langue que celle qu'ils déclarent")
	p.Report(checker.Finding{Outcome: checker.Review, Location: elemLoc(first), Standards: passageLanguage, Message: checker.Text{
		En: fmt.Sprintf("%s; the first, %q, reads as %s but is declared %q: give it its own language", passages.En, quote(elemText(first)), name.En, firstLang),
		Fr: fmt.Sprintf("%s ; le premier, %q, se lit en %s mais est déclaré %q : donnez-lui sa propre langue", passages.Fr, quote(elemText(first)), name.Fr, firstLang),
	}, Data: map[string]string{"count": itoa(n), "declared": firstLang, "identified": firstGuess.Lang}})
}

// The document's language is WCAG 3.1.1; a passage's, 3.1.2.
var (
	documentLanguage = checker.Standards{WCAG: []string{"3.1.1"}, EN301549: []string{"10.3.1.1"}, RGAA: []string{"8.3"}}
	passageLanguage  = checker.Standards{WCAG: []string{"3.1.2"}, EN301549: []string{"10.3.1.2"}, RGAA: []string{"8.7"}}
)

// minPassageWords: a passage in another language is judged from this many words.
const minPassageWords = 15

// inheritsOwnLang reports an element under an ancestor that declares its own language.
func inheritsOwnLang(e *pdfdoc.Elem) bool {
	for a := e.Parent; a != nil; a = a.Parent {
		if a.HasLang {
			return true
		}
	}
	return false
}

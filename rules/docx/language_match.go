package docx

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/wordproc"
	"github.com/lab110bis/focusplus/rules/judge"
)

// LanguageMatch compares the declared languages with the language the text is written
// in: the document's default language against the text that inherits it, and each
// passage (the runs of a paragraph that share one declared language) long enough to
// tell. Word and Writer read aloud, and export to PDF, with the declared language: a
// French letter typed on an English-language Word is read with English pronunciation.
var LanguageMatch = &checker.Rule{
	ID: "DOCX-LANGUAGE-MATCH",
	Title: checker.Text{
		En: "The declared language is the language of the text",
		Fr: "La langue déclarée est celle du texte",
	},
	Why: checker.Text{
		En: "A screen reader picks its voice and pronunciation from the declared language, in the document and in the PDF exported from it: French text declared English is read with English rules and is very hard to follow; a passage in another language needs its own language to be read correctly.",
		Fr: "Un lecteur d'écran choisit sa voix et sa prononciation d'après la langue déclarée, dans le document comme dans le PDF qui en est exporté : un texte français déclaré en anglais est lu avec les règles de l'anglais et devient très difficile à suivre ; un passage dans une autre langue doit avoir sa propre langue pour être bien lu.",
	},
	Fix: checker.Text{
		En: "Word: select the text (Ctrl+A for the whole document), Review > Language > Set Proofing Language, pick the language the text is written in, untick \"Detect language automatically\" and click OK (\"Set As Default\" for the document's default). LibreOffice Writer: select the text, Format > Character > Font > Language (or Tools > Language > For Selection / For All Text), and Tools > Options > Language Settings > Languages > Default languages for documents.",
		Fr: "Word : sélectionnez le texte (Ctrl+A pour tout le document), Révision > Langue > Définir la langue de vérification, choisissez la langue dans laquelle le texte est écrit, décochez « Détecter automatiquement la langue » puis OK (« Définir par défaut » pour la langue par défaut du document). LibreOffice Writer : sélectionnez le texte, Format > Caractère > Police > Langue (ou Outils > Langue > Pour la sélection / Pour tout le texte), et Outils > Options > Paramètres linguistiques > Langues > Langues par défaut des documents.",
	},
	Affects:  []checker.Audience{checker.Blind, checker.Cognitive},
	Severity: checker.Error,
	Kinds:    docxOnly,
	Standards: checker.Standards{
		WCAG: []string{"3.1.1", "3.1.2"}, EN301549: []string{"10.3.1.1", "10.3.1.2"}, RGAA: []string{"8.3", "8.4", "8.7"},
	},
	Run: runLanguageMatch,
}

// The document's language is WCAG 3.1.1 (RGAA 8.3, and 8.4: the language given is the
// right one); a passage's, 3.1.2 (RGAA 8.7).
var (
	documentLanguage = checker.Standards{WCAG: []string{"3.1.1"}, EN301549: []string{"10.3.1.1"}, RGAA: []string{"8.3", "8.4"}}
	passageLanguage  = checker.Standards{WCAG: []string{"3.1.2"}, EN301549: []string{"10.3.1.2"}, RGAA: []string{"8.7"}}
)

const (
	// maxLanguageText bounds the text identified for the document: the guess is
	// settled long before.
	maxLanguageText = 6000
	// minPassageWords: a passage is judged from this many words, so a name, an
	// address, a title of a work or a short quotation is never judged.
	minPassageWords = 15
	// minSentenceWords: a paragraph of the default language votes from this many
	// words, where the identifier was right on every sentence measured (rules/judge).
	minSentenceWords = 6
	// The document's language is wrong for sure from this many words of sentences in
	// another language, and worth a look from minJudgedDocumentWords.
	minSureDocumentWords   = 30
	minJudgedDocumentWords = 8
	// maxVoters bounds the sentences identified for the document's language.
	maxVoters = 400
)

// segment is the text of consecutive runs of one paragraph declaring one language.
type segment struct {
	par     *wordproc.Paragraph
	lang    string // declared, "" when nothing declares one
	text    string
	buf     []byte // text while it is gathered
	letters int
	done    bool          // identified (or too short to be)
	v       judge.Verdict // the text against its declared language, when judged
	g       judge.LanguageGuess
}

// wordCount counts blank-separated words holding a letter ("12 %" is none), without
// allocating.
func wordCount(s string) int {
	n, in, letter := 0, false, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if in && letter {
				n++
			}
			in, letter = false, false
			continue
		}
		in = true
		letter = letter || unicode.IsLetter(r)
	}
	if in && letter {
		n++
	}
	return n
}

// segments splits the paragraphs' visible text by declared language. A run with no
// language of its own speaks the document's.
func segments(d *wordproc.Document) []segment {
	var out []segment
	for _, par := range d.Paragraphs {
		// Tables of contents count too: a reader hears them in their declared language.
		if !wordproc.HasVisibleText(par.Text) {
			continue
		}
		var cur *segment
		for _, r := range par.Runs {
			if r.Hidden || r.Text == "" {
				continue
			}
			lang := r.Lang
			if lang == "" {
				lang = d.Language
			}
			if cur == nil || !strings.EqualFold(cur.lang, lang) {
				out = append(out, segment{par: par, lang: lang})
				cur = &out[len(out)-1]
			}
			if len(cur.buf) < maxLanguageText {
				cur.buf = append(cur.buf, r.Text...) // appended, not concatenated: a paragraph may hold thousands of runs
			}
			cur.letters += letterCount(r.Text)
		}
	}
	for i := range out {
		out[i].text, out[i].buf = string(out[i].buf), nil
	}
	return out
}

func runLanguageMatch(p *checker.Pass) {
	d := model(p)
	if d == nil {
		return
	}
	segs := segments(d)
	// Each paragraph long enough to be a sentence is identified once, when first
	// needed; labels, table cells and names (fewer than six words) are never judged.
	identified := 0
	identify := func(s *segment) bool {
		if s.done {
			return true
		}
		if identified%64 == 0 && p.Context().Err() != nil {
			return false // past the document's deadline: identification is the costly part
		}
		identified++
		s.done = true
		if strings.ContainsAny(s.text, "{«<@/") || strings.Contains(s.text, "www.") {
			s.text = notProse.ReplaceAllString(s.text, " ")
		}
		if wordCount(s.text) >= minSentenceWords {
			s.v, s.g = judge.DeclaredLanguage(s.lang, s.text)
		}
		return true
	}
	// The document: its default language against the text that speaks it. An invalid
	// or missing default is DOCX-LANGUAGE's finding.
	docMismatch := false
	if judge.LanguageTag(d.Language).OK() {
		// The paragraphs in the default language that are sentences (six words or
		// more: labels, table cells and names are not judged) vote, by letters.
		// The first maxVoters sentences are enough to settle the vote.
		judged, voters := 0, 0
		all, inDefault := 0, 0
		other, otherWords := map[string]int{}, map[string]int{}
		for i := range segs {
			s := &segs[i]
			all += s.letters
			if !strings.EqualFold(s.lang, d.Language) || voters >= maxVoters {
				if strings.EqualFold(s.lang, d.Language) {
					inDefault += s.letters
				}
				continue
			}
			inDefault += s.letters
			if !identify(s) {
				return
			}
			v, g := s.v, s.g
			if g.Lang == "" || g.Words < minSentenceWords {
				continue
			}
			judged += s.letters
			voters++
			if v.Reason == judge.OtherLanguage {
				other[g.Lang] += s.letters
				otherWords[g.Lang] += g.Words
			}
		}
		top := ""
		for l, n := range other {
			if top == "" || n > other[top] || (n == other[top] && l < top) {
				top = l
			}
		}
		switch {
		case judged == 0:
		case top == "" || other[top]*10 < judged*7:
			// Most of the text reads as declared; a bilingual text under one language
			// (a French and English form) leaves its passages to the check below.
			p.Pass(1)
		case otherWords[top] >= minSureDocumentWords:
			docMismatch = true
			p.Report(documentMismatch(d, top, otherWords[top], true, inDefault*2 < all))
		case otherWords[top] >= minJudgedDocumentWords:
			docMismatch = true
			p.Report(documentMismatch(d, top, otherWords[top], false, inDefault*2 < all))
		}
	}
	if docMismatch {
		return // every passage would repeat it: the document's language is wrong
	}
	// Passages: runs declared in one language and written, at length, in another.
	for i := range segs {
		s := &segs[i]
		if !identify(s) {
			return
		}
		v, g := s.v, s.g
		if v.Reason != judge.OtherLanguage || !v.Sure || g.Words < minPassageWords {
			if v.OK() && g.Lang != "" && g.Words >= minPassageWords {
				p.Pass(1)
			}
			continue
		}
		en, fr := judge.LanguageName(g.Lang)
		p.Report(checker.Finding{Outcome: checker.Failed, Standards: passageLanguage, Location: paraLoc(s.par),
			Key:  "passage " + strings.ToLower(s.lang) + " " + g.Lang,
			Data: map[string]string{"declared": s.lang, "identified": g.Lang, "words": itoa(g.Words)},
			Message: tr("%s is declared %q but is written in %s: give it its own language",
				"%s est déclaré %q mais est écrit en %s : donnez-lui sa propre langue", where(s.par), s.lang, checker.Text{En: en, Fr: fr})})
	}
}

// documentMismatch is the finding for a default language the text is not written in.
// minority is set when most of the text declares a language of its own, so only the
// rest (often a table of contents, headers, a few paragraphs) speaks the default.
func documentMismatch(d *wordproc.Document, lang string, words int, sure, minority bool) checker.Finding {
	en, fr := judge.LanguageName(lang)
	name := checker.Text{En: en, Fr: fr}
	f := checker.Finding{Outcome: checker.Failed, Standards: documentLanguage, Location: languageLoc(d),
		Data: map[string]string{"declared": d.Language, "identified": lang, "words": itoa(words), "from": d.LanguageFrom},
		Message: tr("The document declares the language %q but its text is written in %s (%d words identified)",
			"Le document déclare la langue %q mais son texte est écrit en %s (%d mots identifiés)", d.Language, name, words)}
	if minority {
		f.Data["part"] = "minority"
		f.Message = tr("The document's default language is %q, and the text that takes it (%d words identified; most of the text declares its own language) is written in %s",
			"La langue par défaut du document est %q, et le texte qui la reprend (%d mots identifiés ; la plus grande partie du texte déclare sa propre langue) est écrit en %s", d.Language, words, name)
	}
	if !sure {
		f.Outcome = checker.Review
		f.Message = tr("The document declares the language %q but its short text (%d words) reads as %s: check the language",
			"Le document déclare la langue %q mais son texte court (%d mots) se lit en %s : vérifiez la langue", d.Language, words, name)
	}
	return f
}

// languageLoc is where the default language is declared.
func languageLoc(d *wordproc.Document) checker.Location {
	if d.SourceFormat == "odt" {
		return checker.Location{Part: "styles.xml", Path: "/office:document-styles/office:styles/style:default-style[@style:family='paragraph']"}
	}
	return checker.Location{Part: "word/styles.xml", Path: "/w:styles/w:docDefaults/w:rPrDefault/w:rPr/w:lang"}
}

// notProse matches what is not written in any language and would mislead the
// identifier: template code ("{% for lot in lots %}", "{{ nom }}", "{NOM_SERVICE}",
// "«Date»"), web and mail addresses.
var notProse = regexp.MustCompile(`\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}|\$?\{[^{}\s]*\}|«[^«»\s]*»|<<[^<>]*>>|https?://\S+|www\.\S+|\S+@\S+\.\S+`)

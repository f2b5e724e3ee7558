package pdf

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/internal/fixtures"
)

// para is one tagged block of a generated page: its tag and its text (PDF string
// syntax, WinAnsi: \225 is a bullet).
type para struct{ tag, text string }

// page builds a tagged one-page PDF whose Document holds the blocks in order; an empty
// text makes an element with no content.
func page(title, lang string, blocks ...para) fixtures.TaggedPDF {
	s := fixtures.TaggedPDF{Title: title, Lang: lang}
	y := 760
	for i, b := range blocks {
		if b.text == "" {
			s.Elems = append(s.Elems, fixtures.Elem{Type: b.tag})
			continue
		}
		s.Elems = append(s.Elems, fixtures.Elem{Type: b.tag, HasMC: true, MCID: i})
		s.Content += fmt.Sprintf("/%s <</MCID %d>> BDC BT /F1 11 Tf 72 %d Td (%s) Tj ET EMC\n", b.tag, i, y, b.text)
		y -= 14
	}
	return s
}

// outcomes runs one rule and lists its findings as "outcome: message", and the rule's
// overall outcome.
func outcomes(t *testing.T, r *checker.Rule, s fixtures.TaggedPDF) ([]string, checker.Outcome) {
	t.Helper()
	fs, row := checker.RunRule(context.Background(), r, load(t, s))
	var out []string
	for _, f := range fs {
		out = append(out, f.Outcome.String()+": "+f.Message.En)
	}
	return out, row.Outcome
}

// expect checks a rule gives exactly one finding of the outcome whose message holds
// want; for Passed and NotApplicable, that it gives no finding and that outcome.
func expect(t *testing.T, name string, r *checker.Rule, s fixtures.TaggedPDF, outcome checker.Outcome, want string) {
	t.Helper()
	got, overall := outcomes(t, r, s)
	if outcome == checker.Passed || outcome == checker.NotApplicable {
		if len(got) != 0 || overall != outcome {
			t.Errorf("%s: %s: want %s, got %s %q", name, r.ID, outcome, overall, got)
		}
		return
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], outcome.String()+": ") || !strings.Contains(got[0], want) {
		t.Errorf("%s: %s: want one %s finding with %q, got %q", name, r.ID, outcome, want, got)
	}
}

const frText = "Le conseil municipal s'est reuni le mardi 4 juin en seance publique sous la presidence du maire. Apres l'approbation du proces-verbal de la seance precedente, les elus ont examine le projet de renovation de l'ecole primaire."

func withLink(text, contents string) fixtures.TaggedPDF {
	s := page("Rapport annuel", "fr-FR", para{"P", "Le rapport est en ligne."})
	s.Elems = append(s.Elems, fixtures.Elem{Type: "Link", HasMC: true, MCID: 5, Annot: 1})
	s.Content += "/Link <</MCID 5>> BDC BT /F1 11 Tf 72 600 Td (" + text + ") Tj ET EMC\n"
	annot := "/Subtype /Link /Rect [72 600 200 612] /A << /S /URI /URI (https://exemple.fr/rapport.pdf) >>"
	if contents != "" {
		annot += " /Contents (" + contents + ")"
	}
	s.Annots = []string{annot}
	return s
}

func TestLinkTextPair(t *testing.T) {
	expect(t, "cliquez ici", LinkText, withLink("cliquez ici", "Rapport"), checker.Failed, `"cliquez ici" does not say`)
	expect(t, "bare URL", LinkText, withLink("https://exemple.fr/docs/rapport-2025.pdf", ""), checker.Review, "spells it out")
	expect(t, "full stop", LinkText, withLink(".", ""), checker.Failed, "only punctuation")
	expect(t, "domain", LinkText, withLink("www.exemple.fr", ""), checker.Review, "an address")
	expect(t, "descriptive", LinkText, withLink("Rapport annuel 2025", ""), checker.Passed, "")
	expect(t, "no link", LinkText, page("Rapport annuel", "fr-FR", para{"P", "Texte."}), checker.NotApplicable, "")
	// A descriptive link without an alternate description fails PDF/UA only.
	fs, _ := checker.RunRule(context.Background(), Links, load(t, withLink("Rapport annuel 2025", "")))
	for _, f := range fs {
		if f.Outcome == checker.Failed && len(f.Standards.WCAG) > 0 {
			t.Errorf("descriptive link without Contents fails WCAG: %+v", f)
		}
	}
}

func TestLinkSameTextOtherTargets(t *testing.T) {
	two := func(second string) fixtures.TaggedPDF {
		s := page("Rapport annuel", "fr-FR", para{"P", "Les formulaires sont en ligne."})
		for i, u := range []string{"https://exemple.fr/a.pdf", second} {
			s.Elems = append(s.Elems, fixtures.Elem{Type: "Link", HasMC: true, MCID: 5 + i, Annot: i + 1})
			s.Content += fmt.Sprintf("/Link <</MCID %d>> BDC BT /F1 11 Tf 72 %d Td (Formulaire de demande) Tj ET EMC\n", 5+i, 600-20*i)
			s.Annots = append(s.Annots, fmt.Sprintf("/Subtype /Link /Rect [72 %d 200 %d] /A << /S /URI /URI (%s) >>", 600-20*i, 612-20*i, u))
		}
		return s
	}
	expect(t, "same text, two targets", LinkText, two("https://exemple.fr/b.pdf"), checker.Review, "leads to different places")
	expect(t, "same text, same target", LinkText, two("https://exemple.fr/a.pdf"), checker.Passed, "")
}

func TestTitleQualityPair(t *testing.T) {
	s := good()
	s.Title = "Microsoft Word - rapport.doc"
	expect(t, "application and file name", TitleQuality, s, checker.Failed, "name of the application")
	s.Title = "Diapositive 1"
	expect(t, "placeholder", TitleQuality, s, checker.Failed, "name a tool gives")
	s.Title = "CR_CA_2024-03"
	expect(t, "file-like", TitleQuality, s, checker.Review, "looks like a file name")
	s.Title = "Rapport annuel 2025"
	expect(t, "fixed", TitleQuality, s, checker.Passed, "")
	s.Title = ""
	expect(t, "missing title is PDF-TITLE's", TitleQuality, s, checker.NotApplicable, "")
	s.NoMetadata, s.InfoTitle = true, "Document1"
	expect(t, "Info title", TitleQuality, s, checker.Failed, "Document1")
}

func TestFormNamesPair(t *testing.T) {
	form := func(tu ...string) fixtures.TaggedPDF {
		s := good()
		for i, x := range tu {
			s.Elems = append(s.Elems, fixtures.Elem{Type: "Form", Annot: i + 1})
			a := fmt.Sprintf("/Subtype /Widget /FT /Tx /T (f%d) /Rect [10 %d 200 %d]", i, 10+20*i, 25+20*i)
			if x != "" {
				a += " /TU (" + x + ")"
			}
			s.Annots = append(s.Annots, a)
		}
		return s
	}
	expect(t, "two of three unnamed", FormNames, form("Nom", "", ""), checker.Failed, "2 of 3 form fields (on 1 page) have")
	expect(t, "named", FormNames, form("Nom", "Prénom", "Date de naissance"), checker.Passed, "")
	expect(t, "no form", FormNames, good(), checker.NotApplicable, "")
	s := form("")
	s.Untagged = true
	expect(t, "untagged form", FormNames, s, checker.Failed, "1 of 1 form field (on 1 page) has")
}

func TestManualListsPair(t *testing.T) {
	intro := para{"P", "Pieces a fournir :"}
	expect(t, "bullets typed", ManualLists, page("T", "fr-FR", intro, para{"P", "\\225 une piece d'identite"}, para{"P", "\\225 un justificatif de domicile"}), checker.Failed, "1 list typed by hand (2 paragraphs")
	expect(t, "numbers typed", ManualLists, page("T", "fr-FR", intro, para{"P", "1. Remplir le formulaire"}, para{"P", "2. Le signer"}, para{"P", "3. L'envoyer"}), checker.Failed, "3 paragraphs")
	expect(t, "letters typed", ManualLists, page("T", "fr-FR", intro, para{"P", "a\\) le demandeur"}, para{"P", "b\\) son conjoint"}), checker.Failed, "")
	fixed := page("T", "fr-FR", intro)
	fixed.Elems = append(fixed.Elems, fixtures.Elem{Type: "L", Kids: []fixtures.Elem{
		{Type: "LI", Kids: []fixtures.Elem{{Type: "Lbl", HasMC: true, MCID: 7}, {Type: "LBody", HasMC: true, MCID: 8}}},
		{Type: "LI", Kids: []fixtures.Elem{{Type: "Lbl", HasMC: true, MCID: 9}, {Type: "LBody", HasMC: true, MCID: 10}}},
	}})
	fixed.Content += fixtures.MCText("Lbl", 7, "\\225") + fixtures.MCText("LBody", 8, "une piece d'identite") + fixtures.MCText("Lbl", 9, "\\225") + fixtures.MCText("LBody", 10, "un justificatif")
	expect(t, "tagged list", ManualLists, fixed, checker.Passed, "")
	expect(t, "a numbered heading alone", ManualLists, page("T", "fr-FR", para{"P", "1. Objet"}, para{"P", "Le present reglement fixe les regles."}, para{"P", "2. Champ"}, para{"P", "Il s'applique a tous."}), checker.Passed, "")
}

func TestEmptyParagraphsPair(t *testing.T) {
	expect(t, "spacing with empty paragraphs", EmptyParagraphs, page("T", "fr-FR", para{"P", "Haut"}, para{"P", ""}, para{"P", ""}, para{"P", ""}, para{"P", ""}, para{"P", "Bas"}), checker.Failed, "1 run of 3 or more empty paragraph tags (4 in all) was used")
	expect(t, "fixed", EmptyParagraphs, page("T", "fr-FR", para{"P", "Haut"}, para{"P", "Bas"}), checker.Passed, "")
	expect(t, "two blank lines are ordinary", EmptyParagraphs, page("T", "fr-FR", para{"P", "Haut"}, para{"P", ""}, para{"P", ""}, para{"P", "Bas"}), checker.Passed, "")
}

func TestLanguageMatchPair(t *testing.T) {
	expect(t, "French declared en-US", LanguageMatch, page("Compte rendu", "en-US", para{"P", frText}), checker.Failed, `declares the language "en-US" but its text is written in French`)
	fs, _ := checker.RunRule(context.Background(), LanguageMatch, load(t, page("Compte rendu", "en-US", para{"P", frText})))
	if len(fs) != 1 || strings.Join(fs[0].Standards.WCAG, ",") != "3.1.1" {
		t.Errorf("document language: want WCAG 3.1.1 alone, got %+v", fs)
	}
	expect(t, "fixed", LanguageMatch, page("Compte rendu", "fr-FR", para{"P", frText}), checker.Passed, "")
	expect(t, "short text: review", LanguageMatch, page("Compte rendu", "en-US", para{"P", "Compte rendu de la reunion"}), checker.Review, "")
	expect(t, "invalid tag is PDF-LANGUAGE's", LanguageMatch, page("Compte rendu", "x-none", para{"P", frText}), checker.NotApplicable, "")
	en := "The town council met on Tuesday in a public session chaired by the mayor and discussed the plan to renovate the primary school and the grant request to the county."
	passage := page("Compte rendu", "fr-FR", para{"P", frText}, para{"P", en}, para{"P", frText})
	expect(t, "English passage in French", LanguageMatch, passage, checker.Review, "reads as English")
	passage.Elems[1].Extra = "/Lang (en-GB)"
	expect(t, "passage with its own language", LanguageMatch, passage, checker.Passed, "")
}

func TestEmptyStructureTreeIsUntagged(t *testing.T) {
	s := page("Rapport", "fr-FR")
	s.Content = "BT /F1 11 Tf 72 700 Td (Texte sans balise) Tj ET\n"
	fs, _ := checker.RunRule(context.Background(), Tagged, load(t, s))
	failed := false
	for _, f := range fs {
		if f.Outcome == checker.Failed && strings.Contains(f.Message.En, "tags almost nothing") {
			failed = true
			if len(f.Standards.WCAG) == 0 || len(f.Standards.PDFUA) != 0 {
				t.Errorf("empty tree: want WCAG references only, got %+v", f.Standards)
			}
		}
	}
	if !failed {
		t.Errorf("an empty structure tree passes PDF-TAGGED: %v", fs)
	}
	expect(t, "real tags", Tagged, good(), checker.Passed, "")
}

func TestTableHeaderVerdicts(t *testing.T) {
	cell := func(typ string, id int, extra string) fixtures.Elem {
		return fixtures.Elem{Type: typ, HasMC: true, MCID: id, Extra: extra}
	}
	table := func(head string, scope string) fixtures.TaggedPDF {
		s := good()
		s.Elems = append(s.Elems, fixtures.Elem{Type: "Table", Kids: []fixtures.Elem{
			{Type: "TR", Kids: []fixtures.Elem{cell(head, 10, scope), cell(head, 11, scope)}},
			{Type: "TR", Kids: []fixtures.Elem{cell("TD", 12, ""), cell("TD", 13, "")}},
		}})
		for i := 10; i <= 13; i++ {
			s.Content += fixtures.MCText("P", i, "x")
		}
		return s
	}
	standards := func(s fixtures.TaggedPDF) []checker.Standards {
		fs, _ := checker.RunRule(context.Background(), TableHeaders, load(t, s))
		var out []checker.Standards
		for _, f := range fs {
			if f.Outcome == checker.Failed {
				out = append(out, f.Standards)
			}
		}
		return out
	}
	if got := standards(table("TH", "")); len(got) != 1 || len(got[0].WCAG) != 0 || got[0].PDFUA[0] != "7.5" {
		t.Errorf("simple table, TH without Scope: want a PDF/UA-only failure, got %+v", got)
	}
	if got := standards(table("TD", "")); len(got) != 1 || len(got[0].WCAG) == 0 {
		t.Errorf("table without any TH: want a WCAG failure, got %+v", got)
	}
	if got := standards(table("TH", "/A << /O /Table /Scope /Column >>")); len(got) != 0 {
		t.Errorf("scoped headers: %+v", got)
	}
}

// styled is a block drawn at a size, in bold (fill and stroke, as Word draws fake bold)
// or not.
type styled struct {
	tag, text string
	size      float64
	bold      bool
}

func styledPage(blocks ...styled) fixtures.TaggedPDF {
	s := fixtures.TaggedPDF{Title: "Rapport", Lang: "fr-FR"}
	y := 760
	for i, b := range blocks {
		s.Elems = append(s.Elems, fixtures.Elem{Type: b.tag, HasMC: true, MCID: i})
		tr := 0
		if b.bold {
			tr = 2
		}
		s.Content += fmt.Sprintf("/%s <</MCID %d>> BDC BT /F1 %g Tf %d Tr 72 %d Td (%s) Tj ET EMC\n", b.tag, i, b.size, tr, y, b.text)
		y -= 20
	}
	return s
}

func TestFakeHeadingsPair(t *testing.T) {
	body := func() []styled {
		return []styled{{"P", frText, 11, false}, {"P", frText, 11, false}, {"P", frText, 11, false}}
	}
	large := append([]styled{{"P", "Compte rendu du conseil municipal", 18, false}}, body()...)
	expect(t, "large text tagged P", FakeHeadings, styledPage(large...), checker.Failed, `"Compte rendu du conseil municipal" (18 pt)`)
	fixed := append([]styled{{"H1", "Compte rendu du conseil municipal", 18, false}}, body()...)
	expect(t, "tagged H1", FakeHeadings, styledPage(fixed...), checker.Passed, "")
	bold := append(append(body(), styled{"P", "Deliberations", 11, true}), body()...)
	expect(t, "bold line before text", FakeHeadings, styledPage(bold...), checker.Review, "1 short bold line before longer text is tagged as a paragraph")
	sentence := append([]styled{{"P", "Le budget est adopte.", 18, false}}, body()...)
	expect(t, "a large sentence is no heading", FakeHeadings, styledPage(sentence...), checker.Passed, "")
	short := []styled{{"P", "Objet", 11, true}, {"P", "Madame, Monsieur, veuillez trouver ci-joint le document.", 11, false}}
	expect(t, "one-page letter: too little text to judge", FakeHeadings, styledPage(short...), checker.NotApplicable, "")
	inverted := append([]styled{{"H1", "Partie", 12, false}, {"H2", "Sous-partie", 20, false}}, body()...)
	expect(t, "H2 larger than H1", FakeHeadings, styledPage(inverted...), checker.Review, "H2 headings (20.0 pt) are drawn larger than H1")
}

func TestBoldHeaderRowWithoutTH(t *testing.T) {
	table := func(boldFirst bool, head string) fixtures.TaggedPDF {
		s := good()
		cell := func(id int) fixtures.Elem {
			typ := "TD"
			if id < 12 {
				typ = head
			}
			return fixtures.Elem{Type: typ, HasMC: true, MCID: id}
		}
		s.Elems = append(s.Elems, fixtures.Elem{Type: "Table", Kids: []fixtures.Elem{
			{Type: "TR", Kids: []fixtures.Elem{cell(10), cell(11)}},
			{Type: "TR", Kids: []fixtures.Elem{cell(12), cell(13)}},
		}})
		for i := 10; i <= 13; i++ {
			tr := 0
			if boldFirst && i < 12 {
				tr = 2
			}
			s.Content += fmt.Sprintf("/P <</MCID %d>> BDC BT /F1 11 Tf %d Tr 72 %d Td (cell %d) Tj ET EMC\n", i, tr, 500-10*i, i)
		}
		return s
	}
	expect(t, "bold first row, no TH", TableHeaders, table(true, "TD"), checker.Failed, "first row in bold")
	expect(t, "plain table, no TH", TableHeaders, table(false, "TD"), checker.Failed, "no header cell at all")
	expect(t, "bold first row tagged TH with Scope", TableHeaders, func() fixtures.TaggedPDF {
		s := table(true, "TH")
		for i := range s.Elems[len(s.Elems)-1].Kids[0].Kids {
			s.Elems[len(s.Elems)-1].Kids[0].Kids[i].Extra = "/A << /O /Table /Scope /Column >>"
		}
		return s
	}(), checker.Passed, "")
}

package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/lab110bis/focusplus/checker"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// testEngine holds rules written here, so the golden files change only when a report
// format changes, not when a real rule's wording does.
func testEngine() *checker.Engine {
	return &checker.Engine{Rules: []*checker.Rule{
		{
			ID:    "PDF-FIGURE-ALT",
			Title: checker.Text{En: "Figures have alternate text", Fr: "Les figures ont une alternative textuelle"},
			Why: checker.Text{En: "A screen reader says nothing useful about a figure without alternate text.",
				Fr: "Un lecteur d'écran ne dit rien d'utile d'une figure sans alternative."},
			Fix:      checker.Text{En: "In Acrobat: Accessibility > Set Alternate Text.", Fr: "Dans Acrobat : Accessibilité > Définir le texte de remplacement."},
			Affects:  []checker.Audience{checker.Blind},
			Severity: checker.Error,
			Kinds:    []checker.Kind{"pdf"},
			Standards: checker.Standards{WCAG: []string{"1.1.1"}, EN301549: []string{"10.1.1.1"}, RGAA: []string{"1.1"},
				PDFUA: []string{"7.3"}, Matterhorn: []string{"13-004"}},
		},
		{
			ID:        "PDF-CONTRAST",
			Title:     checker.Text{En: "Text has enough contrast", Fr: "Le texte est assez contrasté"},
			Why:       checker.Text{En: "Pale text is hard to read for people with low vision.", Fr: "Un texte pâle est difficile à lire pour les personnes malvoyantes."},
			Fix:       checker.Text{En: "In Word: Home > Font Color, pick a darker colour.", Fr: "Dans Word : Accueil > Couleur de police, choisir une couleur plus foncée."},
			Affects:   []checker.Audience{checker.LowVision, checker.ColourBlind},
			Severity:  checker.Warning,
			Kinds:     []checker.Kind{"pdf", "docx"},
			Standards: checker.Standards{WCAG: []string{"1.4.3"}, EN301549: []string{"10.1.4.3"}, RGAA: []string{"3.2"}},
		},
		{
			ID:        "DOCX-TITLE",
			Title:     checker.Text{En: "The document has a title", Fr: "Le document a un titre"},
			Why:       checker.Text{En: "The title is the first thing announced.", Fr: "Le titre est annoncé en premier."},
			Fix:       checker.Text{En: "In Word: File > Info > Properties > Title.", Fr: "Dans Word : Fichier > Informations > Propriétés > Titre."},
			Affects:   []checker.Audience{checker.Everyone},
			Severity:  checker.Tip,
			Kinds:     []checker.Kind{"docx"},
			Standards: checker.Standards{WCAG: []string{"2.4.2"}, RGAA: []string{"8.5"}},
		},
		{
			ID:        "IMG-FLASH",
			Title:     checker.Text{En: "No flashing more than three times a second", Fr: "Pas plus de trois flashs par seconde"},
			Why:       checker.Text{En: "Flashing can cause seizures.", Fr: "Les flashs peuvent provoquer des crises."},
			Fix:       checker.Text{En: "Slow the animation down in the image editor.", Fr: "Ralentir l'animation dans l'éditeur d'images."},
			Affects:   []checker.Audience{checker.Photosensitive},
			Severity:  checker.Error,
			Blocking:  true,
			Kinds:     []checker.Kind{"image"},
			Standards: checker.Standards{WCAG: []string{"2.3.1"}, EN301549: []string{"10.2.3.1"}, RGAA: []string{"13.7"}},
		},
	}}
}

func tx(en, fr string) checker.Text { return checker.Text{En: en, Fr: fr} }

// testResults is a batch with one document of each situation: failures and reviews
// located by page, part and frame; a perfect document; a hostile title and name; and a
// document that could not be read.
func testResults() ([]checker.Result, []checker.Skipped) {
	e := testEngine()
	std := func(id string) checker.Standards { return e.Rule(id).Standards }
	fix := func(id string) checker.Text { return e.Rule(id).Fix }
	return []checker.Result{
			{
				Name: "reports/annual report.pdf", Format: "pdf", Pages: 12, Title: "Annual report 2025",
				Findings: []checker.Finding{
					{Rule: "PDF-FIGURE-ALT", Outcome: checker.Failed, Severity: checker.Error,
						Message:  tx("Figure has no alternate text", "La figure n'a pas d'alternative textuelle"),
						Fix:      fix("PDF-FIGURE-ALT"),
						Location: checker.Location{Page: 3, Object: "12 0 R", Path: "Document/Sect[2]/Figure[1]"}, Standards: std("PDF-FIGURE-ALT"),
						// One problem, three instances: grouped by the engine.
						Count: 3, Locations: []checker.Location{
							{Page: 3, Object: "12 0 R", Path: "Document/Sect[2]/Figure[1]"}, {Page: 7, Object: "40 0 R"}, {Page: 8, Object: "44 0 R"}}},
					{Rule: "PDF-CONTRAST", Outcome: checker.Review, Severity: checker.Warning,
						Message:  tx("Text over a photo: contrast cannot be measured", "Texte sur une photo : contraste non mesurable"),
						Fix:      fix("PDF-CONTRAST"),
						Location: checker.Location{Page: 5, Box: []float64{72, 100, 200, 40}}, Standards: std("PDF-CONTRAST"),
						Data: map[string]string{"foreground": "#777777", "background": "photo"}},
				},
				Checks: []checker.CheckRow{
					{Rule: "PDF-FIGURE-ALT", Outcome: checker.Failed, Passed: 8, Failed: 3},
					{Rule: "PDF-CONTRAST", Outcome: checker.Review, Passed: 40, Review: 1},
				},
				Score: checker.Score{Value: 52, Band: checker.BandMedium, ToReview: 1},
				Conformance: checker.Conformance{
					WCAG:  checker.WCAGVerdict{Level: "AA", Verdict: checker.Failed, Failed: []string{"1.1.1"}, Review: []string{"1.4.3"}},
					PDFUA: checker.PDFUAVerdict{Verdict: checker.Failed, Failed: []string{"7.3"}},
				},
			},
			{
				Name: "letters/<b>bold</b> & \"quoted\" | pipe.docx", Format: "docx", Pages: 2,
				Title: "<script>alert(1)</script>",
				Findings: []checker.Finding{
					{Rule: "DOCX-TITLE", Outcome: checker.Failed, Severity: checker.Tip,
						Message:  tx("The title is \"<script>alert(1)</script>\", a placeholder", "Le titre est « <script>alert(1)</script> », un texte provisoire"),
						Fix:      fix("DOCX-TITLE"),
						Location: checker.Location{Part: "docProps/core.xml"}, Standards: std("DOCX-TITLE")},
				},
				Checks: []checker.CheckRow{
					{Rule: "PDF-CONTRAST", Outcome: checker.Passed, Passed: 12},
					{Rule: "DOCX-TITLE", Outcome: checker.Failed, Failed: 1},
				},
				Score: checker.Score{Value: 99, Band: checker.BandHigh},
				Conformance: checker.Conformance{
					WCAG:  checker.WCAGVerdict{Level: "AA", Verdict: checker.Passed, Failed: []string{}, Review: []string{}},
					PDFUA: checker.PDFUAVerdict{Verdict: checker.NotApplicable, Failed: []string{}},
				},
			},
			{
				Name: "images/flash.gif", Format: "gif", Pages: 1,
				Findings: []checker.Finding{
					{Rule: "IMG-FLASH", Outcome: checker.Failed, Severity: checker.Error, Blocking: true,
						Message:  tx("7 flashes in one second from 0.5 s over 100% of the image", "7 flashs en une seconde à partir de 0,5 s sur 100 % de l'image"),
						Fix:      fix("IMG-FLASH"),
						Location: checker.Location{Frame: 6}, Standards: std("IMG-FLASH"), Data: map[string]string{"flashes": "7"}},
				},
				Checks: []checker.CheckRow{{Rule: "IMG-FLASH", Outcome: checker.Failed, Failed: 1}},
				Score:  checker.Score{Value: 33, Band: checker.BandLow, Capped: true},
				Conformance: checker.Conformance{
					WCAG:  checker.WCAGVerdict{Level: "AA", Verdict: checker.Failed, Failed: []string{"2.3.1"}, Review: []string{}},
					PDFUA: checker.PDFUAVerdict{Verdict: checker.NotApplicable, Failed: []string{}},
				},
			},
			{
				Name: "images/logo.png", Format: "png", Pages: 1,
				Checks: []checker.CheckRow{{Rule: "IMG-FLASH", Outcome: checker.NotApplicable}},
				Score:  checker.Score{Value: 100, Band: checker.BandPerfect},
				Conformance: checker.Conformance{
					WCAG:  checker.WCAGVerdict{Level: "AA", Verdict: checker.NotApplicable, Failed: []string{}, Review: []string{}},
					PDFUA: checker.PDFUAVerdict{Verdict: checker.NotApplicable, Failed: []string{}},
				},
			},
			{
				Name: "broken.pdf", Format: "pdf",
				Err: &checker.LoadError{Msg: tx("password protected", "protégé par un mot de passe")},
			},
		}, []checker.Skipped{
			{Path: "notes.txt", Reason: "not a PDF, DOCX or image"},
		}
}

// render runs a format over the test batch.
func render(t *testing.T, format string, lang checker.Lang) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := New(format, &buf, Meta{Lang: lang, Engine: testEngine()})
	if err != nil {
		t.Fatal(err)
	}
	results, skipped := testResults()
	if err := w.Begin(); err != nil {
		t.Fatal(err)
	}
	s := Summary{Skipped: skipped}
	for _, r := range results {
		s.Add(r)
		if err := w.Document(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.End(s); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// golden compares output with testdata/name; -update rewrites it.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("output differs from %s (run with -update if the change is intended):\n%s", path, got)
	}
}

package docx

import (
	"bytes"
	"context"
	"flag"
	"image/color"
	"os"
	"path/filepath"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	fx "github.com/lab110bis/focusplus/internal/fixtures"
)

var update = flag.Bool("update", false, "rewrite the shipped DOCX samples in testdata/samples")

// docxSamples are the Word samples shipped in testdata/samples, each built from the
// readable description here. `go test ./rules/docx -run Samples -update` rewrites them.
func docxSamples() map[string][]byte {
	png := string(fx.PNG(fx.Bars(160, 100, color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 255}, color.RGBA{R: 0xff, G: 0x7f, B: 0x0e, A: 255}), ""))
	rels := []fx.Rel{
		{ID: "rIdImg", Type: "image", Target: "media/image1.png"},
		{ID: "rIdL", Type: "hyperlink", Target: "https://www.service-public.fr/", External: true},
	}
	draft := fx.DOCX{
		// No title, a fake heading, a typed list, pale text, a table without header row,
		// a picture without alternative text, "cliquez ici", blank lines and a fill-in line.
		Body: `<w:p>` + fx.R(`<w:b/><w:sz w:val="32"/>`, "Compte rendu de la réunion") + `</w:p>` +
			fx.P("", "La réunion du 3 mars a réuni les services de l'accueil et de l'état civil autour des nouveaux horaires.") +
			fx.P("", "1. Ouvrir le guichet à 8 h 30") + fx.P("", "2. Fermer à 17 h le vendredi") +
			`<w:p>` + fx.R(`<w:color w:val="A6A6A6"/>`, "Document de travail, ne pas diffuser.") + `</w:p>` +
			fx.Table("", false, []string{"Service", "Agents"}, []string{"Accueil", "4"}, []string{"État civil", "3"}) +
			`<w:p>` + fx.Picture(1, ``, "") + `</w:p>` +
			`<w:p>` + fx.R("", "Pour les démarches en ligne, ") + `<w:hyperlink r:id="rIdL">` + fx.R(`<w:color w:val="0563C1"/><w:u w:val="single"/>`, "cliquez ici") + `</w:hyperlink></w:p>` +
			fx.P("", "") + fx.P("", "") + fx.P("", "") +
			fx.P("", "Signature : ____________________"),
		Rels:  rels,
		Parts: map[string]string{"word/media/image1.png": png},
	}
	letter := fx.DOCX{
		Title: "Nouveaux horaires d'accueil",
		Body: fx.P("Titre1", "Nouveaux horaires d'accueil") +
			fx.P("", "À partir du 1er avril, l'accueil de la mairie ouvre à 8 h 30 du lundi au vendredi.") +
			fx.P("Titre2", "Horaires par service") +
			fx.Table(`<w:tblLook w:firstRow="1"/>`, true, []string{"Service", "Ouverture", "Fermeture"}, []string{"Accueil", "8 h 30", "17 h 30"}, []string{"État civil", "9 h", "17 h"}) +
			`<w:p>` + fx.Picture(1, `descr="Diagramme : 4 agents à l'accueil, 3 à l'état civil"`, "") + `</w:p>` +
			`<w:p>` + fx.R("", "Toutes les démarches sont aussi sur ") + `<w:hyperlink r:id="rIdL">` + fx.R(`<w:color w:val="0563C1"/><w:u w:val="single"/>`, "le site Service-Public.fr") + `</w:hyperlink></w:p>`,
		Rels:  rels,
		Parts: map[string]string{"word/media/image1.png": png},
	}
	return map[string][]byte{
		"draft-minutes.docx":     draft.Bytes(),
		"accessible-notice.docx": letter.Bytes(),
	}
}

func TestSamplesUpToDate(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "samples")
	for name, want := range docxSamples() {
		path := filepath.Join(dir, name)
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./rules/docx -run Samples -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from its description in samples_test.go (run with -update)", name)
		}
	}
}

// TestSamplesFindings: the draft fails the rules it was written to fail; the notice
// fails none.
func TestSamplesFindings(t *testing.T) {
	s := docxSamples()
	res := engine().Check(context.Background(), "draft-minutes.docx", s["draft-minutes.docx"], false)
	failed := map[string]bool{}
	for _, f := range res.Findings {
		if f.Outcome == checker.Failed {
			failed[f.Rule] = true
		}
	}
	for _, id := range []string{"DOCX-TITLE", "DOCX-FAKE-HEADING", "DOCX-FAKE-LIST", "DOCX-CONTRAST", "DOCX-TABLE-HEADER", "DOCX-IMAGE-ALT", "DOCX-LINK-TEXT", "DOCX-LAYOUT-BLANKS", "DOCX-FAKE-FORM"} {
		if !failed[id] {
			t.Errorf("draft: %s does not fail", id)
		}
	}
	res = engine().Check(context.Background(), "accessible-notice.docx", s["accessible-notice.docx"], false)
	for _, f := range res.Findings {
		if f.Outcome == checker.Failed {
			t.Errorf("notice: unexpected %s: %s", f.Rule, f.Message.En)
		}
	}
	if res.Score.Value < 90 {
		t.Errorf("notice scores %d", res.Score.Value)
	}
}

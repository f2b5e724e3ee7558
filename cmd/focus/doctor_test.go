package main

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lab110bis/focusplus/internal/fixtures"
	"github.com/lab110bis/focusplus/office/officetest"
)

func TestDoctorWithoutLibreOffice(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "soffice")
	code, out, errOut := runCLI(t, nil, map[string]string{"LANG": "fr_FR.UTF-8"}, "doctor", "--soffice", missing)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"LibreOffice : introuvable", "apt-get install libreoffice-writer-nogui", "Tout le reste fonctionne"} {
		if !strings.Contains(out, want) {
			t.Errorf("doctor output lacks %q:\n%s", want, out)
		}
	}
	// Without LibreOffice, a DOCX page cannot be simulated, and the error says why.
	dir := writeFiles(t, map[string][]byte{"note.docx": fixtures.DOCX{Body: fixtures.P("", "x")}.Bytes()})
	code, _, errOut = runCLI(t, nil, nil, "simulate", "--soffice", missing, filepath.Join(dir, "note.docx"))
	if code != exitUnreadable || !strings.Contains(errOut, "libreoffice-writer-nogui") {
		t.Errorf("simulate a DOCX without LibreOffice: exit %d: %s", code, errOut)
	}
}

func TestDoctorAndSimulateDOCXWithLibreOffice(t *testing.T) {
	c := officetest.Use(t)
	c.Timeout = 5 * time.Minute // a loaded machine may take minutes to start LibreOffice
	code, out, errOut := runCLI(t, nil, nil, "doctor", "--lang", "en")
	if code != 0 || !strings.Contains(out, "DOCX/ODT page views: on") {
		t.Fatalf("doctor: exit %d:\n%s%s", code, out, errOut)
	}
	docx := fixtures.DOCX{Body: fixtures.P("", "One") + `<w:p><w:r><w:br w:type="page"/></w:r></w:p>` + fixtures.P("", "Two")}.Bytes()
	dir := writeFiles(t, map[string][]byte{"note.docx": docx})
	outPNG := filepath.Join(dir, "p2.png")
	if code, _, errOut := runCLI(t, nil, nil, "simulate", "--deficiency", "tritan", "--page", "2", "-o", outPNG, filepath.Join(dir, "note.docx")); code != 0 {
		t.Fatalf("simulate page 2: exit %d: %s", code, errOut)
	}
	f, err := os.Open(outPNG)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil || img.Bounds().Dy() < img.Bounds().Dx() {
		t.Errorf("page image %v, %v: want a portrait page", img.Bounds(), err)
	}
	if code, _, errOut := runCLI(t, nil, nil, "simulate", "--page", "3", "-o", outPNG, filepath.Join(dir, "note.docx")); code == 0 || !strings.Contains(errOut, "2 pages") {
		t.Errorf("page 3 of 2: exit %d: %s", code, errOut)
	}
}

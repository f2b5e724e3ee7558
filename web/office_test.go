package web

import (
	"bytes"
	"errors"
	"image/png"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/lab110bis/focusplus/internal/fixtures"
	"github.com/lab110bis/focusplus/office"
	"github.com/lab110bis/focusplus/office/officetest"
)

// twoPageDOCX is a Word document of two pages, the second starting after a page break.
func twoPageDOCX() []byte {
	return fixtures.DOCX{Body: fixtures.P("", "Première page de la note") +
		`<w:p><w:r><w:br w:type="page"/></w:r></w:p>` + fixtures.P("", "Deuxième page")}.Bytes()
}

// uploadOne posts one file through the form and returns the result page's path.
func uploadOne(t *testing.T, h http.Handler, name string, data []byte) string {
	t.Helper()
	w := postFiles(t, h, "/check?lang=en", part{"file", name, data})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("POST /check = %d: %s", w.Code, w.Body)
	}
	return strings.TrimSuffix(w.Header().Get("Location"), "?lang=en")
}

func TestDOCXPagesAndColourBlindViews(t *testing.T) {
	// A loaded machine may take tens of seconds to start LibreOffice.
	officetest.Use(t).Timeout = 3 * time.Minute
	s := newTestServer(t, Config{DocumentTimeout: 5 * time.Minute})
	s.Simulate = greySimulator
	h := s.Handler()
	base := uploadOne(t, h, "note.docx", twoPageDOCX())
	res := get(h, base+"?lang=en").Body.String()
	if !strings.Contains(res, base+"/1/see") {
		t.Fatalf("the result page of a DOCX does not link to its pages:\n%s", res)
	}
	// Page 2 as a deutan reader sees it, with the strip of pages around it.
	see := get(h, base+"/1/see?lang=en&page=2&view=deutan").Body.String()
	for _, want := range []string{"/pages/2/deutan.png", "/pages/1/original.png", "/pages/2/original.png", "view=protan", "view=tritan", "view=achromatopsia"} {
		if !strings.Contains(see, want) {
			t.Errorf("see page lacks %q", want)
		}
	}
	img := regexp.MustCompile(`src="([^"]*pages/2/deutan\.png[^"]*)"`).FindStringSubmatch(see)
	if img == nil {
		t.Fatal("no deutan view of page 2")
	}
	pw := get(h, strings.ReplaceAll(img[1], "&amp;", "&"))
	if _, err := png.Decode(pw.Body); pw.Code != 200 || err != nil {
		t.Fatalf("page image = %d, %v", pw.Code, err)
	}
	if cmp := get(h, base+"/1/compare?lang=en&deficiency=protan&page=2"); cmp.Code != 200 || !strings.Contains(cmp.Body.String(), "pages/2/protan.png") {
		t.Errorf("compare view of page 2 = %d", cmp.Code)
	}

	// The API simulates a page of the DOCX; a page past the last is refused.
	w := postFiles(t, h, "/api/v1/simulate", part{"file", "note.docx", twoPageDOCX()}, part{field: "deficiency", data: []byte("tritan")}, part{field: "page", data: []byte("2")})
	if w.Code != 200 || w.Header().Get("Content-Type") != "image/png" {
		t.Fatalf("simulate page 2 of a DOCX = %d %s", w.Code, w.Body)
	}
	w = postFiles(t, h, "/api/v1/simulate", part{"file", "note.docx", twoPageDOCX()}, part{field: "deficiency", data: []byte("tritan")}, part{field: "page", data: []byte("3")})
	if w.Code != 400 {
		t.Errorf("page 3 of 2 = %d %s", w.Code, w.Body)
	}
}

func TestDOCXWithoutLibreOfficeSaysHowToGetPages(t *testing.T) {
	t.Setenv(office.EnvBinary, filepath.Join(t.TempDir(), "missing-soffice"))
	c, err := office.Find("")
	officetest.Set(t, c, err)
	s := newTestServer(t, Config{})
	h := s.Handler()
	base := uploadOne(t, h, "note.docx", twoPageDOCX())
	res := get(h, base+"?lang=fr").Body.String()
	if !strings.Contains(res, "apt-get install libreoffice-writer-nogui") || !strings.Contains(res, "nécessitent LibreOffice") {
		t.Errorf("the result page does not say page views need LibreOffice:\n%s", res)
	}
	if !strings.Contains(res, `class="score-value"`) {
		t.Error("the DOCX was not checked")
	}
	w := postFiles(t, h, "/api/v1/simulate", part{"file", "note.docx", twoPageDOCX()}, part{field: "deficiency", data: []byte("protan")})
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "libreoffice-writer-nogui") {
		t.Errorf("simulate without LibreOffice = %d %s", w.Code, w.Body)
	}
}

// TestHungLibreOfficeIsKilledAndServerServes: a LibreOffice that never finishes (and has
// started a child) is killed at its deadline; the document is still checked, its page
// says the view is unavailable, nothing is left running or on disk, and the server
// answers the next request.
func TestHungLibreOfficeIsKilledAndServerServes(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	dir := t.TempDir()
	bin := filepath.Join(dir, "soffice")
	script := "#!/bin/sh\nif [ \"$1\" = child ]; then while :; do sleep 1; done; fi\n\"$0\" child &\nwhile :; do sleep 1; done\n"
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	c := office.New(bin, 1)
	c.Timeout = time.Second
	officetest.Set(t, c, nil)
	s := newTestServer(t, Config{DocumentTimeout: 20 * time.Second})
	h := s.Handler()
	start := time.Now()
	base := uploadOne(t, h, "hostile.docx", twoPageDOCX())
	if d := time.Since(start); d > 15*time.Second {
		t.Errorf("the upload took %v with a hung LibreOffice", d)
	}
	res := get(h, base+"?lang=en").Body.String()
	if !strings.Contains(res, "Page view unavailable") || !strings.Contains(res, `class="score-value"`) {
		t.Errorf("want a checked document with a page-view-unavailable note:\n%s", res)
	}
	deadline := time.Now().Add(3 * time.Second)
	for countProcesses(bin) > 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if n := countProcesses(bin); n > 0 {
		t.Errorf("%d LibreOffice processes left running", n)
	}
	if ents, _ := os.ReadDir(tmp); len(ents) > 0 {
		t.Errorf("%d temporary files left: %v", len(ents), ents[0].Name())
	}
	if w := get(h, "/healthz"); w.Code != 200 {
		t.Errorf("healthz after the hang = %d", w.Code)
	}
	if w := postFiles(t, h, "/api/v1/check", part{"file", "chart.png", barChartPNG("")}); w.Code != 200 {
		t.Errorf("next check = %d", w.Code)
	}
	var oe *office.Error
	if _, err := c.Convert(t.Context(), []byte("x"), "docx"); !errors.As(err, &oe) {
		t.Errorf("a second conversion: %v", err)
	}
}

// countProcesses counts the running processes whose command line contains s.
func countProcesses(s string) int {
	n := 0
	paths, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil && bytes.Contains(b, []byte(s)) {
			n++
		}
	}
	return n
}

func TestODTPages(t *testing.T) {
	officetest.Use(t).Timeout = 3 * time.Minute
	s := newTestServer(t, Config{DocumentTimeout: 5 * time.Minute})
	s.Simulate = greySimulator
	h := s.Handler()
	odt := fixtures.ODT{Title: "Note", Language: "fr-FR", Body: `<text:h text:outline-level="1">Note de service</text:h><text:p>Première page.</text:p>`}.Bytes()
	base := uploadOne(t, h, "note.odt", odt)
	see := get(h, base+"/1/see?lang=en&page=1&view=tritan").Body.String()
	img := regexp.MustCompile(`src="([^"]*pages/1/tritan\.png[^"]*)"`).FindStringSubmatch(see)
	if img == nil {
		t.Fatalf("no tritan view of the ODT's page 1:\n%s", see)
	}
	pw := get(h, strings.ReplaceAll(img[1], "&amp;", "&"))
	if _, err := png.Decode(pw.Body); pw.Code != 200 || err != nil {
		t.Fatalf("ODT page image = %d, %v", pw.Code, err)
	}
}

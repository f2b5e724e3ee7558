package web

import (
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/checker"
)

func TestColourNames(t *testing.T) {
	fr, en := locale(checker.French), locale(checker.English)
	for hex, want := range map[string]string{
		"#ffffff": "blanc", "#000000": "noir", "#a6a6a6": "gris clair", "#767676": "gris", "#d62728": "rouge",
		"#2ca02c": "vert", "#1f77b4": "bleu", "#ff7f0e": "orange", "#fefefe": "blanc", "#003366": "bleu marine",
	} {
		if got := colourName(fr, hex); got != want {
			t.Errorf("%s = %q, want %q", hex, got, want)
		}
	}
	if got := colourName(en, "#a6a6a6"); got != "light grey" {
		t.Errorf("English name = %q", got)
	}
	if colourName(fr, "red") != "" || colourName(fr, "#12345") != "" {
		t.Error("not a #rrggbb colour, yet named")
	}
}

// TestContrastFindingsShowSwatchesNamesAndLocaleRatios: a contrast failure shows both
// colours as a sample, a name and a code, and the ratios in the reader's notation.
func TestContrastFindingsShowSwatchesNamesAndLocaleRatios(t *testing.T) {
	s := newTestServer(t, Config{})
	id := s.cache.put([]*checkedDoc{{Result: checker.Result{Name: "a.docx", Format: "docx", Pages: 1,
		Score: checker.Score{Value: 60, Band: checker.BandMedium},
		Findings: []checker.Finding{{Rule: "DOCX-CONTRAST", Outcome: checker.Failed, Severity: checker.Error,
			Message: tx("Contrast 2.43:1", "Contraste de 2,43:1"),
			Data:    map[string]string{"foreground": "#a6a6a6", "background": "#ffffff", "ratio": "2.43", "required": "4.5"}}}}}})
	fr := get(s.Handler(), "/results/"+id+"?lang=fr").Body.String()
	for _, want := range []string{`fill="#a6a6a6"`, "Texte : gris clair", "<code>#a6a6a6</code>", "Fond : blanc", "Contraste mesuré : 2,43:1", "il faut : 4,5:1"} {
		if !strings.Contains(fr, want) {
			t.Errorf("French page lacks %q", want)
		}
	}
	en := get(s.Handler(), "/results/"+id+"?lang=en").Body.String()
	for _, want := range []string{"Text: light grey", "Contrast measured: 2.43:1", "needed: 4.5:1"} {
		if !strings.Contains(en, want) {
			t.Errorf("English page lacks %q", want)
		}
	}
}

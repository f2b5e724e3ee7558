package pdf

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/lab110bis/focusplus/internal/fixtures"
)

// samples are the PDFs shipped in testdata for the README's demo command, generated here.
func samples() map[string][]byte {
	bad := good()
	bad.Lang, bad.Title, bad.NoDisplayDoc, bad.UAPart = "", "", true, "-"
	bad.Elems[0].Type = "H2"
	bad.Elems[2].Extra = "/Alt (IMG_2041.jpg)"
	bad.Elems = append(bad.Elems, fixtures.Elem{Type: "Figure", HasMC: true, MCID: 3})
	bad.Content += "/Figure <</MCID 3>> BDC 20 20 10 10 re f EMC\nBT /F1 12 Tf 72 100 Td (Untagged footer) Tj ET\n"
	return map[string][]byte{
		"testdata/samples/report-accessible.pdf":   good().Bytes(),
		"testdata/samples/report-inaccessible.pdf": bad.Bytes(),
		"testdata/pdf/long-40-pages.pdf":           fixtures.LongPDF(40, 8),
	}
}

// TestWriteSamples regenerates the shipped samples when FOCUS_WRITE_SAMPLES is set.
func TestWriteSamples(t *testing.T) {
	if os.Getenv("FOCUS_WRITE_SAMPLES") == "" {
		t.Skip("set FOCUS_WRITE_SAMPLES=1 to regenerate testdata PDFs")
	}
	for name, data := range samples() {
		p := filepath.Join("..", "..", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if dir := os.Getenv("FOCUS_WRITE_LONG"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, "long-500.pdf"), fixtures.LongPDF(500, 20), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

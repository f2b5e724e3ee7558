package web

import "testing"

// TestODTIsNeverReportedAsDOCX: an OpenDocument text is named as what it is, or unknown.
func TestODTIsNeverReportedAsDOCX(t *testing.T) {
	h := newTestServer(t, Config{}).Handler()
	w := postFiles(t, h, "/api/v1/check", part{"file", "minutes.odt", odtPackage(t)}, part{"file", "minutes.docx", odtPackage(t)})
	for _, d := range decodeReport(t, w).Documents {
		if d.Format != "odt" && d.Format != "unknown" {
			t.Errorf("%s: an OpenDocument text reported as format %q", d.Path, d.Format)
		}
	}
}

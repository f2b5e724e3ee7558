package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/checker"
)

// FuzzFormats: whatever a document's name, title and messages hold (markup, quotes,
// control characters, invalid UTF-8), every format stays well-formed and the HTML shows
// it as text.
func FuzzFormats(f *testing.F) {
	f.Add("a.pdf", "Title", "message", "key", "value")
	f.Add(`<script>alert(1)</script>.pdf`, `"><img src=x onerror=alert(1)>`, "]]><!--", "\x00\x1b[31m", "\xff\xfe")
	f.Add("c:/x|y`z`.docx", "# heading\n| a | b |", "*bold* _it_ [l](http://x)", "&amp;", "&#0;")
	f.Fuzz(func(t *testing.T, name, title, msg, key, value string) {
		r := checker.Result{Name: name, Format: "pdf", Pages: 1, Title: title,
			Findings: []checker.Finding{{Rule: "PDF-FIGURE-ALT", Outcome: checker.Failed, Severity: checker.Error,
				Message: checker.Text{En: msg, Fr: msg}, Location: checker.Location{Page: 1, Path: title, Part: msg},
				Data: map[string]string{key: value}}},
			Checks: []checker.CheckRow{{Rule: "PDF-FIGURE-ALT", Outcome: checker.Failed, Failed: 1}},
			Score:  checker.Score{Value: 50, Band: checker.BandMedium}}
		bad := checker.Result{Name: title, Err: &checker.LoadError{Msg: checker.Text{En: msg}}}
		for _, format := range Formats() {
			var buf bytes.Buffer
			w, _ := New(format, &buf, Meta{Lang: checker.English, Engine: testEngine()})
			s := Summary{Skipped: []checker.Skipped{{Path: name, Reason: msg}}}
			w.Begin()
			for _, res := range []checker.Result{r, bad} {
				s.Add(res)
				if err := w.Document(res); err != nil {
					t.Fatalf("%s: %v", format, err)
				}
			}
			if err := w.End(s); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			out := buf.Bytes()
			switch format {
			case "json", "sarif":
				if !json.Valid(out) {
					t.Fatalf("%s: invalid JSON", format)
				}
			case "jsonl":
				for _, line := range bytes.Split(bytes.TrimSpace(out), []byte("\n")) {
					if !json.Valid(line) {
						t.Fatalf("jsonl: invalid line %q", line)
					}
				}
			case "junit":
				d := xml.NewDecoder(bytes.NewReader(out))
				for {
					_, err := d.Token()
					if err != nil {
						if err.Error() != "EOF" {
							t.Fatalf("junit: %v", err)
						}
						break
					}
				}
			case "html":
				body := string(out)
				body = body[strings.Index(body, "<body>"):strings.LastIndex(body, "<script>")]
				for _, s := range []string{name, title, msg} {
					if strings.Contains(s, "<") && len(s) > 1 && strings.Contains(body, s) {
						t.Fatalf("html: %q reached the page unescaped", s)
					}
				}
			}
		}
	})
}

package rules

import (
	"regexp"
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/checker"
)

var idPattern = regexp.MustCompile(`^(IMG|PDF|DOCX)-[A-Z0-9]+(-[A-Z0-9]+)*$`)

// TestRuleMetadata rejects a rule that a report could not explain: every rule needs a
// stable ID, a title, why it matters and how to fix it in both languages, who it affects,
// a severity, the formats it applies to and at least one reference.
func TestRuleMetadata(t *testing.T) {
	seen := map[string]bool{}
	all := All()
	if len(all) == 0 {
		t.Fatal("no rules registered")
	}
	for _, r := range all {
		if !idPattern.MatchString(r.ID) {
			t.Errorf("rule ID %q: want FORMAT-WHAT in capitals", r.ID)
		}
		if seen[r.ID] {
			t.Errorf("rule ID %q registered twice", r.ID)
		}
		seen[r.ID] = true
		for field, text := range map[string]checker.Text{"title": r.Title, "why": r.Why, "fix": r.Fix} {
			if text.En == "" || text.Fr == "" {
				t.Errorf("%s: %s must be given in English and French", r.ID, field)
			}
			if text.En == text.Fr && len(text.En) > 20 {
				t.Errorf("%s: %s is the same in both languages", r.ID, field)
			}
		}
		if len(r.Affects) == 0 {
			t.Errorf("%s: says nothing about who it affects", r.ID)
		}
		for _, a := range r.Affects {
			if a.Describe().IsZero() {
				t.Errorf("%s: unknown audience %q", r.ID, a)
			}
		}
		if r.Severity.String() == "unknown" {
			t.Errorf("%s: no severity", r.ID)
		}
		if len(r.Kinds) == 0 {
			t.Errorf("%s: applies to no format", r.ID)
		}
		if len(r.Standards.WCAG) == 0 && len(r.Standards.PDFUA) == 0 {
			t.Errorf("%s: no WCAG or PDF/UA reference", r.ID)
		}
		if citesLevelAOrAA(r.Standards.WCAG) && (len(r.Standards.EN301549) == 0 || len(r.Standards.RGAA) == 0) {
			t.Errorf("%s: a WCAG A/AA reference needs its EN 301 549 clause and RGAA criterion", r.ID)
		}
		if r.Run == nil {
			t.Errorf("%s: no Run function", r.ID)
		}
	}
}

// TestEveryKindHasALoader keeps rules from being registered for a format nobody reads.
func TestEveryKindHasALoader(t *testing.T) {
	e := NewEngine()
	offered := map[checker.Kind]bool{}
	for _, f := range checker.Formats() {
		for _, k := range f.Kinds {
			offered[k] = true
		}
	}
	for _, r := range e.Rules {
		for _, k := range r.Kinds {
			if !offered[k] {
				t.Errorf("%s applies to %s, which no format offers", r.ID, k)
			}
		}
	}
}

// aaaCriteria are the WCAG 2.2 level AAA success criteria rules may cite: EN 301 549 and
// RGAA stop at level AA, so a rule citing only these has no clause there to name.
var aaaCriteria = map[string]bool{
	"1.4.6": true, "1.4.8": true, "1.4.9": true, "2.2.3": true, "2.2.4": true, "2.3.2": true,
	"2.4.9": true, "2.4.10": true, "2.4.12": true, "2.4.13": true, "3.1.3": true, "3.1.4": true,
	"3.1.5": true, "3.1.6": true,
}

func citesLevelAOrAA(wcag []string) bool {
	for _, sc := range wcag {
		if !aaaCriteria[sc] {
			return true
		}
	}
	return false
}

// TestSniff: every registered format is recognised from its content alone, and content
// none claims is "unknown", never another format.
func TestSniff(t *testing.T) {
	cases := map[string]checker.Format{
		"\x89PNG\r\n\x1a\nxxxx":                    "png",
		"\xff\xd8\xff\xe0":                         "jpeg",
		"GIF89a....":                               "gif",
		"RIFF\x00\x00\x00\x00WEBPVP8 ":             "webp",
		"II*\x00....":                              "tiff",
		"MM\x00*....":                              "tiff",
		"BM" + strings.Repeat("\x00", 30):          "bmp",
		"PK\x03\x04....":                           "docx",
		"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":         "docx",
		"%PDF-1.7\n":                               "pdf",
		"garbage before the header\n%PDF-1.4\n...": "pdf",
		"hello world":                              checker.FormatUnknown,
		"":                                         checker.FormatUnknown,
	}
	for in, want := range cases {
		if got := checker.Sniff([]byte(in)); got != want {
			t.Errorf("Sniff(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzSniff(f *testing.F) {
	for _, s := range []string{"%PDF-1.7", "GIF89a", "\x89PNG\r\n\x1a\n", "PK\x03\x04", "RIFF1234WEBP"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got := checker.Sniff(b)
		if got == checker.FormatUnknown {
			return
		}
		if f := checker.LookupFormat(got); f == nil || len(f.Kinds) == 0 {
			t.Fatalf("format %q is not registered or offers no model", got)
		}
	})
}

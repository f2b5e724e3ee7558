package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"image/color"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/lab110bis/focusplus/checker"
)

// Rewrite every golden file with: go test ./report -update

func TestGoldenFormats(t *testing.T) {
	cases := []struct {
		format string
		lang   checker.Lang
		file   string
	}{
		{"sarif", checker.English, "batch.sarif"},
		{"junit", checker.English, "batch.junit.xml"},
		{"markdown", checker.English, "batch.md"},
		{"markdown", checker.French, "batch.fr.md"},
		{"html", checker.English, "batch.html"},
		{"html", checker.French, "batch.fr.html"},
		{"jsonl", checker.English, "batch.jsonl"},
		{"json", checker.English, "batch.json"},
		{"text", checker.English, "batch.txt"},
		{"text", checker.French, "batch.fr.txt"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			golden(t, c.file, render(t, c.format, c.lang))
		})
	}
}

func TestEveryFormatHandlesAnEmptyBatch(t *testing.T) {
	for _, name := range Formats() {
		var buf bytes.Buffer
		w, _ := New(name, &buf, Meta{Lang: checker.English, Engine: testEngine()})
		if err := w.Begin(); err != nil {
			t.Fatal(err)
		}
		if err := w.End(Summary{}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		switch name {
		case "json", "sarif":
			if !json.Valid(buf.Bytes()) {
				t.Errorf("%s: invalid JSON for an empty batch:\n%s", name, buf.String())
			}
		case "junit":
			if err := xml.Unmarshal(buf.Bytes(), new(struct{})); err != nil {
				t.Errorf("junit: %v", err)
			}
		}
	}
}

func loadSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	path := filepath.Join("..", "..", "shared", "standards", "sarif-schema-2.1.0.json")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("SARIF schema not found at %s (the shared reference data is absent): %v", path, err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	schema := loadSARIFSchema(t)
	for _, lang := range []checker.Lang{checker.English, checker.French} {
		out := render(t, "sarif", lang)
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("not JSON: %v", err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Errorf("SARIF (%s) does not validate: %v", lang, err)
		}
	}
	// The validator must be able to fail: a result with an unknown kind is refused.
	bad := bytes.Replace(render(t, "sarif", checker.English), []byte(`"kind": "review"`), []byte(`"kind": "maybe"`), 1)
	inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
	if schema.Validate(inst) == nil {
		t.Error("schema accepted kind \"maybe\": the validation is not working")
	}
}

func TestSARIFContent(t *testing.T) {
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID         string
						Help       struct{ Text string }
						Properties struct{ Tags []string }
					}
				}
			}
			Results []struct {
				RuleID     string
				RuleIndex  int
				Kind       string
				Level      *string
				Message    struct{ Text string }
				Properties struct{ Count int }
				Locations  []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct {
							StartLine  int
							Properties checker.Location
						}
					}
					LogicalLocations []struct{ Name, Kind string }
				}
			}
			Invocations []struct {
				ToolExecutionNotifications []struct {
					Level   string
					Message struct{ Text string }
				}
			}
		}
	}
	if err := json.Unmarshal(render(t, "sarif", checker.English), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	rules := run.Tool.Driver.Rules
	if len(rules) != 4 {
		t.Fatalf("%d rules, want the 4 of the engine", len(rules))
	}
	for _, r := range rules {
		if !strings.Contains(r.Help.Text, "How to fix it") || len(r.Properties.Tags) < 2 {
			t.Errorf("rule %s lacks help or tags: %+v", r.ID, r)
		}
	}
	if !contains(rules[0].Properties.Tags, "WCAG-1.1.1") || !contains(rules[0].Properties.Tags, "Matterhorn-13-004") {
		t.Errorf("tags %v lack the references", rules[0].Properties.Tags)
	}
	kinds := map[string]int{}
	for _, r := range run.Results {
		kinds[r.Kind]++
		if rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("ruleIndex %d points at %s, not %s", r.RuleIndex, rules[r.RuleIndex].ID, r.RuleID)
		}
		if (r.Kind == "fail") != (r.Level != nil) {
			t.Errorf("%s %s: level must be set for failures only", r.RuleID, r.Kind)
		}
		loc := r.Locations[0]
		if strings.Contains(loc.PhysicalLocation.ArtifactLocation.URI, " ") || strings.Contains(loc.PhysicalLocation.ArtifactLocation.URI, `\`) {
			t.Errorf("uri %q is not a relative URI with forward slashes", loc.PhysicalLocation.ArtifactLocation.URI)
		}
		if loc.PhysicalLocation.Region.StartLine != 1 {
			t.Errorf("region has no start line")
		}
	}
	// One result per problem: the three figures without alternate text are one result.
	if kinds["fail"] != 3 || kinds["review"] != 1 {
		t.Errorf("kinds %v, want 3 fail and 1 review", kinds)
	}
	first := run.Results[0]
	if first.Locations[0].PhysicalLocation.ArtifactLocation.URI != "reports/annual%20report.pdf" ||
		first.Locations[0].PhysicalLocation.Region.Properties.Page != 3 ||
		first.Locations[0].LogicalLocations[0].Name != "page 3" || *first.Level != "error" ||
		!strings.Contains(first.Message.Text, "pages 3, 7–8") || !strings.Contains(first.Message.Text, "3 times") {
		t.Errorf("first result not located on pages 3, 7 and 8 of the PDF: %+v", first)
	}
	if len(first.Locations) != 3 || first.Locations[2].PhysicalLocation.Region.Properties.Page != 8 ||
		first.Properties.Count != 3 {
		t.Errorf("grouped result: %d locations, count %d; want the 3 instances", len(first.Locations), first.Properties.Count)
	}
	notes := run.Invocations[0].ToolExecutionNotifications
	if len(notes) != 2 || notes[0].Level != "error" || !strings.Contains(notes[0].Message.Text, "password") {
		t.Errorf("notifications %+v: want the unreadable document as an error and the skipped file as a note", notes)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestSARIFURI(t *testing.T) {
	for in, want := range map[string]string{
		"docs/a b.pdf":    "docs/a%20b.pdf",
		"./docs/x.png":    "docs/x.png",
		"/srv/docs/x.pdf": "file:///srv/docs/x.pdf",
		"c:odd.pdf":       "./c:odd.pdf",
		"100%.pdf":        "100%25.pdf",
		"-":               "-",
	} {
		if got := SARIFURI(in); got != want {
			t.Errorf("SARIFURI(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestJUnitStructure(t *testing.T) {
	var doc struct {
		Suites []struct {
			Name     string `xml:"name,attr"`
			Tests    int    `xml:"tests,attr"`
			Failures int    `xml:"failures,attr"`
			Errors   int    `xml:"errors,attr"`
			Skipped  int    `xml:"skipped,attr"`
			Cases    []struct {
				Name    string `xml:"name,attr"`
				Failure *struct {
					Message string `xml:"message,attr"`
					Type    string `xml:"type,attr"`
					Text    string `xml:",chardata"`
				} `xml:"failure"`
				Error *struct {
					Message string `xml:"message,attr"`
				} `xml:"error"`
				SystemOut string `xml:"system-out"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(render(t, "junit", checker.English), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Suites) != 6 {
		t.Fatalf("%d suites, want 5 documents and the skipped files", len(doc.Suites))
	}
	pdf := doc.Suites[0]
	if pdf.Name != "reports/annual report.pdf" || pdf.Tests != 2 || pdf.Failures != 1 {
		t.Errorf("pdf suite %+v", pdf)
	}
	f := pdf.Cases[0].Failure
	if f == nil || f.Type != "error" || strings.Count(f.Text, "Figure has no alternate text") != 1 ||
		!strings.Contains(f.Text, "3 times") || !strings.Contains(f.Text, "pages 3, 7–8") {
		t.Errorf("failure %+v: want the figures once, with their count and pages", f)
	}
	if !strings.Contains(pdf.Cases[1].SystemOut, "contrast cannot be measured") || pdf.Cases[1].Failure != nil {
		t.Errorf("review case %+v: want it passing with the review in system-out", pdf.Cases[1])
	}
	if doc.Suites[1].Name != `letters/<b>bold</b> & "quoted" | pipe.docx` {
		t.Errorf("suite name not round-tripped: %q", doc.Suites[1].Name)
	}
	if doc.Suites[3].Skipped != 1 {
		t.Errorf("not-applicable rule not skipped: %+v", doc.Suites[3])
	}
	broken := doc.Suites[4]
	if broken.Errors != 1 || broken.Cases[0].Error == nil || broken.Cases[0].Error.Message != "password protected" {
		t.Errorf("unreadable document %+v", broken)
	}
}

func TestJSONLStreams(t *testing.T) {
	out := render(t, "jsonl", checker.English)
	sc := bufio.NewScanner(bytes.NewReader(out))
	var lines []map[string]any
	for sc.Scan() {
		var v map[string]any
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("line %d: %v", len(lines)+1, err)
		}
		lines = append(lines, v)
	}
	if len(lines) != 6 {
		t.Fatalf("%d lines, want 5 documents and a summary", len(lines))
	}
	if lines[0]["path"] != "reports/annual report.pdf" || lines[4]["error"] != "password protected" {
		t.Errorf("document lines out of order: %v", lines)
	}
	sum, ok := lines[5]["summary"].(map[string]any)
	if !ok || sum["documents"].(float64) != 5 {
		t.Errorf("last line %v", lines[5])
	}

	// Each document is written when it is given, before End: a consumer sees it at once.
	var buf bytes.Buffer
	w, _ := New("jsonl", &buf, Meta{Lang: checker.English})
	results, _ := testResults()
	w.Begin()
	for i, r := range results {
		w.Document(r)
		if n := bytes.Count(buf.Bytes(), []byte("\n")); n != i+1 {
			t.Fatalf("after %d documents, %d lines written", i+1, n)
		}
	}
}

func TestJSONSummary(t *testing.T) {
	var rep JSONReport
	if err := json.Unmarshal(render(t, "json", checker.English), &rep); err != nil {
		t.Fatal(err)
	}
	s := rep.Summary
	if s.Documents != 5 || s.Unreadable != 1 || s.ByBand["high"] != 1 || s.ByBand["medium"] != 1 || s.ByBand["low"] != 1 || s.ByBand["perfect"] != 1 {
		t.Errorf("documents by band: %+v", s)
	}
	if s.ByRule["PDF-FIGURE-ALT"] != 3 || s.ByRule["IMG-FLASH"] != 1 || s.ReviewRule["PDF-CONTRAST"] != 1 {
		t.Errorf("findings by rule: failures %v, reviews %v", s.ByRule, s.ReviewRule)
	}
}

func TestMarkdownEscapesAndSorts(t *testing.T) {
	out := string(render(t, "markdown", checker.English))
	// Outside code spans (where Markdown shows text as is), no "<" may remain.
	if outside := regexp.MustCompile("`[^`\n]*`").ReplaceAllString(out, ""); strings.Contains(outside, "<") {
		t.Errorf("raw HTML from a document reached the Markdown:\n%s", out)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "| `letters") && strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") != 9 {
			t.Errorf("a pipe in a name broke the table row: %s", line)
		}
	}
	broken, flash, perfect := strings.Index(out, "broken.pdf"), strings.Index(out, "images/flash.gif"), strings.Index(out, "images/logo.png")
	if !(broken < flash && flash < perfect) {
		t.Errorf("table not sorted unreadable first, then by score:\n%s", out)
	}
	if !strings.Contains(out, "### Top issues") || !strings.Contains(out, "`IMG-FLASH`") {
		t.Errorf("no top issues:\n%s", out)
	}
	if got := mdText("a|b*c_<x>\nd"); got != `a\|b\*c\_&lt;x&gt; d` {
		t.Errorf("mdText = %q", got)
	}
}

func TestHTMLEscapesAndIsSelfContained(t *testing.T) {
	out := string(render(t, "html", checker.English))
	if strings.Contains(out, "<script>alert(1)") || strings.Contains(out, "<b>bold</b>") {
		t.Error("markup from a document reached the HTML unescaped")
	}
	if !strings.Contains(out, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the hostile title is not shown escaped")
	}
	for _, bad := range []string{"http://", "https://", "<link", "src=", "@import", "url("} {
		if strings.Contains(out, bad) {
			t.Errorf("the report refers to something outside itself: %q", bad)
		}
	}
	for _, want := range []string{`<html lang="en">`, `class="skip" href="#main"`, `<main id="main"`, "<caption>",
		`<th scope="col"`, `<th scope="row"`, `aria-sort="ascending"`, "<h1>", "Why it matters:", "Who it affects:", "How to fix it:",
		"In Acrobat: Accessibility &gt; Set Alternate Text."} {
		if !strings.Contains(out, want) {
			t.Errorf("HTML lacks %s", want)
		}
	}
	// Server-side order: unreadable first, then by score.
	tbody := out[strings.Index(out, "<tbody>"):strings.Index(out, "</tbody>")]
	order := regexp.MustCompile(`href="#(doc-\d+)"`).FindAllStringSubmatch(tbody, -1)
	var ids []string
	for _, m := range order {
		ids = append(ids, m[1])
	}
	if strings.Join(ids, ",") != "doc-5,doc-3,doc-1,doc-2,doc-4" {
		t.Errorf("summary order %v, want unreadable first then by score", ids)
	}
	// ids are unique, so the links go somewhere.
	seen := map[string]bool{}
	for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(out, -1) {
		if seen[m[1]] {
			t.Errorf("duplicate id %q", m[1])
		}
		seen[m[1]] = true
	}
	fr := string(render(t, "html", checker.French))
	if !strings.Contains(fr, `<html lang="fr">`) || !strings.Contains(fr, "Comment corriger") || !strings.Contains(fr, "Dans Acrobat") {
		t.Error("the French report is not in French")
	}
}

// TestHTMLContrast checks every text colour of the stylesheet against the backgrounds it
// is used on: WCAG 1.4.3 asks 4.5:1 for body text.
func TestHTMLContrast(t *testing.T) {
	vars := map[string]color.RGBA{}
	for _, m := range regexp.MustCompile(`--([a-z-]+):\s*#([0-9a-f]{6});`).FindAllStringSubmatch(htmlCSS, -1) {
		var c color.RGBA
		b := []byte(m[2])
		hex := func(i int) uint8 {
			v := 0
			for _, ch := range b[i : i+2] {
				v *= 16
				if ch >= 'a' {
					v += int(ch-'a') + 10
				} else {
					v += int(ch - '0')
				}
			}
			return uint8(v)
		}
		c = color.RGBA{hex(0), hex(2), hex(4), 255}
		vars[m[1]] = c
	}
	pairs := [][2]string{
		{"text", "bg"}, {"muted", "bg"}, {"link", "bg"}, {"text", "panel"}, {"muted", "panel"}, {"link", "panel"},
		{"low-text", "low-bg"}, {"medium-text", "medium-bg"}, {"high-text", "high-bg"}, {"perfect-text", "perfect-bg"},
	}
	for _, p := range pairs {
		a, ok1 := vars[p[0]]
		b, ok2 := vars[p[1]]
		if !ok1 || !ok2 {
			t.Fatalf("colour --%s or --%s missing from the stylesheet", p[0], p[1])
		}
		if r := checker.ContrastRatio(a, b); r < 4.5 {
			t.Errorf("--%s on --%s: contrast %.2f, under 4.5", p[0], p[1], r)
		}
	}
	// Focus outlines and table lines are non-text: 3:1 (WCAG 1.4.11).
	for _, p := range [][2]string{{"focus", "bg"}, {"focus", "panel"}, {"line", "bg"}} {
		if r := checker.ContrastRatio(vars[p[0]], vars[p[1]]); r < 3 {
			t.Errorf("--%s on --%s: contrast %.2f, under 3", p[0], p[1], r)
		}
	}
}

func TestTextNeutralisesTerminalEscapes(t *testing.T) {
	var buf bytes.Buffer
	w, _ := New("text", &buf, Meta{Lang: checker.English})
	w.Document(checker.Result{Name: "evil\x1b]0;pwned\x07.png", Err: &checker.LoadError{Msg: checker.Text{En: "bad\x1b[2J"}}})
	if strings.ContainsAny(buf.String(), "\x1b\x07") {
		t.Errorf("control characters from a document reached the terminal: %q", buf.String())
	}
}

// TestConformanceInEveryFormat: both verdicts, apart from the score, in each format and
// both languages; PDF/UA only where it applies.
func TestConformanceInEveryFormat(t *testing.T) {
	var rep JSONReport
	if err := json.Unmarshal(render(t, "json", checker.English), &rep); err != nil {
		t.Fatal(err)
	}
	pdf, docx, broken := rep.Documents[0].Conformance, rep.Documents[1].Conformance, rep.Documents[4].Conformance
	if pdf == nil || pdf.WCAG.Verdict != checker.Failed || pdf.WCAG.Failed[0] != "1.1.1" || pdf.PDFUA.Verdict != checker.Failed || pdf.PDFUA.Failed[0] != "7.3" {
		t.Errorf("PDF conformance %+v", pdf)
	}
	if docx == nil || docx.WCAG.Verdict != checker.Passed || docx.PDFUA.Verdict != checker.NotApplicable {
		t.Errorf("DOCX conformance %+v", docx)
	}
	if broken != nil {
		t.Errorf("an unreadable document has no verdict: %+v", broken)
	}
	for _, format := range []string{"text", "markdown", "html", "junit"} {
		for lang, want := range map[checker.Lang][]string{
			checker.English: {"WCAG 2.2 AA", "fails", "1.1.1", "PDF/UA-1", "7.3", "no failure found"},
			checker.French:  {"WCAG 2.2 AA", "non conforme", "1.1.1", "PDF/UA-1", "7.3", "aucun échec trouvé"},
		} {
			out := string(render(t, format, lang))
			for _, w := range want {
				if !strings.Contains(out, w) {
					t.Errorf("%s (%s): no %q", format, lang, w)
				}
			}
		}
	}
	for format, want := range map[string]string{"sarif": `"verdict": "fail"`, "jsonl": `"verdict":"fail"`} {
		if out := string(render(t, format, checker.English)); !strings.Contains(out, want) {
			t.Errorf("%s: no %s", format, want)
		}
	}
}

package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/report"
)

func pair(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "pairs", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// failedRules are the rules with a fail finding in a document of a report.
func failedRules(d report.JSONDocument) []string {
	var out []string
	for _, f := range d.Findings {
		if f.Outcome.String() == "fail" {
			out = append(out, f.Rule)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Fixing the defect of one pair turns its finding fixed; bringing in the defect of
// another turns its finding new; the rest is unchanged, and --fail-on new fails only for
// the new one.
func TestBaselineFixedAndNew(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{
		"docs/notice.docx": pair(t, "image-alt.bad.docx"),
		"docs/report.docx": pair(t, "link-text.good.docx"),
	})
	docs := filepath.Join(dir, "docs")
	base := filepath.Join(dir, "baseline.json")
	if code, _, errOut := runCLI(t, nil, nil, "check", "--format", "json", "--fail-on", "never", "-o", base, docs); code != 0 {
		t.Fatalf("baseline run: %d %s", code, errOut)
	}
	before := decodeReport(t, readFile(t, base))

	// The expected changes, from the pairs themselves rather than from rule names.
	dirFix := writeFiles(t, map[string][]byte{"a.docx": pair(t, "image-alt.good.docx"), "b.docx": pair(t, "link-text.bad.docx")})
	_, out, _ := runCLI(t, nil, nil, "check", "--format", "json", "--fail-on", "never", dirFix)
	after := decodeReport(t, out)
	var gone, added []string
	for _, r := range failedRules(before.Documents[0]) {
		if !slices.Contains(failedRules(after.Documents[0]), r) {
			gone = append(gone, r)
		}
	}
	for _, r := range failedRules(after.Documents[1]) {
		if !slices.Contains(failedRules(before.Documents[1]), r) {
			added = append(added, r)
		}
	}
	if len(gone) == 0 || len(added) == 0 {
		t.Fatalf("the pairs should differ by a failure: fixed %q, added %q", gone, added)
	}

	// Now the documents change: notice.docx is fixed, report.docx gets its defect.
	os.WriteFile(filepath.Join(docs, "notice.docx"), pair(t, "image-alt.good.docx"), 0o644)
	os.WriteFile(filepath.Join(docs, "report.docx"), pair(t, "link-text.bad.docx"), 0o644)
	code, out, errOut := runCLI(t, nil, nil, "check", "--format", "json", "--baseline", base, "--fail-on", "new", docs)
	if code != exitThreshold {
		t.Errorf("--fail-on new with a new failure: exit %d, want 1 (%s)", code, errOut)
	}
	rep := decodeReport(t, out)
	notice, rpt := rep.Documents[0], rep.Documents[1]
	var fixedRules []string
	for _, f := range notice.Fixed {
		fixedRules = append(fixedRules, f.Rule)
		if f.Message == "" {
			t.Errorf("fixed %s without its message", f.Rule)
		}
	}
	for _, r := range gone {
		if !slices.Contains(fixedRules, r) {
			t.Errorf("notice.docx: %s should be fixed; fixed %q", r, fixedRules)
		}
	}
	for _, f := range notice.Findings {
		if f.Baseline != report.BaselineUnchanged {
			t.Errorf("notice.docx: %s is %q, want unchanged", f.Rule, f.Baseline)
		}
	}
	for _, f := range rpt.Findings {
		want := report.BaselineUnchanged
		if slices.Contains(added, f.Rule) && f.Outcome.String() == "fail" {
			want = report.BaselineNew
		}
		if f.Baseline != want {
			t.Errorf("report.docx: %s is %q, want %q", f.Rule, f.Baseline, want)
		}
	}
	if len(rpt.Fixed) != 0 {
		t.Errorf("report.docx fixed nothing: %+v", rpt.Fixed)
	}

	// The same documents against a baseline of themselves: nothing new, exit 0 although
	// failures remain; in French the match is the same (messages are not compared).
	now := filepath.Join(dir, "now.json")
	runCLI(t, nil, nil, "check", "--format", "json", "--lang", "fr", "--fail-on", "never", "-o", now, docs)
	code, out, errOut = runCLI(t, nil, nil, "check", "--format", "markdown", "--lang", "en", "--baseline", now, "--fail-on", "new", docs)
	if code != 0 {
		t.Errorf("nothing new: exit %d %s", code, errOut)
	}
	if !strings.Contains(out, "Since the baseline: 0 new findings,") || !strings.Contains(out, " 0 fixed.") {
		t.Errorf("Markdown trend:\n%s", out)
	}
	_, out, _ = runCLI(t, nil, nil, "check", "--format", "sarif", "--baseline", base, "--fail-on", "never", docs)
	if !strings.Contains(out, `"baselineState": "new"`) {
		t.Errorf("SARIF baselineState missing")
	}
	_, out, _ = runCLI(t, nil, nil, "check", "--format", "html", "--lang", "fr", "--baseline", base, "--fail-on", "never", docs)
	if !strings.Contains(out, "Depuis la référence :") || !strings.Contains(out, "corrigé") {
		t.Errorf("HTML trend missing")
	}
	if code, _, errOut := runCLI(t, nil, nil, "check", "--fail-on", "new", docs); code != exitUsage || !strings.Contains(errOut, "--baseline") {
		t.Errorf("--fail-on new alone: exit %d %s", code, errOut)
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/internal/fixtures"
	"github.com/lab110bis/focusplus/report"
)

// runCLI runs focus with in-memory streams and returns the exit code and outputs.
func runCLI(t *testing.T, stdin []byte, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	ios := &IOStreams{
		In: bytes.NewReader(stdin), Out: &out, ErrOut: &errOut,
		IsTerminal: func(any) bool { return false },
		Getenv:     func(k string) string { return env[k] },
	}
	code := run(args, ios)
	return code, out.String(), errOut.String()
}

func writeFiles(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var (
	calmGIF      = fixtures.Blink{Width: 40, Height: 40, Frames: 2, DelayCS: 100, LoopCount: -1, Area: fixtures.Blink{}.Area}.GIF()
	flashingGIF  = fixtures.Blink{Width: 100, Height: 100, Frames: 60, DelayCS: 5}.GIF()
	describedPNG = fixtures.PNG(fixtures.Bars(40, 30), "A blank chart")
)

func TestExitCodes(t *testing.T) {
	good := writeFiles(t, map[string][]byte{"ok.png": describedPNG})
	bad := writeFiles(t, map[string][]byte{"ok.png": describedPNG, "broken.png": []byte("\x89PNG\r\n\x1a\ntruncated")})
	flash := writeFiles(t, map[string][]byte{"flash.gif": flashingGIF})
	// An image without a description: one warning (IMG-EMBEDDED-DESCRIPTION), scoring 61.
	warnOnly := writeFiles(t, map[string][]byte{"bare.png": fixtures.PNG(fixtures.Bars(40, 30), "")})
	cases := []struct {
		name string
		args []string
		want int
	}{
		{"all good", []string{"check", good}, exitOK},
		{"error finding fails by default", []string{"check", flash}, exitThreshold},
		{"fail-on never", []string{"check", "--fail-on", "never", flash}, exitOK},
		{"warning passes fail-on error", []string{"check", warnOnly}, exitOK},
		{"warning fails fail-on tip", []string{"check", "--fail-on", "tip", warnOnly}, exitThreshold},
		{"min-score met", []string{"check", "--min-score", "60", warnOnly}, exitOK},
		{"min-score missed", []string{"check", "--min-score", "62", warnOnly}, exitThreshold},
		{"unreadable document", []string{"check", bad}, exitUnreadable},
		{"missing file is unreadable", []string{"check", filepath.Join(good, "nope.pdf")}, exitUnreadable},
		{"threshold wins over unreadable", []string{"check", bad, flash}, exitThreshold},
		{"unknown flag", []string{"check", "--nope", good}, exitUsage},
		{"bad format", []string{"check", "--format", "docx", good}, exitUsage},
		{"bad fail-on", []string{"check", "--fail-on", "sometimes", good}, exitUsage},
		{"bad lang", []string{"check", "--lang", "de", good}, exitUsage},
		{"no path", []string{"check"}, exitUsage},
		{"unknown command", []string{"frobnicate"}, exitUsage},
		{"unknown rule", []string{"explain", "NOPE"}, exitUsage},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, nil, nil, c.args...)
			if code != c.want {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, c.want, out, errOut)
			}
		})
	}
}

// TestHostileImagesInABatch: each bad file is a clear document error and the rest of
// the batch is still reported.
func TestHostileImagesInABatch(t *testing.T) {
	random := make([]byte, 4096)
	rand.New(rand.NewSource(1)).Read(random)
	dir := writeFiles(t, map[string][]byte{
		"1-huge.png":      fixtures.HugePNGHeader(100000, 100000),
		"2-empty.png":     {},
		"3-random.png":    random,
		"4-truncated.gif": flashingGIF[:len(flashingGIF)/2],
		"5-good.png":      describedPNG,
		"6-notes.txt":     []byte("meeting notes"),
	})
	code, out, _ := runCLI(t, nil, nil, "check", "--format", "json", "--timeout", "20s", dir)
	if code != exitUnreadable {
		t.Fatalf("exit %d, want %d", code, exitUnreadable)
	}
	var rep report.JSONReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, out)
	}
	if len(rep.Documents) != 5 {
		t.Fatalf("%d documents reported, want 5 (the .txt is skipped)", len(rep.Documents))
	}
	wantErr := map[string]string{
		"1-huge.png":      "megapixels",
		"2-empty.png":     "empty",
		"3-random.png":    "not a format",
		"4-truncated.gif": "truncated",
	}
	for _, d := range rep.Documents {
		base := filepath.Base(d.Path)
		if want, bad := wantErr[base]; bad {
			if !strings.Contains(d.Error, want) || d.Score != nil {
				t.Errorf("%s: error %q, score %v; want an error mentioning %q and no score", base, d.Error, d.Score, want)
			}
			if strings.Contains(d.Error, "time limit") {
				t.Errorf("%s: hit the deadline instead of failing fast", base)
			}
		} else if d.Error != "" || d.Score == nil {
			t.Errorf("%s: %q", base, d.Error)
		}
	}
	if rep.Summary == nil || len(rep.Summary.Skipped) != 1 {
		t.Errorf("summary %+v: want the .txt listed as skipped", rep.Summary)
	}
}

func TestStdin(t *testing.T) {
	code, out, _ := runCLI(t, flashingGIF, nil, "check", "--format", "json", "-")
	if code != exitThreshold {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out, `"path": "-"`) || !strings.Contains(out, "IMG-FLASH") {
		t.Fatalf("stdin document not checked:\n%s", out)
	}
}

func TestLanguage(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{"flash.gif": flashingGIF})
	_, fr, _ := runCLI(t, nil, map[string]string{"LANG": "fr_FR.UTF-8"}, "check", dir)
	if !strings.Contains(fr, "Erreurs") || !strings.Contains(fr, "flashs") {
		t.Errorf("LANG=fr_FR should give French:\n%s", fr)
	}
	_, en, _ := runCLI(t, nil, map[string]string{"LANG": "fr_FR.UTF-8"}, "check", "--lang", "en", dir)
	if !strings.Contains(en, "Errors") {
		t.Errorf("--lang en should override LANG:\n%s", en)
	}
	_, en2, _ := runCLI(t, nil, map[string]string{"LC_ALL": "C", "LANG": "fr_FR"}, "check", dir)
	if !strings.Contains(en2, "Errors") {
		t.Errorf("LC_ALL=C takes precedence over LANG:\n%s", en2)
	}
}

func TestTextIsPlainWithoutTerminal(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{"flash.gif": flashingGIF})
	_, out, _ := runCLI(t, nil, nil, "check", dir)
	if strings.Contains(out, "\x1b[") {
		t.Error("colour codes written to a non-terminal")
	}
	if !strings.Contains(out, "IMG-FLASH") || !strings.Contains(out, "Fix:") {
		t.Errorf("text report lacks the finding or its fix:\n%s", out)
	}
}

func TestRulesAndExplain(t *testing.T) {
	code, out, _ := runCLI(t, nil, nil, "rules", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var rules []report.RuleJSON
	if err := json.Unmarshal([]byte(out), &rules); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rules {
		if r.ID == "IMG-FLASH" {
			found = r.Standards.WCAG[0] == "2.3.1" && r.Title.Fr != "" && r.Blocking
		}
	}
	if !found {
		t.Errorf("IMG-FLASH missing or incomplete in %s", out)
	}
	_, fr, _ := runCLI(t, nil, nil, "explain", "img-flash", "--lang", "fr")
	for _, want := range []string{"Pourquoi", "Qui est concerné", "Comment corriger", "2.3.1"} {
		if !strings.Contains(fr, want) {
			t.Errorf("explain --lang fr lacks %q:\n%s", want, fr)
		}
	}
	_, score, _ := runCLI(t, nil, nil, "explain", "score")
	if !strings.Contains(score, "66 × 90 / (90 + cost)") || !strings.Contains(score, "33 × 90 / (90 + cost)") {
		t.Errorf("explain score does not give the formula:\n%s", score)
	}
	_, v, _ := runCLI(t, nil, nil, "version")
	if !strings.HasPrefix(v, "focus ") {
		t.Errorf("version: %q", v)
	}
}

func TestPageTimeoutFlag(t *testing.T) {
	if code, _, errOut := runCLI(t, nil, nil, "check", "--page-timeout", "-1s", "../../testdata/samples"); code != 2 || !strings.Contains(errOut, "--page-timeout") {
		t.Errorf("negative --page-timeout: exit %d, %q; want a usage error naming the flag", code, errOut)
	}
	if _, out, _ := runCLI(t, nil, nil, "check", "--help"); !strings.Contains(out, "--page-timeout") {
		t.Error("check --help does not mention --page-timeout")
	}
}

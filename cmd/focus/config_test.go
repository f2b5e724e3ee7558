package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/config"
	"github.com/lab110bis/focusplus/internal/fixtures"
	"github.com/lab110bis/focusplus/report"
)

// withConfig writes a configuration file and returns its path.
func withConfig(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "focus.yaml")
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestConfigPrecedence(t *testing.T) {
	flash := writeFiles(t, map[string][]byte{"flash.gif": flashingGIF})
	// An image without a description: one warning (IMG-EMBEDDED-DESCRIPTION), scoring 61.
	warnOnly := writeFiles(t, map[string][]byte{"bare.png": fixtures.PNG(fixtures.Bars(40, 30), "")})
	mixed := writeFiles(t, map[string][]byte{"flash.gif": flashingGIF, "ok.png": describedPNG})
	cases := []struct {
		name   string
		config string
		args   []string
		want   int
	}{
		{"file fail-on never", "fail-on: never\n", []string{flash}, exitOK},
		{"flag fail-on beats file", "fail-on: never\n", []string{"--fail-on", "error", flash}, exitThreshold},
		{"file min-score", "min-score: 62\n", []string{warnOnly}, exitThreshold},
		{"flag min-score beats file", "min-score: 62\n", []string{"--min-score", "60", warnOnly}, exitOK},
		{"flag min-score 0 beats file", "min-score: 62\n", []string{"--min-score", "0", warnOnly}, exitOK},
		{"file fail-on tip", "fail-on: tip\n", []string{warnOnly}, exitThreshold},
		{"disabled rule", "disable: [IMG-FLASH]\n", []string{flash}, exitOK},
		{"severity raised", "severity:\n  IMG-EMBEDDED-DESCRIPTION: error\n", []string{warnOnly}, exitThreshold},
		{"severity lowered", "severity:\n  IMG-FLASH: tip\n", []string{flash}, exitOK},
		{"ignored path", "ignore: ['*.gif']\n", []string{flash}, exitOK},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"check", "--config", withConfig(t, c.config)}, c.args...)
			code, out, errOut := runCLI(t, nil, nil, args...)
			if code != c.want {
				t.Fatalf("exit %d, want %d\n%s\n%s", code, c.want, out, errOut)
			}
		})
	}

	// What the file changes shows in the report, not only in the exit code.
	cfg := withConfig(t, "format: json\nlang: fr\ndisable: [IMG-EMBEDDED-DESCRIPTION]\nignore: ['ok.png']\nseverity: {IMG-FLASH: warning}\n")
	code, out, _ := runCLI(t, nil, nil, "check", "--config", cfg, mixed)
	if code != exitOK {
		t.Fatalf("exit %d: the flash, lowered to a warning, must not fail --fail-on error", code)
	}
	var rep report.JSONReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("format: json from the file not used: %v\n%s", err, out)
	}
	if len(rep.Documents) != 1 || filepath.Base(rep.Documents[0].Path) != "flash.gif" {
		t.Fatalf("ignore: %+v", rep.Documents)
	}
	for _, c := range rep.Documents[0].Checks {
		if c.Rule == "IMG-EMBEDDED-DESCRIPTION" {
			t.Error("a disabled rule ran")
		}
	}
	found := false
	for _, f := range rep.Documents[0].Findings {
		if f.Rule != "IMG-FLASH" {
			continue
		}
		found = true
		if f.Severity.String() != "warning" || !strings.Contains(f.Message, "seconde") {
			t.Errorf("severity override or French from the file not applied: %+v", f)
		}
	}
	if !found {
		t.Error("IMG-FLASH finding missing")
	}
	_, text, _ := runCLI(t, nil, nil, "check", "--config", cfg, "--format", "text", "--lang", "en", mixed)
	if !strings.Contains(text, "Warnings") || strings.HasPrefix(strings.TrimSpace(text), "{") {
		t.Errorf("--format text --lang en must override the file:\n%s", text)
	}
}

func TestConfigErrors(t *testing.T) {
	good := writeFiles(t, map[string][]byte{"ok.png": describedPNG})
	cases := []struct {
		name, config string
		want         []string
	}{
		{"unknown key", "lang: en\nmin_score: 3\n", []string{"line 2", "min_score"}},
		{"unknown rule", "disable:\n  - IMG-FLASH\n  - PDF-NOT-A-RULE\n", []string{"line 3", "PDF-NOT-A-RULE"}},
		{"bad severity", "severity: {IMG-FLASH: fatal}\n", []string{"fatal"}},
		{"bad format", "format: docx\n", []string{"docx"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := withConfig(t, c.config)
			code, _, errOut := runCLI(t, nil, nil, "check", "--config", cfg, good)
			if code != exitUsage {
				t.Fatalf("exit %d, want %d (usage)\n%s", code, exitUsage, errOut)
			}
			for _, w := range c.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("message %q lacks %q", errOut, w)
				}
			}
		})
	}
	code, _, errOut := runCLI(t, nil, nil, "check", "--config", filepath.Join(t.TempDir(), "missing.yaml"), good)
	if code != exitUsage || !strings.Contains(errOut, "missing.yaml") {
		t.Errorf("missing --config file: exit %d, %q", code, errOut)
	}
}

// TestConfigFoundInCurrentDirectory: .focus.yaml in the working directory is read
// without --config, and its ignore patterns are relative to it.
func TestConfigFoundInCurrentDirectory(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{
		"docs/flash.gif":        flashingGIF,
		"docs/drafts/flash.gif": flashingGIF,
		"docs/ok.png":           describedPNG,
		config.FileName:         []byte("ignore: [docs/flash.gif, drafts]\n"),
	})
	t.Chdir(dir)
	code, out, errOut := runCLI(t, nil, nil, "check", "--format", "jsonl", "docs")
	if code != exitOK {
		t.Fatalf("exit %d: the flashing GIFs should be ignored\n%s\n%s", code, out, errOut)
	}
	if n := strings.Count(out, "\n"); n != 2 {
		t.Errorf("%d lines, want ok.png and the summary:\n%s", n, out)
	}
}

func TestInit(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	code, _, errOut := runCLI(t, nil, nil, "init")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	data, err := os.ReadFile(config.FileName)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "# min-score:") || !strings.Contains(string(data), "IMG-FLASH") {
		t.Errorf("starter file lacks the commented settings or the rule list:\n%s", data)
	}
	os.WriteFile(config.FileName, []byte("lang: fr\n"), 0o644)
	code, _, errOut = runCLI(t, nil, nil, "init")
	if code != exitUsage || !strings.Contains(errOut, "--force") {
		t.Errorf("init over an existing file: exit %d, %q", code, errOut)
	}
	if b, _ := os.ReadFile(config.FileName); string(b) != "lang: fr\n" {
		t.Error("an existing file was changed without --force")
	}
	if code, _, _ = runCLI(t, nil, nil, "init", "--force"); code != exitOK {
		t.Fatalf("init --force: exit %d", code)
	}
	// The starter file is read by check as is.
	os.WriteFile("ok.png", describedPNG, 0o644)
	if code, out, errOut := runCLI(t, nil, nil, "check", "ok.png"); code != exitOK {
		t.Errorf("check with the starter file: exit %d\n%s%s", code, out, errOut)
	}
}

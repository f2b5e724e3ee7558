package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/checker"
)

var testRules = []*checker.Rule{
	{ID: "IMG-FLASH", Severity: checker.Error},
	{ID: "IMG-ANIMATION-LENGTH", Severity: checker.Warning},
	{ID: "IMG-EMBEDDED-DESCRIPTION", Severity: checker.Tip},
}

func TestParseFull(t *testing.T) {
	c, err := Parse([]byte(`
disable: [img-embedded-description]
severity:
  IMG-ANIMATION-LENGTH: error
ignore:
  - drafts
  - "archive/**/*.pdf"
min-score: 80
fail-on: warning
lang: fr_FR.UTF-8
jobs: 2
format: sarif
`), testRules)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Disable) != 1 || c.Disable[0] != "IMG-EMBEDDED-DESCRIPTION" {
		t.Errorf("disable %v: want the ID upper-cased", c.Disable)
	}
	if *c.MinScore != 80 || *c.FailOn != "warning" || *c.Lang != "fr" || *c.Jobs != 2 || *c.Format != "sarif" {
		t.Errorf("thresholds not read: %+v", c)
	}
	e := &checker.Engine{Rules: testRules}
	c.Apply(e)
	if !e.Disabled["IMG-EMBEDDED-DESCRIPTION"] || e.Severity["IMG-ANIMATION-LENGTH"] != checker.Error {
		t.Errorf("not applied: disabled %v, severity %v", e.Disabled, e.Severity)
	}
	if got := c.SortedSeverity(); len(got) != 1 || got[0] != "IMG-ANIMATION-LENGTH: error" {
		t.Errorf("SortedSeverity %v", got)
	}
}

func TestParseEmptyAndUnset(t *testing.T) {
	for _, src := range []string{"", "# only a comment\n", "---\n"} {
		c, err := Parse([]byte(src), testRules)
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if c.MinScore != nil || c.FailOn != nil || c.Lang != nil || c.Jobs != nil || c.Format != nil {
			t.Errorf("%q: unset keys must stay nil so flag defaults do not override nothing: %+v", src, c)
		}
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string // every piece must be in the message
	}{
		{"unknown key with line", "min-score: 50\n\nfail_on: error\n", []string{"line 3", "fail_on"}},
		{"unknown nested key", "severity:\n  IMG-FLASH: error\nignore:\n  - a\nfoo:\n  bar: 1\n", []string{"line 5", "foo"}},
		{"unknown rule in disable", "disable:\n  - IMG-FLASH\n  - PDF-NOPE\n", []string{"line 3", "PDF-NOPE", "disable"}},
		{"unknown rule in severity", "severity:\n  IMG-NOPE: tip\n", []string{"line 2", "IMG-NOPE"}},
		{"bad severity", "severity:\n  IMG-FLASH: critical\n", []string{"line 2", "critical"}},
		{"min-score out of range", "min-score: 101\n", []string{"line 1", "between 0 and 100"}},
		{"min-score not a number", "min-score: high\n", []string{"line 1", "high"}},
		{"bad fail-on", "\nfail-on: sometimes\n", []string{"line 2", "sometimes"}},
		{"bad lang", "lang: de\n", []string{"line 1", "de"}},
		{"negative jobs", "jobs: -1\n", []string{"line 1", "jobs"}},
		{"bad glob", "ignore:\n  - \"[a\"\n", []string{"line 2", "[a"}},
		{"not a mapping", "- a\n- b\n", []string{"line 1"}},
		{"two documents", "lang: fr\n---\nlang: en\n", []string{"line 2", "one YAML document"}},
		{"syntax error", "lang: [fr\n", []string{"line"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(c.src), testRules)
			if err == nil {
				t.Fatalf("no error for %q", c.src)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestLoadAndFind(t *testing.T) {
	dir := t.TempDir()
	if Find(dir) != "" {
		t.Fatal("found a file in an empty folder")
	}
	p := filepath.Join(dir, FileName)
	os.WriteFile(p, []byte("lang: en\nbogus: 1\n"), 0o644)
	if Find(dir) != p {
		t.Fatalf("Find = %q", Find(dir))
	}
	_, err := Load(p, testRules)
	if err == nil || !strings.HasPrefix(err.Error(), p+": line 2") {
		t.Errorf("error %v: want the file name then the line", err)
	}
	os.WriteFile(p, []byte(strings.Repeat("#", MaxSize+1)), 0o644)
	if _, err := Load(p, testRules); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("oversized file: %v", err)
	}
	if _, err := Load(filepath.Join(dir, "missing.yaml"), testRules); err == nil {
		t.Error("missing file gave no error")
	}
}

func TestStarterParses(t *testing.T) {
	s := Starter(testRules)
	c, err := Parse([]byte(s), testRules)
	if err != nil {
		t.Fatalf("the starter file does not parse: %v", err)
	}
	if len(c.Disable)+len(c.Ignore) != 0 || c.MinScore != nil {
		t.Error("the starter file must change nothing until a line is uncommented")
	}
	// Every commented setting, uncommented, must be valid: the starter documents real keys.
	var keep []string
	for _, l := range strings.Split(s, "\n") {
		l, ok := strings.CutPrefix(l, "# ")
		if ok && (strings.HasPrefix(l, "  ") || isSetting(l)) {
			keep = append(keep, l)
		}
	}
	uncommented := strings.Join(keep, "\n")
	c, err = Parse([]byte(uncommented), testRules)
	if err != nil {
		t.Fatalf("uncommented starter does not parse: %v\n%s", err, uncommented)
	}
	if len(c.Disable) == 0 || len(c.Ignore) == 0 || c.MinScore == nil || c.FailOn == nil || c.Lang == nil || c.Jobs == nil || c.Format == nil {
		t.Errorf("uncommented starter misses settings: %+v\n%s", c, uncommented)
	}
}

func isSetting(l string) bool {
	for _, k := range []string{"disable:", "severity:", "ignore:", "min-score:", "fail-on:", "lang:", "jobs:", "format:"} {
		if strings.HasPrefix(l, k) {
			return true
		}
	}
	return false
}

func TestMatch(t *testing.T) {
	cases := []struct {
		pattern, path string
		want          bool
	}{
		{"*.tmp", "docs/a.tmp", true},
		{"*.tmp", "docs/a.pdf", false},
		{"drafts", "docs/drafts/a.pdf", true},
		{"drafts", "docs/drafts.pdf", false},
		{"archive/*.pdf", "archive/a.pdf", true},
		{"archive/*.pdf", "archive/2019/a.pdf", false},
		{"archive/**/*.pdf", "archive/a.pdf", true},
		{"archive/**/*.pdf", "archive/2019/q1/a.pdf", true},
		{"archive/**/*.pdf", "other/archive/a.pdf", false},
		{"archive/2019", "archive/2019/a.pdf", true},
		{"./archive/", "./archive/x.png", true},
		{"**/old", "a/b/old/c.png", true},
		{"/site/*", "site/x.png", true},
	}
	for _, c := range cases {
		if got := Match(c.pattern, c.path); got != c.want {
			t.Errorf("Match(%q, %q) = %v, want %v", c.pattern, c.path, got, c.want)
		}
	}
	cfg := &Config{Ignore: []string{"*.tmp", "drafts"}}
	if pat, ok := cfg.Ignored("x/drafts/y.png"); !ok || pat != "drafts" {
		t.Errorf("Ignored = %q %v", pat, ok)
	}
}

// FuzzParse: any bytes give a configuration or an error, never a panic or a hang.
func FuzzParse(f *testing.F) {
	f.Add([]byte(Starter(testRules)))
	f.Add([]byte("disable: [IMG-FLASH]\nseverity: {IMG-FLASH: tip}\nignore: ['**/x']\nmin-score: 3\n"))
	f.Add([]byte("a: &a [*a, *a]\n"))
	f.Add([]byte("min-score: 1e400\nlang: !!binary AAAA\n"))
	f.Add([]byte("---\n---\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data, testRules)
		if err != nil {
			return
		}
		for _, id := range c.Disable {
			if id != "IMG-FLASH" && id != "IMG-ANIMATION-LENGTH" && id != "IMG-EMBEDDED-DESCRIPTION" {
				t.Fatalf("unknown rule %q accepted", id)
			}
		}
		for _, p := range c.Ignore {
			Match(p, "a/b/c.pdf")
		}
		c.Apply(&checker.Engine{})
	})
}

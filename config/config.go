// Package config reads .focus.yaml, the per-project settings of `focus check`: rules to
// disable, severity overrides, paths to ignore and the thresholds a CI job gates on.
// Command-line flags override every setting of the file.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/lab110bis/focusplus/checker"
)

// FileName is the file `focus check` looks for in the current directory.
const FileName = ".focus.yaml"

// MaxSize bounds the configuration file: it is small by nature, and a YAML alias bomb
// cannot grow past what the decoder builds from this many bytes.
const MaxSize = 1 << 20

// Config is the content of .focus.yaml. Pointer fields are nil when the file does not set
// them, so a flag's default never hides a value the file gave.
type Config struct {
	// Disable lists rule IDs that do not run.
	Disable []string `yaml:"disable"`
	// Severity overrides the default severity of rules: IMG-EMBEDDED-DESCRIPTION: warning.
	Severity map[string]string `yaml:"severity"`
	// Ignore lists glob patterns of paths not to check (see Match).
	Ignore []string `yaml:"ignore"`
	// MinScore fails the run when a document scores below it.
	MinScore *int `yaml:"min-score"`
	// FailOn fails the run on a failure of that severity or worse: error, warning, tip, never.
	FailOn *string `yaml:"fail-on"`
	// Lang is the language of messages: fr or en.
	Lang *string `yaml:"lang"`
	// Jobs is the number of documents checked in parallel.
	Jobs *int `yaml:"jobs"`
	// Format is the report format.
	Format *string `yaml:"format"`

	// Path is where the configuration was read from, for messages.
	Path string `yaml:"-"`
	// severity holds the parsed overrides.
	severity map[string]checker.Severity
}

// Load reads and validates a configuration file against the rules the engine knows.
func Load(file string, known []*checker.Rule) (*Config, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if len(data) > MaxSize {
		return nil, fmt.Errorf("%s: larger than %s; a configuration file is a few lines", file, checker.HumanBytes(MaxSize))
	}
	c, err := Parse(data, known)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	c.Path = file
	return c, nil
}

// Find returns the path of .focus.yaml in dir, or "" when there is none.
func Find(dir string) string {
	p := filepath.Join(dir, FileName)
	if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
		return p
	}
	return ""
}

// Parse decodes and validates a configuration. Unknown keys are errors with their line
// number; unknown rule IDs, severities, languages and formats are errors naming them.
func Parse(data []byte, known []*checker.Rule) (*Config, error) {
	c := &Config{}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, cleanYAMLError(err)
	}
	// A second document in the file is almost certainly a mistake.
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, fmt.Errorf("line %d: only one YAML document is allowed", extra.Line)
	} else if !errors.Is(err, io.EOF) {
		return nil, cleanYAMLError(err)
	}
	if err := c.validate(data, known); err != nil {
		return nil, err
	}
	return c, nil
}

func cleanYAMLError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.ReplaceAll(msg, "unmarshal errors:\n  ", "")
	msg = strings.ReplaceAll(msg, " in type config.Config", "")
	return errors.New(msg)
}

func (c *Config) validate(data []byte, known []*checker.Rule) error {
	ids := make(map[string]bool, len(known))
	for _, r := range known {
		ids[r.ID] = true
	}
	var root yaml.Node
	_ = yaml.Unmarshal(data, &root) // already decoded once: only used for line numbers
	unknownRule := func(key string, id string) error {
		return fmt.Errorf("line %d: unknown rule %q in %s (see `focus rules`)", lineOf(&root, key, id), id, key)
	}
	for i, id := range c.Disable {
		id = strings.ToUpper(strings.TrimSpace(id))
		if !ids[id] {
			return unknownRule("disable", c.Disable[i])
		}
		c.Disable[i] = id
	}
	c.severity = map[string]checker.Severity{}
	for id, s := range c.Severity {
		up := strings.ToUpper(strings.TrimSpace(id))
		if !ids[up] {
			return unknownRule("severity", id)
		}
		sev, err := checker.ParseSeverity(strings.ToLower(strings.TrimSpace(s)))
		if err != nil {
			return fmt.Errorf("line %d: severity of %s: %v", lineOf(&root, "severity", id), id, err)
		}
		c.severity[up] = sev
	}
	for _, p := range c.Ignore {
		if _, err := path.Match(strings.ReplaceAll(p, "**", "*"), ""); err != nil || strings.TrimSpace(p) == "" {
			return fmt.Errorf("line %d: ignore: %q is not a valid glob pattern", lineOf(&root, "ignore", p), p)
		}
	}
	if c.MinScore != nil && (*c.MinScore < 0 || *c.MinScore > 100) {
		return fmt.Errorf("line %d: min-score must be between 0 and 100", lineOf(&root, "min-score", ""))
	}
	if c.FailOn != nil {
		switch *c.FailOn {
		case "error", "warning", "tip", "never":
		default:
			return fmt.Errorf("line %d: fail-on: %q is not error, warning, tip or never", lineOf(&root, "fail-on", ""), *c.FailOn)
		}
	}
	if c.Lang != nil {
		l, err := checker.ParseLang(*c.Lang)
		if err != nil {
			return fmt.Errorf("line %d: lang: %v", lineOf(&root, "lang", ""), err)
		}
		s := string(l)
		c.Lang = &s
	}
	if c.Jobs != nil && *c.Jobs < 0 {
		return fmt.Errorf("line %d: jobs must be 0 (all CPUs) or more", lineOf(&root, "jobs", ""))
	}
	return nil
}

// lineOf finds the line of a top-level key, or of a value (or map key) under it.
func lineOf(root *yaml.Node, key, value string) int {
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		return root.Line
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value != key {
			continue
		}
		if value == "" {
			return k.Line
		}
		for _, n := range v.Content {
			if n.Value == value {
				return n.Line
			}
		}
		return k.Line
	}
	return 1
}

// Apply sets the engine's disabled rules and severity overrides.
func (c *Config) Apply(e *checker.Engine) {
	if len(c.Disable) > 0 {
		d := make(map[string]bool, len(e.Disabled)+len(c.Disable))
		for k, v := range e.Disabled {
			d[k] = v
		}
		for _, id := range c.Disable {
			d[id] = true
		}
		e.Disabled = d
	}
	if len(c.severity) > 0 {
		s := make(map[string]checker.Severity, len(e.Severity)+len(c.severity))
		for k, v := range e.Severity {
			s[k] = v
		}
		for k, v := range c.severity {
			s[k] = v
		}
		e.Severity = s
	}
}

// Ignored reports whether a path matches one of the ignore patterns, and which.
func (c *Config) Ignored(p string) (string, bool) {
	for _, pat := range c.Ignore {
		if Match(pat, p) {
			return pat, true
		}
	}
	return "", false
}

// Match reports whether a path matches an ignore pattern, in the manner of .gitignore:
// a pattern without "/" matches any single name in the path ("*.tmp", "drafts"); a
// pattern with "/" matches from the start of the path ("archive/2019/*.pdf"), where "**"
// stands for any number of folders. A pattern that matches a folder ignores everything
// under it. Paths use forward slashes; a leading "./" is ignored.
func Match(pattern, p string) bool {
	p = strings.TrimPrefix(path.Clean(filepath.ToSlash(p)), "./")
	pattern = strings.TrimSuffix(strings.TrimPrefix(filepath.ToSlash(pattern), "./"), "/")
	parts := strings.Split(p, "/")
	if !strings.Contains(pattern, "/") {
		for _, name := range parts {
			if ok, _ := path.Match(pattern, name); ok {
				return true
			}
		}
		return false
	}
	pat := strings.Split(strings.TrimPrefix(pattern, "/"), "/")
	// A match of any leading part of the path ignores what is under it.
	for n := 1; n <= len(parts); n++ {
		if matchSegments(pat, parts[:n]) {
			return true
		}
	}
	return false
}

// matchSegments matches path segments against pattern segments, "**" taking zero or more.
// Memoised on (i, j) so a pattern full of "**" stays linear in practice.
func matchSegments(pat, parts []string) bool {
	seen := map[[2]int]bool{}
	var rec func(i, j int) bool
	rec = func(i, j int) bool {
		if i == len(pat) {
			return j == len(parts)
		}
		key := [2]int{i, j}
		if v, ok := seen[key]; ok {
			return v
		}
		ok := false
		if pat[i] == "**" {
			ok = rec(i+1, j) || (j < len(parts) && rec(i, j+1))
		} else if j < len(parts) {
			m, _ := path.Match(pat[i], parts[j])
			ok = m && rec(i+1, j+1)
		}
		seen[key] = ok
		return ok
	}
	return rec(0, 0)
}

// SortedSeverity returns the parsed severity overrides, sorted by rule, for display.
func (c *Config) SortedSeverity() []string {
	var out []string
	for id, s := range c.severity {
		out = append(out, id+": "+s.String())
	}
	sort.Strings(out)
	return out
}

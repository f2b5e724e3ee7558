package main

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The CI recipes of the README are run here, command for command, with `focus` built
// from this tree instead of `go install …@latest`, in a workspace whose docs/ folder
// holds the shipped samples. The CI platforms themselves are not involved: `uses:`
// steps are skipped, `if: always()` steps run after a failure, as on the platforms.

const installLine = "go install github.com/lab110bis/focusplus/cmd/focus@latest"

// recipe returns the YAML block that follows <!-- recipe: NAME in the README.
func recipe(t *testing.T, name string) []byte {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile("(?s)<!-- recipe: " + regexp.QuoteMeta(name) + "[^>]*-->\\s*```yaml\\n(.*?)```")
	m := re.FindSubmatch(readme)
	if m == nil {
		t.Fatalf("README has no recipe block %q", name)
	}
	return m[1]
}

var (
	focusBinOnce sync.Once
	focusBinDir  string
	focusBinErr  error
)

// buildFocus builds the command once for all recipe tests, into a temporary bin folder
// that TestMain removes.
func buildFocus(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go not on PATH")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash not on PATH")
	}
	focusBinOnce.Do(func() {
		focusBinDir, focusBinErr = os.MkdirTemp("", "focus-recipe-bin-")
		if focusBinErr != nil {
			return
		}
		out, err := exec.Command("go", "build", "-o", filepath.Join(focusBinDir, "focus"), ".").CombinedOutput()
		if err != nil {
			focusBinErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if focusBinErr != nil {
		t.Fatal(focusBinErr)
	}
	return focusBinDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if focusBinDir != "" {
		os.RemoveAll(focusBinDir)
	}
	os.Exit(code)
}

// workspace is a checkout with docs/ holding the given samples.
func workspace(t *testing.T, samples ...string) string {
	t.Helper()
	ws := t.TempDir()
	docs := filepath.Join(ws, "docs")
	os.MkdirAll(docs, 0o755)
	for _, s := range samples {
		data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "samples", s))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(docs, s), data, 0o644)
	}
	return ws
}

// runShell runs commands as the CI platforms do (bash, stop at the first failure) and
// returns the exit code.
func runShell(t *testing.T, dir, bin string, env []string, script string) (int, string) {
	t.Helper()
	script = strings.ReplaceAll(script, installLine, "command -v focus >/dev/null # installed from the tree by the test")
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), append(env, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "NO_COLOR=1", "LANG=C")...)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, string(out)
	case errors.As(err, &ee):
		return ee.ExitCode(), string(out)
	}
	t.Fatalf("running %q: %v", script, err)
	return -1, ""
}

type githubStep struct {
	Name string            `yaml:"name"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	If   string            `yaml:"if"`
	With map[string]string `yaml:"with"`
}

func TestRecipeGitHubActions(t *testing.T) {
	var wf struct {
		Jobs map[string]struct {
			Steps []githubStep `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(recipe(t, "github-actions"), &wf); err != nil {
		t.Fatalf("the workflow is not valid YAML: %v", err)
	}
	if len(wf.Jobs) != 1 {
		t.Fatalf("%d jobs", len(wf.Jobs))
	}
	var steps []githubStep
	for _, j := range wf.Jobs {
		steps = j.Steps
	}
	installs := 0
	for _, s := range steps {
		if strings.Contains(s.Run, installLine) {
			installs++
		}
	}
	if installs != 1 {
		t.Fatalf("the workflow must install Focus+ with %q", installLine)
	}
	bin := buildFocus(t)

	// run plays the steps: a failed step stops the others unless they say if: always().
	run := func(ws string) (failed int, sarif string) {
		summary := filepath.Join(ws, "step-summary.md")
		env := []string{"GITHUB_STEP_SUMMARY=" + summary}
		for _, s := range steps {
			if s.Uses != "" {
				if strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif") {
					sarif = s.With["sarif_file"]
				}
				continue
			}
			if failed != 0 && s.If != "always()" {
				continue
			}
			if code, out := runShell(t, ws, bin, env, s.Run); code != 0 && failed == 0 {
				failed = code
				t.Logf("step %q exited %d:\n%s", s.Name, code, out)
			}
		}
		return failed, sarif
	}

	// All samples: the flashing banner scores 33, under 80: the job fails, and the SARIF
	// and the job summary are there for people to see why.
	ws := workspace(t, "bar-chart.png", "calm-spinner.gif", "described-chart.png", "flashing-banner.gif")
	failed, sarifFile := run(ws)
	if failed != exitThreshold {
		t.Errorf("job exit %d on a flashing GIF, want %d", failed, exitThreshold)
	}
	data, err := os.ReadFile(filepath.Join(ws, sarifFile))
	if err != nil {
		t.Fatalf("no SARIF to upload: %v", err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string
				Locations []struct {
					PhysicalLocation struct{ ArtifactLocation struct{ URI string } }
				}
			}
		}
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	flash := false
	for _, r := range log.Runs[0].Results {
		if r.RuleID == "IMG-FLASH" && r.Locations[0].PhysicalLocation.ArtifactLocation.URI == "docs/flashing-banner.gif" {
			flash = true
		}
	}
	if !flash {
		t.Error("SARIF lacks the flash on docs/flashing-banner.gif, with a path relative to the checkout")
	}
	if s, _ := os.ReadFile(filepath.Join(ws, "step-summary.md")); !strings.Contains(string(s), "flashing-banner.gif") {
		t.Errorf("job summary: %q", s)
	}

	// Documents that all score 80 or more: the job passes. (bar-chart.png, red and green
	// bars without a description, scores under 80.)
	ws = workspace(t, "described-chart.png")
	if failed, _ := run(ws); failed != 0 {
		t.Errorf("job exit %d on good documents, want 0", failed)
	}
}

func TestRecipeGitLabCI(t *testing.T) {
	var jobs map[string]struct {
		Script    []string `yaml:"script"`
		Artifacts struct {
			When    string   `yaml:"when"`
			Paths   []string `yaml:"paths"`
			Reports struct {
				JUnit string `yaml:"junit"`
			} `yaml:"reports"`
		} `yaml:"artifacts"`
	}
	if err := yaml.Unmarshal(recipe(t, "gitlab-ci"), &jobs); err != nil {
		t.Fatalf("the job is not valid YAML: %v", err)
	}
	job, ok := jobs["accessibility"]
	if !ok || len(job.Script) == 0 || job.Script[0] != installLine {
		t.Fatalf("the job must start by installing Focus+ with %q: %+v", installLine, jobs)
	}
	if job.Artifacts.When != "always" || job.Artifacts.Reports.JUnit == "" {
		t.Fatal("the JUnit report must be kept when the job fails (artifacts: when: always)")
	}
	bin := buildFocus(t)
	script := strings.Join(job.Script, "\n")

	ws := workspace(t, "bar-chart.png", "calm-spinner.gif", "described-chart.png", "flashing-banner.gif")
	code, out := runShell(t, ws, bin, nil, script)
	if code != exitThreshold {
		t.Errorf("job exit %d, want %d\n%s", code, exitThreshold, out)
	}
	data, err := os.ReadFile(filepath.Join(ws, job.Artifacts.Reports.JUnit))
	if err != nil {
		t.Fatalf("no JUnit report: %v", err)
	}
	var suites struct {
		Suites []struct {
			Name     string `xml:"name,attr"`
			Failures int    `xml:"failures,attr"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(data, &suites); err != nil {
		t.Fatal(err)
	}
	if len(suites.Suites) != 4 {
		t.Errorf("%d suites, want one per document", len(suites.Suites))
	}
	for _, p := range job.Artifacts.Paths {
		if st, err := os.Stat(filepath.Join(ws, p)); err != nil || st.Size() == 0 {
			t.Errorf("artifact %s missing: %v", p, err)
		}
	}

	ws = workspace(t, "described-chart.png")
	if code, out := runShell(t, ws, bin, nil, script); code != 0 {
		t.Errorf("job exit %d on a good document, want 0\n%s", code, out)
	}
}

package rules

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/checker"
)

// Every shipped test document states the findings it expects, in a sidecar file under
// testdata/want (testdata/want/pairs/image-alt.bad.docx.want for
// testdata/pairs/image-alt.bad.docx): one line per finding, "RULE OUTCOME COUNT", where
// COUNT is how many instances the finding groups. TestExpectedFindings compares all the
// findings of each document with its sidecar, both ways: a finding that goes missing
// and one that appears both fail, whatever the order. The idea is go/analysis's
// analysistest "// want" comments, for documents. Rewrite the sidecars after an intended
// change with: go test ./rules -run ExpectedFindings -update-want, and read the diff.

var updateWant = flag.Bool("update-want", false, "rewrite the expected findings under testdata/want")

const wantDir = "../testdata/want"

// wantDocuments are the documents that carry a sidecar: the defect pairs and samples.
func wantDocuments(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, dir := range []string{"pairs", "samples"} {
		m, err := filepath.Glob(filepath.Join("..", "testdata", dir, "*"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	sort.Strings(files)
	return files
}

// findingLines are a result's findings as sidecar lines, sorted.
func findingLines(r checker.Result) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, fmt.Sprintf("%s %s %d", f.Rule, f.Outcome, max(f.Count, 1)))
	}
	sort.Strings(out)
	return out
}

func readWant(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, strings.Join(strings.Fields(line), " "))
		}
	}
	sort.Strings(out)
	return out, nil
}

// diffLines returns the lines of want missing from got and those of got not in want,
// counting repeated lines.
func diffLines(want, got []string) (missing, extra []string) {
	n := map[string]int{}
	for _, l := range want {
		n[l]++
	}
	for _, l := range got {
		n[l]--
	}
	for _, l := range want {
		if n[l] > 0 {
			missing = append(missing, l)
			n[l]--
		}
	}
	for l, k := range n {
		for ; k < 0; k++ {
			extra = append(extra, l)
		}
	}
	sort.Strings(extra)
	return missing, extra
}

func TestExpectedFindings(t *testing.T) {
	docs := wantDocuments(t)
	if len(docs) < 20 {
		t.Fatalf("%d test documents found, want the pairs and samples", len(docs))
	}
	e := NewEngine()
	for _, doc := range docs {
		got := findingLines(checkFile(t, e, doc))
		side := filepath.Join(wantDir, filepath.Base(filepath.Dir(doc)), filepath.Base(doc)+".want")
		if *updateWant {
			os.MkdirAll(filepath.Dir(side), 0o755)
			text := "# findings expected of " + filepath.ToSlash(filepath.Join(filepath.Base(filepath.Dir(doc)), filepath.Base(doc))) + ": RULE OUTCOME COUNT\n" + strings.Join(got, "\n") + "\n"
			if err := os.WriteFile(side, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := readWant(side)
		if err != nil {
			t.Errorf("%s has no sidecar of expected findings (%v): run with -update-want and check it", doc, err)
			continue
		}
		if missing, extra := diffLines(want, got); len(missing)+len(extra) > 0 {
			t.Errorf("%s: findings differ from %s\n  expected, not found: %v\n  found, not expected: %v", doc, side, missing, extra)
		}
	}
	// A sidecar whose document is gone is stale.
	sides, _ := filepath.Glob(filepath.Join(wantDir, "*", "*.want"))
	for _, s := range sides {
		doc := filepath.Join("..", "testdata", filepath.Base(filepath.Dir(s)), strings.TrimSuffix(filepath.Base(s), ".want"))
		if _, err := os.Stat(doc); err != nil {
			t.Errorf("%s expects findings of %s, which does not exist", s, doc)
		}
	}
}

func TestDiffLines(t *testing.T) {
	missing, extra := diffLines([]string{"A fail 1", "A fail 1", "B review 2"}, []string{"A fail 1", "C tip 1"})
	if fmt.Sprint(missing) != "[A fail 1 B review 2]" || fmt.Sprint(extra) != "[C tip 1]" {
		t.Errorf("missing %v, extra %v", missing, extra)
	}
}

package checker

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// The report order is the order of a folder walk, so a sorted single run and a walk agree.
func TestComparePathsIsWalkOrder(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"a/b/c.pdf", "a/b-x.pdf", "a/b.pdf", "a/B.pdf", "a/ba/z.pdf", "z.pdf", "a.pdf", "a/b/a/a.pdf"} {
		full := filepath.Join(dir, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		os.WriteFile(full, []byte("%PDF-1.7\n"), 0o644)
	}
	inputs, _, err := Collect([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var walked []string
	for _, in := range inputs {
		walked = append(walked, in.Name)
	}
	sorted := slices.Clone(walked)
	slices.Reverse(sorted)
	slices.SortFunc(sorted, ComparePaths)
	if !slices.Equal(walked, sorted) {
		t.Errorf("walk order %q\nsorted      %q", walked, sorted)
	}
	if ComparePaths("https://x.org/a/b.pdf", "https://x.org/a-b.pdf") >= 0 {
		t.Error("URLs compare by their path elements too")
	}
}

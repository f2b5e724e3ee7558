package checker

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

func TestCollectWalksSafely(t *testing.T) {
	dir := t.TempDir()
	names := []string{
		"a report.pdf",        // spaces
		`quote"d 'name'.png`,  // quotes
		"$(rm -rf ~).gif",     // shell syntax, taken literally
		"circulaire-été.docx", // non-ASCII
		"sub/deeper/poster.png",
		".hidden/secret.pdf", // hidden folder: skipped
		".DS_Store",          // hidden file: skipped
		"notes.txt",          // not a document: skipped
	}
	for _, n := range names {
		p := filepath.Join(dir, n)
		os.MkdirAll(filepath.Dir(p), 0o755)
		content := []byte("%PDF-1.7\n")
		if n == "notes.txt" {
			content = []byte("hello")
		}
		if err := os.WriteFile(p, content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A symbolic link loop: sub/deeper/loop -> sub.
	if err := os.Symlink(filepath.Join(dir, "sub"), filepath.Join(dir, "sub", "deeper", "loop")); err != nil {
		t.Fatal(err)
	}
	// A dangling link.
	os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(dir, "dangling.pdf"))

	inputs, skipped, err := Collect([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, in := range inputs {
		rel, _ := filepath.Rel(dir, in.Name)
		got = append(got, rel)
	}
	sort.Strings(got)
	want := []string{"$(rm -rf ~).gif", "a report.pdf", "circulaire-été.docx", `quote"d 'name'.png`, "sub/deeper/poster.png"}
	sort.Strings(want)
	if len(got) != len(want) {
		t.Fatalf("inputs %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("inputs %q, want %q", got, want)
		}
	}
	if len(skipped) < 3 { // notes.txt, the loop link, the dangling link
		t.Errorf("skipped %+v", skipped)
	}
}

// TestBatchLeavesNoTempFiles: documents are read into memory, nothing is written.
func TestBatchLeavesNoTempFiles(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	dir := t.TempDir()
	for i, data := range [][]byte{pngHead, {}, []byte("%PDF-1.4 broken")} {
		os.WriteFile(filepath.Join(dir, string(rune('a'+i))+".png"), data, 0o644)
	}
	inputs, _, err := Collect([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	e := testEngine(okLoader)
	n := 0
	e.Run(context.Background(), inputs, BatchOptions{Jobs: 2}, func(Result) { n++ })
	if n != 3 {
		t.Fatalf("%d results", n)
	}
	left, _ := os.ReadDir(tmp)
	if len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

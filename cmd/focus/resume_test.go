package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// --resume writes what one run writes, keeps what it can, and rechecks what changed.
func TestResumeKeepsAndRechecks(t *testing.T) {
	ws := shardWorkspace(t)
	docs := filepath.Join(ws, "docs")
	log := filepath.Join(ws, "audit.jsonl")
	fresh := func() string {
		_, out, _ := runCLI(t, nil, nil, "check", "--format", "jsonl", "--fail-on", "never", docs)
		return out
	}
	resume := func() (int, string) {
		code, _, errOut := runCLI(t, nil, nil, "check", "--resume", log, "--fail-on", "never", docs)
		return code, errOut
	}
	if code, errOut := resume(); code != exitUnreadable { // broken.pdf
		t.Fatalf("first run: exit %d %s", code, errOut)
	}
	want := fresh()
	if got := readFile(t, log); got != want {
		t.Fatalf("a first --resume run writes the report of a plain run:\n%s\n---\n%s", got, want)
	}
	// Nothing changed: nothing is checked again (a kept document is not rewritten).
	_, errOut := resume()
	if got := readFile(t, log); got != want {
		t.Errorf("second run changed the report")
	}
	if !strings.Contains(errOut, "--resume: 7 documents unchanged since the report, 1 checked") {
		t.Errorf("the second run should keep the 7 readable documents and check the broken one again: %s", errOut)
	}
	// One document changes: it is checked again and its line replaced in place.
	os.WriteFile(filepath.Join(docs, "banner.gif"), sample(t, "calm-spinner.gif"), 0o644)
	if _, errOut := resume(); !strings.Contains(errOut, "6 documents unchanged since the report, 2 checked") {
		t.Errorf("after one change: %s", errOut)
	}
	want = fresh()
	if got := readFile(t, log); got != want {
		t.Errorf("after a change:\n%s\n---\n%s", got, want)
	}
	if code, _, errOut := runCLI(t, nil, nil, "check", "--resume", log, "--format", "json", docs); code != exitUsage || !strings.Contains(errOut, "jsonl") {
		t.Errorf("--resume with --format json: exit %d %s", code, errOut)
	}
	os.WriteFile(log, []byte("not a report\n"), 0o644)
	if code, _, errOut := runCLI(t, nil, nil, "check", "--resume", log, docs); code != exitUsage || !strings.Contains(errOut, "JSON Lines report") {
		t.Errorf("--resume on another file: exit %d %s", code, errOut)
	}
}

// A run killed midway (SIGKILL: no chance to clean up) and resumed ends with the report
// of one uninterrupted run.
func TestResumeAfterKill(t *testing.T) {
	bin := filepath.Join(buildFocus(t), "focus")
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	// Enough documents that the run is still busy after the first few: PDFs take the
	// longest; each copy differs by a trailing comment so no two have the same hash.
	pdf := sample(t, "report-inaccessible.pdf")
	gif := sample(t, "flashing-banner.gif")
	const n = 60
	for i := 0; i < n; i++ {
		os.MkdirAll(filepath.Join(docs, fmt.Sprintf("d%02d", i/10)), 0o755)
		data := append(append([]byte(nil), pdf...), fmt.Sprintf("\n%% copy %d\n", i)...)
		name := fmt.Sprintf("d%02d/report-%02d.pdf", i/10, i)
		if i%3 == 0 {
			data, name = gif, fmt.Sprintf("d%02d/banner-%02d.gif", i/10, i)
		}
		os.WriteFile(filepath.Join(docs, name), data, 0o644)
	}
	env := append(os.Environ(), "LANG=C", "NO_COLOR=1")
	oneRun := filepath.Join(dir, "one.jsonl")
	cmd := exec.Command(bin, "check", "--format", "jsonl", "--fail-on", "never", "-o", oneRun, docs)
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted run: %v %s", err, out)
	}
	want := readFile(t, oneRun)

	log := filepath.Join(dir, "audit.jsonl")
	killed := exec.Command(bin, "check", "--resume", log, "--fail-on", "never", "-j", "1", docs)
	killed.Env = env
	if err := killed.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		b, _ := os.ReadFile(log)
		if bytes.Count(b, []byte("\n")) >= 5 {
			break
		}
		if time.Now().After(deadline) {
			killed.Process.Kill()
			killed.Wait()
			t.Fatal("the run wrote fewer than 5 documents in 60 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
	killed.Process.Signal(syscall.SIGKILL)
	killed.Wait()
	partial := readFile(t, log)
	lines := strings.Count(partial, "\n")
	if lines >= n || strings.Contains(partial, `"summary"`) {
		t.Fatalf("the run finished before it was killed (%d lines): nothing was interrupted", lines)
	}
	if !strings.HasPrefix(want, partial[:strings.LastIndex(partial, "\n")+1]) {
		t.Errorf("what the killed run wrote is not the start of the report")
	}
	t.Logf("killed after %d of %d documents", lines, n)

	resumed := exec.Command(bin, "check", "--resume", log, "--fail-on", "never", docs)
	resumed.Env = env
	out, err := resumed.CombinedOutput()
	if err != nil {
		t.Fatalf("resume: %v %s", err, out)
	}
	if got := readFile(t, log); got != want {
		t.Errorf("resumed report differs from one run:\n%s\n---\n%s", got, want)
	}
}

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// shardWorkspace is a folder of documents with a broken one and a file that is skipped.
func shardWorkspace(t *testing.T) string {
	t.Helper()
	return writeFiles(t, map[string][]byte{
		"docs/a/report.pdf":      sample(t, "report-inaccessible.pdf"),
		"docs/a/notice.docx":     sample(t, "accessible-notice.docx"),
		"docs/a-b/minutes.docx":  sample(t, "draft-minutes.docx"),
		"docs/chart & key.png":   sample(t, "bar-chart.png"),
		"docs/banner.gif":        sample(t, "flashing-banner.gif"),
		"docs/spinner.gif":       sample(t, "calm-spinner.gif"),
		"docs/z/broken.pdf":      []byte("%PDF-1.7\nnot really"),
		"docs/z/readme.txt":      []byte("notes"),
		"docs/described <1>.png": sample(t, "described-chart.png"),
	})
}

// Three shards merged give the report of one run, byte for byte, in JSON, JSONL and
// SARIF, and JSONL shards merge into the JSON report too.
func TestShardsMergeToOneRun(t *testing.T) {
	ws := shardWorkspace(t)
	docs := filepath.Join(ws, "docs")
	check := func(format string, extra ...string) string {
		args := append([]string{"check", "--format", format, "--fail-on", "never", "--lang", "en", "-j", "2"}, extra...)
		code, out, errOut := runCLI(t, nil, nil, append(args, docs)...)
		if code != 0 && code != exitUnreadable {
			t.Fatalf("check %v: exit %d: %s", extra, code, errOut)
		}
		return out
	}
	for _, c := range []struct{ shards, merged string }{{"json", "json"}, {"jsonl", "jsonl"}, {"sarif", "sarif"}, {"jsonl", "json"}, {"json", "jsonl"}} {
		one := check(c.merged)
		var files []string
		nonEmpty := 0
		for k := 1; k <= 3; k++ {
			out := check(c.shards, "--shard", fmt.Sprintf("%d/3", k))
			if strings.Count(out, `"path"`) > 0 || strings.Count(out, `"uri"`) > 0 {
				nonEmpty++
			}
			f := filepath.Join(ws, fmt.Sprintf("shard-%d.%s", k, c.shards))
			os.WriteFile(f, []byte(out), 0o644)
			files = append(files, f)
		}
		if nonEmpty < 2 {
			t.Fatalf("the shards did not split the documents")
		}
		// The order of the arguments does not matter.
		files[0], files[2] = files[2], files[0]
		code, merged, errOut := runCLI(t, nil, nil, append([]string{"merge", "--format", c.merged}, files...)...)
		if code != 0 {
			t.Fatalf("merge %s → %s: exit %d: %s", c.shards, c.merged, code, errOut)
		}
		if merged != one {
			t.Errorf("%s shards merged into %s differ from one run:\n--- one run\n%s\n--- merged\n%s", c.shards, c.merged, one, merged)
		}
	}
	if code, _, errOut := runCLI(t, nil, nil, "merge", "--format", "sarif", filepath.Join(ws, "shard-1.json")); code != exitUsage || !strings.Contains(errOut, "SARIF") {
		t.Errorf("JSON into SARIF: exit %d %s", code, errOut)
	}
}

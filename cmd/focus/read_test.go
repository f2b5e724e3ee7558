package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestReadImage(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{"plain.gif": calmGIF})
	code, out, _ := runCLI(t, nil, nil, "read", "--lang", "fr", filepath.Join(dir, "plain.gif"))
	if code != 0 || !strings.Contains(out, "[image sans description]") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	code, out, _ = runCLI(t, describedPNG, nil, "read", "-")
	if code != 0 || !strings.Contains(out, "A blank chart") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if code, _, _ := runCLI(t, []byte("garbage"), nil, "read", "-"); code != exitUnreadable {
		t.Fatalf("garbage: exit %d, want %d", code, exitUnreadable)
	}
}

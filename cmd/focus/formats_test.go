package main

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryFormatOnTheSamples runs `focus check --format X -o FILE` on the shipped
// samples for every report format: same exit code as text, a non-empty, well-formed file,
// and the summary line on stderr for CI logs.
func TestEveryFormatOnTheSamples(t *testing.T) {
	samples := filepath.Join("..", "..", "testdata", "samples")
	entries, err := os.ReadDir(samples)
	if err != nil {
		t.Fatal(err)
	}
	summary := fmt.Sprintf("%d documents checked", len(entries))
	for _, format := range []string{"text", "json", "jsonl", "sarif", "junit", "markdown", "html"} {
		t.Run(format, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "report."+format)
			code, stdout, errOut := runCLI(t, nil, nil, "check", "--format", format, "-o", out, samples)
			if code != exitThreshold {
				t.Fatalf("exit %d, want %d (a sample flashes)\n%s", code, exitThreshold, errOut)
			}
			if stdout != "" {
				t.Errorf("report written to stdout despite -o: %q", stdout)
			}
			if !strings.Contains(errOut, summary) {
				t.Errorf("no summary line on stderr: %q", errOut)
			}
			data, err := os.ReadFile(out)
			if err != nil || len(data) == 0 {
				t.Fatalf("no report written: %v", err)
			}
			switch format {
			case "json", "sarif":
				if !json.Valid(data) {
					t.Error("invalid JSON")
				}
			case "jsonl":
				for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
					if !json.Valid([]byte(line)) {
						t.Errorf("line %d is not JSON", i+1)
					}
				}
			case "junit":
				if err := xml.Unmarshal(data, new(struct{})); err != nil {
					t.Error(err)
				}
			case "html":
				if !strings.Contains(string(data), "flashing-banner.gif") || !strings.HasSuffix(string(data), "</html>\n") {
					t.Error("HTML report incomplete")
				}
			}
		})
	}
}

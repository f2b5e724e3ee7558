package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
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
			case "json":
				if !json.Valid(data) {
					t.Error("invalid JSON")
				}
			case "sarif":
				validateSARIF(t, data)
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

// validateSARIF checks a SARIF log from the real engine (every rule's metadata) against
// the OASIS schema in ../shared, when it is there.
func validateSARIF(t *testing.T, data []byte) {
	t.Helper()
	path := filepath.Join("..", "..", "..", "shared", "standards", "sarif-schema-2.1.0.json")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("SARIF schema not found at %s (the shared reference data is absent)", path)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("invalid JSON: %v", err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("SARIF does not validate against the 2.1.0 schema: %v", err)
	}
}

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// TestGoldenJSON pins the JSON report of the shipped image samples, field for field.
// Rewrite with: go test ./cmd/focus -run GoldenJSON -update
func TestGoldenJSON(t *testing.T) {
	var args = []string{"check", "--format", "json", "--lang", "en", "--fail-on", "never"}
	names := make([]string, 0)
	for name := range imageSamples() {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, n := range names {
		args = append(args, filepath.ToSlash(filepath.Join("..", "..", "testdata", "samples", n)))
	}
	code, out, errOut := runCLI(t, nil, nil, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	golden := filepath.Join("..", "..", "testdata", "golden", "samples-images.json")
	if *update {
		os.MkdirAll(filepath.Dir(golden), 0o755)
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if string(want) != out {
		t.Errorf("JSON report differs from %s (run with -update if the change is intended):\n%s", golden, out)
	}
}

// TestJSONHasContractFields checks every field CONTRACT.md shows is present with the
// right JSON type, so the contract cannot drift silently.
func TestJSONHasContractFields(t *testing.T) {
	sample := filepath.Join("..", "..", "testdata", "samples", "flashing-banner.gif")
	_, out, _ := runCLI(t, nil, nil, "check", "--format", "json", sample)
	var rep map[string]any
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	tool := rep["tool"].(map[string]any)
	if tool["name"] != "focus" || tool["version"] == "" {
		t.Errorf("tool %v", tool)
	}
	doc := rep["documents"].([]any)[0].(map[string]any)
	for key, kind := range map[string]string{"path": "string", "format": "string", "pages": "number",
		"score": "number", "band": "string", "findings": "array", "checks": "array"} {
		if !hasType(doc[key], kind) {
			t.Errorf("document.%s = %v, want a %s", key, doc[key], kind)
		}
	}
	f := doc["findings"].([]any)[0].(map[string]any)
	for key, kind := range map[string]string{"rule": "string", "outcome": "string", "severity": "string",
		"message": "string", "fix": "string", "location": "object", "standards": "object", "data": "object"} {
		if !hasType(f[key], kind) {
			t.Errorf("finding.%s = %v, want a %s", key, f[key], kind)
		}
	}
	c := doc["checks"].([]any)[0].(map[string]any)
	for key, kind := range map[string]string{"rule": "string", "outcome": "string", "passed": "number", "failed": "number", "review": "number"} {
		if !hasType(c[key], kind) {
			t.Errorf("check.%s = %v, want a %s", key, c[key], kind)
		}
	}
	st := f["standards"].(map[string]any)
	if w, ok := st["wcag"].([]any); !ok || w[0] != "2.3.1" {
		t.Errorf("standards %v", st)
	}
}

func hasType(v any, kind string) bool {
	switch kind {
	case "string":
		_, ok := v.(string)
		return ok
	case "number":
		_, ok := v.(float64)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "object":
		_, ok := v.(map[string]any)
		return ok
	}
	return false
}

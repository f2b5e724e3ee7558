package rules

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzCheck runs every loader and every rule over arbitrary bytes. The engine turns a
// panic into a document error or a review finding, which would hide a crash from the
// fuzzer: so the test fails on those messages instead.
func FuzzCheck(f *testing.F) {
	for _, dir := range []string{filepath.Join("..", "testdata", "samples"), filepath.Join("..", "testdata", "fuzzseeds")} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if data, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil && len(data) < 1<<20 {
				f.Add(data)
			}
		}
	}
	f.Add([]byte("%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 1 0 R>>endobj\ntrailer<</Root 1 0 R>>"))
	f.Add([]byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"))
	engine := NewEngine()
	engine.Limits.DocumentTimeout = 10 * time.Second
	engine.Limits.MaxPixels = 4 << 20
	engine.Limits.MaxTotalPixels = 16 << 20
	engine.Limits.MaxPages = 20
	f.Fuzz(func(t *testing.T, data []byte) {
		r := engine.Check(context.Background(), "fuzz", data, false)
		if r.Err != nil && strings.Contains(r.Err.Msg.En, "internal error") {
			t.Fatalf("loader panicked: %s (%s)", r.Err.Msg.En, r.Err.Detail)
		}
		for _, f := range r.Findings {
			if strings.Contains(f.Message.En, "could not finish") {
				t.Fatalf("rule %s panicked: %s (%s)", f.Rule, f.Message.En, f.Data["detail"])
			}
		}
		if r.Err == nil && (r.Score.Value < 0 || r.Score.Value > 100) {
			t.Fatalf("score %d out of range", r.Score.Value)
		}
	})
}

package checker

import (
	"os"
	"strings"
	"testing"
)

// TestREADMEPublishesTheScoreFormula: the README's score section is the formula the
// program computes and prints (`focus explain score`), word for word.
func TestREADMEPublishesTheScoreFormula(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Skip("no README beside the module:", err)
	}
	if !strings.Contains(string(b), "```text\n"+ScoreFormula.En+"\n```") {
		t.Errorf("README.md's score section differs from checker.ScoreFormula.En: copy it from `go run ./cmd/focus explain score --lang en`")
	}
	for _, want := range []string{"66 × 90 / (90 + coût)", "« élevé » veut dire qu'aucun échec"} {
		if !strings.Contains(ScoreFormula.Fr, want) {
			t.Errorf("the French formula lacks %q", want)
		}
	}
}

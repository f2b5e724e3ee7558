package web

import (
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/checker"
)

// A check that could not finish keeps its technical cause in the finding's data: the
// card shows plain words as the instance and the cause only among the experts' details.
func TestFindingDetailGoesToExperts(t *testing.T) {
	s := newTestServer(t, Config{})
	f := checker.Finding{Rule: "PDF-TEXT-CONTRAST", Outcome: checker.Review,
		Message: checker.Textf("The pages could not be drawn to measure text contrast: check it by eye",
			"Les pages n'ont pas pu être dessinées pour mesurer le contraste du texte : vérifiez-le à l'œil"),
		Data: map[string]string{"detail": "PDF renderer cannot open the document: format error"}}
	cards := s.ruleCards(locale(checker.French), []checker.Finding{f}, "tag.review", "review", 3, func(checker.Location) string { return "" })
	if len(cards) != 1 || len(cards[0].Instances) != 1 {
		t.Fatalf("cards %+v", cards)
	}
	c := cards[0]
	if strings.Contains(c.Instances[0].Message, "renderer") || !strings.Contains(c.Instances[0].Message, "dessinées") {
		t.Errorf("instance %q, want the plain French message", c.Instances[0].Message)
	}
	if len(c.Technical) != 1 || c.Technical[0] != f.Data["detail"] {
		t.Errorf("experts' details %q, want the renderer's error", c.Technical)
	}
}

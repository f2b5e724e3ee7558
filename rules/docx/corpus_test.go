package docx

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/docxdoc"
)

var corpusDir = filepath.Join("..", "..", "..", "shared", "corpus", "docx")

// TestCorpus reads every real-world .docx of the shared corpus: none may fail to load,
// and a summary of findings per rule is printed to look for false alarms
// (go test ./rules/docx -run Corpus -v).
func TestCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.docx"))
	if len(files) == 0 {
		t.Skipf("no corpus at %s (the shared reference data is not checked out)", corpusDir)
	}
	engine := &checker.Engine{
		Formats: []*checker.FileFormat{checker.LookupFormat(docxdoc.Name)},
		Rules:   Rules,
		Limits:  checker.DefaultLimits(),
	}
	type tally struct{ fail, review, pass, docsFail, docsReview int }
	sum := map[string]*tally{}
	for _, r := range Rules {
		sum[r.ID] = &tally{}
	}
	var details []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res := engine.Check(context.Background(), f, data, false)
		if res.Err != nil {
			t.Errorf("%s: %s", filepath.Base(f), res.Err.Msg.En)
			continue
		}
		for _, row := range res.Checks {
			s := sum[row.Rule]
			s.fail += row.Failed
			s.review += row.Review
			s.pass += row.Passed
			if row.Failed > 0 {
				s.docsFail++
			}
			if row.Review > 0 {
				s.docsReview++
			}
		}
		for _, fd := range res.Findings {
			details = append(details, fmt.Sprintf("%-44s %-22s %-6s %s", filepath.Base(f), fd.Rule, fd.Outcome, fd.Message.En))
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d files\n%-24s %6s %6s %6s %10s %10s\n", len(files), "rule", "fail", "review", "pass", "docs-fail", "docs-rev")
	ids := make([]string, 0, len(sum))
	for id := range sum {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		s := sum[id]
		fmt.Fprintf(&b, "%-24s %6d %6d %6d %10d %10d\n", id, s.fail, s.review, s.pass, s.docsFail, s.docsReview)
	}
	t.Log("\n" + b.String())
	if testing.Verbose() && os.Getenv("FOCUS_CORPUS_DETAILS") != "" {
		t.Log("\n" + strings.Join(details, "\n"))
	}
}

package ruledocs

import (
	"bytes"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/rules"
)

// TestREADMEUpToDate fails when a rule was added or changed without regenerating the
// README's tables.
func TestREADMEUpToDate(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	want, err := Rewrite(readme, rules.Sets())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(readme, want) {
		t.Fatalf("README.md rule tables differ from the rule metadata: run `go generate ./...` and commit README.md\n%s", firstDiff(readme, want))
	}
}

// TestREADMENamesOnlyRegisteredRules: the prose around the tables may name rules, but only
// rules that exist.
func TestREADMENamesOnlyRegisteredRules(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, r := range rules.All() {
		known[r.ID] = true
	}
	for _, id := range regexp.MustCompile("`((?:IMG|PDF|DOCX|ODT|DOC|WP)-[A-Z0-9-]+)`").FindAllStringSubmatch(string(readme), -1) {
		if !known[id[1]] {
			t.Errorf("README names rule %s, which is not registered", id[1])
		}
	}
}

func TestRewrite(t *testing.T) {
	a := &checker.Rule{ID: "X-ONE", Title: checker.Text{En: "One | two"}, Severity: checker.Error, Blocking: true,
		Standards: checker.Standards{WCAG: []string{"1.1.1"}}}
	b := &checker.Rule{ID: "X-TWO", Title: checker.Text{En: "Two"}, Severity: checker.Tip}
	sets := []rules.Set{{Name: "x", Rules: []*checker.Rule{a, b}}}
	in := "intro\n<!-- rules: x -->\nstale table\n<!-- end rules: x -->\nafter\n"
	out, err := Rewrite([]byte(in), sets)
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, want := range []string{"intro\n<!-- rules: x (generated", "| `X-ONE` | error, blocking | One \\| two | 1.1.1 |", "| `X-TWO` | tip | Two | — |", "<!-- end rules: x -->\nafter\n"} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %q in\n%s", want, s)
		}
	}
	if strings.Contains(s, "stale") {
		t.Errorf("old table kept:\n%s", s)
	}
	again, err := Rewrite(out, sets)
	if err != nil || !bytes.Equal(again, out) {
		t.Errorf("not idempotent: %v\n%s", err, again)
	}
	if _, err := Rewrite([]byte("no tables\n"), sets); err == nil {
		t.Error("a set without a table must be an error")
	}
	if _, err := Rewrite([]byte(in+"<!-- rules: y -->\n<!-- end rules: y -->\n"), sets); err == nil {
		t.Error("a table naming no set must be an error")
	}
}

func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "first difference at line " + strconv.Itoa(i+1) + ":\n  README:    " + x + "\n  generated: " + y
		}
	}
	return ""
}

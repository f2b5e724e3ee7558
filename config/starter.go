package config

import (
	"fmt"
	"strings"

	"github.com/lab110bis/focusplus/checker"
)

// Starter is the commented .focus.yaml that `focus init` writes: every setting is shown,
// commented out, with what it does, so the file documents itself. It lists the rules
// the engine knows so their IDs can be copied.
func Starter(rules []*checker.Rule) string {
	var b strings.Builder
	b.WriteString(`# Focus+ configuration, read by "focus check" from the current directory
# (or given with --config FILE). Command-line flags override every setting here.
# Uncomment what you need; an unknown key is an error, reported with its line number.

# Rules that do not run (IDs from "focus rules"):
# disable:
#   - IMG-EMBEDDED-DESCRIPTION

# Change the severity of a rule: error, warning or tip. The severity weighs in the
# score and in --fail-on.
# severity:
#   IMG-ANIMATION-LENGTH: error

# Paths not to check. A pattern without "/" matches any file or folder name
# ("*.tmp", "drafts"); a pattern with "/" matches from the folder checked
# ("archive/2019/*.pdf"); "**" stands for any number of folders.
# ignore:
#   - drafts
#   - "archive/**/*.pdf"

# Exit with status 1 when a document scores below this (0-100), like --min-score.
# min-score: 80

# Exit with status 1 on a failure of this severity or worse: error, warning, tip
# or never (default error), like --fail-on.
# fail-on: error

# Language of messages and guidance: fr or en (default from LC_ALL/LANG), like --lang.
# lang: fr

# Documents checked in parallel (0 = all CPUs), like --jobs.
# jobs: 0

# Report format, like --format: text, json, jsonl, sarif, junit, markdown or html.
# format: text
`)
	if len(rules) > 0 {
		b.WriteString("\n# Rules Focus+ knows:\n")
		for _, r := range rules {
			fmt.Fprintf(&b, "#   %-28s %-7s %s\n", r.ID, r.Severity, r.Title.En)
		}
	}
	return b.String()
}

//go:build ignore

// gen rewrites the rule tables of the README from the rule metadata: `go generate ./...`.
package main

import (
	"fmt"
	"os"

	"github.com/lab110bis/focusplus/internal/ruledocs"
	"github.com/lab110bis/focusplus/rules"
)

func main() {
	const path = "../../README.md"
	old, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out, err := ruledocs.Rewrite(old, rules.Sets())
	if err != nil {
		fmt.Fprintln(os.Stderr, "README.md:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

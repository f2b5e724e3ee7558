// Package rules gathers every format and every rule into the engine that the CLI and the
// web server share. Adding a rule touches its own file and its package's Rules list;
// adding a format is its package plus one import line below.
package rules

import (
	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/rules/docx"
	"github.com/lab110bis/focusplus/rules/images"
	"github.com/lab110bis/focusplus/rules/pdf"
	"github.com/lab110bis/focusplus/rules/pdfvisual"

	// The formats Focus+ reads: each package registers itself with
	// checker.RegisterFormat when imported.
	_ "github.com/lab110bis/focusplus/format/docxdoc"
	_ "github.com/lab110bis/focusplus/format/imagedoc"
	_ "github.com/lab110bis/focusplus/format/odtdoc"
	_ "github.com/lab110bis/focusplus/format/pdfdoc"
)

// Set is one rule package's rules under the name the README's generated tables use
// (`<!-- rules: NAME -->`).
type Set struct {
	Name  string
	Rules []*checker.Rule
}

// Sets returns every rule package's rules, in the order reports list them.
func Sets() []Set {
	return []Set{
		{"images", images.Rules},
		{"pdf", pdf.Rules},
		{"pdfvisual", pdfvisual.Rules},
		{"docx", docx.Rules},
	}
}

// All returns every rule, in the order reports list them.
func All() []*checker.Rule {
	var all []*checker.Rule
	for _, s := range Sets() {
		all = append(all, s.Rules...)
	}
	return all
}

// NewEngine returns an engine with every registered format and rule and the default
// limits.
func NewEngine() *checker.Engine {
	return &checker.Engine{
		Rules:  All(),
		Limits: checker.DefaultLimits(),
	}
}

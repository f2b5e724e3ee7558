// Package rules gathers every rule and every format loader into the engine that the CLI
// and the web server share. Adding a rule touches its own file and its package's Rules
// list; adding a format adds one loader line here.
package rules

import (
	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/docxdoc"
	"github.com/lab110bis/focusplus/format/imagedoc"
	"github.com/lab110bis/focusplus/format/pdfdoc"
	"github.com/lab110bis/focusplus/rules/docx"
	"github.com/lab110bis/focusplus/rules/images"
	"github.com/lab110bis/focusplus/rules/pdf"
	"github.com/lab110bis/focusplus/rules/pdfvisual"
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

// NewEngine returns an engine with every loader and rule and the default limits.
func NewEngine() *checker.Engine {
	return &checker.Engine{
		Loaders: map[checker.Kind]checker.Loader{
			checker.KindImage: imagedoc.Load,
			checker.KindPDF:   pdfdoc.Load,
			checker.KindDOCX:  docxdoc.Load,
		},
		Rules:  All(),
		Limits: checker.DefaultLimits(),
	}
}

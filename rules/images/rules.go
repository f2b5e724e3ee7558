// Package images holds the rules for image documents: one rule per file, each a plain
// *checker.Rule value with its metadata and logic side by side.
package images

import "github.com/lab110bis/focusplus/checker"

// Rules lists the image rules in the order they run and are shown.
var Rules = []*checker.Rule{
	Flashing,
	LongAnimation,
	EmbeddedDescription,
	ColourOnly,
}

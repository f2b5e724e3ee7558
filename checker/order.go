package checker

import (
	"path/filepath"
	"slices"
	"strings"
)

// ComparePaths is the order of documents in every report of a batch: paths (or URLs)
// compared name by name along their "/" separators, which is the order a folder walk
// visits them ("a/b/c.pdf" before "a/b-x.pdf", as the folder "b" comes before the file
// "b-x.pdf"). A single run and the merge of its shards both sort by it, so they agree.
func ComparePaths(a, b string) int {
	a, b = filepath.ToSlash(a), filepath.ToSlash(b)
	for {
		ea, resta, moreA := strings.Cut(a, "/")
		eb, restb, moreB := strings.Cut(b, "/")
		if c := strings.Compare(ea, eb); c != 0 {
			return c
		}
		switch {
		case !moreA && !moreB:
			return 0
		case !moreA:
			return -1
		case !moreB:
			return 1
		}
		a, b = resta, restb
	}
}

// SortInputs puts inputs in report order (ComparePaths), keeping the given order of
// equal names.
func SortInputs(inputs []Input) {
	slices.SortStableFunc(inputs, func(x, y Input) int { return ComparePaths(x.Name, y.Name) })
}

// SortSkipped puts skipped files in report order.
func SortSkipped(sk []Skipped) {
	slices.SortStableFunc(sk, func(x, y Skipped) int { return ComparePaths(x.Path, y.Path) })
}

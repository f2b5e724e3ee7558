// Package report renders check results in the formats of `focus check --format`. Each
// format lives in its own file and registers itself; adding one is adding one file.
package report

import (
	"fmt"
	"io"
	"sort"

	"github.com/lab110bis/focusplus/checker"
)

// Version is the program version written in reports.
var Version = "0.1.0"

// Meta is what every format may need besides the results.
type Meta struct {
	Lang   checker.Lang
	Engine *checker.Engine // rule metadata for formats that describe rules (SARIF, HTML)
	Color  bool            // ANSI colours allowed (text format on a terminal)
}

// Writer receives results one document at a time, in input order, so formats that can
// stream do, and those that cannot (a sorted HTML table) buffer what they need.
type Writer interface {
	Begin() error
	Document(r checker.Result) error
	End(s Summary) error
}

// Summary is the batch as a whole, given to End.
type Summary struct {
	Documents  int
	Unreadable int
	Skipped    []checker.Skipped
	ByBand     map[checker.Band]int
	ByRule     map[string]int // failed instances per rule
	ReviewRule map[string]int // instances to review per rule
	// With --baseline: findings new, unchanged and fixed since the baseline report.
	Baseline               bool
	New, Unchanged, FixedN int
}

// Add counts one result into the summary.
func (s *Summary) Add(r checker.Result) {
	s.Documents++
	if s.ByBand == nil {
		s.ByBand = map[checker.Band]int{}
		s.ByRule = map[string]int{}
		s.ReviewRule = map[string]int{}
	}
	s.FixedN += len(r.Fixed)
	for _, f := range r.Findings {
		switch f.Baseline {
		case BaselineNew:
			s.New++
		case BaselineUnchanged:
			s.Unchanged++
		}
	}
	if r.Err != nil {
		s.Unreadable++
		return
	}
	s.ByBand[r.Score.Band]++
	for _, f := range r.Findings {
		switch f.Outcome {
		case checker.Failed:
			s.ByRule[f.Rule] += f.Instances()
		case checker.Review:
			s.ReviewRule[f.Rule] += f.Instances()
		}
	}
}

// AddJSON counts a document read back from a report (--resume) as Add counted it when
// it was checked.
func (s *Summary) AddJSON(d JSONDocument) {
	s.Documents++
	if s.ByBand == nil {
		s.ByBand = map[checker.Band]int{}
		s.ByRule = map[string]int{}
		s.ReviewRule = map[string]int{}
	}
	if d.Score == nil {
		s.Unreadable++
		return
	}
	s.ByBand[checker.Band(d.Band)]++
	for _, f := range d.Findings {
		switch f.Outcome {
		case checker.Failed:
			s.ByRule[f.Rule] += max(f.Count, 1)
		case checker.Review:
			s.ReviewRule[f.Rule] += max(f.Count, 1)
		}
	}
}

// Factory makes a Writer for one run.
type Factory func(w io.Writer, m Meta) Writer

var formats = map[string]Factory{}

func register(name string, f Factory) { formats[name] = f }

// New returns the writer for a format name.
func New(name string, w io.Writer, m Meta) (Writer, error) {
	f, ok := formats[name]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (use %s)", name, FormatList())
	}
	return f(w, m), nil
}

// Formats lists the format names, sorted.
func Formats() []string {
	var names []string
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// FormatList is Formats joined for help texts.
func FormatList() string {
	s := ""
	for i, n := range Formats() {
		if i > 0 {
			s += "|"
		}
		s += n
	}
	return s
}

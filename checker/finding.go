package checker

// Finding is one failing or to-be-reviewed instance of a rule.
type Finding struct {
	Rule      string
	Outcome   Outcome
	Severity  Severity
	Message   Text
	Fix       Text
	Location  Location
	Standards Standards
	Data      map[string]string // measured values, e.g. ratio, foreground, background
	Blocking  bool              // set by the engine from the rule
	// Baseline is "new" or "unchanged" when the run compares with an earlier report
	// (--baseline), as SARIF's baselineState; empty otherwise.
	Baseline string
	// Likely marks a finding to review whose evidence points to a failure (colour alone,
	// contrast just under the threshold): it costs the score a little (ScoreFormula).
	Likely bool

	// Key names the problem within its rule: the engine groups the findings of one rule
	// with the same outcome, severity and key into one finding with a count (one finding
	// per problem, CONTRACT.md). Empty means the message with its numbers and quoted
	// excerpts left out, so "Page 2 has…" and "Page 7 has…" are one problem, while a
	// different colour (#777777) or wording is another.
	Key string
	// Count is the number of instances the finding stands for (0 and 1 both mean one).
	Count int
	// Locations are the places of the instances, Location first, when there are several;
	// at most MaxLocations are kept, Count stays exact.
	Locations []Location
}

// MaxLocations bounds the places kept for one grouped finding, so a document with ten
// thousand untagged links does not make a report of ten thousand locations.
const MaxLocations = 100

// Instances is the number of instances the finding stands for, at least 1.
func (f Finding) Instances() int { return max(f.Count, 1) }

// Places lists where the instances are: Locations when several are known, else Location.
func (f Finding) Places() []Location {
	if len(f.Locations) > 0 {
		return f.Locations
	}
	return []Location{f.Location}
}

// Location says where a finding is; each field is set only when it applies.
type Location struct {
	Page   int       `json:"page,omitempty"`   // 1-based page
	Object string    `json:"object,omitempty"` // PDF object reference, "12 0 R"
	Part   string    `json:"part,omitempty"`   // zip part of a DOCX, "word/document.xml"
	Path   string    `json:"path,omitempty"`   // structure or XPath-like path
	Box    []float64 `json:"box,omitempty"`    // [x, y, w, h] in page points or image pixels
	Frame  int       `json:"frame,omitempty"`  // 1-based frame of an animated image
}

// IsZero reports whether nothing is located.
func (l Location) IsZero() bool {
	return l.Page == 0 && l.Object == "" && l.Part == "" && l.Path == "" && len(l.Box) == 0 && l.Frame == 0
}

// CheckRow counts the instances of one rule on one document.
type CheckRow struct {
	Rule    string  `json:"rule"`
	Outcome Outcome `json:"outcome"`
	Passed  int     `json:"passed"`
	Failed  int     `json:"failed"`
	Review  int     `json:"review"`
}

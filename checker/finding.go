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

package report

import (
	"encoding/json"
	"io"
	"sort"

	"github.com/lab110bis/focusplus/checker"
)

// The JSON report of CONTRACT.md. These types are the contract: fields may be added,
// never renamed or removed.

// JSONReport is the whole report.
type JSONReport struct {
	Tool      JSONTool       `json:"tool"`
	Documents []JSONDocument `json:"documents"`
	Summary   *JSONSummary   `json:"summary,omitempty"`
}

// JSONTool names the program.
type JSONTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// JSONDocument is one checked document.
type JSONDocument struct {
	Path   string          `json:"path"`
	SHA256 string          `json:"sha256,omitempty"`
	Source *checker.Source `json:"source,omitempty"`
	Format string          `json:"format"`
	Pages  int             `json:"pages"`
	Title  string          `json:"title,omitempty"`
	Score  *int            `json:"score"`
	Band   string          `json:"band,omitempty"`
	Capped bool            `json:"capped,omitempty"`
	// Conformance holds the WCAG A/AA and PDF/UA verdicts, apart from the score
	// (CONTRACT.md, second round); absent when the document could not be read.
	Conformance *checker.Conformance `json:"conformance,omitempty"`
	Error       string               `json:"error,omitempty"`
	// ErrorDetail is the technical cause of Error (a library's message), untranslated.
	ErrorDetail string             `json:"error_detail,omitempty"`
	Findings    []JSONFinding      `json:"findings"`
	Checks      []checker.CheckRow `json:"checks"`
	// Fixed lists the findings of the --baseline report this document no longer has.
	Fixed []JSONFixed `json:"fixed,omitempty"`
}

// JSONFixed is a finding of the baseline that is gone.
type JSONFixed struct {
	Rule     string           `json:"rule"`
	Message  string           `json:"message"`
	Location checker.Location `json:"location"`
}

// JSONFinding is one fail or review instance.
type JSONFinding struct {
	Rule      string            `json:"rule"`
	Outcome   checker.Outcome   `json:"outcome"`
	Severity  checker.Severity  `json:"severity"`
	Message   string            `json:"message"`
	Fix       string            `json:"fix,omitempty"`
	Location  checker.Location  `json:"location"`
	Standards checker.Standards `json:"standards"`
	Data      map[string]string `json:"data,omitempty"`
	// Count is the number of instances of this problem (CONTRACT.md, second round);
	// Locations their places, the first being Location, when there are several.
	Count     int                `json:"count"`
	Locations []checker.Location `json:"locations,omitempty"`
	// Baseline is new or unchanged with --baseline (CONTRACT.md, second round).
	Baseline string `json:"baseline,omitempty"`
}

// JSONSummary is the batch summary added after the documents.
type JSONSummary struct {
	Documents  int            `json:"documents"`
	Unreadable int            `json:"unreadable"`
	Skipped    []JSONSkipped  `json:"skipped,omitempty"`
	ByBand     map[string]int `json:"by_band"`
	ByRule     map[string]int `json:"failures_by_rule"`
	ReviewRule map[string]int `json:"reviews_by_rule"`
}

// JSONSkipped is a file found in a folder that was not checked.
type JSONSkipped struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// ToJSON converts one result to its JSON form in the given language.
func ToJSON(r checker.Result, lang checker.Lang) JSONDocument {
	d := JSONDocument{
		Path:     r.Name,
		SHA256:   r.SHA256,
		Source:   r.Source,
		Format:   FormatName(r.Format),
		Pages:    r.Pages,
		Title:    r.Title,
		Findings: []JSONFinding{},
		Checks:   r.Checks,
	}
	if d.Checks == nil {
		d.Checks = []checker.CheckRow{}
	}
	if r.Err != nil {
		d.Error = r.Err.Msg.In(lang)
		d.ErrorDetail = r.Err.Detail
	} else {
		score := r.Score.Value
		d.Score, d.Band, d.Capped = &score, string(r.Score.Band), r.Score.Capped
		c := r.Conformance
		d.Conformance = &c
	}
	for _, f := range r.Findings {
		d.Findings = append(d.Findings, JSONFinding{
			Rule: f.Rule, Outcome: f.Outcome, Severity: f.Severity,
			Message: f.Message.In(lang), Fix: f.Fix.In(lang),
			Location: f.Location, Standards: f.Standards, Data: f.Data,
			Count: f.Instances(), Locations: f.Locations, Baseline: f.Baseline,
		})
	}
	for _, f := range r.Fixed {
		d.Fixed = append(d.Fixed, JSONFixed{Rule: f.Rule, Message: f.Message.In(lang), Location: f.Location})
	}
	return d
}

// FormatName is the format as reports name it: what the content was recognised as, or
// "unknown" when nothing matched (CONTRACT.md), never an empty string.
func FormatName(f checker.Format) string {
	if f == "" {
		return "unknown"
	}
	return string(f)
}

// SummaryJSON converts a summary.
func SummaryJSON(s Summary) *JSONSummary {
	js := &JSONSummary{Documents: s.Documents, Unreadable: s.Unreadable, ByBand: map[string]int{}, ByRule: map[string]int{}, ReviewRule: map[string]int{}}
	for b, n := range s.ByBand {
		js.ByBand[string(b)] = n
	}
	for r, n := range s.ByRule {
		js.ByRule[r] = n
	}
	for r, n := range s.ReviewRule {
		js.ReviewRule[r] = n
	}
	for _, sk := range s.Skipped {
		js.Skipped = append(js.Skipped, JSONSkipped{Path: sk.Path, Reason: sk.Reason})
	}
	sort.Slice(js.Skipped, func(i, j int) bool { return js.Skipped[i].Path < js.Skipped[j].Path })
	return js
}

func init() { register("json", newJSON) }

// jsonWriter streams the report: each document is written as soon as it is done, so a
// batch of thousands does not hold them all in memory.
type jsonWriter struct {
	w     io.Writer
	m     Meta
	count int
}

func newJSON(w io.Writer, m Meta) Writer { return &jsonWriter{w: w, m: m} }

func (j *jsonWriter) Begin() error {
	tool, _ := json.Marshal(JSONTool{Name: "focus", Version: Version})
	_, err := io.WriteString(j.w, "{\n  \"tool\": "+string(tool)+",\n  \"documents\": [")
	return err
}

func (j *jsonWriter) Document(r checker.Result) error {
	b, err := json.MarshalIndent(ToJSON(r, j.m.Lang), "    ", "  ")
	if err != nil {
		return err
	}
	return j.raw(b)
}

// raw writes one document already marshalled with the report's indentation.
func (j *jsonWriter) raw(b []byte) error {
	sep := "\n    "
	if j.count > 0 {
		sep = ",\n    "
	}
	j.count++
	_, err := io.WriteString(j.w, sep+string(b))
	return err
}

func (j *jsonWriter) End(s Summary) error { return j.end(SummaryJSON(s)) }

func (j *jsonWriter) end(s *JSONSummary) error {
	b, err := json.MarshalIndent(s, "  ", "  ")
	if err != nil {
		return err
	}
	end := "\n  ],\n  \"summary\": " + string(b) + "\n}\n"
	if j.count == 0 {
		end = "],\n  \"summary\": " + string(b) + "\n}\n"
	}
	_, err = io.WriteString(j.w, end)
	return err
}

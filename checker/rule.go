package checker

import (
	"context"
	"errors"
	"fmt"
	"slices"
)

// Outcome is the result of one check instance. The order matters: a rule's result is
// the worst of its instances, as in axe-core (inapplicable < passed < incomplete < violation).
type Outcome int

const (
	NotApplicable Outcome = iota
	Passed
	Review // a person must decide; the reason is in the message
	Failed
)

var outcomeNames = [...]string{"not-applicable", "pass", "review", "fail"}

func (o Outcome) String() string {
	if o < 0 || int(o) >= len(outcomeNames) {
		return "unknown"
	}
	return outcomeNames[o]
}

func (o Outcome) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

func (o *Outcome) UnmarshalText(b []byte) error {
	for i, n := range outcomeNames {
		if n == string(b) {
			*o = Outcome(i)
			return nil
		}
	}
	return fmt.Errorf("unknown outcome %q", b)
}

// Severity says how much a failure matters. The zero value is not a severity, so a rule
// that forgets to set one is caught by the registry test.
type Severity int

const (
	Tip Severity = iota + 1
	Warning
	Error
)

var severityNames = map[Severity]string{Tip: "tip", Warning: "warning", Error: "error"}

func (s Severity) String() string {
	if n, ok := severityNames[s]; ok {
		return n
	}
	return "unknown"
}

func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

// ParseSeverity reads "error", "warning" or "tip".
func ParseSeverity(s string) (Severity, error) {
	for k, n := range severityNames {
		if n == s {
			return k, nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (use error, warning or tip)", s)
}

// Weight is the severity's weight in the score (see Score).
func (s Severity) Weight() float64 {
	switch s {
	case Error:
		return 10
	case Warning:
		return 3
	case Tip:
		return 1
	}
	return 0
}

// Audience is a group of readers a problem shuts out.
type Audience string

const (
	Blind          Audience = "blind"          // screen-reader and braille users
	LowVision      Audience = "low-vision"     // magnification, high contrast
	ColourBlind    Audience = "colour-blind"   // colour-vision deficiencies
	Cognitive      Audience = "cognitive"      // cognitive and learning disabilities, dyslexia
	Photosensitive Audience = "photosensitive" // photosensitive epilepsy, vestibular disorders
	Motor          Audience = "motor"          // keyboard-only and switch users
	Deaf           Audience = "deaf"           // deaf and hard of hearing
	Everyone       Audience = "all"            // everyone, e.g. a missing title
)

var audienceNames = map[Audience]Text{
	Blind:          {En: "blind readers using a screen reader", Fr: "les personnes aveugles utilisant un lecteur d'écran"},
	LowVision:      {En: "readers with low vision", Fr: "les personnes malvoyantes"},
	ColourBlind:    {En: "colour-blind readers", Fr: "les personnes daltoniennes"},
	Cognitive:      {En: "readers with cognitive or learning disabilities", Fr: "les personnes ayant des troubles cognitifs ou de l'apprentissage"},
	Photosensitive: {En: "people with photosensitive epilepsy", Fr: "les personnes épileptiques photosensibles"},
	Motor:          {En: "keyboard-only users", Fr: "les personnes naviguant au clavier"},
	Deaf:           {En: "deaf and hard-of-hearing readers", Fr: "les personnes sourdes et malentendantes"},
	Everyone:       {En: "every reader", Fr: "tous les lecteurs"},
}

// Describe names the audience for a reader of the report.
func (a Audience) Describe() Text { return audienceNames[a] }

// Standards lists the references a rule or finding checks. Field names and values follow
// CONTRACT.md: WCAG 2.2 success criteria, EN 301 549 clauses, RGAA 4.1 criteria, ISO 14289-1
// clauses as written in the standard and Matterhorn Protocol failure-condition ids.
type Standards struct {
	WCAG       []string `json:"wcag,omitempty"`
	EN301549   []string `json:"en301549,omitempty"`
	RGAA       []string `json:"rgaa,omitempty"`
	PDFUA      []string `json:"pdfua,omitempty"`
	Matterhorn []string `json:"matterhorn,omitempty"`
}

// IsZero reports whether no reference is given.
func (s Standards) IsZero() bool {
	return len(s.WCAG)+len(s.EN301549)+len(s.RGAA)+len(s.PDFUA)+len(s.Matterhorn) == 0
}

// Rule is one accessibility check: plain data plus a Run function, in the manner of
// golang.org/x/tools/go/analysis. Its metadata is the single source for `focus rules`,
// `focus explain`, SARIF rule descriptions and the web UI.
type Rule struct {
	ID       string // stable, never reused: FORMAT-WHAT, e.g. IMG-FLASH
	Title    Text   // short statement of the requirement
	Why      Text   // why it matters and to whom
	Fix      Text   // how to fix it, in the author's tool
	Affects  []Audience
	Severity Severity
	// Blocking marks failures that leave a reader with nothing usable (no reachable text, a
	// seizure risk): one such failure caps the document's score at BlockingCap.
	Blocking  bool
	Kinds     []Kind // document models the rule reads; it runs on documents offering one
	Standards Standards
	Run       func(*Pass)
}

// AppliesTo reports whether the rule runs on a document offering the kinds ks.
func (r *Rule) AppliesTo(ks []Kind) bool {
	for _, x := range r.Kinds {
		if slices.Contains(ks, x) {
			return true
		}
	}
	return false
}

// Pass is what a rule sees: the loaded document, and ways to report what it found.
// Rules never touch files or output.
type Pass struct {
	Doc  *Document
	Rule *Rule
	ctx  context.Context

	findings []Finding
	row      CheckRow
}

// Context carries the document deadline; long rules should check it.
func (p *Pass) Context() context.Context { return p.ctx }

// Pass records n instances that meet the requirement.
func (p *Pass) Pass(n int) {
	p.stopIfDone()
	p.row.Passed += n
}

// errStopped ends a rule from inside when the document deadline has passed: every
// report checks it, so a rule looping over a million table cells stops at its next
// report without checking the context itself. runRule recovers it.
var errStopped = errors.New("stopped at the document deadline")

func (p *Pass) stopIfDone() {
	if p.ctx != nil && p.ctx.Err() != nil {
		panic(errStopped)
	}
}

// Fail records one failing instance.
func (p *Pass) Fail(loc Location, msg Text, data map[string]string) {
	p.Report(Finding{Outcome: Failed, Location: loc, Message: msg, Data: data})
}

// Review records one instance a person must decide; msg says why the rule could not.
func (p *Pass) Review(loc Location, msg Text, data map[string]string) {
	p.Report(Finding{Outcome: Review, Location: loc, Message: msg, Data: data})
}

// Report records a finding. Rule, severity, fix and standards default to the rule's. A
// finding that stands for several instances (Count) counts them all in the rule's row.
func (p *Pass) Report(f Finding) {
	p.stopIfDone()
	switch f.Outcome {
	case Passed:
		p.row.Passed++
		return
	case NotApplicable:
		return
	case Failed:
		p.row.Failed += f.Instances()
	case Review:
		p.row.Review += f.Instances()
	}
	f.Rule = p.Rule.ID
	if f.Severity == 0 {
		f.Severity = p.Rule.Severity
	}
	if f.Fix.IsZero() {
		f.Fix = p.Rule.Fix
	}
	if f.Standards.IsZero() {
		f.Standards = p.Rule.Standards
	}
	p.findings = append(p.findings, f)
}

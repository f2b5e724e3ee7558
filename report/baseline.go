package report

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/lab110bis/focusplus/checker"
)

// Baseline states of a finding (CONTRACT.md, second round; SARIF baselineState).
const (
	BaselineNew       = "new"
	BaselineUnchanged = "unchanged"
)

// Baseline is an earlier report that a run is compared with (--baseline): findings are
// matched by document path, rule and a location fingerprint, never by message wording
// or language, so a baseline written in French compares with a run in English.
type Baseline struct {
	docs map[string][]JSONFinding
}

// LoadBaseline reads a JSON or JSON Lines report.
func LoadBaseline(data []byte) (*Baseline, error) {
	raws, _, err := readDocs(data)
	if err != nil {
		return nil, err
	}
	b := &Baseline{docs: map[string][]JSONFinding{}}
	for _, raw := range raws {
		var d JSONDocument
		if err := json.Unmarshal(raw.raw, &d); err != nil {
			return nil, fmt.Errorf("%s: %v", raw.path, err)
		}
		b.docs[d.Path] = append(b.docs[d.Path], d.Findings...)
	}
	return b, nil
}

// LocationKey is the stable part of a finding's place: page, frame, zip part and
// structure path. The PDF object number and the box are left out: saving a file again
// renumbers objects, and a line of text added above moves every box below it.
func LocationKey(l checker.Location) string {
	return fmt.Sprintf("p%d f%d %s %s", l.Page, l.Frame, l.Part, l.Path)
}

// baselineKey identifies a finding across runs: rule, outcome and place. A grouped
// finding (count, locations) is keyed by its first place, as the engine groups the same
// way every run.
func baselineKey(rule string, o checker.Outcome, l checker.Location) string {
	return rule + "\x00" + o.String() + "\x00" + LocationKey(l)
}

// Mark sets the baseline state of each finding of a result and lists the baseline's
// findings of that document that are gone. Matching counts: two findings with the same
// key in the baseline match two in the run, a third is new. A document the baseline
// does not have is all new; a document that cannot be read now is compared with nothing.
func (b *Baseline) Mark(r *checker.Result) {
	if b == nil || r.Err != nil {
		return
	}
	prev := map[string][]JSONFinding{}
	for _, f := range b.docs[r.Name] {
		k := baselineKey(f.Rule, f.Outcome, f.Location)
		prev[k] = append(prev[k], f)
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		k := baselineKey(f.Rule, f.Outcome, f.Location)
		if len(prev[k]) > 0 {
			prev[k] = prev[k][1:]
			f.Baseline = BaselineUnchanged
		} else {
			f.Baseline = BaselineNew
		}
	}
	for _, f := range b.docs[r.Name] {
		k := baselineKey(f.Rule, f.Outcome, f.Location)
		if len(prev[k]) > 0 {
			prev[k] = prev[k][1:]
			r.Fixed = append(r.Fixed, checker.Finding{Rule: f.Rule, Outcome: f.Outcome, Severity: f.Severity,
				Message: checker.Text{En: f.Message, Fr: f.Message}, Location: f.Location})
		}
	}
}

// TrendLine says what changed since the baseline, for the Markdown and HTML reports;
// empty without --baseline.
func TrendLine(s Summary, lang checker.Lang) string {
	if !s.Baseline {
		return ""
	}
	line := checker.Textf("Since the baseline: %s, %s, %s.",
		"Depuis la référence : %s, %s, %s.",
		checker.Plural(s.New, "%d new finding", "%d new findings", "%d nouveau constat", "%d nouveaux constats"),
		checker.Plural(s.Unchanged, "%d unchanged", "%d unchanged", "%d inchangé", "%d inchangés"),
		checker.Plural(s.FixedN, "%d fixed", "%d fixed", "%d corrigé", "%d corrigés")).In(lang)
	if s.New == 0 && s.FixedN > 0 {
		line += " " + checker.Textf("Progress, no regression.", "En progrès, sans régression.").In(lang)
	}
	return strings.TrimSpace(line)
}

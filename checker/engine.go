package checker

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync/atomic"
	"time"
)

// Engine holds the formats and rules; one engine serves the CLI and the web server.
type Engine struct {
	// Formats are those the engine reads, precise ones first; nil means every
	// registered format (RegisterFormat).
	Formats []*FileFormat
	Rules   []*Rule
	Limits  Limits

	// Disabled rules do not run; Severity overrides a rule's default severity. Both come
	// from the configuration file.
	Disabled map[string]bool
	Severity map[string]Severity
}

// Result is everything known about one checked document, in both languages. Reports
// render it; nothing in it depends on the output format.
type Result struct {
	Name     string
	Format   Format
	Pages    int
	Title    string
	Err      *LoadError // the document could not be read; no score
	Findings []Finding
	Checks   []CheckRow
	Score    Score
	// Conformance holds the WCAG A/AA and PDF/UA verdicts, apart from the score.
	Conformance Conformance
	Elapsed     time.Duration
	Doc         *Document // kept only when CheckOptions.KeepDocument is set
	SHA256      string    // hex SHA-256 of the bytes read, when they could be read (batch runs)
	Source      *Source   // where a document read from the web was found
	// Kept is set when the document was not checked because BatchOptions.Skip said an
	// earlier report already holds it (same content): only Name, SHA256 and Source are set.
	Kept bool
	// Fixed lists the findings of an earlier report (--baseline) this document no longer has.
	Fixed []Finding
}

// Rule returns the rule with that ID, or nil.
func (e *Engine) Rule(id string) *Rule {
	for _, r := range e.Rules {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// severity is the rule's effective severity, after configuration overrides.
func (e *Engine) severity(r *Rule) Severity {
	if s, ok := e.Severity[r.ID]; ok {
		return s
	}
	return r.Severity
}

// Check loads and checks one document held in memory. It never panics and always
// returns within the document deadline: a loader or rule that panics, or runs past the
// deadline, turns into a document error.
func (e *Engine) Check(ctx context.Context, name string, data []byte, keep bool) Result {
	start := time.Now()
	// The deadline is DocumentTimeout while the document loads; a paged document then
	// gets the time its length earns (Limits.Timeout), which the check announces on
	// longer.
	timeout := e.Limits.Timeout(0)
	loadCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	longer := make(chan time.Duration, 1)

	done := make(chan Result, 1)
	running.Add(1)
	go func() {
		var r Result
		func() {
			defer func() {
				if v := recover(); v != nil {
					r = Result{Name: name, Err: damaged(v)}
				}
			}()
			r = e.check(&budget{load: loadCtx, parent: ctx, start: start, longer: longer}, name, data, keep)
		}()
		running.Add(-1) // before the send: once Check has the result, the work is over
		done <- r
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	var r Result
wait:
	for {
		select {
		case r = <-done:
			break wait
		case t := <-longer:
			timeout = t
			timer.Reset(time.Until(start.Add(t)))
		case <-timer.C:
			r = Result{Name: name, Err: e.stopped(done, timedOut(timeout))}
			break wait
		case <-ctx.Done():
			r = Result{Name: name, Err: e.stopped(done, deadlineError(ctx, timeout))}
			break wait
		}
	}
	if r.Err != nil && r.Format == "" {
		r.Format = e.sniffName(data)
	}
	r.Elapsed = time.Since(start)
	return r
}

// stopped waits for a check past its deadline to stop and returns err. The check stops
// at its next look at its context (rules at every report, loaders and the renderer in
// their loops). Waiting means that whoever holds a check slot for this call holds it
// until the work has really stopped; only a check that ignores its context is left
// behind after stopGrace (counted by Running).
func (e *Engine) stopped(done <-chan Result, err *LoadError) *LoadError {
	select {
	case <-done:
	case <-time.After(stopGrace):
	}
	return err
}

// budget is the time of one check: load under the document deadline, then the rules
// under the deadline the document's length earns.
type budget struct {
	load   context.Context // DocumentTimeout from the start
	parent context.Context // the caller's context
	start  time.Time
	longer chan<- time.Duration // tells Check of a longer deadline
}

// forDoc returns the context the rules of doc run under, and its timeout.
func (b *budget) forDoc(lim Limits, doc *Document) (context.Context, context.CancelFunc, time.Duration) {
	base, t := lim.Timeout(0), lim.Timeout(doc.Pages)
	if t <= base {
		return b.load, func() {}, base
	}
	ctx, cancel := context.WithDeadline(b.parent, b.start.Add(t))
	b.longer <- t
	return ctx, cancel, t
}

// stopGrace is how long Check waits, past the deadline, for the check to stop.
var stopGrace = 10 * time.Second

var running atomic.Int64

// Running is the number of document checks whose goroutine is still running,
// including any left behind after their deadline: a server exports it so that work
// nobody waits for shows.
func Running() int64 { return running.Load() }

// damaged is the error of a document whose reading panicked: most likely a damaged
// file, or a construction no reader here expects. The panic value is only detail.
func damaged(v any) *LoadError {
	return &LoadError{Msg: Textf(
		"the file is damaged, or built in a way Focus+ cannot read yet, so it could not be checked (an internal error: please report it, with the file if you can share it)",
		"le fichier est endommagé, ou construit d'une façon que Focus+ ne sait pas encore lire : il n'a pas pu être vérifié (une erreur interne : merci de la signaler, avec le fichier si vous pouvez le partager)"),
		Detail: fmt.Sprint(v)}
}

func deadlineError(ctx context.Context, timeout time.Duration) *LoadError {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return timedOut(timeout)
	}
	return &LoadError{Msg: Textf("checking was cancelled", "vérification annulée")}
}

// timedOut is the error of a document whose deadline (timeout) passed.
func timedOut(timeout time.Duration) *LoadError {
	return &LoadError{Msg: Textf("the document is too complex to analyse within the time limit (%s for this document)",
		"le document est trop complexe pour être analysé dans le temps imparti (limite de %s pour ce document)", timeout),
		Detail: "document deadline exceeded"}
}

func (e *Engine) formats() []*FileFormat {
	if e.Formats != nil {
		return e.Formats
	}
	return Formats()
}

// Sniff returns the engine's format that recognises the document, or nil.
func (e *Engine) Sniff(data []byte) *FileFormat { return sniffIn(e.formats(), data) }

func (e *Engine) sniffName(data []byte) Format {
	if f := e.Sniff(data); f != nil {
		return f.Name
	}
	return FormatUnknown
}

// notRead is the error for content no format of the engine recognises.
func (e *Engine) notRead() *LoadError {
	list := supportedIn(e.formats())
	return &LoadError{Unsupported: true, Msg: Textf("not a format Focus+ reads (%s)", "format non pris en charge (%s)", list)}
}

// refused completes the message of a format that refused its content with the list of
// formats that are read.
func (e *Engine) refused(le *LoadError) *LoadError {
	list := supportedIn(e.formats())
	return &LoadError{Unsupported: true, Rule: le.Rule, Msg: Text{
		En: le.Msg.En + " (Focus+ reads " + list + ")",
		Fr: le.Msg.Fr + " (Focus+ lit : " + list + ")",
	}}
}

// load sniffs and loads a document; the returned format name is "unknown" when no
// format recognised or accepted it.
func (e *Engine) load(ctx context.Context, name string, data []byte) (*Document, Format, *LoadError) {
	f := e.Sniff(data)
	if f == nil {
		return nil, FormatUnknown, e.notRead()
	}
	if f.Prepare != nil {
		f.Prepare()
	}
	doc, err := f.Load(ctx, name, data, f.Name, e.Limits)
	if err != nil {
		le := asLoadError(err)
		if le.Unsupported {
			return nil, FormatUnknown, e.refused(le)
		}
		return nil, f.Name, le
	}
	if doc.Format == "" {
		doc.Format = f.Name
	}
	if doc.Kinds == nil {
		doc.Kinds = f.Kinds
	}
	doc.Source, doc.Limits = data, e.Limits
	return doc, doc.Format, nil
}

func (e *Engine) check(b *budget, name string, data []byte, keep bool) Result {
	ctx := b.load
	r := Result{Name: name}
	if len(data) == 0 {
		r.Err = &LoadError{Msg: Textf("the file is empty", "le fichier est vide")}
		return r
	}
	if max := e.Limits.MaxBytes; max > 0 && int64(len(data)) > max {
		r.Err = &LoadError{Msg: Textf("the file is %s, over the %s limit", "le fichier fait %s, au-delà de la limite de %s",
			HumanBytes(int64(len(data))), HumanBytes(max))}
		return r
	}
	doc, format, lerr := e.load(ctx, name, data)
	r.Format = format
	if lerr != nil {
		r.Err = lerr
		if rule := e.Rule(r.Err.Rule); rule != nil && !e.Disabled[rule.ID] {
			r.Findings = []Finding{{Rule: rule.ID, Outcome: Failed, Severity: e.severity(rule), Message: r.Err.Msg,
				Fix: rule.Fix, Standards: rule.Standards, Blocking: rule.Blocking}}
			r.Checks = []CheckRow{{Rule: rule.ID, Outcome: Failed, Failed: 1}}
		}
		return r
	}
	r.Pages, r.Title = doc.Pages, doc.Title
	ctx, cancel, timeout := b.forDoc(e.Limits, doc)
	defer cancel()
	if keep {
		r.Doc = doc
	}
	for _, rule := range e.Rules {
		if e.Disabled[rule.ID] || !rule.AppliesTo(doc.Kinds) {
			continue
		}
		if ctx.Err() != nil {
			break
		}
		findings, row := e.runRule(ctx, rule, doc)
		r.Findings = append(r.Findings, findings...)
		r.Checks = append(r.Checks, row)
	}
	if ctx.Err() != nil {
		r.Err = deadlineError(ctx, timeout)
		return r
	}
	r.Findings = GroupFindings(r.Findings)
	sortFindings(r.Findings)
	r.Score = e.score(r.Checks, r.Findings)
	r.Conformance = e.conformance(r.Checks, r.Findings)
	return r
}

// runRule runs one rule with its own recover: a rule that panics on an odd document is
// reported as needing review, and the other rules still run.
func (e *Engine) runRule(ctx context.Context, rule *Rule, doc *Document) (findings []Finding, row CheckRow) {
	p := &Pass{Doc: doc, Rule: rule, ctx: ctx}
	defer func() {
		if v := recover(); v == errStopped {
			findings, row = nil, CheckRow{Rule: rule.ID, Outcome: NotApplicable}
			return
		} else if v != nil {
			p.ctx = nil // the report below must not stop again
			// What went wrong inside is for experts (the finding's data), not for the author.
			p.Review(Location{}, Textf("This check could not finish on this document: check this point by hand",
				"Cette vérification n'a pas pu aboutir sur ce document : vérifiez ce point à la main"), map[string]string{"detail": fmt.Sprint(v)})
		}
		sev := e.severity(rule)
		for i := range p.findings {
			if e.Severity[rule.ID] != 0 || p.findings[i].Severity == 0 {
				p.findings[i].Severity = sev
			}
			// A rule blocks with all its failures, or a rule marks the one that does.
			p.findings[i].Blocking = (rule.Blocking || p.findings[i].Blocking) && p.findings[i].Outcome == Failed
		}
		findings = p.findings
		row = p.row
		row.Rule = rule.ID
		row.Outcome = rowOutcome(row)
	}()
	rule.Run(p)
	return
}

func rowOutcome(r CheckRow) Outcome {
	switch {
	case r.Failed > 0:
		return Failed
	case r.Review > 0:
		return Review
	case r.Passed > 0:
		return Passed
	}
	return NotApplicable
}

// sortFindings orders by severity (errors first), then outcome (failures before
// reviews), then location, so the most urgent fix comes first and output is stable.
func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Outcome != b.Outcome {
			return a.Outcome > b.Outcome
		}
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		if a.Location.Page != b.Location.Page {
			return a.Location.Page < b.Location.Page
		}
		if a.Location.Frame != b.Location.Frame {
			return a.Location.Frame < b.Location.Frame
		}
		return a.Rule < b.Rule
	})
}

func asLoadError(err error) *LoadError {
	var le *LoadError
	if errors.As(err, &le) {
		return le
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return &LoadError{Msg: Textf("the document is too complex to read within the time limit for one document",
			"le document est trop complexe pour être lu dans le temps imparti"), Detail: err.Error()}
	}
	return &LoadError{Msg: Textf("the file is damaged and cannot be read: open it in the program that made it and save it again",
		"le fichier est endommagé et ne peut pas être lu : ouvrez-le dans le logiciel qui l'a créé et enregistrez-le à nouveau"), Detail: err.Error()}
}

// HumanBytes formats a byte count for messages.
func HumanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// RunRule runs one rule on a loaded document, as the engine does; rule tests use it.
func RunRule(ctx context.Context, rule *Rule, doc *Document) ([]Finding, CheckRow) {
	return (&Engine{}).runRule(ctx, rule, doc)
}

// Load reads a document without checking it (for the reading view and previews), with
// the same limits, deadline and recover as Check.
func (e *Engine) Load(ctx context.Context, name string, data []byte) (doc *Document, lerr *LoadError) {
	ctx, cancel := context.WithTimeout(ctx, e.Limits.Timeout(0))
	defer cancel()
	defer func() {
		if v := recover(); v != nil {
			doc, lerr = nil, damaged(v)
		}
	}()
	if len(data) == 0 {
		return nil, &LoadError{Msg: Textf("the file is empty", "le fichier est vide")}
	}
	d, _, lerr := e.load(ctx, name, data)
	if lerr != nil {
		return nil, lerr
	}
	return d, nil
}

package checker

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// testEngine has one fake loader for images and the given rules.
func testEngine(load Loader, rules ...*Rule) *Engine {
	lim := DefaultLimits()
	lim.DocumentTimeout = 2 * time.Second
	png := &FileFormat{Name: "png", Kinds: []Kind{testKind}, Picture: true, Load: load,
		Sniff: func(b []byte) bool { return bytes.HasPrefix(b, []byte("\x89PNG")) }}
	return &Engine{Formats: []*FileFormat{png}, Rules: rules, Limits: lim}
}

const testKind Kind = "image"

var pngHead = []byte("\x89PNG\r\n\x1a\n rest of a png")

func okLoader(ctx context.Context, name string, data []byte, f Format, lim Limits) (*Document, error) {
	return &Document{Name: name, Format: f, Pages: 1}, nil
}

func rule(id string, sev Severity, run func(*Pass)) *Rule {
	return &Rule{ID: id, Severity: sev, Kinds: []Kind{testKind}, Run: run}
}

func TestCheckRecoversLoaderPanic(t *testing.T) {
	e := testEngine(func(context.Context, string, []byte, Format, Limits) (*Document, error) {
		panic("index out of range")
	})
	r := e.Check(context.Background(), "x.png", pngHead, false)
	if r.Err == nil || !strings.Contains(r.Err.Msg.En, "damaged") || !strings.Contains(r.Err.Msg.Fr, "endommagé") ||
		strings.Contains(r.Err.Msg.En, "index out of range") || r.Err.Detail != "index out of range" {
		t.Fatalf("want a readable document error with the panic as detail only, got %+v", r.Err)
	}
	if r.Format != "png" {
		t.Errorf("format %q, want png even when unreadable", r.Format)
	}
}

func TestRulePanicBecomesReviewAndOthersRun(t *testing.T) {
	e := testEngine(okLoader,
		rule("A-PANIC", Error, func(p *Pass) { panic("boom") }),
		rule("B-OK", Error, func(p *Pass) { p.Pass(3) }),
	)
	r := e.Check(context.Background(), "x.png", pngHead, false)
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	if len(r.Checks) != 2 || r.Checks[0].Outcome != Review || r.Checks[1].Outcome != Passed {
		t.Fatalf("checks %+v", r.Checks)
	}
	if r.Score.Value != 99 || r.Score.ToReview != 1 {
		t.Errorf("score %+v: a review costs nothing but is counted, and keeps the document from 100", r.Score)
	}
	// The panic's text is for experts: in the finding's data, never in the message.
	if f := r.Findings[0]; f.Data["detail"] != "boom" || strings.Contains(f.Message.En+f.Message.Fr, "boom") {
		t.Errorf("finding %+v: want the panic in data.detail only", f)
	}
}

func TestDeadline(t *testing.T) {
	e := testEngine(func(ctx context.Context, _ string, _ []byte, _ Format, _ Limits) (*Document, error) {
		select {} // a loader that never returns and ignores ctx
	})
	e.Limits.DocumentTimeout = 50 * time.Millisecond
	defer func(g time.Duration) { stopGrace = g }(stopGrace)
	stopGrace = 100 * time.Millisecond
	start := time.Now()
	r := e.Check(context.Background(), "x.png", pngHead, false)
	if r.Err == nil || !strings.Contains(r.Err.Msg.En, "limit") {
		t.Fatalf("want a deadline error, got %+v", r.Err)
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Fatalf("Check returned after %v, long past its deadline", d)
	}
}

func TestUnreadableInputs(t *testing.T) {
	e := testEngine(okLoader)
	for name, data := range map[string][]byte{
		"empty":   {},
		"unknown": []byte("just some text, not a document"),
	} {
		r := e.Check(context.Background(), name, data, false)
		if r.Err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	e.Limits.MaxBytes = 10
	if r := e.Check(context.Background(), "big.png", pngHead, false); r.Err == nil || !strings.Contains(r.Err.Msg.En, "limit") {
		t.Errorf("over MaxBytes: %+v", r.Err)
	}
}

func TestScore(t *testing.T) {
	e := testEngine(okLoader)
	aa := Standards{WCAG: []string{"1.1.1"}}
	fail := func(rule string, sev Severity, st Standards) Finding {
		return Finding{Rule: rule, Outcome: Failed, Severity: sev, Standards: st}
	}
	cases := []struct {
		name     string
		rows     []CheckRow
		findings []Finding
		want     int
		band     Band
	}{
		{"nothing to check", nil, nil, 100, BandPerfect},
		{"all pass", []CheckRow{{Rule: "E", Passed: 4}, {Rule: "T", Passed: 1}}, nil, 100, BandPerfect},
		{"a tip costs one point", []CheckRow{{Rule: "T", Failed: 1}}, []Finding{fail("T", Tip, aa)}, 99, BandHigh},
		{"tips cost two points at most", []CheckRow{{Rule: "T", Failed: 5}},
			[]Finding{fail("T", Tip, aa), fail("T2", Tip, aa), fail("T3", Tip, Standards{})}, 98, BandHigh},
		{"a PDF/UA-only failure costs nothing but is not perfect", []CheckRow{{Rule: "U", Failed: 1}},
			[]Finding{fail("U", Error, Standards{PDFUA: []string{"7.1"}})}, 99, BandHigh},
		{"an AAA criterion is not an A/AA failure", nil, []Finding{fail("C", Warning, Standards{WCAG: []string{"1.4.6"}})}, 99, BandHigh},
		{"likely reviews cost a little", nil, []Finding{{Rule: "R", Outcome: Review, Likely: true}, {Rule: "R", Outcome: Review}}, 97, BandHigh},
		// cost 24 × (½ + ½ × 1/10) = 13.2 → 66 × 90 / 103.2
		{"one error among ten items", []CheckRow{{Rule: "E", Passed: 9, Failed: 1}}, []Finding{fail("E", Error, aa)}, 58, BandMedium},
		// cost 24 → 66 × 90 / 114
		{"an error on the whole document", []CheckRow{{Rule: "E", Failed: 1}}, []Finding{fail("E", Error, aa)}, 52, BandMedium},
		{"one failure among a thousand is not high", []CheckRow{{Rule: "W", Passed: 1000, Failed: 1}}, []Finding{fail("W", Warning, aa)}, 63, BandMedium},
		// two criteria each bearing half the finding: 24 × ½ + 24 × ½
		{"a finding citing two criteria shares itself", []CheckRow{{Rule: "E", Failed: 1}},
			[]Finding{fail("E", Error, Standards{WCAG: []string{"3.1.1", "3.1.2"}})}, 52, BandMedium},
		// 1.1.1: 24 × 1 × 1.5 = 36
		{"a second problem on one criterion adds half", []CheckRow{{Rule: "E", Failed: 2}, {Rule: "E2", Failed: 1}},
			[]Finding{fail("E", Error, aa), fail("E2", Error, aa)}, 47, BandMedium},
		// 33 × 90 / 114
		{"blocking: the low band, on the same slope", []CheckRow{{Rule: "B", Failed: 1}, {Rule: "E", Passed: 50}},
			[]Finding{{Rule: "B", Outcome: Failed, Severity: Error, Blocking: true, Standards: aa}}, 26, BandLow},
		{"blocking outside WCAG", nil,
			[]Finding{{Rule: "B", Outcome: Failed, Severity: Error, Blocking: true}}, 33, BandLow},
	}
	for _, c := range cases {
		s := e.score(c.rows, c.findings)
		if s.Value != c.want || s.Band != c.band {
			t.Errorf("%s: score %d %s (cost %.1f), want %d %s", c.name, s.Value, s.Band, s.Cost, c.want, c.band)
		}
	}
}

// TestScoreMovesWithEveryFix: removing any one A/AA failure from a document lowers its
// cost strictly and never lowers its score, however many failures it has; and any A/AA
// failure keeps it out of the top band.
func TestScoreMovesWithEveryFix(t *testing.T) {
	e := testEngine(okLoader)
	criteria := []string{"1.1.1", "1.3.1", "1.4.3", "2.4.2", "2.4.4", "3.1.1", "4.1.2", "1.4.1"}
	var findings []Finding
	var rows []CheckRow
	for i := 0; i < 40; i++ {
		sev := Error
		if i%3 == 0 {
			sev = Warning
		}
		id := fmt.Sprintf("R%d", i)
		findings = append(findings, Finding{Rule: id, Outcome: Failed, Severity: sev, Standards: Standards{WCAG: []string{criteria[i%len(criteria)]}}})
		rows = append(rows, CheckRow{Rule: id, Failed: 1 + i%4, Passed: i % 5})
	}
	for n := len(findings); n > 0; n-- {
		before := e.score(rows, findings[:n])
		after := e.score(rows, findings[:n-1])
		if before.Value > FailureCap {
			t.Fatalf("%d A/AA failures score %d, in the top band", n, before.Value)
		}
		if after.Value < before.Value || after.Cost >= before.Cost {
			t.Fatalf("fixing failure %d of %d: score %d → %d, cost %.2f → %.2f", n, n, before.Value, after.Value, before.Cost, after.Cost)
		}
	}
}

func TestRunReportsEveryInputInOrder(t *testing.T) {
	e := testEngine(okLoader, rule("E", Error, func(p *Pass) { p.Pass(1) }))
	var inputs []Input
	for i := 0; i < 50; i++ {
		data := pngHead
		if i%7 == 0 {
			data = nil // unreadable
		}
		d := data
		inputs = append(inputs, Input{Name: string(rune('A' + i%26)), Open: func() (io.ReadCloser, error) {
			return io.NopCloser(bytes.NewReader(d)), nil
		}})
	}
	var got []Result
	e.Run(context.Background(), inputs, BatchOptions{Jobs: 4}, func(r Result) { got = append(got, r) })
	if len(got) != len(inputs) {
		t.Fatalf("%d results for %d inputs", len(got), len(inputs))
	}
	for i, r := range got {
		if r.Name != inputs[i].Name {
			t.Fatalf("result %d is %q, want %q: results must come in input order", i, r.Name, inputs[i].Name)
		}
		if (i%7 == 0) != (r.Err != nil) {
			t.Errorf("result %d: err %v", i, r.Err)
		}
	}
}

// A rule that loops over a huge table, reporting as it goes, stops at the deadline, and
// Check returns only once it has stopped: the caller's check slot bounds the real work.
func TestDeadlineStopsRules(t *testing.T) {
	var cells atomic.Int64
	reporting := rule("CELLS", Tip, func(p *Pass) {
		for {
			cells.Add(1)
			p.Pass(1)
		}
	})
	var quietDone atomic.Bool
	quiet := rule("QUIET", Tip, func(p *Pass) {
		for i := 0; ; i++ {
			if i&1023 == 0 && p.Context().Err() != nil {
				time.Sleep(150 * time.Millisecond) // winding down takes a moment
				quietDone.Store(true)
				return
			}
		}
	})
	for _, r := range []*Rule{reporting, quiet} {
		e := testEngine(okLoader, r)
		e.Limits.DocumentTimeout = 100 * time.Millisecond
		before := Running()
		start := time.Now()
		res := e.Check(context.Background(), "x.png", pngHead, false)
		took := time.Since(start)
		if res.Err == nil || !strings.Contains(res.Err.Msg.En, "limit") {
			t.Errorf("%s: want a deadline error, got %+v", r.ID, res.Err)
		}
		if took > 2*time.Second {
			t.Errorf("%s: Check returned after %v", r.ID, took)
		}
		if n := Running() - before; n != 0 {
			t.Errorf("%s: %d checks still running after Check returned", r.ID, n)
		}
	}
	if !quietDone.Load() {
		t.Error("Check returned before the rule had stopped")
	}
	n := cells.Load()
	time.Sleep(50 * time.Millisecond)
	if cells.Load() != n {
		t.Error("the reporting rule goes on after Check returned")
	}
}

// A long document gets the deadline its length earns (Limits.Timeout), both in what its
// rules see and in when Check gives up on it; a short one keeps DocumentTimeout.
func TestDeadlineGrowsWithPages(t *testing.T) {
	lim := Limits{DocumentTimeout: 200 * time.Millisecond, PageTimeout: 100 * time.Millisecond, MaxDocumentTimeout: 3 * time.Second}
	for pages, want := range map[int]time.Duration{0: 200 * time.Millisecond, 1: 200 * time.Millisecond,
		2: 200 * time.Millisecond, 10: time.Second, 30: 3 * time.Second, 1000: 3 * time.Second} {
		if got := lim.Timeout(pages); got != want {
			t.Errorf("%d pages: Timeout %v, want %v", pages, got, want)
		}
	}
	if got := (Limits{DocumentTimeout: time.Second}).Timeout(1000); got != time.Second {
		t.Errorf("no PageTimeout: %v, want the document timeout", got)
	}
	if got := (Limits{DocumentTimeout: time.Second, PageTimeout: time.Second}).Timeout(1000); got != 10*time.Second {
		t.Errorf("no cap given: %v, want ten times the document timeout", got)
	}
	for _, pages := range []int{1, 30} {
		want := lim.Timeout(pages)
		var given time.Duration
		// The rule works 600 ms: past the short deadline, within the long one.
		work := rule("WORK", Tip, func(p *Pass) {
			dl, _ := p.Context().Deadline()
			given = time.Until(dl)
			end := time.Now().Add(600 * time.Millisecond)
			for p.Context().Err() == nil && time.Now().Before(end) {
				time.Sleep(5 * time.Millisecond)
			}
			p.Pass(1)
		})
		e := testEngine(func(ctx context.Context, name string, _ []byte, f Format, _ Limits) (*Document, error) {
			return &Document{Name: name, Format: f, Pages: pages}, nil
		}, work)
		e.Limits = lim
		r := e.Check(context.Background(), "x.png", pngHead, false)
		if given > want || given < want-time.Second {
			t.Errorf("%d pages: the rule was given %v, want about %v", pages, given, want)
		}
		if pages == 1 && (r.Err == nil || !strings.Contains(r.Err.Msg.En, "200ms")) {
			t.Errorf("1 page: %+v, want the 200 ms deadline error", r.Err)
		}
		if pages == 30 && r.Err != nil {
			t.Errorf("30 pages: %+v, want the check to finish within its 3 s", r.Err)
		}
	}
}

package checker

import (
	"reflect"
	"testing"
)

func TestConformance(t *testing.T) {
	e := &Engine{Rules: []*Rule{
		{ID: "UA", Standards: Standards{PDFUA: []string{"7.1"}}},
		{ID: "ALT", Standards: Standards{WCAG: []string{"1.1.1"}, PDFUA: []string{"7.3"}}},
		{ID: "CONTRAST", Standards: Standards{WCAG: []string{"1.4.3", "1.4.6"}}},
		{ID: "DOCX-ALT", Standards: Standards{WCAG: []string{"1.1.1"}}},
	}}
	f := func(rule string, o Outcome, sev Severity, st Standards) Finding {
		return Finding{Rule: rule, Outcome: o, Severity: sev, Standards: st}
	}
	// A document some PDF/UA rule ran on: both verdicts.
	c := e.conformance(
		[]CheckRow{{Rule: "UA", Outcome: Failed}, {Rule: "ALT", Outcome: Failed}, {Rule: "CONTRAST", Outcome: Review}},
		[]Finding{
			f("UA", Failed, Warning, Standards{PDFUA: []string{"7.1"}}),
			f("ALT", Failed, Error, Standards{WCAG: []string{"1.1.1"}, PDFUA: []string{"7.3"}}),
			f("CONTRAST", Review, Error, Standards{WCAG: []string{"1.4.3"}}),
			f("CONTRAST", Review, Error, Standards{WCAG: []string{"1.1.1"}}),   // failed already: not under review
			f("CONTRAST", Failed, Tip, Standards{WCAG: []string{"1.4.10"}}),    // a tip is advice
			f("CONTRAST", Failed, Warning, Standards{WCAG: []string{"1.4.6"}}), // AAA
		})
	want := Conformance{
		WCAG:  WCAGVerdict{Level: "AA", Verdict: Failed, Failed: []string{"1.1.1"}, Review: []string{"1.4.3"}},
		PDFUA: PDFUAVerdict{Verdict: Failed, Failed: []string{"7.1", "7.3"}, Review: []string{}},
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("got %+v\nwant %+v", c, want)
	}
	// A document no PDF/UA rule ran on: PDF/UA does not apply.
	c = e.conformance([]CheckRow{{Rule: "DOCX-ALT", Outcome: Passed}}, nil)
	if c.WCAG.Verdict != Passed || c.PDFUA.Verdict != NotApplicable || len(c.WCAG.Failed) != 0 {
		t.Errorf("clean document: %+v", c)
	}
	c = e.conformance([]CheckRow{{Rule: "DOCX-ALT", Outcome: NotApplicable}}, nil)
	if c.WCAG.Verdict != NotApplicable {
		t.Errorf("nothing checked: %+v", c)
	}
}

func TestRefsSortAsNumbers(t *testing.T) {
	got := sortedRefs(map[string]bool{"1.4.10": true, "1.4.3": true, "7.18.1": true, "7.2": true, "10": true, "2.4.2": true})
	want := []string{"1.4.3", "1.4.10", "2.4.2", "7.2", "7.18.1", "10"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

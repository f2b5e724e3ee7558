package checker

import (
	"sort"
	"strconv"
	"strings"
)

// Conformance is a document's verdicts against the standards, apart from its score: the
// WCAG 2.2 A/AA evaluation the score is built from and, where the document is judged
// against it, the PDF/UA-1 verdict with its failed clauses (CONTRACT.md, second round).
type Conformance struct {
	WCAG  WCAGVerdict  `json:"wcag"`
	PDFUA PDFUAVerdict `json:"pdfua"`
}

// WCAGVerdict is the WCAG 2.2 evaluation at level AA: fail when a check found an A or AA
// criterion failed, review when only a person can still decide one, pass when the
// automatic checks found no A/AA failure (a person still checks what no machine can),
// not-applicable when no check of a WCAG criterion applied.
type WCAGVerdict struct {
	Level   string   `json:"level"`
	Verdict Outcome  `json:"verdict"`
	Failed  []string `json:"failed"`
	Review  []string `json:"review"`
}

// PDFUAVerdict is the ISO 14289-1 (PDF/UA-1) verdict, with the clauses that failed;
// not-applicable for a document no rule judges against PDF/UA.
type PDFUAVerdict struct {
	Verdict Outcome  `json:"verdict"`
	Failed  []string `json:"failed"`
	Review  []string `json:"review,omitempty"`
}

// wcagLevels are the WCAG 2.2 success criteria at levels A and AA ("A" or "AA"); those
// not listed are AAA (or were removed, like 4.1.1), outside the AA evaluation.
var wcagLevels = map[string]string{
	"1.1.1": "A", "1.2.1": "A", "1.2.2": "A", "1.2.3": "A", "1.2.4": "AA", "1.2.5": "AA",
	"1.3.1": "A", "1.3.2": "A", "1.3.3": "A", "1.3.4": "AA", "1.3.5": "AA",
	"1.4.1": "A", "1.4.2": "A", "1.4.3": "AA", "1.4.4": "AA", "1.4.5": "AA", "1.4.10": "AA",
	"1.4.11": "AA", "1.4.12": "AA", "1.4.13": "AA",
	"2.1.1": "A", "2.1.2": "A", "2.1.4": "A", "2.2.1": "A", "2.2.2": "A", "2.3.1": "A",
	"2.4.1": "A", "2.4.2": "A", "2.4.3": "A", "2.4.4": "A", "2.4.5": "AA", "2.4.6": "AA",
	"2.4.7": "AA", "2.4.11": "AA", "2.5.1": "A", "2.5.2": "A", "2.5.3": "A", "2.5.4": "A",
	"2.5.7": "AA", "2.5.8": "AA",
	"3.1.1": "A", "3.1.2": "AA", "3.2.1": "A", "3.2.2": "A", "3.2.3": "AA", "3.2.4": "AA",
	"3.2.6": "A", "3.3.1": "A", "3.3.2": "A", "3.3.3": "AA", "3.3.4": "AA", "3.3.7": "A",
	"3.3.8": "AA", "4.1.2": "A", "4.1.3": "AA",
}

// aaCriteria are the finding's WCAG criteria at level A or AA.
func aaCriteria(f Finding) []string {
	var out []string
	for _, sc := range f.Standards.WCAG {
		if wcagLevels[sc] != "" {
			out = append(out, sc)
		}
	}
	return out
}

// IsWCAGFailure reports whether a finding fails WCAG 2.2 at level AA: a failure of
// severity warning or error naming an A or AA criterion. A tip is advice, never a
// conformance failure, whatever criterion it cites.
func IsWCAGFailure(f Finding) bool {
	return f.Outcome == Failed && f.Severity >= Warning && len(aaCriteria(f)) > 0
}

// IsPDFUAOnly reports whether a failure breaks PDF/UA alone: it names a PDF/UA clause and
// no WCAG criterion, so a reader meets no barrier and the score does not count it.
func IsPDFUAOnly(f Finding) bool {
	return len(f.Standards.PDFUA) > 0 && len(f.Standards.WCAG) == 0
}

// conformance judges the findings and rows of one document. The PDF/UA verdict applies
// when a rule checking PDF/UA clauses ran on the document: the format decides through
// the rules that apply to it, and the engine names none.
func (e *Engine) conformance(rows []CheckRow, findings []Finding) Conformance {
	c := Conformance{WCAG: WCAGVerdict{Level: "AA"}}
	wcagApplies, pdfuaApplies := false, false
	for _, row := range rows {
		r := e.Rule(row.Rule)
		if r == nil {
			continue
		}
		if len(r.Standards.PDFUA) > 0 {
			pdfuaApplies = true
		}
		if row.Outcome != NotApplicable {
			for _, sc := range r.Standards.WCAG {
				if wcagLevels[sc] != "" {
					wcagApplies = true
				}
			}
		}
	}
	failed, review := map[string]bool{}, map[string]bool{}
	uaFailed, uaReview := map[string]bool{}, map[string]bool{}
	for _, f := range findings {
		switch f.Outcome {
		case Failed:
			if IsWCAGFailure(f) {
				for _, sc := range aaCriteria(f) {
					failed[sc] = true
				}
			}
			for _, cl := range f.Standards.PDFUA {
				uaFailed[cl] = true
			}
		case Review:
			for _, sc := range aaCriteria(f) {
				review[sc] = true
			}
			for _, cl := range f.Standards.PDFUA {
				uaReview[cl] = true
			}
		}
		if len(aaCriteria(f)) > 0 {
			wcagApplies = true
		}
	}
	for sc := range failed {
		delete(review, sc)
	}
	for cl := range uaFailed {
		delete(uaReview, cl)
	}
	c.WCAG.Failed, c.WCAG.Review = sortedRefs(failed), sortedRefs(review)
	c.WCAG.Verdict = verdict(wcagApplies, len(failed), len(review))
	c.PDFUA = PDFUAVerdict{Verdict: NotApplicable, Failed: []string{}}
	if pdfuaApplies {
		c.PDFUA.Failed, c.PDFUA.Review = sortedRefs(uaFailed), sortedRefs(uaReview)
		c.PDFUA.Verdict = verdict(true, len(uaFailed), len(uaReview))
	}
	return c
}

func verdict(applies bool, failed, review int) Outcome {
	switch {
	case failed > 0:
		return Failed
	case review > 0:
		return Review
	case applies:
		return Passed
	}
	return NotApplicable
}

// sortedRefs sorts clause numbers as numbers: 1.4.3 before 1.4.10, 7.2 before 7.18.1.
func sortedRefs(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return refLess(out[i], out[j]) })
	return out
}

func refLess(a, b string) bool {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		na, ea := strconv.Atoi(pa[i])
		nb, eb := strconv.Atoi(pb[i])
		if ea != nil || eb != nil {
			if pa[i] != pb[i] {
				return pa[i] < pb[i]
			}
			continue
		}
		if na != nb {
			return na < nb
		}
	}
	return len(pa) < len(pb)
}

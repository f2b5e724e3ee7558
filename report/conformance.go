package report

import (
	"strings"

	"github.com/lab110bis/focusplus/checker"
)

// VerdictName names a conformance verdict for a reader. "pass" is said as what it is:
// the automatic checks found no failure, which is not a certificate of conformance.
func VerdictName(o checker.Outcome, lang checker.Lang) string {
	t := map[checker.Outcome]checker.Text{
		checker.Failed:        {En: "fails", Fr: "non conforme"},
		checker.Review:        {En: "no failure found, points to review", Fr: "aucun échec trouvé, points à vérifier"},
		checker.Passed:        {En: "no failure found", Fr: "aucun échec trouvé"},
		checker.NotApplicable: {En: "not applicable", Fr: "sans objet"},
	}[o]
	return t.In(lang)
}

// WCAGLine is the WCAG verdict on one line: "WCAG 2.2 AA: fails (1.1.1, 1.3.1); to review: 1.4.3".
func WCAGLine(c checker.Conformance, lang checker.Lang) string {
	tr := func(en, fr string) string { return checker.Text{En: en, Fr: fr}.In(lang) }
	s := "WCAG 2.2 " + c.WCAG.Level + tr(": ", " : ") + VerdictName(c.WCAG.Verdict, lang)
	if len(c.WCAG.Failed) > 0 {
		s += " (" + strings.Join(c.WCAG.Failed, ", ") + ")"
	}
	if len(c.WCAG.Review) > 0 {
		s += tr("; to review: ", " ; à vérifier : ") + strings.Join(c.WCAG.Review, ", ")
	}
	return s
}

// PDFUALine is the PDF/UA-1 verdict on one line, "" when PDF/UA does not apply.
func PDFUALine(c checker.Conformance, lang checker.Lang) string {
	if c.PDFUA.Verdict == checker.NotApplicable || c.PDFUA.Verdict == 0 {
		return ""
	}
	tr := func(en, fr string) string { return checker.Text{En: en, Fr: fr}.In(lang) }
	s := "PDF/UA-1" + tr(": ", " : ") + VerdictName(c.PDFUA.Verdict, lang)
	if len(c.PDFUA.Failed) > 0 {
		s += tr(" (clauses ", " (articles ") + strings.Join(c.PDFUA.Failed, ", ") + ")"
	}
	return s
}

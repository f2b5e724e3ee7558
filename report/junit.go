package report

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	"github.com/lab110bis/focusplus/checker"
)

// JUnit XML, which CI servers (GitLab, Jenkins, Azure, CircleCI) show natively: one
// test suite per document, one test case per rule that ran. A failed rule is a
// <failure> listing its findings; a rule with findings to review passes and lists them
// in <system-out>; a rule with nothing to check is <skipped>. A document that cannot be
// read is a suite with one <error>. Suites are written as documents finish.

func init() { register("junit", newJUnit) }

type junitWriter struct {
	w io.Writer
	m Meta
}

func newJUnit(w io.Writer, m Meta) Writer { return &junitWriter{w: w, m: m} }

type junitSuite struct {
	XMLName    xml.Name        `xml:"testsuite"`
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Properties []junitProperty `xml:"properties>property,omitempty"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

func (j *junitWriter) tr(en, fr string) string { return checker.Text{En: en, Fr: fr}.In(j.m.Lang) }

func (j *junitWriter) Begin() error {
	_, err := io.WriteString(j.w, xml.Header+"<testsuites name=\"focus\">\n")
	return err
}

func (j *junitWriter) Document(r checker.Result) error {
	s := junitSuite{Name: r.Name, Properties: []junitProperty{{"format", string(r.Format)}}}
	if r.Err != nil {
		msg := r.Err.Msg.In(j.m.Lang)
		s.Tests, s.Errors = 1, 1
		s.Cases = []junitCase{{Name: j.tr("read the document", "lire le document"), Classname: r.Name,
			Error: &junitProblem{Message: msg, Type: "unreadable", Text: msg}}}
		return j.write(s)
	}
	s.Properties = append(s.Properties,
		junitProperty{"pages", strconv.Itoa(r.Pages)},
		junitProperty{"score", strconv.Itoa(r.Score.Value)},
		junitProperty{"band", string(r.Score.Band)},
		junitProperty{"wcag", WCAGLine(r.Conformance, j.m.Lang)})
	if ua := PDFUALine(r.Conformance, j.m.Lang); ua != "" {
		s.Properties = append(s.Properties, junitProperty{"pdfua", ua})
	}
	if r.Title != "" {
		s.Properties = append(s.Properties, junitProperty{"title", r.Title})
	}
	byRule := map[string][]checker.Finding{}
	for _, f := range r.Findings {
		byRule[f.Rule] = append(byRule[f.Rule], f)
	}
	t := &textWriter{m: j.m}
	for _, row := range r.Checks {
		c := junitCase{Name: row.Rule, Classname: r.Name}
		if j.m.Engine != nil {
			if rule := j.m.Engine.Rule(row.Rule); rule != nil {
				c.Name += ": " + rule.Title.In(j.m.Lang)
			}
		}
		var fails, reviews []string
		sev := checker.Severity(0)
		for _, f := range byRule[row.Rule] {
			line := "- " + f.Message.In(j.m.Lang) + countNote(f, j.m.Lang)
			if w := t.places(f); w != "" {
				line += " (" + w + ")"
			}
			if f.Outcome == checker.Failed {
				fails = append(fails, line)
				sev = max(sev, f.Severity)
			} else {
				reviews = append(reviews, line)
			}
		}
		s.Tests++
		switch {
		case row.Outcome == checker.Failed:
			s.Failures++
			text := strings.Join(fails, "\n")
			if fix := byRule[row.Rule]; len(fix) > 0 && fix[0].Fix.In(j.m.Lang) != "" {
				text += "\n" + j.tr("Fix: ", "Correction : ") + fix[0].Fix.In(j.m.Lang)
			}
			c.Failure = &junitProblem{Type: sev.String(), Text: text,
				Message: checker.Textf("%d failed, %s", "%d en échec, %s", row.Failed,
					checker.Plural(row.Passed, "%d passed", "%d passed", "%d réussi", "%d réussis")).In(j.m.Lang)}
		case row.Outcome == checker.NotApplicable:
			s.Skipped++
			c.Skipped = &junitSkipped{Message: j.tr("nothing to check in this document", "rien à vérifier dans ce document")}
		}
		if len(reviews) > 0 {
			c.SystemOut = j.tr("Still needs a person:", "À vérifier par une personne :") + "\n" + strings.Join(reviews, "\n")
		}
		s.Cases = append(s.Cases, c)
	}
	return j.write(s)
}

func (j *junitWriter) write(s junitSuite) error {
	b, err := xml.MarshalIndent(s, "  ", "  ")
	if err != nil {
		return err
	}
	_, err = io.WriteString(j.w, string(b)+"\n")
	return err
}

func (j *junitWriter) End(s Summary) error {
	if len(s.Skipped) > 0 {
		suite := junitSuite{Name: j.tr("files not checked", "fichiers non vérifiés")}
		for _, sk := range s.Skipped {
			suite.Tests++
			suite.Skipped++
			suite.Cases = append(suite.Cases, junitCase{Name: sk.Path, Classname: "skipped", Skipped: &junitSkipped{Message: sk.Reason}})
		}
		if err := j.write(suite); err != nil {
			return err
		}
	}
	_, err := io.WriteString(j.w, "</testsuites>\n")
	return err
}

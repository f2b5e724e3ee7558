package pdf

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
)

const shared = "../../../shared"

func engine() *checker.Engine {
	return &checker.Engine{
		Formats: []*checker.FileFormat{checker.LookupFormat(pdfdoc.Name)},
		Rules:   Rules,
		Limits:  checker.DefaultLimits(),
	}
}

// names reports whether a finding names the clause or one of its sub-clauses.
func names(f checker.Finding, clause string) bool {
	for _, c := range f.Standards.PDFUA {
		if c == clause || strings.HasPrefix(c, clause+".") {
			return true
		}
	}
	return false
}

type corpusCase struct{ file, clause, expected, desc string }

func readManifest(t testing.TB, dir string) []corpusCase {
	f, err := os.Open(filepath.Join(dir, "MANIFEST.tsv"))
	if err != nil {
		t.Skipf("PDF/UA corpus not found at %s (../shared is absent): %v", dir, err)
	}
	defer f.Close()
	var cases []corpusCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for first := true; sc.Scan(); first = false {
		if first {
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 3 {
			continue
		}
		c := corpusCase{file: cols[0], clause: cols[1], expected: cols[2]}
		if len(cols) > 7 {
			c.desc = cols[7]
		}
		cases = append(cases, c)
	}
	return cases
}

// TestCorpusAgreement scores the checker on the veraPDF PDF/UA-1 corpus: a fail file must
// give a failure naming its clause (or a sub-clause), a pass file no failure for it.
func TestCorpusAgreement(t *testing.T) {
	dir := filepath.Join(shared, "corpus", "pdfua1")
	cases := readManifest(t, dir)
	e := engine()
	var failOK, failN, passOK, passN int
	var misses []string
	for _, c := range cases {
		data, err := os.ReadFile(filepath.Join(dir, c.file))
		if err != nil {
			t.Fatal(err)
		}
		res := e.Check(context.Background(), c.file, data, false)
		got := false
		var other []string
		for _, f := range res.Findings {
			if f.Outcome == checker.Failed && names(f, c.clause) {
				got = true
				other = append(other, f.Rule+":"+f.Message.En)
			}
		}
		switch c.expected {
		case "fail":
			failN++
			if got {
				failOK++
			} else {
				errMsg := ""
				if res.Err != nil {
					errMsg = " load error: " + res.Err.Msg.En
				}
				misses = append(misses, "missed fail "+c.file+errMsg+" | "+c.desc)
			}
		case "pass":
			passN++
			if !got {
				passOK++
			} else {
				misses = append(misses, "false fail "+c.file+" | "+strings.Join(other, "; ")+" | "+c.desc)
			}
		}
	}
	sort.Strings(misses)
	for _, m := range misses {
		t.Log(m)
	}
	fp := 100 * float64(failOK) / float64(max(failN, 1))
	pp := 100 * float64(passOK) / float64(max(passN, 1))
	t.Logf("corpus agreement: fails %d/%d (%.1f %%), passes %d/%d (%.1f %%)", failOK, failN, fp, passOK, passN, pp)
	if fp < 95 || pp < 95 {
		t.Errorf("corpus agreement below 95 %%: fails %.1f %%, passes %.1f %%", fp, pp)
	}
}

// TestReferenceSuiteClean checks conforming documents of the PDF/UA Reference Suite give
// no PDF/UA failure.
func TestReferenceSuiteClean(t *testing.T) {
	dir := filepath.Join(shared, "corpus", "refsuite")
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if len(files) == 0 {
		t.Skipf("reference suite not found at %s (../shared is absent)", dir)
	}
	e := engine()
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		res := e.Check(context.Background(), filepath.Base(file), data, false)
		if res.Err != nil {
			t.Errorf("%s: %s", filepath.Base(file), res.Err.Msg.En)
		}
		for _, f := range res.Findings {
			if f.Outcome == checker.Failed && len(f.Standards.PDFUA) > 0 {
				t.Errorf("%s: %s %v at %+v: %s", filepath.Base(file), f.Rule, f.Standards.PDFUA, f.Location, f.Message.En)
			}
		}
	}
}

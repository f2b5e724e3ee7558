package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/lab110bis/focusplus/checker"
)

// The Markdown report is short enough for a pull-request comment or a CI job summary:
// one line of totals, a table of the documents (lowest score first, capped at
// MarkdownMaxRows), and the rules that failed most. Only one small row per document is
// kept until the end.

func init() { register("markdown", newMarkdown) }

// MarkdownMaxRows bounds the document table: a comment has a size limit and a reviewer
// reads the worst documents first.
const MarkdownMaxRows = 50

// markdownTopRules is how many rules the "top issues" table shows.
const markdownTopRules = 10

type mdRow struct {
	name                           string
	err                            string
	score                          int
	band                           checker.Band
	capped                         bool
	errors, warnings, tips, review int
	wcag, pdfua                    string
}

type markdownWriter struct {
	w    io.Writer
	m    Meta
	rows []mdRow
	docs map[string]int // documents with at least one failure, per rule
}

func newMarkdown(w io.Writer, m Meta) Writer {
	return &markdownWriter{w: w, m: m, docs: map[string]int{}}
}

func (mw *markdownWriter) tr(en, fr string) string { return checker.Text{En: en, Fr: fr}.In(mw.m.Lang) }

func (mw *markdownWriter) Begin() error { return nil }

func (mw *markdownWriter) Document(r checker.Result) error {
	row := mdRow{name: r.Name}
	if r.Err != nil {
		row.err = r.Err.Msg.In(mw.m.Lang)
		mw.rows = append(mw.rows, row)
		return nil
	}
	row.score, row.band, row.capped = r.Score.Value, r.Score.Band, r.Score.Capped
	row.wcag, row.pdfua = mw.verdict(r.Conformance.WCAG.Verdict, r.Conformance.WCAG.Failed), "—"
	if v := r.Conformance.PDFUA.Verdict; v != checker.NotApplicable && v != 0 {
		row.pdfua = mw.verdict(v, r.Conformance.PDFUA.Failed)
	}
	seen := map[string]bool{}
	for _, f := range r.Findings {
		switch {
		case f.Outcome == checker.Review:
			row.review++
		case f.Outcome == checker.Failed:
			switch f.Severity {
			case checker.Error:
				row.errors++
			case checker.Warning:
				row.warnings++
			default:
				row.tips++
			}
			if !seen[f.Rule] {
				seen[f.Rule] = true
				mw.docs[f.Rule]++
			}
		}
	}
	mw.rows = append(mw.rows, row)
	return nil
}

func (mw *markdownWriter) End(s Summary) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n", mw.tr("Focus+ accessibility report", "Rapport d'accessibilité Focus+"))
	fmt.Fprintf(&b, "%s\n\n", mdText(SummaryLine(s, mw.m.Lang)))
	if t := TrendLine(s, mw.m.Lang); t != "" {
		fmt.Fprintf(&b, "%s\n\n", mdText(t))
	}

	rows := mw.rows
	sort.SliceStable(rows, func(i, j int) bool {
		if (rows[i].err != "") != (rows[j].err != "") {
			return rows[i].err != ""
		}
		return rows[i].score < rows[j].score
	})
	if len(rows) > 0 {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n|---|---:|---|---|---:|---:|---:|---:|\n",
			mw.tr("Document", "Document"), mw.tr("Score", "Score"), "WCAG 2.2 AA", "PDF/UA-1", mw.tr("Errors", "Erreurs"),
			mw.tr("Warnings", "Avertissements"), mw.tr("Tips", "Conseils"), mw.tr("To review", "À vérifier"))
		for i, r := range rows {
			if i == MarkdownMaxRows {
				fmt.Fprintf(&b, "\n%s\n", checker.Textf("… and %s (see the full report).", "… et %s (voir le rapport complet).",
					checker.Plural(len(rows)-i, "%d more document", "%d more documents", "%d autre document", "%d autres documents")).In(mw.m.Lang))
				break
			}
			if r.err != "" {
				fmt.Fprintf(&b, "| %s | %s | | | | | | |\n", mdCode(r.name), mdText(mw.tr("cannot be read: ", "illisible : ")+r.err))
				continue
			}
			score := fmt.Sprintf("%s %d (%s)", bandMark(r.band), r.score, bandName(r.band, mw.m.Lang))
			if r.capped {
				score += mw.tr(", capped", ", plafonné")
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %d | %d | %d | %d |\n", mdCode(r.name), score, r.wcag, r.pdfua, r.errors, r.warnings, r.tips, r.review)
		}
		b.WriteString("\n")
	}

	type top struct {
		id       string
		failures int
		sev      checker.Severity
	}
	var tops []top
	for id, n := range s.ByRule {
		t := top{id: id, failures: n}
		if mw.m.Engine != nil {
			if r := mw.m.Engine.Rule(id); r != nil {
				t.sev = r.Severity
				if v, ok := mw.m.Engine.Severity[id]; ok {
					t.sev = v
				}
			}
		}
		tops = append(tops, t)
	}
	sort.Slice(tops, func(i, j int) bool {
		if tops[i].sev != tops[j].sev {
			return tops[i].sev > tops[j].sev
		}
		if mw.docs[tops[i].id] != mw.docs[tops[j].id] {
			return mw.docs[tops[i].id] > mw.docs[tops[j].id]
		}
		return tops[i].id < tops[j].id
	})
	if len(tops) > 0 {
		fmt.Fprintf(&b, "### %s\n\n| %s | %s | %s | %s |\n|---|---|---:|---|\n", mw.tr("Top issues", "Problèmes principaux"),
			mw.tr("Rule", "Règle"), mw.tr("Severity", "Gravité"), mw.tr("Documents", "Documents"), mw.tr("How to fix it", "Comment corriger"))
		for i, t := range tops {
			if i == markdownTopRules {
				break
			}
			title, fix := "", ""
			if mw.m.Engine != nil {
				if r := mw.m.Engine.Rule(t.id); r != nil {
					title, fix = " — "+mdText(r.Title.In(mw.m.Lang)), mdText(r.Fix.In(mw.m.Lang))
				}
			}
			fmt.Fprintf(&b, "| `%s`%s | %s | %d | %s |\n", t.id, title, severityName(t.sev, mw.m.Lang), mw.docs[t.id], fix)
		}
		b.WriteString("\n")
	}
	if n := sumValues(s.ReviewRule); n > 0 {
		fmt.Fprintf(&b, "%s\n", checker.Textf("Still needs a person to decide (outcome `review`): %s.",
			"À vérifier par une personne (résultat `review`) : %s.", checker.Plural(n, "%d finding", "%d findings", "%d point", "%d points")).In(mw.m.Lang))
	}
	_, err := io.WriteString(mw.w, b.String())
	return err
}

// verdict is a short conformance verdict for a table cell: "fails: 1.1.1, 1.3.1".
func (mw *markdownWriter) verdict(v checker.Outcome, failed []string) string {
	s := mdText(VerdictName(v, mw.m.Lang))
	if len(failed) > 0 {
		s += mw.tr(": ", " : ") + strings.Join(failed, ", ")
	}
	return s
}

func sumValues(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// bandMark is a symbol beside the band's name, so the band is never told by colour only.
func bandMark(b checker.Band) string {
	switch b {
	case checker.BandLow:
		return "🔴"
	case checker.BandMedium:
		return "🟠"
	case checker.BandHigh:
		return "🟢"
	}
	return "✅"
}

func severityName(s checker.Severity, lang checker.Lang) string {
	return map[checker.Severity]checker.Text{
		checker.Error: {En: "error", Fr: "erreur"}, checker.Warning: {En: "warning", Fr: "avertissement"}, checker.Tip: {En: "tip", Fr: "conseil"},
	}[s].In(lang)
}

// mdText escapes text from documents and rules for a Markdown table cell: every
// character Markdown or HTML gives a meaning is neutralised, and lines are joined.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '+', '!', '|', '~':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		default:
			if r < 0x20 {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdCode shows a path as code. Inside a code span nothing is interpreted but the
// backtick and, in a table, the pipe; a name with backticks is shown as escaped text.
func mdCode(s string) string {
	if strings.ContainsAny(s, "`\n\r") {
		return mdText(s)
	}
	return "`" + strings.ReplaceAll(s, "|", `\|`) + "`"
}

package report

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/lab110bis/focusplus/checker"
)

func init() { register("text", newText) }

// textWriter prints a report for a person at a terminal: one block per document, findings
// grouped by severity with the fix under each, then what still needs a person.
type textWriter struct {
	w io.Writer
	m Meta
}

func newText(w io.Writer, m Meta) Writer { return &textWriter{w: w, m: m} }

// ANSI styles, used only when Meta.Color is set (a terminal, and NO_COLOR unset).
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiBlue   = "\x1b[34m"
	ansiGreen  = "\x1b[32m"
	ansiDim    = "\x1b[2m"
)

func (t *textWriter) style(code, s string) string {
	if !t.m.Color {
		return s
	}
	return code + s + ansiReset
}

func (t *textWriter) tr(en, fr string) string { return checker.Text{En: en, Fr: fr}.In(t.m.Lang) }

func (t *textWriter) Begin() error { return nil }

func (t *textWriter) Document(r checker.Result) error {
	var b strings.Builder
	b.WriteString(t.style(ansiBold, terminalSafe(r.Name)))
	if r.Err != nil {
		fmt.Fprintf(&b, "\n  %s %s\n", t.style(ansiRed, t.tr("cannot be read:", "illisible :")), terminalSafe(r.Err.Msg.In(t.m.Lang)))
		for _, f := range r.Findings { // a blocking failure stated by the loader
			fmt.Fprintf(&b, "    %s %s  %s\n      %s %s\n", t.style(ansiRed, "✗"), t.style(ansiBold, f.Rule),
				standardsLine(f.Standards), t.style(ansiGreen, t.tr("Fix:", "Correction :")), f.Fix.In(t.m.Lang))
		}
		b.WriteString("\n")
		_, err := io.WriteString(t.w, b.String())
		return err
	}
	pages := checker.Plural(r.Pages, "%d page", "%d pages", "%d page", "%d pages").In(t.m.Lang)
	fmt.Fprintf(&b, "  (%s, %s)  %s %s\n", r.Format, pages,
		t.style(ansiBold, fmt.Sprintf("%s %d/100", t.tr("score", "score"), r.Score.Value)), bandName(r.Score.Band, t.m.Lang))
	if r.Score.Capped {
		fmt.Fprintf(&b, "  %s\n", t.tr("capped at 33: a blocking problem leaves some readers with nothing usable",
			"plafonné à 33 : un problème bloquant laisse certains lecteurs sans rien d'utilisable"))
	}
	fmt.Fprintf(&b, "  %s\n", terminalSafe(WCAGLine(r.Conformance, t.m.Lang)))
	if ua := PDFUALine(r.Conformance, t.m.Lang); ua != "" {
		fmt.Fprintf(&b, "  %s\n", ua)
	}
	groups := []struct {
		outcome  checker.Outcome
		severity checker.Severity
		title    string
		mark     string
		color    string
	}{
		{checker.Failed, checker.Error, t.tr("Errors", "Erreurs"), "✗", ansiRed},
		{checker.Failed, checker.Warning, t.tr("Warnings", "Avertissements"), "!", ansiYellow},
		{checker.Failed, checker.Tip, t.tr("Tips", "Conseils"), "·", ansiCyan},
		{checker.Review, 0, t.tr("Still needs a person", "À vérifier par une personne"), "?", ansiBlue},
	}
	for _, g := range groups {
		var fs []checker.Finding
		for _, f := range r.Findings {
			if f.Outcome == g.outcome && (g.severity == 0 || f.Severity == g.severity) {
				fs = append(fs, f)
			}
		}
		if len(fs) == 0 {
			continue
		}
		fmt.Fprintf(&b, "  %s (%d)\n", t.style(g.color+ansiBold, g.title), len(fs))
		lastFix := ""
		for _, f := range fs {
			fmt.Fprintf(&b, "    %s %s  %s%s\n", t.style(g.color, g.mark), t.style(ansiBold, f.Rule), terminalSafe(f.Message.In(t.m.Lang)), countNote(f, t.m.Lang))
			if where := terminalSafe(t.places(f)); where != "" || !f.Standards.IsZero() {
				fmt.Fprintf(&b, "      %s\n", t.style(ansiDim, strings.Trim(where+" · "+standardsLine(f.Standards), " ·")))
			}
			// Say the fix once per run of findings of the same rule.
			if fix := f.Fix.In(t.m.Lang); fix != "" && fix != lastFix {
				fmt.Fprintf(&b, "      %s %s\n", t.style(ansiGreen, t.tr("Fix:", "Correction :")), fix)
				lastFix = fix
			}
		}
	}
	passed, na := 0, 0
	for _, c := range r.Checks {
		switch c.Outcome {
		case checker.Passed:
			passed++
		case checker.NotApplicable:
			na++
		}
	}
	fmt.Fprintf(&b, "  %s\n\n", t.style(ansiDim, fmt.Sprintf(t.tr("rules passed: %d · not applicable: %d", "règles respectées : %d · non applicables : %d"), passed, na)))
	_, err := io.WriteString(t.w, b.String())
	return err
}

func (t *textWriter) where(l checker.Location) string {
	var parts []string
	if l.Page > 0 {
		parts = append(parts, fmt.Sprintf("%s %d", t.tr("page", "page"), l.Page))
	}
	if l.Frame > 0 {
		parts = append(parts, fmt.Sprintf("%s %d", t.tr("frame", "image"), l.Frame))
	}
	if l.Part != "" {
		parts = append(parts, l.Part)
	}
	if l.Path != "" {
		parts = append(parts, l.Path)
	}
	if l.Object != "" {
		parts = append(parts, t.tr("object ", "objet ")+l.Object)
	}
	return strings.Join(parts, " · ")
}

// places says where the instances of a finding are: the pages when they are on several
// pages, else the first instance's place.
func (t *textWriter) places(f checker.Finding) string {
	if pages := PageList(f); strings.Contains(pages, ",") || strings.Contains(pages, "–") {
		return t.tr("pages ", "pages ") + pages
	}
	return t.where(f.Location)
}

// PageList lists the pages of a finding's instances, runs shortened: "2–4, 7".
func PageList(f checker.Finding) string {
	seen := map[int]bool{}
	var pages []int
	for _, l := range f.Places() {
		if l.Page > 0 && !seen[l.Page] {
			seen[l.Page] = true
			pages = append(pages, l.Page)
		}
	}
	sort.Ints(pages)
	var parts []string
	for i := 0; i < len(pages); {
		j := i
		for j+1 < len(pages) && pages[j+1] == pages[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d–%d", pages[i], pages[j]))
		} else {
			parts = append(parts, strconv.Itoa(pages[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// countNote is " — 12 times" for a finding that stands for twelve instances, "" for one.
func countNote(f checker.Finding, lang checker.Lang) string {
	n := f.Instances()
	if n <= 1 {
		return ""
	}
	return fmt.Sprintf(checker.Text{En: " — %d times", Fr: " — %d fois"}.In(lang), n)
}

// standardsLine formats references as people cite them: "WCAG 1.1.1 · RGAA 1.1".
func standardsLine(s checker.Standards) string {
	var parts []string
	add := func(name string, refs []string) {
		if len(refs) > 0 {
			parts = append(parts, name+" "+strings.Join(refs, ", "))
		}
	}
	add("WCAG", s.WCAG)
	add("EN 301 549", s.EN301549)
	add("RGAA", s.RGAA)
	add("PDF/UA", s.PDFUA)
	add("Matterhorn", s.Matterhorn)
	return strings.Join(parts, " · ")
}

func (t *textWriter) End(s Summary) error {
	var b strings.Builder
	if len(s.Skipped) > 0 {
		fmt.Fprintf(&b, "%s (%d)\n", t.tr("Skipped", "Ignorés"), len(s.Skipped))
		for _, sk := range s.Skipped {
			fmt.Fprintf(&b, "  %s: %s\n", terminalSafe(sk.Path), terminalSafe(sk.Reason))
		}
		b.WriteString("\n")
	}
	fmt.Fprintln(&b, SummaryLine(s, t.m.Lang))
	_, err := io.WriteString(t.w, b.String())
	return err
}

// SummaryLine is the one-line batch summary printed at the end of every run.
func SummaryLine(s Summary, lang checker.Lang) string {
	// French adjectives agree with the count (0 and 1 singular); English ones do not change.
	adj := func(n int, en, frOne, frOther string) checker.Text { return checker.Plural(n, en, en, frOne, frOther) }
	return checker.Textf("%s, %s, %s · scores: %s, %s, %s, %s", "%s, %s, %s · scores : %s, %s, %s, %s",
		checker.Plural(s.Documents, "%d document checked", "%d documents checked", "%d document vérifié", "%d documents vérifiés"),
		adj(s.Unreadable, "%d unreadable", "%d illisible", "%d illisibles"),
		adj(len(s.Skipped), "%d skipped", "%d ignoré", "%d ignorés"),
		adj(s.ByBand[checker.BandLow], "%d low", "%d faible", "%d faibles"),
		adj(s.ByBand[checker.BandMedium], "%d medium", "%d moyen", "%d moyens"),
		adj(s.ByBand[checker.BandHigh], "%d high", "%d élevé", "%d élevés"),
		adj(s.ByBand[checker.BandPerfect], "%d perfect", "%d parfait", "%d parfaits")).In(lang)
}

func bandName(b checker.Band, lang checker.Lang) string {
	names := map[checker.Band]checker.Text{
		checker.BandLow:     {En: "low", Fr: "faible"},
		checker.BandMedium:  {En: "medium", Fr: "moyen"},
		checker.BandHigh:    {En: "high", Fr: "élevé"},
		checker.BandPerfect: {En: "perfect", Fr: "parfait"},
	}
	return names[b].In(lang)
}

// terminalSafe replaces control characters in text that comes from documents (file
// names, titles, alternate texts): an escape sequence in a file name must not drive the
// terminal that shows the report.
func terminalSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return '?'
		}
		return r
	}, s)
}

package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/lab110bis/focusplus/checker"
)

// RuleJSON is a rule's metadata as `focus rules --format json` and GET /api/v1/rules give
// it: every text in both languages, so one call serves a bilingual interface.
type RuleJSON struct {
	ID        string             `json:"id"`
	Title     checker.Text       `json:"title"`
	Why       checker.Text       `json:"why"`
	Fix       checker.Text       `json:"fix"`
	Affects   []checker.Audience `json:"affects"`
	Severity  checker.Severity   `json:"severity"`
	Blocking  bool               `json:"blocking"`
	Formats   []string           `json:"formats"`
	Standards checker.Standards  `json:"standards"`
}

// RulesJSON converts rules, with the engine's severity overrides applied.
func RulesJSON(rules []*checker.Rule) []RuleJSON {
	out := make([]RuleJSON, 0, len(rules))
	for _, r := range rules {
		out = append(out, RuleJSON{
			ID: r.ID, Title: r.Title, Why: r.Why, Fix: r.Fix, Affects: r.Affects,
			Severity: r.Severity, Blocking: r.Blocking, Formats: checker.FormatsOffering(r.Kinds), Standards: r.Standards,
		})
	}
	return out
}

// WriteRules lists rules in "text", "json" or "markdown".
func WriteRules(w io.Writer, rules []*checker.Rule, format string, lang checker.Lang) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(RulesJSON(rules))
	case "markdown":
		_, err := io.WriteString(w, RulesTable(rules, lang))
		return err
	case "text", "":
		var b strings.Builder
		for _, r := range rules {
			fmt.Fprintf(&b, "%-28s %-8s %-12s %s\n", r.ID, r.Severity, joinKinds(r.Kinds), r.Title.In(lang))
		}
		_, err := io.WriteString(w, b.String())
		return err
	}
	return fmt.Errorf("unknown format %q (use text, json or markdown)", format)
}

// RulesTable is the Markdown table of rules that `focus rules --format markdown` prints and
// the README's rule tables are generated from: ID, severity, title, then one column per
// standard that at least one of the rules cites (WCAG 2.2, EN 301 549, RGAA 4.1, PDF/UA-1).
func RulesTable(rules []*checker.Rule, lang checker.Lang) string {
	tr := func(en, fr string) string { return checker.Text{En: en, Fr: fr}.In(lang) }
	type column struct {
		head string
		refs func(checker.Standards) []string
	}
	all := []column{
		{"WCAG 2.2", func(s checker.Standards) []string { return s.WCAG }},
		{"EN 301 549", func(s checker.Standards) []string { return s.EN301549 }},
		{"RGAA 4.1", func(s checker.Standards) []string { return s.RGAA }},
		{"PDF/UA-1", func(s checker.Standards) []string { return s.PDFUA }},
	}
	var cols []column
	for _, c := range all {
		for _, r := range rules {
			if len(c.refs(r.Standards)) > 0 {
				cols = append(cols, c)
				break
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "| %s | %s | %s |", tr("Rule", "Règle"), tr("Severity", "Gravité"), tr("What it checks", "Ce qui est vérifié"))
	for _, c := range cols {
		fmt.Fprintf(&b, " %s |", c.head)
	}
	b.WriteString("\n|---|---|---|" + strings.Repeat("---|", len(cols)) + "\n")
	for _, r := range rules {
		sev := severityText(r.Severity).In(lang)
		if r.Blocking {
			sev += tr(", blocking", ", bloquant")
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |", r.ID, sev, mdEscape(r.Title.In(lang)))
		for _, c := range cols {
			refs := c.refs(r.Standards)
			cell := "—"
			if len(refs) > 0 {
				cell = mdEscape(strings.Join(refs, ", "))
			}
			fmt.Fprintf(&b, " %s |", cell)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func severityText(s checker.Severity) checker.Text {
	return map[checker.Severity]checker.Text{
		checker.Error: {En: "error", Fr: "erreur"}, checker.Warning: {En: "warning", Fr: "avertissement"}, checker.Tip: {En: "tip", Fr: "conseil"},
	}[s]
}

// Explain writes why a rule matters, who it affects and how to fix it.
func Explain(w io.Writer, r *checker.Rule, lang checker.Lang) error {
	tr := func(en, fr string) string { return checker.Text{En: en, Fr: fr}.In(lang) }
	var who []string
	for _, a := range r.Affects {
		who = append(who, a.Describe().In(lang))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s — %s\n\n", r.ID, r.Title.In(lang))
	fmt.Fprintf(&b, "%s\n  %s\n\n", tr("Why it matters", "Pourquoi c'est important"), r.Why.In(lang))
	fmt.Fprintf(&b, "%s\n  %s\n\n", tr("Who it affects", "Qui est concerné"), strings.Join(who, ", "))
	fmt.Fprintf(&b, "%s\n  %s\n\n", tr("How to fix it", "Comment corriger"), r.Fix.In(lang))
	sev := severityText(r.Severity).In(lang)
	if r.Blocking {
		sev += tr(" (blocking: caps the score at 33)", " (bloquant : plafonne le score à 33)")
	}
	fmt.Fprintf(&b, "%s: %s\n%s: %s\n%s: %s\n", tr("Severity", "Gravité"), sev,
		tr("Formats", "Formats"), joinKinds(r.Kinds), tr("References", "Références"), standardsLine(r.Standards))
	_, err := io.WriteString(w, b.String())
	return err
}

// joinKinds names the formats a rule applies to.
func joinKinds(ks []checker.Kind) string {
	return strings.Join(checker.FormatsOffering(ks), ",")
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

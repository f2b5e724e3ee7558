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
	Formats   []checker.Kind     `json:"formats"`
	Standards checker.Standards  `json:"standards"`
}

// RulesJSON converts rules, with the engine's severity overrides applied.
func RulesJSON(rules []*checker.Rule) []RuleJSON {
	out := make([]RuleJSON, 0, len(rules))
	for _, r := range rules {
		out = append(out, RuleJSON{
			ID: r.ID, Title: r.Title, Why: r.Why, Fix: r.Fix, Affects: r.Affects,
			Severity: r.Severity, Blocking: r.Blocking, Formats: r.Kinds, Standards: r.Standards,
		})
	}
	return out
}

// WriteRules lists rules in "text", "json" or "markdown".
func WriteRules(w io.Writer, rules []*checker.Rule, format string, lang checker.Lang) error {
	tr := func(en, fr string) string { return checker.Text{En: en, Fr: fr}.In(lang) }
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(RulesJSON(rules))
	case "markdown":
		var b strings.Builder
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n|---|---|---|---|---|\n",
			tr("Rule", "Règle"), tr("Title", "Intitulé"), tr("Severity", "Gravité"), tr("Formats", "Formats"), tr("References", "Références"))
		for _, r := range rules {
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", r.ID, mdEscape(r.Title.In(lang)), r.Severity,
				joinKinds(r.Kinds), mdEscape(standardsLine(r.Standards)))
		}
		_, err := io.WriteString(w, b.String())
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
	sev := map[checker.Severity]checker.Text{
		checker.Error: {En: "error", Fr: "erreur"}, checker.Warning: {En: "warning", Fr: "avertissement"}, checker.Tip: {En: "tip", Fr: "conseil"},
	}[r.Severity].In(lang)
	if r.Blocking {
		sev += tr(" (blocking: caps the score at 33)", " (bloquant : plafonne le score à 33)")
	}
	fmt.Fprintf(&b, "%s: %s\n%s: %s\n%s: %s\n", tr("Severity", "Gravité"), sev,
		tr("Formats", "Formats"), joinKinds(r.Kinds), tr("References", "Références"), standardsLine(r.Standards))
	_, err := io.WriteString(w, b.String())
	return err
}

func joinKinds(ks []checker.Kind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ",")
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

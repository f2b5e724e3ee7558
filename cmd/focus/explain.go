package main

import (
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/report"
)

// NewCmdExplain builds `focus explain RULE-ID` and `focus explain score`.
func NewCmdExplain(ios *IOStreams, engine *checker.Engine) *cobra.Command {
	var langFlag string
	cmd := &cobra.Command{
		Use:   "explain RULE-ID|score",
		Short: "Explain why a rule matters, who it affects and how to fix it (or how the score works)",
		Example: `  focus explain IMG-FLASH
  focus explain score --lang fr`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			lang, err := resolveLang(langFlag, ios)
			if err != nil {
				return usageErrorf("--lang: %v", err)
			}
			id := strings.ToUpper(args[0])
			if id == "SCORE" {
				_, err := io.WriteString(ios.Out, checker.ScoreFormula.In(lang)+"\n")
				return err
			}
			r := engine.Rule(id)
			if r == nil {
				var near []string
				for _, x := range engine.Rules {
					if strings.Contains(x.ID, id) || strings.Contains(id, x.ID) {
						near = append(near, x.ID)
					}
				}
				hint := "run `focus rules` for the list"
				if len(near) > 0 {
					hint = "did you mean " + strings.Join(near, ", ") + "?"
				}
				return usageErrorf("no rule %q: %s", args[0], hint)
			}
			return report.Explain(ios.Out, r, lang)
		},
	}
	cmd.Flags().StringVar(&langFlag, "lang", "", "language: fr or en (default: from LC_ALL/LANG)")
	return cmd
}

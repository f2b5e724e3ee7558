package main

import (
	"github.com/spf13/cobra"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/report"
)

// RulesOptions are the flags of `focus rules`.
type RulesOptions struct {
	IO     *IOStreams
	Engine *checker.Engine
	Format string
	Lang   string
}

// NewCmdRules builds `focus rules`.
func NewCmdRules(ios *IOStreams, engine *checker.Engine) *cobra.Command {
	opts := &RulesOptions{IO: ios, Engine: engine}
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List every rule with its metadata",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			lang, err := resolveLang(opts.Lang, opts.IO)
			if err != nil {
				return usageErrorf("--lang: %v", err)
			}
			switch opts.Format {
			case "text", "json", "markdown":
			default:
				return usageErrorf("--format: %q is not text, json or markdown", opts.Format)
			}
			return report.WriteRules(opts.IO.Out, opts.Engine.Rules, opts.Format, lang)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "text, json or markdown")
	cmd.Flags().StringVar(&opts.Lang, "lang", "", "language: fr or en (default: from LC_ALL/LANG)")
	return cmd
}

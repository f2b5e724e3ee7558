package main

import (
	"context"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/report"
)

func init() { extraCommands = append(extraCommands, NewCmdRead) }

// NewCmdRead builds `focus read FILE`: the reading view, what a screen reader announces.
func NewCmdRead(ios *IOStreams, engine *checker.Engine) *cobra.Command {
	var langFlag string
	cmd := &cobra.Command{
		Use:   "read FILE",
		Short: "Show a document as a screen reader would announce it, in order",
		Long: `Print the reading view of a document: headings with their levels, paragraphs,
lists, tables with their headers, images as their alternative text (or
"[image without description]") and links, in the order a screen reader follows.
For a PDF without tags the order is guessed, and the view says so.`,
		Example: "  focus read report.pdf\n  focus read --lang fr circulaire.docx",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			lang, err := resolveLang(langFlag, ios)
			if err != nil {
				return usageErrorf("--lang: %v", err)
			}
			var data []byte
			if args[0] == "-" {
				data, err = io.ReadAll(io.LimitReader(ios.In, engine.Limits.MaxBytes+1))
			} else {
				data, err = os.ReadFile(args[0])
			}
			if err != nil {
				return &exitError{code: exitUnreadable, err: err}
			}
			doc, lerr := engine.Load(context.Background(), args[0], data)
			if lerr != nil {
				return &exitError{code: exitUnreadable, err: lerr}
			}
			viewer, ok := doc.Content.(checker.ReadingViewer)
			if !ok {
				return &exitError{code: exitUnreadable, err: lerrorf(lang, "no reading view for %s documents yet", "pas encore de vue lecteur d'écran pour les documents %s", doc.Format)}
			}
			return report.WriteReadingView(ios.Out, args[0], viewer.ReadingView(), lang)
		},
	}
	cmd.Flags().StringVar(&langFlag, "lang", "", "language: fr or en (default: from LC_ALL/LANG)")
	return cmd
}

func lerrorf(lang checker.Lang, en, fr string, args ...any) error {
	return textError(checker.Textf(en, fr, args...).In(lang))
}

type textError string

func (e textError) Error() string { return string(e) }

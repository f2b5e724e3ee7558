// Command focus checks the accessibility of PDF, DOCX, ODT and image documents.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/office"
	"github.com/lab110bis/focusplus/rules"
)

// Exit codes of CONTRACT.md.
const (
	exitOK         = 0
	exitThreshold  = 1
	exitUsage      = 2
	exitUnreadable = 3
)

// IOStreams are the program's standard streams, replaced by buffers in tests.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// IsTerminal reports whether a stream is an interactive terminal (colours, progress).
	IsTerminal func(w any) bool
	Getenv     func(string) string
}

// SystemIO returns the real streams.
func SystemIO() *IOStreams {
	return &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, IsTerminal: isTerminal, Getenv: os.Getenv}
}

// isTerminal reports a character device, which is what a terminal is to us; no extra
// dependency is worth it for this.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// exitError carries an exit code up to main.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}

func usageErrorf(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// NewRootCmd builds the whole command tree around one engine.
func NewRootCmd(ios *IOStreams, engine *checker.Engine) *cobra.Command {
	root := &cobra.Command{
		Use:   "focus",
		Short: "Check the accessibility of PDF, DOCX, ODT and image documents",
		Long: `Focus+ checks documents against WCAG 2.2, EN 301 549, RGAA 4.1 and PDF/UA-1,
gives each a score from 0 to 100 with guidance a non-expert can follow, and shows
pages as colour-blind readers see them.

Focus+ vérifie l'accessibilité des documents PDF, DOCX, ODT et images (WCAG 2.2,
EN 301 549, RGAA 4.1, PDF/UA-1), donne un score de 0 à 100 et explique comment corriger.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	// --soffice names LibreOffice's program for every command (or "off"); without it,
	// FOCUS_SOFFICE, then soffice on the PATH.
	soffice := root.PersistentFlags().String("soffice", "", "LibreOffice's soffice `PATH` for DOCX/ODT page views, or \"off\" (default: $FOCUS_SOFFICE, else soffice on the PATH)")
	root.PersistentPreRun = func(cmd *cobra.Command, args []string) {
		if *soffice != "" {
			office.SetDefault(office.Find(*soffice))
		}
	}
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &exitError{code: exitUsage, err: err}
	})
	root.AddCommand(
		NewCmdCheck(ios, engine, nil),
		NewCmdRules(ios, engine),
		NewCmdExplain(ios, engine),
		NewCmdVersion(ios),
	)
	for _, add := range extraCommands {
		root.AddCommand(add(ios, engine))
	}
	return root
}

// extraCommands are added by files for commands built in their own file (simulate,
// serve), so each command stays one file.
var extraCommands []func(*IOStreams, *checker.Engine) *cobra.Command

// run executes the command line and returns the process exit code.
func run(args []string, ios *IOStreams) int {
	root := NewRootCmd(ios, rules.NewEngine())
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(ios.ErrOut, "focus:", ee.err)
		}
		return ee.code
	}
	// Cobra's own errors (unknown command, missing argument) are usage errors.
	fmt.Fprintln(ios.ErrOut, "focus:", err)
	return exitUsage
}

func main() {
	os.Exit(run(os.Args[1:], SystemIO()))
}

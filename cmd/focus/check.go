package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/config"
	"github.com/lab110bis/focusplus/report"
)

// CheckOptions are the flags and arguments of `focus check`.
type CheckOptions struct {
	IO     *IOStreams
	Engine *checker.Engine

	Paths    []string
	Format   string
	Output   string
	Lang     string
	Jobs     int
	MinScore int
	FailOn   string
	Timeout  time.Duration
	// PageTimeout is the time a long document earns per page (checker.Limits.PageTimeout).
	PageTimeout time.Duration
	// Config is the configuration file given with --config; when empty, .focus.yaml is
	// looked for in Dir (the current directory when Dir is empty).
	Config string
	Dir    string
	// Changed records the flags given on the command line: they override the file.
	Changed map[string]bool

	// Audits of many documents (CONTRACT.md, second round).
	FilesFrom       string
	Shard           string
	shard           Shard
	DownloadTimeout time.Duration
	MaxRedirects    int
	Resume          string
	Baseline        string
	crawl           *crawlRun // set by focus crawl
}

// NewCmdCheck builds `focus check`; runF replaces the behaviour in tests of flag parsing.
func NewCmdCheck(ios *IOStreams, engine *checker.Engine, runF func(*CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{IO: ios, Engine: engine}
	cmd := &cobra.Command{
		Use:   "check [flags] PATH...",
		Short: "Check documents and folders (\"-\" reads one document from stdin)",
		Long: `Check the accessibility of documents. Folders are walked recursively; hidden files
are skipped and files that are not PDF, DOCX or images are listed as skipped.
"-" reads one document from standard input. The format is recognised from the
content, not from the file name.

Settings are read from .focus.yaml in the current directory, or from the file given
with --config (see "focus init"); flags given on the command line win over the file.

A PATH may also be an http(s) address: the document is downloaded under the limits
of an upload (size, --download-timeout, --max-redirects, never file:); --files-from
reads paths and addresses from a file. Audits of many documents: --shard K/N checks
one stable share (join the reports with "focus merge"), --resume REPORT.jsonl goes on
where a stopped run left off, --baseline REPORT.json marks findings new, unchanged or
fixed (with --fail-on new, only new failures fail). See also "focus crawl".

Un chemin peut aussi être une adresse http(s) ; --files-from lit une liste ;
--shard, --resume et --baseline servent aux audits de sites entiers.

Exit codes: 0 all documents read and thresholds met; 1 a threshold failed
(--min-score, --fail-on); 2 usage error; 3 a document could not be read.`,
		Example: `  focus check report.pdf
  focus check --format json -o report.json documents/
  focus check --format sarif -o focus.sarif --min-score 80 documents/
  focus check --config ci/focus.yaml --format junit -o junit.xml documents/
  focus check --min-score 80 --fail-on warning site/downloads/
  cat poster.png | focus check -
  focus check https://www.example.gouv.fr/rapport-annuel.pdf
  focus check --files-from urls.txt --shard 2/4 --format jsonl -o shard-2.jsonl
  focus check --resume audit.jsonl archive/
  focus check --baseline main.json --fail-on new --format sarif -o focus.sarif docs/`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && !cmd.Flags().Changed("files-from") {
				return fmt.Errorf("requires at least 1 PATH or URL, or --files-from")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			opts.Changed = map[string]bool{}
			cmd.Flags().Visit(func(f *pflag.Flag) { opts.Changed[f.Name] = true })
			if !opts.Changed["min-score"] {
				opts.MinScore = -1
			}
			if runF != nil {
				return runF(opts)
			}
			return checkRun(cmd.Context(), opts)
		},
	}
	addCheckFlags(cmd.Flags(), opts)
	return cmd
}

// addCheckFlags binds the flags of check, which crawl has too.
func addCheckFlags(f *pflag.FlagSet, opts *CheckOptions) {
	f.StringVar(&opts.Format, "format", "text", "report format: "+report.FormatList())
	f.StringVarP(&opts.Output, "output", "o", "", "write the report to `FILE` instead of standard output")
	f.StringVar(&opts.Lang, "lang", "", "language of messages: fr or en (default: from LC_ALL/LANG, else en)")
	f.IntVarP(&opts.Jobs, "jobs", "j", 0, "documents checked in parallel (default: number of CPUs)")
	f.IntVar(&opts.MinScore, "min-score", 0, "exit 1 when any document scores below `N` (0-100)")
	f.StringVar(&opts.FailOn, "fail-on", "error", "exit 1 when a failure of this severity or worse exists: error, warning, tip or never; new (with --baseline): only for failures the baseline did not have")
	f.DurationVar(&opts.Timeout, "timeout", checker.DefaultLimits().DocumentTimeout, "deadline for checking one document")
	f.DurationVar(&opts.PageTimeout, "page-timeout", checker.DefaultLimits().PageTimeout, "time a long document earns per page beyond --timeout, up to ten times --timeout (0: --timeout whatever the length)")
	f.StringVar(&opts.Config, "config", "", "read settings from `FILE` (default: "+config.FileName+" in the current directory, if any); flags override it")
	addAuditFlags(f, opts)
}

func checkRun(ctx context.Context, opts *CheckOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	engine := *opts.Engine
	cfg, err := applyConfig(opts, &engine)
	if err != nil {
		return err
	}
	lang, err := resolveLang(opts.Lang, opts.IO)
	if err != nil {
		return usageErrorf("--lang: %v", err)
	}
	failOn := checker.Severity(0)
	failNew := opts.FailOn == "new"
	if failNew && opts.Baseline == "" {
		return usageErrorf("--fail-on new needs --baseline REPORT.json: new is measured against it")
	}
	if opts.FailOn != "never" && !failNew {
		if failOn, err = checker.ParseSeverity(opts.FailOn); err != nil {
			return usageErrorf("--fail-on: %q is not error, warning, tip or never", opts.FailOn)
		}
	}
	if opts.MinScore > 100 {
		return usageErrorf("--min-score must be between 0 and 100")
	}
	if opts.Jobs < 0 {
		return usageErrorf("--jobs must be positive")
	}
	if opts.Timeout <= 0 {
		return usageErrorf("--timeout must be positive")
	}
	if opts.PageTimeout < 0 {
		return usageErrorf("--page-timeout must not be negative")
	}

	if err := checkAuditFlags(opts); err != nil {
		return err
	}
	var inputs []checker.Input
	var skipped []checker.Skipped
	if opts.crawl == nil {
		if inputs, skipped, err = gatherInputs(ctx, opts, newFetcherFor(opts, &engine)); err != nil {
			return usageErrorf("%v", err)
		}
	}
	if cfg != nil && len(cfg.Ignore) > 0 {
		inputs, skipped = ignorePaths(cfg, inputs, skipped)
	}

	out := opts.IO.Out
	var file *os.File
	var resume *resumeLog
	if opts.Resume != "" {
		if resume, err = openResume(opts.Resume); err != nil {
			return usageErrorf("--resume: %v", err)
		}
		defer resume.close()
		out = &resume.out
	} else if opts.Output != "" && opts.Output != "-" {
		if file, err = os.Create(opts.Output); err != nil {
			return usageErrorf("cannot write the report: %v", err)
		}
		out = file
	}
	color := opts.Output == "" && opts.IO.IsTerminal(opts.IO.Out) && opts.IO.Getenv("NO_COLOR") == ""
	w, err := report.New(opts.Format, out, report.Meta{Lang: lang, Engine: &engine, Color: color})
	if err != nil {
		if file != nil {
			file.Close()
			os.Remove(opts.Output)
		}
		if !opts.Changed["format"] && cfg != nil && cfg.Format != nil {
			return usageErrorf("configuration: %s: format: %v", cfg.Path, err)
		}
		return usageErrorf("--format: %v", err)
	}

	engine.Limits.DocumentTimeout = opts.Timeout
	engine.Limits.PageTimeout = opts.PageTimeout
	summary := report.Summary{Skipped: skipped}
	var baseline *report.Baseline
	if opts.Baseline != "" {
		data, err := os.ReadFile(opts.Baseline)
		if err == nil {
			baseline, err = report.LoadBaseline(data)
		}
		if err != nil {
			return usageErrorf("--baseline: %v", err)
		}
		summary.Baseline = true
	}
	thresholdFailed := false
	var progress *progressBar
	if len(inputs) > 1 && opts.IO.IsTerminal(opts.IO.ErrOut) {
		progress = newProgressBar(opts.IO.ErrOut, len(inputs), lang)
	}
	var writeErr error
	if err := w.Begin(); err != nil {
		writeErr = err
	}
	batch := checker.BatchOptions{Jobs: opts.Jobs, Progress: progress.update}
	if resume != nil {
		batch.Skip = resume.skip
	}
	emit := func(r checker.Result) {
		if r.Kept {
			prev := resume.previous(r.Name)
			summary.AddJSON(prev)
			if opts.MinScore >= 0 && prev.Score != nil && *prev.Score < opts.MinScore {
				thresholdFailed = true
			}
			for _, f := range prev.Findings {
				if failOn != 0 && f.Outcome == checker.Failed && f.Severity >= failOn {
					thresholdFailed = true
				}
			}
			if writeErr == nil {
				writeErr = resume.wrote(r, 0)
			}
			return
		}
		baseline.Mark(&r)
		summary.Add(r)
		if r.Err == nil {
			if opts.MinScore >= 0 && r.Score.Value < opts.MinScore {
				thresholdFailed = true
			}
			for _, f := range r.Findings {
				if failNew && f.Outcome == checker.Failed && f.Baseline == report.BaselineNew {
					thresholdFailed = true
				}
				if failOn != 0 && f.Outcome == checker.Failed && f.Severity >= failOn {
					thresholdFailed = true
				}
			}
		}
		if writeErr == nil {
			progress.clear()
			var before int64
			if resume != nil {
				before = resume.offset()
			}
			writeErr = w.Document(r)
			if resume != nil && writeErr == nil {
				writeErr = resume.wrote(r, before)
			}
		}
	}
	if opts.crawl != nil {
		summary.Skipped = opts.crawl.run(ctx, opts, &engine, lang, batch, emit)
	} else {
		engine.Run(ctx, inputs, batch, emit)
	}
	progress.clear()
	if resume != nil && writeErr == nil && ctx.Err() == nil {
		writeErr = resume.finish()
		fmt.Fprintln(opts.IO.ErrOut, checker.Textf("--resume: %s since the report, %s",
			"--resume : %s depuis le rapport, %s",
			checker.Plural(len(resume.kept), "%d document unchanged", "%d documents unchanged", "%d document inchangé", "%d documents inchangés"),
			checker.Plural(summary.Documents-len(resume.kept), "%d checked", "%d checked", "%d vérifié", "%d vérifiés")).In(lang))
	}
	if writeErr == nil {
		writeErr = w.End(summary)
	}
	if file != nil {
		if err := file.Close(); err != nil && writeErr == nil {
			writeErr = err
		}
	}
	if writeErr != nil {
		return &exitError{code: exitUsage, err: fmt.Errorf("writing the report: %w", writeErr)}
	}
	// The text report ends with the summary line; other formats get it on stderr so a
	// person watching a CI log still sees the outcome.
	if opts.Format != "text" || opts.Output != "" {
		fmt.Fprintln(opts.IO.ErrOut, report.SummaryLine(summary, lang))
	}
	switch {
	case thresholdFailed:
		return &exitError{code: exitThreshold}
	case summary.Unreadable > 0:
		return &exitError{code: exitUnreadable}
	}
	return nil
}

// applyConfig reads the configuration file, if any, into opts and the engine. A setting
// given as a flag wins over the file.
func applyConfig(opts *CheckOptions, engine *checker.Engine) (*config.Config, error) {
	file := opts.Config
	if file == "" {
		dir := opts.Dir
		if dir == "" {
			dir = "."
		}
		if file = config.Find(dir); file == "" {
			return nil, nil
		}
	}
	cfg, err := config.Load(file, engine.Rules)
	if err != nil {
		return nil, usageErrorf("configuration: %v", err)
	}
	cfg.Apply(engine)
	set := func(flag string) bool { return !opts.Changed[flag] }
	if cfg.Format != nil && set("format") {
		opts.Format = *cfg.Format
	}
	if cfg.Lang != nil && set("lang") {
		opts.Lang = *cfg.Lang
	}
	if cfg.Jobs != nil && set("jobs") {
		opts.Jobs = *cfg.Jobs
	}
	if cfg.MinScore != nil && set("min-score") {
		opts.MinScore = *cfg.MinScore
	}
	if cfg.FailOn != nil && set("fail-on") {
		opts.FailOn = *cfg.FailOn
	}
	return cfg, nil
}

// ignorePaths drops the inputs and skipped files the configuration ignores. Patterns
// are relative to the folder of the configuration file, as in .gitignore; a path outside
// that folder is matched as given.
func ignorePaths(cfg *config.Config, inputs []checker.Input, skipped []checker.Skipped) ([]checker.Input, []checker.Skipped) {
	base, _ := filepath.Abs(filepath.Dir(cfg.Path))
	rel := func(p string) string {
		abs, err := filepath.Abs(p)
		if err != nil {
			return p
		}
		r, err := filepath.Rel(base, abs)
		if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			return p
		}
		return r
	}
	keptIn := inputs[:0]
	for _, in := range inputs {
		if in.Name == "-" {
			keptIn = append(keptIn, in)
			continue
		}
		if _, ignored := cfg.Ignored(rel(in.Name)); !ignored {
			keptIn = append(keptIn, in)
		}
	}
	keptSk := skipped[:0]
	for _, sk := range skipped {
		if _, ignored := cfg.Ignored(rel(sk.Path)); !ignored {
			keptSk = append(keptSk, sk)
		}
	}
	return keptIn, keptSk
}

// collectInputs expands the command-line paths; "-" is standard input.
func collectInputs(paths []string, ios *IOStreams) ([]checker.Input, []checker.Skipped, error) {
	var inputs []checker.Input
	var skipped []checker.Skipped
	stdinUsed := false
	for _, p := range paths {
		if p == "-" {
			if stdinUsed {
				return nil, nil, fmt.Errorf(`"-" (standard input) can be given only once`)
			}
			stdinUsed = true
			inputs = append(inputs, checker.Input{Name: "-", Open: func() (io.ReadCloser, error) {
				return io.NopCloser(ios.In), nil
			}})
			continue
		}
		in, sk, err := checker.Collect([]string{p})
		if err != nil {
			return nil, nil, err
		}
		inputs = append(inputs, in...)
		skipped = append(skipped, sk...)
	}
	return inputs, skipped, nil
}

// resolveLang applies --lang, else LC_ALL/LC_MESSAGES/LANG.
func resolveLang(flag string, ios *IOStreams) (checker.Lang, error) {
	if flag != "" {
		return checker.ParseLang(flag)
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := ios.Getenv(k); v != "" {
			if l, err := checker.ParseLang(v); err == nil {
				return l, nil
			}
			return checker.English, nil
		}
	}
	return checker.English, nil
}

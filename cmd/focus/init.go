package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/config"
)

func init() {
	extraCommands = append(extraCommands, func(ios *IOStreams, engine *checker.Engine) *cobra.Command {
		return NewCmdInit(ios, engine, nil)
	})
}

// InitOptions are the flags of `focus init`.
type InitOptions struct {
	IO     *IOStreams
	Engine *checker.Engine
	Output string
	Force  bool
}

// NewCmdInit builds `focus init`, which writes a commented starter .focus.yaml.
func NewCmdInit(ios *IOStreams, engine *checker.Engine, runF func(*InitOptions) error) *cobra.Command {
	opts := &InitOptions{IO: ios, Engine: engine}
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write a commented starter " + config.FileName + " in the current directory",
		Long: `Write a starter configuration file for "focus check": every setting is present,
commented out, with what it does. An existing file is never overwritten unless
--force is given.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return initRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", config.FileName, "write the file to `FILE`")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "overwrite an existing file")
	return cmd
}

func initRun(opts *InitOptions) error {
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if opts.Force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(opts.Output, flags, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return usageErrorf("%s already exists; use --force to overwrite it", opts.Output)
	}
	if err != nil {
		return usageErrorf("cannot write %s: %v", opts.Output, err)
	}
	_, err = f.WriteString(config.Starter(opts.Engine.Rules))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return usageErrorf("writing %s: %v", opts.Output, err)
	}
	fmt.Fprintf(opts.IO.ErrOut, "wrote %s: uncomment the settings you need; \"focus check\" reads it from this folder\n", opts.Output)
	return nil
}

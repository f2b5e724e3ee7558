package main

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/lab110bis/focusplus/report"
)

// NewCmdVersion builds `focus version`.
func NewCmdVersion(ios *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of Focus+",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintf(ios.Out, "focus %s (%s, %s/%s)\n", report.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return err
		},
	}
}

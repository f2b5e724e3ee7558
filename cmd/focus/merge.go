package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/report"
)

func init() { extraCommands = append(extraCommands, NewCmdMerge) }

// NewCmdMerge builds `focus merge`: the reports of shards joined into one.
func NewCmdMerge(ios *IOStreams, _ *checker.Engine) *cobra.Command {
	var format, output string
	cmd := &cobra.Command{
		Use:   "merge [--format json|jsonl|sarif] REPORT...",
		Short: "Join the reports of shards (--shard K/N) into the report of one run",
		Long: `Join the reports that "focus check --shard K/N" wrote on several machines or
processes into one report, identical to the one a single run over every document
would have written: documents in path order, summaries added up. JSON and JSONL
reports mix (and convert into each other); SARIF reports join into SARIF.

Réunit les rapports des parts (--shard K/N) en un seul, identique à celui d'une
seule exécution sur tous les documents.`,
		Example: `  focus merge -o report.json shard-*.json
  focus merge --format jsonl part1.jsonl part2.jsonl part3.jsonl > all.jsonl
  focus merge --format sarif -o focus.sarif shard-*.sarif`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			reports := map[string][]byte{}
			for _, name := range args {
				data, err := os.ReadFile(name)
				if err != nil {
					return usageErrorf("%v", err)
				}
				reports[name] = data
			}
			if format == "" {
				// -o report.json asks for JSON whatever the shards wrote.
				if ext := strings.TrimPrefix(filepath.Ext(output), "."); slices.Contains(report.MergeFormats, ext) {
					format = ext
				}
			}
			var buf bytes.Buffer // a half-written report is worse than none
			if err := report.Merge(&buf, format, reports, args); err != nil {
				return usageErrorf("merge: %v", err)
			}
			if output == "" || output == "-" {
				_, err := ios.Out.Write(buf.Bytes())
				return err
			}
			if err := os.WriteFile(output, buf.Bytes(), 0o644); err != nil {
				return usageErrorf("cannot write the report: %v", err)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "format of the merged report: "+strings.Join(report.MergeFormats, "|")+" (default: from the extension of --output, else that of the reports)")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write the report to `FILE` instead of standard output")
	return cmd
}

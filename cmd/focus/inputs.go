package main

import (
	"bufio"
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/report"
	"github.com/lab110bis/focusplus/site"
)

// Shard is one of N stable subsets of a batch (--shard K/N, K from 1 to N).
type Shard struct{ K, N int }

// parseShard reads "K/N".
func parseShard(s string) (Shard, error) {
	k, n, ok := strings.Cut(s, "/")
	ki, err1 := strconv.Atoi(strings.TrimSpace(k))
	ni, err2 := strconv.Atoi(strings.TrimSpace(n))
	if !ok || err1 != nil || err2 != nil || ni < 1 || ki < 1 || ki > ni {
		return Shard{}, fmt.Errorf("%q is not K/N with 1 ≤ K ≤ N (for example 2/8)", s)
	}
	return Shard{K: ki, N: ni}, nil
}

// Holds reports whether a document belongs to this shard. The hash is FNV-1a of the
// path or URL as reported (with "/" separators), so every machine given the same list
// and the same N splits it the same way, without talking to the others.
func (s Shard) Holds(name string) bool {
	if s.N <= 1 {
		return true
	}
	h := fnv.New64a()
	io.WriteString(h, filepath.ToSlash(name))
	return h.Sum64()%uint64(s.N) == uint64(s.K-1)
}

// gatherInputs expands the arguments and the --files-from list into the inputs of a
// batch in report order, keeping only this shard's. Web addresses become downloads.
func gatherInputs(ctx context.Context, opts *CheckOptions, fetch func() *site.Fetcher) ([]checker.Input, []checker.Skipped, error) {
	paths := append([]string(nil), opts.Paths...)
	if opts.FilesFrom != "" {
		list, err := readList(opts.FilesFrom, opts.IO)
		if err != nil {
			return nil, nil, err
		}
		paths = append(paths, list...)
	}
	if len(paths) == 0 {
		return nil, nil, fmt.Errorf("nothing to check: give a PATH, a URL or --files-from")
	}
	var local []string
	var inputs []checker.Input
	seen := map[string]bool{}
	for _, p := range paths {
		if !site.IsURL(p) {
			local = append(local, p)
			continue
		}
		u, err := url.Parse(p)
		if err != nil {
			return nil, nil, fmt.Errorf("%q is not a valid address: %v", p, err)
		}
		if err := site.CheckScheme(u); err != nil {
			return nil, nil, err
		}
		if !seen[p] {
			seen[p] = true
			inputs = append(inputs, fetch().Input(ctx, p))
		}
	}
	in, skipped, err := collectInputs(local, opts.IO)
	if err != nil {
		return nil, nil, err
	}
	inputs = append(inputs, in...)
	checker.SortInputs(inputs)
	checker.SortSkipped(skipped)
	if opts.shard.N > 1 {
		keep := inputs[:0]
		for _, in := range inputs {
			if opts.shard.Holds(in.Name) {
				keep = append(keep, in)
			}
		}
		inputs = keep
		keepSk := skipped[:0]
		for _, sk := range skipped {
			if opts.shard.Holds(sk.Path) {
				keepSk = append(keepSk, sk)
			}
		}
		skipped = keepSk
	}
	return inputs, skipped, nil
}

// readList reads paths or URLs one a line; empty lines and lines starting with # are
// left out. "-" is standard input.
func readList(name string, ios *IOStreams) ([]string, error) {
	var r io.Reader
	if name == "-" {
		r = ios.In
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("--files-from: %v", err)
		}
		defer f.Close()
		r = f
	}
	var list []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		list = append(list, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("--files-from: %v", err)
	}
	return list, nil
}

// addAuditFlags adds the flags of audits of many documents, shared by check and crawl.
func addAuditFlags(f *pflag.FlagSet, opts *CheckOptions) {
	f.StringVar(&opts.FilesFrom, "files-from", "", "check the paths or URLs listed in `FILE`, one a line (\"-\" for standard input)")
	f.StringVar(&opts.Shard, "shard", "", "check only the K-th of N stable subsets (`K/N`, by a hash of the path or URL); join the reports with \"focus merge\"")
	f.DurationVar(&opts.DownloadTimeout, "download-timeout", 2*time.Minute, "deadline for downloading one document or page, redirects included")
	f.IntVar(&opts.MaxRedirects, "max-redirects", 5, "redirects followed for one download (only to http and https)")
	f.StringVar(&opts.Baseline, "baseline", "", "compare with the earlier report `REPORT.json` (JSON or JSONL): mark each finding new or unchanged and list those fixed; see --fail-on new")
	f.StringVar(&opts.Resume, "resume", "", "skip the documents already in `REPORT.jsonl` with the same content (sha256) and append the others to it; implies --format jsonl")
}

// checkAuditFlags validates them.
func checkAuditFlags(opts *CheckOptions) error {
	if opts.Shard != "" {
		sh, err := parseShard(opts.Shard)
		if err != nil {
			return usageErrorf("--shard: %v", err)
		}
		opts.shard = sh
	}
	if opts.FilesFrom == "-" && slices.Contains(opts.Paths, "-") {
		return usageErrorf(`"--files-from -" and "-" both read standard input`)
	}
	if opts.Resume != "" {
		if opts.Changed["format"] && opts.Format != "jsonl" {
			return usageErrorf("--resume appends to a JSON Lines report: use --format jsonl (or leave --format out)")
		}
		opts.Format = "jsonl"
		if opts.Output != "" && opts.Output != opts.Resume {
			return usageErrorf("--resume writes to its own report; leave -o out")
		}
		if opts.Resume == "-" {
			return usageErrorf("--resume needs a file")
		}
	}
	if opts.DownloadTimeout <= 0 {
		return usageErrorf("--download-timeout must be positive")
	}
	if opts.MaxRedirects < 0 {
		return usageErrorf("--max-redirects must be 0 or more")
	}
	return nil
}

// newFetcherFor makes the fetcher of a run on first use: downloads share the limits of
// uploads (the engine's MaxBytes) and name the program.
func newFetcherFor(opts *CheckOptions, engine *checker.Engine) func() *site.Fetcher {
	var f *site.Fetcher
	return func() *site.Fetcher {
		if f == nil {
			o := site.DefaultOptions(report.Version)
			if engine.Limits.MaxBytes > 0 {
				o.MaxBytes = engine.Limits.MaxBytes
			}
			o.Timeout = opts.DownloadTimeout
			o.MaxRedirects = opts.MaxRedirects
			f = site.NewFetcher(o)
		}
		return f
	}
}

package main

import (
	"context"
	"fmt"
	"net/url"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/report"
	"github.com/lab110bis/focusplus/site"
)

func init() { extraCommands = append(extraCommands, NewCmdCrawl) }

// crawlRun is what focus crawl adds to a check.
type crawlRun struct {
	Start        string
	Depth        int
	SameHost     bool
	Rate         float64
	MaxPages     int
	MaxDocuments int
}

// NewCmdCrawl builds `focus crawl`: find the documents a website publishes and check them.
func NewCmdCrawl(ios *IOStreams, engine *checker.Engine) *cobra.Command {
	opts := &CheckOptions{IO: ios, Engine: engine}
	cr := &crawlRun{}
	cmd := &cobra.Command{
		Use:   "crawl [flags] URL",
		Short: "Find the documents a website publishes (PDF, DOCX, ODT) and check them",
		Long: `Visit a website from URL, breadth first, and check every PDF, DOCX and ODT document
its pages link to (a, area, link, iframe, embed, object) or its sitemaps list
(/sitemap.xml and the Sitemap lines of robots.txt), as they are found. robots.txt is
obeyed (the groups for "focus", else "*"; Crawl-delay too), requests to one host are
spaced by --rate, and --max-pages and --max-documents bound the whole crawl. Each
document's report entry names the page that links to it (source.linked_from): the page
a request for a fix should name. Whatever was not fetched (robots.txt, another host,
a refused redirect, limits) is listed with the reason, in the report and on stderr.

Explore un site à partir d'URL et vérifie chaque document PDF, DOCX et ODT trouvé
dans ses pages et ses plans de site, en respectant robots.txt et un rythme par hôte.
Ce qui n'a pas été téléchargé est listé avec la raison.

Every flag of "focus check" applies (--format, --resume, --shard, --fail-on …).`,
		Example: `  focus crawl --same-host https://www.example.gouv.fr/
  focus crawl --depth 3 --format html -o audit.html https://www.example.gouv.fr/publications/
  focus crawl --same-host --resume audit.jsonl --rate 1 https://www.example.gouv.fr/`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cr.Start = args[0]
			opts.Paths = nil
			opts.crawl = cr
			opts.Changed = map[string]bool{}
			cmd.Flags().Visit(func(f *pflag.Flag) { opts.Changed[f.Name] = true })
			if !opts.Changed["min-score"] {
				opts.MinScore = -1
			}
			if cr.Depth < 0 || cr.Rate <= 0 || cr.MaxPages < 1 || cr.MaxDocuments < 1 {
				return usageErrorf("--depth must be 0 or more; --rate, --max-pages and --max-documents positive")
			}
			if opts.FilesFrom != "" {
				return usageErrorf("--files-from is for focus check; focus crawl starts from one URL")
			}
			u, err := url.Parse(cr.Start)
			if err == nil {
				err = site.CheckScheme(u)
			}
			if err != nil {
				return usageErrorf("%v", err)
			}
			return checkRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	addCheckFlags(f, opts)
	f.MarkHidden("files-from") // a crawl starts from one URL
	f.IntVar(&cr.Depth, "depth", 2, "links followed from the start page (0: the start page and the sitemaps only)")
	f.BoolVar(&cr.SameHost, "same-host", false, "stay on the start page's host: pages, documents and redirects elsewhere are refused")
	f.Float64Var(&cr.Rate, "rate", 2, "requests per second to one host (robots.txt Crawl-delay may slow it further)")
	f.IntVar(&cr.MaxPages, "max-pages", 1000, "HTML pages fetched at most")
	f.IntVar(&cr.MaxDocuments, "max-documents", 10000, "documents checked at most")
	return cmd
}

// run crawls and checks; it returns what was not fetched, for the report's summary.
func (cr *crawlRun) run(ctx context.Context, opts *CheckOptions, engine *checker.Engine, lang checker.Lang, batch checker.BatchOptions, emit func(checker.Result)) []checker.Skipped {
	o := site.DefaultOptions(report.Version)
	if engine.Limits.MaxBytes > 0 {
		o.MaxBytes = engine.Limits.MaxBytes
	}
	o.Timeout = opts.DownloadTimeout
	o.MaxRedirects = opts.MaxRedirects
	o.PerHost = time.Duration(float64(time.Second) / cr.Rate)
	start, _ := url.Parse(cr.Start)
	if cr.SameHost {
		o.Redirect = site.SameHostRedirect(start)
	}
	fetcher := site.NewFetcher(o)

	var mu sync.Mutex
	var refused []checker.Skipped
	errOut := opts.IO.ErrOut
	onTerminal := opts.IO.IsTerminal(errOut)
	status := func(e site.Event) string {
		return checker.Textf("crawl: %s, %s found", "exploration : %s, %s",
			checker.Plural(e.Pages, "%d page", "%d pages", "%d page", "%d pages"),
			checker.Plural(e.Documents, "%d document", "%d documents", "%d document trouvé", "%d documents trouvés")).In(lang)
	}
	crawler := site.NewCrawler(fetcher, site.CrawlOptions{
		Depth: cr.Depth, SameHost: cr.SameHost, MaxPages: cr.MaxPages, MaxDocuments: cr.MaxDocuments,
		Event: func(e site.Event) {
			mu.Lock()
			defer mu.Unlock()
			switch e.Kind {
			case site.Refused:
				if opts.shard.N > 1 && !opts.shard.Holds(e.URL) {
					return // another shard reports it
				}
				why := e.Reason.In(lang)
				refused = append(refused, checker.Skipped{Path: e.URL, Reason: why})
				if onTerminal {
					fmt.Fprint(errOut, "\r\x1b[K")
				}
				if e.From != "" {
					fmt.Fprintln(errOut, checker.Textf("skipped %s (linked from %s): %s", "ignoré %s (lien depuis %s) : %s", e.URL, e.From, why).In(lang))
				} else {
					fmt.Fprintln(errOut, checker.Textf("skipped %s: %s", "ignoré %s : %s", e.URL, why).In(lang))
				}
			case site.PageFetched:
				if onTerminal {
					fmt.Fprint(errOut, "\r"+status(e)+"\x1b[K")
				} else {
					fmt.Fprintln(errOut, status(e)+" · "+e.URL)
				}
			}
		},
	})
	docs := crawler.Documents(ctx, cr.Start)
	if opts.shard.N > 1 {
		all := docs
		docs = func(yield func(checker.Input) bool) {
			for in := range all {
				if opts.shard.Holds(in.Name) && !yield(in) {
					return
				}
			}
		}
	}
	engine.Stream(ctx, docs, batch, emit)
	if onTerminal {
		fmt.Fprint(errOut, "\r\x1b[K")
	}
	mu.Lock()
	defer mu.Unlock()
	checker.SortSkipped(refused)
	return refused
}

package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/web"
)

func init() {
	extraCommands = append(extraCommands, func(ios *IOStreams, engine *checker.Engine) *cobra.Command {
		return NewCmdServe(ios, engine, nil)
	})
}

// ServeOptions are the flags of `focus serve`.
type ServeOptions struct {
	IO     *IOStreams
	Engine *checker.Engine

	Addr        string
	MaxUploadMB int64
	MaxFiles    int
	Concurrency int
	Queue       int
	QueueWait   time.Duration
	MetricsAddr string
	Timeout     time.Duration
	CacheTTL    time.Duration
	CacheMB     int64
	Quiet       bool
}

// NewCmdServe builds `focus serve`; runF replaces the behaviour in tests of flag parsing.
func NewCmdServe(ios *IOStreams, engine *checker.Engine, runF func(*ServeOptions) error) *cobra.Command {
	opts := &ServeOptions{IO: ios, Engine: engine}
	cmd := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8080]",
		Short: "Start the web application and the JSON API",
		Long: `Start the Focus+ web application and its JSON API (see /api/v1/openapi.json).

Uploads are checked in memory and never written to disk or logged; results and page
previews are kept in memory for --cache-ttl, then forgotten. The server listens on the
loopback interface unless --addr says otherwise; put it behind a TLS reverse proxy to
open it to a network.`,
		Example: `  focus serve
  focus serve --addr 127.0.0.1:9000 --max-upload-mb 20 --concurrency 2`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return serveRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Addr, "addr", "127.0.0.1:8080", "`host:port` to listen on")
	f.Int64Var(&opts.MaxUploadMB, "max-upload-mb", web.DefaultMaxUploadBytes>>20, "largest request body in MiB (all files together); larger ones get 413")
	f.IntVar(&opts.MaxFiles, "max-files", web.DefaultMaxFiles, "most documents in one request")
	f.IntVar(&opts.Concurrency, "concurrency", web.DefaultConcurrency(), "requests checking documents at once; more wait in the queue")
	f.IntVar(&opts.Queue, "queue", web.DefaultMaxWaiting, "requests that may wait for a check slot; more get 503 with Retry-After")
	f.DurationVar(&opts.QueueWait, "queue-wait", web.DefaultMaxWait, "longest wait for a check slot before 503 with Retry-After")
	f.StringVar(&opts.MetricsAddr, "metrics-addr", "", "serve /metrics on this `host:port` instead of the main address, or \"off\"")
	f.DurationVar(&opts.Timeout, "timeout", web.DefaultDocTimeout, "deadline for checking one document")
	f.DurationVar(&opts.CacheTTL, "cache-ttl", web.DefaultCacheTTL, "how long results and previews stay viewable")
	f.Int64Var(&opts.CacheMB, "cache-mb", web.DefaultCacheBytes>>20, "memory for results and previews, in MiB")
	f.BoolVar(&opts.Quiet, "quiet", false, "do not log requests")
	return cmd
}

func serveRun(ctx context.Context, opts *ServeOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	switch {
	case opts.MaxUploadMB <= 0:
		return usageErrorf("--max-upload-mb must be positive")
	case opts.MaxFiles <= 0:
		return usageErrorf("--max-files must be positive")
	case opts.Concurrency <= 0:
		return usageErrorf("--concurrency must be positive")
	case opts.Queue < 0 || opts.QueueWait < 0:
		return usageErrorf("--queue and --queue-wait cannot be negative")
	case opts.Timeout <= 0:
		return usageErrorf("--timeout must be positive")
	case opts.CacheTTL <= 0 || opts.CacheMB <= 0:
		return usageErrorf("--cache-ttl and --cache-mb must be positive")
	}
	level := slog.LevelInfo
	if opts.Quiet {
		level = slog.LevelWarn
	}
	logger := slog.New(slog.NewTextHandler(opts.IO.ErrOut, &slog.HandlerOptions{Level: level}))
	srv, err := web.New(opts.Engine, web.Config{
		MaxUploadBytes:  opts.MaxUploadMB << 20,
		MaxFiles:        opts.MaxFiles,
		MaxConcurrent:   opts.Concurrency,
		MaxWaiting:      opts.Queue,
		MaxWait:         opts.QueueWait,
		NoMetrics:       opts.MetricsAddr != "",
		DocumentTimeout: opts.Timeout,
		CacheTTL:        opts.CacheTTL,
		CacheBytes:      opts.CacheMB << 20,
		Logger:          logger,
	})
	if err != nil {
		return err
	}
	wireServer(srv)
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return usageErrorf("--addr: %v", err)
	}
	if host, _, err := net.SplitHostPort(ln.Addr().String()); err == nil {
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			fmt.Fprintf(opts.IO.ErrOut, "focus: warning: listening on %s, reachable from the network; uploads are confidential, use TLS in front\n", ln.Addr())
		}
	}
	fmt.Fprintf(opts.IO.ErrOut, "Focus+ is listening on http://%s/\n", ln.Addr())
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	if a := opts.MetricsAddr; a != "" && a != "off" {
		mln, err := net.Listen("tcp", a)
		if err != nil {
			return usageErrorf("--metrics-addr: %v", err)
		}
		fmt.Fprintf(opts.IO.ErrOut, "Metrics on http://%s/metrics\n", mln.Addr())
		go srv.ServeMetrics(ctx, mln)
	}
	return srv.Serve(ctx, ln)
}

// wireServer plugs the optional parts (colour-vision simulation, PDF page rendering)
// into the server as their packages become available.
func wireServer(srv *web.Server) {}

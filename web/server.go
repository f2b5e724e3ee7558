// Package web is the Focus+ web application and JSON API: `focus serve`.
//
// It follows the standard library stack: net/http with method-and-path route patterns,
// html/template parsed once from embedded files and rendered into a buffer before a byte
// is written, one file per handler, and one small Server struct holding the dependencies.
//
// Uploads are untrusted and confidential. They are read into memory only (never written
// to disk), never logged, and what the result pages need afterwards (the findings, small
// page previews, the reading view) lives only in a bounded in-memory cache with a short
// expiry, under a random key.
package web

import (
	"context"
	"crypto/rand"
	"errors"
	"image"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/pdfrender"
)

// Config holds the server's limits. The zero value of a field means its default.
type Config struct {
	// MaxUploadBytes bounds one request body (all files together). Larger requests get
	// 413 before their body is read.
	MaxUploadBytes int64
	// MaxFiles bounds the documents in one request.
	MaxFiles int
	// MaxConcurrent bounds the requests checking documents at the same time; the next
	// ones wait in a queue of at most MaxWaiting requests, each at most MaxWait, and
	// only a full queue or a wait past MaxWait gets 503 with Retry-After.
	MaxConcurrent int
	MaxWaiting    int
	MaxWait       time.Duration
	// DocumentTimeout is the deadline for checking one document.
	DocumentTimeout time.Duration
	// CacheBytes and CacheEntries bound the result cache (findings and page previews);
	// CacheTTL is how long a result stays viewable after the upload.
	CacheBytes   int64
	CacheEntries int
	CacheTTL     time.Duration
	// PreviewPages is how many pages of a document get a preview.
	PreviewPages int
	// HeaderTimeout and BodyTimeout bound how long a client may take to send its headers
	// and its whole request: a slow client is cut off, never holding a check slot (the
	// body is read before a slot is taken).
	HeaderTimeout, BodyTimeout time.Duration
	// NoMetrics leaves GET /metrics out of the main handler (it can then be served on
	// another listener with ServeMetrics, or not at all).
	NoMetrics bool
	// Logger receives one line per request (method, route, status, duration): never a
	// file name or any content.
	Logger *slog.Logger
}

// Defaults for the flags of `focus serve`.
const (
	DefaultMaxUploadBytes = 50 << 20
	DefaultMaxFiles       = 20
	DefaultCacheBytes     = 256 << 20
	DefaultCacheEntries   = 200
	DefaultCacheTTL       = 15 * time.Minute
	DefaultPreviewPages   = 20
	DefaultDocTimeout     = 30 * time.Second
	DefaultMaxWaiting     = 64
	DefaultMaxWait        = 30 * time.Second
)

// DefaultConcurrency is one check per CPU: checking is CPU-bound.
func DefaultConcurrency() int { return max(runtime.NumCPU(), 1) }

func (c Config) withDefaults() Config {
	if c.MaxUploadBytes <= 0 {
		c.MaxUploadBytes = DefaultMaxUploadBytes
	}
	if c.MaxFiles <= 0 {
		c.MaxFiles = DefaultMaxFiles
	}
	if c.MaxConcurrent <= 0 {
		c.MaxConcurrent = DefaultConcurrency()
	}
	if c.MaxWaiting <= 0 {
		c.MaxWaiting = DefaultMaxWaiting
	}
	if c.MaxWait <= 0 {
		c.MaxWait = DefaultMaxWait
	}
	if c.DocumentTimeout <= 0 {
		c.DocumentTimeout = DefaultDocTimeout
	}
	if c.CacheBytes <= 0 {
		c.CacheBytes = DefaultCacheBytes
	}
	if c.CacheEntries <= 0 {
		c.CacheEntries = DefaultCacheEntries
	}
	if c.CacheTTL <= 0 {
		c.CacheTTL = DefaultCacheTTL
	}
	if c.PreviewPages <= 0 {
		c.PreviewPages = DefaultPreviewPages
	}
	if c.HeaderTimeout <= 0 {
		c.HeaderTimeout = 10 * time.Second
	}
	if c.BodyTimeout <= 0 {
		c.BodyTimeout = 2 * time.Minute
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// Simulator renders how a reader with a colour-vision deficiency sees an image.
// deficiency is protan, deutan, tritan, achromatopsia or blue-cone; severity 0..1; model
// auto, machado, vienot or brettel.
type Simulator func(img image.Image, deficiency string, severity float64, model string) (image.Image, error)

// PageRenderer draws pages of a document for previews and simulation, each at most
// about maxSide pixels on its longer side. scale is image pixels per unit of finding
// boxes (page points, image pixels), to place the boxes.
type PageRenderer func(ctx context.Context, doc *checker.Document, pages []int, maxSide int) (imgs []image.Image, scale []float64, err error)

// Server is the web application: its dependencies and limits.
type Server struct {
	engine  *checker.Engine
	cfg     Config
	log     *slog.Logger
	cache   *resultCache
	metrics *metrics
	pages   *pageSet
	mux     *http.ServeMux

	// checks holds one token per running check request; waiting counts the requests
	// queued for one.
	checks  chan struct{}
	waiting atomic.Int32
	freeing atomic.Bool // giveBackMemory is running
	// previews bounds preview rendering; a request waits a little for a slot, with a
	// bounded number of waiters.
	previews       chan struct{}
	previewWaiters atomic.Int32

	// Simulate renders colour-vision deficiencies (package simulate by default); when nil,
	// the simulation views show the originals and say so.
	Simulate Simulator
	// RenderPages draws pages for previews and /api/v1/simulate (by default, through the
	// document's checker.PageImager); when nil, documents have no page previews and
	// /api/v1/simulate refuses them with 422.
	RenderPages PageRenderer

	ready atomic.Bool
	// clientSecret signs the client cookies (clientKey); new at every start.
	clientSecret [32]byte
}

// New builds the server around a shared engine. The engine is copied so the server's
// document deadline does not change the caller's.
func New(engine *checker.Engine, cfg Config) (*Server, error) {
	cfg = cfg.withDefaults()
	eng := *engine
	eng.Limits.DocumentTimeout = cfg.DocumentTimeout
	// A long document earns more time (Limits.PageTimeout per page), here at most twice
	// the deadline, which the response's write timeout allows for.
	eng.Limits.MaxDocumentTimeout = 2 * cfg.DocumentTimeout
	if eng.Limits.MaxBytes <= 0 || eng.Limits.MaxBytes > cfg.MaxUploadBytes {
		eng.Limits.MaxBytes = cfg.MaxUploadBytes
	}
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	s := &Server{
		engine:      &eng,
		cfg:         cfg,
		log:         cfg.Logger,
		cache:       newResultCache(cfg.CacheEntries, cfg.CacheBytes, cfg.CacheTTL),
		metrics:     newMetrics(),
		pages:       pages,
		checks:      make(chan struct{}, cfg.MaxConcurrent),
		previews:    make(chan struct{}, max(runtime.NumCPU(), 1)),
		Simulate:    simulateImage,
		RenderPages: renderPages,
	}
	rand.Read(s.clientSecret[:])
	s.routes()
	s.ready.Store(true)
	return s, nil
}

func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET /{$}", s.handleUploadPage)
	m.HandleFunc("POST /check", s.handleCheckForm)
	m.HandleFunc("GET /results/{id}", s.handleResult)
	m.HandleFunc("GET /results/{id}/{doc}/see", s.handleSee)
	m.HandleFunc("GET /results/{id}/{doc}/compare", s.handleCompare)
	m.HandleFunc("GET /results/{id}/{doc}/reading", s.handleReading)
	m.HandleFunc("GET /results/{id}/{doc}/pages/{page}/{view}", s.handlePreview)
	m.HandleFunc("GET /rules", s.handleRules)
	m.HandleFunc("GET /rules/{id}", s.handleRule)
	m.HandleFunc("GET /static/{file}", s.handleStatic)

	m.HandleFunc("POST /api/v1/check", s.handleAPICheck)
	m.HandleFunc("GET /api/v1/rules", s.handleAPIRules)
	m.HandleFunc("POST /api/v1/simulate", s.handleAPISimulate)
	m.HandleFunc("GET /api/v1/openapi.json", s.handleOpenAPI)
	m.HandleFunc("GET /healthz", s.handleHealthz)
	if !s.cfg.NoMetrics {
		m.HandleFunc("GET /metrics", s.handleMetrics)
	}

	m.HandleFunc("/", s.handleNotFound)
	s.mux = m
}

// Handler is the whole application with its middleware.
func (s *Server) Handler() http.Handler { return s.observe(s.secure(s.sameOrigin(s.mux))) }

// HTTPServer returns an http.Server with timeouts that keep slow clients from holding
// connections: headers must arrive within 10 s, the whole body within ReadTimeout.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s.Handler(),
		ReadHeaderTimeout: s.cfg.HeaderTimeout,
		ReadTimeout:       s.cfg.BodyTimeout,
		WriteTimeout:      s.writeTimeout(),
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// requestDeadline bounds the checking of all the documents of one request, so the
// response is written before the server's WriteTimeout cuts the connection, whatever
// the request waited in the queue first.
func (s *Server) requestDeadline() time.Duration {
	return s.writeTimeout() - s.cfg.MaxWait - 10*time.Second
}

// writeTimeout bounds writing a response, which may wait for every document of the
// request to be checked: half the documents at their full deadline, within 10 minutes.
func (s *Server) writeTimeout() time.Duration {
	write := time.Duration(s.cfg.MaxFiles)*s.cfg.DocumentTimeout/2 + 30*time.Second
	return min(max(write, 2*s.cfg.DocumentTimeout+30*time.Second), 10*time.Minute) + s.cfg.MaxWait
}

// ServeMetrics answers GET /metrics alone on ln until ctx is done: a private address
// for monitoring, apart from the one users reach.
func (s *Server) ServeMetrics(ctx context.Context, ln net.Listener) error {
	m := http.NewServeMux()
	m.HandleFunc("GET /metrics", s.handleMetrics)
	srv := &http.Server{Handler: m, ReadHeaderTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	err := srv.Serve(ln)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// SetReady marks the server ready or not (GET /healthz answers 503 while not ready,
// e.g. while shutting down).
func (s *Server) SetReady(ok bool) { s.ready.Store(ok) }

// Serve answers on ln until ctx is done, then shuts down gracefully: running checks
// finish, new connections are refused.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := s.HTTPServer(ln.Addr().String())
	if s.RenderPages != nil {
		// Start the PDF renderer now, so the first PDF does not pay for it.
		go func() {
			if err := pdfrender.Warm(); err != nil {
				s.log.Warn("PDF renderer unavailable", "err", err)
			}
		}()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	// Expired results leave memory even when nobody asks for a page.
	go func() {
		t := time.NewTicker(time.Minute)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				s.cache.prune()
			}
		}
	}()
	select {
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	case <-ctx.Done():
	}
	s.SetReady(false)
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}

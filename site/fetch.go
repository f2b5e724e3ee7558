// Package site reads documents from the web for an audit: downloads under the same
// limits as uploads, robots.txt, sitemaps and the links of HTML pages, and the crawl that
// feeds the documents it finds to the checker.
package site

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/lab110bis/focusplus/checker"
)

// Options are the limits of every request the program makes.
type Options struct {
	UserAgent    string
	MaxBytes     int64         // body of one response
	Timeout      time.Duration // one request, from connecting to the last byte of the body
	MaxRedirects int
	// PerHost is the least time between two requests to the same host (0: no limit).
	PerHost time.Duration
	// Redirect, when set, may refuse a redirect the scheme check let through (a crawl
	// kept on one host refuses the others).
	Redirect func(to *url.URL) error
	// Transport replaces the default (proxies from the environment); tests use it.
	Transport http.RoundTripper
}

// DefaultOptions are those of `focus check URL`.
func DefaultOptions(version string) Options {
	return Options{
		UserAgent:    UserAgent(version),
		MaxBytes:     checker.DefaultLimits().MaxBytes,
		Timeout:      2 * time.Minute,
		MaxRedirects: 5,
	}
}

// UserAgent is how the program names itself to web servers, so a site's administrator
// can tell an audit from an attack.
func UserAgent(version string) string { return "focus/" + version + " (+accessibility checker)" }

// Fetcher makes the requests of a run. It is safe for concurrent use.
type Fetcher struct {
	opt    Options
	client *http.Client
	hosts  *hostClock
}

// NewFetcher builds a fetcher; its transport takes proxies from HTTP_PROXY, HTTPS_PROXY
// and NO_PROXY.
func NewFetcher(opt Options) *Fetcher {
	if opt.MaxRedirects < 0 {
		opt.MaxRedirects = 0
	}
	tr := opt.Transport
	if tr == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.Proxy = http.ProxyFromEnvironment
		tr = t
	}
	f := &Fetcher{opt: opt, hosts: &hostClock{next: map[string]time.Time{}}}
	f.client = &http.Client{
		Transport: &politeTransport{next: tr, f: f},
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > opt.MaxRedirects {
				return &checker.LoadError{Msg: checker.Textf("more than %d redirects", "plus de %d redirections", opt.MaxRedirects)}
			}
			if err := CheckScheme(req.URL); err != nil {
				return err
			}
			if opt.Redirect != nil {
				return opt.Redirect(req.URL)
			}
			return nil
		},
	}
	return f
}

// CheckScheme refuses every address that is not http or https: a document list or a
// redirect must not make the program read a local file (file:) or speak another protocol.
func CheckScheme(u *url.URL) error {
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return &checker.LoadError{Msg: checker.Textf("%s: no host in the address", "%s : pas d'hôte dans l'adresse", u.Redacted())}
		}
		return nil
	}
	return &checker.LoadError{Msg: checker.Textf("refused: %q is not an http or https address", "refusé : %q n'est pas une adresse http ou https", u.Redacted())}
}

// IsURL reports whether an argument is meant as a web address rather than a path.
func IsURL(s string) bool {
	i := strings.Index(s, "://")
	return i > 1 && !strings.ContainsAny(s[:i], `/\.`)
}

// politeTransport names the program and keeps the per-host pace on every request,
// redirects included.
type politeTransport struct {
	next http.RoundTripper
	f    *Fetcher
}

func (t *politeTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := t.f.hosts.wait(req.Context(), req.URL.Host, t.f.opt.PerHost); err != nil {
		return nil, err
	}
	req = req.Clone(req.Context())
	req.Header.Set("User-Agent", t.f.opt.UserAgent)
	return t.next.RoundTrip(req)
}

// hostClock spaces requests to each host by at least the given interval. Requests wait
// in turn: each takes the next free time of its host.
type hostClock struct {
	mu    sync.Mutex
	next  map[string]time.Time
	every map[string]time.Duration // per-host pace above the default
}

func (h *hostClock) wait(ctx context.Context, host string, every time.Duration) error {
	d := time.Until(h.reserve(host, every, time.Now()))
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// reserve takes the next free turn of host at or after now and returns its time; the
// turn after it is at least every later.
func (h *hostClock) reserve(host string, every time.Duration, now time.Time) time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	if e := h.every[host]; e > every {
		every = e
	}
	if every <= 0 {
		return now
	}
	at := h.next[host]
	if at.Before(now) {
		at = now
	}
	h.next[host] = at.Add(every)
	return at
}

// SlowDown makes the pace of one host at least every (a robots.txt Crawl-delay may ask
// for more than the flag).
func (f *Fetcher) SlowDown(host string, every time.Duration) {
	f.hosts.mu.Lock()
	defer f.hosts.mu.Unlock()
	if f.hosts.every == nil {
		f.hosts.every = map[string]time.Duration{}
	}
	f.hosts.every[host] = every
}

// StatusError is an answer other than 200 OK.
type StatusError struct {
	Code int
	Err  *checker.LoadError
}

func (e *StatusError) Error() string { return e.Err.Error() }
func (e *StatusError) Unwrap() error { return e.Err }

// Response is an open download.
type Response struct {
	URL  *url.URL // after redirects
	Body io.ReadCloser
	Type string // Content-Type as the server declared it: a hint, never trusted for the format
}

// Open starts a GET and checks what can be checked before reading: status, declared
// length against MaxBytes. The body stops with an error past MaxBytes or past the
// deadline; closing it ends the request.
func (f *Fetcher) Open(ctx context.Context, raw string) (*Response, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, &checker.LoadError{Msg: checker.Textf("not a valid address: %v", "adresse non valide : %v", err)}
	}
	if err := CheckScheme(u); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, f.opt.Timeout)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		cancel()
		return nil, &checker.LoadError{Msg: checker.Textf("not a valid address: %v", "adresse non valide : %v", err)}
	}
	resp, err := f.client.Do(req)
	if err != nil {
		cancel()
		return nil, f.explain(ctx, err)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		cancel()
		return nil, &StatusError{Code: resp.StatusCode, Err: &checker.LoadError{Msg: checker.Textf("the server answered %s", "le serveur a répondu %s", resp.Status)}}
	}
	if f.opt.MaxBytes > 0 && resp.ContentLength > f.opt.MaxBytes {
		resp.Body.Close()
		cancel()
		return nil, &checker.LoadError{Msg: checker.Textf("refused: the server announces %s, over the %s limit",
			"refusé : le serveur annonce %s, au-delà de la limite de %s", checker.HumanBytes(resp.ContentLength), checker.HumanBytes(f.opt.MaxBytes))}
	}
	body := &limitedBody{rc: resp.Body, left: f.opt.MaxBytes, max: f.opt.MaxBytes, ctx: ctx, cancel: cancel, f: f}
	return &Response{URL: resp.Request.URL, Body: body, Type: resp.Header.Get("Content-Type")}, nil
}

// Get reads a whole response of at most max bytes (pages, robots.txt, sitemaps).
func (f *Fetcher) Get(ctx context.Context, raw string, max int64) ([]byte, *url.URL, error) {
	resp, err := f.Open(ctx, raw)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	if max <= 0 || (f.opt.MaxBytes > 0 && max > f.opt.MaxBytes) {
		max = f.opt.MaxBytes
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, resp.URL, err
	}
	if int64(len(data)) > max {
		return nil, resp.URL, &checker.LoadError{Msg: checker.Textf("refused: over the %s limit", "refusé : au-delà de la limite de %s", checker.HumanBytes(max))}
	}
	return data, resp.URL, nil
}

// explain turns a transport error into a message a person can act on.
func (f *Fetcher) explain(ctx context.Context, err error) error {
	var le *checker.LoadError
	if errors.As(err, &le) {
		return le
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &checker.LoadError{Msg: checker.Textf("the download took longer than %s", "le téléchargement a pris plus de %s", f.opt.Timeout)}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return &checker.LoadError{Msg: checker.Textf("unknown host %s", "hôte inconnu %s", dns.Name)}
	}
	return &checker.LoadError{Msg: checker.Textf("download failed: %v", "échec du téléchargement : %v", err)}
}

// limitedBody stops at MaxBytes even when the server announced no length or lied.
type limitedBody struct {
	rc     io.ReadCloser
	left   int64
	max    int64
	ctx    context.Context
	cancel context.CancelFunc
	f      *Fetcher
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.max > 0 {
		if b.left <= 0 {
			// One byte more tells a body of exactly MaxBytes from a longer one.
			var one [1]byte
			if n, _ := b.rc.Read(one[:]); n > 0 {
				return 0, &checker.LoadError{Msg: checker.Textf("refused: the download goes over the %s limit",
					"refusé : le téléchargement dépasse la limite de %s", checker.HumanBytes(b.max))}
			}
			return 0, io.EOF
		}
		if int64(len(p)) > b.left {
			p = p[:b.left]
		}
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	if err != nil && err != io.EOF {
		err = b.f.explain(b.ctx, err)
	}
	return n, err
}

func (b *limitedBody) Close() error {
	err := b.rc.Close()
	b.cancel()
	return err
}

// Input is a checker input that downloads its document when the checker opens it.
func (f *Fetcher) Input(ctx context.Context, raw string, linkedFrom ...string) checker.Input {
	src := &checker.Source{URL: raw, LinkedFrom: linkedFrom}
	return checker.Input{Name: raw, Source: src, Open: func() (io.ReadCloser, error) {
		resp, err := f.Open(ctx, raw)
		if err != nil {
			return nil, err
		}
		return resp.Body, nil
	}}
}

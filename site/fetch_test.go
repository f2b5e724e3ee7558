package site

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lab110bis/focusplus/checker"
)

// hostileServer serves the awkward answers a download must survive, on loopback only.
func hostileServer(t *testing.T) (*httptest.Server, *sync.Map) {
	t.Helper()
	agents := &sync.Map{}
	mux := http.NewServeMux()
	mux.HandleFunc("/doc.pdf", func(w http.ResponseWriter, r *http.Request) {
		agents.Store(r.URL.Path, r.UserAgent())
		w.Header().Set("Content-Type", "text/html") // a lie: the format is read from the bytes
		io.WriteString(w, "%PDF-1.7\n%%EOF\n")
	})
	mux.HandleFunc("/declared-big.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "900000000")
		w.WriteHeader(200)
	})
	mux.HandleFunc("/chunked-big.pdf", func(w http.ResponseWriter, r *http.Request) {
		chunk := strings.Repeat("x", 1024)
		for i := 0; i < 64; i++ {
			if _, err := io.WriteString(w, chunk); err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/slow.pdf", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "%PDF-1.7\n")
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("/to-file.pdf", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	mux.HandleFunc("/to-ftp.pdf", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.org/x.pdf", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/loop.pdf", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop.pdf", http.StatusFound)
	})
	mux.HandleFunc("/moved.pdf", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/doc.pdf", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/gone.pdf", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	srv := httptest.NewServer(mux) // binds 127.0.0.1
	t.Cleanup(srv.Close)
	return srv, agents
}

func testFetcher(max int64) *Fetcher {
	o := DefaultOptions("test")
	o.MaxBytes = max
	o.Timeout = 500 * time.Millisecond
	o.MaxRedirects = 3
	return NewFetcher(o)
}

func readAll(f *Fetcher, u string) ([]byte, error) {
	resp, err := f.Open(context.Background(), u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func TestFetchRefusals(t *testing.T) {
	srv, agents := hostileServer(t)
	f := testFetcher(16 << 10)
	data, err := readAll(f, srv.URL+"/moved.pdf")
	if err != nil || !strings.HasPrefix(string(data), "%PDF") {
		t.Fatalf("redirect within limits: %q, %v", data, err)
	}
	if ua, _ := agents.Load("/doc.pdf"); ua != "focus/test (+accessibility checker)" {
		t.Errorf("User-Agent %q", ua)
	}
	for _, c := range []struct{ path, en, fr string }{
		{"/declared-big.pdf", "the server announces 858.3 MiB, over the 16.0 KiB limit", "au-delà de la limite"},
		{"/chunked-big.pdf", "the download goes over the 16.0 KiB limit", "dépasse la limite"},
		{"/slow.pdf", "the download took longer than 500ms", "le téléchargement a pris plus de 500ms"},
		{"/to-file.pdf", `"file:///etc/passwd" is not an http or https address`, "n'est pas une adresse http ou https"},
		{"/to-ftp.pdf", `"ftp://example.org/x.pdf" is not an http or https address`, "n'est pas une adresse"},
		{"/loop.pdf", "more than 3 redirects", "plus de 3 redirections"},
		{"/gone.pdf", "the server answered 404 Not Found", "le serveur a répondu 404"},
	} {
		start := time.Now()
		_, err := readAll(f, srv.URL+c.path)
		var le *checker.LoadError
		if !errors.As(err, &le) {
			t.Errorf("%s: %v is not a report-ready error", c.path, err)
			continue
		}
		if !strings.Contains(le.Msg.En, c.en) || !strings.Contains(le.Msg.Fr, c.fr) {
			t.Errorf("%s: %q / %q", c.path, le.Msg.En, le.Msg.Fr)
		}
		if el := time.Since(start); el > 2*time.Second {
			t.Errorf("%s: refused after %s", c.path, el)
		}
	}
	if _, err := readAll(f, "file:///etc/passwd"); err == nil || !strings.Contains(err.Error(), "not an http or https address") {
		t.Errorf("file: address: %v", err)
	}
}

func TestFetchRedirectHook(t *testing.T) {
	srv, _ := hostileServer(t)
	o := DefaultOptions("test")
	o.Redirect = func(to *url.URL) error {
		return &checker.LoadError{Msg: checker.Textf("refused: %s is on another host", "refusé : %s est sur un autre hôte", to.Host)}
	}
	f := NewFetcher(o)
	if _, err := readAll(f, srv.URL+"/moved.pdf"); err == nil || !strings.Contains(err.Error(), "another host") {
		t.Errorf("redirect hook not applied: %v", err)
	}
}

// TestHostPace checks the turns the per-host clock gives: concurrent requests to one
// host get turns at least the pace apart, another host is not held up, and a
// Crawl-delay above the pace wins. The turns are computed, not timed, so a busy machine
// cannot make the test fail.
func TestHostPace(t *testing.T) {
	const every = 40 * time.Millisecond
	h := &hostClock{next: map[string]time.Time{}}
	now := time.Now()
	var mu sync.Mutex
	var turns []time.Time
	var wg sync.WaitGroup
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			at := h.reserve("a.example", every, now)
			mu.Lock()
			turns = append(turns, at)
			mu.Unlock()
		}()
	}
	wg.Wait()
	sort.Slice(turns, func(i, j int) bool { return turns[i].Before(turns[j]) })
	for i := 1; i < len(turns); i++ {
		if gap := turns[i].Sub(turns[i-1]); gap < every {
			t.Errorf("turns %d and %d are %s apart, under the %s pace", i-1, i, gap, every)
		}
	}
	if at := h.reserve("b.example", every, now); !at.Equal(now) {
		t.Errorf("another host waits %s behind the first", at.Sub(now))
	}
	h.every = map[string]time.Duration{"c.example": time.Second}
	h.reserve("c.example", every, now)
	if at := h.reserve("c.example", every, now); at.Sub(now) < time.Second {
		t.Errorf("a Crawl-delay of 1s gave the next turn after %s", at.Sub(now))
	}
}

// TestHostPaceRequests checks the pace end to end: six concurrent requests to one
// host cannot all arrive before five intervals have passed since the first left (a
// slow machine only makes them later).
func TestHostPaceRequests(t *testing.T) {
	var mu sync.Mutex
	var last time.Time
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		last, n = time.Now(), n+1
		mu.Unlock()
	}))
	defer srv.Close()
	o := DefaultOptions("test")
	o.PerHost = 40 * time.Millisecond
	f := NewFetcher(o)
	start := time.Now()
	var wg sync.WaitGroup
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); f.Get(context.Background(), srv.URL+"/", 0) }()
	}
	wg.Wait()
	if n != 6 {
		t.Fatalf("%d requests", n)
	}
	if span := last.Sub(start); span < 5*o.PerHost {
		t.Errorf("6 requests arrived within %s of the first leaving", span)
	}
}

func TestIsURL(t *testing.T) {
	for s, want := range map[string]bool{"https://x.org/a.pdf": true, "HTTP://x.org": true, "file:///etc/passwd": true,
		"docs/a.pdf": false, `C:\docs\a.pdf`: false, "ab://b/../x": true, "./x://y": false, "-": false} {
		if IsURL(s) != want {
			t.Errorf("IsURL(%q) = %v", s, !want)
		}
	}
}

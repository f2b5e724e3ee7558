package site

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
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

func TestHostPace(t *testing.T) {
	var mu sync.Mutex
	var times []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		times = append(times, time.Now())
		mu.Unlock()
	}))
	defer srv.Close()
	o := DefaultOptions("test")
	o.PerHost = 40 * time.Millisecond
	f := NewFetcher(o)
	var wg sync.WaitGroup
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); f.Get(context.Background(), srv.URL+"/", 0) }()
	}
	wg.Wait()
	if len(times) != 6 {
		t.Fatalf("%d requests", len(times))
	}
	// Requests leave their turn 40 ms apart; connecting may delay one on its way, so
	// the server may see two close together, never a burst: k+1 requests never arrive
	// within less than (k-1) intervals.
	if span := times[len(times)-1].Sub(times[0]); span < 4*o.PerHost {
		t.Errorf("6 requests within %s", span)
	}
	for i := range times {
		for j := i + 2; j < len(times); j++ {
			if gap := times[j].Sub(times[i]); gap < time.Duration(j-i-1)*o.PerHost {
				t.Errorf("requests %d to %d within %s", i, j, gap)
			}
		}
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

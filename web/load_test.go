package web

import (
	"bytes"
	"context"
	"image/color"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/internal/fixtures"
)

// TestLoad is the load benchmark of the server, run on demand (FOCUS_LOAD=1; .ci/run runs
// it once). It stays on the loopback interface and is bounded in requests and time:
//
//  1. 500 POST /api/v1/check of the small real documents in testdata/samples, 16 at a
//     time, with enough check slots for all: p50/p99 latency and peak RSS are logged.
//  2. The same with 2 check slots: the excess gets 503 with Retry-After, and never a
//     500 or a dropped connection.
func TestLoad(t *testing.T) {
	if os.Getenv("FOCUS_LOAD") == "" {
		t.Skip("load benchmark: set FOCUS_LOAD=1 to run it")
	}
	docs := loadDocuments(t)
	for _, phase := range []struct {
		name  string
		slots int
	}{{"open", 16}, {"limited", 2}} {
		t.Run(phase.name, func(t *testing.T) {
			s := newTestServer(t, Config{MaxConcurrent: phase.slots})
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- s.Serve(ctx, ln) }()
			defer func() {
				cancel()
				<-done
			}()
			st := hammer(t, "http://"+ln.Addr().String()+"/api/v1/check", docs, 500, 16, 2*time.Minute)
			t.Logf("%s (%d check slots): %d requests in %v, %.0f req/s; status %v; p50 %v, p99 %v, max %v; transport errors %d; peak RSS %s",
				phase.name, phase.slots, st.n, st.elapsed.Round(time.Millisecond), float64(st.n)/st.elapsed.Seconds(), st.codes,
				st.p(0.50), st.p(0.99), st.p(1), st.transportErrors, peakRSS())
			if st.transportErrors > 0 {
				t.Errorf("%d requests lost their connection", st.transportErrors)
			}
			for code, n := range st.codes {
				if code != 200 && code != 503 {
					t.Errorf("%d answers with status %d", n, code)
				}
			}
			if st.missingRetryAfter > 0 {
				t.Errorf("%d answers 503 without Retry-After", st.missingRetryAfter)
			}
			if phase.slots >= 16 && st.codes[200] != st.n {
				t.Errorf("with a slot for every client, %d of %d succeeded", st.codes[200], st.n)
			}
			if phase.slots < 16 && (st.codes[503] == 0 || st.codes[200] == 0) {
				t.Errorf("with %d slots for 16 clients, expected both 200 and 503: %v", phase.slots, st.codes)
			}
		})
	}
}

type loadDoc struct {
	name string
	data []byte
}

// loadDocuments reads the shipped samples (PDF and DOCX as they are added).
func loadDocuments(t *testing.T) []loadDoc {
	var docs []loadDoc
	paths, _ := filepath.Glob("../testdata/samples/*")
	for _, p := range paths {
		if !checker.KnownExtension(p) {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil || len(b) > 2<<20 {
			continue
		}
		docs = append(docs, loadDoc{filepath.Base(p), b})
	}
	if len(docs) == 0 {
		t.Skip("no samples in ../testdata/samples")
	}
	// Until a PDF sample ships, a one-page text PDF stands in for one.
	hasPDF := false
	for _, d := range docs {
		hasPDF = hasPDF || strings.HasSuffix(strings.ToLower(d.name), ".pdf")
	}
	if !hasPDF {
		docs = append(docs, loadDoc{"letter.pdf", fixtures.VisualPDF{Title: "Letter", Pages: []fixtures.VisualPage{fixtures.TextPage(color.Black, color.White, 20)}}.Bytes()})
	}
	return docs
}

type loadStats struct {
	n                 int
	elapsed           time.Duration
	latencies         []time.Duration
	codes             map[int]int
	transportErrors   int
	missingRetryAfter int
}

func (s *loadStats) p(q float64) time.Duration {
	if len(s.latencies) == 0 {
		return 0
	}
	i := int(q*float64(len(s.latencies))+0.5) - 1
	return s.latencies[min(max(i, 0), len(s.latencies)-1)].Round(100 * time.Microsecond)
}

func hammer(t *testing.T, url string, docs []loadDoc, n, conc int, limit time.Duration) *loadStats {
	bodies := make([][]byte, len(docs))
	cts := make([]string, len(docs))
	for i, d := range docs {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		w, _ := mw.CreateFormFile("file", d.name)
		w.Write(d.data)
		mw.Close()
		bodies[i], cts[i] = buf.Bytes(), mw.FormDataContentType()
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: conc}}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	st := &loadStats{codes: map[int]int{}}
	var mu sync.Mutex
	jobs := make(chan int)
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < conc; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				k := i % len(docs)
				req, _ := http.NewRequestWithContext(ctx, "POST", url, bytes.NewReader(bodies[k]))
				req.Header.Set("Content-Type", cts[k])
				t0 := time.Now()
				resp, err := client.Do(req)
				d := time.Since(t0)
				mu.Lock()
				st.n++
				if err != nil {
					st.transportErrors++
					mu.Unlock()
					continue
				}
				st.codes[resp.StatusCode]++
				if resp.StatusCode == 503 && resp.Header.Get("Retry-After") == "" {
					st.missingRetryAfter++
				}
				if resp.StatusCode == 200 {
					st.latencies = append(st.latencies, d)
				}
				mu.Unlock()
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}()
	}
	for i := 0; i < n && ctx.Err() == nil; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	st.elapsed = time.Since(start)
	sort.Slice(st.latencies, func(i, j int) bool { return st.latencies[i] < st.latencies[j] })
	return st
}

// peakRSS is the test process's high-water resident memory (client and server together).
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

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
//  1. 240 POST /api/v1/check of the small real documents in testdata/samples, 24 at a
//     time, with the default settings (a check slot per CPU, the others waiting in the
//     queue): every request gets its report; p50/p99 latency and peak RSS are logged.
//  2. 240 more, 16 at a time, on 2 slots with a queue of 4 and a 2 s wait: the excess
//     gets 503 with Retry-After, and never a 500 or a dropped connection.
func TestLoad(t *testing.T) {
	if os.Getenv("FOCUS_LOAD") == "" {
		t.Skip("load benchmark: set FOCUS_LOAD=1 to run it")
	}
	docs := loadDocuments(t)
	for _, phase := range []struct {
		name    string
		cfg     Config
		clients int
	}{
		{"defaults", Config{}, 24},
		{"queue full", Config{MaxConcurrent: 2, MaxWaiting: 4, MaxWait: 2 * time.Second}, 16},
	} {
		t.Run(phase.name, func(t *testing.T) {
			s := newTestServer(t, phase.cfg)
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
			st := hammer(t, "http://"+ln.Addr().String()+"/api/v1/check", docs, 240, phase.clients, 3*time.Minute)
			t.Logf("%s (%d check slots, %d clients): %d requests in %v, %.0f req/s; status %v; p50 %v, p99 %v, max %v; transport errors %d; peak RSS %s",
				phase.name, s.cfg.MaxConcurrent, phase.clients, st.n, st.elapsed.Round(time.Millisecond), float64(st.n)/st.elapsed.Seconds(), st.codes,
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
			if phase.cfg.MaxWaiting == 0 && st.codes[200] != st.n {
				t.Errorf("with the default queue, %d of %d got their report", st.codes[200], st.n)
			}
			if phase.cfg.MaxWaiting > 0 && (st.codes[503] == 0 || st.codes[200] == 0) {
				t.Errorf("with 2 slots and 4 places in the queue for 16 clients, expected both 200 and 503: %v", st.codes)
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
	client := &http.Client{Timeout: 90 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: conc}}
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

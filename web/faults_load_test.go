package web

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand"
	"mime/multipart"
	"net"
	"net/http"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lab110bis/focusplus/internal/fixtures"
)

// countingListener counts the bytes the server reads, per client address.
type countingListener struct {
	net.Listener
	mu    sync.Mutex
	reads map[string]*atomic.Int64
}

type countingConn struct {
	net.Conn
	n *atomic.Int64
}

func (c countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.n.Add(int64(n))
	return n, err
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	n := new(atomic.Int64)
	l.mu.Lock()
	l.reads[c.RemoteAddr().String()] = n
	l.mu.Unlock()
	return countingConn{c, n}, nil
}

func (l *countingListener) read(client string) int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	if n := l.reads[client]; n != nil {
		return n.Load()
	}
	return -1
}

// TestLoadFaults is the fault-injection load test (FOCUS_LOAD=1; .ci/run runs it once),
// on the loopback interface, bounded in requests (400) and time (2 minutes). With 2
// check slots and 8 clients it sends a mix of valid documents, hostile files and garbage
// multipart, while slow clients trickle a body a byte a second and oversized bodies are
// announced; then it checks that:
//
//   - every answer is 200, 400, 413, 415, 422 or 503-with-Retry-After: never a 500, never
//     a dropped connection; normal requests succeed while the slow clients trickle;
//   - an oversized body gets 413 after the server read a small fraction of it;
//   - slow clients are cut off at the body timeout and hold no check slot;
//   - afterwards /healthz answers, the heap in use after GC is back near its idle level,
//     and the temporary folder is empty.
func TestLoadFaults(t *testing.T) {
	if os.Getenv("FOCUS_LOAD") == "" {
		t.Skip("load test: set FOCUS_LOAD=1 to run it")
	}
	tmp, err := os.MkdirTemp("", "focus-load-tmp-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	t.Setenv("TMPDIR", tmp)

	const (
		maxUpload = 4 << 20
		cacheCap  = 16 << 20
		bodyLimit = 4 * time.Second
	)
	s := newTestServer(t, Config{MaxConcurrent: 2, MaxWaiting: 2, MaxWait: time.Second, MaxUploadBytes: maxUpload, MaxFiles: 4, CacheBytes: cacheCap,
		HeaderTimeout: 2 * time.Second, BodyTimeout: bodyLimit, DocumentTimeout: 20 * time.Second})
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln := &countingListener{Listener: inner, reads: map[string]*atomic.Int64{}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	defer func() {
		cancel()
		<-done
	}()
	addr := ln.Addr().String()
	base := "http://" + addr

	// Requests of the mix: name, content type, body.
	type req struct {
		kind, ct string
		body     []byte
	}
	form := func(name string, data []byte) req {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		w, _ := mw.CreateFormFile("file", name)
		w.Write(data)
		mw.Close()
		return req{"", mw.FormDataContentType(), buf.Bytes()}
	}
	var mix []req
	for _, d := range loadDocuments(t) {
		r := form(d.name, d.data)
		r.kind = "valid"
		mix = append(mix, r)
	}
	random := make([]byte, 8192)
	rand.New(rand.NewSource(8)).Read(random)
	flash := fixtures.Blink{Width: 64, Height: 64, Frames: 40, DelayCS: 5}.GIF()
	for name, data := range map[string][]byte{
		"huge.png":      fixtures.HugePNGHeader(100000, 100000),
		"empty.pdf":     nil,
		"random.docx":   random,
		"truncated.gif": flash[:len(flash)/2],
		"ole.docx":      fixtures.OLE("WordDocument"),
		"notapdf.pdf":   []byte("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj trailer << /Root 1 0 R >>"),
	} {
		r := form(name, data)
		r.kind = "hostile"
		mix = append(mix, r)
	}
	mix = append(mix,
		req{"garbage", "multipart/form-data; boundary=XYZ", []byte("--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-")},
		req{"garbage", "multipart/form-data", random},
		req{"garbage", "multipart/form-data; boundary=" + strings.Repeat("b", 70), random[:100]},
		req{"garbage", "text/plain", []byte("hello")},
	)

	// Idle memory: after one request of each kind has warmed the engine and renderer.
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	for _, r := range mix {
		if resp, err := client.Post(base+"/api/v1/check", r.ct, bytes.NewReader(r.body)); err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	idle := ms.HeapInuse

	// Slow clients: a body announced at 10 kB, sent a byte a second.
	slowDone := make(chan time.Duration, 4)
	for i := 0; i < 4; i++ {
		go func() {
			start := time.Now()
			c, err := net.Dial("tcp", addr)
			if err != nil {
				slowDone <- -1
				return
			}
			defer c.Close()
			fmt.Fprintf(c, "POST /api/v1/check?filename=slow.png HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: 10000\r\n\r\n")
			for j := 0; j < 60; j++ {
				if _, err := c.Write([]byte{'x'}); err != nil {
					break
				}
				time.Sleep(time.Second)
			}
			c.SetReadDeadline(time.Now().Add(5 * time.Second))
			io.Copy(io.Discard, c)
			slowDone <- time.Since(start)
		}()
	}

	// Oversized bodies: 100 MiB announced, sent as fast as the server takes them.
	type oversized struct {
		status string
		read   int64
	}
	overDone := make(chan oversized, 3)
	for i, chunked := range []bool{false, false, true} {
		go func() {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				overDone <- oversized{"dial: " + err.Error(), 0}
				return
			}
			defer c.Close()
			target := "/api/v1/check?filename=big.pdf"
			if i == 1 {
				target = "/check"
			}
			if chunked {
				fmt.Fprintf(c, "POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/pdf\r\nTransfer-Encoding: chunked\r\n\r\n", target)
			} else {
				fmt.Fprintf(c, "POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/pdf\r\nContent-Length: %d\r\n\r\n", target, 100<<20)
			}
			go func() {
				chunk := bytes.Repeat([]byte("0"), 64<<10)
				if chunked {
					chunk = append([]byte(fmt.Sprintf("%x\r\n", len(chunk))), append(chunk, "\r\n"...)...)
				}
				for sent := 0; sent < 100<<20; sent += len(chunk) {
					c.SetWriteDeadline(time.Now().Add(10 * time.Second))
					if _, err := c.Write(chunk); err != nil {
						return
					}
				}
			}()
			c.SetReadDeadline(time.Now().Add(30 * time.Second))
			line, _ := bufio.NewReader(c).ReadString('\n')
			time.Sleep(200 * time.Millisecond) // let the server finish what it reads
			overDone <- oversized{strings.TrimSpace(line), ln.read(c.LocalAddr().String())}
		}()
	}

	// The mix, 400 requests by 8 clients, over 2 check slots.
	const total, clients = 400, 8
	var (
		mu        sync.Mutex
		codes     = map[int]int{}
		byKind    = map[string]map[int]int{}
		lat       []time.Duration
		dropped   int
		noRetry   int
		jobs      = make(chan int)
		wg        sync.WaitGroup
		deadline  = time.Now().Add(2 * time.Minute)
		loadStart = time.Now()
	)
	for w := 0; w < clients; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				r := mix[i%len(mix)]
				t0 := time.Now()
				resp, err := client.Post(base+"/api/v1/check", r.ct, bytes.NewReader(r.body))
				d := time.Since(t0)
				mu.Lock()
				if err != nil {
					dropped++
					mu.Unlock()
					continue
				}
				codes[resp.StatusCode]++
				if byKind[r.kind] == nil {
					byKind[r.kind] = map[int]int{}
				}
				byKind[r.kind][resp.StatusCode]++
				if resp.StatusCode == 503 && resp.Header.Get("Retry-After") == "" {
					noRetry++
				}
				lat = append(lat, d)
				mu.Unlock()
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}()
	}
	for i := 0; i < total && time.Now().Before(deadline); i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	elapsed := time.Since(loadStart)
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(q float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(q*float64(len(lat))))].Round(100 * time.Microsecond)
	}

	for code, n := range codes {
		switch code {
		case 200, 400, 413, 415, 422, 503:
		default:
			t.Errorf("%d answers with status %d", n, code)
		}
	}
	if dropped > 0 {
		t.Errorf("%d requests lost their connection", dropped)
	}
	if noRetry > 0 {
		t.Errorf("%d answers 503 without Retry-After", noRetry)
	}
	if byKind["valid"][200] == 0 || codes[503] == 0 {
		t.Errorf("with 2 slots and 2 places in the queue for 8 clients, expected both 200 and 503 for valid documents: %v", byKind)
	}
	for code := range byKind["garbage"] {
		if code == 200 {
			t.Errorf("garbage multipart answered 200: %v", byKind["garbage"])
		}
	}
	for i := 0; i < 3; i++ {
		o := <-overDone
		if !strings.Contains(o.status, " 413 ") {
			t.Errorf("oversized body: %q, want 413", o.status)
		}
		// Announced: refused before reading. Chunked: reading stops at the limit.
		if o.read < 0 || o.read > maxUpload+(1<<20) {
			t.Errorf("oversized body: the server read %d bytes of 100 MiB (limit %d)", o.read, maxUpload)
		} else {
			t.Logf("oversized body: %s after the server read %d bytes of 100 MiB", o.status, o.read)
		}
	}
	for i := 0; i < 4; i++ {
		d := <-slowDone
		if d < 0 || d > bodyLimit+10*time.Second {
			t.Errorf("slow client held its connection for %v (body timeout %v)", d, bodyLimit)
		}
	}
	if n := len(s.checks); n != 0 {
		t.Errorf("%d check slots still held", n)
	}

	// Afterwards: healthy, memory back near idle, nothing left on disk.
	resp, err := client.Get(base + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Errorf("/healthz after the load: %v %v", err, resp)
	} else {
		resp.Body.Close()
	}
	client.CloseIdleConnections()
	time.Sleep(200 * time.Millisecond)
	runtime.GC()
	runtime.ReadMemStats(&ms)
	after := ms.HeapInuse
	if after > 3*idle+cacheCap {
		t.Errorf("heap in use %d MiB after the load, idle %d MiB (+ %d MiB of result cache allowed)", after>>20, idle>>20, cacheCap>>20)
	}
	left, _ := os.ReadDir(tmp)
	for _, e := range left {
		t.Errorf("left in TMPDIR: %s", e.Name())
	}
	t.Logf("%d requests in %v (%.0f req/s) by %d clients over 2 check slots, 4 slow clients and 3 oversized bodies alongside",
		len(lat)+dropped, elapsed.Round(time.Millisecond), float64(len(lat))/elapsed.Seconds(), clients)
	t.Logf("status %v; by kind %v; dropped %d", codes, byKind, dropped)
	t.Logf("latency p50 %v, p99 %v, max %v; peak RSS %s; heap in use idle %d MiB, after %d MiB",
		pct(0.50), pct(0.99), pct(1), peakRSS(), idle>>20, after>>20)
}

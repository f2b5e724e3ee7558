package web

import (
	"bytes"
	"context"
	"encoding/json"
	"image/color"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lab110bis/focusplus/internal/fixtures"
)

// While a PDF whose page would take hours to paint and one declaring ten million
// objects are checked, the server keeps answering: /healthz, polled every 0.5 s, within
// a second every time; a normal PDF posted meanwhile gets its report; and afterwards
// the process's resident memory is below 1 GiB. Loopback, 3 uploads, about 10 s.
func TestHostileUploadsKeepServerResponsive(t *testing.T) {
	if testing.Short() {
		t.Skip("renders a hostile page until its deadline")
	}
	s := newTestServer(t, Config{DocumentTimeout: 4 * time.Second})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	defer func() {
		cancel()
		<-served
	}()
	base := "http://" + ln.Addr().String()
	client := &http.Client{Timeout: 60 * time.Second}
	post := func(name string, data []byte) (int, string) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		w, _ := mw.CreateFormFile("file", name)
		w.Write(data)
		mw.Close()
		resp, err := client.Post(base+"/api/v1/check", mw.FormDataContentType(), &buf)
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}

	stop := make(chan struct{})
	var slowest time.Duration
	polls := 0
	var pollErr error
	var pollWG sync.WaitGroup
	pollWG.Add(1)
	go func() {
		defer pollWG.Done()
		hc := &http.Client{Timeout: 5 * time.Second}
		tick := time.NewTicker(500 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			t0 := time.Now()
			resp, err := hc.Get(base + "/healthz")
			d := time.Since(t0)
			if err != nil {
				pollErr = err
				return
			}
			resp.Body.Close()
			polls++
			slowest = max(slowest, d)
		}
	}()

	var wg sync.WaitGroup
	// The shading page is drawn until the page walk's share of the document's time runs
	// out: the renderer is stopped there and the report comes with the other checks'
	// verdicts and a contrast review naming the page. The xref PDF is refused at once.
	for _, h := range []struct {
		name      string
		data      []byte
		wantError bool
	}{
		{"shading.pdf", fixtures.PostScriptShadingPDF(200_000), false},
		{"xref.pdf", fixtures.HugeXRefStreamPDF(10_000_000), true},
	} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			code, body := post(h.name, h.data)
			took := time.Since(start)
			t.Logf("%s: %d after %v: %.200s", h.name, code, took.Round(time.Millisecond), oneLine(body))
			var rep struct {
				Documents []struct {
					Error    string `json:"error"`
					Findings []struct {
						Rule    string `json:"rule"`
						Outcome string `json:"outcome"`
					} `json:"findings"`
				} `json:"documents"`
			}
			json.Unmarshal([]byte(body), &rep)
			if code != 200 || len(rep.Documents) != 1 {
				t.Errorf("%s: %d, want a report of one document", h.name, code)
				return
			}
			d := rep.Documents[0]
			if h.wantError {
				if d.Error == "" {
					t.Errorf("%s: no document error, want the file refused", h.name)
				}
				return
			}
			reviewed := false
			for _, f := range d.Findings {
				reviewed = reviewed || (f.Rule == "PDF-TEXT-CONTRAST" && f.Outcome == "review")
			}
			if d.Error != "" || !reviewed || took > 5*time.Second {
				t.Errorf("%s: error %q, contrast review %v, after %v; want a report within the 4 s deadline with contrast left to review", h.name, d.Error, reviewed, took)
			}
		}()
	}
	time.Sleep(time.Second) // both hostile checks hold the two slots
	normal := fixtures.VisualPDF{Title: "Letter", Pages: []fixtures.VisualPage{fixtures.TextPage(color.Black, color.White, 10)}}.Bytes()
	start := time.Now()
	code, body := post("letter.pdf", normal)
	var rep struct {
		Documents []struct {
			Score *json.RawMessage `json:"score"`
			Error string           `json:"error"`
		} `json:"documents"`
	}
	json.Unmarshal([]byte(body), &rep)
	if code != 200 || len(rep.Documents) != 1 || rep.Documents[0].Error != "" || rep.Documents[0].Score == nil {
		t.Errorf("normal PDF posted meanwhile: %d %.300s", code, body)
	}
	t.Logf("normal PDF: %d after %v", code, time.Since(start).Round(time.Millisecond))
	wg.Wait()
	close(stop)
	pollWG.Wait()
	if pollErr != nil {
		t.Fatalf("/healthz: %v", pollErr)
	}
	t.Logf("/healthz: %d polls, slowest %v", polls, slowest.Round(time.Millisecond))
	if slowest > time.Second || polls < 4 {
		t.Errorf("/healthz: %d polls, slowest %v; want every answer within 1 s", polls, slowest)
	}
	runtime.GC()
	time.Sleep(200 * time.Millisecond) // the server gives memory back as it falls idle
	if rss := residentKB(); rss > 1<<20 {
		t.Errorf("resident memory after the checks: %d MiB", rss>>10)
	} else {
		t.Logf("resident memory after the checks: %d MiB (peak %s)", rss>>10, peakRSS())
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// residentKB is the process's resident memory now, in KiB (0 when unknown).
func residentKB() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

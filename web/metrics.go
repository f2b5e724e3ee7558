package web

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/lab110bis/focusplus/checker"
)

// metrics are the counters of GET /metrics, in the Prometheus text exposition format,
// kept by a few lines of our own rather than a client library.
type metrics struct {
	mu         sync.Mutex
	requests   map[[2]string]uint64 // route, code
	durations  map[string]*histogram
	documents  map[string]uint64 // format ("unreadable" when it could not be read)
	rejections map[string]uint64 // reason
	inFlight   int64
}

// durationBuckets are upper bounds in seconds, from a cached page to a large PDF.
var durationBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60}

type histogram struct {
	counts []uint64 // one per bucket, not cumulative
	count  uint64
	sum    float64
}

func newMetrics() *metrics {
	return &metrics{
		requests:   map[[2]string]uint64{},
		durations:  map[string]*histogram{},
		documents:  map[string]uint64{},
		rejections: map[string]uint64{},
	}
}

func (m *metrics) request(route string, code int, d time.Duration) {
	sec := d.Seconds()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[[2]string{route, fmt.Sprint(code)}]++
	h := m.durations[route]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(durationBuckets))}
		m.durations[route] = h
	}
	for i, b := range durationBuckets {
		if sec <= b {
			h.counts[i]++
			break
		}
	}
	h.count++
	h.sum += sec
}

func (m *metrics) document(format string) {
	m.mu.Lock()
	m.documents[format]++
	m.mu.Unlock()
}

func (m *metrics) reject(reason string) {
	m.mu.Lock()
	m.rejections[reason]++
	m.mu.Unlock()
}

func (m *metrics) checking(delta int64) {
	m.mu.Lock()
	m.inFlight += delta
	m.mu.Unlock()
}

// write renders every metric, sorted so the output is stable.
func (m *metrics) write(w io.Writer, cacheEntries int, cacheBytes int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	var b strings.Builder
	b.WriteString("# HELP focus_http_requests_total HTTP requests by route pattern and status code.\n# TYPE focus_http_requests_total counter\n")
	keys := make([][2]string, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	for _, k := range keys {
		fmt.Fprintf(&b, "focus_http_requests_total{route=%s,code=%s} %d\n", quoteLabel(k[0]), quoteLabel(k[1]), m.requests[k])
	}

	b.WriteString("# HELP focus_http_request_duration_seconds Time to answer a request, by route pattern.\n# TYPE focus_http_request_duration_seconds histogram\n")
	for _, route := range sortedKeys(m.durations) {
		h := m.durations[route]
		var cum uint64
		for i, le := range durationBuckets {
			cum += h.counts[i]
			fmt.Fprintf(&b, "focus_http_request_duration_seconds_bucket{route=%s,le=\"%g\"} %d\n", quoteLabel(route), le, cum)
		}
		fmt.Fprintf(&b, "focus_http_request_duration_seconds_bucket{route=%s,le=\"+Inf\"} %d\n", quoteLabel(route), h.count)
		fmt.Fprintf(&b, "focus_http_request_duration_seconds_sum{route=%s} %g\n", quoteLabel(route), h.sum)
		fmt.Fprintf(&b, "focus_http_request_duration_seconds_count{route=%s} %d\n", quoteLabel(route), h.count)
	}

	b.WriteString("# HELP focus_documents_checked_total Documents checked, by format.\n# TYPE focus_documents_checked_total counter\n")
	for _, f := range sortedKeys(m.documents) {
		fmt.Fprintf(&b, "focus_documents_checked_total{format=%s} %d\n", quoteLabel(f), m.documents[f])
	}
	b.WriteString("# HELP focus_rejections_total Requests refused before checking, by reason.\n# TYPE focus_rejections_total counter\n")
	for _, r := range sortedKeys(m.rejections) {
		fmt.Fprintf(&b, "focus_rejections_total{reason=%s} %d\n", quoteLabel(r), m.rejections[r])
	}
	fmt.Fprintf(&b, "# HELP focus_checks_in_flight Requests checking documents now.\n# TYPE focus_checks_in_flight gauge\nfocus_checks_in_flight %d\n", m.inFlight)
	fmt.Fprintf(&b, "# HELP focus_document_checks_running Document checks still running, including any past their deadline.\n# TYPE focus_document_checks_running gauge\nfocus_document_checks_running %d\n", checker.Running())
	fmt.Fprintf(&b, "# HELP focus_result_cache_entries Results held for the result pages.\n# TYPE focus_result_cache_entries gauge\nfocus_result_cache_entries %d\n", cacheEntries)
	fmt.Fprintf(&b, "# HELP focus_result_cache_bytes Approximate memory held by cached results and previews.\n# TYPE focus_result_cache_bytes gauge\nfocus_result_cache_bytes %d\n", cacheBytes)
	_, err := io.WriteString(w, b.String())
	return err
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// quoteLabel escapes a label value as the exposition format requires.
func quoteLabel(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

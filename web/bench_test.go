package web

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// BenchmarkAPICheckImage measures one POST /api/v1/check of a small PNG, end to end
// through the handler: multipart reading, the engine, the JSON report.
func BenchmarkAPICheckImage(b *testing.B) {
	h := newTestServer(b, Config{}).Handler()
	body, ct := multipartBody(b, part{"file", "chart.png", barChartPNG("")})
	data := body.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest("POST", "/api/v1/check", strings.NewReader(string(data)))
		r.Header.Set("Content-Type", ct)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}

// BenchmarkResultPage measures rendering the result page of a checked image from the
// cache: the template and the grouping of findings.
func BenchmarkResultPage(b *testing.B) {
	s := newTestServer(b, Config{})
	h := s.Handler()
	w := postFiles(b, h, "/check", part{"file", "chart.png", barChartPNG("")})
	loc := w.Header().Get("Location")
	b.ReportAllocs()
	for b.Loop() {
		if w := get(h, loc); w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}

// BenchmarkPreviewSimulated measures one simulated page preview at full preview size.
func BenchmarkPreviewSimulated(b *testing.B) {
	s := newTestServer(b, Config{})
	if s.Simulate == nil {
		s.Simulate = greySimulator
	}
	h := s.Handler()
	w := postFiles(b, h, "/check", part{"file", "chart.png", barChartPNG("")})
	base := strings.Split(w.Header().Get("Location"), "?")[0]
	b.ReportAllocs()
	for b.Loop() {
		if w := get(h, base+"/1/pages/1/deutan.png"); w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}

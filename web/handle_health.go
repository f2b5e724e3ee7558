package web

import (
	"bytes"
	"net/http"
)

// handleHealthz is GET /healthz: 200 when ready to check documents, 503 while starting
// or shutting down.
func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request) {
	s.cache.prune()
	if !s.ready.Load() {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "shutting down"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// handleMetrics is GET /metrics in the Prometheus text format.
func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	entries, bytes_ := s.cache.stats()
	var buf bytes.Buffer
	s.metrics.write(&buf, entries, bytes_)
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
}

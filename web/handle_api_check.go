package web

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/report"
)

// handleAPICheck is POST /api/v1/check: multipart `file` fields or a raw body with
// ?filename=, answered with the JSON report of CONTRACT.md. A document that cannot be
// read is a 200 with its error set; the request itself is refused with 400, 413 or 503.
func (s *Server) handleAPICheck(w http.ResponseWriter, r *http.Request) {
	lang := apiLang(r)
	files, _, rerr := s.readUploads(w, r)
	if rerr == nil && len(files) == 0 {
		rerr = &requestError{Status: http.StatusBadRequest, Reason: "no_file", Msg: messages["error.nofile"]}
	}
	if rerr != nil {
		s.metrics.reject(rerr.Reason)
		if rerr.Status == http.StatusRequestEntityTooLarge {
			w.Header().Set("Connection", "close")
		}
		writeJSONError(w, rerr.Status, rerr.Msg.In(lang))
		return
	}
	if !s.acquireCheck(r.Context()) {
		retryAfter(w)
		writeJSONError(w, http.StatusServiceUnavailable, messages["error.busy"].In(lang))
		return
	}
	results, _ := s.checkAll(r.Context(), files, false)
	s.releaseCheck()
	rep := report.JSONReport{Tool: report.JSONTool{Name: "focus", Version: report.Version}, Documents: make([]report.JSONDocument, 0, len(results))}
	for _, res := range results {
		rep.Documents = append(rep.Documents, report.ToJSON(res, lang))
	}
	writeJSON(w, http.StatusOK, rep)
}

// apiLang is ?lang=, else Accept-Language, else English.
func apiLang(r *http.Request) checker.Lang {
	if l, err := checker.ParseLang(r.URL.Query().Get("lang")); err == nil {
		return l
	}
	return acceptLanguage(r.Header.Get("Accept-Language"))
}

// writeJSON encodes v fully before writing, so an error never leaves half a document.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		writeJSONError(w, http.StatusInternalServerError, "internal error")
		return
	}
	b = append(b, '\n')
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(b)
}

// writeJSONError answers {"error": "..."}.
func writeJSONError(w http.ResponseWriter, status int, msg string) {
	b, _ := json.Marshal(map[string]string{"error": msg})
	b = append(b, '\n')
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(b)
}

package web

import (
	"net/http"
	"net/url"
)

// handleCheckForm is POST /check, the upload form: it checks the documents, keeps the
// results in the cache and redirects to the result page, so reloading it does not send
// the files again.
func (s *Server) handleCheckForm(w http.ResponseWriter, r *http.Request) {
	l := requestLang(r)
	files, _, rerr := s.readUploads(w, r)
	if rerr == nil && len(files) == 0 {
		rerr = &requestError{Status: http.StatusBadRequest, Reason: "no_file", Msg: messages["error.nofile"]}
	}
	if rerr != nil {
		s.metrics.reject(rerr.Reason)
		if rerr.Status == http.StatusRequestEntityTooLarge {
			w.Header().Set("Connection", "close")
		}
		s.renderError(w, r, rerr.Status, l.In(rerr.Msg))
		return
	}
	if !s.acquireCheck(r.Context()) {
		retryAfter(w)
		s.renderError(w, r, http.StatusServiceUnavailable, l.T("error.busy"))
		return
	}
	_, docs := s.checkAll(r.Context(), files, true)
	s.releaseCheck()
	id := s.cache.putFor(s.clientKey(w, r), docs)
	if id == "" {
		// Too large even without previews to keep: show the results once, now.
		s.renderResult(w, r, &checkedBatch{docs: docs})
		return
	}
	http.Redirect(w, r, "/results/"+id+"?lang="+url.QueryEscape(string(l)), http.StatusSeeOther)
}

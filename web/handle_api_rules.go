package web

import (
	"net/http"

	"github.com/lab110bis/focusplus/report"
)

// handleAPIRules is GET /api/v1/rules: the list `focus rules --format json` prints.
func (s *Server) handleAPIRules(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, report.RulesJSON(s.engine.Rules))
}

package report

import (
	"encoding/json"
	"io"

	"github.com/lab110bis/focusplus/checker"
)

// JSON Lines for batch audits: one line per document, written as soon as the document
// is done (in input order), in the same shape as a document of the JSON report; then a
// last line {"tool": ..., "summary": ...}. Nothing is kept between lines, so memory does
// not grow with the number of documents, and a consumer can process lines as they come.

func init() { register("jsonl", newJSONL) }

type jsonlWriter struct {
	enc *json.Encoder
	m   Meta
}

func newJSONL(w io.Writer, m Meta) Writer {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &jsonlWriter{enc: enc, m: m}
}

// JSONLSummary is the last line of the JSON Lines report.
type JSONLSummary struct {
	Tool    JSONTool     `json:"tool"`
	Summary *JSONSummary `json:"summary"`
}

func (j *jsonlWriter) Begin() error { return nil }

func (j *jsonlWriter) Document(r checker.Result) error { return j.enc.Encode(ToJSON(r, j.m.Lang)) }

func (j *jsonlWriter) End(s Summary) error {
	return j.enc.Encode(JSONLSummary{Tool: JSONTool{Name: "focus", Version: Version}, Summary: SummaryJSON(s)})
}

package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/lab110bis/focusplus/checker"
)

// Merging the reports of shards (focus merge). Each shard's report is read back, its
// documents are put in report order (checker.ComparePaths) and written in the same
// format as one run over all the documents would have written them, byte for byte:
// documents are carried as they were written, never rebuilt, and the summaries are
// added up.

// MergeFormats are the formats focus merge reads and writes.
var MergeFormats = []string{"json", "jsonl", "sarif"}

// ReportKind tells which format a report is in: json, jsonl or sarif.
func ReportKind(data []byte) string {
	var probe struct {
		Runs      json.RawMessage `json:"runs"`
		Documents json.RawMessage `json:"documents"`
	}
	if err := json.Unmarshal(data, &probe); err == nil {
		switch {
		case probe.Runs != nil:
			return "sarif"
		case probe.Documents != nil:
			return "json"
		}
	}
	return "jsonl"
}

// mergedDoc is one document of a JSON or JSONL report, compact, as in the file.
type mergedDoc struct {
	path string
	raw  []byte
}

// Merge reads reports (JSON, JSONL or SARIF, see ReportKind) and writes them joined in
// the format asked ("" keeps the format of the reports). JSON and JSONL mix freely;
// SARIF joins only SARIF.
func Merge(w io.Writer, format string, reports map[string][]byte, order []string) error {
	kinds := map[string]bool{}
	for _, name := range order {
		kinds[ReportKind(reports[name])] = true
	}
	if format == "" {
		switch {
		case len(kinds) == 1:
			for k := range kinds {
				format = k
			}
		case kinds["sarif"]:
			return fmt.Errorf("SARIF reports can be merged only with SARIF reports")
		default:
			format = "json"
		}
	}
	if !slices.Contains(MergeFormats, format) {
		return fmt.Errorf("cannot merge into %q (use json, jsonl or sarif)", format)
	}
	if kinds["sarif"] != (format == "sarif") || (kinds["sarif"] && len(kinds) > 1) {
		return fmt.Errorf("SARIF reports merge only into SARIF, and JSON or JSONL reports only into JSON or JSONL")
	}
	if format == "sarif" {
		return mergeSARIF(w, reports, order)
	}
	var docs []mergedDoc
	var sum JSONSummary
	for _, name := range order {
		d, s, err := readDocs(reports[name])
		if err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
		docs = append(docs, d...)
		addSummary(&sum, s)
	}
	slices.SortStableFunc(docs, func(a, b mergedDoc) int { return checker.ComparePaths(a.path, b.path) })
	sort.Slice(sum.Skipped, func(i, j int) bool { return sum.Skipped[i].Path < sum.Skipped[j].Path })
	if format == "jsonl" {
		for _, d := range docs {
			if _, err := w.Write(append(unescapeHTML(d.raw), '\n')); err != nil {
				return err
			}
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return enc.Encode(JSONLSummary{Tool: JSONTool{Name: "focus", Version: Version}, Summary: &sum})
	}
	j := &jsonWriter{w: w}
	if err := j.Begin(); err != nil {
		return err
	}
	for _, d := range docs {
		var esc, ind bytes.Buffer
		json.HTMLEscape(&esc, d.raw)
		if err := json.Indent(&ind, esc.Bytes(), "    ", "  "); err != nil {
			return err
		}
		if err := j.raw(ind.Bytes()); err != nil {
			return err
		}
	}
	return j.end(&sum)
}

// readDocs reads the documents and the summary of a JSON or JSONL report.
func readDocs(data []byte) ([]mergedDoc, *JSONSummary, error) {
	var docs []mergedDoc
	add := func(raw []byte) error {
		var d struct {
			Path *string `json:"path"`
		}
		if err := json.Unmarshal(raw, &d); err != nil || d.Path == nil {
			return fmt.Errorf("a document without a path")
		}
		var c bytes.Buffer
		if err := json.Compact(&c, raw); err != nil {
			return err
		}
		docs = append(docs, mergedDoc{path: *d.Path, raw: c.Bytes()})
		return nil
	}
	if ReportKind(data) == "json" {
		var rep struct {
			Documents []json.RawMessage `json:"documents"`
			Summary   *JSONSummary      `json:"summary"`
		}
		if err := json.Unmarshal(data, &rep); err != nil {
			return nil, nil, err
		}
		for _, raw := range rep.Documents {
			if err := add(raw); err != nil {
				return nil, nil, err
			}
		}
		return docs, rep.Summary, nil
	}
	var sum *JSONSummary
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var probe struct {
			Path    *string      `json:"path"`
			Summary *JSONSummary `json:"summary"`
		}
		if err := json.Unmarshal(line, &probe); err != nil {
			return nil, nil, fmt.Errorf("line %d is not JSON (an interrupted run? resume it with --resume): %v", n, err)
		}
		if probe.Path == nil && probe.Summary != nil {
			sum = probe.Summary
			continue
		}
		if err := add(line); err != nil {
			return nil, nil, fmt.Errorf("line %d: %v", n, err)
		}
	}
	return docs, sum, sc.Err()
}

// addSummary adds a shard's summary into the total.
func addSummary(total *JSONSummary, s *JSONSummary) {
	if total.ByBand == nil {
		total.ByBand, total.ByRule, total.ReviewRule = map[string]int{}, map[string]int{}, map[string]int{}
	}
	if s == nil {
		return
	}
	total.Documents += s.Documents
	total.Unreadable += s.Unreadable
	total.Skipped = append(total.Skipped, s.Skipped...)
	for k, v := range s.ByBand {
		total.ByBand[k] += v
	}
	for k, v := range s.ByRule {
		total.ByRule[k] += v
	}
	for k, v := range s.ReviewRule {
		total.ReviewRule[k] += v
	}
}

// unescapeHTML undoes the \u003c, \u003e and \u0026 escapes of the JSON report, which
// the JSON Lines report does not use, leaving every other escape as it is.
func unescapeHTML(b []byte) []byte {
	if !bytes.Contains(b, []byte(`\u00`)) {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' || i+1 >= len(b) {
			out = append(out, b[i])
			continue
		}
		if b[i+1] == 'u' && i+6 <= len(b) {
			switch string(b[i+2 : i+6]) {
			case "003c":
				out, i = append(out, '<'), i+5
				continue
			case "003e":
				out, i = append(out, '>'), i+5
				continue
			case "0026":
				out, i = append(out, '&'), i+5
				continue
			}
		}
		out = append(out, b[i], b[i+1])
		i++
	}
	return out
}

// SARIF: each document is an artifact, its results and, when unreadable, its error
// notification; they move together, and the artifact indexes are renumbered.

type sarifIn struct {
	Runs []struct {
		Tool        json.RawMessage   `json:"tool"`
		Taxonomies  json.RawMessage   `json:"taxonomies"`
		Language    string            `json:"language"`
		Results     []json.RawMessage `json:"results"`
		Artifacts   []sarifArtifact   `json:"artifacts"`
		Invocations []struct {
			Notifications []sarifNotification `json:"toolExecutionNotifications"`
		} `json:"invocations"`
		Properties struct {
			Summary *JSONSummary `json:"summary"`
		} `json:"properties"`
	} `json:"runs"`
}

type sarifDoc struct {
	path    string
	art     sarifArtifact
	results []sarifResult
	notes   []sarifNotification
}

func mergeSARIF(w io.Writer, reports map[string][]byte, order []string) error {
	var docs []*sarifDoc
	var skipped []sarifNotification
	var sum JSONSummary
	var tool, taxonomies json.RawMessage
	lang := ""
	for _, name := range order {
		var in sarifIn
		if err := json.Unmarshal(reports[name], &in); err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
		if len(in.Runs) != 1 {
			return fmt.Errorf("%s: %d runs, expected the one run focus writes", name, len(in.Runs))
		}
		run := in.Runs[0]
		if tool == nil {
			tool, taxonomies, lang = run.Tool, run.Taxonomies, run.Language
		} else if !jsonEqual(tool, run.Tool) || lang != run.Language {
			return fmt.Errorf("%s: written by another version, language or rule configuration than %s", name, order[0])
		}
		mine := make([]*sarifDoc, len(run.Artifacts))
		for i, a := range run.Artifacts {
			mine[i] = &sarifDoc{path: uriPath(a.Location.URI), art: a}
			docs = append(docs, mine[i])
		}
		for _, raw := range run.Results {
			var r sarifResult
			if err := json.Unmarshal(raw, &r); err != nil {
				return fmt.Errorf("%s: %v", name, err)
			}
			idx := -1
			if len(r.Locations) > 0 && r.Locations[0].PhysicalLocation.ArtifactLocation.Index != nil {
				idx = *r.Locations[0].PhysicalLocation.ArtifactLocation.Index
			}
			if idx < 0 || idx >= len(mine) {
				return fmt.Errorf("%s: a result points at no artifact", name)
			}
			mine[idx].results = append(mine[idx].results, r)
		}
		for _, inv := range run.Invocations {
			for _, n := range inv.Notifications {
				var idx *int
				if len(n.Locations) > 0 {
					idx = n.Locations[0].PhysicalLocation.ArtifactLocation.Index
				}
				if idx != nil && *idx >= 0 && *idx < len(mine) {
					mine[*idx].notes = append(mine[*idx].notes, n)
				} else {
					skipped = append(skipped, n)
				}
			}
		}
		addSummary(&sum, run.Properties.Summary)
	}
	slices.SortStableFunc(docs, func(a, b *sarifDoc) int { return checker.ComparePaths(a.path, b.path) })
	slices.SortStableFunc(skipped, func(a, b sarifNotification) int {
		return checker.ComparePaths(notePath(a), notePath(b))
	})
	sort.Slice(sum.Skipped, func(i, j int) bool { return sum.Skipped[i].Path < sum.Skipped[j].Path })

	head := "{\n  \"$schema\": \"" + sarifSchema + "\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": " + string(reindent(tool, "      "))
	if len(taxonomies) > 0 && string(taxonomies) != "null" {
		head += ",\n      \"taxonomies\": " + string(reindent(taxonomies, "      "))
	}
	head += ",\n      \"language\": \"" + lang + "\",\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": ["
	if _, err := io.WriteString(w, head); err != nil {
		return err
	}
	s := &sarifWriter{w: w}
	for i, d := range docs {
		var b strings.Builder
		for _, r := range d.results {
			for j := range r.Locations {
				r.Locations[j].PhysicalLocation.ArtifactLocation.Index = intp(i)
			}
			js, err := marshalIndent(r, "        ", "  ")
			if err != nil {
				return err
			}
			if s.results > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n        ")
			b.Write(js)
			s.results++
		}
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
		s.docs = append(s.docs, d.art)
		for _, n := range d.notes {
			for j := range n.Locations {
				n.Locations[j].PhysicalLocation.ArtifactLocation.Index = intp(i)
			}
			s.notes = append(s.notes, n)
		}
	}
	s.notes = append(s.notes, skipped...)
	return s.end(&sum)
}

// uriPath is the document path or URL an artifact URI was made from (SARIFURI).
func uriPath(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme == "http" || u.Scheme == "https" {
		return uri
	}
	return u.Path
}

func notePath(n sarifNotification) string {
	if len(n.Locations) == 0 {
		return ""
	}
	return uriPath(n.Locations[0].PhysicalLocation.ArtifactLocation.URI)
}

func jsonEqual(a, b json.RawMessage) bool {
	var ca, cb bytes.Buffer
	return json.Compact(&ca, a) == nil && json.Compact(&cb, b) == nil && bytes.Equal(ca.Bytes(), cb.Bytes())
}

// reindent writes a JSON value as marshalIndent would at that prefix.
func reindent(raw json.RawMessage, prefix string) []byte {
	var c, out bytes.Buffer
	json.Compact(&c, raw)
	json.Indent(&out, c.Bytes(), prefix, "  ")
	return out.Bytes()
}

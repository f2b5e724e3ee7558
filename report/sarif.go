package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/lab110bis/focusplus/checker"
)

// SARIF 2.1.0 (OASIS), the format code scanning platforms read. Each fail or review
// finding is a result; unreadable documents and skipped files are tool notifications;
// every checked document is an artifact carrying its score and its per-rule outcomes.
// Results are written as documents finish, so a large audit is not held in memory.

func init() { register("sarif", newSARIF) }

const sarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

type sarifWriter struct {
	w       io.Writer
	m       Meta
	rules   []*checker.Rule
	index   map[string]int
	results int
	docs    []sarifArtifact
	notes   []sarifNotification
}

func newSARIF(w io.Writer, m Meta) Writer { return &sarifWriter{w: w, m: m} }

type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string              `json:"id"`
	Name                 string              `json:"name"`
	ShortDescription     sarifMessage        `json:"shortDescription"`
	FullDescription      sarifMessage        `json:"fullDescription"`
	Help                 sarifMessage        `json:"help"`
	DefaultConfiguration sarifRuleConfig     `json:"defaultConfiguration"`
	Relationships        []sarifRelationship `json:"relationships,omitempty"`
	Properties           sarifRuleProperties `json:"properties"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProperties struct {
	Tags      []string           `json:"tags"`
	Severity  checker.Severity   `json:"severity"`
	Blocking  bool               `json:"blocking,omitempty"`
	Affects   []checker.Audience `json:"affects,omitempty"`
	Formats   []string           `json:"formats"`
	Standards checker.Standards  `json:"standards"`
}

type sarifRelationship struct {
	Target sarifDescriptorRef `json:"target"`
	Kinds  []string           `json:"kinds"`
}

type sarifDescriptorRef struct {
	ID            string            `json:"id"`
	Index         int               `json:"index"`
	ToolComponent sarifComponentRef `json:"toolComponent"`
}

type sarifComponentRef struct {
	Name  string `json:"name"`
	Index int    `json:"index"`
}

type sarifTaxonomy struct {
	Name             string       `json:"name"`
	Version          string       `json:"version,omitempty"`
	Organization     string       `json:"organization,omitempty"`
	InformationURI   string       `json:"informationUri,omitempty"`
	ShortDescription sarifMessage `json:"shortDescription"`
	Taxa             []sarifTaxon `json:"taxa"`
}

type sarifTaxon struct {
	ID string `json:"id"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           *int              `json:"ruleIndex,omitempty"`
	Kind                string            `json:"kind"`
	Level               string            `json:"level,omitempty"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	BaselineState       string            `json:"baselineState,omitempty"`
	Properties          sarifResultProps  `json:"properties"`
}

type sarifResultProps struct {
	Count     int               `json:"count"` // instances of the problem; each has a location
	Severity  checker.Severity  `json:"severity"`
	Blocking  bool              `json:"blocking,omitempty"`
	Standards checker.Standards `json:"standards"`
	Data      map[string]string `json:"data,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical  `json:"physicalLocation"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
	Message          *sarifMessage  `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI   string `json:"uri"`
	Index *int   `json:"index,omitempty"`
}

// sarifRegion: a document has no source lines, but code scanning platforms place a
// result by its start line, so every result sits on line 1 of its file and the real
// place (page, frame, part, object, path, box) is in the region's properties and in the
// logical locations.
type sarifRegion struct {
	StartLine  int              `json:"startLine"`
	Properties checker.Location `json:"properties"`
}

type sarifLogical struct {
	Name               string `json:"name"`
	FullyQualifiedName string `json:"fullyQualifiedName,omitempty"`
	Kind               string `json:"kind"`
}

type sarifArtifact struct {
	Location   sarifArtifactLocation `json:"location"`
	Properties sarifArtifactProps    `json:"properties"`
}

type sarifArtifactProps struct {
	Format string `json:"format,omitempty"`
	Pages  int    `json:"pages"`
	Title  string `json:"title,omitempty"`
	Score  *int   `json:"score"`
	Band   string `json:"band,omitempty"`
	Capped bool   `json:"capped,omitempty"`
	// Conformance: the WCAG A/AA and PDF/UA verdicts, as in the JSON report.
	Conformance *checker.Conformance `json:"conformance,omitempty"`
	Error       string               `json:"error,omitempty"`
	Checks      []checker.CheckRow   `json:"checks"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

// SARIFKind maps an outcome to the SARIF result kind.
func SARIFKind(o checker.Outcome) string {
	switch o {
	case checker.Failed:
		return "fail"
	case checker.Review:
		return "review"
	case checker.Passed:
		return "pass"
	}
	return "notApplicable"
}

// SARIFLevel maps a severity to the SARIF level of a failure.
func SARIFLevel(s checker.Severity) string {
	switch s {
	case checker.Error:
		return "error"
	case checker.Warning:
		return "warning"
	}
	return "note"
}

// SARIFURI turns a document path into a relative URI reference with forward slashes.
func SARIFURI(p string) string {
	if u, err := url.Parse(p); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		return u.String() // a document read from the web keeps its address
	}
	p = filepath.ToSlash(p)
	if filepath.IsAbs(p) || path.IsAbs(p) {
		return (&url.URL{Scheme: "file", Path: "/" + strings.TrimPrefix(p, "/")}).String()
	}
	p = strings.TrimPrefix(path.Clean(p), "./")
	return (&url.URL{Path: p}).String()
}

var taxonomyInfo = []struct {
	name, version, org, uri, desc string
	refs                          func(checker.Standards) []string
}{
	{"WCAG", "2.2", "W3C", "https://www.w3.org/TR/WCAG22/", "Web Content Accessibility Guidelines 2.2 success criteria",
		func(s checker.Standards) []string { return s.WCAG }},
	{"EN 301 549", "3.2.1", "ETSI", "https://www.etsi.org/standards", "EN 301 549 accessibility requirements for ICT products and services",
		func(s checker.Standards) []string { return s.EN301549 }},
	{"RGAA", "4.1", "DINUM", "https://accessibilite.numerique.gouv.fr/", "Référentiel général d'amélioration de l'accessibilité criteria",
		func(s checker.Standards) []string { return s.RGAA }},
	{"PDF/UA-1", "ISO 14289-1", "ISO", "https://www.iso.org/standard/64599.html", "ISO 14289-1 (PDF/UA-1) clauses",
		func(s checker.Standards) []string { return s.PDFUA }},
	{"Matterhorn", "1.1", "PDF Association", "https://pdfa.org/resource/the-matterhorn-protocol/", "Matterhorn Protocol failure conditions",
		func(s checker.Standards) []string { return s.Matterhorn }},
}

func (s *sarifWriter) tr(en, fr string) string { return checker.Text{En: en, Fr: fr}.In(s.m.Lang) }

func (s *sarifWriter) Begin() error {
	s.index = map[string]int{}
	if s.m.Engine != nil {
		for _, r := range s.m.Engine.Rules {
			if s.m.Engine.Disabled[r.ID] {
				continue
			}
			s.index[r.ID] = len(s.rules)
			s.rules = append(s.rules, r)
		}
	}
	// Taxonomies: every reference any rule names, so rules can point at them.
	taxa := make([]map[string]int, len(taxonomyInfo))
	var taxonomies []sarifTaxonomy
	taxIndex := make([]int, len(taxonomyInfo))
	for i, ti := range taxonomyInfo {
		var ids []string
		seen := map[string]bool{}
		for _, r := range s.rules {
			for _, id := range ti.refs(r.Standards) {
				if !seen[id] {
					seen[id] = true
					ids = append(ids, id)
				}
			}
		}
		taxIndex[i] = -1
		if len(ids) == 0 {
			continue
		}
		sort.Strings(ids)
		taxa[i] = map[string]int{}
		t := sarifTaxonomy{Name: ti.name, Version: ti.version, Organization: ti.org, InformationURI: ti.uri,
			ShortDescription: sarifMessage{Text: ti.desc}}
		for j, id := range ids {
			taxa[i][id] = j
			t.Taxa = append(t.Taxa, sarifTaxon{ID: id})
		}
		taxIndex[i] = len(taxonomies)
		taxonomies = append(taxonomies, t)
	}
	rules := make([]sarifRule, 0, len(s.rules))
	for _, r := range s.rules {
		sev := s.severity(r)
		sr := sarifRule{
			ID:                   r.ID,
			Name:                 ruleName(r.ID),
			ShortDescription:     sarifMessage{Text: r.Title.In(s.m.Lang)},
			FullDescription:      sarifMessage{Text: r.Why.In(s.m.Lang)},
			Help:                 s.help(r),
			DefaultConfiguration: sarifRuleConfig{Level: SARIFLevel(sev)},
			Properties: sarifRuleProperties{Tags: ruleTags(r), Severity: sev, Blocking: r.Blocking,
				Affects: r.Affects, Formats: checker.FormatsOffering(r.Kinds), Standards: r.Standards},
		}
		for i, ti := range taxonomyInfo {
			for _, id := range ti.refs(r.Standards) {
				sr.Relationships = append(sr.Relationships, sarifRelationship{
					Target: sarifDescriptorRef{ID: id, Index: taxa[i][id], ToolComponent: sarifComponentRef{Name: ti.name, Index: taxIndex[i]}},
					Kinds:  []string{"relevant"},
				})
			}
		}
		rules = append(rules, sr)
	}
	driver := map[string]any{
		"name":            "Focus+",
		"fullName":        "Focus+ document accessibility checker",
		"version":         Version,
		"semanticVersion": Version,
		"informationUri":  "https://github.com/lab110bis/focusplus",
		"language":        string(s.lang()),
		"rules":           rules,
	}
	tool, err := marshalIndent(map[string]any{"driver": driver}, "      ", "  ")
	if err != nil {
		return err
	}
	head := "{\n  \"$schema\": \"" + sarifSchema + "\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": " + string(tool)
	if len(taxonomies) > 0 {
		tb, err := marshalIndent(taxonomies, "      ", "  ")
		if err != nil {
			return err
		}
		head += ",\n      \"taxonomies\": " + string(tb)
	}
	head += ",\n      \"language\": \"" + string(s.lang()) + "\",\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": ["
	_, err = io.WriteString(s.w, head)
	return err
}

func (s *sarifWriter) lang() checker.Lang {
	if s.m.Lang == "" {
		return checker.English
	}
	return s.m.Lang
}

func (s *sarifWriter) severity(r *checker.Rule) checker.Severity {
	if s.m.Engine != nil {
		if v, ok := s.m.Engine.Severity[r.ID]; ok {
			return v
		}
	}
	return r.Severity
}

// help is the rule's guidance: why, who, how to fix, references.
func (s *sarifWriter) help(r *checker.Rule) sarifMessage {
	var who []string
	for _, a := range r.Affects {
		who = append(who, a.Describe().In(s.m.Lang))
	}
	why, fix, refs := r.Why.In(s.m.Lang), r.Fix.In(s.m.Lang), standardsLine(r.Standards)
	whoL := strings.Join(who, ", ")
	text := fmt.Sprintf("%s\n\n%s: %s\n\n%s: %s\n\n%s: %s", why,
		s.tr("Who it affects", "Qui est concerné"), whoL, s.tr("How to fix it", "Comment corriger"), fix, s.tr("References", "Références"), refs)
	md := fmt.Sprintf("%s\n\n**%s:** %s\n\n**%s:** %s\n\n**%s:** %s", mdText(why),
		s.tr("Who it affects", "Qui est concerné"), mdText(whoL), s.tr("How to fix it", "Comment corriger"), mdText(fix),
		s.tr("References", "Références"), mdText(refs))
	return sarifMessage{Text: text, Markdown: md}
}

// ruleName is the rule ID in the PascalCase SARIF suggests: IMG-FLASH → ImgFlash.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(strings.ToLower(id), "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

func ruleTags(r *checker.Rule) []string {
	tags := []string{"accessibility"}
	add := func(prefix string, refs []string) {
		for _, ref := range refs {
			tags = append(tags, prefix+ref)
		}
	}
	add("WCAG-", r.Standards.WCAG)
	add("EN301549-", r.Standards.EN301549)
	add("RGAA-", r.Standards.RGAA)
	add("PDFUA-", r.Standards.PDFUA)
	add("Matterhorn-", r.Standards.Matterhorn)
	return tags
}

func (s *sarifWriter) Document(r checker.Result) error {
	uri := SARIFURI(r.Name)
	idx := len(s.docs)
	art := sarifArtifact{Location: sarifArtifactLocation{URI: uri}, Properties: sarifArtifactProps{
		Format: string(r.Format), Pages: r.Pages, Title: r.Title, Checks: r.Checks}}
	if art.Properties.Checks == nil {
		art.Properties.Checks = []checker.CheckRow{}
	}
	if r.Err != nil {
		art.Properties.Error = r.Err.Msg.In(s.m.Lang)
		s.docs = append(s.docs, art)
		s.notes = append(s.notes, sarifNotification{Level: "error",
			Message:   sarifMessage{Text: s.tr("Cannot be read: ", "Illisible : ") + r.Err.Msg.In(s.m.Lang)},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifactLocation{URI: uri, Index: intp(idx)}}}}})
		return nil
	}
	score := r.Score.Value
	art.Properties.Score, art.Properties.Band, art.Properties.Capped = &score, string(r.Score.Band), r.Score.Capped
	conf := r.Conformance
	art.Properties.Conformance = &conf
	s.docs = append(s.docs, art)

	var b strings.Builder
	for _, f := range r.Findings {
		if f.Outcome != checker.Failed && f.Outcome != checker.Review {
			continue
		}
		// One result per problem: a grouped finding lists the place of every instance,
		// since each must be fixed (SARIF 2.1.0, 3.27.12).
		var locs []sarifLocation
		for _, l := range f.Places() {
			locs = append(locs, sarifLocation{
				PhysicalLocation: sarifPhysical{
					ArtifactLocation: sarifArtifactLocation{URI: uri, Index: intp(idx)},
					Region:           &sarifRegion{StartLine: 1, Properties: l},
				},
				LogicalLocations: s.logical(r.Name, l),
			})
		}
		res := sarifResult{
			RuleID:              f.Rule,
			Kind:                SARIFKind(f.Outcome),
			Message:             sarifMessage{Text: f.Message.In(s.m.Lang) + countNote(f, s.m.Lang) + s.where(f)},
			Locations:           locs,
			PartialFingerprints: map[string]string{"focusFinding/v1": fingerprint(f, uri)},
			BaselineState:       f.Baseline,
			Properties: sarifResultProps{Count: f.Instances(), Severity: f.Severity, Blocking: f.Blocking,
				Standards: f.Standards, Data: f.Data},
		}
		if i, ok := s.index[f.Rule]; ok {
			res.RuleIndex = intp(i)
		}
		if f.Outcome == checker.Failed {
			res.Level = SARIFLevel(f.Severity)
		}
		js, err := marshalIndent(res, "        ", "  ")
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
	_, err := io.WriteString(s.w, b.String())
	return err
}

func intp(i int) *int { return &i }

// marshalIndent is json.MarshalIndent without escaping <, > and &, which are common in
// guidance ("Accessibility > Set Alternate Text") and harmless in a JSON file.
func marshalIndent(v any, prefix, indent string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, indent)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// where says the place in words for the message, which is what platforms show first.
func (s *sarifWriter) where(f checker.Finding) string {
	t := &textWriter{m: s.m}
	if w := t.places(f); w != "" {
		return " (" + w + ")"
	}
	return ""
}

// logical names the page, frame, part and structure path as logical locations, from the
// outermost to the innermost.
func (s *sarifWriter) logical(doc string, l checker.Location) []sarifLogical {
	var out []sarifLogical
	fq := doc
	add := func(name, kind string) {
		fq += "/" + name
		out = append(out, sarifLogical{Name: name, FullyQualifiedName: fq, Kind: kind})
	}
	if l.Page > 0 {
		add(fmt.Sprintf("%s %d", s.tr("page", "page"), l.Page), "page")
	}
	if l.Frame > 0 {
		add(fmt.Sprintf("%s %d", s.tr("frame", "image"), l.Frame), "frame")
	}
	if l.Part != "" {
		add(l.Part, "part")
	}
	if l.Object != "" {
		add(l.Object, "object")
	}
	if l.Path != "" {
		add(l.Path, "element")
	}
	return out
}

// fingerprint identifies a finding across runs independently of the language and of
// the message wording: rule, file and place.
func fingerprint(f checker.Finding, uri string) string {
	l := f.Location
	h := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%s\x00%d\x00%d\x00%s\x00%s\x00%s\x00%v",
		f.Rule, uri, l.Page, l.Frame, l.Part, l.Object, l.Path, l.Box)))
	return hex.EncodeToString(h[:16])
}

func (s *sarifWriter) End(sum Summary) error {
	for _, sk := range sum.Skipped {
		s.notes = append(s.notes, sarifNotification{Level: "note",
			Message:   sarifMessage{Text: s.tr("Skipped: ", "Ignoré : ") + sk.Reason},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifactLocation{URI: SARIFURI(sk.Path)}}}}})
	}
	return s.end(SummaryJSON(sum))
}

// end writes what follows the results: artifacts, notifications, summary.
func (s *sarifWriter) end(sum *JSONSummary) error {
	inv := map[string]any{"executionSuccessful": true}
	if len(s.notes) > 0 {
		inv["toolExecutionNotifications"] = s.notes
	}
	invs, err := marshalIndent([]any{inv}, "      ", "  ")
	if err != nil {
		return err
	}
	docs := s.docs
	if docs == nil {
		docs = []sarifArtifact{}
	}
	arts, err := marshalIndent(docs, "      ", "  ")
	if err != nil {
		return err
	}
	props, err := marshalIndent(map[string]any{"summary": sum}, "      ", "  ")
	if err != nil {
		return err
	}
	end := "\n      ],"
	if s.results == 0 {
		end = "],"
	}
	end += "\n      \"artifacts\": " + string(arts) + ",\n      \"invocations\": " + string(invs) +
		",\n      \"properties\": " + string(props) + "\n    }\n  ]\n}\n"
	_, err = io.WriteString(s.w, end)
	return err
}

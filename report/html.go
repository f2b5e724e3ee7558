package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"

	"github.com/lab110bis/focusplus/checker"
)

// The HTML report is the one an accessibility officer hands on: one self-contained file
// (inline CSS, no external request, works without script), itself accessible, with a
// summary table of every document sorted by score and each document's findings with
// why, who and how to fix. Everything from documents is escaped by html/template.
// Documents are reduced to what the page shows as they arrive; the page is rendered
// into a buffer at the end so a failure never leaves half a file.

func init() { register("html", newHTML) }

var (
	//go:embed html/report.html.tmpl
	htmlTemplateSource string
	//go:embed html/report.css
	htmlCSS string
	//go:embed html/sort.js
	htmlScript string

	htmlTemplate = template.Must(template.New("report").Parse(htmlTemplateSource))
)

type htmlWriter struct {
	w    io.Writer
	m    Meta
	docs []htmlDoc
}

func newHTML(w io.Writer, m Meta) Writer { return &htmlWriter{w: w, m: m} }

type htmlDoc struct {
	ID, Name, Format, Title, Err string
	Score                        int
	Band, BandName               string
	Capped                       bool
	PagesLabel                   string
	WCAG, PDFUA                  string
	Errors, Warnings, Tips       int
	Review                       int
	Groups                       []htmlGroup
	PassedLine                   string
}

type htmlGroup struct {
	Title string
	Count int
	Rules []htmlRule
}

type htmlRule struct {
	ID, Title, Why, Who, Fix, Refs string
	Instances                      []htmlInstance
}

type htmlInstance struct {
	Message, Count, Where, Data string
}

type htmlLabels struct {
	Title, Skip, Documents, Caption, Document, Format, Score, Errors, Warnings, Tips, ToReview string
	Unreadable, NoDocuments, DocTitle, Capped, Why, Who, Fix, Skipped, Footer                  string
	OpenQuote, CloseQuote                                                                      string
}

func (h *htmlWriter) tr(en, fr string) string { return checker.Text{En: en, Fr: fr}.In(h.m.Lang) }

func (h *htmlWriter) Begin() error { return nil }

func (h *htmlWriter) Document(r checker.Result) error {
	d := htmlDoc{ID: fmt.Sprintf("doc-%d", len(h.docs)+1), Name: r.Name, Format: string(r.Format), Title: r.Title}
	if r.Err != nil {
		d.Err = r.Err.Msg.In(h.m.Lang)
		h.docs = append(h.docs, d)
		return nil
	}
	d.Score, d.Band, d.BandName, d.Capped = r.Score.Value, string(r.Score.Band), bandName(r.Score.Band, h.m.Lang), r.Score.Capped
	d.WCAG, d.PDFUA = WCAGLine(r.Conformance, h.m.Lang), PDFUALine(r.Conformance, h.m.Lang)
	d.PagesLabel = checker.Plural(r.Pages, "%d page", "%d pages", "%d page", "%d pages").In(h.m.Lang)
	groups := []struct {
		outcome  checker.Outcome
		severity checker.Severity
		title    string
	}{
		{checker.Failed, checker.Error, h.tr("Errors", "Erreurs")},
		{checker.Failed, checker.Warning, h.tr("Warnings", "Avertissements")},
		{checker.Failed, checker.Tip, h.tr("Tips", "Conseils")},
		{checker.Review, 0, h.tr("Still needs a person", "À vérifier par une personne")},
	}
	t := &textWriter{m: h.m}
	for _, g := range groups {
		grp := htmlGroup{Title: g.title}
		index := map[string]int{}
		for _, f := range r.Findings {
			if f.Outcome != g.outcome || (g.severity != 0 && f.Severity != g.severity) {
				continue
			}
			grp.Count++
			switch {
			case g.outcome == checker.Review:
				d.Review++
			case g.severity == checker.Error:
				d.Errors++
			case g.severity == checker.Warning:
				d.Warnings++
			default:
				d.Tips++
			}
			i, ok := index[f.Rule]
			if !ok {
				i = len(grp.Rules)
				index[f.Rule] = i
				grp.Rules = append(grp.Rules, h.rule(f))
			}
			inst := htmlInstance{Message: f.Message.In(h.m.Lang), Count: countNote(f, h.m.Lang), Where: t.places(f)}
			if len(f.Data) > 0 {
				keys := make([]string, 0, len(f.Data))
				for k := range f.Data {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				for j, k := range keys {
					keys[j] = k + " " + f.Data[k]
				}
				inst.Data = strings.Join(keys, " · ")
			}
			grp.Rules[i].Instances = append(grp.Rules[i].Instances, inst)
		}
		if grp.Count > 0 {
			d.Groups = append(d.Groups, grp)
		}
	}
	passed, na := 0, 0
	for _, c := range r.Checks {
		switch c.Outcome {
		case checker.Passed:
			passed++
		case checker.NotApplicable:
			na++
		}
	}
	d.PassedLine = fmt.Sprintf(h.tr("Rules passed: %d · not applicable: %d", "Règles respectées : %d · non applicables : %d"), passed, na)
	h.docs = append(h.docs, d)
	return nil
}

// rule gathers the guidance shown once per rule and document.
func (h *htmlWriter) rule(f checker.Finding) htmlRule {
	hr := htmlRule{ID: f.Rule, Title: f.Rule, Fix: f.Fix.In(h.m.Lang), Refs: standardsLine(f.Standards)}
	if h.m.Engine == nil {
		return hr
	}
	r := h.m.Engine.Rule(f.Rule)
	if r == nil {
		return hr
	}
	hr.Title, hr.Why = r.Title.In(h.m.Lang), r.Why.In(h.m.Lang)
	if hr.Fix == "" {
		hr.Fix = r.Fix.In(h.m.Lang)
	}
	var who []string
	for _, a := range r.Affects {
		who = append(who, a.Describe().In(h.m.Lang))
	}
	hr.Who = strings.Join(who, ", ")
	return hr
}

func (h *htmlWriter) End(s Summary) error {
	sorted := make([]htmlDoc, len(h.docs))
	copy(sorted, h.docs)
	sort.SliceStable(sorted, func(i, j int) bool {
		if (sorted[i].Err != "") != (sorted[j].Err != "") {
			return sorted[i].Err != ""
		}
		return sorted[i].Score < sorted[j].Score
	})
	skipped := append([]checker.Skipped(nil), s.Skipped...)
	sort.Slice(skipped, func(i, j int) bool { return skipped[i].Path < skipped[j].Path })
	lang := h.m.Lang
	if lang == "" {
		lang = checker.English
	}
	data := struct {
		Lang        checker.Lang
		Version     string
		L           htmlLabels
		CSS         template.CSS
		Script      template.JS
		SummaryLine string
		Docs        []htmlDoc
		Sorted      []htmlDoc
		Skipped     []checker.Skipped
	}{
		Lang:    lang,
		Version: Version,
		L: htmlLabels{
			Title:       h.tr("Accessibility report", "Rapport d'accessibilité"),
			Skip:        h.tr("Skip to the results", "Aller aux résultats"),
			Documents:   h.tr("Documents", "Documents"),
			Caption:     h.tr("Every document checked, lowest score first. Select a name for its findings.", "Tous les documents vérifiés, du score le plus bas au plus haut. Choisissez un nom pour voir le détail."),
			Document:    h.tr("Document", "Document"),
			Format:      h.tr("Format", "Format"),
			Score:       h.tr("Score", "Score"),
			Errors:      h.tr("Errors", "Erreurs"),
			Warnings:    h.tr("Warnings", "Avertissements"),
			Tips:        h.tr("Tips", "Conseils"),
			ToReview:    h.tr("To review", "À vérifier"),
			Unreadable:  h.tr("cannot be read", "illisible"),
			NoDocuments: h.tr("No document was checked.", "Aucun document n'a été vérifié."),
			DocTitle:    h.tr("title", "titre"),
			OpenQuote:   h.tr("“", "« "),
			CloseQuote:  h.tr("”", " »"),
			Capped:      h.tr("The score is capped at 33: a blocking problem leaves some readers with nothing usable.", "Le score est plafonné à 33 : un problème bloquant laisse certains lecteurs sans rien d'utilisable."),
			Why:         h.tr("Why it matters:", "Pourquoi c'est important :"),
			Who:         h.tr("Who it affects:", "Qui est concerné :"),
			Fix:         h.tr("How to fix it:", "Comment corriger :"),
			Skipped:     h.tr("Files not checked", "Fichiers non vérifiés"),
			Footer:      fmt.Sprintf(h.tr("Made with Focus+ %s. Scores go from 0 to 100; run “focus explain score” for the formula.", "Produit par Focus+ %s. Les scores vont de 0 à 100 ; « focus explain score » donne la formule."), Version),
		},
		CSS:         template.CSS(htmlCSS),
		Script:      template.JS(htmlScript),
		SummaryLine: strings.TrimSpace(SummaryLine(s, h.m.Lang) + " " + TrendLine(s, h.m.Lang)),
		Docs:        h.docs,
		Sorted:      sorted,
		Skipped:     skipped,
	}
	var buf bytes.Buffer
	if err := htmlTemplate.Execute(&buf, data); err != nil {
		return err
	}
	_, err := h.w.Write(buf.Bytes())
	return err
}

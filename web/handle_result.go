package web

import (
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/report"
)

// maxInstancesShown bounds the instances listed under one rule; the rest are counted.
const maxInstancesShown = 50

type resultPage struct {
	page
	Expiry string
	Docs   []docView
}

type docView struct {
	Anchor, Name, Meta, Error string
	ErrorDetails              []string // technical asides of the error, for experts
	DocTitle                  string
	Score                     checker.Score
	BandLabel, BandShort      string
	Conformance               []verdictView
	Capped                    bool
	// Summary and the counts of the table and the headings are computed from Fix, Review
	// and Passed, the lists the page shows: one place, so they cannot disagree.
	Summary                 []string
	FixCount                int
	HasPreviews, HasReading bool
	SeeURL, ReadingURL      string
	NoPreview               string // why the pages cannot be shown (LibreOffice missing)
	Fix                     []severityGroup
	Review                  []ruleCard
	Passed                  []passedRow
}

type severityGroup struct {
	Label, Class string
	Rules        []ruleCard
}

// problems is the number of problem cards (one per failing rule) in the groups.
func problems(groups []severityGroup) int {
	n := 0
	for _, g := range groups {
		n += len(g.Rules)
	}
	return n
}

type ruleCard struct {
	L                         locale
	Level                     int // heading level of the card: 5 under a severity, 4 for reviews
	ID, Title, Tag, Class     string
	Why, Who, Fix, Refs, More string
	Found                     string // how many times the problem was found
	Instances                 []instanceView
	// Places are the technical locations (file part, object, structure path) of the
	// instances listed, for the experts' disclosure.
	Places []string
	// Technical are the library messages taken out of the instances' text.
	Technical []string
}

type instanceView struct {
	Message, Count, Where, URL string
	Contrast                   *contrastView
	n                          int // instances this line stands for
}

type passedRow struct {
	ID, Title, Count string
}

// handleResult is GET /results/{id}: the score and findings of every document of one
// upload, while the cache holds them.
func (s *Server) handleResult(w http.ResponseWriter, r *http.Request) {
	rememberLang(w, r)
	b := s.cache.get(r.PathValue("id"))
	if b == nil {
		s.renderError(w, r, http.StatusNotFound, requestLang(r).T("error.notfound"))
		return
	}
	s.renderResult(w, r, b)
}

func (s *Server) renderResult(w http.ResponseWriter, r *http.Request, b *checkedBatch) {
	l := requestLang(r)
	p := resultPage{page: newPage(r, l, l.T("result.title")), Expiry: l.Tf("result.expiry", humanDuration(s.cfg.CacheTTL, l))}
	for i, d := range b.docs {
		p.Docs = append(p.Docs, s.docView(l, b.id, i, d))
	}
	s.render(w, http.StatusOK, "result", p)
}

func docBase(id string, i int) string { return fmt.Sprintf("/results/%s/%d", id, i+1) }

func (s *Server) docView(l locale, id string, i int, d *checkedDoc) docView {
	res := d.Result
	v := docView{Anchor: fmt.Sprintf("doc-%d", i+1), Name: res.Name, DocTitle: res.Title}
	format := strings.ToUpper(string(res.Format))
	if format == "" {
		format = l.T("format.unknown")
	}
	v.Meta = l.Tf("result.meta", format, res.Pages)
	if checker.IsPicture(res.Format) {
		v.Meta = l.Tf("result.meta.image", format)
	}
	if res.Err != nil {
		v.Error, v.ErrorDetails = readerText(l, l.In(res.Err.Msg))
		if res.Err.Detail != "" {
			v.ErrorDetails = append(v.ErrorDetails, res.Err.Detail)
		}
		return v
	}
	v.Score, v.Capped = res.Score, res.Score.Capped
	v.BandLabel = l.T("band." + string(res.Score.Band))
	v.BandShort = l.T("bandshort." + string(res.Score.Band))
	v.Conformance = conformanceViews(l, res.Conformance)
	base := docBase(id, i)
	q := "?lang=" + string(l)
	if id != "" {
		v.HasPreviews = len(d.Previews) > 0
		v.HasReading = d.Reading != nil
		v.SeeURL, v.ReadingURL = base+"/see"+q, base+"/reading"+q
		if !v.HasPreviews && !d.NoPreview.IsZero() {
			v.NoPreview = l.In(d.NoPreview)
		}
	}
	pageURL := func(loc checker.Location) string {
		if !v.HasPreviews || loc.Page <= 0 && len(d.Previews) != 1 {
			return ""
		}
		pg := max(loc.Page, 1)
		if !d.hasPage(pg) {
			return "" // past the pages that can be shown
		}
		return fmt.Sprintf("%s/see%s&page=%d", base, q, pg)
	}

	// Failures grouped by severity (errors first), then by rule in first-seen order.
	var fails, reviews []checker.Finding
	for _, f := range res.Findings {
		switch f.Outcome {
		case checker.Failed:
			fails = append(fails, f)
		case checker.Review:
			reviews = append(reviews, f)
		}
	}
	for _, sev := range []checker.Severity{checker.Error, checker.Warning, checker.Tip} {
		var group []checker.Finding
		for _, f := range fails {
			if f.Severity == sev {
				group = append(group, f)
			}
		}
		if len(group) == 0 {
			continue
		}
		cards := s.ruleCards(l, group, "tag."+sev.String(), sev.String(), 5, pageURL)
		v.Fix = append(v.Fix, severityGroup{
			Label: l.Tf("sev.heading", l.T("sev."+sev.String()), len(cards)),
			Class: sev.String(),
			Rules: cards,
		})
	}
	v.Review = s.ruleCards(l, reviews, "tag.review", "review", 4, pageURL)

	for _, row := range res.Checks {
		if row.Outcome != checker.Passed {
			continue
		}
		title := row.Rule
		if rule := s.engine.Rule(row.Rule); rule != nil {
			title = l.In(rule.Title)
		}
		v.Passed = append(v.Passed, passedRow{ID: row.Rule, Title: title, Count: l.N("count.items", row.Passed)})
	}
	sort.SliceStable(v.Passed, func(i, j int) bool { return v.Passed[i].ID < v.Passed[j].ID })
	v.FixCount = problems(v.Fix)
	v.Summary = []string{l.N("count.fix", v.FixCount), l.N("count.review", len(v.Review)), l.N("count.passed", len(v.Passed))}
	return v
}

// verdictView is one conformance verdict on the result page: the standard, the verdict
// in words, and the criteria or clauses (shown as code: they are references, not prose).
type verdictView struct {
	Standard, Verdict, RefsLabel string
	Failed, Review               []string
}

func conformanceViews(l locale, c checker.Conformance) []verdictView {
	lang := checker.Lang(l)
	out := []verdictView{{Standard: "WCAG 2.2 " + c.WCAG.Level, Verdict: report.VerdictName(c.WCAG.Verdict, lang),
		RefsLabel: l.T("conf.criteria"), Failed: c.WCAG.Failed, Review: c.WCAG.Review}}
	if c.PDFUA.Verdict != checker.NotApplicable && c.PDFUA.Verdict != 0 {
		out = append(out, verdictView{Standard: "PDF/UA-1", Verdict: report.VerdictName(c.PDFUA.Verdict, lang),
			RefsLabel: l.T("conf.clauses"), Failed: c.PDFUA.Failed})
	}
	return out
}

// ruleCards groups findings by rule, keeping the order of the first finding of each.
func (s *Server) ruleCards(l locale, fs []checker.Finding, tag, class string, level int, pageURL func(checker.Location) string) []ruleCard {
	var cards []ruleCard
	index := map[string]int{}
	for _, f := range fs {
		i, ok := index[f.Rule]
		if !ok {
			c := ruleCard{L: l, Level: level, ID: f.Rule, Title: f.Rule, Tag: l.T(tag), Class: class, Fix: l.In(f.Fix)}
			if rule := s.engine.Rule(f.Rule); rule != nil {
				c.Title, c.Why = l.In(rule.Title), l.In(rule.Why)
				var who []string
				for _, a := range rule.Affects {
					who = append(who, l.In(a.Describe()))
				}
				c.Who = strings.Join(who, ", ")
				c.Refs = standardsLine(rule.Standards)
				if c.Fix == "" {
					c.Fix = l.In(rule.Fix)
				}
			}
			index[f.Rule] = len(cards)
			i = len(cards)
			cards = append(cards, c)
		}
		c := &cards[i]
		if len(c.Instances) < maxInstancesShown {
			msg, technical := readerText(l, l.In(f.Message))
			iv := instanceView{Message: msg, Where: where(l, f.Location), URL: pageURL(f.Location), n: f.Instances(), Contrast: contrastOf(l, f.Data)}
			if n := f.Instances(); n > 1 {
				iv.Count = l.N("count.times", n)
				if pages := report.PageList(f); strings.ContainsAny(pages, ",–") {
					iv.Where = l.Tf("where.pages", pages)
				}
			}
			c.Instances = append(c.Instances, iv)
			if p := technicalPlace(f.Location); p != "" && len(c.Places) < maxInstancesShown {
				c.Places = append(c.Places, p)
			}
			c.Technical = append(c.Technical, technical...)
			if d := f.Data["detail"]; d != "" {
				// A rule keeps the technical cause of a check it could not finish apart
				// from its message: it is for experts only.
				c.Technical = append(c.Technical, d)
			}
		}
	}
	// Found counts instances (a grouped finding counts each place it stands for); More
	// counts the instances of the findings not listed, so Found = listed + More.
	for i := range cards {
		total, listed := 0, 0
		for _, f := range fs {
			if f.Rule == cards[i].ID {
				total += f.Instances()
			}
		}
		for _, iv := range cards[i].Instances {
			listed += iv.n
		}
		cards[i].Found = l.N("count.found", total)
		if extra := total - listed; extra > 0 {
			cards[i].More = l.N("count.more", extra)
		}
	}
	return cards
}

// where names a location for a reader: the page, the frame of an animation.
func where(l locale, loc checker.Location) string {
	var parts []string
	if loc.Page > 0 {
		parts = append(parts, l.Tf("where.page", loc.Page))
	}
	if loc.Frame > 0 {
		parts = append(parts, l.Tf("where.frame", loc.Frame))
	}
	return strings.Join(parts, ", ")
}

// technicalPlace is where an expert finds the instance in the file: the package part,
// the PDF object, the structure path. It is shown only in the experts' details.
func technicalPlace(loc checker.Location) string {
	var parts []string
	for _, p := range []string{loc.Part, loc.Object, loc.Path} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " · ")
}

// standardsLine lists a rule's references: "WCAG 1.1.1 · EN 301 549 10.1.1.1 · RGAA 1.1".
func standardsLine(st checker.Standards) string {
	var parts []string
	add := func(name string, ids []string) {
		if len(ids) > 0 {
			parts = append(parts, name+" "+strings.Join(ids, ", "))
		}
	}
	add("WCAG", st.WCAG)
	add("EN 301 549", st.EN301549)
	add("RGAA", st.RGAA)
	add("PDF/UA", st.PDFUA)
	add("Matterhorn", st.Matterhorn)
	return strings.Join(parts, " · ")
}

package web

import (
	"net/http"
	"strings"

	"github.com/lab110bis/focusplus/checker"
)

// rulesPage is the list of rules or one rule, written from the same metadata as
// `focus rules`, `focus explain`, the API and the README's tables.
type rulesPage struct {
	page
	Groups []ruleGroup
	Rule   *ruleView
}

type ruleGroup struct {
	Label string
	Rules []ruleView
}

type ruleView struct {
	ID, URL, Title, Severity, SevClass, Why, Who, Fix, Refs string
	Blocking                                                bool
}

func (s *Server) ruleView(l locale, r *checker.Rule) ruleView {
	var who []string
	for _, a := range r.Affects {
		who = append(who, l.In(a.Describe()))
	}
	return ruleView{
		ID: r.ID, URL: "/rules/" + r.ID + "?lang=" + string(l), Title: l.In(r.Title),
		Severity: l.T("tag." + r.Severity.String()), SevClass: r.Severity.String(), Blocking: r.Blocking,
		Why: l.In(r.Why), Who: strings.Join(who, ", "), Fix: l.In(r.Fix), Refs: standardsLine(r.Standards),
	}
}

// handleRules is GET /rules: every rule, by severity, with its title.
func (s *Server) handleRules(w http.ResponseWriter, r *http.Request) {
	rememberLang(w, r)
	l := requestLang(r)
	p := rulesPage{page: newPage(r, l, l.T("rules.title"))}
	for _, sev := range []checker.Severity{checker.Error, checker.Warning, checker.Tip} {
		g := ruleGroup{}
		for _, rule := range s.engine.Rules {
			if rule.Severity == sev {
				g.Rules = append(g.Rules, s.ruleView(l, rule))
			}
		}
		g.Label = l.Tf("sev.heading", l.T("sev."+sev.String()), len(g.Rules))
		if len(g.Rules) > 0 {
			p.Groups = append(p.Groups, g)
		}
	}
	s.render(w, http.StatusOK, "rules", p)
}

// handleRule is GET /rules/{id}: why a rule matters, who it affects, how to fix it.
func (s *Server) handleRule(w http.ResponseWriter, r *http.Request) {
	rememberLang(w, r)
	l := requestLang(r)
	rule := s.engine.Rule(strings.ToUpper(r.PathValue("id")))
	if rule == nil {
		s.renderError(w, r, http.StatusNotFound, l.T("rules.notfound"))
		return
	}
	v := s.ruleView(l, rule)
	s.render(w, http.StatusOK, "rules", rulesPage{page: newPage(r, l, v.Title), Rule: &v})
}

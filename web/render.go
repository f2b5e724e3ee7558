package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
)

//go:embed templates/*.html
var templateFiles embed.FS

// pageSet is every page template, parsed once at start.
type pageSet struct {
	byName map[string]*template.Template
}

var pageNames = []string{"upload", "result", "see", "compare", "reading", "error", "rules"}

func parsePages() (*pageSet, error) {
	base, err := template.ParseFS(templateFiles, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	ps := &pageSet{byName: map[string]*template.Template{}}
	for _, name := range pageNames {
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		src, err := fs.ReadFile(templateFiles, "templates/"+name+".html")
		if err != nil {
			return nil, err
		}
		if _, err := t.Parse(string(src)); err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		ps.byName[name] = t
	}
	return ps, nil
}

// page is what every page template gets; page-specific data embeds it.
type page struct {
	Lang      string
	L         locale
	Title     string
	LangLinks []langLink
	// KeepLangURL asks to keep the language beyond the session; empty once asked.
	KeepLangURL, KeepLang string
	LangKept              bool
}

type langLink struct {
	Code, Name, URL string
	Current         bool
}

// newPage fills the common fields; the language switch links keep the current path and
// query, changing only lang.
func newPage(r *http.Request, lang locale, title string) page {
	p := page{Lang: string(lang), L: lang, Title: title}
	for _, l := range []struct{ code, name string }{{"en", "English"}, {"fr", "Français"}} {
		q := r.URL.Query()
		q.Set("lang", l.code)
		u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
		if r.Method != http.MethodGet {
			u = url.URL{Path: "/", RawQuery: "lang=" + l.code}
		}
		p.LangLinks = append(p.LangLinks, langLink{Code: l.code, Name: l.name, URL: u.String(), Current: l.code == string(lang)})
	}
	if r.URL.Query().Get("keep") == "1" && r.URL.Query().Get("lang") == string(lang) {
		p.LangKept = true
	} else {
		q := r.URL.Query()
		q.Set("lang", string(lang))
		q.Set("keep", "1")
		path := r.URL.Path
		if r.Method != http.MethodGet {
			path, q = "/", url.Values{"lang": {string(lang)}, "keep": {"1"}}
		}
		p.KeepLangURL = (&url.URL{Path: path, RawQuery: q.Encode()}).String()
		p.KeepLang = lang.Tf("footer.keeplang", keepLangDays)
	}
	return p
}

// render executes a page into a buffer and writes it only when complete, so an error
// never leaves a half page.
func (s *Server) render(w http.ResponseWriter, status int, name string, data any) {
	var buf bytes.Buffer
	if err := s.pages.byName[name].ExecuteTemplate(&buf, "layout", data); err != nil {
		s.log.Error("render", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

type errorPage struct {
	page
	Heading, Message string
}

// renderError answers with the HTML error page.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	lang := requestLang(r)
	heading := lang.T(fmt.Sprintf("error.%d", status))
	if heading == "" || heading == fmt.Sprintf("error.%d", status) {
		heading = lang.T("error.generic")
	}
	s.render(w, status, "error", errorPage{page: newPage(r, lang, heading), Heading: heading, Message: msg})
}

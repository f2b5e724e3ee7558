package web

import (
	"fmt"
	"net/http"
)

type readingPage struct {
	page
	Name, BackURL string
	Guessed       bool
	Items         []readingItemView
}

type readingItemView struct {
	PageLabel, Role, Text string
	Missing               bool
	Indent                int // 0-4: nesting of list items and table cells
}

// maxReadingItems bounds the reading view of a very long document.
const maxReadingItems = 5000

// handleReading is GET /results/{id}/{doc}/reading: the document as a screen reader
// announces it, for models that know their reading order.
func (s *Server) handleReading(w http.ResponseWriter, r *http.Request) {
	rememberLang(w, r)
	b, n, d := s.lookupDoc(w, r)
	if d == nil {
		return
	}
	l := requestLang(r)
	if d.Reading == nil {
		s.renderError(w, r, http.StatusNotFound, l.T("reading.empty"))
		return
	}
	p := readingPage{
		page:    newPage(r, l, l.T("reading.title")+" — "+d.Result.Name),
		Name:    d.Result.Name,
		BackURL: "/results/" + b.id + "?lang=" + string(l) + fmt.Sprintf("#doc-%d", n),
		Guessed: d.Reading.Guessed,
	}
	lastPage := 0
	multiPage := d.Result.Pages > 1
	for i, it := range d.Reading.Items {
		if i >= maxReadingItems {
			break
		}
		v := readingItemView{Role: roleName(l, it.Role, it.Level), Text: it.Text, Missing: it.Missing}
		switch it.Role {
		case "list-item", "row":
			v.Indent = min(max(it.Level, 1), 4)
		case "cell", "header-cell":
			v.Indent = min(max(it.Level, 1)+1, 4)
		}
		if it.Missing {
			v.Text = missingText(l, it.Role)
		}
		if multiPage && it.Page > 0 && it.Page != lastPage {
			v.PageLabel = "[" + l.Tf("reading.page", it.Page) + "]"
			lastPage = it.Page
		}
		p.Items = append(p.Items, v)
	}
	s.render(w, http.StatusOK, "reading", p)
}

func roleName(l locale, role string, level int) string {
	if role == "heading" {
		return l.Tf("role.heading", max(level, 1))
	}
	if _, ok := messages["role."+role]; ok {
		return l.T("role." + role)
	}
	return l.T("role.paragraph")
}

func missingText(l locale, role string) string {
	switch role {
	case "figure", "link", "table":
		return l.T("missing." + role)
	}
	return l.T("missing.other")
}

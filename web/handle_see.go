package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/lab110bis/focusplus/checker"
)

// stripPages is how many page thumbnails the page strip shows around the current page.
const stripPages = 9

type seePage struct {
	page
	Name, BackURL, FormAction, Unavailable, SimNote string
	Severities                                      []option
	// One page at a time, large, in the chosen view.
	Page, Pages        int
	View               imageView
	ViewName, ViewDesc string
	Caption, Marks     string
	Views              []viewChoice
	// Page navigation through the whole document.
	First, Prev, Next, Last string
	Strip                   []stripPage
	CompareURL              string
	SeverityValue, ViewKey  string
	IsPicture               bool
}

type viewChoice struct {
	Key, Name, Desc, URL string
	Current              bool
}

type stripPage struct {
	Page        int
	URL, Src    string
	Label       string
	Current     bool
	W, H        int
	HasFailures bool
}

// handleSee is GET /results/{id}/{doc}/see?page=N&view=V&severity=S: one page of the
// document, large, as most readers see it or as readers with a colour-vision deficiency
// see it, with the places where a check failed outlined, and navigation through every
// page (drawn when asked for, not all at once).
func (s *Server) handleSee(w http.ResponseWriter, r *http.Request) {
	rememberLang(w, r)
	b, n, d := s.lookupDoc(w, r)
	if d == nil {
		return
	}
	l := requestLang(r)
	qv := r.URL.Query()
	sev := parseSeverity(qv.Get("severity"))
	view := qv.Get("view")
	if view != "original" && (!slices.Contains(deficiencies, view) || s.Simulate == nil) {
		view = "original"
	}
	base := docBase(b.id, n-1)
	sevS := strconv.FormatFloat(sev, 'f', -1, 64)
	link := func(page int, v string) string {
		q := url.Values{"lang": {string(l)}, "page": {strconv.Itoa(page)}, "view": {v}, "severity": {sevS}}
		return base + "/see?" + q.Encode()
	}
	p := seePage{
		page:          newPage(r, l, l.T("see.title")+" — "+d.Result.Name),
		Name:          d.Result.Name,
		BackURL:       "/results/" + b.id + "?lang=" + string(l) + "#" + fmt.Sprintf("doc-%d", n),
		FormAction:    base + "/see",
		Severities:    severityOptions(l, sev),
		SeverityValue: sevS,
		ViewKey:       view,
		IsPicture:     checker.IsPicture(d.Result.Format),
	}
	total := d.pageCount()
	switch {
	case total == 0 && !d.NoPreview.IsZero():
		p.Unavailable = l.In(d.NoPreview)
	case total == 0:
		p.Unavailable = l.T("see.nopreview")
	}
	if s.Simulate == nil {
		p.SimNote = l.T("see.nosim")
	}
	if p.Unavailable != "" {
		s.render(w, http.StatusOK, "see", p)
		return
	}
	pageNo, err := strconv.Atoi(qv.Get("page"))
	if err != nil || pageNo < 1 {
		pageNo = 1
	}
	if pageNo > total {
		pageNo = total
	}
	p.Page, p.Pages = pageNo, total
	wd, ht := d.Previews[0].Width, d.Previews[0].Height
	if pv := findPreview(d, pageNo); pv != nil {
		wd, ht = pv.Width, pv.Height
	}
	name, desc := deficiencyName(l, view)
	p.ViewName, p.ViewDesc = name, desc
	p.View = imageView{
		Src:  fmt.Sprintf("%s/pages/%d/%s.png?lang=%s&severity=%s", base, pageNo, view, l, sevS),
		Alt:  viewAlt(l, d.Result, pageNo, view, sev),
		Name: name, Desc: desc, W: wd, H: ht,
	}
	if p.IsPicture {
		p.Caption = name
	} else {
		p.Caption = l.Tf("see.caption", pageNo, total, name)
	}
	if marks := len(failedBoxes(d, pageNo)); marks > 0 {
		p.Marks = l.N("count.marks", marks)
	}
	for _, v := range append([]string{"original"}, deficiencies...) {
		if v != "original" && s.Simulate == nil {
			continue
		}
		vn, vd := deficiencyName(l, v)
		p.Views = append(p.Views, viewChoice{Key: v, Name: vn, Desc: vd, URL: link(pageNo, v), Current: v == view})
	}
	if pageNo > 1 {
		p.First, p.Prev = link(1, view), link(pageNo-1, view)
	}
	if pageNo < total {
		p.Next, p.Last = link(pageNo+1, view), link(total, view)
	}
	if total > 1 {
		lo := max(1, min(pageNo-stripPages/2, total-stripPages+1))
		sw, sh := fitSize(wd, ht, stripSide)
		for x := lo; x <= min(total, lo+stripPages-1); x++ {
			p.Strip = append(p.Strip, stripPage{
				Page: x, URL: link(x, view), Label: pageLabel(l, d.Result, x), Current: x == pageNo,
				Src: fmt.Sprintf("%s/pages/%d/original.png?lang=%s&size=strip", base, x, l),
				W:   sw, H: sh, HasFailures: len(failedBoxes(d, x)) > 0,
			})
		}
	}
	if view != "original" {
		p.CompareURL = fmt.Sprintf("%s/compare?lang=%s&page=%d&deficiency=%s&severity=%s", base, l, pageNo, view, sevS)
	}
	s.render(w, http.StatusOK, "see", p)
}

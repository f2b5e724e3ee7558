package web

import (
	"fmt"
	"net/http"
	"strconv"
)

type seePage struct {
	page
	Name, BackURL, FormAction, Unavailable, SimNote, MorePages string
	HasMarks                                                   bool
	Severities                                                 []option
	Pages                                                      []seePageView
}

type seePageView struct {
	Page  int
	Label string
	Marks string
	Views []imageView
}

// handleSee is GET /results/{id}/{doc}/see: every previewed page as most readers see it
// and as readers with each colour-vision deficiency see it, at the chosen severity.
func (s *Server) handleSee(w http.ResponseWriter, r *http.Request) {
	rememberLang(w, r)
	b, n, d := s.lookupDoc(w, r)
	if d == nil {
		return
	}
	l := requestLang(r)
	sev := parseSeverity(r.URL.Query().Get("severity"))
	base := docBase(b.id, n-1)
	q := "?lang=" + string(l)
	p := seePage{
		page:       newPage(r, l, l.T("see.title")+" — "+d.Result.Name),
		Name:       d.Result.Name,
		BackURL:    "/results/" + b.id + q + "#" + fmt.Sprintf("doc-%d", n),
		FormAction: base + "/see",
		Severities: severityOptions(l, sev),
	}
	switch {
	case len(d.Previews) == 0 && !d.NoPreview.IsZero():
		p.Unavailable = l.In(d.NoPreview)
	case len(d.Previews) == 0:
		p.Unavailable = l.T("see.nopreview")
	}
	if s.Simulate == nil {
		p.SimNote = l.T("see.nosim")
	}
	sevQ := "&severity=" + strconv.FormatFloat(sev, 'f', -1, 64)
	views := append([]string{"original"}, deficiencies...)
	for _, pv := range d.Previews {
		marks := len(failedBoxes(d, pv.Page))
		spv := seePageView{Page: pv.Page, Label: pageLabel(l, d.Result, pv.Page)}
		if marks > 0 {
			p.HasMarks = true
			spv.Marks = l.N("count.marks", marks)
		}
		wd, ht := fitSize(pv.Width, pv.Height, smallSide)
		for _, v := range views {
			if v != "original" && s.Simulate == nil {
				continue
			}
			name, desc := deficiencyName(l, v)
			iv := imageView{
				Src:  fmt.Sprintf("%s/pages/%d/%s.png%s%s&size=small", base, pv.Page, v, q, sevQ),
				Alt:  viewAlt(l, d.Result, pv.Page, v, sev),
				Name: name, Desc: desc, W: wd, H: ht,
			}
			if v != "original" {
				iv.CompareURL = fmt.Sprintf("%s/compare%s&page=%d&deficiency=%s%s", base, q, pv.Page, v, sevQ)
				iv.CompareLabel = l.Tf("see.compare", name)
			}
			spv.Views = append(spv.Views, iv)
		}
		p.Pages = append(p.Pages, spv)
	}
	if d.Result.Pages > len(d.Previews) && len(d.Previews) > 0 {
		p.MorePages = l.Tf("see.more", len(d.Previews))
	}
	s.render(w, http.StatusOK, "see", p)
}

package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
)

// maxPageOptions bounds the page list of the compare form; the see page's navigation
// reaches every page.
const maxPageOptions = 500

type comparePage struct {
	page
	Name, BackURL, FormAction string
	Page                      int
	Deficiencies, Severities  []option
	PageOptions               []option
	Views                     []imageView
}

// handleCompare is GET /results/{id}/{doc}/compare: one page large, the original beside
// one simulation, with controls for the deficiency, the severity and the page.
func (s *Server) handleCompare(w http.ResponseWriter, r *http.Request) {
	rememberLang(w, r)
	b, n, d := s.lookupDoc(w, r)
	if d == nil {
		return
	}
	l := requestLang(r)
	qv := r.URL.Query()
	sev := parseSeverity(qv.Get("severity"))
	def := qv.Get("deficiency")
	if !slices.Contains(deficiencies, def) {
		def = "deutan"
	}
	pageNo, _ := strconv.Atoi(qv.Get("page"))
	if pageNo == 0 && d.pageCount() > 0 {
		pageNo = 1
	}
	if !d.hasPage(pageNo) || len(d.Previews) == 0 {
		s.renderError(w, r, http.StatusNotFound, l.T("error.nopage"))
		return
	}
	// The size of a page not drawn yet is taken from the first page's.
	pv := &pagePreview{Page: pageNo, Width: d.Previews[0].Width, Height: d.Previews[0].Height}
	if x := findPreview(d, pageNo); x != nil {
		pv = x
	}
	if s.Simulate == nil {
		s.renderError(w, r, http.StatusUnprocessableEntity, l.T("see.nosim"))
		return
	}
	base := docBase(b.id, n-1)
	q := "?lang=" + string(l)
	p := comparePage{
		page:       newPage(r, l, l.T("compare.title")+" — "+d.Result.Name),
		Name:       d.Result.Name,
		BackURL:    fmt.Sprintf("%s/see%s&severity=%g&view=%s&page=%d", base, q, sev, def, pv.Page),
		FormAction: base + "/compare",
		Page:       pv.Page,
		Severities: severityOptions(l, sev),
	}
	for _, v := range deficiencies {
		name, _ := deficiencyName(l, v)
		p.Deficiencies = append(p.Deficiencies, option{Value: v, Label: name, Selected: v == def})
	}
	for x := 1; x <= min(d.pageCount(), maxPageOptions); x++ {
		p.PageOptions = append(p.PageOptions, option{Value: strconv.Itoa(x), Label: pageLabel(l, d.Result, x), Selected: x == pv.Page})
	}
	wd, ht := pv.Width, pv.Height
	for _, v := range []string{"original", def} {
		name, desc := deficiencyName(l, v)
		p.Views = append(p.Views, imageView{
			Src:  fmt.Sprintf("%s/pages/%d/%s.png%s&severity=%g", base, pv.Page, v, q, sev),
			Alt:  viewAlt(l, d.Result, pv.Page, v, sev),
			Name: name, Desc: desc, W: wd, H: ht,
		})
	}
	s.render(w, http.StatusOK, "compare", p)
}

// findPreview returns the preview of page n (the first one when n is 0).
func findPreview(d *checkedDoc, n int) *pagePreview {
	for i := range d.Previews {
		if d.Previews[i].Page == n || n == 0 {
			return &d.Previews[i]
		}
	}
	return nil
}

package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/lab110bis/focusplus/checker"
)

// deficiencies shown beside the original, in the order of the page: the three kinds of
// colour blindness, then no colour at all.
var deficiencies = []string{"protan", "deutan", "tritan", "achromatopsia"}

// severityChoices are the severities offered by the control (1 = dichromacy).
var severityChoices = []float64{1, 0.8, 0.6, 0.4, 0.2}

// smallSide is the longer side of a small preview (?size=small); stripSide of a
// thumbnail in the page strip (?size=strip).
const (
	smallSide = 280
	stripSide = 120
)

type option struct {
	Value, Label string
	Selected     bool
}

type imageView struct {
	Src, Alt, Name, Desc     string
	W, H                     int
	CompareURL, CompareLabel string
}

// lookupDoc finds document {doc} of batch {id}; it writes the 404 page when absent.
func (s *Server) lookupDoc(w http.ResponseWriter, r *http.Request) (*checkedBatch, int, *checkedDoc) {
	b := s.cache.get(r.PathValue("id"))
	n, err := strconv.Atoi(r.PathValue("doc"))
	if b == nil || err != nil || n < 1 || n > len(b.docs) {
		s.renderError(w, r, http.StatusNotFound, requestLang(r).T("error.notfound"))
		return nil, 0, nil
	}
	return b, n, b.docs[n-1]
}

// parseSeverity reads ?severity=, 0..1 in steps of 0.1; anything else is 1.
func parseSeverity(v string) float64 {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f != f || f <= 0 || f > 1 {
		return 1
	}
	return float64(int(f*10+0.5)) / 10
}

func severityOptions(l locale, sel float64) []option {
	var opts []option
	for _, v := range severityChoices {
		label := l.Tf("sev.option", int(v*100))
		if v == 1 {
			label = l.T("sev.option.full")
		}
		opts = append(opts, option{Value: strconv.FormatFloat(v, 'f', -1, 64), Label: label, Selected: v == sel})
	}
	return opts
}

func deficiencyName(l locale, view string) (name, desc string) {
	return l.T("def." + view), l.T("def." + view + ".desc")
}

// fitSize is w×h scaled to fit side.
func fitSize(w, h, side int) (int, int) {
	if w <= side && h <= side {
		return w, h
	}
	if w >= h {
		return side, max(h*side/w, 1)
	}
	return max(w*side/h, 1), side
}

// pageLabel is "Page 3", or "The image" for an image.
func pageLabel(l locale, res checker.Result, page int) string {
	if checker.IsPicture(res.Format) {
		return l.T("see.image")
	}
	return l.Tf("see.page", page)
}

// viewAlt describes a preview for a screen reader: which page, seen how.
func viewAlt(l locale, res checker.Result, page int, view string, sev float64) string {
	name, _ := deficiencyName(l, view)
	if view != "original" && sev < 1 {
		name = fmt.Sprintf("%s, %d %%", name, int(sev*100+0.5))
	}
	return l.Tf("view.alt", pageLabel(l, res, page), name)
}

// Package pdf holds the PDF accessibility rules: every machine-checkable failure
// condition of the Matterhorn Protocol for PDF/UA-1 (ISO 14289-1), grouped into rules a
// person understands, and the document-level checks known from Acrobat's Full Check.
// Each finding names the precise PDF/UA clause it breaks.
package pdf

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
)

// Rules lists the PDF rules in report order.
var Rules = []*checker.Rule{
	Tagged, UAIdentifier, Title, TitleQuality, Language, LanguageMatch, ContentTagged, StructureTypes,
	FigureAlt, FormulaAlt, AltQuality, Headings, FakeHeadings, Tables, TableHeaders, Lists, ManualLists, EmptyParagraphs, TOC, Notes,
	Annotations, Links, LinkText, Forms, FormNames, TabOrder, Media, EmbeddedFiles, OptionalContent, XObjects,
	XFA, AccessPermission, Fonts, Bookmarks,
}

func model(p *checker.Pass) *pdfdoc.Doc {
	d, _ := p.Doc.Content.(*pdfdoc.Doc)
	return d
}

// std returns the rule's references narrowed to one PDF/UA clause and Matterhorn ids.
func std(r *checker.Rule, clause string, matterhorn ...string) checker.Standards {
	s := r.Standards
	s.PDFUA = []string{clause}
	if len(matterhorn) > 0 {
		s.Matterhorn = matterhorn
	}
	return s
}

// failAt reports a failure naming its PDF/UA clause and Matterhorn failure conditions.
func failAt(p *checker.Pass, clause string, mh []string, loc checker.Location, msg checker.Text, data map[string]string) {
	p.Report(checker.Finding{Outcome: checker.Failed, Location: loc, Message: msg, Data: data, Standards: std(p.Rule, clause, mh...)})
}

// failUA reports a failure of a PDF/UA-only requirement: a reader meets no barrier
// (the information is there, in a place assistive technology reads), but the file does
// not conform to ISO 14289-1. The finding keeps its PDF/UA clause and Matterhorn
// conditions and names no WCAG success criterion (nor the EN 301 549 and RGAA
// criteria that restate them), so it weighs on the PDF/UA verdict only.
func failUA(p *checker.Pass, clause string, mh []string, loc checker.Location, msg checker.Text, data map[string]string) {
	p.Report(checker.Finding{Outcome: checker.Failed, Location: loc, Message: msg, Data: data, Standards: uaOnly(std(p.Rule, clause, mh...))})
}

// uaOnly keeps the PDF/UA references of s.
func uaOnly(s checker.Standards) checker.Standards {
	return checker.Standards{PDFUA: s.PDFUA, Matterhorn: s.Matterhorn}
}

func elemLoc(e *pdfdoc.Elem) checker.Location {
	return checker.Location{Page: e.Page, Object: e.Ref, Path: e.Path}
}

func annotLoc(a *pdfdoc.Annot) checker.Location {
	return checker.Location{Page: a.Page, Object: a.Ref, Box: []float64{a.Rect[0], a.Rect[1], a.Rect[2] - a.Rect[0], a.Rect[3] - a.Rect[1]}}
}

func mh(ids ...string) []string { return ids }

// tagged reports whether the document has a structure tree: structure rules are
// not applicable otherwise (PDF-TAGGED reports it once).
func tagged(d *pdfdoc.Doc) bool { return d != nil && d.Root != nil }

func itoa(n int) string { return strconv.Itoa(n) }

// typeName shows a structure type as written and, when role-mapped, its standard type.
func typeName(e *pdfdoc.Elem) string {
	if e.Raw != e.Type && e.Type != "" {
		return e.Raw + " (" + e.Type + ")"
	}
	return e.Raw
}

// parentType is the standard type of the parent element, "" for the root.
func parentType(e *pdfdoc.Elem) string {
	if e.Parent == nil || e.Parent.Raw == "StructTreeRoot" {
		return ""
	}
	return e.Parent.Type
}

// kidTypes lists the standard types of the element's children that map to one.
func kidTypes(e *pdfdoc.Elem) []string {
	out := make([]string, 0, len(e.Kids))
	for _, k := range e.Kids {
		if k.Type != "" {
			out = append(out, k.Type)
		}
	}
	return out
}

func count(ts []string, t string) int {
	n := 0
	for _, x := range ts {
		if x == t {
			n++
		}
	}
	return n
}

// tally groups failures of one kind on a page into one finding with the count and the
// places of its instances (the engine then joins the pages), rather than hundreds of
// findings.
type tally struct {
	order []string
	m     map[string]*tallyItem
}

type tallyItem struct {
	uaOnly bool // a PDF/UA-only requirement (see failUA)
	clause string
	mh     []string
	locs   []checker.Location
	msg    checker.Text
	n      int
}

// add counts one failure under key; the first one gives the message.
func (t *tally) add(key, clause string, mhIDs []string, loc checker.Location, msg checker.Text) {
	if t.m == nil {
		t.m = map[string]*tallyItem{}
	}
	it, ok := t.m[key]
	if !ok {
		it = &tallyItem{clause: clause, mh: mhIDs, msg: msg}
		t.m[key] = it
		t.order = append(t.order, key)
	}
	it.n++
	if len(it.locs) < checker.MaxLocations {
		it.locs = append(it.locs, loc)
	}
}

// addUA counts one failure of a PDF/UA-only requirement (see failUA).
func (t *tally) addUA(key, clause string, mhIDs []string, loc checker.Location, msg checker.Text) {
	t.add(key, clause, mhIDs, loc, msg)
	t.m[key].uaOnly = true
}

// report emits one failure per key, with the number of instances it stands for.
func (t *tally) report(p *checker.Pass) {
	for _, k := range t.order {
		it := t.m[k]
		f := checker.Finding{Outcome: checker.Failed, Location: it.locs[0], Message: it.msg,
			Standards: std(p.Rule, it.clause, it.mh...), Key: k}
		if it.n > 1 {
			f.Count, f.Locations = it.n, it.locs
		}
		if it.uaOnly {
			f.Standards = uaOnly(f.Standards)
		}
		p.Report(f)
	}
}

// failWCAG reports a failure a reader meets that PDF/UA states differently or not at
// all (a tree that tags nothing, a title that is a file name): the finding names the
// WCAG, EN 301 549 and RGAA references of the rule and no PDF/UA clause, so the PDF/UA
// verdict is left to the rules that check the clause.
func failWCAG(p *checker.Pass, loc checker.Location, msg checker.Text, data map[string]string) {
	p.Report(checker.Finding{Outcome: checker.Failed, Location: loc, Message: msg, Data: data, Standards: wcagOnly(p.Rule.Standards)})
}

// reviewWCAG is failWCAG for a finding a person must confirm.
func reviewWCAG(p *checker.Pass, loc checker.Location, msg checker.Text, data map[string]string) {
	p.Report(checker.Finding{Outcome: checker.Review, Location: loc, Message: msg, Data: data, Standards: wcagOnly(p.Rule.Standards)})
}

func wcagOnly(s checker.Standards) checker.Standards {
	s.PDFUA, s.Matterhorn = nil, nil
	return s
}

// maxElemText bounds the text gathered from a subtree.
const maxElemText = 2000

// elemText is the text of an element and its descendants in document order, as a
// screen reader reads it: an ActualText replaces the text of its subtree.
func elemText(e *pdfdoc.Elem) string {
	// Most elements are leaves: their text needs no builder.
	if e.HasActualText {
		return collapseSpace(e.ActualText)
	}
	if len(e.Kids) == 0 {
		return collapseSpace(e.Text)
	}
	var b strings.Builder
	var walk func(e *pdfdoc.Elem, depth int)
	walk = func(e *pdfdoc.Elem, depth int) {
		if b.Len() > maxElemText || depth > 64 {
			return
		}
		if e.HasActualText {
			b.WriteString(e.ActualText)
			return
		}
		b.WriteString(e.Text)
		for _, k := range e.Kids {
			walk(k, depth+1)
		}
	}
	walk(e, 0)
	return collapseSpace(b.String())
}

// collapseSpace is strings.Join(strings.Fields(s), " "): words separated by one space.
// Text that is already so, as most extracted text is, is returned as it is, without
// allocating.
func collapseSpace(s string) string {
	clean, space := true, true // space: the previous rune was a space (or s starts)
	for _, r := range s {
		if unicode.IsSpace(r) {
			if r != ' ' || space {
				clean = false
				break
			}
			space = true
		} else {
			space = false
		}
	}
	if clean && !space {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	inWord := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			inWord = false
		} else {
			if !inWord && b.Len() > 0 {
				b.WriteByte(' ')
			}
			inWord = true
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// wordCount is len(strings.Fields(s)), without allocating.
func wordCount(s string) int {
	n, inWord := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			inWord = false
		} else if !inWord {
			inWord = true
			n++
		}
	}
	return n
}

// quote shortens a text for a message.
func quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "…"
	}
	return s
}

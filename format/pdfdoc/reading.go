package pdfdoc

import (
	"strings"

	"github.com/lab110bis/focusplus/checker"
)

// ReadingView is what a screen reader would announce, in order, from the structure tree.
// For an untagged document the page text is given in content order and Guessed is set.
func (d *Doc) ReadingView() checker.ReadingView {
	var v checker.ReadingView
	if d.Root == nil || len(d.Root.Kids) == 0 {
		v.Guessed = true
		for _, p := range d.Pages {
			if t := clean(p.Content.Text); t != "" {
				v.Items = append(v.Items, checker.ReadingItem{Role: "paragraph", Text: t, Page: p.Num})
			}
		}
		return v
	}
	budget := 100000
	var walk func(e *Elem, listLevel, depth int)
	walk = func(e *Elem, listLevel, depth int) {
		if budget <= 0 || depth > 200 {
			return
		}
		budget--
		add := func(it checker.ReadingItem) {
			it.Page = e.Page
			v.Items = append(v.Items, it)
		}
		switch t := e.Type; {
		case t == "H" || (len(t) == 2 && t[0] == 'H' && t[1] >= '1' && t[1] <= '6'):
			lv := 0
			if t != "H" {
				lv = int(t[1] - '0')
			}
			add(checker.ReadingItem{Role: "heading", Level: lv, Text: subtreeText(e, 0)})
		case t == "P" || t == "Caption" || t == "BlockQuote" || t == "Quote" || t == "Code" || t == "TOCI" || t == "BibEntry":
			add(checker.ReadingItem{Role: "paragraph", Text: subtreeText(e, 0)})
		case t == "Figure" || t == "Formula":
			alt := strings.TrimSpace(e.Alt)
			if alt == "" && e.HasActualText {
				alt = e.ActualText
			}
			add(checker.ReadingItem{Role: "figure", Text: alt, Missing: alt == ""})
		case t == "Link":
			txt := subtreeText(e, 0)
			if txt == "" {
				txt = e.Alt
			}
			add(checker.ReadingItem{Role: "link", Text: txt})
		case t == "Note":
			add(checker.ReadingItem{Role: "note", Text: subtreeText(e, 0)})
		case t == "L":
			for _, k := range e.Kids {
				walk(k, listLevel+1, depth+1)
			}
		case t == "LI":
			var parts []string
			for _, k := range e.Kids {
				if k.Type != "L" {
					if s := subtreeText(k, 0); s != "" {
						parts = append(parts, s)
					}
				}
			}
			if s := clean(e.Text); s != "" {
				parts = append([]string{s}, parts...)
			}
			add(checker.ReadingItem{Role: "list-item", Level: listLevel, Text: strings.Join(parts, " ")})
			for _, k := range e.Kids {
				if k.Type == "L" {
					walk(k, listLevel, depth+1)
				}
			}
		case t == "Table":
			add(checker.ReadingItem{Role: "table", Text: e.Alt})
			for _, k := range e.Kids {
				walk(k, listLevel, depth+1)
			}
		case t == "TR":
			add(checker.ReadingItem{Role: "row"})
			for _, k := range e.Kids {
				walk(k, listLevel, depth+1)
			}
		case t == "TH" || t == "TD":
			role := "cell"
			if t == "TH" {
				role = "header-cell"
			}
			add(checker.ReadingItem{Role: role, Text: subtreeText(e, 0)})
		default:
			if s := clean(e.Text); s != "" {
				add(checker.ReadingItem{Role: "paragraph", Text: s})
			}
			for _, k := range e.Kids {
				walk(k, listLevel, depth+1)
			}
		}
	}
	for _, k := range d.Root.Kids {
		walk(k, 0, 0)
	}
	return v
}

// subtreeText is the element's ActualText, or its own text and its descendants'.
func subtreeText(e *Elem, depth int) string {
	if e.HasActualText {
		return clean(e.ActualText)
	}
	if depth > 64 {
		return ""
	}
	var sb strings.Builder
	used := 0
	for _, n := range e.Nodes {
		if sb.Len() > 4000 {
			break
		}
		switch {
		case n.Elem != nil && n.Elem.Type == "Figure" && n.Elem.Alt != "":
			sb.WriteString(" " + n.Elem.Alt)
		case n.Elem != nil:
			sb.WriteString(" ")
			sb.WriteString(subtreeText(n.Elem, depth+1))
		case n.MCID >= 0:
			if t, ok := e.part(mcKey{n.Owner, n.MCID}); ok {
				sb.WriteString(t)
				used += len(t)
			}
		}
	}
	if used < len(e.Text) && used == 0 {
		// Text reached through marked content the structure does not list in order.
		return clean(e.Text + " " + sb.String())
	}
	return clean(sb.String())
}

func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

var _ checker.ReadingViewer = (*Doc)(nil)

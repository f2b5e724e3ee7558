package odtdoc

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lab110bis/focusplus/format/wordproc"
)

// tableState follows the grid of one open table.
type tableState struct {
	t     *wordproc.Table
	row   *wordproc.Row
	cell  *wordproc.Cell
	col   int
	vspan map[int]int // grid column → rows still covered by a cell above
}

// bodyStart handles an element of office:text.
func (ld *loader) bodyStart(se xml.StartElement) (func(), *strings.Builder, bool) {
	switch se.Name.Space {
	case nsText:
		switch se.Name.Local {
		case "p", "h":
			return ld.openParagraph(se), nil, false
		case "span":
			ld.spans = append(ld.spans, ld.st.resolve("text", attr(se, nsText, "style-name")))
			return func() { ld.spans = ld.spans[:len(ld.spans)-1] }, nil, false
		case "a":
			return ld.openLink(se), nil, false
		case "s":
			n, _ := strconv.Atoi(attr(se, nsText, "c"))
			ld.appendText(strings.Repeat(" ", min(max(n, 1), 1000)), true)
		case "tab":
			ld.appendText("\t", true)
		case "line-break":
			ld.appendText("\n", true)
		case "soft-page-break":
			ld.pageBreaks++
		case "list":
			name := attr(se, nsText, "style-name")
			if name == "" && len(ld.lists) > 0 {
				name = ld.lists[len(ld.lists)-1]
			}
			ld.lists = append(ld.lists, name)
			return func() { ld.lists = ld.lists[:len(ld.lists)-1] }, nil, false
		case "list-item":
			ld.listItems++
			return func() { ld.listItems-- }, nil, false
		case "table-of-content", "alphabetical-index", "illustration-index", "table-index", "object-index", "user-index", "bibliography":
			ld.indexes++
			return func() { ld.indexes-- }, nil, false
		case "page-number", "page-count", "chapter", "date", "time", "file-name", "title", "subject", "author-name":
			if p := ld.para(); p != nil {
				p.Fields = true
			}
		case "note":
			// A footnote's paragraphs are content, but not part of the flow around it.
			saved := ld.paras
			ld.paras = nil
			ld.containers = append(ld.containers, func(wordproc.Block) {})
			return func() {
				ld.paras = saved
				ld.containers = ld.containers[:len(ld.containers)-1]
			}, nil, false
		}
	case nsTable:
		switch se.Name.Local {
		case "table":
			return ld.openTable(se), nil, false
		case "table-header-rows":
			ld.headerRows++
			return func() { ld.headerRows-- }, nil, false
		case "table-row":
			return ld.openRow(), nil, false
		case "table-cell":
			return ld.openCell(se), nil, false
		case "covered-table-cell":
			ld.coveredCell()
		}
	case nsDraw:
		switch se.Name.Local {
		case "frame", "custom-shape", "rect", "ellipse", "circle", "line", "polygon", "polyline", "path", "connector", "g", "control":
			return ld.openFrame(se), nil, false
		case "image":
			if f := ld.frame(); f != nil && f.Kind != wordproc.Group {
				f.Kind = wordproc.Picture
				f.ImageTarget = attr(se, nsXLink, "href")
				f.External = strings.Contains(f.ImageTarget, "://")
			}
		case "object", "object-ole":
			if f := ld.frame(); f != nil && f.Kind != wordproc.Group && f.Kind != wordproc.Picture {
				f.Kind = wordproc.OLEObject
			}
		case "text-box":
			f := ld.frame()
			if f == nil {
				return nil, nil, false
			}
			if f.Kind == "" {
				f.Kind = wordproc.Shape
			}
			ld.containers = append(ld.containers, func(b wordproc.Block) { f.TextBox = append(f.TextBox, b) })
			ld.textBoxes = append(ld.textBoxes, f)
			saved := ld.paras
			ld.paras = nil
			return func() {
				ld.paras = saved
				ld.textBoxes = ld.textBoxes[:len(ld.textBoxes)-1]
				ld.containers = ld.containers[:len(ld.containers)-1]
			}, nil, false
		}
	case nsSVG:
		if f := ld.frame(); f != nil && (se.Name.Local == "title" || se.Name.Local == "desc") {
			var b strings.Builder
			title := se.Name.Local == "title"
			return func() {
				if title {
					f.AltTitle = strings.TrimSpace(b.String())
				} else {
					f.Alt = strings.TrimSpace(b.String())
				}
			}, &b, false
		}
	}
	return nil, nil, false
}

func (ld *loader) para() *wordproc.Paragraph {
	if len(ld.paras) == 0 {
		return nil
	}
	return ld.paras[len(ld.paras)-1]
}

func (ld *loader) frame() *wordproc.Drawing {
	if len(ld.frames) == 0 {
		return nil
	}
	return ld.frames[len(ld.frames)-1]
}

func (ld *loader) table() *tableState {
	if len(ld.tables) == 0 {
		return nil
	}
	return ld.tables[len(ld.tables)-1]
}

// add puts a block in the innermost container: the body, a table cell, a text box.
func (ld *loader) add(b wordproc.Block) {
	if len(ld.containers) == 0 {
		ld.doc.Body = append(ld.doc.Body, b)
		return
	}
	ld.containers[len(ld.containers)-1](b)
}

var titleStyles = map[string]bool{"title": true, "subtitle": true, "titre": true, "sous-titre": true, "titre principal": true}

func (ld *loader) openParagraph(se xml.StartElement) func() {
	styleID := attr(se, nsText, "style-name")
	display, outline, _ := ld.st.info(styleID)
	ld.counts[se.Name.Local]++
	p := &wordproc.Paragraph{
		Part: ld.part, Path: fmt.Sprintf("/office:document-content/office:body/office:text//text:%s[%d]", se.Name.Local, ld.counts[se.Name.Local]),
		StyleID: styleID, StyleName: display, TitleStyle: titleStyles[display],
		Fields: ld.indexes > 0,
	}
	if se.Name.Local == "h" {
		lvl, err := strconv.Atoi(attr(se, nsText, "outline-level"))
		if err != nil || lvl <= 0 {
			lvl = max(outline, 1)
		}
		p.HeadingLevel = min(lvl, 9)
	} else if outline > 0 && !p.TitleStyle {
		p.HeadingLevel = min(outline, 9)
	}
	if ld.listItems > 0 && len(ld.lists) > 0 {
		p.Numbered = true
		p.NumLevel = len(ld.lists) - 1
		p.NumFormat = "bullet"
		if levels := ld.st.lists[ld.lists[0]]; p.NumLevel < len(levels) && levels[p.NumLevel] {
			p.NumFormat = "decimal"
		}
	}
	pp := ld.st.resolve("paragraph", styleID)
	p.Shading = pp.paraBg
	p.Align = wordproc.ParseAlignment(pp.align)
	if t := ld.table(); t != nil {
		p.Table, p.Cell = t.t, t.cell
	}
	if n := len(ld.textBoxes); n > 0 {
		p.TextBox = ld.textBoxes[n-1]
	}
	p.After = ld.lastText
	ld.add(wordproc.Block{Para: p})
	ld.doc.Paragraphs = append(ld.doc.Paragraphs, p)
	ld.paras = append(ld.paras, p)
	ld.paraProps = append(ld.paraProps, pp)
	return func() {
		ld.paras = ld.paras[:len(ld.paras)-1]
		ld.paraProps = ld.paraProps[:len(ld.paraProps)-1]
		p.MaxTabsInARow, p.MaxSpacesInARow = longestRun(p.Text, '\t'), longestRun(p.Text, ' ')
		if wordproc.HasVisibleText(p.Text) {
			ld.lastText = snippet(p.Text)
		}
		if p.TextBox != nil && wordproc.HasVisibleText(p.Text) {
			p.TextBox.HasText = true
		}
	}
}

// text adds character data to the open paragraph, with XML white space collapsed as
// ODF 1.2 (6.1.2) asks: tabs, newlines and runs of spaces read as one space.
func (ld *loader) text(raw []byte) {
	if ld.para() == nil {
		return
	}
	prevSpace := strings.HasSuffix(ld.para().Text, " ") || ld.para().Text == ""
	if collapsed(raw, prevSpace) {
		// Nothing to fold: the common case, taken without going rune by rune.
		ld.appendText(string(raw), false)
		return
	}
	var b strings.Builder
	for _, r := range string(raw) {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			if prevSpace {
				continue
			}
			r, prevSpace = ' ', true
		} else {
			prevSpace = false
		}
		b.WriteRune(r)
	}
	ld.appendText(b.String(), false)
}

// collapsed reports text that white-space folding leaves as it is: no tab or line end,
// no space after a space (nor first, after a paragraph's space or start).
func collapsed(raw []byte, prevSpace bool) bool {
	for _, c := range raw {
		switch c {
		case '\t', '\n', '\r':
			return false
		case ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		default:
			prevSpace = false
		}
	}
	return true
}

// appendText adds text to the open paragraph as a run with the resolved properties.
func (ld *loader) appendText(s string, literal bool) {
	p := ld.para()
	if p == nil || s == "" {
		return
	}
	if len(p.Text) > 1<<20 {
		return
	}
	pr := ld.paraProps[len(ld.paraProps)-1]
	for _, sp := range ld.spans {
		pr = pr.over(sp)
	}
	run := wordproc.Run{
		Text:      s,
		ColorAuto: pr.color == nil || (pr.windowText != nil && *pr.windowText),
		HalfPts:   int(pr.sizePt*2 + 0.5),
		Bold:      pr.bold != nil && *pr.bold,
		Italic:    pr.italic != nil && *pr.italic,
		Hidden:    pr.hidden != nil && *pr.hidden,
		InLink:    len(ld.links) > 0,
		Lang:      pr.lang,
	}
	if run.HalfPts <= 0 {
		run.HalfPts = 24
	}
	if pr.color != nil {
		run.Color = *pr.color
	}
	if pr.textBgSet {
		run.Background = pr.textBg
	}
	if pr.blink != nil && *pr.blink {
		run.Effect = "blinkBackground"
	}
	if n := len(p.Runs); n > 0 {
		last := &p.Runs[n-1]
		if sameLook(*last, run) {
			last.Text += s
			p.Text += s
			ld.linkText(s)
			return
		}
	}
	p.Runs = append(p.Runs, run)
	p.Text += s
	ld.linkText(s)
}

func (ld *loader) linkText(s string) {
	for _, l := range ld.links {
		if len(l.Text) < 4096 {
			l.Text += s
		}
	}
}

func sameLook(a, b wordproc.Run) bool {
	return a.Color == b.Color && a.ColorAuto == b.ColorAuto && a.HalfPts == b.HalfPts && a.Bold == b.Bold &&
		a.Italic == b.Italic && a.Hidden == b.Hidden && a.Effect == b.Effect && a.InLink == b.InLink && a.Lang == b.Lang &&
		((a.Background == nil) == (b.Background == nil)) && (a.Background == nil || *a.Background == *b.Background)
}

func (ld *loader) openLink(se xml.StartElement) func() {
	target := attr(se, nsXLink, "href")
	ld.counts["a"]++
	l := &wordproc.Hyperlink{Part: ld.part, Path: fmt.Sprintf("/office:document-content/office:body/office:text//text:a[%d]", ld.counts["a"]),
		Para: ld.para(), Target: target, External: !strings.HasPrefix(target, "#")}
	ld.doc.Links = append(ld.doc.Links, l)
	if p := ld.para(); p != nil {
		p.Links = append(p.Links, l)
	}
	ld.links = append(ld.links, l)
	return func() {
		l.Text = strings.TrimSpace(l.Text)
		ld.links = ld.links[:len(ld.links)-1]
	}
}

func (ld *loader) openTable(se xml.StartElement) func() {
	ld.counts["table"]++
	t := &wordproc.Table{Part: ld.part, Path: fmt.Sprintf("/office:document-content/office:body/office:text//table:table[%d]", ld.counts["table"]),
		StyleID: attr(se, nsTable, "style-name"), Depth: len(ld.tables), InTextBox: len(ld.frames) > 0}
	if outer := ld.table(); outer != nil {
		t.Parent = outer.cell
	}
	ld.add(wordproc.Block{Table: t})
	ld.doc.Tables = append(ld.doc.Tables, t)
	ld.tables = append(ld.tables, &tableState{t: t, vspan: map[int]int{}})
	return func() { ld.tables = ld.tables[:len(ld.tables)-1] }
}

func (ld *loader) openRow() func() {
	ts := ld.table()
	if ts == nil {
		return nil
	}
	r := &wordproc.Row{Index: len(ts.t.Rows), Header: ld.headerRows > 0}
	ts.t.Rows = append(ts.t.Rows, r)
	ts.row, ts.col = r, 0
	return func() {
		for c, n := range ts.vspan {
			if n <= 1 {
				delete(ts.vspan, c)
			} else {
				ts.vspan[c] = n - 1
			}
		}
		ts.row = nil
	}
}

func (ld *loader) openCell(se xml.StartElement) func() {
	ts := ld.table()
	if ts == nil || ts.row == nil {
		return nil
	}
	span, _ := strconv.Atoi(attr(se, nsTable, "number-columns-spanned"))
	rows, _ := strconv.Atoi(attr(se, nsTable, "number-rows-spanned"))
	c := &wordproc.Cell{Col: ts.col, GridSpan: min(max(span, 1), 1000), Row: ts.row, Table: ts.t,
		Shading: ld.st.resolve("table-cell", attr(se, nsTable, "style-name")).paraBg}
	if c.GridSpan == 1 {
		c.GridSpan = 0
	}
	if rows > 1 {
		c.VMerge = "restart"
		ts.vspan[ts.col] = min(rows, 100_000)
	}
	ts.row.Cells = append(ts.row.Cells, c)
	ts.col += c.Span()
	ts.cell = c
	ld.containers = append(ld.containers, func(b wordproc.Block) { c.Blocks = append(c.Blocks, b) })
	return func() {
		ld.containers = ld.containers[:len(ld.containers)-1]
		ts.cell = nil
	}
}

// coveredCell is a grid position covered by a cell to its left or above: covered from
// above, it is the continuation of a vertical merge; from the left, it is already part
// of the spanning cell.
func (ld *loader) coveredCell() {
	ts := ld.table()
	if ts == nil || ts.row == nil {
		return
	}
	if _, above := ts.vspan[ts.col]; above {
		ts.row.Cells = append(ts.row.Cells, &wordproc.Cell{Col: ts.col, VMerge: "continue", Row: ts.row, Table: ts.t})
		ts.col++
	}
}

func (ld *loader) openFrame(se xml.StartElement) func() {
	inGroup := false
	for _, f := range ld.frames {
		if f.Kind == wordproc.Group {
			inGroup = true
		}
	}
	ld.counts["frame"]++
	d := &wordproc.Drawing{Part: ld.part, Path: fmt.Sprintf("/office:document-content/office:body/office:text//draw:%s[%d]", se.Name.Local, ld.counts["frame"]),
		Para: ld.para(), Name: attr(se, nsDraw, "name"),
		Width: parseLength(attr(se, nsSVG, "width")), Height: parseLength(attr(se, nsSVG, "height")),
		Decorative: attr(se, nsLoext, "decorative") == "true",
	}
	switch se.Name.Local {
	case "g":
		d.Kind = wordproc.Group
	case "frame":
	default:
		d.Kind = wordproc.Shape
	}
	anchor := attr(se, nsText, "anchor-type")
	// Only a page anchor leaves the flow of the text: a frame anchored to its paragraph or
	// character is read with that paragraph.
	d.Floating = anchor == "page"
	if d.Para == nil {
		// Anchored to the page, outside any paragraph: the reading order places it
		// after the paragraph before it.
		if n := len(ld.doc.Paragraphs); n > 0 {
			d.Para = ld.doc.Paragraphs[n-1]
		} else {
			d.Para = &wordproc.Paragraph{Part: ld.part, Path: d.Path}
		}
	}
	ld.frames = append(ld.frames, d)
	return func() {
		ld.frames = ld.frames[:len(ld.frames)-1]
		if d.Kind == "" {
			d.Kind = wordproc.Other
		}
		if inGroup {
			return // the group is announced as one object
		}
		ld.doc.Drawings = append(ld.doc.Drawings, d)
		if d.Para != nil {
			d.Para.Drawings = append(d.Para.Drawings, d)
		}
		if len(ld.links) > 0 {
			l := ld.links[len(ld.links)-1]
			l.Images = append(l.Images, d)
		}
	}
}

func longestRun(s string, c rune) int {
	best, n := 0, 0
	for _, r := range s {
		if r == c {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}

// snippet is the first eight words of s, as strings.Join(strings.Fields(s)[:8], " ")
// gives them, reading no further than the eighth.
func snippet(s string) string {
	var b strings.Builder
	words := 0
	for i := 0; i < len(s) && words < 8; {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		j := i + size
		for j < len(s) {
			r, size := rune(s[j]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(s[j:])
			}
			if unicode.IsSpace(r) {
				break
			}
			j += size
		}
		if words > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[i:j])
		words++
		i = j
	}
	return b.String()
}

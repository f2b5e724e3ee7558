package wordproc

import (
	"fmt"
	"strings"

	"github.com/lab110bis/focusplus/checker"
)

// ReadingView lists the main body as a screen reader announces it: headings with their
// level, paragraphs, list items, tables row by row (header cells marked), figures by
// their alternative text, and links.
func (d *Document) ReadingView() checker.ReadingView {
	var v checker.ReadingView
	if d.Encrypted {
		v.Items = append(v.Items, checker.ReadingItem{Role: "note", Text: "encrypted document: nothing can be read without the password"})
		return v
	}
	d.readBlocks(&v, d.Body, 0, 0)
	return v
}

// maxReadingItems bounds the view of a huge document.
const maxReadingItems = 100_000

func (d *Document) readBlocks(v *checker.ReadingView, blocks []Block, depth, page int) {
	if depth > 64 {
		return
	}
	for _, b := range blocks {
		if len(v.Items) >= maxReadingItems {
			return
		}
		switch {
		case b.Para != nil:
			d.readParagraph(v, b.Para, depth)
		case b.Table != nil:
			d.readTable(v, b.Table, depth)
		}
	}
}

func (d *Document) readParagraph(v *checker.ReadingView, p *Paragraph, depth int) {
	text := strings.TrimSpace(strings.Join(strings.Fields(p.Text), " "))
	switch {
	case p.HeadingLevel > 0 && text != "":
		v.Items = append(v.Items, checker.ReadingItem{Role: "heading", Level: p.HeadingLevel, Text: text})
	case p.Numbered && text != "":
		v.Items = append(v.Items, checker.ReadingItem{Role: "list-item", Level: p.NumLevel + 1, Text: text})
	case text != "":
		v.Items = append(v.Items, checker.ReadingItem{Role: "paragraph", Text: text})
	}
	for _, l := range p.Links {
		lt := strings.TrimSpace(l.Text)
		if lt == "" && len(l.Images) > 0 {
			lt = strings.TrimSpace(l.Images[0].AltText())
		}
		v.Items = append(v.Items, checker.ReadingItem{Role: "link", Text: lt, Missing: lt == ""})
	}
	for _, dr := range p.Drawings {
		if dr.Decorative || dr.Watermark || dr.HorizontalRL {
			continue
		}
		if dr.TextBox != nil {
			d.readBlocks(v, dr.TextBox, depth+1, 0)
			continue
		}
		alt := strings.TrimSpace(dr.AltText())
		v.Items = append(v.Items, checker.ReadingItem{Role: "figure", Text: alt, Missing: alt == ""})
	}
}

func (d *Document) readTable(v *checker.ReadingView, t *Table, depth int) {
	hasHeader := len(t.Rows) > 0 && t.Rows[0].Header
	v.Items = append(v.Items, checker.ReadingItem{Role: "table", Level: depth + 1,
		Text:    fmt.Sprintf("%d × %d", len(t.Rows), t.Columns()),
		Missing: !hasHeader && len(t.Rows) > 1})
	for _, r := range t.Rows {
		v.Items = append(v.Items, checker.ReadingItem{Role: "row", Level: depth + 1})
		for _, c := range r.Cells {
			role := "cell"
			if r.Header {
				role = "header-cell"
			}
			v.Items = append(v.Items, checker.ReadingItem{Role: role, Level: depth + 2, Text: strings.Join(strings.Fields(c.Text()), " ")})
			for _, b := range c.Blocks {
				if b.Table != nil {
					d.readTable(v, b.Table, depth+1)
				}
				if b.Para != nil {
					for _, dr := range b.Para.Drawings {
						if !dr.Decorative && dr.TextBox == nil {
							alt := strings.TrimSpace(dr.AltText())
							v.Items = append(v.Items, checker.ReadingItem{Role: "figure", Level: depth + 2, Text: alt, Missing: alt == ""})
						}
					}
				}
			}
		}
	}
}

var _ checker.ReadingViewer = (*Document)(nil)

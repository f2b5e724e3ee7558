package web

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// node is a small DOM of a page the server wrote, read with encoding/xml in its HTML
// mode (html/template output is regular enough): enough for tests to look at what a
// reader sees.
type node struct {
	Tag      string
	Attr     map[string]string
	Children []*node
	Text     string // for text nodes (Tag == "")
	Parent   *node
}

func parseHTML(t testing.TB, page string) *node {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(page))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	root := &node{Tag: "#root"}
	cur := root
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("page is not well formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{Tag: strings.ToLower(tok.Name.Local), Attr: map[string]string{}, Parent: cur}
			for _, a := range tok.Attr {
				n.Attr[strings.ToLower(a.Name.Local)] = a.Value
			}
			cur.Children = append(cur.Children, n)
			cur = n
		case xml.EndElement:
			for n := cur; n != nil && n != root; n = n.Parent {
				if n.Tag == strings.ToLower(tok.Name.Local) {
					cur = n.Parent
					break
				}
			}
		case xml.CharData:
			cur.Children = append(cur.Children, &node{Text: string(tok), Parent: cur})
		}
	}
	return root
}

func (n *node) hasClass(c string) bool {
	for _, x := range strings.Fields(n.Attr["class"]) {
		if x == c {
			return true
		}
	}
	return false
}

// all returns the elements under n (depth first, document order) that match.
func (n *node) all(match func(*node) bool) []*node {
	var out []*node
	var walk func(*node)
	walk = func(x *node) {
		for _, c := range x.Children {
			if c.Tag != "" && match(c) {
				out = append(out, c)
			}
			walk(c)
		}
	}
	walk(n)
	return out
}

func byTag(tag string) func(*node) bool { return func(n *node) bool { return n.Tag == tag } }
func byTagClass(tag, c string) func(*node) bool {
	return func(n *node) bool { return n.Tag == tag && n.hasClass(c) }
}

// text is the text a reader sees under n, spaces collapsed.
func (n *node) text() string {
	var b strings.Builder
	var walk func(*node)
	walk = func(x *node) {
		if x.Tag == "" {
			b.WriteString(x.Text)
			return
		}
		if x.Tag == "script" || x.Tag == "style" {
			return
		}
		for _, c := range x.Children {
			walk(c)
		}
		b.WriteString(" ")
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// flat lists the elements under n in document order.
func (n *node) flat() []*node { return n.all(func(*node) bool { return true }) }

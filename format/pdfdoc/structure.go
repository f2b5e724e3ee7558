package pdfdoc

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// StandardTypes are the standard structure types of ISO 32000-1, 14.8.4.
var StandardTypes = map[string]bool{}

func init() {
	for _, t := range strings.Fields(`Document Part Art Sect Div BlockQuote Caption TOC TOCI Index
		NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot
		Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure
		Formula Form`) {
		StandardTypes[t] = true
	}
}

// Elem is one structure element, with its type resolved through the role map.
type Elem struct {
	Type   string // standard type after role mapping; "" when it maps to none
	Raw    string // the type as written in the file
	Ref    string // "12 0 R", "" for a direct dictionary
	ObjNum int
	Path   string // "Document/Sect[2]/Figure[1]"
	Parent *Elem
	Kids   []*Elem
	// Nodes are the children in order: elements, marked content and object references.
	Nodes []Node
	Index int // position in document order
	Page  int // page of the element (Pg), 0 if unknown

	Alt, ActualText, E, Lang, ID                string
	HasAlt, HasActualText, HasE, HasLang, HasID bool
	HasParent                                   bool // P entry present

	Scope   string
	Headers []string
	RowSpan int
	ColSpan int
	ListNum string
	Role    string // PrintField Role attribute (rb, cb, pb, tv)
	Text    string // text of its own marked content, when it could be extracted
	// The look of its own text, from the content stream: visible characters, how many
	// of them are bold, and the sum over characters of the font size in points (with
	// the text and graphics matrices applied), for FontSize.
	Chars, BoldChars int
	SizeChars        float64
	textSize         int
	parts            []mcPart      // the same text by marked-content id, for reading order
	partIndex        map[mcKey]int // index of parts, once there are many
}

// FontSize is the mean size in points of the element's own text, 0 when it has none.
func (e *Elem) FontSize() float64 {
	if e.Chars == 0 {
		return 0
	}
	return e.SizeChars / float64(e.Chars)
}

// Node is one child of a structure element.
type Node struct {
	Elem   *Elem
	Page   int // for marked content and objects
	MCID   int // -1 unless marked content
	Owner  int // owner of the MCID: the page number, or -objnum for a form XObject
	ObjNum int // object reference (OBJR), 0 otherwise
}

// InheritedLang is the element's language or its nearest ancestor's.
func (e *Elem) InheritedLang() (string, bool) {
	for x, i := e, 0; x != nil && i < 512; x, i = x.Parent, i+1 {
		if x.HasLang {
			return x.Lang, true
		}
	}
	return "", false
}

// Walk visits the element and its descendants in document order (pre-order).
func (e *Elem) Walk(f func(*Elem) bool) {
	stack := []*Elem{e}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !f(x) {
			continue
		}
		for i := len(x.Kids) - 1; i >= 0; i-- {
			stack = append(stack, x.Kids[i])
		}
	}
}

// KidTypes lists the standard types of the element's child elements.
func (e *Elem) KidTypes() []string {
	out := make([]string, 0, len(e.Kids))
	for _, k := range e.Kids {
		out = append(out, k.Type)
	}
	return out
}

type mcKey struct{ owner, mcid int }

// resolveRole maps a type through the role map; issue is "", "nonstandard" or "circular".
func resolveRole(t string, rm map[string]string) (string, string) {
	if StandardTypes[t] {
		return t, ""
	}
	seen := map[string]bool{t: true}
	cur := t
	for i := 0; i < 64; i++ {
		next, ok := rm[cur]
		if !ok {
			return "", "nonstandard"
		}
		if StandardTypes[next] {
			return next, ""
		}
		if seen[next] {
			return "", "circular"
		}
		seen[next] = true
		cur = next
	}
	return "", "circular"
}

func (b *builder) structTree(cat types.Dict) {
	o, d := b.o, b.d
	root := o.dict(cat["StructTreeRoot"])
	if root == nil {
		return
	}
	d.HasStructTree = true
	if rm := o.dict(root["RoleMap"]); rm != nil {
		for k, v := range rm {
			if n, ok := o.name(v); ok {
				d.RoleMap[k] = n
			} else {
				d.RoleMap[k] = ""
			}
		}
	}
	classMap := o.dict(root["ClassMap"])
	d.Root = &Elem{Type: "StructTreeRoot", Raw: "StructTreeRoot", Ref: refKey(cat["StructTreeRoot"]), RowSpan: 1, ColSpan: 1}
	// A Lang on the root is inherited like an ancestor's (veraPDF reads it so).
	d.Root.Lang, d.Root.HasLang = o.text(root["Lang"])
	pageNum := b.pageNumbers(cat)
	b.pageNum = pageNum
	seen := map[int]bool{}
	if n := refNum(cat["StructTreeRoot"]); n != 0 {
		seen[n] = true
	}
	reported := map[string]bool{}
	var walkKids func(k types.Object, parent *Elem, depth int, page int)
	var walkElem func(x types.Object, parent *Elem, depth int)
	walkKids = func(k types.Object, parent *Elem, depth int, page int) {
		switch v := o.resolve(k).(type) {
		case types.Array:
			for _, c := range v {
				if !o.tick() {
					return
				}
				walkKids(c, parent, depth, page)
			}
		case types.Integer:
			parent.Nodes = append(parent.Nodes, Node{MCID: int(v), Page: page, Owner: page})
			if page > 0 {
				d.byMCID[mcKey{page, int(v)}] = parent
			}
		case types.Dict:
			typ, _ := o.name(v["Type"])
			pg := page
			if p, ok := v["Pg"]; ok {
				pg = pageNum[refNum(p)]
			}
			switch typ {
			case "MCR":
				mcid, _ := o.integer(v["MCID"])
				owner := pg
				if s, ok := v["Stm"]; ok && refNum(s) != 0 {
					owner = -refNum(s)
				}
				parent.Nodes = append(parent.Nodes, Node{MCID: mcid, Page: pg, Owner: owner})
				d.byMCID[mcKey{owner, mcid}] = parent
			case "OBJR":
				on := refNum(v["Obj"])
				parent.Nodes = append(parent.Nodes, Node{MCID: -1, Page: pg, ObjNum: on})
				if on != 0 {
					d.byObj[on] = parent
				}
			default:
				if k != nil && refNum(k) == 0 {
					walkElem(v, parent, depth+1)
				} else {
					walkElem(k, parent, depth+1)
				}
			}
		}
	}
	walkElem = func(x types.Object, parent *Elem, depth int) {
		if depth > o.maxDepth {
			d.Truncated = true
			return
		}
		if n := refNum(x); n != 0 {
			if seen[n] {
				return // a cycle or an element shared by two parents
			}
			seen[n] = true
		}
		if !o.tick() {
			return
		}
		sd := o.dict(x)
		if sd == nil {
			return
		}
		raw, _ := o.name(sd["S"])
		e := &Elem{Raw: raw, Ref: refKey(x), ObjNum: refNum(x), Parent: parent, Index: len(d.Elems), RowSpan: 1, ColSpan: 1}
		if StandardTypes[raw] {
			e.Type = raw
			if tgt, ok := d.RoleMap[raw]; ok && tgt != raw && !reported[raw+"\x00r"] {
				reported[raw+"\x00r"] = true
				d.RoleIssues = append(d.RoleIssues, RoleIssue{Type: raw, Problem: "remapped", Target: tgt, Elem: e})
			}
		} else {
			t, issue := resolveRole(raw, d.RoleMap)
			e.Type = t
			if issue != "" && !reported[raw] {
				reported[raw] = true
				d.RoleIssues = append(d.RoleIssues, RoleIssue{Type: raw, Problem: issue, Target: d.RoleMap[raw], Elem: e})
			}
		}
		e.HasParent = has(sd, "P")
		e.Alt, e.HasAlt = o.text(sd["Alt"])
		e.ActualText, e.HasActualText = o.text(sd["ActualText"])
		e.E, e.HasE = o.text(sd["E"])
		e.Lang, e.HasLang = o.text(sd["Lang"])
		e.ID, e.HasID = o.text(sd["ID"])
		if p, ok := sd["Pg"]; ok {
			e.Page = pageNum[refNum(p)]
		} else if parent != nil {
			e.Page = parent.Page
		}
		b.attributes(e, sd, classMap)
		d.Elems = append(d.Elems, e)
		parent.Kids = append(parent.Kids, e)
		parent.Nodes = append(parent.Nodes, Node{Elem: e, MCID: -1})
		if k, ok := sd["K"]; ok {
			walkKids(k, e, depth, e.Page)
		}
	}
	walkKids(root["K"], d.Root, 0, 0)
	// Paths: type and rank among same-type siblings.
	var setPath func(e *Elem, prefix string, depth int)
	setPath = func(e *Elem, prefix string, depth int) {
		count := map[string]int{}
		for _, k := range e.Kids {
			name := k.Raw
			if name == "" {
				name = "?"
			}
			count[name]++
			k.Path = prefix + name + "[" + strconv.Itoa(count[name]) + "]"
			if depth < o.maxDepth {
				setPath(k, k.Path+"/", depth+1)
			}
		}
	}
	setPath(d.Root, "", 0)
	// Annotation struct parents through the ParentTree, for annotations not reached by OBJR.
	if pt := o.dict(root["ParentTree"]); pt != nil {
		b.parentTree = pt
	}
}

// attributes reads the table and list attributes of an element, from A and C.
func (b *builder) attributes(e *Elem, sd types.Dict, classMap types.Dict) {
	o := b.o
	var dicts []types.Dict
	addAttr := func(x types.Object) {
		switch v := o.resolve(x).(type) {
		case types.Dict:
			dicts = append(dicts, v)
		case types.StreamDict:
			dicts = append(dicts, v.Dict)
		case types.Array:
			for i, a := range v {
				if i > 64 {
					break
				}
				if ad := o.dict(a); ad != nil {
					dicts = append(dicts, ad)
				}
			}
		}
	}
	if classMap != nil {
		var classes []types.Object
		switch v := o.resolve(sd["C"]).(type) {
		case types.Name:
			classes = append(classes, v)
		case types.Array:
			classes = v
		}
		for i, c := range classes {
			if i > 64 {
				break
			}
			if n, ok := o.name(c); ok {
				addAttr(classMap[n])
			}
		}
	}
	addAttr(sd["A"])
	for _, a := range dicts {
		if s, ok := o.name(a["Scope"]); ok {
			e.Scope = s
		}
		if h := o.array(a["Headers"]); h != nil {
			e.Headers = e.Headers[:0]
			for i, x := range h {
				if i > 1024 {
					break
				}
				if s, ok := o.text(x); ok {
					e.Headers = append(e.Headers, s)
				}
			}
		}
		if n, ok := o.integer(a["RowSpan"]); ok && n > 0 {
			e.RowSpan = min(n, 10000)
		}
		if n, ok := o.integer(a["ColSpan"]); ok && n > 0 {
			e.ColSpan = min(n, 10000)
		}
		if s, ok := o.name(a["ListNumbering"]); ok {
			e.ListNum = s
		}
		if s, ok := o.name(a["Role"]); ok {
			e.Role = s
		}
	}
}

// pageNumbers maps page object numbers to 1-based page numbers (pages are walked here
// once; b.pages reuses the order).
func (b *builder) pageNumbers(cat types.Dict) map[int]int {
	if b.pageNum != nil {
		return b.pageNum
	}
	b.collectPages(cat)
	m := make(map[int]int, len(b.pageRefs))
	for i, r := range b.pageRefs {
		if n := refNum(r); n != 0 {
			m[n] = i + 1
		}
	}
	b.pageNum = m
	return m
}

// collectPages walks the page tree into b.pageRefs with inherited attributes.
func (b *builder) collectPages(cat types.Dict) {
	if b.pageRefs != nil {
		return
	}
	o := b.o
	b.pageRefs = []types.Object{}
	seen := map[int]bool{}
	maxPages := b.lim.MaxPages
	var walk func(x types.Object, inh inherited, depth int)
	walk = func(x types.Object, inh inherited, depth int) {
		if depth > 64 || !o.tick() {
			if depth > 64 {
				b.d.Truncated = true
			}
			return
		}
		if n := refNum(x); n != 0 {
			if seen[n] {
				b.d.Notes = append(b.d.Notes, fmt.Sprintf("page tree cycle at %s", refKey(x)))
				return
			}
			seen[n] = true
		}
		nd := o.dict(x)
		if nd == nil {
			return
		}
		if r := o.dict(nd["Resources"]); r != nil {
			inh.res = r
		}
		if bx := o.array(nd["CropBox"]); len(bx) == 4 {
			inh.crop = bx
		}
		if bx := o.array(nd["MediaBox"]); len(bx) == 4 {
			inh.media = bx
		}
		t, _ := o.name(nd["Type"])
		kids, hasKids := nd["Kids"]
		if t == "Pages" || (t != "Page" && hasKids) {
			for _, k := range o.array(kids) {
				walk(k, inh, depth+1)
			}
			return
		}
		if maxPages > 0 && len(b.pageRefs) >= maxPages {
			b.d.Truncated = true
			return
		}
		b.pageRefs = append(b.pageRefs, x)
		b.pageInh = append(b.pageInh, inh)
	}
	pages := cat["Pages"]
	if root := o.dict(pages); root != nil {
		b.d.PageCount, _ = o.integer(root["Count"])
	}
	walk(pages, inherited{}, 0)
}

type inherited struct {
	res         types.Dict
	crop, media types.Array
}

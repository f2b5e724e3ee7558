package docxdoc

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// rel is one relationship of a part.
type rel struct {
	typ, target string
	external    bool
}

// frame is one step of the XPath-like location of the element being read: its name,
// its index among its parent's children of that name (0: none written), and a slash
// before it (inside a text box). The step is written out only when a location is asked
// for, not for every element read.
type frame struct {
	name  string
	idx   int
	slash bool
	kids  []kid
}

type kid struct {
	name string
	n    int
}

// field is an open complex field (w:fldChar begin ... separate ... end).
type field struct {
	instr  strings.Builder
	result bool
	link   *collector
}

// collector gathers the text of a link or content control while its paragraphs are read.
type collector struct {
	b    strings.Builder
	link *Hyperlink
	ctl  *Control
}

// bodyParser reads one story part (document, header, footer, notes) into blocks.
type bodyParser struct {
	w     *walker
	doc   *Document
	st    *styleSet
	part  string
	rels  map[string]rel
	dir   string // folder of the part, to resolve relationship targets
	path  []frame
	slash string // "//" after a text box, whose inner path is abbreviated

	fields     []*field
	collectors []*collector
	cell       *Cell
	table      *Table
	depth      int // table nesting
	textBox    *Drawing

	pageBreaks    int
	renderedPages int
	sections      int
	lastText      string // first words of the last paragraph with text
	paraBlock     []Paragraph
	runBlock      []Run
	root          string // local name of the part's root element
}

func (b *bodyParser) push(name string) {
	idx := 1
	if n := len(b.path); n > 0 {
		top := &b.path[n-1]
		found := false
		for i := range top.kids {
			if top.kids[i].name == name {
				top.kids[i].n++
				idx = top.kids[i].n
				found = true
				break
			}
		}
		if !found {
			top.kids = append(top.kids, kid{name, 1})
		}
	}
	switch name {
	case "w:body", "w:sdtContent", "w:txbxContent":
		// one per parent by the schema: no index, as in "/w:document/w:body/w:p[3]"
		idx = 0
	}
	if len(b.path) == 0 {
		idx = 0
	}
	f := frame{name: name, idx: idx}
	if n := len(b.path); n < cap(b.path) {
		// The frame last popped from this level lends its list of children.
		f.kids = b.path[:n+1][n].kids[:0]
	}
	if b.slash != "" {
		f.slash = true
		b.slash = ""
	}
	b.path = append(b.path, f)
}

func (b *bodyParser) pop() { b.path = b.path[:len(b.path)-1] }

func (b *bodyParser) where() string {
	n := 0
	for _, f := range b.path {
		n += len(f.name) + 8
	}
	out := make([]byte, 0, n)
	for _, f := range b.path {
		out = append(out, '/')
		if f.slash {
			out = append(out, '/')
		}
		out = append(out, f.name...)
		if f.idx > 0 {
			out = append(out, '[')
			out = strconv.AppendInt(out, int64(f.idx), 10)
			out = append(out, ']')
		}
	}
	return string(out)
}

func (b *bodyParser) target(id string) (string, bool) {
	r, ok := b.rels[id]
	if !ok {
		return "", false
	}
	if r.external {
		return r.target, true
	}
	return resolvePart(b.dir, r.target), false
}

// parseStory reads a part's root element: w:document, w:hdr, w:ftr, w:footnotes, w:endnotes.
func (b *bodyParser) parseStory() ([]Block, error) {
	w := b.w
	var blocks []Block
	add := func(bl Block) { blocks = append(blocks, bl) }
	err := w.each(func(se xml.StartElement) error {
		if w.ns(se.Name.Space) != nsW {
			return w.skip()
		}
		switch se.Name.Local {
		case "document", "hdr", "ftr", "footnotes", "endnotes", "body", "footnote", "endnote":
			if w.depth == 1 {
				b.root = se.Name.Local
			}
			b.push("w:" + se.Name.Local)
			if se.Name.Local == "document" || se.Name.Local == "footnotes" || se.Name.Local == "endnotes" {
				// Their children are not blocks (w:background, w:body, w:footnote): keep
				// walking at this level.
				return nil
			}
			if err := b.blocks(add); err != nil {
				return err
			}
			b.pop()
			return nil
		case "background":
			if b.doc.Background == nil {
				c := w.colorOf(se, "color", "themeColor", "themeTint", "themeShade")
				if rgb, auto := b.st.resolve(c); !auto {
					b.doc.Background = &rgb
				}
			}
		}
		return w.skip()
	})
	return blocks, err
}

// blocks reads block-level content until the end of the current element.
func (b *bodyParser) blocks(add func(Block)) error {
	return b.w.within(func(se xml.StartElement) error { return b.block(se, add) })
}

func (b *bodyParser) block(se xml.StartElement, add func(Block)) error {
	w := b.w
	switch w.ns(se.Name.Space) {
	case nsW:
		switch se.Name.Local {
		case "p":
			b.push("w:p")
			p, err := b.paragraph()
			b.pop()
			if err != nil {
				return err
			}
			add(Block{Para: p})
			return nil
		case "tbl":
			b.push("w:tbl")
			t, err := b.tableEl()
			b.pop()
			if err != nil {
				return err
			}
			add(Block{Table: t})
			return nil
		case "sdt":
			b.push("w:sdt")
			err := b.sdt(nil, func() error { return b.blocks(add) })
			b.pop()
			return err
		case "customXml", "ins", "moveTo", "smartTag", "sdtContent":
			b.push("w:" + se.Name.Local)
			err := b.blocks(add)
			b.pop()
			return err
		case "sectPr":
			b.sections++
		}
	case nsMC:
		if se.Name.Local == "AlternateContent" {
			return b.alternate(func() error { return b.blocks(add) })
		}
	}
	return w.skip()
}

// alternate reads the first mc:Choice of an mc:AlternateContent and skips the fallback,
// which repeats the same content in an older form.
func (b *bodyParser) alternate(read func() error) error {
	w := b.w
	chosen := false
	return w.children(anyNS, func(se xml.StartElement) error {
		if w.ns(se.Name.Space) == nsMC && se.Name.Local == "Choice" && !chosen {
			chosen = true
			return read()
		}
		return nil
	})
}

// sdt reads a content control: its w:sdtPr, then its content with read.
func (b *bodyParser) sdt(para *Paragraph, read func() error) error {
	w := b.w
	c := &Control{Part: b.part, Path: b.where(), Kind: "richText", Para: para}
	col := &collector{ctl: c}
	b.collectors = append(b.collectors, col)
	defer func() {
		for i := len(b.collectors) - 1; i >= 0; i-- {
			if b.collectors[i] == col {
				b.collectors = append(b.collectors[:i], b.collectors[i+1:]...)
				break
			}
		}
		c.Text = col.b.String()
	}()
	b.doc.Controls = append(b.doc.Controls, c)
	return w.children(anyNS, func(se xml.StartElement) error {
		switch {
		case w.is(se, nsW, "sdtPr"):
			return b.sdtPr(c)
		case w.is(se, nsW, "sdtContent"):
			b.push("w:sdtContent")
			err := read()
			b.pop()
			return err
		}
		return nil
	})
}

func (b *bodyParser) sdtPr(c *Control) error {
	w := b.w
	return w.children(anyNS, func(se xml.StartElement) error {
		switch se.Name.Local {
		case "alias":
			c.Alias = w.attr(se, nsW, "val")
		case "tag":
			c.Tag = w.attr(se, nsW, "val")
		case "docPartObj", "docPartList":
			c.Kind = "docPart"
		case "citation", "bibliography", "equation", "group", "text", "dropDownList", "comboBox", "date", "picture":
			c.Kind = se.Name.Local
		case "checkbox":
			c.Kind = "checkbox"
		}
		return nil
	})
}

// newParagraph registers a paragraph at the current location.
func (b *bodyParser) newParagraph() *Paragraph {
	// Paragraphs are carved from blocks of 256: a long report has a hundred thousand.
	if len(b.paraBlock) == 0 {
		b.paraBlock = make([]Paragraph, 256)
	}
	p := &b.paraBlock[0]
	b.paraBlock = b.paraBlock[1:]
	*p = Paragraph{Part: b.part, Path: b.where(), Table: b.table, Cell: b.cell, TextBox: b.textBox, After: b.lastText}
	b.doc.Paragraphs = append(b.doc.Paragraphs, p)
	for _, c := range b.collectors {
		if c.ctl != nil && c.ctl.Para == nil {
			c.ctl.Para = p
		}
	}
	return p
}

// paraState is what is known while a paragraph's children are read.
type paraState struct {
	p        *Paragraph
	props    pProps
	resolved bool
	text     textJoin
	spaces   int // current run of spaces
	tabs     int
}

func (b *bodyParser) paragraph() (*Paragraph, error) {
	ps := &paraState{p: b.newParagraph(), props: pProps{outline: -1}}
	err := b.inline(ps)
	b.finishParagraph(ps)
	return ps.p, err
}

// resolve applies the paragraph's style once its w:pPr is known (it comes first).
func (b *bodyParser) resolve(ps *paraState) {
	if ps.resolved {
		return
	}
	ps.resolved = true
	p, st := ps.p, b.st
	id := ps.props.style
	if id == "" || st.byID[id] == nil {
		id = st.defPara
	}
	p.StyleID = id
	if s := st.byID[id]; s != nil {
		p.StyleName = s.name
	}
	p.HeadingLevel = st.headingLevel(id)
	if o := ps.props.outline; o >= 0 {
		// Direct outline level (Paragraph > Outline level) makes a heading too, and
		// "Body Text" (9) cancels one inherited from the style.
		if o <= 8 {
			p.HeadingLevel = o + 1
		} else {
			p.HeadingLevel = 0
		}
	}
	p.TitleStyle = st.isTitleStyle(id)
	numID, ilvl, ok := ps.props.numID, ps.props.ilvl, ps.props.numSet
	if !ok {
		numID, ilvl, ok = st.paraNum(id)
	}
	if ok && numID != "" && numID != "0" {
		p.Numbered, p.NumLevel, p.NumFormat = true, ilvl, st.numFormat(numID, ilvl)
	}
	sh := ps.props.shd
	if !sh.set {
		sh = st.paraShading(id)
	}
	if c, ok := st.shading(sh); ok {
		p.Shading = &c
	}
	jc := ps.props.jc
	if jc == "" {
		jc = st.paraAlign(id)
	}
	p.Align = parseAlignment(jc)
	p.Frame, p.DropCap = ps.props.frame, ps.props.dropCap
	if ps.props.sectPr {
		p.PageBreak = true
		b.sections++
	}
}

func (b *bodyParser) finishParagraph(ps *paraState) {
	b.resolve(ps)
	ps.p.Text = ps.text.String()
	if hasVisibleText(ps.p.Text) {
		b.lastText = firstWords(ps.p.Text, 80)
	}
}

// firstWords keeps at most n bytes of s, its white space made single spaces (as
// strings.Join(strings.Fields(s), " ") does), cut at a word and rune boundary. It reads
// only as much of s as the cut needs: every paragraph of a long document passes here.
func firstWords(s string, n int) string {
	if cut, short, ok := plainPrefix(s, n); ok {
		if short {
			return cut
		}
		if i := strings.LastIndexByte(cut, ' '); i > n/2 {
			cut = cut[:i]
		}
		return cut + "…"
	}
	out := make([]byte, 0, min(len(s), n+utf8.UTFMax+1)+len("…"))
	i := 0
	for len(out) <= n {
		i = spaceEnd(s, i, true)
		if i == len(s) {
			break
		}
		j := spaceEnd(s, i, false)
		if len(out) > 0 {
			out = append(out, ' ')
		}
		// Past byte n only the byte after the cut is looked at.
		out = append(out, s[i:min(j, i+n+1-min(len(out), n))]...)
		i = j
	}
	if len(out) <= n {
		return string(out)
	}
	cut := out[:n]
	for len(cut) > 0 && !utf8.RuneStart(out[len(cut)]) {
		cut = cut[:len(cut)-1]
	}
	if i := bytes.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return string(append(cut, "…"...))
}

// plainPrefix answers firstWords for the common paragraph without going through its
// text rune by rune: when s is ASCII, starts with no white space and holds no white
// space but single spaces up to byte n (and to its end when it is shorter), those bytes
// are the normalised text's own. It gives s itself when it is that short and does not
// end on a space, or its first n bytes when a letter follows them (the normalised text
// is then longer than n, and the byte after the cut is no rune's continuation).
func plainPrefix(s string, n int) (cut string, short, ok bool) {
	end := min(len(s), n+1)
	prev := byte(' ')
	for i := 0; i < end; i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c == ' ' && prev == ' ' || c != ' ' && asciiSpace(c) {
			return "", false, false
		}
		prev = c
	}
	if len(s) <= n {
		return s, true, prev != ' '
	}
	return s[:n], false, s[n] != ' '
}

// spaceEnd returns the index of the first byte from i that is not white space (space
// true) or that is (space false), by unicode.IsSpace, or len(s).
func spaceEnd(s string, i int, space bool) int {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace(c) != space {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) != space {
			return i
		}
		i += size
	}
	return i
}

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// textJoin joins a text's pieces, without a copy for a text of one piece (a paragraph
// of one run, a run of one w:t): the common case.
type textJoin struct {
	first  string
	b      strings.Builder
	pieces int
}

func (j *textJoin) add(s string) {
	switch j.pieces {
	case 0:
		j.first = s
	case 1:
		j.b.Grow(2 * (len(j.first) + len(s)))
		j.b.WriteString(j.first)
		fallthrough
	default:
		j.b.WriteString(s)
	}
	j.pieces++
}

func (j *textJoin) String() string {
	if j.pieces <= 1 {
		return j.first
	}
	return j.b.String()
}

// appendText adds visible text to the paragraph and to every open link or control.
func (b *bodyParser) appendText(ps *paraState, s string) {
	ps.text.add(s)
	for _, c := range b.collectors {
		c.b.WriteString(s)
	}
	for _, f := range b.fields {
		if f.link != nil {
			f.link.b.WriteString(s)
		}
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ':
			ps.spaces++
			ps.p.MaxSpacesInARow = max(ps.p.MaxSpacesInARow, ps.spaces)
			ps.tabs = 0
		case '\t':
			ps.tabs++
			ps.p.MaxTabsInARow = max(ps.p.MaxTabsInARow, ps.tabs)
			ps.spaces = 0
		default:
			ps.spaces, ps.tabs = 0, 0
		}
	}
}

// inline reads paragraph content until the end of the current element.
func (b *bodyParser) inline(ps *paraState) error {
	w := b.w
	return w.children(anyNS, func(se xml.StartElement) error {
		switch w.ns(se.Name.Space) {
		case nsW:
			switch se.Name.Local {
			case "pPr":
				props, err := w.pPr()
				if err != nil {
					return err
				}
				ps.props = props
				b.resolve(ps)
			case "r":
				b.resolve(ps)
				b.push("w:r")
				err := b.run(ps)
				b.pop()
				return err
			case "hyperlink":
				b.resolve(ps)
				b.push("w:hyperlink")
				l := &Hyperlink{Part: b.part, Path: b.where(), Para: ps.p}
				if id := w.attr(se, nsR, "id"); id != "" {
					l.Target, l.External = b.target(id)
				}
				if a := w.attr(se, nsW, "anchor"); a != "" && l.Target == "" {
					l.Target = "#" + a
				}
				err := b.linkContent(ps, l)
				b.pop()
				return err
			case "fldSimple":
				b.resolve(ps)
				ps.p.Fields = true
				instr := w.attr(se, nsW, "instr")
				if t, ok := hyperlinkField(instr); ok {
					b.push("w:fldSimple")
					l := &Hyperlink{Part: b.part, Path: b.where(), Para: ps.p, Target: t, External: !strings.HasPrefix(t, "#"), Field: true}
					err := b.linkContent(ps, l)
					b.pop()
					return err
				}
				return b.inline(ps)
			case "sdt":
				b.resolve(ps)
				b.push("w:sdt")
				err := b.sdt(ps.p, func() error { return b.inline(ps) })
				b.pop()
				return err
			case "ins", "moveTo", "smartTag", "customXml", "dir", "bdo", "sdtContent":
				return b.inline(ps)
			}
		case nsM:
			// Office Math: its text is read out (m:t), without run properties.
			return b.math(ps)
		case nsMC:
			if se.Name.Local == "AlternateContent" {
				return b.alternate(func() error { return b.inline(ps) })
			}
		}
		return nil
	})
}

func (b *bodyParser) linkContent(ps *paraState, l *Hyperlink) error {
	col := &collector{link: l}
	b.collectors = append(b.collectors, col)
	ps.p.Links = append(ps.p.Links, l)
	b.doc.Links = append(b.doc.Links, l)
	err := b.inline(ps)
	b.collectors = b.collectors[:len(b.collectors)-1]
	l.Text = col.b.String()
	return err
}

func (b *bodyParser) math(ps *paraState) error {
	w := b.w
	return w.within(func(se xml.StartElement) error {
		if w.is(se, nsM, "t") {
			s, err := w.text()
			if err != nil {
				return err
			}
			b.appendText(ps, s)
		}
		return nil
	})
}

// hyperlinkField returns the target of a HYPERLINK field instruction:
// HYPERLINK "url" or HYPERLINK \l "bookmark".
func hyperlinkField(instr string) (string, bool) {
	f := strings.Fields(instr)
	if len(f) == 0 || !strings.EqualFold(f[0], "HYPERLINK") {
		return "", false
	}
	target, local := "", false
	for i := 1; i < len(f); i++ {
		switch {
		case f[i] == `\l`:
			local = true
		case strings.HasPrefix(f[i], `\`):
			if f[i] == `\o` || f[i] == `\t` {
				i++ // switch argument
			}
		case target == "":
			target = strings.Trim(f[i], `"`)
		}
	}
	if local {
		target = "#" + target
	}
	return target, true
}

// run reads one w:r.
func (b *bodyParser) run(ps *paraState) error {
	w := b.w
	var direct rProps
	var cur *Run
	// The run is resolved on its first content: w:rPr comes first when present.
	mk := func() *Run {
		if cur != nil {
			return cur
		}
		base := b.st.runBase(ps.p.StyleID, direct.rStyle)
		r := base.over(&direct)
		run := Run{Bold: r.b > 0, Italic: r.i > 0, Hidden: r.vanish > 0, Effect: r.effect, HalfPts: r.sz, Lang: r.lang}
		if run.HalfPts <= 0 {
			run.HalfPts = 20 // ECMA-376 17.3.2.38: 10 pt when nothing says otherwise
		}
		run.Color, run.ColorAuto = b.st.resolve(r.color)
		if r.highlight != "" && r.highlight != "none" {
			if c, ok := highlights[r.highlight]; ok {
				run.Background = &c
			}
		}
		if run.Background == nil {
			if c, ok := b.st.shading(r.shd); ok {
				run.Background = &c
			}
		}
		run.InLink = len(b.collectors) > 0 && b.collectors[len(b.collectors)-1].link != nil
		for _, f := range b.fields {
			if f.link != nil {
				run.InLink = true
			}
		}
		if ps.p.Runs == nil {
			// A paragraph's first two runs come from a shared block: most have one or two.
			if len(b.runBlock) < 2 {
				b.runBlock = make([]Run, 512)
			}
			ps.p.Runs, b.runBlock = b.runBlock[:0:2], b.runBlock[2:]
		}
		ps.p.Runs = append(ps.p.Runs, run)
		cur = &ps.p.Runs[len(ps.p.Runs)-1]
		return cur
	}
	// The run's text is built once: a run may hold a great many w:t elements.
	var text textJoin
	defer func() {
		if cur != nil {
			cur.Text = text.String()
		}
	}()
	add := func(s string) {
		r := mk()
		if r.Hidden || b.inInstr() {
			return
		}
		text.add(s)
		b.appendText(ps, s)
	}
	return w.children(anyNS, func(se xml.StartElement) error {
		sp := w.ns(se.Name.Space)
		if sp == nsMC && se.Name.Local == "AlternateContent" {
			// A run's alternate content holds drawings: read the choice as run content.
			return b.alternate(func() error { return b.runContent(ps, mk) })
		}
		if sp != nsW {
			return nil
		}
		switch se.Name.Local {
		case "rPr":
			if cur == nil {
				var err error
				direct, err = w.rPr()
				return err
			}
		case "t":
			s, err := w.text()
			if err != nil {
				return err
			}
			add(s)
		case "tab", "ptab":
			add("\t")
		case "br", "cr":
			if se.Name.Local == "br" && w.attr(se, nsW, "type") == "page" {
				ps.p.PageBreak = true
				b.pageBreaks++
			} else {
				add("\n")
			}
		case "lastRenderedPageBreak":
			b.renderedPages++
		case "noBreakHyphen":
			add("-")
		case "sym":
			// Symbol-font characters are bullets or arrows in hand-made lists.
			add("•")
		case "fldChar":
			b.fieldChar(ps, w.attr(se, nsW, "fldCharType"))
		case "instrText":
			s, err := w.text()
			if err != nil {
				return err
			}
			if n := len(b.fields); n > 0 && !b.fields[n-1].result && b.fields[n-1].instr.Len() < 4096 {
				b.fields[n-1].instr.WriteString(s)
			}
		case "drawing", "pict", "object":
			mk()
			b.push("w:" + se.Name.Local)
			err := b.drawing(ps, se.Name.Local)
			b.pop()
			return err
		}
		return nil
	})
}

// runContent reads the content of an mc:Choice inside a run (a drawing, usually).
func (b *bodyParser) runContent(ps *paraState, mk func() *Run) error {
	w := b.w
	return w.children(anyNS, func(se xml.StartElement) error {
		if w.ns(se.Name.Space) == nsW && (se.Name.Local == "drawing" || se.Name.Local == "pict" || se.Name.Local == "object") {
			mk()
			b.push("w:" + se.Name.Local)
			err := b.drawing(ps, se.Name.Local)
			b.pop()
			return err
		}
		return nil
	})
}

func (b *bodyParser) inInstr() bool {
	n := len(b.fields)
	return n > 0 && !b.fields[n-1].result
}

func (b *bodyParser) fieldChar(ps *paraState, typ string) {
	switch typ {
	case "begin":
		if len(b.fields) < 64 {
			b.fields = append(b.fields, &field{})
		}
		ps.p.Fields = true
	case "separate":
		if n := len(b.fields); n > 0 {
			f := b.fields[n-1]
			f.result = true
			if t, ok := hyperlinkField(f.instr.String()); ok {
				l := &Hyperlink{Part: b.part, Path: ps.p.Path, Para: ps.p, Target: t, External: !strings.HasPrefix(t, "#"), Field: true}
				f.link = &collector{link: l}
				ps.p.Links = append(ps.p.Links, l)
				b.doc.Links = append(b.doc.Links, l)
			}
		}
	case "end":
		if n := len(b.fields); n > 0 {
			f := b.fields[n-1]
			if f.link != nil {
				f.link.link.Text = f.link.b.String()
			}
			b.fields = b.fields[:n-1]
		}
	}
}

// drawing reads a w:drawing (DrawingML), w:pict (VML) or w:object (embedded object).
func (b *bodyParser) drawing(ps *paraState, kind string) error {
	w := b.w
	dr := &Drawing{Part: b.part, Path: b.where(), Para: ps.p, Kind: Other}
	// An inline object stands between the characters around it: spaces on both sides
	// are not a run of blanks.
	ps.spaces, ps.tabs = 0, 0
	switch kind {
	case "pict":
		dr.Kind = VMLShape
	case "object":
		dr.Kind = OLEObject
	}
	ps.p.Drawings = append(ps.p.Drawings, dr)
	b.doc.Drawings = append(b.doc.Drawings, dr)
	for _, c := range b.collectors {
		if c.link != nil {
			c.link.Images = append(c.link.Images, dr)
		}
	}
	for _, f := range b.fields {
		if f.link != nil {
			f.link.link.Images = append(f.link.link.Images, dr)
		}
	}
	firstShape := true
	fill := fillReader{spPr: -1}
	err := w.walk(func(se xml.StartElement) error {
		fill.start(w, se)
		if se.Name.Local == "decorative" {
			// adec:decorative (Office 2019+) inside wp:docPr's extension list.
			if v := w.attr(se, nsOther, "val"); v == "1" || v == "true" {
				dr.Decorative = true
			}
			return nil
		}
		switch w.ns(se.Name.Space) {
		case nsWP:
			switch se.Name.Local {
			case "anchor":
				dr.Floating = true
				dr.BehindText = w.onOffAttr(se, "behindDoc")
			case "extent":
				if dr.Width == 0 {
					// EMU: 12,700 per point (ECMA-376 20.1.2.1)
					dr.Width = float64(atoi(w.attr(se, nsOther, "cx"))) / 12700
					dr.Height = float64(atoi(w.attr(se, nsOther, "cy"))) / 12700
				}
			case "wrapNone", "wrapSquare", "wrapTight", "wrapThrough", "wrapTopAndBottom":
				dr.Wrap = se.Name.Local
			case "docPr":
				if dr.Alt == "" && dr.AltTitle == "" && dr.Name == "" {
					dr.Alt = w.attr(se, nsOther, "descr")
					dr.AltTitle = w.attr(se, nsOther, "title")
					dr.Name = w.attr(se, nsOther, "name")
					dr.Hidden = w.onOffAttr(se, "hidden")
				}
			}
		case nsA:
			switch se.Name.Local {
			case "graphicData":
				if dr.Kind == Other {
					dr.Kind = graphicKind(w.attr(se, nsOther, "uri"))
				}
			case "blip":
				if dr.ImageRel == "" {
					if id := w.attr(se, nsR, "embed"); id != "" {
						dr.ImageRel = id
						dr.ImageTarget, dr.External = b.target(id)
					} else if id := w.attr(se, nsR, "link"); id != "" {
						dr.ImageRel = id
						dr.ImageTarget, _ = b.target(id)
						dr.External = true
					}
				}
			}
		case nsV:
			switch se.Name.Local {
			case "shape", "rect", "roundrect", "oval", "line", "polyline", "arc", "curve", "group", "image":
				if firstShape {
					firstShape = false
					if a := w.attr(se, nsOther, "alt"); a != "" {
						dr.Alt = a
					}
					dr.Name = w.attr(se, nsOther, "id")
					style := strings.ReplaceAll(strings.ToLower(w.attr(se, nsOther, "style")), " ", "")
					if strings.Contains(style, "position:absolute") {
						dr.Floating = true
					}
					dr.Width, dr.Height = vmlLength(style, "width"), vmlLength(style, "height")
					if strings.Contains(dr.Name, "PowerPlusWaterMarkObject") {
						dr.Watermark = true
					}
					if w.attr(se, nsO, "hr") == "t" {
						dr.HorizontalRL = true
					}
					vmlFill(w, se, dr)
				}
			case "imagedata":
				if dr.Kind == VMLShape {
					dr.Kind = VMLImage
				}
				if dr.Alt == "" {
					if t := w.attr(se, nsO, "title"); t != "" {
						dr.AltTitle = t
					}
				}
				if dr.ImageRel == "" {
					id := w.attr(se, nsR, "id")
					if id == "" {
						id = w.attr(se, nsR, "pict")
					}
					if id != "" {
						dr.ImageRel = id
						dr.ImageTarget, dr.External = b.target(id)
					}
				}
			case "textpath":
				dr.HasText = dr.HasText || hasVisibleText(w.attr(se, nsOther, "string"))
			}
		case nsW:
			if se.Name.Local == "txbxContent" {
				return b.textBoxContent(dr)
			}
		case nsMC:
			if se.Name.Local == "Fallback" {
				return w.skip()
			}
		}
		return nil
	}, func() { fill.end(w.depth) })
	if err != nil {
		return err
	}
	fill.finish(dr, b.st)
	return nil
}

// textBoxContent reads the paragraphs of a text box into dr.TextBox.
func (b *bodyParser) textBoxContent(dr *Drawing) error {
	saveBox, saveCell, saveTable := b.textBox, b.cell, b.table
	b.textBox, b.cell, b.table = dr, nil, nil
	b.slash = "/"
	b.push("w:txbxContent")
	err := b.blocks(func(bl Block) { dr.TextBox = append(dr.TextBox, bl) })
	b.pop()
	b.textBox, b.cell, b.table = saveBox, saveCell, saveTable
	for _, bl := range dr.TextBox {
		if (bl.Para != nil && hasVisibleText(bl.Para.Text)) || bl.Table != nil {
			dr.HasText = true
		}
	}
	return err
}

func graphicKind(uri string) DrawingKind {
	switch {
	case strings.HasSuffix(uri, "/picture"):
		return Picture
	case strings.HasSuffix(uri, "/chart"), strings.Contains(uri, "chartex"):
		return Chart
	case strings.HasSuffix(uri, "/diagram"):
		return SmartArt
	case strings.HasSuffix(uri, "wordprocessingShape"):
		return Shape
	case strings.HasSuffix(uri, "wordprocessingGroup"):
		return Group
	case strings.HasSuffix(uri, "wordprocessingCanvas"), strings.HasSuffix(uri, "lockedCanvas"):
		return Canvas
	case strings.Contains(uri, "ink"):
		return Ink
	}
	return Other
}

// tableEl reads a w:tbl.
func (b *bodyParser) tableEl() (*Table, error) {
	t := &Table{Part: b.part, Path: b.where(), Depth: b.depth, Parent: b.cell, InTextBox: b.textBox != nil}
	b.doc.Tables = append(b.doc.Tables, t)
	var direct shdSpec
	err := b.tableChildren(t, &direct)
	b.tableStyle(t, direct)
	return t, err
}

func (b *bodyParser) tableChildren(t *Table, direct *shdSpec) error {
	return b.w.children(nsW, func(se xml.StartElement) error {
		switch se.Name.Local {
		case "tblPr":
			return b.tblPr(t, direct)
		case "tr":
			b.push("w:tr")
			err := b.row(t)
			b.pop()
			return err
		case "sdt", "customXml", "sdtContent", "ins":
			// rows wrapped in a content control or custom XML
			b.push("w:" + se.Name.Local)
			err := b.tableChildren(t, direct)
			b.pop()
			return err
		}
		return nil
	})
}

func (b *bodyParser) tblPr(t *Table, direct *shdSpec) error {
	w := b.w
	return w.children(nsW, func(se xml.StartElement) error {
		switch se.Name.Local {
		case "tblStyle":
			t.StyleID = w.attr(se, nsW, "val")
		case "tblLook":
			// Transitional writes w:firstRow="1"; Word 2007 wrote a hex bit mask in
			// w:val where 0x0020 is the header row (ECMA-376 2006, 2.4.51).
			if v, err := strconv.ParseUint(w.attr(se, nsW, "val"), 16, 16); err == nil {
				t.Look = TableLook{FirstRow: v&0x20 != 0, LastRow: v&0x40 != 0, FirstColumn: v&0x80 != 0,
					LastColumn: v&0x100 != 0, NoHBand: v&0x200 != 0, NoVBand: v&0x400 != 0}
			}
			look := map[string]*bool{"firstRow": &t.Look.FirstRow, "lastRow": &t.Look.LastRow, "firstColumn": &t.Look.FirstColumn,
				"lastColumn": &t.Look.LastColumn, "noHBand": &t.Look.NoHBand, "noVBand": &t.Look.NoVBand}
			for name, p := range look {
				if w.hasAttr(se, nsW, name) {
					*p = w.onOffAttr(se, name)
				}
			}
			t.LookFirstRow = t.Look.FirstRow
		case "shd":
			*direct = w.shdOf(se)
		case "tblCaption":
			t.Caption = w.attr(se, nsW, "val")
		case "tblDescription":
			t.Description = w.attr(se, nsW, "val")
		}
		return nil
	})
}

// tableStyle applies the table style's shading and header-row formatting.
func (b *bodyParser) tableStyle(t *Table, direct shdSpec) {
	st := b.st
	id := t.StyleID
	if id == "" {
		id = st.defTable
	}
	sh := direct
	for _, s := range st.chain(id) {
		if !sh.set && s.tblShd.set {
			sh = s.tblShd
		}
		if !sh.set && s.tcShd.set {
			sh = s.tcShd
		}
		for typ, c := range s.cond {
			if t.Cond == nil {
				t.Cond = map[string]CondFormat{}
			}
			f := t.Cond[typ]
			if f.Shading == nil && c.shd.set {
				if rgb, ok := st.shading(c.shd); ok {
					f.Shading = &rgb
				}
			}
			if f.Color == nil && c.color.set {
				if rgb, auto := st.resolve(c.color); !auto {
					f.Color = &rgb
				}
			}
			t.Cond[typ] = f
		}
	}
	if rgb, ok := st.shading(sh); ok {
		t.Shading = &rgb
	}
}

func (b *bodyParser) row(t *Table) error {
	w := b.w
	r := &Row{Index: len(t.Rows)}
	t.Rows = append(t.Rows, r)
	return w.children(nsW, func(se xml.StartElement) error {
		switch se.Name.Local {
		case "trPr":
			return b.trPr(r)
		case "tc":
			b.push("w:tc")
			err := b.cellEl(t, r)
			b.pop()
			return err
		case "sdt", "customXml", "sdtContent":
			// cells wrapped in a content control: read them as this row's
			sub := &Table{}
			b.push("w:" + se.Name.Local)
			err := b.rowWrapped(t, r, sub)
			b.pop()
			return err
		}
		return nil
	})
}

func (b *bodyParser) rowWrapped(t *Table, r *Row, _ *Table) error {
	w := b.w
	return w.children(anyNS, func(se xml.StartElement) error {
		switch {
		case w.is(se, nsW, "tc"):
			b.push("w:tc")
			err := b.cellEl(t, r)
			b.pop()
			return err
		case w.is(se, nsW, "sdtContent"), w.is(se, nsW, "customXml"), w.is(se, nsW, "sdt"):
			return b.rowWrapped(t, r, nil)
		}
		return nil
	})
}

func (b *bodyParser) trPr(r *Row) error {
	w := b.w
	return w.within(func(se xml.StartElement) error {
		if w.ns(se.Name.Space) != nsW {
			return nil
		}
		switch se.Name.Local {
		case "tblHeader":
			r.Header = w.onOff(se)
		case "gridBefore":
			r.GridBefore = min(atoi(w.attr(se, nsW, "val")), 1000)
		case "gridAfter":
			r.GridAfter = min(atoi(w.attr(se, nsW, "val")), 1000)
		}
		return nil
	})
}

func (b *bodyParser) cellEl(t *Table, r *Row) error {
	w := b.w
	c := &Cell{Row: r, Table: t, Col: r.GridBefore}
	if n := len(r.Cells); n > 0 {
		c.Col = min(r.Cells[n-1].Col+r.Cells[n-1].Span(), 1<<20)
	}
	r.Cells = append(r.Cells, c)
	saveCell, saveTable := b.cell, b.table
	b.cell, b.table = c, t
	b.depth++
	defer func() { b.cell, b.table = saveCell, saveTable; b.depth-- }()
	add := func(bl Block) { c.Blocks = append(c.Blocks, bl) }
	return w.children(anyNS, func(se xml.StartElement) error {
		if w.is(se, nsW, "tcPr") {
			return b.tcPr(c)
		}
		return b.block(se, add)
	})
}

func (b *bodyParser) tcPr(c *Cell) error {
	w := b.w
	return w.children(nsW, func(se xml.StartElement) error {
		switch se.Name.Local {
		case "gridSpan":
			c.GridSpan = min(atoi(w.attr(se, nsW, "val")), 1000)
		case "vMerge":
			c.VMerge = w.attr(se, nsW, "val")
			if c.VMerge == "" {
				c.VMerge = "continue"
			}
		case "hMerge":
			c.HMerge = w.attr(se, nsW, "val")
			if c.HMerge == "" {
				c.HMerge = "continue"
			}
		case "shd":
			if rgb, ok := b.st.shading(w.shdOf(se)); ok {
				c.Shading = &rgb
			}
		}
		return nil
	})
}

// vmlLength reads a length in points from a VML style ("width:126.25pt"); inches, cm
// and mm are converted, anything else gives 0.
func vmlLength(style, prop string) float64 {
	for _, decl := range strings.Split(style, ";") {
		k, v, ok := strings.Cut(decl, ":")
		if !ok || k != prop {
			continue
		}
		unit := 1.0
		switch {
		case strings.HasSuffix(v, "pt"):
			v = strings.TrimSuffix(v, "pt")
		case strings.HasSuffix(v, "in"):
			v, unit = strings.TrimSuffix(v, "in"), 72
		case strings.HasSuffix(v, "cm"):
			v, unit = strings.TrimSuffix(v, "cm"), 72/2.54
		case strings.HasSuffix(v, "mm"):
			v, unit = strings.TrimSuffix(v, "mm"), 72/25.4
		default:
			return 0
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 || f > 1e6 {
			return 0
		}
		return f * unit
	}
	return 0
}

// fillReader reads the fill of the first shape of a drawing (a:solidFill or a:noFill
// directly under its spPr), the background of a text box's text.
type fillReader struct {
	spPr    int // depth of the spPr element, -1 before it, -2 after it
	inSolid bool
	base    string // srgbClr value, or scheme colour name prefixed with "scheme:"
	lumMod  int
	lumOff  int
	none    bool
	other   bool // gradient, picture or pattern fill, or a transform not handled
}

func (f *fillReader) start(w *walker, se xml.StartElement) {
	local := se.Name.Local
	if f.spPr == -1 {
		if local == "spPr" {
			f.spPr = w.depth
		}
		return
	}
	if f.spPr < 0 || w.ns(se.Name.Space) != nsA {
		return
	}
	switch rel := w.depth - f.spPr; {
	case rel == 1:
		switch local {
		case "solidFill":
			f.inSolid = true
		case "noFill":
			f.none = true
		case "gradFill", "blipFill", "pattFill", "grpFill":
			f.other = true
		}
	case rel == 2 && f.inSolid:
		switch local {
		case "srgbClr":
			f.base = w.attr(se, nsOther, "val")
		case "sysClr":
			f.base = w.attr(se, nsOther, "lastClr")
		case "schemeClr":
			f.base = "scheme:" + w.attr(se, nsOther, "val")
		default:
			f.other = true
		}
	case rel == 3 && f.inSolid:
		v := atoi(w.attr(se, nsOther, "val"))
		switch local {
		case "lumMod":
			f.lumMod = v
		case "lumOff":
			f.lumOff = v
		case "alpha":
			if v < 100000 {
				f.other = true
			}
		default:
			f.other = true // tint, shade, satMod...: not resolved
		}
	}
}

func (f *fillReader) end(depth int) {
	if f.spPr >= 0 && depth < f.spPr {
		f.spPr = -2
		f.inSolid = false
	}
	if f.spPr >= 0 && depth == f.spPr {
		f.inSolid = false
	}
}

// DrawingML scheme colour names (ECMA-376 20.1.10.54) as w:themeColor values.
var schemeNames = map[string]string{
	"tx1": "text1", "bg1": "background1", "tx2": "text2", "bg2": "background2",
	"dk1": "dark1", "lt1": "light1", "dk2": "dark2", "lt2": "light2",
	"accent1": "accent1", "accent2": "accent2", "accent3": "accent3", "accent4": "accent4",
	"accent5": "accent5", "accent6": "accent6", "hlink": "hyperlink", "folHlink": "followedHyperlink",
}

func (f *fillReader) finish(dr *Drawing, st *styleSet) {
	if dr.FillKnown {
		return // set from VML
	}
	switch {
	case f.other:
		return
	case f.none:
		dr.FillKnown = true
		return
	case f.base == "":
		return
	}
	var c RGB
	if name, ok := strings.CutPrefix(f.base, "scheme:"); ok {
		tc, ok := st.themeColor(schemeNames[name])
		if !ok {
			return
		}
		c = tc
	} else {
		v, ok := parseHex(f.base)
		if !ok {
			return
		}
		c = v
	}
	if f.lumMod > 0 || f.lumOff > 0 {
		// DrawingML luminance modulation (20.1.2.3.20/21), in HSL.
		h, s, l := rgbToHSL(c)
		mod := 1.0
		if f.lumMod > 0 {
			mod = float64(f.lumMod) / 100000
		}
		l = min(1, max(0, l*mod+float64(f.lumOff)/100000))
		c = hslToRGB(h, s, l)
	}
	dr.Fill, dr.FillKnown = &c, true
}

// vmlFill reads the fill of a VML shape: filled="f" paints nothing; fillcolor is a hex
// colour (possibly followed by a palette index, "#4f81bd [3204]"); VML fills white by
// default (VML 14.1.2.19).
func vmlFill(w *walker, se xml.StartElement, dr *Drawing) {
	switch w.attr(se, nsOther, "filled") {
	case "f", "false":
		dr.FillKnown = true
		return
	}
	fc := strings.TrimSpace(w.attr(se, nsOther, "fillcolor"))
	if i := strings.IndexByte(fc, ' '); i > 0 {
		fc = fc[:i]
	}
	var c RGB
	switch {
	case fc == "":
		c = white
	case strings.HasPrefix(fc, "#") && len(fc) == 7:
		v, ok := parseHex(fc[1:])
		if !ok {
			return
		}
		c = v
	case strings.HasPrefix(fc, "#") && len(fc) == 4:
		v, ok := parseHex(string([]byte{fc[1], fc[1], fc[2], fc[2], fc[3], fc[3]}))
		if !ok {
			return
		}
		c = v
	case fc == "white":
		c = white
	case fc == "black":
		c = RGB{}
	default:
		return
	}
	dr.Fill, dr.FillKnown = &c, true
}

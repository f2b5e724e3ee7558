package pdfdoc

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// ContentFacts is what the content streams of a page (and the form XObjects it paints)
// say about tagging, languages and painting.
type ContentFacts struct {
	Untagged        int    // content items neither tagged nor marked as artifact
	UntaggedKind    string // kind of the first: text, image, path
	UntaggedText    int    // of them, text-showing operators
	UntaggedImages  int    // of them, images painted
	ArtifactTagged  int    // Artifact sequences inside tagged content
	TaggedArtifact  int    // tagged sequences inside an Artifact
	TextNoLang      int    // text whose language cannot be determined
	SpanNoLang      int    // Span sequences with Alt, ActualText or E but no language
	Langs           []string
	TextShows       int // text-showing operators (visible rendering modes)
	InvisibleText   int // text shown in rendering mode 3
	ImagePaints     int // image XObjects and inline images painted
	PathPaints      int
	Ops             int
	MarkedSequences int
	// Text is the page's text outside structure elements (untagged documents), for a
	// guessed reading view; bounded.
	Text string
}

type mcFrame struct {
	tag      string
	mcid     int
	tagged   bool // this or an enclosing sequence has an MCID
	artifact bool // this or an enclosing sequence is an Artifact
	lang     bool // a Lang is known here (own or enclosing)
	elem     *Elem
	key      mcKey // the marked-content id this content belongs to (own or enclosing)
}

type gstate struct {
	font *Font
	tr   int
	size float64 // Tf size
	// ctm is the area scale of the current transformation matrix, the square root of
	// its determinant: enough to turn a font size into points on the page.
	ctm float64
}

// contentRun interprets the content of one page and the form XObjects it paints.
type contentRun struct {
	b       *builder
	page    int
	facts   *ContentFacts
	formDo  map[int]map[uint8]bool // form objnum → walked context classes
	stack   map[int]bool           // forms on the current Do chain
	ops     []Operand
	lexers  []*Lexer // one per nesting depth of form XObjects, reused from page to page
	strs    [][]byte // the strings of one text-showing operator
	textBuf []byte   // their decoded text
	// appearance is set while walking annotation appearance streams: only the fonts they
	// use are recorded (7.1 does not apply to appearances, 7.21 does).
	appearance bool
}

func (b *builder) pages(cat types.Dict) {
	o, d := b.o, b.d
	b.collectPages(cat)
	run := &contentRun{b: b, formDo: map[int]map[uint8]bool{}, stack: map[int]bool{}}
	for i, pr := range b.pageRefs {
		if o.err != nil {
			return
		}
		pd := o.dict(pr)
		if pd == nil {
			continue
		}
		inh := b.pageInh[i]
		p := &Page{Num: i + 1, Ref: refKey(pr), Resource: inh.res}
		p.Tabs, _ = o.name(pd["Tabs"])
		// The crop box, clipped to the media box, or the media box itself.
		var crop, media [4]float64
		for k := 0; k < 4 && k < len(inh.media); k++ {
			media[k], _ = o.num(inh.media[k])
		}
		normBox(&media)
		p.CropBox = media
		if inh.crop != nil {
			for k := 0; k < 4; k++ {
				crop[k], _ = o.num(inh.crop[k])
			}
			normBox(&crop)
			if inh.media != nil {
				crop[0], crop[1] = max(crop[0], media[0]), max(crop[1], media[1])
				crop[2], crop[3] = min(crop[2], media[2]), min(crop[3], media[3])
			}
			p.CropBox = crop
		}
		d.Pages = append(d.Pages, p)
		b.annotations(p, pd)
		// Content.
		run.page = p.Num
		run.facts = &p.Content
		var streams []*types.StreamDict
		switch v := o.resolve(pd["Contents"]).(type) {
		case types.StreamDict:
			streams = append(streams, &v)
		case types.Array:
			for _, x := range v {
				if s := o.stream(x); s != nil {
					streams = append(streams, s)
				}
			}
		}
		var data []byte
		if len(streams) == 1 {
			data = o.content(streams[0])
		} else {
			for _, s := range streams {
				data = append(data, o.content(s)...)
				data = append(data, '\n')
			}
		}
		base := []mcFrame{{mcid: -1}}
		run.interpret(data, inh.res, base, p.Num, 0, nil)
		b.appearances(run, pd, p.Num)
	}
}

// appearances walks the normal appearance streams of a page's annotations for the fonts
// they draw with.
func (b *builder) appearances(run *contentRun, pd types.Dict, page int) {
	o := b.o
	saved := run.facts
	run.facts = &ContentFacts{}
	run.appearance = true
	defer func() { run.facts, run.appearance = saved, false }()
	for i, x := range o.array(pd["Annots"]) {
		if i > 10000 || o.err != nil {
			return
		}
		ad := o.dict(x)
		if ad == nil {
			continue
		}
		ap := o.dict(ad["AP"])
		if ap == nil {
			continue
		}
		var streams []*types.StreamDict
		switch v := o.resolve(ap["N"]).(type) {
		case types.StreamDict:
			streams = append(streams, &v)
		case types.Dict:
			for _, s := range v {
				if st := o.stream(s); st != nil && len(streams) < 16 {
					streams = append(streams, st)
				}
			}
		}
		for _, st := range streams {
			run.interpret(o.content(st), o.dict(st.Dict["Resources"]), []mcFrame{{mcid: -1, artifact: true}}, page, 1, nil)
		}
	}
}

func normBox(b *[4]float64) {
	if b[0] > b[2] {
		b[0], b[2] = b[2], b[0]
	}
	if b[1] > b[3] {
		b[1], b[3] = b[3], b[1]
	}
}

// interpret runs one content stream. owner is the page number, or -objnum for a form
// XObject with its own marked-content identifiers.
func (r *contentRun) interpret(data []byte, res types.Dict, mc []mcFrame, owner int, depth int, form *XForm) {
	b, o := r.b, r.b.o
	if len(data) == 0 {
		return
	}
	for len(r.lexers) <= depth {
		r.lexers = append(r.lexers, NewLexer(nil))
	}
	lx := r.lexers[depth]
	lx.Reset(data)
	gs := gstate{tr: 0, ctm: 1}
	tm := 1.0 // scale of the text matrix
	var gstack []gstate
	baseLen := len(mc)
	fonts := o.dict(res["Font"])
	xobjs := o.dict(res["XObject"])
	props := o.dict(res["Properties"])
	catalogLang := b.d.HasLang
	for {
		op, ops, ok := lx.Next(r.ops[:0])
		r.ops = ops
		if !ok {
			break
		}
		r.facts.Ops++
		if r.facts.Ops&1023 == 0 && !o.tick() {
			return
		}
		top := mc[len(mc)-1]
		switch op {
		case "q":
			if len(gstack) < 256 {
				gstack = append(gstack, gs)
			}
		case "Q":
			if n := len(gstack); n > 0 {
				gs = gstack[n-1]
				gstack = gstack[:n-1]
			}
		case "Tf":
			if len(ops) >= 1 && ops[0].Kind == opName && fonts != nil {
				gs.font = b.font(fonts[string(ops[0].Str)])
			}
			if len(ops) >= 2 && ops[1].Kind == opNum {
				gs.size = math.Abs(ops[1].Num)
			}
		case "BT":
			tm = 1
		case "Tm":
			if m, ok := matrixScale(ops); ok {
				tm = m
			}
		case "cm":
			if m, ok := matrixScale(ops); ok && gs.ctm*m < 1e4 {
				gs.ctm *= m
			}
		case "Tr":
			if len(ops) >= 1 && ops[0].Kind == opNum {
				gs.tr = int(ops[0].Num)
			}
		case "BMC", "BDC":
			if len(mc) > 512 {
				continue
			}
			f := mcFrame{mcid: -1, tagged: top.tagged, artifact: top.artifact, lang: top.lang, elem: top.elem, key: top.key}
			if len(ops) >= 1 && ops[0].Kind == opName {
				f.tag = string(ops[0].Str)
			}
			r.facts.MarkedSequences++
			var pl Operand // the property list, a dictionary operand
			if op == "BDC" && len(ops) >= 2 {
				switch ops[1].Kind {
				case opDict:
					pl = ops[1]
				case opName:
					if props != nil {
						pl = operandDict(o, props[string(ops[1].Str)])
					}
				}
			}
			hasAlt, hasAT, hasE := false, false, false
			if pl.Kind == opDict {
				if v, ok := pl.Lookup("MCID"); ok && v.Kind == opNum {
					f.mcid = int(v.Num)
				}
				if v, ok := pl.Lookup("Lang"); ok && v.Kind == opStr {
					s := decodeTextBytes(v.Str)
					if len(r.facts.Langs) < 256 {
						r.facts.Langs = append(r.facts.Langs, s)
					}
					f.lang = true
				}
				_, hasAlt = pl.Lookup("Alt")
				_, hasAT = pl.Lookup("ActualText")
				_, hasE = pl.Lookup("E")
			}
			known := false // the structure tree references this marked content
			if f.mcid >= 0 {
				f.key = mcKey{owner, f.mcid}
				e := b.d.byMCID[f.key]
				if e == nil && form != nil && owner > 0 {
					// A form XObject without StructParents whose MCRs name the stream.
					if e = b.d.byMCID[mcKey{-form.ObjNum, f.mcid}]; e != nil {
						f.key = mcKey{-form.ObjNum, f.mcid}
					}
				}
				if e != nil {
					known = true
					f.elem = e
					if _, ok := e.InheritedLang(); ok {
						f.lang = true
					}
				}
				if form != nil {
					form.HasMCID = true
				}
			}
			isTagged := known || top.tagged
			if f.tag == "Artifact" {
				if isTagged {
					r.facts.ArtifactTagged++
				}
				f.artifact = true
			} else if isTagged && top.artifact {
				r.facts.TaggedArtifact++
			}
			f.tagged = isTagged
			if f.tag == "Span" && (hasAlt || hasAT || hasE) && !f.lang && !catalogLang {
				r.facts.SpanNoLang++
			}
			mc = append(mc, f)
		case "EMC":
			if len(mc) > baseLen {
				mc = mc[:len(mc)-1]
			}
		case "Tj", "'", "\"", "TJ":
			r.text(op, ops, gs, tm, top, catalogLang)
		case "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh":
			r.facts.PathPaints++
			r.item("path", top)
		case "EI":
			r.facts.ImagePaints++
			r.item("image", top)
		case "Do":
			if len(ops) < 1 || ops[0].Kind != opName || xobjs == nil {
				continue
			}
			ref := xobjs[string(ops[0].Str)]
			xs := o.stream(ref)
			if xs == nil {
				continue
			}
			st, _ := o.name(xs.Dict["Subtype"])
			ownTag := has(xs.Dict, "StructParent")
			switch st {
			case "Image":
				r.facts.ImagePaints++
				if ownTag && !top.tagged && !top.artifact {
					continue
				}
				r.item("image", top)
			case "Form":
				n := refNum(ref)
				xf := b.forms[n]
				if xf == nil && n != 0 {
					xf = &XForm{Ref: refKey(ref), ObjNum: n, HasRef: has(xs.Dict, "Ref")}
					b.forms[n] = xf
				}
				if xf != nil && !r.appearance {
					xf.Uses++
				}
				if depth >= 16 || (n != 0 && r.stack[n]) {
					continue
				}
				inner := top
				inner.lang = false // a language in force does not cross into the form's stream
				if ownTag {
					inner.tagged = true
				}
				class := ctxClass(inner)
				if n != 0 {
					if r.formDo[n] == nil {
						r.formDo[n] = map[uint8]bool{}
					}
					if r.formDo[n][class] {
						continue
					}
					r.formDo[n][class] = true
					r.stack[n] = true
				}
				fres := o.dict(xs.Dict["Resources"])
				if fres == nil {
					fres = res
				}
				fowner := owner
				if has(xs.Dict, "StructParents") && n != 0 {
					fowner = -n
				}
				r.interpret(o.content(xs), fres, []mcFrame{inner}, fowner, depth+1, xf)
				if n != 0 {
					delete(r.stack, n)
				}
			}
		}
	}
}

func ctxClass(f mcFrame) uint8 {
	var c uint8
	if f.tagged {
		c |= 1
	}
	if f.artifact {
		c |= 2
	}
	if f.lang {
		c |= 4
	}
	return c
}

// item records one painted content item.
func (r *contentRun) item(kind string, top mcFrame) {
	if top.tagged || top.artifact {
		return
	}
	if r.facts.Untagged == 0 {
		r.facts.UntaggedKind = kind
	}
	r.facts.Untagged++
	switch kind {
	case "text":
		r.facts.UntaggedText++
	case "image":
		r.facts.UntaggedImages++
	}
}

// matrixScale is the area scale of the matrix operands a b c d e f.
func matrixScale(ops []Operand) (float64, bool) {
	if len(ops) < 6 {
		return 0, false
	}
	for _, o := range ops[:4] {
		if o.Kind != opNum {
			return 0, false
		}
	}
	det := ops[0].Num*ops[3].Num - ops[1].Num*ops[2].Num
	return math.Sqrt(math.Abs(det)), true
}

func (r *contentRun) text(op string, ops []Operand, gs gstate, tm float64, top mcFrame, catalogLang bool) {
	strs := r.strs[:0]
	for _, v := range ops {
		switch v.Kind {
		case opStr:
			strs = append(strs, v.Str)
		case opArr:
			for _, a := range v.Arr {
				if a.Kind == opStr {
					strs = append(strs, a.Str)
				} else if a.Kind == opNum && a.Num < -200 && top.elem != nil {
					strs = append(strs, nil) // a word space
				}
			}
		}
	}
	r.strs = strs
	n := 0
	for _, s := range strs {
		n += len(s)
	}
	if n == 0 {
		return
	}
	if gs.tr == 3 {
		r.facts.InvisibleText++
	} else {
		r.facts.TextShows++
	}
	r.item("text", top)
	if !top.artifact && !top.lang && !catalogLang {
		r.facts.TextNoLang++
	}
	f := gs.font
	if f != nil {
		f.Used = true
		if gs.tr != 3 {
			f.UsedVisible = true
		}
		for _, s := range strs {
			f.noteCodes(s, gs.tr != 3)
		}
	}
	if top.artifact || (top.elem == nil && len(r.facts.Text) >= 4000) || (top.elem != nil && top.elem.textSize >= 4000) {
		return
	}
	buf := r.textBuf[:0]
	for _, s := range strs {
		if s == nil {
			buf = append(buf, ' ')
			continue
		}
		buf = f.appendText(buf, s)
	}
	r.textBuf = buf
	if top.elem == nil {
		r.facts.Text += string(buf) + " "
		return
	}
	t := string(buf)
	if gs.tr != 3 {
		n := 0
		for _, c := range t {
			if c > ' ' {
				n++
			}
		}
		e := top.elem
		e.Chars += n
		e.SizeChars += float64(n) * gs.size * tm * gs.ctm
		// Fill-then-stroke (mode 2) is the way Word and others draw fake bold.
		if f != nil && f.Bold || gs.tr == 2 {
			e.BoldChars += n
		}
	}
	top.elem.Text += t
	top.elem.textSize += len(t)
	top.elem.addPart(top.key, t)
}

// mcPart is the text an element has from one marked-content sequence.
type mcPart struct {
	key  mcKey
	text string
}

// addPart appends text to the element's part for key. Most elements have one part, or
// receive their parts in order, so the last one is tried first; a slice costs less than
// a map for each of thousands of elements, and an index is built only for an element
// with many parts. Empty text adds nothing a reader would hear.
func (e *Elem) addPart(key mcKey, t string) {
	if t == "" {
		return
	}
	if n := len(e.parts); n > 0 && e.parts[n-1].key == key {
		e.parts[n-1].text += t
		return
	}
	if i, ok := e.findPart(key); ok {
		e.parts[i].text += t
		return
	}
	e.parts = append(e.parts, mcPart{key, t})
	switch n := len(e.parts); {
	case e.partIndex != nil:
		e.partIndex[key] = n - 1
	case n > 16:
		e.partIndex = make(map[mcKey]int, n)
		for i, p := range e.parts {
			e.partIndex[p.key] = i
		}
	}
}

func (e *Elem) findPart(key mcKey) (int, bool) {
	if e.partIndex != nil {
		i, ok := e.partIndex[key]
		return i, ok
	}
	for i := range e.parts {
		if e.parts[i].key == key {
			return i, true
		}
	}
	return 0, false
}

// part is the element's text from the marked-content sequence key.
func (e *Elem) part(key mcKey) (string, bool) {
	if i, ok := e.findPart(key); ok {
		return e.parts[i].text, true
	}
	return "", false
}

// operandDict converts a property-list dictionary of the resources to a dictionary
// operand.
func operandDict(o *objects, x types.Object) Operand {
	d := o.dict(x)
	if d == nil {
		return Operand{}
	}
	out := make([]Operand, 0, 2*len(d))
	for k, v := range d {
		var val Operand
		switch w := o.resolve(v).(type) {
		case types.Integer:
			val = Operand{Kind: opNum, Num: float64(w)}
		case types.Float:
			val = Operand{Kind: opNum, Num: float64(w)}
		case types.Name:
			val = Operand{Kind: opName, Str: []byte(w)}
		case types.StringLiteral, types.HexLiteral:
			bs, _ := o.rawBytes(w)
			val = Operand{Kind: opStr, Str: bs}
		default:
			val = Operand{Kind: opOther}
		}
		out = append(out, Operand{Kind: opName, Str: []byte(k)}, val)
	}
	return Operand{Kind: opDict, Arr: out}
}

// decodeTextBytes decodes a PDF text string (UTF-16BE with BOM, UTF-8 or PDFDocEncoding).
func decodeTextBytes(b []byte) string {
	if len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF {
		var sb strings.Builder
		for i := 2; i+1 < len(b); i += 2 {
			c := rune(b[i])<<8 | rune(b[i+1])
			if c >= 0xD800 && c < 0xDC00 && i+3 < len(b) {
				c2 := rune(b[i+2])<<8 | rune(b[i+3])
				c = 0x10000 + (c-0xD800)<<10 + (c2 - 0xDC00)
				i += 2
			}
			sb.WriteRune(c)
		}
		return sb.String()
	}
	if utf8.Valid(b) {
		return string(b)
	}
	rs := make([]rune, len(b))
	for i, c := range b {
		rs[i] = rune(c)
	}
	return string(rs)
}

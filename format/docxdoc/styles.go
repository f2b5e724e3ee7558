package docxdoc

import (
	"encoding/xml"
	"errors"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// colorSpec is a w:color, or the fill or pattern colour of a w:shd, before resolution.
type colorSpec struct {
	set   bool
	val   string // "auto" or RRGGBB
	theme string // w:themeColor
	tint  int    // 0..255, -1 when absent
	shade int
}

// shdSpec is a w:shd (ECMA-376 17.3.5): a pattern (w:val) of colour w:color over w:fill.
type shdSpec struct {
	set   bool
	val   string
	color colorSpec
	fill  colorSpec
}

type tri int8 // 0 unset, 1 on, -1 off

func triOf(b bool) tri {
	if b {
		return 1
	}
	return -1
}

// rProps are run properties as written at one level of the style hierarchy.
type rProps struct {
	color     colorSpec
	sz        int
	b, i      tri
	vanish    tri
	highlight string
	shd       shdSpec
	effect    string
	lang      string
	rStyle    string
}

// over applies the properties set in o on top of r.
func (r rProps) over(o *rProps) rProps {
	if o.color.set {
		r.color = o.color
	}
	if o.sz > 0 {
		r.sz = o.sz
	}
	if o.b != 0 {
		r.b = o.b
	}
	if o.i != 0 {
		r.i = o.i
	}
	if o.vanish != 0 {
		r.vanish = o.vanish
	}
	if o.highlight != "" {
		r.highlight = o.highlight
	}
	if o.shd.set {
		r.shd = o.shd
	}
	if o.effect != "" {
		r.effect = o.effect
	}
	if o.lang != "" {
		r.lang = o.lang
	}
	return r
}

// pProps are paragraph properties at one level.
type pProps struct {
	style    string
	outline  int // w:outlineLvl 0..9, -1 unset
	numSet   bool
	numID    string
	ilvl     int
	shd      shdSpec
	frame    bool
	dropCap  bool
	sectPr   bool
	keepNext bool
	jc       string // w:jc
}

type condFmt struct {
	shd   shdSpec
	color colorSpec
}

type style struct {
	id, name, typ, basedOn string
	isDefault              bool
	p                      pProps
	r                      rProps
	tblShd                 shdSpec // w:tblPr/w:shd
	tcShd                  shdSpec // w:tcPr/w:shd
	cond                   map[string]condFmt
}

// styleSet is styles.xml with its theme and numbering, and caches of resolved chains.
type styleSet struct {
	byID       map[string]*style
	defaults   rProps // w:docDefaults/w:rPrDefault
	defaultsP  pProps
	defPara    string // default paragraph style
	defChar    string
	defTable   string
	theme      map[string]RGB
	mapping    map[string]string // w:clrSchemeMapping: text1 → dark1...
	numFormats map[string][]string
	numToAbs   map[string]string

	levelCache map[string]int
	rCache     map[runKey]rProps
	shdCache   map[string]shdSpec
	// chains holds each style's w:basedOn chain once it is asked for: every paragraph
	// and run of the body asks.
	chains map[string][]*style
}

type runKey struct{ pStyle, rStyle string }

func newStyleSet() *styleSet {
	return &styleSet{
		byID: map[string]*style{}, theme: map[string]RGB{}, mapping: map[string]string{},
		numFormats: map[string][]string{}, numToAbs: map[string]string{},
		levelCache: map[string]int{}, rCache: map[runKey]rProps{}, shdCache: map[string]shdSpec{},
		chains:    map[string][]*style{},
		defaultsP: pProps{outline: -1},
	}
}

// maxChain bounds w:basedOn chains; Word itself stops far earlier, and the visited set
// catches cycles.
const maxChain = 64

// chain returns the style and its ancestors, nearest first, stopping at a cycle.
func (s *styleSet) chain(id string) []*style {
	if c, ok := s.chains[id]; ok {
		return c
	}
	c := s.newChain(id)
	if len(s.chains) < 10_000 {
		s.chains[id] = c
	}
	return c
}

func (s *styleSet) newChain(id string) []*style {
	var out []*style
	seen := map[string]bool{}
	for id != "" && len(out) < maxChain && !seen[id] {
		seen[id] = true
		st := s.byID[id]
		if st == nil {
			break
		}
		out = append(out, st)
		id = st.basedOn
	}
	return out
}

// headingNames maps localised built-in heading style names (as LibreOffice and older or
// localised Word versions write them in w:name) to "heading". Word writes "heading 1"
// for its built-in styles whatever the interface language; style IDs are localised
// ("Titre1", "berschrift1") and never used.
var headingName = regexp.MustCompile(`^(heading|titre|überschrift|uberschrift|encabezado|título|titulo|titolo|kop|nagłówek|naglowek|rubrik|overskrift|otsikko|nadpis|cím|címsor|заголовок|başlık|kopje|cabeçalho|intestazione|heading level|header) ?([1-9])$`)

// headingLevel is 1..9 for a heading style, 0 otherwise. It follows w:basedOn: a style
// based on "heading 2" with no outline level of its own is a level-2 heading.
func (s *styleSet) headingLevel(id string) int {
	if id == "" {
		return 0
	}
	if l, ok := s.levelCache[id]; ok {
		return l
	}
	level := 0
	for _, st := range s.chain(id) {
		if m := headingName.FindStringSubmatch(st.name); m != nil {
			level = int(m[2][0] - '0')
			break
		}
		if st.p.outline >= 0 {
			if st.p.outline <= 8 {
				level = st.p.outline + 1
			}
			break
		}
	}
	s.levelCache[id] = level
	return level
}

// isTitleStyle reports the Title and Subtitle styles (and their localised names).
func (s *styleSet) isTitleStyle(id string) bool {
	for _, st := range s.chain(id) {
		switch st.name {
		case "title", "subtitle", "titre", "sous-titre", "titel", "untertitel", "título", "subtítulo", "titolo", "sottotitolo":
			return true
		}
	}
	return false
}

// paraNum returns the numbering a paragraph style gives (w:numPr in the style chain).
func (s *styleSet) paraNum(id string) (numID string, ilvl int, ok bool) {
	for _, st := range s.chain(id) {
		if st.p.numSet {
			return st.p.numID, st.p.ilvl, true
		}
	}
	return "", 0, false
}

// paraAlign returns the w:jc a paragraph style gives through its chain, else the
// document defaults'.
func (s *styleSet) paraAlign(id string) string {
	for _, st := range s.chain(id) {
		if st.p.jc != "" {
			return st.p.jc
		}
	}
	return s.defaultsP.jc
}

func (s *styleSet) paraShading(id string) shdSpec {
	if v, ok := s.shdCache[id]; ok {
		return v
	}
	var out shdSpec
	for _, st := range s.chain(id) {
		if st.p.shd.set {
			out = st.p.shd
			break
		}
	}
	s.shdCache[id] = out
	return out
}

// runBase resolves the run properties of a paragraph style and a character style over
// the document defaults (ECMA-376 17.7.2: defaults, paragraph style, run style, direct).
func (s *styleSet) runBase(pStyle, rStyle string) rProps {
	key := runKey{pStyle, rStyle}
	if v, ok := s.rCache[key]; ok {
		return v
	}
	r := s.defaults
	apply := func(id string) {
		ch := s.chain(id)
		for i := len(ch) - 1; i >= 0; i-- {
			r = r.over(&ch[i].r)
		}
	}
	apply(pStyle)
	apply(rStyle)
	s.rCache[key] = r
	return r
}

// numFormat is the w:numFmt of a list level ("bullet", "decimal"...), "" when unknown.
func (s *styleSet) numFormat(numID string, ilvl int) string {
	levels := s.numFormats[s.numToAbs[numID]]
	if ilvl >= 0 && ilvl < len(levels) {
		return levels[ilvl]
	}
	return ""
}

// Highlight colours of ST_HighlightColor (ECMA-376 17.18.40).
var highlights = map[string]RGB{
	"black": {R: 0, G: 0, B: 0}, "blue": {R: 0, G: 0, B: 255}, "cyan": {R: 0, G: 255, B: 255}, "green": {R: 0, G: 255, B: 0},
	"magenta": {R: 255, G: 0, B: 255}, "red": {R: 255, G: 0, B: 0}, "yellow": {R: 255, G: 255, B: 0}, "white": {R: 255, G: 255, B: 255},
	"darkBlue": {R: 0, G: 0, B: 128}, "darkCyan": {R: 0, G: 128, B: 128}, "darkGreen": {R: 0, G: 128, B: 0},
	"darkMagenta": {R: 128, G: 0, B: 128}, "darkRed": {R: 128, G: 0, B: 0}, "darkYellow": {R: 128, G: 128, B: 0},
	"darkGray": {R: 128, G: 128, B: 128}, "lightGray": {R: 192, G: 192, B: 192},
}

func parseHex(s string) (RGB, bool) {
	if len(s) != 6 {
		return RGB{}, false
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return RGB{}, false
	}
	return RGB{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v)}, true
}

// themeKey maps w:themeColor values to the theme's clrScheme slots, through
// w:clrSchemeMapping in settings.xml for text1/background1...
func (s *styleSet) themeColor(name string) (RGB, bool) {
	switch name {
	case "text1", "background1", "text2", "background2":
		m := s.mapping[name]
		if m == "" {
			m = map[string]string{"text1": "dark1", "background1": "light1", "text2": "dark2", "background2": "light2"}[name]
		}
		name = m
	}
	slot := map[string]string{
		"dark1": "dk1", "light1": "lt1", "dark2": "dk2", "light2": "lt2",
		"accent1": "accent1", "accent2": "accent2", "accent3": "accent3", "accent4": "accent4",
		"accent5": "accent5", "accent6": "accent6", "hyperlink": "hlink", "followedHyperlink": "folHlink",
	}[name]
	c, ok := s.theme[slot]
	return c, ok
}

// resolve turns a colour spec into a colour. auto reports w:val="auto" or nothing known.
func (s *styleSet) resolve(c colorSpec) (rgb RGB, auto bool) {
	if !c.set {
		return RGB{}, true
	}
	if c.theme != "" {
		if base, ok := s.themeColor(c.theme); ok {
			return tintShade(base, c.tint, c.shade), false
		}
	}
	if c.val == "" || c.val == "auto" {
		return RGB{}, true
	}
	v, ok := parseHex(c.val)
	if !ok {
		return RGB{}, true
	}
	return v, false
}

// shading resolves a w:shd to the colour a reader sees: the fill, with the pattern
// colour mixed in by the pattern's coverage (solid = the pattern colour, pct25 = 25 %).
// ok is false when the shading paints nothing (no fill, or nil/clear with auto fill).
func (s *styleSet) shading(sh shdSpec) (RGB, bool) {
	if !sh.set || sh.val == "nil" {
		return RGB{}, false
	}
	fill, fillAuto := s.resolve(sh.fill)
	if fillAuto {
		fill = white
	}
	cover := 0.0
	switch v := sh.val; {
	case v == "solid":
		cover = 1
	case strings.HasPrefix(v, "pct"):
		cover = float64(atoi(v[3:])) / 100
	case v == "clear" || v == "":
		cover = 0
	default: // stripes and crosses: about half covered
		cover = 0.5
	}
	if cover == 0 {
		return fill, !fillAuto
	}
	pat, patAuto := s.resolve(sh.color)
	if patAuto {
		pat = RGB{} // an auto pattern colour is black on a light fill
	}
	mix := func(a, b uint8) uint8 { return uint8(math.Round(float64(a)*(1-cover) + float64(b)*cover)) }
	return RGB{R: mix(fill.R, pat.R), G: mix(fill.G, pat.G), B: mix(fill.B, pat.B)}, true
}

// tintShade applies w:themeTint / w:themeShade (ECMA-376 17.3.2.41 and 17.18.97): in
// HSL, a tint moves luminance towards white, L' = L·t + (1 − t), and a shade towards
// black, L' = L·s, with t and s the byte value over 255.
func tintShade(c RGB, tint, shade int) RGB {
	if tint < 0 && shade < 0 {
		return c
	}
	h, sat, l := rgbToHSL(c)
	if tint >= 0 {
		t := float64(tint) / 255
		l = l*t + (1 - t)
	}
	if shade >= 0 {
		l *= float64(shade) / 255
	}
	return hslToRGB(h, sat, l)
}

func rgbToHSL(c RGB) (h, s, l float64) {
	r, g, b := float64(c.R)/255, float64(c.G)/255, float64(c.B)/255
	mx, mn := math.Max(r, math.Max(g, b)), math.Min(r, math.Min(g, b))
	l = (mx + mn) / 2
	if mx == mn {
		return 0, 0, l
	}
	d := mx - mn
	if l > 0.5 {
		s = d / (2 - mx - mn)
	} else {
		s = d / (mx + mn)
	}
	switch mx {
	case r:
		h = (g - b) / d
		if g < b {
			h += 6
		}
	case g:
		h = (b-r)/d + 2
	default:
		h = (r-g)/d + 4
	}
	return h / 6, s, l
}

func hslToRGB(h, s, l float64) RGB {
	if s == 0 {
		v := uint8(math.Round(l * 255))
		return RGB{R: v, G: v, B: v}
	}
	var q float64
	if l < 0.5 {
		q = l * (1 + s)
	} else {
		q = l + s - l*s
	}
	p := 2*l - q
	f := func(t float64) uint8 {
		if t < 0 {
			t++
		}
		if t > 1 {
			t--
		}
		var v float64
		switch {
		case t < 1.0/6:
			v = p + (q-p)*6*t
		case t < 0.5:
			v = q
		case t < 2.0/3:
			v = p + (q-p)*(2.0/3-t)*6
		default:
			v = p
		}
		return uint8(math.Round(math.Max(0, math.Min(1, v)) * 255))
	}
	return RGB{R: f(h + 1.0/3), G: f(h), B: f(h - 1.0/3)}
}

// ---- parsing of properties ----

func hexByte(s string) int {
	if s == "" {
		return -1
	}
	v, err := strconv.ParseUint(s, 16, 8)
	if err != nil {
		return -1
	}
	return int(v)
}

func (w *walker) colorOf(se xml.StartElement, valAttr, themeAttr, tintAttr, shadeAttr string) colorSpec {
	c := colorSpec{set: true, val: w.attr(se, nsW, valAttr), theme: w.attr(se, nsW, themeAttr), tint: -1, shade: -1}
	if tintAttr != "" {
		c.tint = hexByte(w.attr(se, nsW, tintAttr))
		c.shade = hexByte(w.attr(se, nsW, shadeAttr))
	}
	return c
}

func (w *walker) shdOf(se xml.StartElement) shdSpec {
	return shdSpec{
		set:   true,
		val:   w.attr(se, nsW, "val"),
		color: w.colorOf(se, "color", "themeColor", "themeTint", "themeShade"),
		fill:  w.colorOf(se, "fill", "themeFill", "themeFillTint", "themeFillShade"),
	}
}

// rPr parses a w:rPr whose start was just read.
func (w *walker) rPr() (rProps, error) {
	var r rProps
	d := w.depth
	err := w.within(func(se xml.StartElement) error {
		if w.ns(se.Name.Space) != nsW || w.depth != d+1 {
			return nil
		}
		switch se.Name.Local {
		case "color":
			r.color = w.colorOf(se, "val", "themeColor", "themeTint", "themeShade")
		case "sz":
			r.sz = atoi(w.attr(se, nsW, "val"))
		case "b":
			r.b = triOf(w.onOff(se))
		case "i":
			r.i = triOf(w.onOff(se))
		case "vanish", "specVanish":
			r.vanish = triOf(w.onOff(se))
		case "highlight":
			r.highlight = w.attr(se, nsW, "val")
		case "shd":
			r.shd = w.shdOf(se)
		case "effect":
			r.effect = w.attr(se, nsW, "val")
		case "lang":
			r.lang = w.attr(se, nsW, "val")
		case "rStyle":
			r.rStyle = w.attr(se, nsW, "val")
		}
		return nil
	})
	return r, err
}

// pPr parses a w:pPr whose start was just read. Its own w:rPr (the paragraph mark)
// and w:sectPr are read past.
func (w *walker) pPr() (pProps, error) {
	p := pProps{outline: -1}
	d := w.depth
	err := w.within(func(se xml.StartElement) error {
		if w.ns(se.Name.Space) != nsW {
			return nil
		}
		if w.depth == d+1 {
			switch se.Name.Local {
			case "pStyle":
				p.style = w.attr(se, nsW, "val")
			case "outlineLvl":
				p.outline = atoi(w.attr(se, nsW, "val"))
			case "numPr":
				p.numSet = true
			case "shd":
				p.shd = w.shdOf(se)
			case "framePr":
				p.frame = true
				if dc := w.attr(se, nsW, "dropCap"); dc != "" && dc != "none" {
					p.dropCap = true
				}
			case "keepNext":
				p.keepNext = w.onOff(se)
			case "jc":
				p.jc = w.attr(se, nsW, "val")
			case "sectPr":
				p.sectPr = true
				return w.skip()
			case "rPr":
				return w.skip()
			}
		} else if w.depth == d+2 && p.numSet {
			switch se.Name.Local {
			case "numId":
				p.numID = w.attr(se, nsW, "val")
			case "ilvl":
				p.ilvl = atoi(w.attr(se, nsW, "val"))
			}
		}
		return nil
	})
	return p, err
}

// parseStyles reads styles.xml.
func (s *styleSet) parseStyles(w *walker) error {
	var cur *style
	var condType string
	inTblStylePr := false
	return w.eachEnd(func(t xml.StartElement) error {
		if w.ns(t.Name.Space) != nsW {
			return nil
		}
		switch t.Name.Local {
		case "rPrDefault", "pPrDefault":
			// their rPr/pPr follow
		case "style":
			cur = &style{id: w.attr(t, nsW, "styleId"), typ: w.attr(t, nsW, "type"), isDefault: w.onOffAttr(t, "default"), p: pProps{outline: -1}}
			if _, dup := s.byID[cur.id]; !dup {
				s.byID[cur.id] = cur
				clear(s.chains)
			}
			if cur.isDefault {
				switch cur.typ {
				case "paragraph":
					s.defPara = cur.id
				case "character":
					s.defChar = cur.id
				case "table":
					s.defTable = cur.id
				}
			}
		case "name":
			if cur != nil {
				cur.name = strings.ToLower(strings.TrimSpace(w.attr(t, nsW, "val")))
			}
		case "basedOn":
			if cur != nil {
				cur.basedOn = w.attr(t, nsW, "val")
			}
		case "tblStylePr":
			inTblStylePr = true
			condType = w.attr(t, nsW, "type")
		case "rPr":
			r, err := w.rPr()
			if err != nil {
				return err
			}
			switch {
			case cur == nil:
				s.defaults = s.defaults.over(&r)
			case inTblStylePr:
				c := cur.condOf(condType)
				c.color = r.color
				cur.cond[condType] = c
			default:
				cur.r = r
			}
		case "pPr":
			p, err := w.pPr()
			if err != nil {
				return err
			}
			switch {
			case cur == nil:
				s.defaultsP = p
			case !inTblStylePr:
				cur.p = p
			}
		case "shd":
			// reached only outside rPr/pPr: table and cell shading of a table style
			if cur != nil {
				sh := w.shdOf(t)
				switch {
				case inTblStylePr:
					c := cur.condOf(condType)
					c.shd = sh
					cur.cond[condType] = c
				case w.parentIs == "tcPr":
					cur.tcShd = sh
				default:
					cur.tblShd = sh
				}
			}
		case "tcPr", "tblPr":
			w.parentIs = t.Name.Local
		}
		return nil
	}, func(t xml.EndElement) {
		if w.ns(t.Name.Space) != nsW {
			return
		}
		switch t.Name.Local {
		case "style":
			cur = nil
		case "tblStylePr":
			inTblStylePr = false
		case "tcPr", "tblPr":
			w.parentIs = ""
		}
	})
}

func (st *style) condOf(typ string) condFmt {
	if st.cond == nil {
		st.cond = map[string]condFmt{}
	}
	return st.cond[typ]
}

func (w *walker) onOffAttr(se xml.StartElement, name string) bool {
	switch w.attr(se, nsW, name) {
	case "1", "true", "on":
		return true
	}
	return false
}

// parseTheme reads the colour scheme of theme1.xml.
func (s *styleSet) parseTheme(w *walker) error {
	slot := ""
	return w.each(func(se xml.StartElement) error {
		if w.ns(se.Name.Space) != nsA {
			return nil
		}
		switch se.Name.Local {
		case "dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink", "folHlink":
			slot = se.Name.Local
		case "srgbClr", "sysClr":
			if slot == "" {
				return nil
			}
			v := w.attr(se, nsOther, "val")
			if se.Name.Local == "sysClr" {
				v = w.attr(se, nsOther, "lastClr")
			}
			if c, ok := parseHex(v); ok {
				if _, seen := s.theme[slot]; !seen {
					s.theme[slot] = c
				}
			}
			slot = ""
		case "fontScheme", "fmtScheme":
			// The rest is read through to the end of the part, which each then meets
			// again (the decoder keeps returning io.EOF).
			return w.skipRest()
		}
		return nil
	})
}

// skipRest reads to the end of the part (the remaining elements still count).
func (w *walker) skipRest() error {
	for {
		if _, err := w.next(); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

// parseNumbering reads numbering.xml: the format of each level of each list.
func (s *styleSet) parseNumbering(w *walker) error {
	abs, lvl, num := "", -1, ""
	return w.each(func(se xml.StartElement) error {
		if w.ns(se.Name.Space) != nsW {
			return nil
		}
		switch se.Name.Local {
		case "abstractNum":
			abs, num = w.attr(se, nsW, "abstractNumId"), ""
		case "lvl":
			lvl = atoi(w.attr(se, nsW, "ilvl"))
		case "numFmt":
			if abs != "" && num == "" && lvl >= 0 && lvl < 10 {
				levels := s.numFormats[abs]
				for len(levels) <= lvl {
					levels = append(levels, "")
				}
				levels[lvl] = w.attr(se, nsW, "val")
				s.numFormats[abs] = levels
			}
		case "num":
			num = w.attr(se, nsW, "numId")
		case "abstractNumId":
			if num != "" {
				s.numToAbs[num] = w.attr(se, nsW, "val")
			}
		}
		return nil
	})
}

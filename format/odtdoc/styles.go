package odtdoc

import (
	"strconv"
	"strings"

	"github.com/lab110bis/focusplus/format/wordproc"
)

// props are the text and paragraph properties one style sets; a zero field is unset,
// so a style chain is resolved by laying the styles over one another.
type props struct {
	sizePt     float64 // fo:font-size in points
	sizePct    float64 // fo:font-size as a percentage of the inherited size
	bold       *bool
	italic     *bool
	hidden     *bool
	color      *wordproc.RGB
	windowText *bool         // style:use-window-font-color
	textBg     *wordproc.RGB // fo:background-color of text-properties
	textBgSet  bool          // set, possibly to transparent
	paraBg     *wordproc.RGB // fo:background-color of paragraph-properties
	paraBgSet  bool
	lang       string // fo:language with fo:country
	blink      *bool  // style:text-blinking
	align      string // fo:text-align of paragraph-properties
}

// over lays q over p.
func (p props) over(q props) props {
	switch {
	case q.sizePt > 0:
		p.sizePt = q.sizePt
	case q.sizePct > 0 && p.sizePt > 0:
		p.sizePt = p.sizePt * q.sizePct / 100
	case q.sizePct > 0:
		// Nothing to scale yet (a character style alone): keep the percentage for the
		// paragraph it is laid over.
		if p.sizePct > 0 {
			p.sizePct = p.sizePct * q.sizePct / 100
		} else {
			p.sizePct = q.sizePct
		}
	}
	if q.bold != nil {
		p.bold = q.bold
	}
	if q.italic != nil {
		p.italic = q.italic
	}
	if q.hidden != nil {
		p.hidden = q.hidden
	}
	if q.color != nil {
		// An explicit colour replaces an inherited automatic one.
		p.color, p.windowText = q.color, nil
	}
	if q.windowText != nil {
		p.windowText = q.windowText
	}
	if q.textBgSet {
		p.textBg, p.textBgSet = q.textBg, true
	}
	if q.paraBgSet {
		p.paraBg, p.paraBgSet = q.paraBg, true
	}
	if q.lang != "" {
		p.lang = q.lang
	}
	if q.blink != nil {
		p.blink = q.blink
	}
	if q.align != "" {
		p.align = q.align
	}
	return p
}

// style is one style:style (or style:default-style, or a page layout).
type style struct {
	family  string
	parent  string
	display string // display name, lower case
	outline int    // style:default-outline-level
	list    string // style:list-style-name
	auto    bool   // an automatic style: direct formatting, named after nothing the author chose
	props   props
}

// styleSet holds the styles of the document: common styles, automatic styles, the
// default style of each family and list styles.
type styleSet struct {
	byName   map[string]*style // family + "/" + name
	defaults map[string]props  // family → default style
	lists    map[string][]bool // list style → per level, numbered (true) or bullet
	pageBg   *wordproc.RGB
}

func newStyleSet() *styleSet {
	return &styleSet{byName: map[string]*style{}, defaults: map[string]props{}, lists: map[string][]bool{}}
}

func (s *styleSet) get(family, name string) *style {
	if name == "" {
		return nil
	}
	return s.byName[family+"/"+name]
}

// resolve returns the properties of a style through its parents, over the family's
// default style.
func (s *styleSet) resolve(family, name string) props {
	var chain []*style
	for st := s.get(family, name); st != nil && len(chain) < 32; st = s.get(family, st.parent) {
		chain = append(chain, st)
	}
	p := s.defaults[family]
	for i := len(chain) - 1; i >= 0; i-- {
		p = p.over(chain[i].props)
	}
	return p
}

// info returns the display name and outline level of a paragraph style, looking up
// the parents for the outline level.
func (s *styleSet) info(name string) (display string, outline int, list string) {
	st := s.get("paragraph", name)
	for n := 0; st != nil && n < 32; n++ {
		if display == "" && !st.auto {
			display = st.display
		}
		if outline == 0 {
			outline = st.outline
		}
		if list == "" {
			list = st.list
		}
		st = s.get("paragraph", st.parent)
	}
	return display, outline, list
}

// parseColour reads "#rrggbb"; "transparent" and anything else give nil.
func parseColour(v string) *wordproc.RGB {
	if len(v) != 7 || v[0] != '#' {
		return nil
	}
	n, err := strconv.ParseUint(v[1:], 16, 32)
	if err != nil {
		return nil
	}
	return &wordproc.RGB{R: uint8(n >> 16), G: uint8(n >> 8), B: uint8(n)}
}

// parseLength reads an ODF length ("12pt", "0.5in", "1.2cm", "3mm") in points.
func parseLength(v string) float64 {
	units := map[string]float64{"pt": 1, "in": 72, "cm": 72 / 2.54, "mm": 72 / 25.4, "pc": 12, "px": 0.75}
	for u, k := range units {
		if strings.HasSuffix(v, u) {
			f, err := strconv.ParseFloat(strings.TrimSuffix(v, u), 64)
			if err == nil && f > 0 && f < 1e5 {
				return f * k
			}
		}
	}
	return 0
}

func boolPtr(b bool) *bool { return &b }

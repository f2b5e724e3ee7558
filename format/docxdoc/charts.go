package docxdoc

import (
	"context"
	"encoding/hex"
	"encoding/xml"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/zippkg"
)

// ChartColours are the fill colours of one embedded chart (word/charts/chartN.xml): one
// per series, and one per data point where points are coloured one by one (pies).
type ChartColours struct {
	Name    string // zip name
	Colours []RGB
}

// maxChartPart bounds the XML read of one chart or of the theme.
const maxChartPart = 8 << 20

// EmbeddedCharts reads the colours of the charts of a .docx. A series without a colour
// of its own takes the theme's accent colours in turn, as Word draws it. The zip limits of
// the loader apply.
func EmbeddedCharts(data []byte, lim checker.Limits) ([]ChartColours, error) {
	p, err := openZip(data, lim)
	if err != nil {
		return nil, err
	}
	accents := themeAccents(p)
	var names []string
	for _, name := range p.Names() {
		if strings.HasPrefix(name, "word/charts/") && path.Ext(name) == ".xml" && !strings.Contains(name[len("word/charts/"):], "/") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var out []ChartColours
	for _, name := range names {
		rc, err := p.open(name)
		if err != nil {
			continue
		}
		cols := chartColours(zippkg.GuardTags(context.Background(), io.LimitReader(rc, maxChartPart), name, lim), accents, lim.MaxElements)
		rc.Close()
		if len(cols) > 0 {
			out = append(out, ChartColours{Name: name, Colours: cols})
		}
	}
	return out, nil
}

// defaultAccents are the Office theme's accents, for a package without a theme.
var defaultAccents = []RGB{{R: 0x44, G: 0x72, B: 0xc4}, {R: 0xed, G: 0x7d, B: 0x31}, {R: 0xa5, G: 0xa5, B: 0xa5}, {R: 0xff, G: 0xc0, B: 0x00}, {R: 0x5b, G: 0x9b, B: 0xd5}, {R: 0x70, G: 0xad, B: 0x47}}

func themeAccents(p *pkg) []RGB {
	acc := append([]RGB(nil), defaultAccents...)
	rc, err := p.open("word/theme/theme1.xml")
	if err != nil {
		return acc
	}
	defer rc.Close()
	dec := zippkg.NewTokens(zippkg.GuardTags(context.Background(), io.LimitReader(rc, maxChartPart), "word/theme/theme1.xml", checker.Limits{}))
	current := -1
	for n := 0; n < 200_000; n++ {
		kind, err := dec.Next()
		if err != nil {
			break
		}
		if kind != zippkg.StartTag {
			continue
		}
		se := dec.Start()
		if strings.HasPrefix(se.Name.Local, "accent") && len(se.Name.Local) == 7 {
			current = int(se.Name.Local[6] - '1')
			continue
		}
		if current >= 0 && current < len(acc) {
			if c, ok := colourAttr(se); ok {
				acc[current] = c
				current = -1
			}
		}
	}
	return acc
}

// colourAttr reads a:srgbClr@val or a:sysClr@lastClr.
func colourAttr(se xml.StartElement) (RGB, bool) {
	var want string
	switch se.Name.Local {
	case "srgbClr":
		want = "val"
	case "sysClr":
		want = "lastClr"
	default:
		return RGB{}, false
	}
	for _, a := range se.Attr {
		if a.Name.Local == want {
			if b, err := hex.DecodeString(a.Value); err == nil && len(b) == 3 {
				return RGB{R: b[0], G: b[1], B: b[2]}, true
			}
		}
	}
	return RGB{}, false
}

// chartColours walks one chart part: the first solid fill of each c:ser's and c:dPt's
// shape properties, theme colours resolved to the accents.
func chartColours(r io.Reader, accents []RGB, maxElements int) []RGB {
	if maxElements <= 0 {
		maxElements = 1_000_000
	}
	dec := zippkg.NewTokens(r)
	var out []RGB
	var stack []string
	series := 0
	need := false // inside a c:ser or c:dPt whose fill is not read yet
	for n := 0; n < maxElements; n++ {
		kind, err := dec.Next()
		if err != nil {
			break
		}
		switch kind {
		case zippkg.StartTag:
			t := dec.Start()
			local := t.Name.Local
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			stack = append(stack, local)
			if len(stack) > 256 {
				return out
			}
			switch {
			case local == "ser":
				series++
				need = true
			case local == "dPt":
				need = true
			case need && parent == "solidFill" && len(stack) >= 3 && stack[len(stack)-3] == "spPr":
				if c, ok := colourAttr(t); ok {
					out = append(out, c)
					need = false
				} else if local == "schemeClr" {
					for _, a := range t.Attr {
						if a.Name.Local == "val" && strings.HasPrefix(a.Value, "accent") && len(a.Value) == 7 {
							if i := int(a.Value[6] - '1'); i >= 0 && i < len(accents) {
								out = append(out, accents[i])
								need = false
							}
						}
					}
				}
			}
		case zippkg.EndTag:
			if len(stack) > 0 {
				if top := stack[len(stack)-1]; top == "ser" && need {
					// No colour of its own: Word gives series the accents in turn.
					out = append(out, accents[(series-1)%len(accents)])
					need = false
				} else if top == "dPt" {
					need = false
				}
				stack = stack[:len(stack)-1]
			}
		}
	}
	return out
}

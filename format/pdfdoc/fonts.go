package pdfdoc

import (
	"bytes"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"golang.org/x/text/encoding/charmap"
)

// Font is a font used by the content streams, with the facts PDF/UA 7.21 needs.
type Font struct {
	Ref      string
	ObjNum   int
	Subtype  string // Type1, TrueType, Type0, Type3, MMType1
	BaseFont string

	Embedded     bool   // a FontFile, FontFile2 or FontFile3 (of the descendant for Type0)
	FontFileKey  string // which one
	Symbolic     bool
	HasFlags     bool
	Encoding     string // name of the encoding, or BaseEncoding of an encoding dictionary
	HasEncoding  bool
	EncodingDict bool
	Differences  []string // glyph names of a Differences array

	// Bold: the font draws bold glyphs (its name, FontWeight ≥ 600 or ForceBold).
	Bold bool

	HasToUnicode bool
	toUni        map[uint32]string
	BadUnicode   []string // used codes mapped to U+0000, U+FFFE or U+FEFF
	// Unmapped lists used codes of a Type 0 font that its ToUnicode map lacks.
	Unmapped []string
	// NoUnicode lists used codes of a simple font that have no Unicode value: not in the
	// ToUnicode map and named by a glyph-index name (g12, glyph7) or not named at all (Type 3).
	NoUnicode []string

	// Type0 and CIDFont facts.
	CMapName        string // predefined CMap name, or the CMapName of an embedded CMap
	CMapEmbedded    bool
	CMapRegistry    string
	CMapOrdering    string
	CMapSupplement  int
	CMapHasSysInfo  bool
	CMapDictWMode   int
	CMapStreamWMode int
	CMapHasWMode    bool // WMode defined in the CMap program
	UseCMap         string
	UseCMapEmbedded bool
	CIDSubtype      string
	CIDRegistry     string
	CIDOrdering     string
	CIDSupplement   int
	CIDHasSysInfo   bool
	HasCIDToGIDMap  bool
	CIDToGIDMapOK   bool // Identity or a stream
	CharSet         string
	HasCIDSet       bool

	Used        bool
	UsedVisible bool // used with a rendering mode other than 3 (invisible)
	twoByte     bool

	// Font program checks (TrueType programs only).
	WidthMismatch []string // used codes whose /Widths differ from the program (code:dict/program)
	CIDSetMissing []int    // CIDs with outlines in the program but missing from CIDSet
	GlyphMissing  []string // used codes the embedded program has no glyph for
	CmapProblem   string   // "none", "no-nonsymbolic", "no-symbol" for TrueType cmaps (7.21.6)
	// CharSetMismatch lists glyph names the CharSet of a subset Type 1 font lists but the
	// program lacks ("+name" missing from the program, "-name" missing from CharSet).
	CharSetMismatch []string
	prog            *trueType
	firstChar       int
	widths          []float64
	dw              float64
	w               map[uint32]float64
	cidToGID        []byte
	cidSet          []byte
	usedSimple      [256]bool
	usedCID         map[uint32]struct{}
	diffs           map[int]string     // Differences: code → glyph name
	progNames       map[string]bool    // glyph names of an embedded Type 1 or CFF program
	progCIDs        map[int]bool       // CIDs of an embedded CID-keyed CFF program
	progWidths      map[string]float64 // advance widths by glyph name of an embedded CFF program
}

func sortFonts(fs []*Font) {
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].ObjNum < fs[j].ObjNum })
}

func sortForms(fs []*XForm) {
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].ObjNum < fs[j].ObjNum })
}

// font returns the model of a font dictionary, built once per object.
func (b *builder) font(x types.Object) *Font {
	n := refNum(x)
	if n != 0 {
		if f, ok := b.fonts[n]; ok {
			return f
		}
	} else if len(b.inlineFonts) > 256 {
		return nil
	}
	o := b.o
	fd := o.dict(x)
	if fd == nil {
		if n != 0 {
			b.fonts[n] = nil
		}
		return nil
	}
	f := &Font{Ref: refKey(x), ObjNum: n}
	f.Subtype, _ = o.name(fd["Subtype"])
	f.BaseFont, _ = o.name(fd["BaseFont"])
	f.Bold = boldName.MatchString(f.BaseFont)
	descFD := o.dict(fd["FontDescriptor"])
	switch v := o.resolve(fd["Encoding"]).(type) {
	case types.Name:
		f.Encoding, f.HasEncoding = string(v), true
	case types.Dict:
		f.HasEncoding, f.EncodingDict = true, true
		f.Encoding, _ = o.name(v["BaseEncoding"])
		code := 0
		for i, d := range o.array(v["Differences"]) {
			if i > 4096 {
				break
			}
			if n, ok := o.integer(d); ok {
				code = n
			} else if nm, ok := o.name(d); ok {
				f.Differences = append(f.Differences, nm)
				if code >= 0 && code < 256 {
					if f.diffs == nil {
						f.diffs = map[int]string{}
					}
					f.diffs[code] = nm
				}
				code++
			}
		}
	case types.StreamDict:
		f.HasEncoding = true
		f.CMapEmbedded = true
		b.embeddedCMap(f, &v)
	}
	if f.Subtype == "Type0" {
		f.twoByte = true
		if nm, ok := o.name(fd["Encoding"]); ok {
			f.CMapName = nm
		}
		if desc := o.array(fd["DescendantFonts"]); len(desc) > 0 {
			cd := o.dict(desc[0])
			if cd != nil {
				f.CIDSubtype, _ = o.name(cd["Subtype"])
				if si := o.dict(cd["CIDSystemInfo"]); si != nil {
					f.CIDHasSysInfo = true
					f.CIDRegistry, _ = o.text(si["Registry"])
					f.CIDOrdering, _ = o.text(si["Ordering"])
					f.CIDSupplement, _ = o.integer(si["Supplement"])
				}
				if m, ok := cd["CIDToGIDMap"]; ok && m != nil {
					f.HasCIDToGIDMap = true
					if nm, ok := o.name(m); ok {
						f.CIDToGIDMapOK = nm == "Identity"
					} else if ms := o.stream(m); ms != nil {
						f.CIDToGIDMapOK = true
						f.cidToGID = o.content(ms)
					}
				}
				f.dw = 1000
				if v, ok := o.num(cd["DW"]); ok {
					f.dw = v
				}
				f.w = cidWidths(o, o.array(cd["W"]))
				descFD = o.dict(cd["FontDescriptor"])
			}
		}
	}
	f.firstChar, _ = o.integer(fd["FirstChar"])
	for i, x := range o.array(fd["Widths"]) {
		if i > 256 {
			break
		}
		w, _ := o.num(x)
		f.widths = append(f.widths, w)
	}
	if descFD != nil {
		for _, k := range []string{"FontFile", "FontFile2", "FontFile3"} {
			if st := o.stream(descFD[k]); st != nil {
				f.Embedded, f.FontFileKey = true, k
				if k == "FontFile2" {
					if tt, err := parseTrueType(o.content(st)); err == nil {
						f.prog = tt
					}
				}
				if f.Subtype == "Type0" && k == "FontFile3" {
					if sub, _ := o.name(st.Dict["Subtype"]); sub == "CIDFontType0C" {
						if cids, ok := cffCIDs(o.content(st)); ok {
							f.progCIDs = make(map[int]bool, len(cids))
							for _, c := range cids {
								f.progCIDs[c] = true
							}
						}
					}
				}
				if f.Subtype == "Type1" || f.Subtype == "MMType1" {
					var names []string
					var ok bool
					switch k {
					case "FontFile3":
						if sub, _ := o.name(st.Dict["Subtype"]); sub == "Type1C" {
							prog := o.content(st)
							names, ok = cffGlyphNames(prog)
							if ws, wok := cffWidths(prog); ok && wok && len(ws) == len(names) {
								f.progWidths = make(map[string]float64, len(names))
								for i, n := range names {
									f.progWidths[n] = ws[i]
								}
							}
						}
					case "FontFile":
						l1, _ := o.integer(st.Dict["Length1"])
						names, ok = type1GlyphNames(o.content(st), l1)
					}
					if ok {
						f.progNames = make(map[string]bool, len(names))
						for _, n := range names {
							f.progNames[n] = true
						}
						if cs, has := o.text(descFD["CharSet"]); has && subsetName(f.BaseFont) {
							f.CharSetMismatch = compareCharSet(cs, names)
						}
					}
				}
				break
			}
		}
		if cs := o.stream(descFD["CIDSet"]); cs != nil {
			f.cidSet = o.content(cs)
		}
		if fl, ok := o.integer(descFD["Flags"]); ok {
			f.HasFlags = true
			f.Symbolic = fl&4 != 0
			f.Bold = f.Bold || fl&(1<<18) != 0 // ForceBold (ISO 32000-1, Table 123)
		}
		if w, ok := o.num(descFD["FontWeight"]); ok && w >= 600 {
			f.Bold = true
		}
		f.CharSet, _ = o.text(descFD["CharSet"])
		f.HasCIDSet = o.stream(descFD["CIDSet"]) != nil
	}
	if tu := o.stream(fd["ToUnicode"]); tu != nil {
		f.HasToUnicode = true
		f.toUni = parseToUnicode(o.content(tu))
	} else if nm, ok := o.name(fd["ToUnicode"]); ok && strings.HasPrefix(nm, "Identity") {
		f.HasToUnicode = true
	}
	if n != 0 {
		b.fonts[n] = f
	} else {
		b.inlineFonts = append(b.inlineFonts, f)
	}
	return f
}

var reWMode = regexp.MustCompile(`/WMode\s+(\d+)\s+def`)
var reUseCMap = regexp.MustCompile(`/([^\s/]+)\s+usecmap`)

func (b *builder) embeddedCMap(f *Font, s *types.StreamDict) {
	o := b.o
	f.CMapName, _ = o.name(s.Dict["CMapName"])
	if si := o.dict(s.Dict["CIDSystemInfo"]); si != nil {
		f.CMapHasSysInfo = true
		f.CMapRegistry, _ = o.text(si["Registry"])
		f.CMapOrdering, _ = o.text(si["Ordering"])
		f.CMapSupplement, _ = o.integer(si["Supplement"])
	}
	f.CMapDictWMode, _ = o.integer(s.Dict["WMode"])
	data := o.content(s)
	if m := reWMode.FindSubmatch(data); m != nil {
		f.CMapHasWMode = true
		f.CMapStreamWMode, _ = strconv.Atoi(string(m[1]))
	}
	if u, ok := s.Dict["UseCMap"]; ok {
		if nm, ok := o.name(u); ok {
			f.UseCMap = nm
		} else if us := o.stream(u); us != nil {
			f.UseCMapEmbedded = true
		}
	} else if m := reUseCMap.FindSubmatch(data); m != nil {
		f.UseCMap = string(m[1])
	}
}

// PredefinedCMaps are the CMaps of ISO 32000-1 Table 118.
var PredefinedCMaps = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`GB-EUC-H GB-EUC-V GBpc-EUC-H GBpc-EUC-V GBK-EUC-H GBK-EUC-V
		GBKp-EUC-H GBKp-EUC-V GBK2K-H GBK2K-V UniGB-UCS2-H UniGB-UCS2-V UniGB-UTF16-H UniGB-UTF16-V
		B5pc-H B5pc-V HKscs-B5-H HKscs-B5-V ETen-B5-H ETen-B5-V ETenms-B5-H ETenms-B5-V CNS-EUC-H
		CNS-EUC-V UniCNS-UCS2-H UniCNS-UCS2-V UniCNS-UTF16-H UniCNS-UTF16-V 83pv-RKSJ-H 90ms-RKSJ-H
		90ms-RKSJ-V 90msp-RKSJ-H 90msp-RKSJ-V 90pv-RKSJ-H Add-RKSJ-H Add-RKSJ-V EUC-H EUC-V
		Ext-RKSJ-H Ext-RKSJ-V H V UniJIS-UCS2-H UniJIS-UCS2-V UniJIS-UCS2-HW-H UniJIS-UCS2-HW-V
		UniJIS-UTF16-H UniJIS-UTF16-V KSC-EUC-H KSC-EUC-V KSCms-UHC-H KSCms-UHC-V KSCms-UHC-HW-H
		KSCms-UHC-HW-V KSCpc-EUC-H UniKS-UCS2-H UniKS-UCS2-V UniKS-UTF16-H UniKS-UTF16-V
		Identity-H Identity-V`) {
		PredefinedCMaps[n] = true
	}
}

// PredefinedCMapOrdering is the Adobe character collection (GB1, CNS1, Japan1, Korea1) of a
// predefined CMap of ISO 32000-1 Table 118, "" for Identity and unknown names.
func PredefinedCMapOrdering(name string) string {
	switch {
	case !PredefinedCMaps[name] || strings.HasPrefix(name, "Identity"):
		return ""
	case strings.HasPrefix(name, "GB") || strings.HasPrefix(name, "UniGB"):
		return "GB1"
	case strings.HasPrefix(name, "B5") || strings.HasPrefix(name, "ETen") || strings.HasPrefix(name, "HKscs") ||
		strings.HasPrefix(name, "CNS") || strings.HasPrefix(name, "UniCNS"):
		return "CNS1"
	case strings.HasPrefix(name, "KSC") || strings.HasPrefix(name, "UniKS"):
		return "Korea1"
	}
	return "Japan1" // 83pv, 90ms, 90msp, 90pv, Add, EUC, Ext, H, V, UniJIS
}

// noteCodes records the codes of a shown string and checks them against the ToUnicode map.
func (f *Font) noteCodes(s []byte, visible bool) {
	step := 1
	if f.twoByte {
		step = 2
	}
	for i := 0; i+step <= len(s); i += step {
		c := uint32(s[i])
		if step == 2 {
			c = c<<8 | uint32(s[i+1])
		}
		if visible {
			if step == 1 {
				f.usedSimple[c] = true
			} else if len(f.usedCID) < 1<<16 {
				if f.usedCID == nil {
					f.usedCID = map[uint32]struct{}{}
				}
				f.usedCID[c] = struct{}{}
			}
		}
		if f.toUni == nil || len(f.BadUnicode) >= 8 {
			continue
		}
		u, ok := f.toUni[c]
		if !ok && step == 2 && visible && len(f.Unmapped) < 8 && len(f.toUni) > 0 {
			f.Unmapped = append(f.Unmapped, strconv.FormatUint(uint64(c), 16))
		}
		if ok {
			for _, r := range u {
				if r == 0 || r == 0xFFFE || r == 0xFEFF {
					code := strconv.FormatUint(uint64(c), 16)
					if !slices.Contains(f.BadUnicode, code) {
						f.BadUnicode = append(f.BadUnicode, code)
					}
					break
				}
			}
		}
	}
}

// appendText appends the text of the shown codes s, in UTF-8, to dst, for the reading
// view (best effort). A simple font without a ToUnicode map is read as WinAnsi
// (Windows-1252), the encoding of nearly all of them: Latin-1 except 0x80–0x9F, where
// WinAnsi has the bullet, dashes and typographic quotes.
func (f *Font) appendText(dst, s []byte) []byte {
	if f == nil {
		return appendSingleByte(dst, s, charmap.Windows1252)
	}
	step := 1
	if f.twoByte {
		step = 2
	}
	if f.toUni == nil {
		if f.twoByte {
			return dst
		}
		if f.Encoding == "MacRomanEncoding" {
			return appendSingleByte(dst, s, charmap.Macintosh)
		}
		return appendSingleByte(dst, s, charmap.Windows1252)
	}
	for i := 0; i+step <= len(s); i += step {
		c := uint32(s[i])
		if step == 2 {
			c = c<<8 | uint32(s[i+1])
		}
		if u, ok := f.toUni[c]; ok {
			dst = append(dst, u...)
		}
	}
	return dst
}

// boldName matches the weight in a font name: "Arial-BoldMT", "ABCDEF+Calibri-Bold",
// "Marianne-ExtraBold", "OpenSans-SemiBold", "Helvetica-Black", "Arial,Bold".
var boldName = regexp.MustCompile(`(?i)(bold|black|heavy|demi|[-,+]bd$|[-,]semibd)`)

// appendSingleByte appends the text of the codes s of a simple font, in UTF-8, to dst;
// control codes are dropped.
func appendSingleByte(dst, s []byte, cm *charmap.Charmap) []byte {
	for _, c := range s {
		if c >= 32 {
			dst = utf8.AppendRune(dst, cm.DecodeByte(c))
		}
	}
	return dst
}

// parseToUnicode reads the bfchar and bfrange mappings of a ToUnicode CMap (bounded).
func parseToUnicode(data []byte) map[uint32]string {
	m := map[uint32]string{}
	lx := NewLexer(data)
	lx.MaxOperands = 1024
	var ops []Operand
	mode := ""
	var pending []Operand
	for n := 0; n < 1<<20; n++ {
		op, o, ok := lx.Next(ops[:0])
		ops = o
		if !ok {
			break
		}
		switch op {
		case "beginbfchar", "beginbfrange":
			mode = op
			pending = pending[:0]
			continue
		case "endbfchar":
			for i := 0; i+1 < len(ops); i += 2 {
				if ops[i].Kind == opStr && ops[i+1].Kind == opStr {
					m[codeOf(ops[i].Str)] = utf16Text(ops[i+1].Str)
				} else if ops[i].Kind == opStr && ops[i+1].Kind == opName {
					m[codeOf(ops[i].Str)] = ""
				}
			}
			mode = ""
		case "endbfrange":
			for i := 0; i+2 < len(ops); i += 3 {
				if ops[i].Kind != opStr || ops[i+1].Kind != opStr {
					continue
				}
				lo, hi := codeOf(ops[i].Str), codeOf(ops[i+1].Str)
				if hi < lo || hi-lo > 65535 || len(m) > 1<<17 {
					continue
				}
				dst := ops[i+2]
				for c := lo; c <= hi; c++ {
					switch dst.Kind {
					case opStr:
						base := append([]byte(nil), dst.Str...)
						if len(base) >= 2 {
							v := int(base[len(base)-2])<<8 | int(base[len(base)-1])
							v += int(c - lo)
							base[len(base)-2], base[len(base)-1] = byte(v>>8), byte(v)
						}
						m[c] = utf16Text(base)
					case opArr:
						if k := int(c - lo); k < len(dst.Arr) && dst.Arr[k].Kind == opStr {
							m[c] = utf16Text(dst.Arr[k].Str)
						}
					}
				}
			}
			mode = ""
		}
		_ = mode
	}
	return m
}

func codeOf(b []byte) uint32 {
	var c uint32
	for i, x := range b {
		if i >= 4 {
			break
		}
		c = c<<8 | uint32(x)
	}
	return c
}

func utf16Text(b []byte) string {
	if len(b)%2 == 1 {
		b = append([]byte{0}, b...)
	}
	rs := make([]rune, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		c := rune(b[i])<<8 | rune(b[i+1])
		if c >= 0xD800 && c < 0xDC00 && i+3 < len(b) {
			c2 := rune(b[i+2])<<8 | rune(b[i+3])
			c = 0x10000 + (c-0xD800)<<10 + (c2 - 0xDC00)
			i += 2
		}
		rs = append(rs, c)
	}
	return string(rs)
}

var _ = bytes.Equal

// cidWidths reads a CIDFont W array.
func cidWidths(o *objects, w types.Array) map[uint32]float64 {
	m := map[uint32]float64{}
	for i := 0; i < len(w) && len(m) < 1<<16; {
		first, ok := o.integer(w[i])
		if !ok || i+1 >= len(w) {
			break
		}
		if arr := o.array(w[i+1]); arr != nil {
			for k, x := range arr {
				if v, ok := o.num(x); ok {
					m[uint32(first+k)] = v
				}
			}
			i += 2
			continue
		}
		last, ok1 := o.integer(w[i+1])
		if i+2 >= len(w) || !ok1 || last < first || last-first > 1<<16 {
			break
		}
		v, _ := o.num(w[i+2])
		for c := first; c <= last; c++ {
			m[uint32(c)] = v
		}
		i += 3
	}
	return m
}

// checkProgram compares the used glyphs with the embedded TrueType program: widths
// (PDF/UA 7.21.5) and, for subset CIDFonts, the CIDSet (7.21.4.2).
func (f *Font) checkProgram() {
	if f.Subtype != "Type0" {
		f.checkUnicode()
	}
	if f.progNames != nil {
		f.checkNames()
	}
	if f.progCIDs != nil {
		f.checkCIDs()
	}
	t := f.prog
	if t == nil {
		return
	}
	diff := func(code uint32, dict float64, gid int) {
		if len(f.WidthMismatch) >= 8 {
			return
		}
		pw, ok := t.advance(gid)
		if !ok {
			return
		}
		if d := pw - dict; d > 1 || d < -1 {
			f.WidthMismatch = append(f.WidthMismatch, strconv.FormatUint(uint64(code), 10)+": "+strconv.FormatFloat(dict, 'f', -1, 64)+"/"+strconv.FormatFloat(pw, 'f', 0, 64))
		}
	}
	missing := func(code uint32) {
		if len(f.GlyphMissing) < 8 {
			f.GlyphMissing = append(f.GlyphMissing, strconv.FormatUint(uint64(code), 10))
		}
	}
	switch f.Subtype {
	case "TrueType":
		n := len(t.cmaps)
		switch {
		case !f.HasFlags:
		case !f.Symbolic && (n == 0 || (n == 1 && t.has(3, 0))):
			f.CmapProblem = "no-nonsymbolic"
		case f.Symbolic && n == 0:
			f.CmapProblem = "none"
		case f.Symbolic && n > 1 && !t.has(3, 0):
			f.CmapProblem = "no-symbol"
		}
		for c := 0; c < 256; c++ {
			if !f.usedSimple[c] {
				continue
			}
			gid, st := t.simpleGlyph(f, uint32(c))
			if st == glyphMissing {
				missing(uint32(c))
				continue
			}
			k := c - f.firstChar
			if st != glyphFound || k < 0 || k >= len(f.widths) {
				continue
			}
			diff(uint32(c), f.widths[k], gid)
		}
	case "Type0":
		if f.CIDSubtype != "CIDFontType2" || (f.CMapName != "Identity-H" && f.CMapName != "Identity-V") {
			return
		}
		gidOf := func(cid uint32) int {
			if f.cidToGID != nil {
				if int(2*cid+1) < len(f.cidToGID) {
					return int(f.cidToGID[2*cid])<<8 | int(f.cidToGID[2*cid+1])
				}
				return -1
			}
			return int(cid)
		}
		cids := make([]int, 0, len(f.usedCID))
		for cid := range f.usedCID {
			cids = append(cids, int(cid))
		}
		sort.Ints(cids)
		for _, c := range cids {
			cid := uint32(c)
			w, ok := f.w[cid]
			if !ok {
				w = f.dw
			}
			g := gidOf(cid)
			if g >= t.numGlyphs || (g == 0 && cid != 0) {
				missing(cid)
				continue
			}
			if g > 0 {
				diff(cid, w, g)
			}
		}
		if f.cidSet != nil && subsetName(f.BaseFont) && t.glyphLen != nil {
			has := func(cid int) bool {
				return cid/8 < len(f.cidSet) && f.cidSet[cid/8]&(0x80>>(cid%8)) != 0
			}
			if f.cidToGID == nil {
				for g := 1; g < len(t.glyphLen) && len(f.CIDSetMissing) < 8; g++ {
					if t.glyphLen[g] > 0 && !has(g) {
						f.CIDSetMissing = append(f.CIDSetMissing, g)
					}
				}
			} else {
				for cid := 1; 2*cid+1 < len(f.cidToGID) && len(f.CIDSetMissing) < 8; cid++ {
					g := gidOf(uint32(cid))
					if g > 0 && g < len(t.glyphLen) && t.glyphLen[g] > 0 && !has(cid) {
						f.CIDSetMissing = append(f.CIDSetMissing, cid)
					}
				}
			}
		}
	}
	sort.Strings(f.WidthMismatch)
}

// compareCharSet compares a CharSet string with the glyph names of the program.
func compareCharSet(charSet string, names []string) []string {
	listed := map[string]bool{}
	for _, n := range strings.Split(charSet, "/") {
		if n = strings.TrimSpace(n); n != "" {
			listed[n] = true
		}
	}
	prog := map[string]bool{}
	for _, n := range names {
		prog[n] = true
	}
	var out []string
	for n := range listed {
		if n != ".notdef" && !prog[n] {
			out = append(out, "+"+n)
		}
	}
	for n := range prog {
		if n != ".notdef" && !listed[n] {
			out = append(out, "-"+n)
		}
	}
	sort.Strings(out)
	if len(out) > 8 {
		out = out[:8]
	}
	return out
}

// subsetName reports a subset font name such as "ABCDEF+Name".
func subsetName(n string) bool {
	if len(n) < 7 || n[6] != '+' {
		return false
	}
	for i := 0; i < 6; i++ {
		if n[i] < 'A' || n[i] > 'Z' {
			return false
		}
	}
	return true
}

// checkNames looks up the glyph name of each used code of a simple Type 1 font in its
// embedded program (7.21.4.1, 7.21.8); codes whose name cannot be known are skipped.
func (f *Font) checkNames() {
	for c := 0; c < 256 && len(f.GlyphMissing) < 8; c++ {
		if !f.usedSimple[c] {
			continue
		}
		name := f.glyphName(c)
		if name == "" {
			continue
		}
		if f.progNames[name] {
			// 7.21.5: the width in the font dictionary matches the program's.
			pw, ok := f.progWidths[name]
			if k := c - f.firstChar; ok && pw >= 0 && k >= 0 && k < len(f.widths) && len(f.WidthMismatch) < 8 {
				if d := pw - f.widths[k]; d > 1 || d < -1 {
					f.WidthMismatch = append(f.WidthMismatch, strconv.Itoa(c)+": "+strconv.FormatFloat(f.widths[k], 'f', -1, 64)+"/"+strconv.FormatFloat(pw, 'f', 0, 64))
				}
			}
			continue
		}
		f.GlyphMissing = append(f.GlyphMissing, strconv.Itoa(c))
	}
}

// glyphName is the glyph name a code selects, from Differences or a standard encoding;
// "" when the font's built-in encoding decides.
func (f *Font) glyphName(c int) string {
	if n, ok := f.diffs[c]; ok {
		return n
	}
	enc := f.Encoding
	if enc == "" {
		if f.Symbolic || !f.HasFlags {
			return "" // built-in encoding of the program
		}
		enc = "StandardEncoding"
	}
	switch enc {
	case "WinAnsiEncoding":
		if c >= 32 && c < 127 {
			return asciiGlyphs[c-32]
		}
		if c > 160 && c != 173 {
			return winAnsiHighNames[c-161]
		}
	case "StandardEncoding", "MacRomanEncoding":
		if c >= 32 && c < 127 {
			n := asciiGlyphs[c-32]
			if enc == "StandardEncoding" {
				switch c {
				case 39:
					n = "quoteright"
				case 96:
					n = "quoteleft"
				}
			}
			return n
		}
	}
	return ""
}

// asciiGlyphs are the glyph names of codes 32–126 in WinAnsiEncoding and MacRomanEncoding.
var asciiGlyphs = strings.Fields(`space exclam quotedbl numbersign dollar percent ampersand
quotesingle parenleft parenright asterisk plus comma hyphen period slash zero one two three
four five six seven eight nine colon semicolon less equal greater question at A B C D E F G H
I J K L M N O P Q R S T U V W X Y Z bracketleft backslash bracketright asciicircum underscore
grave a b c d e f g h i j k l m n o p q r s t u v w x y z braceleft bar braceright asciitilde`)

// winAnsiHighNames are the glyph names of WinAnsiEncoding codes 161–255 (173 is skipped by
// the caller: producers name it hyphen or sfthyphen).
var winAnsiHighNames = strings.Fields(`exclamdown cent sterling currency yen brokenbar section
dieresis copyright ordfeminine guillemotleft logicalnot hyphen registered macron degree
plusminus twosuperior threesuperior acute mu paragraph periodcentered cedilla onesuperior
ordmasculine guillemotright onequarter onehalf threequarters questiondown Agrave Aacute
Acircumflex Atilde Adieresis Aring AE Ccedilla Egrave Eacute Ecircumflex Edieresis Igrave
Iacute Icircumflex Idieresis Eth Ntilde Ograve Oacute Ocircumflex Otilde Odieresis multiply
Oslash Ugrave Uacute Ucircumflex Udieresis Yacute Thorn germandbls agrave aacute acircumflex
atilde adieresis aring ae ccedilla egrave eacute ecircumflex edieresis igrave iacute
icircumflex idieresis eth ntilde ograve oacute ocircumflex otilde odieresis divide oslash
ugrave uacute ucircumflex udieresis yacute thorn ydieresis`)

// IndexGlyphName matches glyph names that carry no character meaning (g12, glyph7, cid34,
// G4c): a reader cannot derive Unicode from them.
var IndexGlyphName = regexp.MustCompile(`^(g|glyph|cid|index|G|GID|gid)[0-9A-Fa-f]*[0-9][0-9A-Fa-f]*$`)

// checkUnicode finds used codes of a simple font without a Unicode value (7.21.7).
func (f *Font) checkUnicode() {
	if f.toUni == nil && f.HasToUnicode {
		return // an Identity ToUnicode
	}
	for c := 0; c < 256 && len(f.NoUnicode) < 8; c++ {
		if !f.usedSimple[c] {
			continue
		}
		if _, ok := f.toUni[uint32(c)]; ok {
			continue
		}
		name, named := f.diffs[c]
		if (named && IndexGlyphName.MatchString(name)) || (!named && f.Subtype == "Type3") {
			f.NoUnicode = append(f.NoUnicode, strconv.Itoa(c))
		}
	}
}

// checkCIDs compares a Type 0 font with a CID-keyed CFF program: used CIDs must be in the
// program (7.21.4.1, 7.21.8) and a subset's CIDSet must list every CID of the program
// (7.21.4.2). Only Identity CMaps are read, where a code is its CID.
func (f *Font) checkCIDs() {
	if f.CMapName != "Identity-H" && f.CMapName != "Identity-V" {
		return
	}
	cids := make([]int, 0, len(f.usedCID))
	for c := range f.usedCID {
		cids = append(cids, int(c))
	}
	sort.Ints(cids)
	for _, c := range cids {
		if c != 0 && !f.progCIDs[c] && len(f.GlyphMissing) < 8 {
			f.GlyphMissing = append(f.GlyphMissing, strconv.Itoa(c))
		}
	}
	if f.cidSet == nil || !subsetName(f.BaseFont) {
		return
	}
	all := make([]int, 0, len(f.progCIDs))
	for c := range f.progCIDs {
		all = append(all, c)
	}
	sort.Ints(all)
	for _, c := range all {
		if c == 0 {
			continue
		}
		if c/8 >= len(f.cidSet) || f.cidSet[c/8]&(0x80>>(c%8)) == 0 {
			if len(f.CIDSetMissing) < 8 {
				f.CIDSetMissing = append(f.CIDSetMissing, c)
			}
		}
	}
}

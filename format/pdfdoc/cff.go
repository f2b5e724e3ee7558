package pdfdoc

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
)

// cffStandardStrings are the 391 predefined strings of the Compact Font Format (Adobe
// Technical Note 5176, Appendix A), indexed by SID.
var cffStandardStrings = strings.Fields(`.notdef space exclam quotedbl numbersign dollar percent
ampersand quoteright parenleft parenright asterisk plus comma hyphen period slash zero one two
three four five six seven eight nine colon semicolon less equal greater question at A B C D E F
G H I J K L M N O P Q R S T U V W X Y Z bracketleft backslash bracketright asciicircum
underscore quoteleft a b c d e f g h i j k l m n o p q r s t u v w x y z braceleft bar
braceright asciitilde exclamdown cent sterling fraction yen florin section currency quotesingle
quotedblleft guillemotleft guilsinglleft guilsinglright fi fl endash dagger daggerdbl
periodcentered paragraph bullet quotesinglbase quotedblbase quotedblright guillemotright
ellipsis perthousand questiondown grave acute circumflex tilde macron breve dotaccent dieresis
ring cedilla hungarumlaut ogonek caron emdash AE ordfeminine Lslash Oslash OE ordmasculine ae
dotlessi lslash oslash oe germandbls onesuperior logicalnot mu trademark Eth onehalf plusminus
Thorn onequarter divide brokenbar degree thorn threequarters twosuperior registered minus eth
multiply threesuperior copyright Aacute Acircumflex Adieresis Agrave Aring Atilde Ccedilla
Eacute Ecircumflex Edieresis Egrave Iacute Icircumflex Idieresis Igrave Ntilde Oacute
Ocircumflex Odieresis Ograve Otilde Scaron Uacute Ucircumflex Udieresis Ugrave Yacute
Ydieresis Zcaron aacute acircumflex adieresis agrave aring atilde ccedilla eacute ecircumflex
edieresis egrave iacute icircumflex idieresis igrave ntilde oacute ocircumflex odieresis ograve
otilde scaron uacute ucircumflex udieresis ugrave yacute ydieresis zcaron exclamsmall
Hungarumlautsmall dollaroldstyle dollarsuperior ampersandsmall Acutesmall parenleftsuperior
parenrightsuperior twodotenleader onedotenleader zerooldstyle oneoldstyle twooldstyle
threeoldstyle fouroldstyle fiveoldstyle sixoldstyle sevenoldstyle eightoldstyle nineoldstyle
commasuperior threequartersemdash periodsuperior questionsmall asuperior bsuperior
centsuperior dsuperior esuperior isuperior lsuperior msuperior nsuperior osuperior rsuperior
ssuperior tsuperior ff ffi ffl parenleftinferior parenrightinferior Circumflexsmall
hyphensuperior Gravesmall Asmall Bsmall Csmall Dsmall Esmall Fsmall Gsmall Hsmall Ismall
Jsmall Ksmall Lsmall Msmall Nsmall Osmall Psmall Qsmall Rsmall Ssmall Tsmall Usmall Vsmall
Wsmall Xsmall Ysmall Zsmall colonmonetary onefitted rupiah Tildesmall exclamdownsmall
centoldstyle Lslashsmall Scaronsmall Zcaronsmall Dieresissmall Brevesmall Caronsmall
Dotaccentsmall Macronsmall figuredash hypheninferior Ogoneksmall Ringsmall Cedillasmall
questiondownsmall oneeighth threeeighths fiveeighths seveneighths onethird twothirds
zerosuperior foursuperior fivesuperior sixsuperior sevensuperior eightsuperior ninesuperior
zeroinferior oneinferior twoinferior threeinferior fourinferior fiveinferior sixinferior
seveninferior eightinferior nineinferior centinferior dollarinferior periodinferior
commainferior Agravesmall Aacutesmall Acircumflexsmall Atildesmall Adieresissmall Aringsmall
AEsmall Ccedillasmall Egravesmall Eacutesmall Ecircumflexsmall Edieresissmall Igravesmall
Iacutesmall Icircumflexsmall Idieresissmall Ethsmall Ntildesmall Ogravesmall Oacutesmall
Ocircumflexsmall Otildesmall Odieresissmall OEsmall Oslashsmall Ugravesmall Uacutesmall
Ucircumflexsmall Udieresissmall Yacutesmall Thornsmall Ydieresissmall 001.000 001.001 001.002
001.003 Black Bold Book Light Medium Regular Roman Semibold`)

// cffIndex reads a CFF INDEX at off; it returns the items and the offset after it.
func cffIndex(b []byte, off int) ([][]byte, int, bool) {
	if off+2 > len(b) {
		return nil, 0, false
	}
	count := int(b[off])<<8 | int(b[off+1])
	if count == 0 {
		return nil, off + 2, true
	}
	if off+3 > len(b) {
		return nil, 0, false
	}
	osz := int(b[off+2])
	if osz < 1 || osz > 4 || off+3+(count+1)*osz > len(b) {
		return nil, 0, false
	}
	rd := func(i int) int {
		v := 0
		for k := 0; k < osz; k++ {
			v = v<<8 | int(b[off+3+i*osz+k])
		}
		return v
	}
	base := off + 3 + (count+1)*osz - 1
	items := make([][]byte, 0, count)
	for i := 0; i < count; i++ {
		s, e := base+rd(i), base+rd(i+1)
		if s < base || e < s || e > len(b) {
			return nil, 0, false
		}
		items = append(items, b[s:e])
	}
	return items, base + rd(count), true
}

// cffDict reads the operands of a CFF DICT: operator → operands. Real numbers are read
// to three decimals.
func cffDict(d []byte) map[int][]float64 {
	m := map[int][]float64{}
	var stack []float64
	for i := 0; i < len(d); {
		c := int(d[i])
		switch {
		case c <= 21:
			op := c
			i++
			if c == 12 && i < len(d) {
				op = 1200 + int(d[i])
				i++
			}
			m[op] = append([]float64(nil), stack...)
			stack = stack[:0]
		case c == 28 && i+2 < len(d):
			stack = append(stack, float64(int16(uint16(d[i+1])<<8|uint16(d[i+2]))))
			i += 3
		case c == 29 && i+4 < len(d):
			stack = append(stack, float64(int32(uint32(d[i+1])<<24|uint32(d[i+2])<<16|uint32(d[i+3])<<8|uint32(d[i+4]))))
			i += 5
		case c == 30:
			i++
			var sb []byte
		nibbles:
			for i < len(d) {
				for _, n := range [2]byte{d[i] >> 4, d[i] & 0x0f} {
					switch {
					case n <= 9:
						sb = append(sb, '0'+n)
					case n == 0xa:
						sb = append(sb, '.')
					case n == 0xb:
						sb = append(sb, 'E')
					case n == 0xc:
						sb = append(sb, 'E', '-')
					case n == 0xe:
						sb = append(sb, '-')
					case n == 0xf:
						i++
						break nibbles
					}
				}
				i++
			}
			v, _ := strconv.ParseFloat(string(sb), 64)
			stack = append(stack, v)
		case c >= 32 && c <= 246:
			stack = append(stack, float64(c-139))
			i++
		case c >= 247 && c <= 250 && i+1 < len(d):
			stack = append(stack, float64((c-247)*256+int(d[i+1])+108))
			i += 2
		case c >= 251 && c <= 254 && i+1 < len(d):
			stack = append(stack, float64(-(c-251)*256-int(d[i+1])-108))
			i += 2
		default:
			i++
		}
		if len(stack) > 48 {
			stack = stack[:0]
		}
	}
	return m
}

// first is the first operand of a DICT entry.
func first(m map[int][]float64, op int) (int, bool) {
	v, ok := m[op]
	if !ok || len(v) == 0 {
		return 0, false
	}
	return int(v[len(v)-1]), true
}

// cffCharset reads the charset of a bare CFF font program: the SID (or, in a CID-keyed
// font, the CID) of every glyph, glyph 0 first.
func cffCharset(b []byte) (ids []int, cid bool, strs [][]byte, ok bool) {
	if len(b) < 4 {
		return nil, false, nil, false
	}
	_, off, ok := cffIndex(b, int(b[2])) // Name INDEX
	if !ok {
		return nil, false, nil, false
	}
	tops, off, ok := cffIndex(b, off)
	if !ok || len(tops) == 0 {
		return nil, false, nil, false
	}
	strs, _, ok = cffIndex(b, off)
	if !ok {
		return nil, false, nil, false
	}
	top := cffDict(tops[0])
	_, cid = top[1230] // ROS
	csOff, ok := first(top, 17)
	if !ok {
		return nil, false, nil, false
	}
	cs, _, ok := cffIndex(b, csOff)
	if !ok {
		return nil, false, nil, false
	}
	n := len(cs)
	ids = make([]int, 0, n)
	ids = append(ids, 0)
	charset, _ := first(top, 15)
	if charset <= 2 { // predefined charsets: ISOAdobe (0) and the expert ones
		if charset != 0 || cid {
			return nil, false, nil, false
		}
		for sid := 1; len(ids) < n && sid <= 228; sid++ {
			ids = append(ids, sid)
		}
		return ids, cid, strs, true
	}
	p := charset
	if p >= len(b) {
		return nil, false, nil, false
	}
	format := b[p]
	p++
	for len(ids) < n {
		switch format {
		case 0:
			if p+2 > len(b) {
				return nil, false, nil, false
			}
			ids = append(ids, int(b[p])<<8|int(b[p+1]))
			p += 2
		case 1, 2:
			w := 3
			if format == 2 {
				w = 4
			}
			if p+w > len(b) {
				return nil, false, nil, false
			}
			first := int(b[p])<<8 | int(b[p+1])
			left := int(b[p+2])
			if format == 2 {
				left = left<<8 | int(b[p+3])
			}
			for k := 0; k <= left && len(ids) < n; k++ {
				ids = append(ids, first+k)
			}
			p += w
		default:
			return nil, false, nil, false
		}
	}
	return ids, cid, strs, true
}

// cffGlyphNames lists the glyph names of a bare CFF font program (FontFile3 Type1C).
func cffGlyphNames(b []byte) ([]string, bool) {
	ids, cid, strs, ok := cffCharset(b)
	if !ok || cid {
		return nil, false
	}
	names := make([]string, 0, len(ids))
	for i, sid := range ids {
		switch {
		case i == 0:
			names = append(names, ".notdef")
		case sid < len(cffStandardStrings):
			names = append(names, cffStandardStrings[sid])
		case sid-len(cffStandardStrings) < len(strs):
			names = append(names, string(strs[sid-len(cffStandardStrings)]))
		default:
			names = append(names, "")
		}
	}
	return names, true
}

// cffCIDs lists the CIDs of a CID-keyed CFF font program (FontFile3 CIDFontType0C).
func cffCIDs(b []byte) ([]int, bool) {
	ids, cid, _, ok := cffCharset(b)
	if !ok || !cid {
		return nil, false
	}
	return ids, true
}

var reCharString = regexp.MustCompile(`/([^\s/\[\]{}()<>]+)\s+\d+\s+(RD|-\|)\s`)

// type1GlyphNames lists the glyph names of a Type 1 font program (FontFile), decrypting
// its eexec section.
func type1GlyphNames(b []byte, clearLen int) ([]string, bool) {
	if clearLen <= 0 || clearLen > len(b) {
		i := bytes.Index(b, []byte("eexec"))
		if i < 0 {
			return nil, false
		}
		clearLen = i + 5
		for clearLen < len(b) && isWhite(b[clearLen]) {
			clearLen++
		}
	}
	enc := b[clearLen:]
	r := uint16(55665)
	dec := make([]byte, len(enc))
	for i, c := range enc {
		dec[i] = c ^ byte(r>>8)
		r = (uint16(c)+r)*52845 + 22719
	}
	i := bytes.Index(dec, []byte("/CharStrings"))
	if i < 0 {
		return nil, false
	}
	var names []string
	seen := map[string]bool{}
	for _, m := range reCharString.FindAllSubmatch(dec[i:], 1<<16) {
		if n := string(m[1]); !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	return names, len(names) > 0
}

// cffWidths returns the advance width of every glyph of a bare CFF font (Type 2
// charstrings: an optional first operand over nominalWidthX, else defaultWidthX), in
// thousandths of an em; ok is false for CID-keyed fonts or a skewed FontMatrix. A width
// that cannot be read (a subroutine comes first) is -1.
func cffWidths(b []byte) ([]float64, bool) {
	if len(b) < 4 {
		return nil, false
	}
	_, off, ok := cffIndex(b, int(b[2]))
	if !ok {
		return nil, false
	}
	tops, _, ok := cffIndex(b, off)
	if !ok || len(tops) == 0 {
		return nil, false
	}
	top := cffDict(tops[0])
	if _, cid := top[1230]; cid {
		return nil, false
	}
	scale := 1.0 // glyph units to thousandths of an em, from the FontMatrix
	if fm, ok := top[1207]; ok {
		if len(fm) != 6 || fm[0] <= 0 || fm[1] != 0 || fm[2] != 0 {
			return nil, false
		}
		scale = fm[0] * 1000
	}
	csOff, ok := first(top, 17)
	if !ok {
		return nil, false
	}
	cs, _, ok := cffIndex(b, csOff)
	if !ok {
		return nil, false
	}
	var defW, nomW float64
	if pv := top[18]; len(pv) == 2 {
		size, po := int(pv[0]), int(pv[1])
		if po >= 0 && size >= 0 && po+size <= len(b) {
			priv := cffDict(b[po : po+size])
			if v := priv[20]; len(v) > 0 {
				defW = v[0]
			}
			if v := priv[21]; len(v) > 0 {
				nomW = v[0]
			}
		}
	}
	widths := make([]float64, len(cs))
	for g, s := range cs {
		if w := charstringWidth(s, defW, nomW); w >= 0 {
			widths[g] = w * scale
		} else {
			widths[g] = -1
		}
	}
	return widths, true
}

// charstringWidth reads the width of a Type 2 charstring from the operands before its
// first operator.
func charstringWidth(s []byte, defW, nomW float64) float64 {
	var args []float64
	for i := 0; i < len(s) && len(args) < 48; {
		c := int(s[i])
		switch {
		case c == 28 && i+2 < len(s):
			args = append(args, float64(int16(uint16(s[i+1])<<8|uint16(s[i+2]))))
			i += 3
		case c == 255 && i+4 < len(s):
			args = append(args, float64(int32(uint32(s[i+1])<<24|uint32(s[i+2])<<16|uint32(s[i+3])<<8|uint32(s[i+4])))/65536)
			i += 5
		case c >= 32 && c <= 246:
			args = append(args, float64(c-139))
			i++
		case c >= 247 && c <= 250 && i+1 < len(s):
			args = append(args, float64((c-247)*256+int(s[i+1])+108))
			i += 2
		case c >= 251 && c <= 254 && i+1 < len(s):
			args = append(args, float64(-(c-251)*256-int(s[i+1])-108))
			i += 2
		default:
			n := len(args)
			var hasWidth bool
			switch c {
			case 1, 3, 18, 23, 19, 20: // stems and hint masks take pairs
				hasWidth = n%2 == 1
			case 21: // rmoveto
				hasWidth = n > 2
			case 22, 4: // hmoveto, vmoveto
				hasWidth = n > 1
			case 14: // endchar
				hasWidth = n == 1 || n == 5
			default:
				return -1 // a subroutine or an unexpected operator comes first
			}
			if hasWidth {
				return nomW + args[0]
			}
			return defW
		}
	}
	return -1
}

package pdfdoc

import (
	"bytes"
	"regexp"
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

// cffDict reads the integer operands of a Top DICT: operator → last operand.
func cffDict(d []byte) map[int]int {
	m := map[int]int{}
	var stack []int
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
			if len(stack) > 0 {
				m[op] = stack[len(stack)-1]
			}
			stack = stack[:0]
		case c == 28 && i+2 < len(d):
			stack = append(stack, int(int16(uint16(d[i+1])<<8|uint16(d[i+2]))))
			i += 3
		case c == 29 && i+4 < len(d):
			stack = append(stack, int(int32(uint32(d[i+1])<<24|uint32(d[i+2])<<16|uint32(d[i+3])<<8|uint32(d[i+4]))))
			i += 5
		case c == 30:
			i++
			for i < len(d) && d[i]&0x0f != 0x0f && d[i]>>4 != 0x0f {
				i++
			}
			i++
			stack = append(stack, 0)
		case c >= 32 && c <= 246:
			stack = append(stack, c-139)
			i++
		case c >= 247 && c <= 250 && i+1 < len(d):
			stack = append(stack, (c-247)*256+int(d[i+1])+108)
			i += 2
		case c >= 251 && c <= 254 && i+1 < len(d):
			stack = append(stack, -(c-251)*256-int(d[i+1])-108)
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
	csOff, ok := top[17]
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
	charset := top[15]
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

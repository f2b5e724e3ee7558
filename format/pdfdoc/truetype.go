package pdfdoc

import (
	"encoding/binary"
	"errors"
)

// trueType is the part of a TrueType font program PDF/UA checks: units per em, advance
// widths, which glyphs have outlines, and the cmap subtables.
type trueType struct {
	unitsPerEm int
	numGlyphs  int
	advances   []uint16
	glyphLen   []uint32 // outline bytes per glyph, from loca; nil when unknown
	cmaps      map[[2]uint16][]byte
}

var errTrueType = errors.New("not a TrueType font program")

// parseTrueType reads the tables of a TrueType program. It never reads outside b.
func parseTrueType(b []byte) (*trueType, error) {
	if len(b) < 12 {
		return nil, errTrueType
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	if 12+16*n > len(b) || n > 256 {
		return nil, errTrueType
	}
	tables := map[string][]byte{}
	for i := 0; i < n; i++ {
		rec := b[12+16*i:]
		off, ln := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(ln) > uint64(len(b)) {
			continue
		}
		tables[string(rec[:4])] = b[off : off+ln]
	}
	t := &trueType{cmaps: map[[2]uint16][]byte{}}
	head, maxp, hhea, hmtx := tables["head"], tables["maxp"], tables["hhea"], tables["hmtx"]
	if len(head) < 54 || len(maxp) < 6 {
		return nil, errTrueType
	}
	t.unitsPerEm = int(binary.BigEndian.Uint16(head[18:]))
	t.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	if len(hhea) >= 36 {
		nh := int(binary.BigEndian.Uint16(hhea[34:]))
		for i := 0; i < nh && 4*i+2 <= len(hmtx); i++ {
			t.advances = append(t.advances, binary.BigEndian.Uint16(hmtx[4*i:]))
		}
	}
	if loca := tables["loca"]; loca != nil {
		long := binary.BigEndian.Uint16(head[50:]) == 1
		var off []uint32
		for i := 0; i <= t.numGlyphs; i++ {
			if long {
				if 4*i+4 > len(loca) {
					break
				}
				off = append(off, binary.BigEndian.Uint32(loca[4*i:]))
			} else {
				if 2*i+2 > len(loca) {
					break
				}
				off = append(off, 2*uint32(binary.BigEndian.Uint16(loca[2*i:])))
			}
		}
		if len(off) == t.numGlyphs+1 {
			t.glyphLen = make([]uint32, t.numGlyphs)
			for i := range t.glyphLen {
				if off[i+1] > off[i] {
					t.glyphLen[i] = off[i+1] - off[i]
				}
			}
		}
	}
	if cm := tables["cmap"]; len(cm) >= 4 {
		nt := int(binary.BigEndian.Uint16(cm[2:]))
		for i := 0; i < nt && 4+8*i+8 <= len(cm); i++ {
			r := cm[4+8*i:]
			pid, eid, off := binary.BigEndian.Uint16(r), binary.BigEndian.Uint16(r[2:]), binary.BigEndian.Uint32(r[4:])
			if int(off) < len(cm) {
				t.cmaps[[2]uint16{pid, eid}] = cm[off:]
			}
		}
	}
	return t, nil
}

// advance is the width of a glyph in 1/1000 em.
func (t *trueType) advance(gid int) (float64, bool) {
	if len(t.advances) == 0 || t.unitsPerEm == 0 || gid < 0 || gid >= t.numGlyphs {
		return 0, false
	}
	a := t.advances[len(t.advances)-1]
	if gid < len(t.advances) {
		a = t.advances[gid]
	}
	return float64(a) * 1000 / float64(t.unitsPerEm), true
}

// lookup maps a character code through the cmap subtable (platform, encoding); ok is
// false when the subtable is absent or the code is not mapped.
func (t *trueType) lookup(pid, eid uint16, c uint32) (int, bool) {
	s, ok := t.cmaps[[2]uint16{pid, eid}]
	if !ok || len(s) < 6 {
		return 0, false
	}
	switch binary.BigEndian.Uint16(s) {
	case 0:
		if c < 256 && 6+int(c) < len(s) {
			return int(s[6+c]), true
		}
	case 4:
		if len(s) < 14 {
			return 0, false
		}
		segX2 := int(binary.BigEndian.Uint16(s[6:]))
		ends, starts := 14, 16+segX2
		deltas, ranges := starts+segX2, starts+2*segX2
		if ranges+segX2 > len(s) {
			return 0, false
		}
		for i := 0; i < segX2; i += 2 {
			end := uint32(binary.BigEndian.Uint16(s[ends+i:]))
			if c > end {
				continue
			}
			start := uint32(binary.BigEndian.Uint16(s[starts+i:]))
			if c < start {
				return 0, false
			}
			delta := binary.BigEndian.Uint16(s[deltas+i:])
			ro := int(binary.BigEndian.Uint16(s[ranges+i:]))
			if ro == 0 {
				return int(uint16(c) + delta), true
			}
			p := ranges + i + ro + 2*int(c-start)
			if p+2 > len(s) {
				return 0, false
			}
			g := binary.BigEndian.Uint16(s[p:])
			if g == 0 {
				return 0, true
			}
			return int(g + delta), true
		}
	case 6:
		if len(s) < 10 {
			return 0, false
		}
		first, count := uint32(binary.BigEndian.Uint16(s[6:])), uint32(binary.BigEndian.Uint16(s[8:]))
		if c >= first && c < first+count && 10+2*int(c-first)+2 <= len(s) {
			return int(binary.BigEndian.Uint16(s[10+2*(c-first):])), true
		}
	}
	return 0, false
}

// winAnsiHigh maps WinAnsiEncoding codes 0x80–0x9F to Unicode.
var winAnsiHigh = [32]rune{0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178}

func (t *trueType) has(pid, eid uint16) bool {
	_, ok := t.cmaps[[2]uint16{pid, eid}]
	return ok
}

// Glyph lookup results.
const (
	glyphUnknown = iota // the mapping cannot be decided
	glyphFound
	glyphMissing // the program has cmaps for the code but no glyph
)

// simpleGlyph maps a code of a simple TrueType font to a glyph, as ISO 32000-1 9.6.6.4
// describes.
func (t *trueType) simpleGlyph(f *Font, code uint32) (int, int) {
	g, ok, decided := t.simpleLookup(f, code)
	switch {
	case ok && g > 0 && g < t.numGlyphs:
		return g, glyphFound
	case !decided:
		return 0, glyphUnknown
	case f.Symbolic && (t.has(3, 0) || t.has(1, 0)), !f.Symbolic && (t.has(3, 1) || t.has(1, 0)):
		return 0, glyphMissing
	}
	return 0, glyphUnknown
}

// simpleLookup returns the glyph of a code; decided is false when the encoding does not
// let Focus+ know which character the code stands for.
func (t *trueType) simpleLookup(f *Font, code uint32) (gid int, ok, decided bool) {
	if f.Symbolic {
		if g, ok := t.lookup(3, 0, code); ok && g > 0 {
			return g, true, true
		}
		if g, ok := t.lookup(3, 0, 0xF000+code); ok && g > 0 {
			return g, true, true
		}
		g, ok := t.lookup(1, 0, code)
		return g, ok, true
	}
	if len(f.Differences) > 0 {
		return 0, false, false
	}
	var u rune
	switch {
	case code >= 0x20 && code < 0x7F:
		u = rune(code)
	case f.Encoding == "WinAnsiEncoding" && code >= 0xA0 && code <= 0xFF:
		u = rune(code)
	case f.Encoding == "WinAnsiEncoding" && code >= 0x80 && code < 0xA0:
		u = winAnsiHigh[code-0x80]
	}
	if u == 0 {
		return 0, false, false
	}
	if g, ok := t.lookup(3, 1, uint32(u)); ok && g > 0 {
		return g, true, true
	}
	if code < 0x7F {
		g, ok := t.lookup(1, 0, code)
		return g, ok, true
	}
	return 0, false, !t.has(1, 0)
}

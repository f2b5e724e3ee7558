package pdfdoc

import (
	"bytes"
	"encoding/binary"
	"sort"
	"testing"
)

// buildTrueType writes a minimal TrueType program: advances per glyph (units per em 1000),
// every glyph but 0 with an outline of 4 bytes, and a (3,1) format 4 cmap.
func buildTrueType(advances []uint16, cmap map[uint16]uint16) []byte {
	be := binary.BigEndian
	n := len(advances)
	head := make([]byte, 54)
	be.PutUint16(head[18:], 1000)
	be.PutUint16(head[50:], 0) // short loca
	maxp := make([]byte, 6)
	be.PutUint16(maxp[4:], uint16(n))
	hhea := make([]byte, 36)
	be.PutUint16(hhea[34:], uint16(n))
	hmtx := make([]byte, 4*n)
	for i, a := range advances {
		be.PutUint16(hmtx[4*i:], a)
	}
	// Short loca: glyph 0 is empty, glyphs 1..n-1 have four bytes each.
	loca := make([]byte, 2*(n+1))
	for i := 0; i <= n; i++ {
		o := 0
		if i > 1 {
			o = 4 * (i - 1)
		}
		be.PutUint16(loca[2*i:], uint16(o/2))
	}
	glyf := make([]byte, 4*max(n-1, 0))
	// cmap: one segment per mapping plus the final 0xFFFF segment, idDelta form.
	codes := make([]int, 0, len(cmap))
	for c := range cmap {
		codes = append(codes, int(c))
	}
	sort.Ints(codes)
	seg := len(codes) + 1
	sub := new(bytes.Buffer)
	w16 := func(v int) { binary.Write(sub, binary.BigEndian, uint16(v)) }
	w16(4)
	w16(16 + 8*seg)
	w16(0)
	w16(2 * seg)
	w16(0)
	w16(0)
	w16(0)
	for _, c := range codes {
		w16(c)
	}
	w16(0xFFFF)
	w16(0)
	for _, c := range codes {
		w16(c)
	}
	w16(0xFFFF)
	for _, c := range codes {
		w16(int(uint16(int(cmap[uint16(c)]) - c)))
	}
	w16(1)
	for i := 0; i < seg; i++ {
		w16(0)
	}
	cm := new(bytes.Buffer)
	binary.Write(cm, binary.BigEndian, []uint16{0, 1, 3, 1})
	binary.Write(cm, binary.BigEndian, uint32(12))
	cm.Write(sub.Bytes())
	tables := []struct {
		tag  string
		data []byte
	}{{"cmap", cm.Bytes()}, {"glyf", glyf}, {"head", head}, {"hhea", hhea}, {"hmtx", hmtx}, {"loca", loca}, {"maxp", maxp}}
	out := new(bytes.Buffer)
	binary.Write(out, binary.BigEndian, []uint16{0, 1, uint16(len(tables)), 0, 0, 0})
	offset := 12 + 16*len(tables)
	var body bytes.Buffer
	for _, t := range tables {
		out.WriteString(t.tag)
		binary.Write(out, binary.BigEndian, []uint32{0, uint32(offset + body.Len()), uint32(len(t.data))})
		body.Write(t.data)
		for body.Len()%4 != 0 {
			body.WriteByte(0)
		}
	}
	out.Write(body.Bytes())
	return out.Bytes()
}

func TestTrueTypeProgram(t *testing.T) {
	prog := buildTrueType([]uint16{500, 250, 600, 600}, map[uint16]uint16{' ': 1, 'A': 2, 'B': 3})
	tt, err := parseTrueType(prog)
	if err != nil {
		t.Fatal(err)
	}
	if tt.numGlyphs != 4 || tt.unitsPerEm != 1000 || len(tt.glyphLen) != 4 || tt.glyphLen[2] != 4 {
		t.Fatalf("parsed %+v", tt)
	}
	f := &Font{Encoding: "WinAnsiEncoding", HasFlags: true}
	if g, st := tt.simpleGlyph(f, 'A'); g != 2 || st != glyphFound {
		t.Errorf("A -> %d %d", g, st)
	}
	if _, st := tt.simpleGlyph(f, 'Z'); st != glyphMissing {
		t.Errorf("Z should be missing, got %d", st)
	}
	if w, ok := tt.advance(2); !ok || w != 600 {
		t.Errorf("advance %v %v", w, ok)
	}
	// Through the font check: widths 600 match, 700 do not; Z has no glyph.
	f = &Font{Subtype: "TrueType", Encoding: "WinAnsiEncoding", HasFlags: true, prog: tt, firstChar: 65, widths: []float64{600, 700}}
	f.noteCodes([]byte("AB"), true)
	f.checkProgram()
	if len(f.WidthMismatch) != 1 || len(f.GlyphMissing) != 0 {
		t.Errorf("mismatch %v missing %v", f.WidthMismatch, f.GlyphMissing)
	}
	f.noteCodes([]byte("Z"), true)
	f.WidthMismatch = nil
	f.checkProgram()
	if len(f.GlyphMissing) != 1 {
		t.Errorf("missing %v", f.GlyphMissing)
	}
}

func TestCharSet(t *testing.T) {
	got := compareCharSet("/A/B/d", []string{".notdef", "A", "B", "C"})
	if len(got) != 2 || got[0] != "+d" || got[1] != "-C" {
		t.Errorf("compareCharSet %v", got)
	}
	if got := compareCharSet("/A/B", []string{".notdef", "A", "B"}); len(got) != 0 {
		t.Errorf("equal sets: %v", got)
	}
}

func TestToUnicode(t *testing.T) {
	m := parseToUnicode([]byte("1 begincodespacerange <00> <FF> endcodespacerange\n2 beginbfchar <41> <0041> <42> <D83DDE00> endbfchar\n1 beginbfrange <61> <63> <0061> endbfrange\n1 beginbfrange <30> <31> [<0030> <FFFE>] endbfrange"))
	want := map[uint32]string{0x41: "A", 0x42: "😀", 0x61: "a", 0x62: "b", 0x63: "c", 0x30: "0", 0x31: "\uFFFE"}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("code %x: %q, want %q", k, m[k], v)
		}
	}
}

func TestXMP(t *testing.T) {
	x := parseXMP([]byte(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:ua="http://www.aiim.org/pdfua/ns/id/" xmlns:dc="http://purl.org/dc/elements/1.1/" ua:part="1"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">Rapport</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta>`))
	if !x.HasUAID || x.Part != "1" || x.PartPrefix != "ua" || x.Title != "Rapport" {
		t.Errorf("%+v", x)
	}
}

func FuzzFontPrograms(f *testing.F) {
	f.Add(buildTrueType([]uint16{500, 600}, map[uint16]uint16{'A': 1}))
	f.Add([]byte{1, 0, 4, 1, 0, 0})
	f.Add([]byte("%!PS-AdobeFont-1.0\n/CharStrings 2 dict dup begin\ncurrentfile eexec \x00\x01\x02"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if tt, err := parseTrueType(b); err == nil {
			for c := uint32(0); c < 300; c++ {
				tt.lookup(3, 1, c)
				tt.lookup(1, 0, c)
				tt.advance(int(c))
			}
		}
		cffGlyphNames(b)
		cffWidths(b)
		cffCIDs(b)
		type1GlyphNames(b, 0)
		parseToUnicode(b)
		parseXMP(b)
	})
}

func TestUnmappedCodes(t *testing.T) {
	f := &Font{Subtype: "Type0", twoByte: true, toUni: map[uint32]string{0x41: "A"}}
	f.noteCodes([]byte{0, 0x41, 0, 0x42}, true)
	if len(f.Unmapped) != 1 || f.Unmapped[0] != "42" {
		t.Errorf("unmapped %v", f.Unmapped)
	}
}

func TestGlyphNameTables(t *testing.T) {
	if len(asciiGlyphs) != 95 || len(winAnsiHighNames) != 95 {
		t.Fatalf("tables: %d ascii, %d high", len(asciiGlyphs), len(winAnsiHighNames))
	}
	f := &Font{Subtype: "Type1", Encoding: "WinAnsiEncoding", HasFlags: true, progNames: map[string]bool{"A": true, "eacute": true, "space": true}}
	if f.glyphName('A') != "A" || f.glyphName(0xE9) != "eacute" || f.glyphName(0xFF) != "ydieresis" || f.glyphName(0xD7) != "multiply" {
		t.Errorf("names: %q %q %q %q", f.glyphName('A'), f.glyphName(0xE9), f.glyphName(0xFF), f.glyphName(0xD7))
	}
	f.noteCodes([]byte("A \xe9B"), true)
	f.checkProgram()
	if len(f.GlyphMissing) != 1 || f.GlyphMissing[0] != "66" {
		t.Errorf("missing %v", f.GlyphMissing)
	}
	if got := len(cffStandardStrings); got != 391 {
		t.Errorf("CFF standard strings: %d", got)
	}
}

func TestNoUnicode(t *testing.T) {
	f := &Font{Subtype: "Type1", diffs: map[int]string{65: "g12", 66: "B"}}
	f.noteCodes([]byte("AB"), true)
	f.checkProgram()
	if len(f.NoUnicode) != 1 || f.NoUnicode[0] != "65" {
		t.Errorf("no unicode %v", f.NoUnicode)
	}
	f = &Font{Subtype: "Type1", diffs: map[int]string{65: "g12"}, HasToUnicode: true, toUni: map[uint32]string{65: "A"}}
	f.noteCodes([]byte("A"), true)
	f.checkProgram()
	if len(f.NoUnicode) != 0 {
		t.Errorf("mapped by ToUnicode: %v", f.NoUnicode)
	}
}

func TestCIDKeyedProgram(t *testing.T) {
	f := &Font{Subtype: "Type0", CMapName: "Identity-H", BaseFont: "ABCDEF+Kozuka", twoByte: true,
		progCIDs: map[int]bool{0: true, 5: true, 9: true}, cidSet: []byte{0x04, 0x00}} // bit 5 set, 9 not
	f.noteCodes([]byte{0, 5, 0, 7}, true)
	f.checkProgram()
	if len(f.GlyphMissing) != 1 || f.GlyphMissing[0] != "7" {
		t.Errorf("missing %v", f.GlyphMissing)
	}
	if len(f.CIDSetMissing) != 1 || f.CIDSetMissing[0] != 9 {
		t.Errorf("CIDSet missing %v", f.CIDSetMissing)
	}
}

func TestCharstringWidth(t *testing.T) {
	// "100 hmoveto" has no width (default); "50 100 hmoveto" carries 50 over nominal.
	if w := charstringWidth([]byte{139 + 100, 22}, 500, 300); w != 500 {
		t.Errorf("default width %v", w)
	}
	if w := charstringWidth([]byte{139 + 50, 139 + 100, 22}, 500, 300); w != 350 {
		t.Errorf("nominal + 50 = %v", w)
	}
	if w := charstringWidth([]byte{139 + 1, 14}, 500, 300); w != 301 {
		t.Errorf("endchar with width %v", w)
	}
	if w := charstringWidth([]byte{139, 10}, 500, 300); w != -1 {
		t.Errorf("a subroutine first: %v", w)
	}
}

func TestPredefinedCMapOrdering(t *testing.T) {
	for name, want := range map[string]string{"UniJIS-UCS2-H": "Japan1", "90ms-RKSJ-V": "Japan1", "H": "Japan1",
		"UniGB-UTF16-H": "GB1", "GBK-EUC-H": "GB1", "ETen-B5-H": "CNS1", "UniCNS-UCS2-V": "CNS1",
		"KSCms-UHC-H": "Korea1", "Identity-H": "", "Custom": ""} {
		if got := PredefinedCMapOrdering(name); got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
}

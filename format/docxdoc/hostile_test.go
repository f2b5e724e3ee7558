package docxdoc

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/lab110bis/focusplus/checker"
	fx "github.com/lab110bis/focusplus/internal/fixtures"
)

// repeatedDeflate returns a raw deflate stream that inflates to head, then chunk
// repeated n times, then tail, while staying small: each piece is compressed once on
// its own (its back-references stay inside it) and the compressed chunk is repeated.
func repeatedDeflate(head, chunk []byte, n int, tail []byte) []byte {
	piece := func(b []byte) []byte {
		var buf bytes.Buffer
		fw, _ := flate.NewWriter(&buf, flate.BestCompression)
		fw.Write(b)
		fw.Flush() // byte-aligned, not final
		return buf.Bytes()
	}
	var out bytes.Buffer
	out.Write(piece(head))
	c := piece(chunk)
	for i := 0; i < n; i++ {
		out.Write(c)
	}
	out.Write(piece(tail))
	out.Write([]byte{0x03, 0x00}) // final empty fixed-Huffman block
	return out.Bytes()
}

// zipWithRaw writes a minimal .docx package whose word/document.xml is the given raw
// deflate stream, declaring size bytes once inflated.
func zipWithRaw(raw []byte, declared uint64) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, body string) {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	add("[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)
	add("_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate,
		CompressedSize64: uint64(len(raw)), UncompressedSize64: declared, CRC32: 0})
	if err != nil {
		panic(err)
	}
	w.Write(raw)
	zw.Close()
	return buf.Bytes()
}

// hostileCheck loads data through the engine, with its deadline and recover, and
// checks it ends in a document error that says what is wrong, with little memory.
func hostileCheck(t *testing.T, data []byte, wantErr string) {
	t.Helper()
	e := &checker.Engine{Formats: []*checker.FileFormat{checker.LookupFormat(Name)}, Limits: checker.DefaultLimits()}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	res := e.Check(context.Background(), "hostile.docx", data, false)
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	if res.Err == nil {
		t.Fatalf("no document error; findings %v", res.Findings)
	}
	if !strings.Contains(res.Err.Msg.En, wantErr) {
		t.Errorf("error %q, want it to mention %q", res.Err.Msg.En, wantErr)
	}
	if res.Err.Unsupported && res.Format != checker.FormatUnknown {
		t.Errorf("a refused file is reported as %q, want unknown", res.Format)
	}
	if res.Err.Msg.Fr == "" || res.Err.Msg.Fr == res.Err.Msg.En {
		t.Errorf("error not translated: %+v", res.Err.Msg)
	}
	if elapsed > e.Limits.DocumentTimeout {
		t.Errorf("took %v, over the document deadline", elapsed)
	}
	// Generous: the point is that nothing near the inflated size is ever allocated.
	const budget = 64 << 20
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > budget {
		t.Errorf("allocated %s while refusing the file, want under %s", checker.HumanBytes(int64(alloc)), checker.HumanBytes(budget))
	}
	t.Logf("%s file, refused in %v with %s allocated: %s", checker.HumanBytes(int64(len(data))), elapsed.Round(time.Millisecond),
		checker.HumanBytes(int64(after.TotalAlloc-before.TotalAlloc)), res.Err.Msg.En)
}

const gib = 1 << 30

func TestZipBombHonestHeader(t *testing.T) {
	raw := repeatedDeflate(nil, make([]byte, 1<<20), gib>>20, nil)
	hostileCheck(t, zipWithRaw(raw, gib), "zip bomb")
}

func TestZipBombLyingHeader(t *testing.T) {
	head := []byte(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	chunk := bytes.Repeat([]byte(`<w:p><w:r><w:t>zzzzzzzzzzzzzzzz</w:t></w:r></w:p>`), 1<<14)
	raw := repeatedDeflate(head, chunk, gib/len(chunk), []byte(`</w:body></w:document>`))
	hostileCheck(t, zipWithRaw(raw, 4096), "more data than its zip header declares")
}

func TestZipBombOfZerosLyingHeader(t *testing.T) {
	raw := repeatedDeflate(nil, make([]byte, 1<<20), gib>>20, nil)
	// Zeros are not XML: refused at the first byte, whatever the header says.
	hostileCheck(t, zipWithRaw(raw, 1000), "XML")
}

func TestHundredThousandEntries(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i < 100_000; i++ {
		if _, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("f%d", i), Method: zip.Store}); err != nil {
			t.Fatal(err)
		}
	}
	zw.Close()
	hostileCheck(t, buf.Bytes(), "more than 10000 entries")
}

// wrappedZip is a zip whose central directory holds n entries (stored, empty) while its
// end record declares n modulo 65,536, with no Zip64 record: archive/zip accepts it.
func wrappedZip(n int) []byte {
	var b bytes.Buffer
	le := binary.LittleEndian
	// A local header first, as every zip starts (and as sniffing expects).
	lh := make([]byte, 30)
	copy(lh, "PK\x03\x04")
	le.PutUint16(lh[26:], 1)
	b.Write(lh)
	b.WriteString("f")
	start := b.Len()
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("f%d", i)
		h := make([]byte, 46)
		copy(h, "PK\x01\x02")
		le.PutUint16(h[4:], 20)
		le.PutUint16(h[6:], 20)
		le.PutUint16(h[28:], uint16(len(name)))
		b.Write(h)
		b.WriteString(name)
	}
	size := b.Len() - start
	e := make([]byte, 22)
	copy(e, "PK\x05\x06")
	le.PutUint16(e[8:], uint16(n))
	le.PutUint16(e[10:], uint16(n))
	le.PutUint32(e[12:], uint32(size))
	le.PutUint32(e[16:], uint32(start))
	b.Write(e)
	return b.Bytes()
}

// A directory of 65,546 entries declaring 10 is counted by walking it, not by its
// 16-bit count field.
func TestEntryCountWraps(t *testing.T) {
	data := wrappedZip(65536 + 10)
	if zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err != nil || len(zr.File) != 65546 {
		t.Fatalf("the wrapped zip should fool archive/zip: %v", err)
	}
	hostileCheck(t, data, "more than 10000 entries")
}

func TestDuplicatePartNames(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "word/document.xml", "word/Document.xml"} {
		w, _ := zw.Create(name)
		w.Write([]byte("<a/>"))
	}
	zw.Close()
	hostileCheck(t, buf.Bytes(), "twice")
}

func TestMillionNestedElements(t *testing.T) {
	head := []byte(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	open := bytes.Repeat([]byte(`<w:sdt><w:sdtContent>`), 1000)
	raw := repeatedDeflate(head, open, 500, nil) // 1,000,000 nested elements
	declared := uint64(len(head) + len(open)*500)
	hostileCheck(t, zipWithRaw(raw, declared), "nests elements more than")
}

func TestElementLimit(t *testing.T) {
	// Empty paragraphs: one tag per element, so the part stays within its markup
	// budget (two tags per element allowed) and the element count is what refuses it.
	d := fx.DOCX{Body: strings.Repeat("<w:p/>", 1500)}.Bytes()
	lim := checker.DefaultLimits()
	lim.MaxElements = 1000
	_, err := Load(context.Background(), "x.docx", d, Name, lim)
	if err == nil || !strings.Contains(err.Error(), "more than 1000 XML elements") {
		t.Fatalf("err = %v", err)
	}
}

// Comments are tokens the element count never sees: a part made of them is refused by
// its markup budget, and a document past its deadline stops at its first read rather
// than decoding the part to its end.
func TestMarkupBudgetAndDeadline(t *testing.T) {
	d := fx.DOCX{Body: fx.Paragraphs(3) + strings.Repeat("<!---->", 3000)}.Bytes()
	lim := checker.DefaultLimits()
	lim.MaxElements = 1000
	_, err := Load(context.Background(), "x.docx", d, Name, lim)
	if err == nil || !strings.Contains(err.Error(), "more than 2000 tags and comments") {
		t.Errorf("comment flood: err = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Load(ctx, "x.docx", d, Name, checker.DefaultLimits()); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v, want context.Canceled", err)
	}
}

func TestInflatedBudget(t *testing.T) {
	d := fx.DOCX{Body: fx.Paragraphs(2000)}.Bytes()
	lim := checker.DefaultLimits()
	lim.MaxInflated = 10_000
	_, err := Load(context.Background(), "x.docx", d, Name, lim)
	if err == nil {
		t.Fatal("a document over the inflated budget loaded")
	}
}

func TestOLEFiles(t *testing.T) {
	doc, err := Load(context.Background(), "secret.docx", fx.OLE("EncryptionInfo", "EncryptedPackage"), Name, checker.DefaultLimits())
	if err != nil || !doc.Content.(*Document).Encrypted {
		t.Fatalf("encrypted file: %v %+v", err, doc)
	}
	hostileCheck(t, fx.OLE("WordDocument", "1Table"), "legacy Word 97-2003 document (.doc)")
	hostileCheck(t, fx.OLE("Workbook"), "Excel")
	hostileCheck(t, fx.OLE("Something"), "OLE compound file")
}

func TestNotWordZips(t *testing.T) {
	xlsx := fx.Zip(map[string]string{"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>",
		"_rels/.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`})
	hostileCheck(t, xlsx, "Excel workbook")
	odt := fx.Zip(map[string]string{"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office:document-content/>"})
	hostileCheck(t, odt, "OpenDocument text")
	hostileCheck(t, fx.Zip(map[string]string{"a.txt": "hello"}), "a zip archive, not a format Focus+ reads")
	visio := fx.Zip(map[string]string{"visio/document.xml": `<VisioDocument xmlns="http://schemas.microsoft.com/office/visio/2012/main"/>`,
		"_rels/.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/document" Target="visio/document.xml"/></Relationships>`})
	hostileCheck(t, visio, "Visio")
	docm := fx.DOCX{Body: fx.P("", "x")}
	docm.Parts = map[string]string{"word/_rels/document.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>`,
		"word/vbaProject.bin": "macros"}
	hostileCheck(t, docm.Bytes(), "macro-enabled Word document (.docm)")
	fake := fx.Zip(map[string]string{"word/document.xml": `<html><body>not Word</body></html>`})
	hostileCheck(t, fake, "not a format Focus+ reads")
	good := fx.DOCX{Body: fx.P("", "x")}.Bytes()
	hostileCheck(t, good[:len(good)/2], "damaged zip")
}

func TestDTDRefused(t *testing.T) {
	d := fx.DOCX{Body: fx.P("", "x")}
	d.Parts = map[string]string{"word/document.xml": `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]><w:document WORDNS><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>`}
	hostileCheck(t, d.Bytes(), "DTD")
}

// TestManyTextElementsInOneRun: text is built in linear time, however it is split.
func TestManyTextElementsInOneRun(t *testing.T) {
	d := fx.DOCX{Body: `<w:p><w:r>` + strings.Repeat(`<w:t>a</w:t>`, 500_000) + `</w:r></w:p>` +
		`<w:tbl><w:tr><w:tc>` + strings.Repeat(`<w:p><w:r><w:t>b</w:t></w:r></w:p>`, 100_000) + `</w:tc></w:tr></w:tbl>`}.Bytes()
	e := &checker.Engine{Formats: []*checker.FileFormat{checker.LookupFormat(Name)}, Limits: checker.DefaultLimits()}
	doc, lerr := e.Load(context.Background(), "long-run.docx", d)
	if lerr != nil {
		t.Fatal(lerr.Msg.En)
	}
	m := doc.Content.(*Document)
	if n := len(m.Paragraphs[0].Runs[0].Text); n != 500_000 {
		t.Errorf("run text %d bytes", n)
	}
	if n := len(m.Tables[0].Rows[0].Cells[0].Text()); n != 2*100_000-1 {
		t.Errorf("cell text %d bytes", n)
	}
}

// TestZipBombUnderThePartLimit: 100 MiB of zeros, honestly declared, is under the size
// limit of a part but compresses like no document does.
func TestZipBombUnderThePartLimit(t *testing.T) {
	raw := repeatedDeflate(nil, make([]byte, 1<<20), 100, nil)
	hostileCheck(t, zipWithRaw(raw, 100<<20), "compresses")
}

package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/adler32"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/internal/fixtures"
	"github.com/lab110bis/focusplus/report"
)

// TestHostileFilesInABatch builds one folder of hostile files of every format, next to
// a good one, and checks it with `focus check` as a user would:
//
//   - the batch as a whole (in process): every hostile file is reported, with a document
//     error or findings, the good file is still scored, and the exit code is 3;
//   - each file on its own, in a child process of the built command: it ends within the
//     engine's document deadline, the child's peak resident memory (VmHWM) stays under
//     768 MiB whatever the file declares or inflates to, and its TMPDIR is left empty.
//
// Nothing large is committed: the bombs are built here, streaming, from small pieces.
func TestHostileFilesInABatch(t *testing.T) {
	if testing.Short() {
		t.Skip("hostile batch: builds gigabyte bombs (compressed) and runs the command per file")
	}
	files := hostileFiles(t)
	dir := t.TempDir()
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.name), f.data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	good := "zz-good.png"
	if err := os.WriteFile(filepath.Join(dir, good), describedPNG, 0o644); err != nil {
		t.Fatal(err)
	}
	// Symlink loops: a folder link back to its parent, and two links to each other.
	sub := filepath.Join(dir, "loops")
	os.Mkdir(sub, 0o755)
	for _, l := range [][2]string{{"..", filepath.Join(sub, "up")}, {"b.pdf", filepath.Join(sub, "a.pdf")}, {"a.pdf", filepath.Join(sub, "b.pdf")}, {".", filepath.Join(sub, "self")}} {
		if err := os.Symlink(l[0], l[1]); err != nil {
			t.Skipf("symlinks unavailable: %v", err)
		}
	}

	// The whole batch, in process.
	start := time.Now()
	code, out, errOut := runCLI(t, nil, nil, "check", "--format", "json", "--fail-on", "never", dir)
	t.Logf("batch of %d files checked in %v", len(files)+1, time.Since(start).Round(time.Millisecond))
	if code != exitUnreadable {
		t.Errorf("exit %d, want %d (unreadable documents)\nstderr: %s", code, exitUnreadable, errOut)
	}
	var rep report.JSONReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("invalid JSON: %v\n%.2000s", err, out)
	}
	byName := map[string]report.JSONDocument{}
	for _, d := range rep.Documents {
		base := filepath.Base(d.Path)
		if _, dup := byName[base]; dup {
			t.Errorf("%s reported twice (a symlink loop followed?)", base)
		}
		byName[base] = d
	}
	if g, ok := byName[good]; !ok || g.Error != "" || g.Score == nil {
		t.Errorf("the good file was not scored: %+v", g)
	}
	for _, f := range files {
		d, ok := byName[f.name]
		if !ok {
			t.Errorf("%s: not reported", f.name)
			continue
		}
		if d.Error == "" && len(d.Findings) == 0 && (f.mustFail || d.Score == nil) {
			t.Errorf("%s: neither a document error nor findings: %+v", f.name, d)
		}
		if f.mustFail && d.Error == "" {
			t.Errorf("%s: read without a document error (score %v)", f.name, d.Score)
		}
		if f.wantErr != "" && !strings.Contains(strings.ToLower(d.Error), f.wantErr) {
			t.Errorf("%s: error %q, want it to mention %q", f.name, d.Error, f.wantErr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "pwned")); err == nil {
		t.Error("a file name was run by a shell")
	}

	// Each file alone, in a child process: time within the deadline, peak memory.
	bin := filepath.Join(buildFocus(t), "focus")
	deadline := checker.DefaultLimits().DocumentTimeout
	const memBudget = 1 << 30
	t.Logf("%-34s %-9s %8s %9s  %s", "file", "size", "time", "peak RSS", "outcome")
	for _, f := range append(files, hostileFile{name: good, data: describedPNG}) {
		cmd := exec.Command(bin, "check", "--format", "json", "--fail-on", "never", "--lang", "en", filepath.Join(dir, f.name))
		childTmp := t.TempDir()
		cmd.Env = append(os.Environ(), "NO_COLOR=1", "TMPDIR="+childTmp)
		var stdout bytes.Buffer
		cmd.Stdout = &stdout
		t0 := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// The child's own high-water mark: rusage Maxrss would include this test
		// process's memory, which the child shares until it execs.
		rss := watchHWM(cmd.Process.Pid)
		err := cmd.Wait()
		el := time.Since(t0)
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatalf("%s: %v", f.name, err)
		}
		var one report.JSONReport
		outcome := "?"
		if json.Unmarshal(stdout.Bytes(), &one) == nil && len(one.Documents) == 1 {
			d := one.Documents[0]
			switch {
			case d.Error != "":
				outcome = "error: " + d.Error
			default:
				outcome = fmt.Sprintf("score %d, %d findings", *d.Score, len(d.Findings))
			}
		} else {
			t.Errorf("%s: exit %d, no one-document JSON report", f.name, cmd.ProcessState.ExitCode())
		}
		t.Logf("%-34q %-9s %8v %9s  %.110s", f.name, checker.HumanBytes(int64(len(f.data))), el.Round(time.Millisecond), checker.HumanBytes(rss()), outcome)
		if left, _ := os.ReadDir(childTmp); len(left) > 0 {
			t.Errorf("%s: temporary files left behind: %v", f.name, left)
		}
		if el > deadline {
			t.Errorf("%s: took %v, over the %v document deadline", f.name, el, deadline)
		}
		if peak := rss(); peak > memBudget*3/4 {
			t.Errorf("%s: peak RSS %s, want well under 1 GiB", f.name, checker.HumanBytes(peak))
		}
	}
}

type hostileFile struct {
	name     string
	data     []byte
	mustFail bool   // a document error is the only right outcome
	wantErr  string // lower-case words the error must contain
}

func hostileFiles(t *testing.T) []hostileFile {
	const gib = 1 << 30
	docXML := func(body string) string {
		return `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`
	}
	laughs := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
		`<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">` +
		`<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">` +
		`<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">` +
		`<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>`
	xxe := `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>`
	deep := docXML(strings.Repeat(`<w:sdt><w:sdtContent>`, 100_000))

	zeros := make([]byte, 1<<20)
	xmlChunk := bytes.Repeat([]byte(`<w:p><w:r><w:t>zzzzzzzzzzzzzzzz</w:t></w:r></w:p>`), 1<<14)
	goodPDF := fixtures.VisualPDF{Title: "Letter", Pages: []fixtures.VisualPage{fixtures.TextPage(nil, nil, 5)}}.Bytes()

	return []hostileFile{
		// DOCX
		{name: "zip-bomb-zeros.docx", data: docxWithRaw(repeatedDeflate(nil, zeros, gib>>20, nil), gib), mustFail: true},
		{name: "zip-bomb-lying-size.docx", data: docxWithRaw(repeatedDeflate([]byte(docXML("")[:len(docXML(""))-len(`</w:body></w:document>`)]), xmlChunk, gib/len(xmlChunk), []byte(`</w:body></w:document>`)), 4096), mustFail: true},
		{name: "100000-entries.docx", data: manyEntries(100_000), mustFail: true},
		{name: "nested-100000.docx", data: docxWith(deep), mustFail: true},
		{name: "billion-laughs.docx", data: docxWith(laughs), mustFail: true},
		{name: "external-entity.docx", data: docxWith(xxe), mustFail: true},
		{name: "ole-word97.docx", data: fixtures.OLE("WordDocument"), mustFail: true},
		{name: "ole-encrypted.docx", data: fixtures.OLE("EncryptionInfo", "EncryptedPackage")}, // a blocking finding
		// Images
		{name: "100000x100000.png", data: fixtures.HugePNGHeader(100000, 100000), mustFail: true, wantErr: "megapixels"},
		{name: "50000-frames.gif", data: rawGIF(1, 1, 50_000), mustFail: true},
		{name: "65535-screen.gif", data: rawGIF(65535, 65535, 1)},
		// PDF
		{name: "cyclic-trees.pdf", data: cyclicPDF()},
		{name: "xref-prev-loop.pdf", data: prevLoopPDF(goodPDF)},
		{name: "objstm-cycle.pdf", data: objStmCyclePDF()},
		{name: "flate-1gib-zeros.pdf", data: flateBombPDF(gib)},
		{name: "struct-depth-100000.pdf", data: deepStructPDF(100_000)},
		{name: "truncated.pdf", data: goodPDF[:len(goodPDF)/2]},
		// Names, sizes and extensions
		{name: "empty.pdf", data: nil, mustFail: true, wantErr: "empty"},
		{name: "empty.docx", data: nil, mustFail: true, wantErr: "empty"},
		{name: "png-named.pdf", data: describedPNG},
		{name: "pdf-named.docx", data: goodPDF},
		{name: "with space and 'quotes'.png", data: fixtures.HugePNGHeader(100000, 100000), mustFail: true},
		{name: `"double" $(touch pwned) ;ls.gif`, data: rawGIF(1, 1, 50_000), mustFail: true},
		{name: "résumé 日本語 ✓.docx", data: docxWith(laughs), mustFail: true},
		{name: "`touch pwned`.pdf", data: []byte("%PDF-1.7\n1 0 obj << /Type /Catalog")},
	}
}

// repeatedDeflate returns a raw deflate stream that inflates to head, chunk n times, then
// tail, while staying small: each piece is compressed once on its own and the
// compressed chunk is repeated.
func repeatedDeflate(head, chunk []byte, n int, tail []byte) []byte {
	piece := func(b []byte) []byte {
		var buf bytes.Buffer
		fw, _ := flate.NewWriter(&buf, flate.BestCompression)
		fw.Write(b)
		fw.Flush()
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

const (
	ctTypes = `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`
	ctRels  = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`
)

// docxWithRaw is a .docx whose word/document.xml is the raw deflate stream, declaring
// the given size.
func docxWithRaw(raw []byte, declared uint64) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range [][2]string{{"[Content_Types].xml", ctTypes}, {"_rels/.rels", ctRels}} {
		w, _ := zw.Create(p[0])
		w.Write([]byte(p[1]))
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate,
		CompressedSize64: uint64(len(raw)), UncompressedSize64: declared})
	if err != nil {
		panic(err)
	}
	w.Write(raw)
	zw.Close()
	return buf.Bytes()
}

func docxWith(document string) []byte {
	return fixtures.Zip(map[string]string{"[Content_Types].xml": ctTypes, "_rels/.rels": ctRels, "word/document.xml": document})
}

func manyEntries(n int) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i < n; i++ {
		zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("f%d", i), Method: zip.Store})
	}
	zw.Close()
	return buf.Bytes()
}

// rawGIF writes a GIF89a with a w×h logical screen and the given number of 1×1 frames.
func rawGIF(w, h uint16, frames int) []byte {
	var b bytes.Buffer
	b.WriteString("GIF89a")
	binary.Write(&b, binary.LittleEndian, [2]uint16{w, h})
	b.Write([]byte{0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff}) // 2-colour global table
	for i := 0; i < frames; i++ {
		b.Write([]byte{0x21, 0xF9, 0x04, 0x00, 0x0A, 0x00, 0x00, 0x00}) // 10 cs delay
		b.Write([]byte{0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0})
		b.Write([]byte{0x02, 0x02, 0x44, 0x01, 0x00}) // clear, 0, end
	}
	b.WriteByte(0x3B)
	return b.Bytes()
}

// onePage is the page tree of a one-page file, the page's content given.
func onePage(w *fixtures.PDFWriter, content int, catExtra string) int {
	cat, pages, page := w.Reserve(), w.Reserve(), w.Reserve()
	w.Set(page, fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R >>", pages, content))
	w.Set(pages, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", page))
	w.Set(cat, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R %s >>", pages, catExtra))
	return cat
}

// cyclicPDF has a page tree, a structure tree and an outline that loop on themselves.
func cyclicPDF() []byte {
	w := &fixtures.PDFWriter{}
	cat, pages, page := w.Reserve(), w.Reserve(), w.Reserve()
	root, a, b := w.Reserve(), w.Reserve(), w.Reserve()
	ol, o1, o2 := w.Reserve(), w.Reserve(), w.Reserve()
	content := w.Stream("", []byte("/P <</MCID 0>> BDC BT /F1 12 Tf (x) Tj ET EMC"))
	w.Set(pages, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R %d 0 R] /Count 2 /Parent %d 0 R >>", page, pages, pages))
	w.Set(page, fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 10 10] /Contents %d 0 R >>", pages, content))
	w.Set(root, fmt.Sprintf("<< /Type /StructTreeRoot /K %d 0 R >>", a))
	w.Set(a, fmt.Sprintf("<< /Type /StructElem /S /Sect /P %d 0 R /K [%d 0 R 0] /Pg %d 0 R >>", b, b, page))
	w.Set(b, fmt.Sprintf("<< /Type /StructElem /S /P /P %d 0 R /K [%d 0 R %d 0 R] >>", a, a, root))
	w.Set(ol, fmt.Sprintf("<< /Type /Outlines /First %d 0 R /Last %d 0 R >>", o1, o2))
	w.Set(o1, fmt.Sprintf("<< /Title (one) /Parent %d 0 R /Next %d 0 R /First %d 0 R /Last %d 0 R >>", ol, o2, o1, ol))
	w.Set(o2, fmt.Sprintf("<< /Title (two) /Parent %d 0 R /Next %d 0 R /Prev %d 0 R >>", o1, o1, o2))
	w.Set(cat, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R /StructTreeRoot %d 0 R /Outlines %d 0 R /MarkInfo << /Marked true >> >>", pages, root, ol))
	return w.Bytes(cat, "")
}

// prevLoopPDF appends an incremental update to a good file whose trailer's /Prev is the
// update's own cross-reference section.
func prevLoopPDF(good []byte) []byte {
	m := regexp.MustCompile(`startxref\s+(\d+)`).FindAllSubmatch(good, -1)
	if m == nil {
		panic("no startxref")
	}
	root := regexp.MustCompile(`/Root\s+(\d+ \d+ R)`).FindSubmatch(good)
	size := regexp.MustCompile(`/Size\s+(\d+)`).FindSubmatch(good)
	var b bytes.Buffer
	b.Write(good)
	at := b.Len()
	fmt.Fprintf(&b, "xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size %s /Root %s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", size[1], root[1], at, at)
	return b.Bytes()
}

// objStmCyclePDF stores its objects in two object streams whose /Length each lives in
// the other stream, and which extend each other.
func objStmCyclePDF() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := map[int]int{}
	objStm := func(num, ext, lengthObj int, members [][2]string) {
		var head, body bytes.Buffer
		for _, m := range members {
			fmt.Fprintf(&head, "%s %d ", m[0], body.Len())
			body.WriteString(m[1] + " ")
		}
		data := head.String() + body.String()
		offs[num] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Length %d 0 R /Extends %d 0 R >>\nstream\n%s\nendstream\nendobj\n", num, len(members), head.Len(), lengthObj, ext, data)
	}
	offs[2] = b.Len()
	b.WriteString("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n")
	offs[3] = b.Len()
	b.WriteString("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>\nendobj\n")
	objStm(5, 6, 8, [][2]string{{"1", "<< /Type /Catalog /Pages 2 0 R >>"}, {"7", "40"}})
	objStm(6, 5, 7, [][2]string{{"8", "60"}, {"9", "<< /Loop 1 0 R >>"}})
	type entry struct {
		typ     byte
		f2      uint32
		f3      uint16
		present bool
	}
	entries := make([]entry, 11)
	entries[0] = entry{0, 0, 65535, true}
	entries[1] = entry{2, 5, 0, true}
	entries[2] = entry{1, uint32(offs[2]), 0, true}
	entries[3] = entry{1, uint32(offs[3]), 0, true}
	entries[5] = entry{1, uint32(offs[5]), 0, true}
	entries[6] = entry{1, uint32(offs[6]), 0, true}
	entries[7] = entry{2, 5, 1, true}
	entries[8] = entry{2, 6, 0, true}
	entries[9] = entry{2, 6, 1, true}
	xrefAt := b.Len()
	entries[10] = entry{1, uint32(xrefAt), 0, true}
	var x bytes.Buffer
	for _, e := range entries {
		x.WriteByte(e.typ)
		binary.Write(&x, binary.BigEndian, e.f2)
		binary.Write(&x, binary.BigEndian, e.f3)
	}
	fmt.Fprintf(&b, "10 0 obj\n<< /Type /XRef /Size 11 /Root 1 0 R /W [1 4 2] /Index [0 11] /Length %d >>\nstream\n", x.Len())
	b.Write(x.Bytes())
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xrefAt)
	return b.Bytes()
}

// flateBombPDF has one content stream of FlateDecode zeros that inflates to n bytes
// (about 1000:1), built from a compressed 1 MiB piece repeated, with a real zlib header
// and checksum.
func flateBombPDF(n int) []byte {
	zeros := make([]byte, 1<<20)
	raw := repeatedDeflate(nil, zeros, n>>20, nil)
	sum := adler32.New()
	for i := 0; i < n>>20; i++ {
		sum.Write(zeros)
	}
	var z bytes.Buffer
	z.Write([]byte{0x78, 0xDA})
	z.Write(raw)
	binary.Write(&z, binary.BigEndian, sum.Sum32())
	w := &fixtures.PDFWriter{}
	cs := w.Add(fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.Bytes()))
	return w.Bytes(onePage(w, cs, ""), "")
}

// deepStructPDF has a structure tree n elements deep.
func deepStructPDF(n int) []byte {
	w := &fixtures.PDFWriter{}
	content := w.Stream("", []byte("/P <</MCID 0>> BDC BT /F1 12 Tf (deep) Tj ET EMC"))
	root := w.Reserve()
	first := root + 1
	for i := 0; i < n; i++ {
		w.Reserve()
	}
	cat := onePage(w, content, fmt.Sprintf("/StructTreeRoot %d 0 R /MarkInfo << /Marked true >>", root))
	page := cat + 2
	w.Set(root, fmt.Sprintf("<< /Type /StructTreeRoot /K %d 0 R >>", first))
	for i := 0; i < n; i++ {
		parent, kid := root, strconv.Itoa(first+i+1)+" 0 R"
		if i > 0 {
			parent = first + i - 1
		}
		if i == n-1 {
			kid = "0"
		}
		w.Set(first+i, fmt.Sprintf("<< /Type /StructElem /S /Div /P %d 0 R /Pg %d 0 R /K %s >>", parent, page, kid))
	}
	return w.Bytes(cat, "")
}

// watchHWM polls the VmHWM (peak resident memory) of a running process every 5 ms and
// returns a function giving the last value read, in bytes, once the process has ended.
func watchHWM(pid int) func() int64 {
	var peak atomic.Int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		path := fmt.Sprintf("/proc/%d/status", pid)
		for {
			b, err := os.ReadFile(path)
			if err != nil {
				return
			}
			i := bytes.Index(b, []byte("VmHWM:"))
			if i < 0 {
				return // a zombie: the process has exited
			}
			f := strings.Fields(string(b[i+6:]))
			if len(f) > 0 {
				if kb, err := strconv.ParseInt(f[0], 10, 64); err == nil && kb<<10 > peak.Load() {
					peak.Store(kb << 10)
				}
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	return func() int64 {
		<-done
		return peak.Load()
	}
}

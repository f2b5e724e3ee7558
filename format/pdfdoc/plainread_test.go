package pdfdoc

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/lab110bis/focusplus/internal/fixtures"
)

func readConf() *model.Configuration {
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.Cmd = model.VALIDATE
	return conf
}

// samePDFModel compares the model readPlain built with pdfcpu's own for the same file:
// every object, stream data and filters, and the trailer's entries.
// pdfcpu must read every file readPlain reads.
func samePDFModel(t *testing.T, name string, data []byte) (plain bool) {
	t.Helper()
	fast, ok := readPlain(context.Background(), data, readConf())
	if !ok {
		return false
	}
	ref, err := pdfcpu.ReadWithContext(context.Background(), bytes.NewReader(data), readConf())
	if err != nil {
		t.Errorf("%s: read as plain, but pdfcpu refuses it: %v", name, err)
		return true
	}
	a, b := fast.XRefTable, ref.XRefTable
	if a.HeaderVersion.String() != b.HeaderVersion.String() || !reflect.DeepEqual(a.Root, b.Root) ||
		!reflect.DeepEqual(a.Info, b.Info) || !reflect.DeepEqual(a.ID, b.ID) || *a.Size != *b.Size {
		t.Errorf("%s: trailer differs: version %v/%v root %v/%v info %v/%v size %d/%d", name,
			a.HeaderVersion, b.HeaderVersion, a.Root, b.Root, a.Info, b.Info, *a.Size, *b.Size)
	}
	if len(a.Table) != len(b.Table) {
		t.Errorf("%s: %d objects, pdfcpu %d", name, len(a.Table), len(b.Table))
	}
	for nr, eb := range b.Table {
		ea := a.Table[nr]
		if ea == nil || ea.Free != eb.Free {
			t.Errorf("%s: object %d: entry %+v, pdfcpu %+v", name, nr, ea, eb)
			continue
		}
		sa, isStream := ea.Object.(types.StreamDict)
		if !isStream {
			if !reflect.DeepEqual(ea.Object, eb.Object) {
				t.Errorf("%s: object %d:\n%v\npdfcpu:\n%v", name, nr, ea.Object, eb.Object)
			}
			continue
		}
		sb, ok := eb.Object.(types.StreamDict)
		if !ok || !reflect.DeepEqual(sa.Dict, sb.Dict) || !reflect.DeepEqual(sa.FilterPipeline, sb.FilterPipeline) ||
			!bytes.Equal(sa.Raw, sb.Raw) || sa.StreamOffset != sb.StreamOffset || *sa.StreamLength != *sb.StreamLength {
			t.Errorf("%s: stream %d differs from pdfcpu's", name, nr)
		}
	}
	return true
}

// TestPlainReaderMatchesPdfcpu: the direct reader builds exactly pdfcpu's model, for the
// generated documents (which it must read itself) and for every corpus file it accepts.
func TestPlainReaderMatchesPdfcpu(t *testing.T) {
	if d, err := parse(t, incrementalPDF()); err != nil || d.Lang != "fr" {
		t.Errorf("the update's catalog is not read: %v", err)
	}
	for name, data := range map[string][]byte{
		"sample":   sample().Bytes(),
		"long":     fixtures.LongPDF(3, 2),
		"indirect": indirectLengthPDF(),
		"update":   incrementalPDF(),
	} {
		if !samePDFModel(t, name, data) {
			t.Errorf("%s: not read as plain", name)
		}
	}
	var files []string
	for _, g := range []string{"pdfua1/*.pdf", "realworld/*.pdf"} {
		m, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", g))
		files = append(files, m...)
	}
	plain := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if samePDFModel(t, filepath.Base(f), data) {
			plain++
		}
	}
	t.Logf("%d of %d corpus files read as plain", plain, len(files))
}

// indirectLengthPDF has a content stream whose /Length is an indirect object.
func indirectLengthPDF() []byte {
	w := &fixtures.PDFWriter{}
	cat, pages, page := w.Reserve(), w.Reserve(), w.Reserve()
	content := "BT /F1 12 Tf 10 10 Td (Hi) Tj ET"
	n := w.Add("33")
	cs := w.Add("<< /Length " + itoa(n) + " 0 R >>\nstream\n" + content + "\nendstream")
	w.Set(page, "<< /Type /Page /Parent "+itoa(pages)+" 0 R /MediaBox [0 0 10 10] /Contents "+itoa(cs)+" 0 R >>")
	w.Set(pages, "<< /Type /Pages /Kids ["+itoa(page)+" 0 R] /Count 1 >>")
	w.Set(cat, "<< /Type /Catalog /Pages "+itoa(pages)+" 0 R >>")
	return w.Bytes(cat, "")
}

// incrementalPDF adds an incremental update to indirectLengthPDF that replaces its
// catalog with one that has a language.
func incrementalPDF() []byte {
	b := indirectLengthPDF()
	i := bytes.LastIndex(b, []byte("startxref\n"))
	var prev int
	fmt.Sscan(string(b[i+len("startxref\n"):]), &prev)
	off := len(b)
	b = append(b, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Lang (fr) >>\nendobj\n"...)
	xo := len(b)
	b = fmt.Appendf(b, "xref\n0 1\n0000000000 65535 f \n1 1\n%010d 00000 n \ntrailer\n<< /Size 6 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", off, prev, xo)
	return b
}

func itoa(n int) string { return fmt.Sprint(n) }

// TestPlainReaderDeclines: what the direct reader does not read goes to pdfcpu.
func TestPlainReaderDeclines(t *testing.T) {
	good := sample().Bytes()
	for name, data := range map[string][]byte{
		"broken Prev": append(bytes.Clone(good), []byte("\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Root 1 0 R /Prev 9 >>\nstartxref\n"+itoa(len(good)+1)+"\n%%EOF\n")...),
		"bad offset":  bytes.Replace(good, []byte("0000000015 00000 n"), []byte("0000000016 00000 n"), 1),
		"truncated":   good[:len(good)/2],
		"no header":   append([]byte("junk"), good...),
	} {
		if _, ok := readPlain(context.Background(), data, readConf()); ok {
			t.Errorf("%s: read as plain", name)
		}
	}
}

// FuzzPlainReader: whatever the direct reader reads, pdfcpu reads to the same model.
func FuzzPlainReader(f *testing.F) {
	f.Add(sample().Bytes())
	f.Add(incrementalPDF())
	f.Add(indirectLengthPDF())
	f.Add(fixtures.LongPDF(2, 1))
	f.Fuzz(func(t *testing.T, data []byte) {
		samePDFModel(t, "fuzz", data)
	})
}

package docxdoc

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/zippkg"
)

// One start tag with fifteen million attributes (75 MB of XML in a 160 KB file) is
// refused while it streams, before encoding/xml allocates the attributes (3 GB).
func TestAttributeBomb(t *testing.T) {
	head := []byte(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p `)
	chunk := bytes.Repeat([]byte(`a="" `), 1<<14)
	reps := 15_000_000 / (1 << 14)
	tail := []byte(`/></w:body></w:document>`)
	raw := repeatedDeflate(head, chunk, reps, tail)
	data := zipWithRaw(raw, uint64(len(head)+len(chunk)*reps+len(tail)))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err := Load(context.Background(), "attrs.docx", data, Name, checker.DefaultLimits())
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "attributes") {
		t.Fatalf("err = %v, want the attributes refused", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("refusing it allocated %d MiB", alloc>>20)
	}
	if took > time.Second {
		t.Errorf("refusing it took %v", took)
	}
	t.Logf("%d bytes refused in %v", len(data), took)
}

func TestTagGuard(t *testing.T) {
	many := "<a " + strings.Repeat(`x="1" `, zippkg.MaxAttrs+1) + "/>"
	for _, c := range []struct {
		xml  string
		fail bool
	}{
		{many, true},
		{`<a x="` + strings.Repeat("=", 3*zippkg.MaxAttrs) + `"/>`, false},              // '=' inside a value
		{`<!-- it's --><a ` + strings.Repeat(`x="1" `, zippkg.MaxAttrs+1) + `/>`, true}, // an apostrophe outside a value
		{strings.Repeat(`<a x="1" y='2'/>`, 2*zippkg.MaxAttrs), false},
		{`<a>` + strings.Repeat("a=b ", 2*zippkg.MaxAttrs) + `</a>`, false}, // text
	} {
		_, err := io.Copy(io.Discard, zippkg.GuardTags(context.Background(), strings.NewReader(c.xml), "p", checker.Limits{}))
		if (err != nil) != c.fail {
			t.Errorf("%.40q…: err = %v, want failure %v", c.xml, err, c.fail)
		}
	}
}

// FuzzGuardTags: whatever the bytes, the guard never panics, and what it lets through
// has no start tag with more attributes than the limit, as encoding/xml reads them.
func FuzzGuardTags(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><w:p xmlns:w="urn:x" a="1" b='2'><!-- it's --><w:r/></w:p>`))
	f.Add([]byte(`<a x="<" y=">"/><![CDATA[ a=b <c d=e> ]]>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d := xml.NewDecoder(zippkg.GuardTags(context.Background(), bytes.NewReader(data), "p", checker.Limits{}))
		d.Strict = true
		for i := 0; i < 10000; i++ {
			tok, err := d.RawToken()
			if err != nil {
				return
			}
			if se, ok := tok.(xml.StartElement); ok && len(se.Attr) > zippkg.MaxAttrs {
				t.Fatalf("a start tag with %d attributes got through", len(se.Attr))
			}
		}
	})
}

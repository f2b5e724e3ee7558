package zippkg

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/lab110bis/focusplus/checker"
)

// stdTokens reads data with encoding/xml as the loaders did: Strict, no entities of
// its own, no charset reader.
func stdTokens(data []byte) ([]xml.Token, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var out []xml.Token
	for {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return out, nil
			}
			return out, err
		}
		if se, ok := tok.(xml.StartElement); ok && len(se.Attr) == 0 {
			se.Attr = nil // encoding/xml gives an empty slice, the tokenizer nil
			tok = se
		}
		out = append(out, xml.CopyToken(tok))
	}
}

func ourTokens(r io.Reader) ([]xml.Token, error) {
	t := NewTokenizer(r)
	var out []xml.Token
	for {
		_, err := t.Next()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return out, nil
			}
			return out, err
		}
		out = append(out, t.Token())
	}
}

// sameTokens compares the tokenizer with encoding/xml on data: the same tokens, and
// an error where encoding/xml has one. It reads data whole, then a byte at a time, so
// every token also straddles the tokenizer's buffer refills.
func sameTokens(t *testing.T, data []byte) {
	t.Helper()
	want, wantErr := stdTokens(data)
	for _, r := range []io.Reader{bytes.NewReader(data), iotest.OneByteReader(bytes.NewReader(data)), iotest.HalfReader(bytes.NewReader(data))} {
		got, err := ourTokens(r)
		if (err == nil) != (wantErr == nil) {
			t.Fatalf("%q:\nencoding/xml error %v\ntokenizer error    %v", clip(data), wantErr, err)
		}
		if !reflect.DeepEqual(got, want) {
			for i := range min(len(got), len(want)) {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Fatalf("%q: token %d is %#v, encoding/xml gives %#v", clip(data), i, got[i], want[i])
				}
			}
			t.Fatalf("%q: %d tokens, encoding/xml gives %d (error %v / %v)", clip(data), len(got), len(want), err, wantErr)
		}
	}
}

func clip(b []byte) []byte {
	if len(b) > 300 {
		return b[:300]
	}
	return b
}

var tokenizerCases = []string{
	``,
	`<a/>`,
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" + `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t xml:space="preserve"> Préfecture &amp; co &#233;&#xE9; </w:t></w:r></w:p></w:body></w:document>`,
	`<a xmlns="d" xmlns:p="u"><b p:x="1" y='2'/><p:c xmlns:p="v"><p:d/></p:c><p:e/><xmlns/><q:f/></a>`,
	`<a xmlns:p=""><p:b/></a>`,
	`<a xmlns:p="1"><p:x/><b xmlns:p="2"><p:x p:y=""/></b><p:x p:y=""/><c xmlns="d" xmlns:p="3"><x p:y=""/></c><x/></a>`,
	"<a>x\r\ny\rz</a>",
	"<a b=\"x\r\ny\tz\">t</a>",
	`<a><![CDATA[ <b> & ]] ]]></a>`,
	"<a><![CDATA[x\r\ny]]></a>",
	`<a><!-- a comment - with - dashes --><?pi some data?></a>`,
	`<!DOCTYPE a [<!ENTITY x "y">]><a/>`,
	`<!DOCTYPE a [<!-- c > -->]><a/>`,
	`<!>x>`,
	`<a>]]></a>`,
	`<a>]]&gt;</a>`,
	`<a>&unknown;</a>`,
	`<a>&amp</a>`,
	`<a>&#0;</a>`,
	`<a>&#xD800;</a>`,
	`<a>&#x110000;</a>`,
	`<a>&#X41;</a>`,
	`<a>&#;</a>`,
	`<a>&lt;&gt;&apos;&quot;</a>`,
	"<a>\x01</a>",
	"<a>\xff</a>",
	"<a b=\"\xff\"/>",
	"<a>\uFFFE</a>",
	`<a></b>`,
	`<p:a xmlns:p="x"></q:a>`,
	`<a>`,
	`</a>`,
	`<a b></a>`,
	`<a b=c></a>`,
	`<a b="<"></a>`,
	`<a b="1"c="2"/>`,
	`<a/ >`,
	`<a / >`,
	`<a:b:c/>`,
	`<:a/>`,
	`<a:/>`,
	`<1a/>`,
	`<é/>`,
	`<aé xmlns:é="u"><é:b/></aé>`,
	"<a\u0300/>",
	`< a/>`,
	`<a></a >`,
	`<a></a x>`,
	`<?xml version="1.1"?><a/>`,
	`<?xml version="1.0" encoding="windows-1252"?><a/>`,
	`<?xml version="1.0" encoding="utf-8"?><a/>`,
	`<??>`,
	`<?x?><a/>`,
	`<?x`,
	`<!-- x --- y -->`,
	`<!---->`,
	`<!--->`,
	`<!-x-->`,
	`<![CDATA[x`,
	`<![CDAT[x]]>`,
	`<a>text`,
	`text`,
	`<a/><b/>`,
	`<a x:y="1" xml:lang="fr" xmlns:x="u"/>`,
	`<a>&lt`,
	`<a b="1`,
	`<a b="1"`,
	`<a b=`,
	`<`,
	`<a><`,
	`<a></`,
	`</`,
	`<a>x<</a>`,
	`<a b='"'/>`,
	`<a b="'>'"/>`,
}

func TestTokenizerMatchesEncodingXML(t *testing.T) {
	for _, c := range tokenizerCases {
		sameTokens(t, []byte(c))
	}
}

// TestTokenizerCorpus reads every XML part of the corpus documents with both.
func TestTokenizerCorpus(t *testing.T) {
	var files []string
	for _, pat := range []string{"docx/*.docx", "realworld/*.docx", "realworld/*.odt"} {
		m, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", pat))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("no corpus in ../shared")
	}
	parts := 0
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		p, err := Open(data, checker.DefaultLimits(), checker.Text{}, checker.Text{})
		if err != nil {
			continue
		}
		for _, part := range p.Names() {
			if !strings.HasSuffix(part, ".xml") && !strings.HasSuffix(part, ".rels") {
				continue
			}
			rc, err := p.Part(part)
			if err != nil {
				continue
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				continue
			}
			t.Run(fmt.Sprintf("%s/%s", filepath.Base(name), part), func(t *testing.T) { sameTokens(t, b) })
			parts++
		}
	}
	t.Logf("%d parts of %d documents read alike", parts, len(files))
}

// FuzzTokenizer checks the tokenizer against encoding/xml on any input: the same
// tokens, and an error wherever encoding/xml has one.
func FuzzTokenizer(f *testing.F) {
	for _, c := range tokenizerCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		sameTokens(t, data)
	})
}

// TestTokenizerNestingBound: however deep a part nests, the tokenizer's stack of open
// elements stays bounded, even in content the loaders skip.
func TestTokenizerNestingBound(t *testing.T) {
	data := strings.Repeat("<a>", maxOpen+1)
	tk := NewTokenizer(strings.NewReader(data))
	for {
		_, err := tk.Next()
		if err == nil {
			continue
		}
		var se *xml.SyntaxError
		if !errors.As(err, &se) || !strings.Contains(se.Msg, "nested more than") {
			t.Fatalf("error %v, want the nesting bound", err)
		}
		break
	}
	if tk.Depth() != maxOpen {
		t.Errorf("depth %d when refused, want %d", tk.Depth(), maxOpen)
	}
}

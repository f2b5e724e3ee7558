package pdfdoc

import (
	"bytes"
	"encoding/xml"
	"strings"
)

const (
	nsPDFUAID = "http://www.aiim.org/pdfua/ns/id/"
	nsDC      = "http://purl.org/dc/elements/1.1/"
	nsXML     = "http://www.w3.org/XML/1998/namespace"
)

// parseXMP reads the PDF/UA identifier and dc:title of an XMP packet. A packet that is
// not well-formed is read as far as possible.
func parseXMP(data []byte) XMP {
	var x XMP
	if len(data) == 0 {
		return x
	}
	x.Parsed = true
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	// Prefixes bound to the pdfuaid namespace, from the raw declarations.
	var stack []xml.Name
	inTitle, inLi := 0, false
	var liLang string
	var text strings.Builder
	for n := 0; n < 200000; n++ {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name)
			for _, a := range t.Attr {
				if a.Name.Space == nsPDFUAID && a.Name.Local == "part" {
					x.HasUAID = true
					x.Part = strings.TrimSpace(a.Value)
				}
			}
			if t.Name.Space == nsPDFUAID && t.Name.Local == "part" {
				x.HasUAID = true
				text.Reset()
			}
			if t.Name.Space == nsDC && t.Name.Local == "title" {
				inTitle = len(stack)
				x.HasTitle = true
			}
			if inTitle > 0 && t.Name.Local == "li" {
				inLi = true
				liLang = ""
				for _, a := range t.Attr {
					if a.Name.Local == "lang" {
						liLang = a.Value
					}
				}
				text.Reset()
			}
		case xml.CharData:
			if text.Len() < 4096 {
				text.Write(t)
			}
		case xml.EndElement:
			if t.Name.Space == nsPDFUAID && t.Name.Local == "part" {
				x.Part = strings.TrimSpace(text.String())
			}
			if inLi && t.Name.Local == "li" {
				inLi = false
				if x.Title == "" || liLang == "x-default" {
					x.Title = strings.TrimSpace(text.String())
				}
				x.TitleLangs = append(x.TitleLangs, liLang)
			}
			if inTitle == len(stack) {
				inTitle = 0
			}
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	// The namespace prefix carrying "part" (5-t03): a raw look at the declarations.
	if x.HasUAID {
		x.PartPrefix = prefixFor(data, nsPDFUAID)
	}
	return x
}

// prefixFor returns the prefix declared for a namespace ("pdfuaid"), or "".
func prefixFor(data []byte, ns string) string {
	i := bytes.Index(data, []byte(`"`+ns+`"`))
	if i < 0 {
		i = bytes.Index(data, []byte(`'`+ns+`'`))
	}
	if i < 0 {
		return ""
	}
	j := bytes.LastIndex(data[:i], []byte("xmlns:"))
	if j < 0 {
		return ""
	}
	p := string(data[j+6 : i])
	p = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(p), "="))
	return p
}

package imagedoc

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"strings"

	"github.com/lab110bis/focusplus/checker"
)

// embeddedDescription looks for a human description stored in the file, in order of
// preference: XMP Iptc4xmpCore:AltTextAccessibility (IPTC Photo Metadata 2021.1, made for
// alternative text), XMP dc:description, the IPTC IIM caption (2:120), and PNG
// "Description" text chunks.
func embeddedDescription(data []byte, format checker.Format) (text, source string) {
	if alt, desc := xmpDescription(data); alt != "" {
		return alt, "XMP AltTextAccessibility"
	} else if desc != "" {
		return desc, "XMP dc:description"
	}
	if format == JPEG || format == TIFF {
		if c := iptcCaption(data); c != "" {
			return c, "IPTC caption"
		}
	}
	if format == PNG {
		if d := pngText(data, "Description"); d != "" {
			return d, "PNG Description"
		}
	}
	return "", ""
}

const maxXMP = 4 << 20

// xmpDescription finds the XMP packet by its x:xmpmeta wrapper, which every format embeds
// uncompressed, and reads the two properties with a streaming decoder.
func xmpDescription(data []byte) (alt, desc string) {
	start := bytes.Index(data, []byte("<x:xmpmeta"))
	if start < 0 {
		return "", ""
	}
	rest := data[start:]
	end := bytes.Index(rest, []byte("</x:xmpmeta>"))
	if end < 0 || end > maxXMP {
		return "", ""
	}
	dec := xml.NewDecoder(bytes.NewReader(rest[:end+len("</x:xmpmeta>")]))
	dec.Strict = false
	var in string // the property we are inside
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > 64 {
				return alt, desc
			}
			switch t.Name.Local {
			case "AltTextAccessibility", "description":
				in = t.Name.Local
			}
		case xml.EndElement:
			depth--
			if t.Name.Local == in {
				in = ""
			}
		case xml.CharData:
			s := strings.TrimSpace(string(t))
			if s == "" || in == "" {
				continue
			}
			if in == "AltTextAccessibility" && alt == "" {
				alt = s
			} else if in == "description" && desc == "" {
				desc = s
			}
		}
	}
	return alt, desc
}

// iptcCaption reads dataset 2:120 (Caption/Abstract) of an IPTC IIM block, found by its
// tag marker 0x1C 0x02 0x78 followed by a 2-byte length.
func iptcCaption(data []byte) string {
	i := bytes.Index(data, []byte{0x1C, 0x02, 0x78})
	if i < 0 || i+5 > len(data) {
		return ""
	}
	n := int(binary.BigEndian.Uint16(data[i+3:]))
	if n&0x8000 != 0 || i+5+n > len(data) {
		return ""
	}
	return strings.TrimSpace(string(data[i+5 : i+5+n]))
}

// pngChunks calls f for each chunk of a PNG until f returns false.
func pngChunks(data []byte, f func(typ string, body []byte) bool) {
	p := 8
	for p+8 <= len(data) {
		n := int(binary.BigEndian.Uint32(data[p:]))
		typ := string(data[p+4 : p+8])
		if n < 0 || p+12+n > len(data) {
			return
		}
		if !f(typ, data[p+8:p+8+n]) {
			return
		}
		p += 12 + n
	}
}

// pngText returns the text of a tEXt or uncompressed iTXt chunk with that keyword.
func pngText(data []byte, keyword string) string {
	var out string
	pngChunks(data, func(typ string, body []byte) bool {
		switch typ {
		case "tEXt":
			if k, v, ok := bytes.Cut(body, []byte{0}); ok && string(k) == keyword {
				out = strings.TrimSpace(string(v))
			}
		case "iTXt":
			// keyword 0 compression-flag compression-method language 0 translated 0 text
			k, rest, ok := bytes.Cut(body, []byte{0})
			if ok && string(k) == keyword && len(rest) > 2 && rest[0] == 0 {
				parts := bytes.SplitN(rest[2:], []byte{0}, 3)
				if len(parts) == 3 {
					out = strings.TrimSpace(string(parts[2]))
				}
			}
		case "IDAT", "IEND":
			return false
		}
		return out == ""
	})
	return out
}

// animatedPNG reports an APNG: an acTL chunk before the first IDAT.
func animatedPNG(data []byte, format checker.Format) bool {
	if format != PNG {
		return false
	}
	found := false
	pngChunks(data, func(typ string, _ []byte) bool {
		if typ == "acTL" {
			found = true
		}
		return typ != "IDAT" && !found
	})
	return found
}

// animatedWebP reports an extended WebP with the animation flag or an ANIM chunk.
func animatedWebP(data []byte, format checker.Format) bool {
	if format != WebP || len(data) < 21 {
		return false
	}
	if string(data[12:16]) == "VP8X" && data[20]&0x02 != 0 {
		return true
	}
	return bytes.Contains(data[12:min(len(data), 4096)], []byte("ANIM"))
}

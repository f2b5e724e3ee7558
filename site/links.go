package site

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/html"
)

// DocumentExtensions are the file name endings a crawl takes for documents to check.
var DocumentExtensions = []string{".pdf", ".docx", ".odt"}

// IsDocumentURL reports whether an address names a document by its file name (the
// query is not part of it).
func IsDocumentURL(u *url.URL) bool {
	ext := strings.ToLower(path.Ext(u.Path))
	for _, e := range DocumentExtensions {
		if ext == e {
			return true
		}
	}
	return false
}

// maxLinks bounds the links taken from one page, so a hostile page cannot fill memory.
const maxLinks = 10_000

// PageLinks returns the addresses an HTML page links to (a, area and link href, iframe
// and embed src, object data), resolved against the page address or its <base href>,
// without fragments, in page order. It streams through the tokens: no tree is built.
func PageLinks(page []byte, base *url.URL) []*url.URL {
	z := html.NewTokenizer(bytes.NewReader(page))
	z.SetMaxBuf(1 << 20) // one token; a longer one ends the page
	var out []*url.URL
	seen := map[string]bool{}
	baseSet := false
	for len(out) < maxLinks {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		var want string
		switch string(name) {
		case "a", "area", "link":
			want = "href"
		case "base":
			want = "href"
		case "iframe", "embed", "frame":
			want = "src"
		case "object":
			want = "data"
		default:
			continue
		}
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			if string(k) != want {
				continue
			}
			ref, err := url.Parse(strings.TrimSpace(string(v)))
			if err != nil {
				break
			}
			if string(name) == "base" {
				if !baseSet {
					base, baseSet = base.ResolveReference(ref), true
				}
				break
			}
			u := base.ResolveReference(ref)
			u.Fragment, u.RawFragment = "", ""
			if s := u.String(); !seen[s] {
				seen[s] = true
				out = append(out, u)
			}
			break
		}
	}
	return out
}

// LooksLikeHTML tells an HTML page from anything else by its first bytes (the WHATWG
// sniffing rules of http.DetectContentType), never by what the server declared.
func LooksLikeHTML(b []byte) bool {
	return strings.HasPrefix(http.DetectContentType(b), "text/html")
}

// SitemapURLs reads a sitemap (urlset) or sitemap index (sitemapindex): the <loc> of
// each entry, at most max of them, and whether it was an index.
func SitemapURLs(data []byte, max int) (locs []string, index bool, err error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	inLoc := false
	var text strings.Builder
	depth := 0
	for len(locs) < max {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return locs, index, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > 16 {
				return locs, index, errors.New("sitemap nested too deep")
			}
			if depth == 1 {
				index = t.Name.Local == "sitemapindex"
				if t.Name.Local != "urlset" && !index {
					return nil, false, errors.New("not a sitemap (no urlset or sitemapindex)")
				}
			}
			if t.Name.Local == "loc" {
				inLoc = true
				text.Reset()
			}
		case xml.CharData:
			if inLoc && text.Len() < 4096 {
				text.Write(t)
			}
		case xml.EndElement:
			depth--
			if t.Name.Local == "loc" && inLoc {
				inLoc = false
				if s := strings.TrimSpace(text.String()); s != "" {
					locs = append(locs, s)
				}
			}
		}
	}
	return locs, index, nil
}

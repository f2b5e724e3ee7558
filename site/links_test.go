package site

import (
	"net/url"
	"slices"
	"testing"
)

func TestPageLinks(t *testing.T) {
	base, _ := url.Parse("https://example.org/publications/index.html")
	page := `<!DOCTYPE html><html><head><base href="/docs/"><link rel=alternate href="feed.xml"></head><body>
<a href="a.pdf">A</a> <a href='../b.docx#p2'>B</a> <A HREF="https://other.org/c.odt">C</A>
<a href="a.pdf#again">again</a> <a>no href</a> <a href="  d%20e.pdf  ">D</a>
<!-- <a href="commented.pdf"> --> <script>document.write('<a href="script.pdf">')</script>
<iframe src="/embed.html"></iframe><object data="f.pdf"></object><area href="g.pdf">
<a href="x.pdf?download=1&amp;lang=fr">X</a></body></html>`
	var got []string
	for _, u := range PageLinks([]byte(page), base) {
		got = append(got, u.String())
	}
	want := []string{"https://example.org/docs/feed.xml", "https://example.org/docs/a.pdf", "https://example.org/b.docx",
		"https://other.org/c.odt", "https://example.org/docs/d%20e.pdf", "https://example.org/embed.html",
		"https://example.org/docs/f.pdf", "https://example.org/docs/g.pdf", "https://example.org/docs/x.pdf?download=1&lang=fr"}
	if !slices.Equal(got, want) {
		t.Errorf("links\n%q\nwant\n%q", got, want)
	}
	for s, doc := range map[string]bool{"https://x.org/a.PDF": true, "https://x.org/a.pdf?x=1": true, "https://x.org/a.odt": true,
		"https://x.org/a.pdf.html": false, "https://x.org/download?f=a.pdf": false, "https://x.org/a.docx": true} {
		u, _ := url.Parse(s)
		if IsDocumentURL(u) != doc {
			t.Errorf("IsDocumentURL(%s) = %v", s, !doc)
		}
	}
}

func TestSitemapURLs(t *testing.T) {
	locs, index, err := SitemapURLs([]byte(`<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc> https://x.org/s1.xml </loc></sitemap><sitemap><loc>https://x.org/s2.xml</loc></sitemap></sitemapindex>`), 10)
	if err != nil || !index || !slices.Equal(locs, []string{"https://x.org/s1.xml", "https://x.org/s2.xml"}) {
		t.Errorf("index: %q %v %v", locs, index, err)
	}
	locs, _, _ = SitemapURLs([]byte(`<urlset><url><loc>https://x.org/1.pdf</loc></url><url><loc>https://x.org/2.pdf</loc></url><url><loc>https://x.org/3.pdf</loc></url></urlset>`), 2)
	if len(locs) != 2 {
		t.Errorf("max not applied: %q", locs)
	}
	if _, _, err := SitemapURLs([]byte(`<html><body>not found</body></html>`), 10); err == nil {
		t.Error("an HTML page is not a sitemap")
	}
}

func FuzzPageLinks(f *testing.F) {
	f.Add([]byte(`<base href="/x/"><a href="a.pdf">a</a><object data="b.odt">`))
	base, _ := url.Parse("https://example.org/p/")
	f.Fuzz(func(t *testing.T, page []byte) {
		if n := len(PageLinks(page, base)); n > maxLinks {
			t.Fatalf("%d links", n)
		}
	})
}

func FuzzSitemap(f *testing.F) {
	f.Add([]byte(`<urlset><url><loc>https://x.org/1.pdf</loc></url></urlset>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if locs, _, _ := SitemapURLs(data, 100); len(locs) > 100 {
			t.Fatalf("%d locations", len(locs))
		}
	})
}

package web

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestColourBlindViewPagesThroughALongDocument: every page of a 40-page PDF can be
// shown, one at a time, the pages past those rendered at check time drawn on demand and
// only a bounded number of them kept.
func TestColourBlindViewPagesThroughALongDocument(t *testing.T) {
	s := pdfServer(t)
	s.Simulate = greySimulator
	h := s.Handler()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "pdf", "long-40-pages.pdf"))
	if err != nil {
		t.Skip(err)
	}
	w := postFiles(t, h, "/check?lang=fr", part{"file", "long.pdf", data})
	base := strings.Split(w.Header().Get("Location"), "?")[0] + "/1"
	b := s.cache.get(strings.TrimPrefix(strings.Split(w.Header().Get("Location"), "?")[0], "/results/"))
	d := b.docs[0]
	if d.Result.Pages != 40 || d.lazy == nil || len(d.Previews) >= 40 {
		t.Fatalf("pages %d, rendered at check time %d, lazy %v", d.Result.Pages, len(d.Previews), d.lazy != nil)
	}
	page := get(h, base+"/see?lang=fr&page=40&view=deutan").Body.String()
	for _, want := range []string{"Page 40 sur 40", "Page précédente", "Première page", "/pages/40/deutan.png", `max="40"`} {
		if !strings.Contains(page, want) {
			t.Errorf("page 40 lacks %q", want)
		}
	}
	if strings.Contains(page, "Page suivante") {
		t.Error("the last page offers a next page")
	}
	if n := strings.Count(page, "<img"); n > stripPages+1 {
		t.Errorf("%d images on one page: thumbnails only as a strip of %d", n, stripPages)
	}
	// Follow "next" from page 1 to page 40: every page reachable, every image drawn.
	next := regexp.MustCompile(`<a href="([^"]+)" rel="next"`)
	url := base + "/see?lang=fr&page=1"
	for p := 1; p <= 40; p++ {
		body := get(h, url).Body.String()
		if !strings.Contains(body, "Page "+itoaTest(p)+" sur 40") {
			t.Fatalf("page %d not shown at %s", p, url)
		}
		if img := get(h, base+"/pages/"+itoaTest(p)+"/original.png"); img.Code != 200 {
			t.Fatalf("page %d image = %d", p, img.Code)
		}
		m := next.FindStringSubmatch(body)
		if p == 40 {
			break
		}
		if m == nil {
			t.Fatalf("no next link on page %d", p)
		}
		url = html.UnescapeString(m[1])
	}
	d.lazy.mu.Lock()
	kept := len(d.lazy.kept)
	d.lazy.mu.Unlock()
	if kept > lazyPagesKept {
		t.Errorf("%d pages kept, at most %d", kept, lazyPagesKept)
	}
	if w := get(h, base+"/pages/41/original.png"); w.Code != 404 {
		t.Errorf("page 41 = %d", w.Code)
	}
}

func itoaTest(n int) string { return strconv.Itoa(n) }

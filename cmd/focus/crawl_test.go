package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// testSite is a small website on loopback: pages, sitemaps, robots.txt rules, redirects
// (to file: and to another host), an oversize, a slow and a hostile file.
type testSite struct {
	srv   *httptest.Server
	other string // the same server under another host name
	mu    sync.Mutex
	log   []siteRequest
}

type siteRequest struct {
	at   time.Time
	host string
	path string
	ua   string
}

func newTestSite(t *testing.T) *testSite {
	t.Helper()
	s := &testSite{}
	pdf := sample(t, "report-inaccessible.pdf")
	good := sample(t, "report-accessible.pdf")
	docx := sample(t, "accessible-notice.docx")
	page := func(links ...string) string {
		var b strings.Builder
		b.WriteString("<!DOCTYPE html><html lang=fr><head><title>Publications</title></head><body>\n<!-- <a href=\"/commented-out.pdf\"> -->\n")
		for _, l := range links {
			fmt.Fprintf(&b, "<p><a href=\"%s\">document</a></p>\n", l)
		}
		b.WriteString("<script>var s = '<a href=\"/in-script.pdf\">';</script></body></html>")
		return b.String()
	}
	files := map[string]string{}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.log = append(s.log, siteRequest{time.Now(), r.Host, r.URL.RequestURI(), r.UserAgent()})
		s.mu.Unlock()
		host := "http://" + s.other
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprintf(w, "User-agent: *\nDisallow: /private/\nAllow: /private/open.pdf\nDisallow: /*.odt$\nSitemap: %s/sitemap-docs.xml\n\nUser-agent: otherbot\nDisallow: /\n", s.srv.URL)
		case "/sitemap.xml":
			fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`+
				`<url><loc>`+s.srv.URL+`/from-sitemap.pdf</loc></url><url><loc>`+s.srv.URL+`/pages/deep.html</loc></url></urlset>`)
		case "/sitemap-docs.xml":
			fmt.Fprint(w, `<?xml version="1.0"?><urlset><url><loc>`+s.srv.URL+`/annual.docx</loc></url></urlset>`)
		case "/":
			w.Header().Set("Content-Type", "application/pdf") // a lie, sniffed away
			fmt.Fprint(w, page("/a.pdf", "a.pdf#page=2", "pages/p1.html", "/private/secret.pdf", "/private/open.pdf",
				"/notes.odt", "/notes.odt?v=2", "/to-file.pdf", "/to-other-host.pdf", host+"/other-host.pdf",
				"/big.pdf", "/slow.pdf", "/hostile.pdf", "mailto:accueil@example.org", "file:///etc/passwd.pdf", "#top"))
		case "/pages/p1.html":
			fmt.Fprint(w, page("/p1.docx", "/pages/p2.html", "/a.pdf"))
		case "/pages/p2.html":
			fmt.Fprint(w, page("/too-deep.pdf"))
		case "/pages/deep.html":
			fmt.Fprint(w, page("/deep.pdf"))
		case "/to-file.pdf":
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		case "/to-other-host.pdf":
			http.Redirect(w, r, host+"/a.pdf", http.StatusFound)
		case "/big.pdf":
			w.Header().Set("Content-Length", "314572800")
			w.WriteHeader(http.StatusOK)
		case "/slow.pdf":
			io.WriteString(w, "%PDF-1.7\n")
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
		case "/hostile.pdf":
			io.WriteString(w, "%PDF-1.7\n1 0 obj << /Length 999999999 >> stream\n"+strings.Repeat("\x00", 4096))
		default:
			if data, ok := files[r.URL.Path]; ok {
				io.WriteString(w, data)
				return
			}
			http.NotFound(w, r)
		}
	})
	for _, p := range []string{"/a.pdf", "/private/open.pdf", "/private/secret.pdf", "/from-sitemap.pdf", "/deep.pdf", "/too-deep.pdf", "/other-host.pdf", "/notes.odt", "/in-script.pdf", "/commented-out.pdf"} {
		files[p] = string(pdf)
	}
	files["/deep.pdf"] = string(good)
	files["/annual.docx"], files["/p1.docx"] = string(docx), string(docx)
	s.srv = httptest.NewServer(mux)
	t.Cleanup(s.srv.Close)
	_, port, _ := net.SplitHostPort(s.srv.Listener.Addr().String())
	s.other = "localhost:" + port
	return s
}

func TestCrawlSite(t *testing.T) {
	site := newTestSite(t)
	u := site.srv.URL
	const every = 50 * time.Millisecond
	code, out, errOut := runCLI(t, nil, nil, "crawl", "--format", "json", "--fail-on", "never", "--same-host", "--depth", "1",
		"--rate", "20", "--download-timeout", "1s", "-j", "2", u+"/")
	if code != exitUnreadable {
		t.Fatalf("exit %d, want %d (refused downloads are unreadable documents)\n%s", code, exitUnreadable, errOut)
	}
	rep := decodeReport(t, out)
	got := map[string]string{}
	var order []string
	for _, d := range rep.Documents {
		p := strings.TrimPrefix(d.Path, u)
		order = append(order, p)
		if d.Source == nil || d.Source.URL != d.Path || len(d.Source.LinkedFrom) != 1 {
			t.Errorf("%s: source %+v", p, d.Source)
			continue
		}
		got[p] = strings.TrimPrefix(d.Source.LinkedFrom[0], u) + " | " + d.Error
	}
	want := map[string]string{
		"/from-sitemap.pdf":  "/sitemap.xml | ",
		"/annual.docx":       "/sitemap-docs.xml | ",
		"/a.pdf":             "/ | ",
		"/private/open.pdf":  "/ | ",
		"/to-file.pdf":       `/ | refused: "file:///etc/passwd" is not an http or https address`,
		"/to-other-host.pdf": "/ | refused: " + site.other + " is on another host (--same-host)",
		"/big.pdf":           "/ | refused: the server announces 300.0 MiB, over the 200.0 MiB limit",
		"/slow.pdf":          "/ | the download took longer than 1s",
		"/hostile.pdf":       "/ | ",
		"/deep.pdf":          "/pages/deep.html | ",
		"/p1.docx":           "/pages/p1.html | ",
		"/notes.odt?v=2":     "/ | ", // /*.odt$ does not match with a query
	}
	for p, w := range want {
		g, ok := got[p]
		switch {
		case !ok:
			t.Errorf("%s not found", p)
		case p == "/hostile.pdf":
			if !strings.Contains(g, "PDF") && !strings.Contains(g, "pdf") {
				t.Errorf("%s: %q, want an unreadable PDF", p, g)
			}
		case g != w:
			t.Errorf("%s: %q, want %q", p, g, w)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s should not have been checked", p)
		}
	}
	if i, j := slices.Index(order, "/from-sitemap.pdf"), slices.Index(order, "/a.pdf"); i < 0 || j < 0 || i > j {
		t.Errorf("sitemaps come before the start page's links: %q", order)
	}

	// Every refusal is in the report and on stderr, with its reason.
	skipped := map[string]string{}
	for _, sk := range rep.Summary.Skipped {
		skipped[strings.TrimPrefix(sk.Path, u)] = sk.Reason
	}
	for p, why := range map[string]string{
		"/private/secret.pdf":                      "not fetched: robots.txt disallows it",
		"/notes.odt":                               "not fetched: robots.txt disallows it",
		"file:///etc/passwd.pdf":                   `refused: "file:///etc/passwd.pdf" is not an http or https address`,
		"http://" + site.other + "/other-host.pdf": "refused: " + site.other + " is on another host (--same-host)",
	} {
		if skipped[p] != why {
			t.Errorf("skipped %s: %q, want %q", p, skipped[p], why)
		}
		if !strings.Contains(errOut, "skipped "+strings.TrimPrefix(p, "/")) && !strings.Contains(errOut, p+" (linked from "+u+"/): "+why) {
			t.Errorf("stderr does not say why %s was skipped:\n%s", p, errOut)
		}
	}
	if len(skipped) != 4 {
		t.Errorf("skipped %v", skipped)
	}

	// What went over the wire: robots.txt first, never a disallowed or off-host path,
	// nothing from the comment or the script, no page beyond --depth, every request named,
	// and requests to the host spaced by the rate (k+1 requests never within less than
	// k-2 intervals: the pace is kept when requests leave, and a loaded machine may delay
	// one or two of them on their way to the server).
	site.mu.Lock()
	log := slices.Clone(site.log)
	site.mu.Unlock()
	if len(log) == 0 || log[0].path != "/robots.txt" {
		t.Errorf("robots.txt is not asked first: %v", log)
	}
	var times []time.Time
	for _, r := range log {
		if !strings.HasPrefix(r.ua, "focus/") || !strings.HasSuffix(r.ua, "(+accessibility checker)") {
			t.Errorf("%s asked with User-Agent %q", r.path, r.ua)
		}
		switch r.path {
		case "/private/secret.pdf", "/notes.odt", "/pages/p2.html", "/too-deep.pdf", "/in-script.pdf", "/commented-out.pdf", "/other-host.pdf":
			t.Errorf("%s was requested", r.path)
		}
		if r.host != strings.TrimPrefix(u, "http://") {
			t.Errorf("request to another host: %s%s", r.host, r.path)
		}
		times = append(times, r.at)
	}
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	span := times[len(times)-1].Sub(times[0])
	for i := range times {
		for j := i + 3; j < len(times); j++ {
			if gap := times[j].Sub(times[i]); gap < time.Duration(j-i-2)*every {
				t.Errorf("requests %d to %d within %s: faster than --rate 20", i, j, gap)
			}
		}
	}
	t.Logf("%d requests in %s: %.1f requests/s for --rate 20", len(times), span.Round(time.Millisecond), float64(len(times)-1)/span.Seconds())
}

// The same refusals in French.
func TestCrawlFrench(t *testing.T) {
	site := newTestSite(t)
	_, out, errOut := runCLI(t, nil, map[string]string{"LANG": "fr_FR.UTF-8"}, "crawl", "--format", "json", "--fail-on", "never",
		"--same-host", "--depth", "0", "--rate", "50", "--download-timeout", "1s", site.srv.URL+"/")
	if !strings.Contains(errOut, "non téléchargé : robots.txt l'interdit") || !strings.Contains(errOut, "est sur un autre hôte (--same-host)") {
		t.Errorf("French refusals on stderr:\n%s", errOut)
	}
	if !strings.Contains(out, "le serveur annonce 300.0 MiB") {
		t.Errorf("French refusal in the report")
	}
}

// --max-documents and --max-pages stop the crawl and say so.
func TestCrawlLimits(t *testing.T) {
	site := newTestSite(t)
	_, out, errOut := runCLI(t, nil, nil, "crawl", "--format", "json", "--fail-on", "never", "--max-documents", "3",
		"--rate", "50", "--download-timeout", "1s", site.srv.URL+"/")
	rep := decodeReport(t, out)
	if len(rep.Documents) != 3 || !strings.Contains(errOut, "the crawl reached --max-documents (3)") {
		t.Errorf("%d documents; %s", len(rep.Documents), errOut)
	}
	_, _, errOut = runCLI(t, nil, nil, "crawl", "--format", "json", "--fail-on", "never", "--max-pages", "1",
		"--rate", "50", "--download-timeout", "1s", site.srv.URL+"/")
	if !strings.Contains(errOut, "the crawl reached --max-pages (1)") {
		t.Errorf("--max-pages: %s", errOut)
	}
}

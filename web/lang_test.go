package web

import (
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

func langCookieOf(t *testing.T, w interface{ Result() *http.Response }) *http.Cookie {
	t.Helper()
	for _, c := range w.Result().Cookies() {
		if c.Name == langCookie {
			return c
		}
	}
	return nil
}

// TestLanguageKeptForTheSessionUnlessAsked: the switch sets a session cookie (no expiry);
// only the footer's "remember" link keeps the language beyond the session.
func TestLanguageKeptForTheSessionUnlessAsked(t *testing.T) {
	h := newTestServer(t, Config{}).Handler()
	w := get(h, "/?lang=fr")
	c := langCookieOf(t, w)
	if c == nil || c.Value != "fr" || c.MaxAge != 0 || !c.Expires.IsZero() {
		t.Fatalf("the switch must set a session cookie: %+v", c)
	}
	if strings.Contains(w.Header().Get("Set-Cookie"), "Max-Age") || strings.Contains(w.Header().Get("Set-Cookie"), "Expires") {
		t.Errorf("session cookie has an expiry: %s", w.Header().Get("Set-Cookie"))
	}
	m := regexp.MustCompile(`<a href="([^"]*keep=1[^"]*)">([^<]*)</a>`).FindStringSubmatch(w.Body.String())
	if m == nil {
		t.Fatalf("no link to keep the language in the page")
	}
	if !strings.Contains(m[2], "Garder le français") {
		t.Errorf("keep link text %q", m[2])
	}
	w = get(h, html.UnescapeString(m[1]))
	c = langCookieOf(t, w)
	if c == nil || c.Value != "fr" || c.MaxAge != keepLangDays*24*3600 {
		t.Fatalf("asking to keep the language must give a lasting cookie: %+v", c)
	}
	if !strings.Contains(w.Body.String(), "Le français est gardé sur cet appareil.") {
		t.Error("the page does not say the language is kept")
	}
	if w := get(h, "/"); langCookieOf(t, w) != nil {
		t.Error("a page without ?lang= must not set the cookie")
	}
}

// TestRulePagesFromTheMetadata: one page per registered rule and a list of them all,
// linked from each problem's experts' details.
func TestRulePagesFromTheMetadata(t *testing.T) {
	s := newTestServer(t, Config{})
	h := s.Handler()
	list := get(h, "/rules?lang=en")
	if list.Code != 200 {
		t.Fatalf("/rules = %d", list.Code)
	}
	for _, r := range s.engine.Rules {
		if !strings.Contains(list.Body.String(), `href="/rules/`+r.ID+`?lang=en"`) {
			t.Errorf("/rules lacks %s", r.ID)
		}
		w := get(h, "/rules/"+r.ID+"?lang=fr")
		page := html.UnescapeString(w.Body.String())
		if w.Code != 200 || !strings.Contains(page, r.Fix.Fr) || !strings.Contains(page, r.Title.Fr) {
			t.Errorf("/rules/%s = %d, without its French title or fix", r.ID, w.Code)
		}
	}
	if w := get(h, "/rules/NOPE-RULE"); w.Code != 404 {
		t.Errorf("unknown rule = %d", w.Code)
	}
}

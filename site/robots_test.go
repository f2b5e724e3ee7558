package site

import (
	"testing"
	"time"
)

func TestRobotsMatching(t *testing.T) {
	// The examples of RFC 9309 §5 and of Google's documentation of the same rules.
	for _, c := range []struct {
		rules string
		path  string
		want  bool
	}{
		{"allow: /p\ndisallow: /", "/page", true},
		{"allow: /folder\ndisallow: /folder", "/folder/page", true},
		{"allow: /page\ndisallow: /*.htm", "/page.htm", false},
		{"allow: /page\ndisallow: /*.ph", "/page.php", true},
		{"allow: /$\ndisallow: /", "/", true},
		{"allow: /$\ndisallow: /", "/page.htm", false},
		{"disallow: /*.php$", "/filename.php", false},
		{"disallow: /*.php$", "/folder/filename.php", false},
		{"disallow: /*.php$", "/filename.php?parameters", true},
		{"disallow: /*.php$", "/filename.php/", true},
		{"disallow: /*.php$", "/filename.php5", true},
		{"disallow: /fish*", "/fish.html", false},
		{"disallow: /fish*", "/Fish.asp", true},
		{"disallow: /fish", "/fishheads/yummy.html", false},
		{"disallow: /*.pdf$", "/docs/a.pdf", false},
		{"disallow: /*.pdf$", "/docs/a.pdf?download=1", true},
		{"disallow: /private/*/draft", "/private/2024/drafts/x.pdf", false},
		{"disallow: /a%3cd", "/a%3Cd", false},
		{"disallow:", "/anything", true},
		{"disallow: /", "/robots.txt", true},
	} {
		r := ParseRobots([]byte("User-agent: *\n"+c.rules+"\n"), "focus")
		if got := r.Allowed(c.path); got != c.want {
			t.Errorf("%q on %s: allowed=%v, want %v", c.rules, c.path, got, c.want)
		}
	}
}

func TestRobotsGroups(t *testing.T) {
	txt := `# comments and unknown lines are ignored
User-agent: googlebot
Disallow: /

User-agent: FOCUS/2.0
User-agent: otherbot
Disallow: /private/   # trailing comment
Crawl-delay: 1.5

user-agent: *
disallow: /everything-for-others

User-agent: focus
Allow: /private/public.pdf
Sitemap: https://example.org/sitemap-docs.xml
nonsense line
`
	r := ParseRobots([]byte(txt), "focus")
	for path, want := range map[string]bool{
		"/private/a.pdf": false, "/private/public.pdf": true, "/everything-for-others/a.pdf": true, "/": true,
	} {
		if r.Allowed(path) != want {
			t.Errorf("%s: allowed=%v, want %v (groups naming focus, merged, and not those of *)", path, !want, want)
		}
	}
	if r.CrawlDelay != 1500*time.Millisecond {
		t.Errorf("crawl-delay %s", r.CrawlDelay)
	}
	if len(r.Sitemaps) != 1 || r.Sitemaps[0] != "https://example.org/sitemap-docs.xml" {
		t.Errorf("sitemaps %q", r.Sitemaps)
	}
	other := ParseRobots([]byte(txt), "somebot")
	if other.Allowed("/everything-for-others/x") || !other.Allowed("/private/a.pdf") {
		t.Error("a crawler named in no group follows the * group")
	}
	if !ParseRobots(nil, "focus").Allowed("/x") {
		t.Error("an empty robots.txt allows everything")
	}
	if (&Robots{DisallowAll: true}).Allowed("/x") {
		t.Error("DisallowAll")
	}
}

func FuzzRobots(f *testing.F) {
	f.Add([]byte("User-agent: *\nDisallow: /*.pdf$\nAllow: /a*b*c$\n"), "/a/x/b/y/c")
	f.Fuzz(func(t *testing.T, data []byte, path string) {
		r := ParseRobots(data, "focus")
		r.Allowed(path)
	})
}

package site

import (
	"bufio"
	"bytes"
	"strconv"
	"strings"
	"time"
)

// Robots is the part of a robots.txt (RFC 9309) that applies to one crawler.
type Robots struct {
	rules      []robotsRule
	CrawlDelay time.Duration // the non-standard Crawl-delay line, when the group has one
	Sitemaps   []string      // Sitemap lines, whatever the group
	// DisallowAll is set when the file could not be read for a reason that means "do not
	// crawl" (a server error, RFC 9309 §2.3.1.4).
	DisallowAll bool
}

type robotsRule struct {
	allow   bool
	pattern string
}

// ParseRobots reads a robots.txt for the crawler whose product token is agent: the
// groups naming that token (case-insensitively) apply, merged; when none does, the
// groups of "*". Unknown lines and malformed ones are ignored, as the RFC asks.
func ParseRobots(data []byte, agent string) *Robots {
	agent = strings.ToLower(agent)
	type group struct {
		agents []string
		rules  []robotsRule
		delay  time.Duration
	}
	var groups []*group
	var cur *group
	inAgents := false // consecutive user-agent lines share one group
	r := &Robots{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 64<<10)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		value = strings.TrimSpace(value)
		switch key {
		case "user-agent":
			if !inAgents || cur == nil {
				cur = &group{}
				groups = append(groups, cur)
			}
			cur.agents = append(cur.agents, strings.ToLower(value))
			inAgents = true
		case "allow", "disallow":
			inAgents = false
			if cur == nil || value == "" {
				continue // an empty Disallow allows everything: no rule
			}
			cur.rules = append(cur.rules, robotsRule{allow: key == "allow", pattern: value})
		case "crawl-delay":
			inAgents = false
			if cur != nil {
				if s, err := strconv.ParseFloat(value, 64); err == nil && s > 0 && s < 3600 {
					cur.delay = time.Duration(s * float64(time.Second))
				}
			}
		case "sitemap":
			r.Sitemaps = append(r.Sitemaps, value)
		default:
			inAgents = false
		}
	}
	pick := func(match func(string) bool) bool {
		found := false
		for _, g := range groups {
			for _, a := range g.agents {
				if match(a) {
					found = true
					r.rules = append(r.rules, g.rules...)
					r.CrawlDelay = max(r.CrawlDelay, g.delay)
					break
				}
			}
		}
		return found
	}
	// A user-agent line names a product token, perhaps with a version ("focus/1.0").
	token := func(a string) string { t, _, _ := strings.Cut(a, "/"); return strings.TrimSpace(t) }
	if !pick(func(a string) bool { return token(a) == agent }) {
		pick(func(a string) bool { return a == "*" })
	}
	return r
}

// Allowed reports whether the path (with its query, as sent: "/docs/a.pdf?x=1") may be
// fetched: the longest matching pattern wins, Allow over Disallow when they are as long;
// nothing matching means allowed. /robots.txt itself is always allowed.
func (r *Robots) Allowed(path string) bool {
	if r == nil {
		return true
	}
	if path == "" {
		path = "/"
	}
	if path == "/robots.txt" {
		return true
	}
	if r.DisallowAll {
		return false
	}
	best, allowed := -1, true
	for _, rule := range r.rules {
		if !robotsMatch(rule.pattern, path) {
			continue
		}
		n := len(rule.pattern)
		if n > best || (n == best && rule.allow) {
			best, allowed = n, rule.allow
		}
	}
	return allowed
}

// robotsMatch matches a robots.txt path pattern: a prefix match, where * stands for any
// run of characters and a final $ anchors the end. Percent-encoded octets are compared
// with their letters in upper case, so %2f and %2F are the same.
func robotsMatch(pattern, path string) bool {
	pattern, path = normEscapes(pattern), normEscapes(path)
	anchored := strings.HasSuffix(pattern, "$")
	if anchored {
		pattern = pattern[:len(pattern)-1]
	}
	parts := strings.Split(pattern, "*")
	// The first part is a prefix; each later part is found as early as it can be,
	// which is enough for a pattern made of literal parts and stars.
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	pos := len(parts[0])
	for i, part := range parts[1:] {
		last := i == len(parts)-2
		if last && anchored {
			return len(path)-pos >= len(part) && strings.HasSuffix(path, part)
		}
		j := strings.Index(path[pos:], part)
		if j < 0 {
			return false
		}
		pos += j + len(part)
	}
	return !anchored || pos == len(path)
}

func normEscapes(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			b[i+1], b[i+2] = upperHex(b[i+1]), upperHex(b[i+2])
		}
	}
	return string(b)
}

func upperHex(c byte) byte {
	if c >= 'a' && c <= 'f' {
		return c - 'a' + 'A'
	}
	return c
}

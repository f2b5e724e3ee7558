package site

import (
	"context"
	"errors"
	"iter"
	"net/url"
	"strings"

	"github.com/lab110bis/focusplus/checker"
)

// CrawlOptions bound a crawl.
type CrawlOptions struct {
	Depth        int  // links followed from the start page: 0 is the start page alone
	SameHost     bool // pages, documents and redirects stay on the start page's host
	MaxPages     int  // HTML pages fetched, the start page included
	MaxDocuments int  // documents handed to the checker
	Agent        string
	// Event, when set, hears of each page fetched, document found and refusal.
	Event func(Event)
}

// EventKind says what happened.
type EventKind int

const (
	PageFetched EventKind = iota
	DocumentFound
	Refused
)

// Event is a step of the crawl, for progress and for the report's list of what was
// not checked.
type Event struct {
	Kind      EventKind
	URL       string
	From      string       // the page (or sitemap) that links to URL
	Reason    checker.Text // for Refused
	Pages     int          // pages fetched so far
	Documents int          // documents found so far
}

const (
	maxPageBytes     = 10 << 20 // an HTML page or a sitemap
	maxRobotsBytes   = 512 << 10
	maxSitemaps      = 50
	maxSitemapURLs   = 50_000 // the limit of the sitemaps protocol
	robotsAgentToken = "focus"
)

// Crawler finds the documents a website publishes.
type Crawler struct {
	f      *Fetcher
	opt    CrawlOptions
	robots map[string]*Robots
	start  *url.URL

	pages, docs int
	seenPages   map[string]bool
	seenDocs    map[string]bool
}

// NewCrawler prepares a crawl with a fetcher (whose limits apply to every request).
func NewCrawler(f *Fetcher, opt CrawlOptions) *Crawler {
	if opt.Agent == "" {
		opt.Agent = robotsAgentToken
	}
	return &Crawler{f: f, opt: opt, robots: map[string]*Robots{}, seenPages: map[string]bool{}, seenDocs: map[string]bool{}}
}

type queued struct {
	u     *url.URL
	depth int
	from  string
}

// Documents crawls from start and yields each document as it is found, as a checker
// input that downloads it when opened (so the checker works while the crawl goes on).
// Pages are fetched one at a time, breadth first; sitemap.xml (and the sitemaps
// robots.txt names) is read before the start page.
func (c *Crawler) Documents(ctx context.Context, start string) iter.Seq[checker.Input] {
	return func(yield func(checker.Input) bool) {
		u, err := url.Parse(start)
		if err == nil {
			err = CheckScheme(u)
		}
		if err != nil {
			c.refuse(start, "", asText(err))
			return
		}
		u.Fragment = ""
		c.start = u
		queue := []queued{{u: u}}
		c.seenPages[u.String()] = true

		// Sitemaps: the pages they list count as linked from the start page.
		rob := c.robotsFor(ctx, u)
		sitemaps := append([]string(nil), rob.Sitemaps...)
		sitemaps = append(sitemaps, u.ResolveReference(&url.URL{Path: "/sitemap.xml"}).String())
		seenMaps := map[string]bool{}
		for i := 0; i < len(sitemaps) && i < maxSitemaps; i++ {
			sm := sitemaps[i]
			if seenMaps[sm] {
				continue
			}
			seenMaps[sm] = true
			smu, err := url.Parse(sm)
			if err != nil || CheckScheme(smu) != nil || !c.sameHostOK(smu) {
				continue
			}
			if !c.robotsFor(ctx, smu).Allowed(requestPath(smu)) {
				c.refuse(sm, "", robotsRefusal())
				continue
			}
			data, _, err := c.f.Get(ctx, sm, maxPageBytes)
			if err != nil {
				var se *StatusError
				if !(errors.As(err, &se) && se.Code == 404 && i == len(sitemaps)-1) {
					c.refuse(sm, "", asText(err)) // a missing default sitemap is no news
				}
				continue
			}
			locs, index, err := SitemapURLs(data, maxSitemapURLs)
			if err != nil && len(locs) == 0 {
				c.refuse(sm, "", checker.Textf("not a readable sitemap: %v", "plan de site illisible : %v", err))
				continue
			}
			for _, loc := range locs {
				lu, err := url.Parse(loc)
				if err != nil {
					continue
				}
				if index {
					sitemaps = append(sitemaps, lu.String())
					continue
				}
				if !c.link(ctx, lu, sm, 0, &queue, yield) {
					return
				}
			}
		}

		for len(queue) > 0 {
			if ctx.Err() != nil {
				return
			}
			if c.opt.MaxPages > 0 && c.pages >= c.opt.MaxPages {
				c.refuse(queue[0].u.String(), queue[0].from, checker.Textf("not visited: the crawl reached --max-pages (%d); %d more pages were waiting",
					"non visitée : l'exploration a atteint --max-pages (%d) ; %d autres pages attendaient", c.opt.MaxPages, len(queue)-1))
				return
			}
			page := queue[0]
			queue = queue[1:]
			if !c.robotsFor(ctx, page.u).Allowed(requestPath(page.u)) {
				c.refuse(page.u.String(), page.from, robotsRefusal())
				continue
			}
			data, final, err := c.f.Get(ctx, page.u.String(), maxPageBytes)
			c.pages++
			if err != nil {
				c.refuse(page.u.String(), page.from, asText(err))
				continue
			}
			c.event(Event{Kind: PageFetched, URL: page.u.String(), From: page.from})
			if !LooksLikeHTML(data) {
				continue
			}
			for _, l := range PageLinks(data, final) {
				if !c.link(ctx, l, page.u.String(), page.depth, &queue, yield) {
					return
				}
			}
		}
	}
}

// link handles one address found on a page (or a sitemap) at that depth: a document is
// yielded, a page queued.
// It returns false when the crawl must stop.
func (c *Crawler) link(ctx context.Context, l *url.URL, from string, depth int, queue *[]queued, yield func(checker.Input) bool) bool {
	scheme := strings.ToLower(l.Scheme)
	if scheme != "http" && scheme != "https" {
		switch scheme {
		case "mailto", "tel", "javascript", "data", "sms":
		default:
			if IsDocumentURL(l) {
				c.refuse(l.String(), from, asText(CheckScheme(l)))
			}
		}
		return true
	}
	l.Fragment, l.RawFragment = "", ""
	key := l.String()
	if IsDocumentURL(l) {
		if c.seenDocs[key] {
			return true
		}
		c.seenDocs[key] = true
		if !c.sameHostOK(l) {
			c.refuse(key, from, otherHostRefusal(l))
			return true
		}
		if !c.robotsFor(ctx, l).Allowed(requestPath(l)) {
			c.refuse(key, from, robotsRefusal())
			return true
		}
		if c.opt.MaxDocuments > 0 && c.docs >= c.opt.MaxDocuments {
			c.refuse(key, from, checker.Textf("not checked: the crawl reached --max-documents (%d)",
				"non vérifié : l'exploration a atteint --max-documents (%d)", c.opt.MaxDocuments))
			return false
		}
		c.docs++
		c.event(Event{Kind: DocumentFound, URL: key, From: from})
		return yield(c.f.Input(ctx, key, from))
	}
	if depth >= c.opt.Depth || c.seenPages[key] || !c.sameHostOK(l) {
		return true
	}
	c.seenPages[key] = true
	*queue = append(*queue, queued{u: l, depth: depth + 1, from: from})
	return true
}

// sameHostOK applies --same-host.
func (c *Crawler) sameHostOK(u *url.URL) bool {
	return !c.opt.SameHost || strings.EqualFold(u.Host, c.start.Host)
}

// SameHostRedirect is the fetcher's redirect check of a --same-host crawl of start.
func SameHostRedirect(start *url.URL) func(*url.URL) error {
	return func(to *url.URL) error {
		if strings.EqualFold(to.Host, start.Host) {
			return nil
		}
		return &checker.LoadError{Msg: otherHostRefusal(to)}
	}
}

func otherHostRefusal(u *url.URL) checker.Text {
	return checker.Textf("refused: %s is on another host (--same-host)", "refusé : %s est sur un autre hôte (--same-host)", u.Host)
}

func robotsRefusal() checker.Text {
	return checker.Textf("not fetched: robots.txt disallows it", "non téléchargé : robots.txt l'interdit")
}

// robotsFor fetches and caches the robots.txt of a host (RFC 9309 §2.3.1: a file that
// is missing, 4xx, allows everything; a server error or no answer disallows everything).
func (c *Crawler) robotsFor(ctx context.Context, u *url.URL) *Robots {
	key := strings.ToLower(u.Scheme + "://" + u.Host)
	if r, ok := c.robots[key]; ok {
		return r
	}
	data, _, err := c.f.Get(ctx, key+"/robots.txt", maxRobotsBytes)
	var r *Robots
	var se *StatusError
	switch {
	case err == nil:
		r = ParseRobots(data, c.opt.Agent)
	case errors.As(err, &se) && se.Code >= 400 && se.Code < 500:
		r = &Robots{}
	default:
		r = &Robots{DisallowAll: true}
		c.refuse(key+"/robots.txt", "", checker.Textf("robots.txt could not be read (%s): nothing is fetched from this host",
			"robots.txt illisible (%s) : rien n'est téléchargé sur cet hôte", asText(err).En))
	}
	if r.CrawlDelay > 0 {
		c.f.SlowDown(u.Host, r.CrawlDelay)
	}
	c.robots[key] = r
	return r
}

// requestPath is what robots.txt rules are matched against: the path and query as sent.
func requestPath(u *url.URL) string {
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return p
}

func (c *Crawler) refuse(u, from string, why checker.Text) {
	c.event(Event{Kind: Refused, URL: u, From: from, Reason: why})
}

func (c *Crawler) event(e Event) {
	e.Pages, e.Documents = c.pages, c.docs
	if c.opt.Event != nil {
		c.opt.Event(e)
	}
}

func asText(err error) checker.Text {
	var le *checker.LoadError
	if errors.As(err, &le) {
		return le.Msg
	}
	if err == nil {
		return checker.Text{}
	}
	return checker.Text{En: err.Error(), Fr: err.Error()}
}

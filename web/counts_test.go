package web

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// samplesUpload is every shipped sample, as one upload.
func samplesUpload(t testing.TB) []part {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "samples", "*"))
	sort.Strings(paths)
	if len(paths) == 0 {
		t.Fatal("no samples in testdata/samples")
	}
	var parts []part
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, part{"file", filepath.Base(p), b})
	}
	return parts
}

// uploadAndShow uploads parts through the form and returns the result page in lang.
func uploadAndShow(t testing.TB, s *Server, lang string, parts ...part) string {
	t.Helper()
	h := s.Handler()
	w := postFiles(t, h, "/check?lang="+lang, parts...)
	if w.Code != 303 {
		t.Fatalf("POST /check = %d\n%.500s", w.Code, w.Body)
	}
	r := get(h, w.Header().Get("Location"))
	if r.Code != 200 {
		t.Fatalf("result page = %d", r.Code)
	}
	return r.Body.String()
}

var firstNumber = regexp.MustCompile(`\d+(?:[\x{202f}\x{a0} ]\d{3})*`)

// shownCount reads the count a text shows: its first number, or one for "once".
func shownCount(t *testing.T, s string) int {
	t.Helper()
	m := firstNumber.FindString(s)
	if m == "" {
		if strings.Contains(s, "once") || strings.Contains(s, "une fois") {
			return 1
		}
		t.Fatalf("no count in %q", s)
	}
	n, _ := strconv.Atoi(strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, m))
	return n
}

// TestEveryCountShownMatchesTheItemsUnderIt renders the result page of the shipped
// samples in both languages and checks every number a reader sees against what the page
// lists: the table's "problems to fix", the summary of each document, each severity
// heading, and each problem's "found N times" against its listed places.
func TestEveryCountShownMatchesTheItemsUnderIt(t *testing.T) {
	s := newTestServer(t, Config{})
	for _, lang := range []string{"en", "fr"} {
		doc := parseHTML(t, uploadAndShow(t, s, lang, samplesUpload(t)...))
		tableCounts := map[string]int{}
		for _, row := range doc.all(byTag("tr")) {
			cells := row.all(func(n *node) bool { return n.Tag == "td" || n.Tag == "th" })
			if len(cells) == 4 && cells[0].Tag == "th" {
				if a := cells[0].all(byTag("a")); len(a) == 1 && cells[3].text() != "—" {
					tableCounts[strings.TrimPrefix(a[0].Attr["href"], "#")] = shownCount(t, cells[3].text())
				}
			}
		}
		sections := doc.all(byTagClass("section", "document"))
		if len(sections) < 8 {
			t.Fatalf("%s: %d document sections, want one per sample", lang, len(sections))
		}
		checkedDocs := 0
		for _, sec := range sections {
			name := sec.all(byTag("h2"))[0].text()
			anchor := sec.all(byTag("h2"))[0].Attr["id"]
			// Split the section at its h3 headings: fix, review, passed.
			var part string
			cards := map[string]int{}
			passed := 0
			var sevHeading *node
			sevCards := 0
			closeSev := func() {
				if sevHeading != nil && shownCount(t, sevHeading.text()) != sevCards {
					t.Errorf("%s %s: heading %q above %d problems", lang, name, sevHeading.text(), sevCards)
				}
				sevHeading, sevCards = nil, 0
			}
			for _, n := range sec.flat() {
				switch {
				case n.Tag == "h3":
					closeSev()
					part = strings.TrimPrefix(n.Attr["id"], anchor+"-")
				case n.Tag == "h4" && n.hasClass("sev-heading"):
					closeSev()
					sevHeading = n
				case n.Tag == "article" && n.hasClass("finding"):
					cards[part]++
					sevCards++
					checkCard(t, lang, name, n)
				case n.Tag == "ul" && n.hasClass("passed-list"):
					passed = len(n.all(byTag("li")))
				}
			}
			closeSev()
			summary := sec.all(byTagClass("ul", "doc-summary"))
			if len(summary) == 0 {
				continue // unreadable document: no summary
			}
			checkedDocs++
			items := summary[0].all(byTag("li"))
			if len(items) != 3 {
				t.Fatalf("%s %s: summary %q", lang, name, summary[0].text())
			}
			for i, want := range []int{cards["fix"], cards["review"], passed} {
				if got := shownCount(t, items[i].text()); got != want {
					t.Errorf("%s %s: summary says %q, the page lists %d", lang, name, items[i].text(), want)
				}
			}
			if got, ok := tableCounts[anchor]; ok && got != cards["fix"] {
				t.Errorf("%s %s: table says %d problems to fix, the page lists %d", lang, name, got, cards["fix"])
			}
		}
		if checkedDocs < 8 || len(tableCounts) < 8 {
			t.Errorf("%s: only %d documents with a summary and %d table rows checked", lang, checkedDocs, len(tableCounts))
		}
	}
}

// checkCard: "found N times" equals the places listed plus "… and M more".
func checkCard(t *testing.T, lang, doc string, card *node) {
	t.Helper()
	found := card.all(byTagClass("p", "found"))
	if len(found) != 1 {
		t.Errorf("%s %s: a problem without its count", lang, doc)
		return
	}
	want := shownCount(t, found[0].text())
	got := 0
	for _, ul := range card.all(byTagClass("ul", "instances")) {
		for _, li := range ul.all(byTag("li")) {
			switch c := li.all(byTagClass("span", "count")); {
			case li.hasClass("more"):
				got += shownCount(t, li.text())
			case len(c) == 1:
				got += shownCount(t, c[0].text())
			default:
				got++
			}
		}
	}
	if got != want {
		t.Errorf("%s %s: %q but %d places listed", lang, doc, found[0].text(), got)
	}
}

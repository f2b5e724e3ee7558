package web

import (
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/rules"
)

// englishWords are words that mark a sentence as English; French text shows none of
// them (two or more in one piece of text make an English sentence, not a loan word).
var englishWords = regexp.MustCompile(`(?i)\b(the|and|with|this|that|is|are|not|of|to|for|could|should|must|your|which|has|have|was|be|it|can|cannot|does|or|an|in|on|by|from)\b`)

// rawErrors are what Go and library errors look like when they leak to a reader.
var rawErrors = regexp.MustCompile(`(?i)(unexpected EOF|%!|<nil>|runtime error|pdfcpu|xref|strconv\.|zip: |\bEOF\b|invalid memory|panic:|context deadline exceeded|\\x[0-9a-f]{2})`)

// decimalPoint is a decimal number written the English way ("2.85:1", "4.5 %"), which a
// French page never shows; version-like numbers ("1.4.3", "PDF 1.7") are not numbers.
var decimalPoint = regexp.MustCompile(`(^|[^\d.])\d+\.\d+([^\d.]|$)`)

// jargon are names from inside the file formats that a civil servant cannot act on; the
// main text names things as Word, Writer or Acrobat do, and these stay in the experts'
// details.
var jargon = regexp.MustCompile(`dc:title|StructTreeRoot|word/[a-z]+\.xml|/Tabs\b|MarkInfo|\bw:[a-zA-Z]+|pdfuaid|ToUnicode|CIDSet|\bXMP\b|\bOOXML\b`)

func englishIn(s string) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range englishWords.FindAllString(s, -1) {
		w = strings.ToLower(w)
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// TestCatalogueIsComplete: every message in both languages, every key the templates and
// the handlers use present, plural messages with their forms.
func TestCatalogueIsComplete(t *testing.T) {
	for key, m := range messages {
		if m.En == "" || m.Fr == "" {
			t.Errorf("%s: missing a language: %+v", key, m)
		}
		if w := englishIn(m.Fr); len(w) >= 2 {
			t.Errorf("%s: English words %v in the French text %q", key, w, m.Fr)
		}
	}
	for key, p := range plurals {
		for _, f := range []string{p.En.One, p.En.Other, p.Fr.One, p.Fr.Other} {
			if f == "" {
				t.Errorf("%s: a plural form is missing: %+v", key, p)
			}
		}
		if w := englishIn(p.Fr.One + " " + p.Fr.Other); len(w) >= 2 {
			t.Errorf("%s: English words %v in French", key, w)
		}
	}
	used := map[string]bool{}
	keyUse := regexp.MustCompile(`(?:\.L\.(?:T|Tf|N) "|\b(?:l|lang|L)\.(?:T|Tf|N)\(")([a-z0-9.\-]*[a-z0-9])"`)
	for _, dir := range []string{"templates", "."} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !(strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go")) {
				continue
			}
			b, err := fs.ReadFile(os.DirFS(dir), name)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range keyUse.FindAllStringSubmatch(string(b), -1) {
				used[m[1]] = true
			}
		}
	}
	// Keys built at run time.
	for _, sev := range []string{"error", "warning", "tip"} {
		used["sev."+sev], used["tag."+sev] = true, true
	}
	for _, b := range []checker.Band{checker.BandLow, checker.BandMedium, checker.BandHigh, checker.BandPerfect} {
		used["band."+string(b)], used["bandshort."+string(b)] = true, true
	}
	for _, v := range append([]string{"original"}, deficiencies...) {
		used["def."+v], used["def."+v+".desc"] = true, true
	}
	if len(used) < 50 {
		t.Fatalf("found only %d keys in use: the scan is broken", len(used))
	}
	delete(used, "key") // the doc comment's example
	for key := range used {
		_, ok := messages[key]
		_, okp := plurals[key]
		if !ok && !okp {
			t.Errorf("key %q is used but not in the catalogue", key)
		}
	}
}

// TestPluralsAndNumbers: the plural forms and the number notation of each language.
func TestPluralsAndNumbers(t *testing.T) {
	fr, en := locale(checker.French), locale(checker.English)
	for _, c := range []struct{ got, want string }{
		{fr.N("count.items", 1), "1 élément vérifié"},
		{fr.N("count.items", 2), "2 éléments vérifiés"},
		{fr.N("count.items", 0), "0 élément vérifié"},
		{en.N("count.items", 1), "1 item checked"},
		{en.N("count.items", 0), "0 items checked"},
		{en.N("count.found", 1), "Found once"},
		{fr.N("count.found", 12), "Relevé 12 fois"},
		{fr.Num(2.85, 2), "2,85"},
		{en.Num(2.85, 2), "2.85"},
		{fr.N("count.items", 12345), "12\u00a0345 éléments vérifiés"},
		{en.N("count.items", 12345), "12,345 items checked"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// TestRuleTextsInBothLanguages: every rule's title, why and fix in English and French,
// the French free of English sentences.
func TestRuleTextsInBothLanguages(t *testing.T) {
	for _, r := range rules.All() {
		for name, txt := range map[string]checker.Text{"title": r.Title, "why": r.Why, "fix": r.Fix} {
			if txt.En == "" || txt.Fr == "" {
				t.Errorf("%s %s: missing a language", r.ID, name)
				continue
			}
			if w := englishIn(stripQuoted(txt.Fr)); len(w) >= 3 {
				t.Errorf("%s %s: English words %v in French: %q", r.ID, name, w, txt.Fr)
			}
		}
	}
}

// stripQuoted drops what French text quotes from an English interface (« Mark as
// decorative », "Header Row"): menu names of English software are not English prose.
func stripQuoted(s string) string {
	s = regexp.MustCompile(`«[^»]*»|"[^"]*"|“[^”]*”|\([^)]*\)`).ReplaceAllString(s, "")
	return s
}

// keyPrefixes are the first segments of the catalogue's keys: a text made of one of them
// and more dotted segments is a key that was not found.
var keyPrefixes = func() map[string]bool {
	m := map[string]bool{}
	for k := range messages {
		p, _, _ := strings.Cut(k, ".")
		m[p] = true
	}
	for k := range plurals {
		p, _, _ := strings.Cut(k, ".")
		m[p] = true
	}
	return m
}()

// stripToolNames drops the quoted names of menus and commands («Corriger ToUnicode» is
// how Acrobat names its fix-up): the words of the author's tool, not format internals.
func stripToolNames(s string) string {
	return regexp.MustCompile(`«[^»]*»|"[^"]*"|“[^”]*”`).ReplaceAllString(s, "")
}

// frenchPageProblems lists what a French reader should never meet in the main text of a
// page: English sentences, raw errors, English decimal points, untranslated keys.
func frenchPageProblems(page string, t *testing.T) []string {
	var out []string
	root := parseHTML(t, page)
	var walk func(n *node, inExperts, inEnglish bool)
	walk = func(n *node, inExperts, inEnglish bool) {
		if n.Tag == "script" || n.Tag == "style" || n.Tag == "code" {
			return
		}
		if n.Tag == "details" && n.hasClass("experts") {
			inExperts = true
		}
		if n.Attr["lang"] == "en" || n.Attr["translate"] == "no" {
			inEnglish = true // another language's text, or the document's own words (names, titles)
		}
		if n.Tag == "" {
			s := strings.TrimSpace(n.Text)
			if s == "" {
				return
			}
			if m := rawErrors.FindString(s); m != "" {
				out = append(out, "raw error ("+m+"): "+s)
			}
			if !inEnglish && !inExperts {
				if w := englishIn(stripQuoted(s)); len(w) >= 2 {
					out = append(out, "English words "+strings.Join(w, ",")+": "+s)
				}
				if m := jargon.FindString(stripToolNames(s)); m != "" {
					out = append(out, "technical term "+m+" outside the experts' details: "+s)
				}
				if decimalPoint.MatchString(stripToolNames(s)) {
					out = append(out, "decimal point: "+s)
				}
				if prefix, _, ok := strings.Cut(s, "."); ok && keyPrefixes[prefix] && !strings.ContainsAny(s, " ") {
					out = append(out, "untranslated key: "+s)
				}
			}
			return
		}
		for _, c := range n.Children {
			walk(c, inExperts, inEnglish)
		}
	}
	walk(root, false, false)
	return out
}

// TestFrenchPagesSpeakFrench renders every page of the application in French (the upload
// page, the result page of every shipped sample and of unreadable files, the colour-blind
// view, the comparison, the reading view and the error pages) and reads their text as a
// French reader would.
func TestFrenchPagesSpeakFrench(t *testing.T) {
	s := newTestServer(t, Config{})
	s.Simulate = greySimulator
	h := s.Handler()
	parts := append(samplesUpload(t),
		part{"file", "notes.pdf", []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF")},
		part{"file", "vide.docx", []byte("PK\x03\x04 truncated")},
		part{"file", "texte.png", []byte("not an image")})
	w := postFiles(t, h, "/check?lang=fr", parts...)
	loc := w.Header().Get("Location")
	pages := map[string]string{"/": get(h, "/?lang=fr").Body.String(), loc: get(h, loc).Body.String()}
	for i := range parts {
		base := strings.Split(loc, "?")[0] + "/" + strconv.Itoa(i+1)
		for _, p := range []string{"/see?lang=fr", "/reading?lang=fr", "/compare?lang=fr&page=1&deficiency=deutan"} {
			if r := get(h, base+p); r.Code == 200 {
				pages[base+p] = r.Body.String()
			}
		}
	}
	pages["404"] = get(h, "/nowhere?lang=fr").Body.String()
	pages["/rules"] = get(h, "/rules?lang=fr").Body.String()
	for _, r := range rules.All() {
		pages["/rules/"+r.ID] = get(h, "/rules/"+r.ID+"?lang=fr").Body.String()
	}
	pages["400"] = postFiles(t, h, "/check?lang=fr").Body.String()
	if len(pages) < 12 {
		t.Fatalf("only %d pages rendered", len(pages))
	}
	for url, page := range pages {
		for _, p := range frenchPageProblems(page, t) {
			t.Errorf("%s: %s", url, p)
		}
	}
}

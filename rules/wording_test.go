package rules

import (
	"bytes"
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"image/color"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	fx "github.com/lab110bis/focusplus/internal/fixtures"
	"github.com/lab110bis/focusplus/report"
)

// What a civil servant reads must be plain words with numbers that agree: no "1 pages",
// no "0 documents" in French, no "paragraphe(s)", and no message of a Go library
// ("unexpected EOF", "XML syntax error", pdfcpu's xref errors) in the main text; the
// technical cause belongs in the finding's data or the report's error_detail.

// countedWord finds a count of 0 or 1 and the word after it.
var countedWord = regexp.MustCompile(`(?i)(?:^|[^\p{L}\p{N}.,:/#×–-])([01]) ([\p{L}'’-]+)(?: ([\p{L}'’-]+))?`)

// modifiers come before the counted noun in English ("1 text run", "1 form field"): the
// word after them is the one that must agree.
var modifiers = map[string]bool{"text": true, "form": true, "content": true, "link": true, "structure": true,
	"marked-content": true, "empty": true, "small": true, "merged": true, "unnamed": true, "typed": true,
	"tagged": true, "other": true, "more": true, "new": true, "table": true, "list": true}

// referenceWords name a place by its number ("page 1 has", "level 1 follows", "niveau 1
// sous"): the number after them is an ordinal, not a count.
var referenceWords = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(page|pages|level|levels|row|column|frame|niveau|ligne|colonne|image|heading|titre|style|item|élément|paragraph|paragraphe|h|version|part|partie|step|étape|note)\s*$`)

// singularS are words that end in s or x in the singular, or are not nouns at all.
var singularS = map[string]bool{
	// English
	"is": true, "was": true, "has": true, "does": true, "as": true, "its": true, "this": true, "thus": true,
	"us": true, "plus": true, "pass": true, "class": true, "access": true, "process": true, "status": true,
	"bus": true, "lens": true, "analysis": true, "across": true, "less": true, "unless": true, "always": true,
	"whereas": true, "besides": true, "towards": true, "minus": true,
	// French
	"des": true, "les": true, "ses": true, "mes": true, "nos": true, "vos": true, "aux": true, "dans": true,
	"sous": true, "vers": true, "après": true, "depuis": true, "très": true, "pas": true, "fois": true,
	"cas": true, "mois": true, "temps": true, "corps": true, "poids": true, "accès": true, "succès": true,
	"avis": true, "sans": true, "puis": true, "alors": true, "jamais": true, "toujours": true, "parmi": true,
	"choix": true, "prix": true, "voix": true, "index": true, "deux": true, "ceux": true, "mieux": true,
	"moins": true, "ans": false,
}

// pluralSlips lists the places in s where a count of 0 or 1 is followed by a plural
// (in English, 0 takes the plural), and every "(s)" or "(x)" that ducks the question.
func pluralSlips(s string, lang checker.Lang) []string {
	var out []string
	for _, m := range countedWord.FindAllStringSubmatchIndex(s, -1) {
		n, word, end := s[m[2]:m[3]], strings.ToLower(s[m[4]:m[5]]), m[5]
		if lang == checker.English && modifiers[word] && m[6] >= 0 {
			word, end = strings.ToLower(s[m[6]:m[7]]), m[7]
		}
		if n == "0" && lang == checker.English {
			continue
		}
		if referenceWords.MatchString(s[:m[2]]) || singularS[word] {
			continue
		}
		if strings.HasSuffix(word, "s") || (lang == checker.French && strings.HasSuffix(word, "x")) {
			out = append(out, s[m[2]:end])
		}
	}
	return append(out, regexp.MustCompile(`\p{L}\((?:s|x|es)\)`).FindAllString(s, -1)...)
}

// pointDecimal is a measure (a ratio, a size in points, seconds, a percentage) written
// with a decimal point, which French writes with a comma ("4,5:1", "10,5 pt").
var pointDecimal = regexp.MustCompile(`\b\d+\.\d+(?::1|\s?pt\b|\s?s\b|\s?%)`)

// rawError is what a program says to a programmer.
var rawError = regexp.MustCompile(`(?i)runtime error|invalid memory|pdfcpu|\bxref\b|\bEOF\b|%!|<nil>|XML syntax error|strconv\.|goroutine|(?:^|[\s(])(?:zip|flate|gif|png|jpeg|tiff|bmp|webp|riff|vp8l?|xml): `)

func TestPluralSlipsAreFound(t *testing.T) {
	for _, c := range []struct {
		s     string
		lang  checker.Lang
		slips int
	}{
		{"1 passages de texte sur 1 pages n'ont pas de langue (dès la page 1)", checker.French, 2},
		{"1 documents vérifiés, 0 illisibles, 0 ignorés", checker.French, 3},
		{"1 text runs on 1 pages have no language", checker.English, 2},
		{"0 documents checked", checker.English, 0},
		{"1 paragraphe(s) commencent", checker.French, 1},
		{"Heading level 1 follows level 3; the page 1 has 1 table", checker.English, 0},
		{"1 fois, 1 cas, 0 passage, 1 niveau, ratio 4,5:1 pour 2 pages", checker.French, 0},
		{"1 image, 1 niveaux", checker.French, 1},
	} {
		if got := pluralSlips(c.s, c.lang); len(got) != c.slips {
			t.Errorf("%q: slips %q, want %d", c.s, got, c.slips)
		}
	}
}

// wordingDocuments are the documents whose messages are read: every file under testdata
// and generated documents that count one or none of something, or cannot be read.
func wordingDocuments(t *testing.T) map[string][]byte {
	docs := map[string][]byte{}
	err := filepath.Walk("../testdata", func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || strings.HasSuffix(p, ".json") {
			return err
		}
		data, err := os.ReadFile(p)
		docs[strings.TrimPrefix(p, "../")] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	line := func(y float64, s string) fx.VisualText {
		return fx.VisualText{X: 72, Y: y, Size: 12, Fill: color.Black, Text: s}
	}
	onePage := fx.VisualPage{Texts: []fx.VisualText{line(700, "Compte rendu de la réunion du 3 mars")}}
	gifBytes := fx.Blink{Width: 40, Height: 40, Frames: 6, DelayCS: 50, LoopCount: 0}.GIF()
	pngBytes := fx.PNG(fx.Bars(60, 40, color.RGBA{R: 200, A: 255}, color.RGBA{G: 160, A: 255}), "")
	picture := fx.PictureSized(1, 600000, 400000, `descr="Logo"`, "")
	docs["generated/one-run-no-language.pdf"] = fx.VisualPDF{Pages: []fx.VisualPage{onePage}, Tagged: true, Title: "Compte rendu"}.Bytes()
	docs["generated/one-page-untagged.pdf"] = fx.VisualPDF{Pages: []fx.VisualPage{onePage}}.Bytes()
	docs["generated/one-unnamed-field.pdf"] = untaggedForm(1)
	docs["generated/one-small-picture.docx"] = fx.DOCX{Title: "Logo", Body: `<w:p>` + picture + `</w:p>`, Rels: []fx.Rel{{ID: "rIdImg", Type: "image", Target: "media/image1.png"}}}.Bytes()
	docs["generated/one-typed-bullet.docx"] = reportDOCX(fx.P("", "- une seule ligne commence par un tiret"))
	docs["generated/loop.gif"] = gifBytes
	docs["generated/truncated.gif"] = gifBytes[:len(gifBytes)/2]
	docs["generated/truncated.png"] = pngBytes[:len(pngBytes)*2/3]
	docs["generated/broken-xml.docx"] = fx.DOCX{Title: "Cassé", Body: fx.P("", "Un paragraphe") + `<w:p><w:r>`}.Bytes()
	docs["generated/bars.png"] = fx.PNG(fx.Bars(60, 40, color.RGBA{R: 200, A: 255}, color.RGBA{G: 160, A: 255}), "")
	return docs
}

// TestMessagesArePlainWords checks every document of wordingDocuments in both languages:
// each finding's message, each document error and the whole text report (the batch
// summary line included) must have counts that agree and no raw program error.
func TestMessagesArePlainWords(t *testing.T) {
	if testing.Short() {
		t.Skip("renders every test document")
	}
	e := NewEngine()
	docs := wordingDocuments(t)
	var results []checker.Result
	for name, data := range docs {
		results = append(results, e.Check(context.Background(), name, data, false))
	}
	// The damaged documents are unreadable, and experts still get the library's words.
	for _, r := range results {
		if r.Name == "generated/truncated.png" || r.Name == "generated/broken-xml.docx" {
			if r.Err == nil || r.Err.Detail == "" {
				t.Errorf("%s: error %+v, want one with the technical cause in Detail", r.Name, r.Err)
			}
		}
	}
	for _, lang := range []checker.Lang{checker.English, checker.French} {
		check := func(where, s string) {
			t.Helper()
			if slips := pluralSlips(s, lang); len(slips) > 0 {
				t.Errorf("%s (%s): plural slips %q in %q", where, lang, slips, s)
			}
			if m := rawError.FindString(s); m != "" {
				t.Errorf("%s (%s): a program's error (%q) in %q", where, lang, m, s)
			}
			if m := pointDecimal.FindString(s); m != "" && lang == checker.French {
				t.Errorf("%s (%s): a measure written with a decimal point (%q) in %q", where, lang, m, s)
			}
		}
		for _, r := range results {
			if r.Err != nil {
				check(r.Name, r.Err.Msg.In(lang))
			}
			for _, f := range r.Findings {
				check(r.Name+" "+f.Rule, f.Message.In(lang))
			}
		}
		var buf bytes.Buffer
		w, err := report.New("text", &buf, report.Meta{Lang: lang, Engine: e})
		if err != nil {
			t.Fatal(err)
		}
		sum := report.Summary{}
		for _, r := range results {
			sum.Add(r)
			if err := w.Document(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.End(sum); err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(buf.String(), "\n") {
			if len(pluralSlips(l, lang)) > 0 || rawError.MatchString(l) {
				check("text report", l)
			}
		}
		// The one-document summary is where "1 documents checked" was printed.
		one := report.Summary{}
		one.Add(results[0])
		check("summary of one document", report.SummaryLine(one, lang))
	}
}

// printfVerb is one formatting verb of a message pattern.
var printfVerb = regexp.MustCompile(`%[-+# 0-9.*]*[a-zA-Z%]`)

// TestTextfPatternsTakeTheSameArguments reads the source of every message written with
// checker.Textf, Errorf or DetailErrorf: the English and the French pattern must take as
// many arguments as are given, and a checker.Plural argument must meet a %s in both (a
// %d there prints "%!d(string=…)" to the reader).
func TestTextfPatternsTakeTheSameArguments(t *testing.T) {
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != ".." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok || c.Ellipsis.IsValid() {
				return true
			}
			first := -1
			switch callName(c) {
			case "Textf", "Errorf":
				first = 0
			case "tr": // rules/docx's short name for Textf; report's t.tr is only a chooser
				if _, ident := c.Fun.(*ast.Ident); ident && strings.Contains(fset.Position(c.Pos()).Filename, "docx") {
					first = 0
				}
			case "DetailErrorf":
				first = 1
			}
			if first < 0 || len(c.Args) < first+2 {
				return true
			}
			en, ok1 := c.Args[first].(*ast.BasicLit)
			fr, ok2 := c.Args[first+1].(*ast.BasicLit)
			if !ok1 || !ok2 || en.Kind != token.STRING || fr.Kind != token.STRING {
				return true
			}
			args := c.Args[first+2:]
			for _, lit := range []*ast.BasicLit{en, fr} {
				s, _ := strconv.Unquote(lit.Value)
				var verbs []string
				for _, v := range printfVerb.FindAllString(s, -1) {
					if v != "%%" {
						verbs = append(verbs, v)
					}
				}
				if len(verbs) != len(args) {
					t.Errorf("%s: %d verbs in %q for %d arguments", fset.Position(lit.Pos()), len(verbs), s, len(args))
					continue
				}
				for i, a := range args {
					if ac, ok := a.(*ast.CallExpr); ok && callName(ac) == "Plural" && !strings.HasSuffix(verbs[i], "s") {
						t.Errorf("%s: argument %d is a Plural but its verb is %s in %q", fset.Position(lit.Pos()), i+1, verbs[i], s)
					}
				}
			}
			checked++
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 100 {
		t.Fatalf("only %d messages found: is the walk reading the repository?", checked)
	}
}

func callName(c *ast.CallExpr) string {
	switch fn := c.Fun.(type) {
	case *ast.SelectorExpr:
		return fn.Sel.Name
	case *ast.Ident:
		return fn.Name
	}
	return ""
}

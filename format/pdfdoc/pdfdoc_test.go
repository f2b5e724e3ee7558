package pdfdoc

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/internal/fixtures"
)

func sample() fixtures.TaggedPDF {
	return fixtures.TaggedPDF{
		Title: "Sample", Lang: "fr-FR",
		Elems: []fixtures.Elem{
			{Type: "H1", HasMC: true, MCID: 0},
			{Type: "P", HasMC: true, MCID: 1},
			{Type: "Figure", Extra: "/Alt (Un vélo rouge)", HasMC: true, MCID: 2},
			{Type: "L", Kids: []fixtures.Elem{{Type: "LI", Kids: []fixtures.Elem{{Type: "LBody", HasMC: true, MCID: 3}}}}},
		},
		Content: fixtures.MCText("H1", 0, "Rapport") + fixtures.MCText("P", 1, "Bonjour le monde") +
			"/Figure <</MCID 2>> BDC 0 0 10 10 re f EMC\n" + fixtures.MCText("LBody", 3, "Premier point") + fixtures.ArtifactText("1"),
	}
}

func parse(t *testing.T, data []byte) (*Doc, error) {
	t.Helper()
	d, err := Load(context.Background(), "t.pdf", data, Name, checker.DefaultLimits())
	if err != nil {
		return nil, err
	}
	return d.Content.(*Doc), nil
}

func TestModel(t *testing.T) {
	d, err := parse(t, sample().Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !d.Marked || d.Lang != "fr-FR" || d.XMP.Title != "Sample" || d.XMP.Part != "1" || !d.DisplayDocTitle {
		t.Errorf("catalog facts: marked %v lang %q title %q part %q display %v", d.Marked, d.Lang, d.XMP.Title, d.XMP.Part, d.DisplayDocTitle)
	}
	if len(d.Pages) != 1 || len(d.Elems) != 7 {
		t.Fatalf("pages %d elems %d", len(d.Pages), len(d.Elems))
	}
	if e := d.ElemFor(1, 1); e == nil || e.Type != "P" || !strings.Contains(e.Text, "Bonjour") {
		t.Errorf("MCID 1 should be the P with its text, got %+v", e)
	}
	if got := d.Elems[3].Path; got != "Document[1]/Figure[1]" {
		t.Errorf("path %q", got)
	}
	c := d.Pages[0].Content
	if c.Untagged != 0 || c.TextShows != 4 || c.PathPaints != 1 {
		t.Errorf("content facts %+v", c)
	}
	if len(d.Fonts) != 1 || !d.Fonts[0].Embedded || !d.Fonts[0].Used {
		t.Errorf("fonts %+v", d.Fonts)
	}
}

func TestReadingView(t *testing.T) {
	d, err := parse(t, sample().Bytes())
	if err != nil {
		t.Fatal(err)
	}
	v := d.ReadingView()
	if v.Guessed {
		t.Error("a tagged PDF is not guessed")
	}
	var got []string
	for _, it := range v.Items {
		got = append(got, fmt.Sprintf("%s:%d:%s", it.Role, it.Level, it.Text))
	}
	want := []string{"heading:1:Rapport", "paragraph:0:Bonjour le monde", "figure:0:Un vélo rouge", "list-item:1:Premier point"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("reading view\n got %v\nwant %v", got, want)
	}
	s := sample()
	s.Untagged = true
	u, err := parse(t, s.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if v := u.ReadingView(); !v.Guessed || len(v.Items) == 0 || !strings.Contains(v.Items[0].Text, "Bonjour") {
		t.Errorf("untagged reading view %+v", v)
	}
}

// TestMalformed feeds damaged files: each gives a clear error or a model, quickly, and
// never a panic.
func TestMalformed(t *testing.T) {
	good := sample().Bytes()
	rnd := rand.New(rand.NewSource(1))
	random := make([]byte, 4096)
	rnd.Read(random)
	cases := map[string][]byte{
		"empty":               {},
		"header only":         []byte("%PDF-1.7\n"),
		"truncated":           good[:len(good)/2],
		"random after header": append([]byte("%PDF-1.4\n"), random...),
		"not a pdf":           random,
		"garbage xref":        bytes.Replace(good, []byte("xref"), []byte("xr#f"), 1),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			_, err := parse(t, data)
			if err != nil {
				var le *checker.LoadError
				if !errors.As(err, &le) || le.Msg.En == "" || le.Msg.Fr == "" {
					t.Errorf("error is not a bilingual document error: %v", err)
				}
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// cyclic builds files whose trees loop back on themselves.
func TestCyclicTrees(t *testing.T) {
	w := &fixtures.PDFWriter{}
	cat := w.Reserve()
	pages := w.Reserve()
	page := w.Reserve()
	root := w.Reserve()
	a, b := w.Reserve(), w.Reserve()
	ol, o1, o2 := w.Reserve(), w.Reserve(), w.Reserve()
	form := w.Reserve()
	content := w.Stream("", []byte("/P <</MCID 0>> BDC /X1 Do EMC"))
	w.Set(form, fmt.Sprintf("<< /Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject << /X1 %d 0 R >> >> /Length 6 >>\nstream\n/X1 Do\nendstream", form))
	// The page tree lists itself as a kid.
	w.Set(pages, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R %d 0 R] /Count 1 >>", page, pages))
	w.Set(page, fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 10 10] /Contents %d 0 R /Resources << /XObject << /X1 %d 0 R >> >> >>", pages, content, form))
	// Structure elements a and b are each other's kid.
	w.Set(root, fmt.Sprintf("<< /Type /StructTreeRoot /K %d 0 R >>", a))
	w.Set(a, fmt.Sprintf("<< /Type /StructElem /S /Sect /P %d 0 R /K [%d 0 R 0] /Pg %d 0 R >>", root, b, page))
	w.Set(b, fmt.Sprintf("<< /Type /StructElem /S /P /P %d 0 R /K %d 0 R >>", a, a))
	// Outline items are each other's Next.
	w.Set(ol, fmt.Sprintf("<< /Type /Outlines /First %d 0 R >>", o1))
	w.Set(o1, fmt.Sprintf("<< /Title (one) /Next %d 0 R /First %d 0 R >>", o2, o1))
	w.Set(o2, fmt.Sprintf("<< /Title (two) /Next %d 0 R >>", o1))
	w.Set(cat, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R /StructTreeRoot %d 0 R /Outlines %d 0 R /MarkInfo << /Marked true >> >>", pages, root, ol))
	done := make(chan struct{})
	var d *Doc
	var err error
	go func() {
		defer close(done)
		d, err = parse(t, w.Bytes(cat, ""))
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("cyclic trees did not finish")
	}
	if err != nil {
		t.Fatalf("cyclic file should still give a model: %v", err)
	}
	if len(d.Pages) != 1 || len(d.Elems) != 2 || len(d.Outlines) != 2 {
		t.Errorf("pages %d elems %d outlines %d", len(d.Pages), len(d.Elems), len(d.Outlines))
	}
}

func TestDeadline(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := sample()
	s.Pages = 50
	_, err := Load(ctx, "t.pdf", s.Bytes(), Name, checker.DefaultLimits())
	if err == nil {
		t.Skip("file read before the cancelled context was noticed")
	}
	if !strings.Contains(err.Error(), "deadline") && !strings.Contains(err.Error(), "unreadable") {
		t.Errorf("unexpected error %v", err)
	}
}

func TestLimits(t *testing.T) {
	lim := checker.DefaultLimits()
	lim.MaxBytes = 100
	if _, err := Load(context.Background(), "t.pdf", sample().Bytes(), Name, lim); err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("want a size error, got %v", err)
	}
	lim = checker.DefaultLimits()
	lim.MaxPages = 3
	s := sample()
	s.Pages = 10
	d, err := Load(context.Background(), "t.pdf", s.Bytes(), Name, lim)
	if err != nil {
		t.Fatal(err)
	}
	if m := d.Content.(*Doc); len(m.Pages) != 3 || !m.Truncated || d.Pages != 10 {
		t.Errorf("pages %d of %d, truncated %v", len(m.Pages), d.Pages, m.Truncated)
	}
}

func encrypt(t testing.TB, data []byte, user string) []byte {
	conf := model.NewAESConfiguration(user, "owner-secret", 256)
	var out bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(data), &out, conf); err != nil {
		t.Fatalf("encrypt: %v", err)
	}
	return out.Bytes()
}

func TestEncrypted(t *testing.T) {
	plain := sample().Bytes()
	_, err := parse(t, encrypt(t, plain, "secret"))
	if err == nil || !strings.Contains(err.Error(), "password protected") {
		t.Errorf("user password: want a password error, got %v", err)
	}
	d, err := parse(t, encrypt(t, plain, ""))
	if err != nil {
		t.Fatalf("empty user password should open: %v", err)
	}
	if !d.Encrypted || !d.HasP || d.Lang != "fr-FR" || len(d.Elems) != 7 {
		t.Errorf("encrypted model: enc %v P %v lang %q elems %d", d.Encrypted, d.HasP, d.Lang, len(d.Elems))
	}
}

func TestLexer(t *testing.T) {
	lx := NewLexer([]byte(`/Span <</Lang (fr) /ActualText <FEFF0041> /Lang (de)>> BDC [(a) -300 (b\051)] TJ ` +
		`BI /W 1 /H 1 ID xx EI /P <</MCID 3 /A [[1 (x\n)] <</N /a#20b>>]>> BDC EMC`))
	var ops []string
	var ops2 []Operand
	for {
		op, o, ok := lx.Next(ops2[:0])
		ops2 = o
		if !ok {
			break
		}
		ops = append(ops, op)
		// Operands are only valid until the next call: check them here.
		switch len(ops) {
		case 1:
			lang, _ := o[1].Lookup("Lang")
			at, _ := o[1].Lookup("ActualText")
			if string(lang.Str) != "de" || decodeTextBytes(at.Str) != "A" {
				t.Errorf("property list %+v", o[1])
			}
		case 2:
			if a := o[0].Arr; len(a) != 3 || string(a[2].Str) != "b)" || a[1].Num != -300 {
				t.Errorf("TJ array %+v", a)
			}
		case 5:
			mcid, _ := o[1].Lookup("MCID")
			a, _ := o[1].Lookup("A")
			if mcid.Num != 3 || len(a.Arr) != 2 || len(a.Arr[0].Arr) != 2 || string(a.Arr[0].Arr[1].Str) != "x\n" {
				t.Fatalf("nested operands %+v", o[1])
			}
			if n, _ := a.Arr[1].Lookup("N"); string(n.Str) != "a b" {
				t.Errorf("escaped name %q", n.Str)
			}
		}
	}
	if strings.Join(ops, " ") != "BDC TJ BI EI BDC EMC" {
		t.Fatalf("ops %v", ops)
	}
}

// TestLexerEmptyString: an empty string is not nil (nil stands for a word space).
func TestLexerEmptyString(t *testing.T) {
	for _, src := range []string{"() Tj", "<> Tj", "(\\\n) Tj"} {
		lx := NewLexer([]byte(src))
		_, o, ok := lx.Next(nil)
		if !ok || len(o) != 1 || o[0].Kind != opStr || o[0].Str == nil {
			t.Errorf("%s: %+v", src, o)
		}
	}
}

func FuzzLoad(f *testing.F) {
	f.Add(sample().Bytes())
	f.Add(incrementalPDF())
	f.Add([]byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj trailer << /Root 1 0 R >>"))
	f.Add([]byte("%PDF-"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		lim := checker.DefaultLimits()
		lim.MaxInflated = 8 << 20
		watchdog := time.AfterFunc(20*time.Second, func() { panic("loader did not return within 20 s") })
		defer watchdog.Stop()
		d, err := Load(ctx, "f.pdf", data, Name, lim)
		if err == nil {
			d.Content.(*Doc).ReadingView()
		}
	})
}

func FuzzLexer(f *testing.F) {
	f.Add([]byte(sample().Content))
	f.Add([]byte("<< /A [1 2 (x) <41>] >> BDC BI ID \x00\xff EI"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lx := NewLexer(data)
		var ops []Operand
		for n := 0; n < len(data)+2; n++ {
			_, o, ok := lx.Next(ops[:0])
			ops = o
			if !ok {
				return
			}
		}
		t.Fatal("lexer did not advance")
	})
}

// TestInflationBomb: a content stream that inflates to 64 MiB is cut at the limit.
func TestInflationBomb(t *testing.T) {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zeros := make([]byte, 1<<20)
	for i := 0; i < 64; i++ {
		zw.Write(zeros)
	}
	zw.Close()
	w := &fixtures.PDFWriter{}
	cat := w.Reserve()
	pages := w.Reserve()
	page := w.Reserve()
	cs := w.Add(fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.Bytes()))
	w.Set(page, fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 10 10] /Contents %d 0 R >>", pages, cs))
	w.Set(pages, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", page))
	w.Set(cat, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pages))
	lim := checker.DefaultLimits()
	lim.MaxInflated = 4 << 20
	start := time.Now()
	d, err := Load(context.Background(), "bomb.pdf", w.Bytes(cat, ""), Name, lim)
	if err != nil {
		t.Logf("refused: %v", err)
	} else if m := d.Content.(*Doc); len(m.Pages) != 1 || !m.Truncated {
		t.Errorf("pages %d, truncated %v", len(m.Pages), m.Truncated)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("took %v", el)
	}
}

// BenchmarkContent measures the content-stream interpreter on a text-heavy page.
func BenchmarkContent(b *testing.B) {
	var sb strings.Builder
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&sb, "/P <</MCID %d>> BDC BT /F1 11 Tf 72 %d Td [(Paragraph text) -250 (with kerning)] TJ ET EMC\n", i, 700-i)
	}
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		lx := NewLexer(data)
		var ops []Operand
		for {
			_, o, ok := lx.Next(ops[:0])
			ops = o
			if !ok {
				break
			}
		}
	}
}

// BenchmarkLoad measures the whole loader on a generated 100-page tagged report.
func BenchmarkLoad(b *testing.B) {
	data := fixtures.LongPDF(100, 20)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Load(context.Background(), "long.pdf", data, Name, checker.DefaultLimits()); err != nil {
			b.Fatal(err)
		}
	}
}

package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/internal/fixtures"
	"github.com/lab110bis/focusplus/report"
	"github.com/lab110bis/focusplus/rules"
)

const scriptTitle = "<script>alert(1)</script>"

func newTestServer(t testing.TB, cfg Config) *Server {
	t.Helper()
	s, err := New(rules.NewEngine(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// greySimulator stands in for the colour-vision library: it renders luminance only.
func greySimulator(img image.Image, deficiency string, severity float64, model string) (image.Image, error) {
	b := img.Bounds()
	out := image.NewGray(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			out.Set(x, y, color.GrayModel.Convert(img.At(x, y)))
		}
	}
	return out, nil
}

func barChartPNG(desc string) []byte {
	return fixtures.PNG(fixtures.Bars(120, 80, color.RGBA{0xd6, 0x27, 0x28, 255}, color.RGBA{0x2c, 0xa0, 0x2c, 255}), desc)
}

type part struct {
	field, name string
	data        []byte
}

func multipartBody(t testing.TB, parts ...part) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		if p.name == "" && p.field != "file" {
			mw.WriteField(p.field, string(p.data))
			continue
		}
		w, err := mw.CreateFormFile(p.field, p.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(p.data)
	}
	mw.Close()
	return &buf, mw.FormDataContentType()
}

func do(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func get(h http.Handler, target string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest("GET", target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	return do(h, r)
}

func postFiles(t testing.TB, h http.Handler, target string, parts ...part) *httptest.ResponseRecorder {
	body, ct := multipartBody(t, parts...)
	r := httptest.NewRequest("POST", target, body)
	r.Header.Set("Content-Type", ct)
	return do(h, r)
}

func decodeReport(t *testing.T, w *httptest.ResponseRecorder) report.JSONReport {
	t.Helper()
	var rep report.JSONReport
	if err := json.Unmarshal(w.Body.Bytes(), &rep); err != nil {
		t.Fatalf("not the JSON report: %v\n%s", err, w.Body)
	}
	return rep
}

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	h := newTestServer(t, Config{}).Handler()
	for _, target := range []string{"/", "/static/style.css", "/api/v1/rules", "/healthz", "/nowhere", "/results/nothing"} {
		w := get(h, target)
		csp := w.Header().Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", target, csp, want)
			}
		}
		if w.Header().Get("X-Content-Type-Options") != "nosniff" || w.Header().Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: missing nosniff or referrer policy: %v", target, w.Header())
		}
	}
}

func TestUploadPageStatesFormatsAndLimits(t *testing.T) {
	h := newTestServer(t, Config{MaxUploadBytes: 10 << 20, MaxFiles: 7}).Handler()
	w := get(h, "/")
	if w.Code != 200 {
		t.Fatalf("GET / = %d", w.Code)
	}
	body := w.Body.String()
	for _, want := range []string{`<html lang="en">`, `type="file"`, `name="file"`, "multiple", `<label for="file"`, "10\u00a0MB", "7 files", "PDF, DOCX", ".odt", ".docx", "ODT", `enctype="multipart/form-data"`, `href="#main"`} {
		if !strings.Contains(body, want) {
			t.Errorf("upload page lacks %q", want)
		}
	}
	if strings.Contains(body, "<script>") || strings.Contains(body, "style=") {
		t.Error("inline script or style: the CSP would block it")
	}
}

func TestLanguageFromAcceptLanguageSwitchAndCookie(t *testing.T) {
	h := newTestServer(t, Config{}).Handler()
	if w := get(h, "/", "Accept-Language", "de-DE, fr;q=0.8, en;q=0.5"); !strings.Contains(w.Body.String(), `<html lang="fr">`) {
		t.Error("Accept-Language preferring French over English did not give French")
	}
	if w := get(h, "/", "Accept-Language", "fr"); !strings.Contains(w.Body.String(), "Votre document est-il accessible") {
		t.Error("French page not translated")
	}
	w := get(h, "/?lang=en", "Accept-Language", "fr")
	if !strings.Contains(w.Body.String(), `<html lang="en">`) {
		t.Error("?lang=en did not win over Accept-Language")
	}
	var cookie *http.Cookie
	for _, c := range w.Result().Cookies() {
		if c.Name == langCookie {
			cookie = c
		}
	}
	if cookie == nil || cookie.Value != "en" || !cookie.HttpOnly {
		t.Fatalf("the switch did not remember the language: %v", w.Result().Cookies())
	}
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Accept-Language", "fr")
	r.AddCookie(cookie)
	if w := do(h, r); !strings.Contains(w.Body.String(), `<html lang="en">`) {
		t.Error("the cookie did not win over Accept-Language")
	}
}

func TestAcceptLanguage(t *testing.T) {
	for h, want := range map[string]checker.Lang{
		"":                          checker.English,
		"fr-CH, fr;q=0.9, en;q=0.8": checker.French,
		"en-US,en;q=0.9,fr;q=0.8":   checker.English,
		"de, fr;q=0.1":              checker.French,
		"fr;q=0, en":                checker.English,
		"*":                         checker.English,
	} {
		if got := acceptLanguage(h); got != want {
			t.Errorf("acceptLanguage(%q) = %s, want %s", h, got, want)
		}
	}
}

// The whole path of a person: upload through the form, follow the redirect to the
// result, open the simulation, compare and reading views.
func TestFormUploadResultAndViews(t *testing.T) {
	s := newTestServer(t, Config{})
	s.Simulate = greySimulator
	h := s.Handler()
	gifData := fixtures.Blink{Width: 64, Height: 64, Frames: 30, DelayCS: 5}.GIF()
	w := postFiles(t, h, "/check?lang=en",
		part{"file", "chart.png", barChartPNG("")},
		part{"file", "banner.gif", gifData},
		part{"file", "notes.txt", []byte("plain text is not a document")})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("POST /check = %d: %s", w.Code, w.Body)
	}
	loc := w.Header().Get("Location")
	if !regexp.MustCompile(`^/results/[A-Za-z0-9_-]{22}\?lang=en$`).MatchString(loc) {
		t.Fatalf("redirect to %q", loc)
	}
	w = get(h, loc)
	if w.Code != 200 {
		t.Fatalf("GET %s = %d", loc, w.Code)
	}
	body := w.Body.String()
	for _, want := range []string{"chart.png", "banner.gif", "notes.txt", `class="score-value"`, "What to fix first", "What still needs a person", "What passed",
		"IMG-FLASH", "Why it matters", "Who it affects", "How to fix it", "people with photosensitive epilepsy", "could not be read"} {
		if !strings.Contains(body, want) {
			t.Errorf("result page lacks %q", want)
		}
	}
	// Errors come before tips on the page of the GIF.
	gif := body[strings.Index(body, `id="doc-2"`):]
	if e, tip := strings.Index(gif, "Errors ("), strings.Index(gif, "Tips ("); e < 0 || tip >= 0 && tip < e {
		t.Errorf("errors are not listed first (errors at %d, tips at %d)", e, tip)
	}
	// Findings link to their page.
	if !strings.Contains(gif, "/see?lang=en&amp;page=1") {
		t.Error("a finding does not link to its page")
	}

	base := strings.TrimSuffix(loc, "?lang=en")
	see := get(h, base+"/1/see?lang=en&severity=0.6")
	if see.Code != 200 {
		t.Fatalf("see = %d", see.Code)
	}
	sb := see.Body.String()
	for _, want := range []string{"view=protan", "view=deutan", "view=tritan", "view=achromatopsia", "original.png", "severity=0.6", `<option value="0.6" selected>`} {
		if !strings.Contains(sb, want) {
			t.Errorf("see page lacks %q", want)
		}
	}
	see = get(h, base+"/1/see?lang=en&severity=0.6&view=deutan")
	sb = see.Body.String()
	if !strings.Contains(sb, "/compare?") || !strings.Contains(sb, `aria-current="page"><strong>Deutan`) {
		t.Errorf("the deutan view is not the current one, or has no compare link")
	}
	img := regexp.MustCompile(`src="([^"]*deutan\.png[^"]*)"`).FindStringSubmatch(sb)
	if img == nil {
		t.Fatal("no deutan preview on the see page")
	}
	pw := get(h, strings.ReplaceAll(img[1], "&amp;", "&"))
	if pw.Code != 200 || pw.Header().Get("Content-Type") != "image/png" {
		t.Fatalf("preview = %d %s", pw.Code, pw.Header().Get("Content-Type"))
	}
	if _, err := png.Decode(pw.Body); err != nil {
		t.Fatalf("preview is not a PNG: %v", err)
	}
	cmp := get(h, base+"/1/compare?lang=fr&deficiency=tritan&page=1&severity=1")
	if cmp.Code != 200 || !strings.Contains(cmp.Body.String(), "tritan.png") || !strings.Contains(cmp.Body.String(), `<html lang="fr">`) {
		t.Errorf("compare = %d", cmp.Code)
	}
	rd := get(h, base+"/1/reading?lang=en")
	if rd.Code != 200 || !strings.Contains(rd.Body.String(), "[image without description]") {
		t.Errorf("reading view = %d: %s", rd.Code, rd.Body)
	}
	// The unreadable document has no views.
	if w := get(h, base+"/3/reading"); w.Code != 404 {
		t.Errorf("reading view of an unreadable document = %d", w.Code)
	}
	if w := get(h, base+"/9/see"); w.Code != 404 {
		t.Errorf("see of a document out of range = %d", w.Code)
	}
}

func TestSeeWithoutSimulatorShowsOriginalsOnly(t *testing.T) {
	s := newTestServer(t, Config{})
	s.Simulate = nil
	h := s.Handler()
	w := postFiles(t, h, "/check", part{"file", "chart.png", barChartPNG("")})
	base := strings.Split(w.Header().Get("Location"), "?")[0]
	sb := get(h, base+"/1/see").Body.String()
	if !strings.Contains(sb, "original.png") || strings.Contains(sb, "deutan.png") || !strings.Contains(sb, "not available") {
		t.Errorf("see page without simulator:\n%s", sb)
	}
	if w := get(h, base+"/1/pages/1/deutan.png"); w.Code != 404 {
		t.Errorf("simulated preview without simulator = %d", w.Code)
	}
	if w := get(h, base+"/1/pages/1/original.png?size=small"); w.Code != 200 {
		t.Errorf("original preview = %d", w.Code)
	}
}

func TestDocumentTextIsEscaped(t *testing.T) {
	s := newTestServer(t, Config{})
	s.Simulate = greySimulator
	h := s.Handler()
	// The name carries markup (a browser sends only the base name, so no slash); the
	// embedded description, shown by the reading view, is a script.
	const evilName = `"><img src=x onerror=alert(1)>.png`
	w := postFiles(t, h, "/check", part{"file", evilName, barChartPNG(scriptTitle)})
	loc := w.Header().Get("Location")
	if loc == "" {
		t.Fatalf("no redirect: %d %s", w.Code, w.Body)
	}
	base := strings.Split(loc, "?")[0]
	for _, target := range []string{loc, base + "/1/reading", base + "/1/see", base + "/1/compare?page=1"} {
		body := get(h, target).Body.String()
		if strings.Contains(body, "<img src=x") || strings.Contains(body, scriptTitle) {
			t.Errorf("%s: document text came back unescaped", target)
		}
		if !strings.Contains(body, "&lt;img src=x onerror=alert(1)&gt;.png") && !strings.Contains(body, "&#34;&gt;&lt;img src=x") {
			t.Errorf("%s: the escaped name is missing", target)
		}
	}
	if body := get(h, base+"/1/reading").Body.String(); !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the reading view does not show the escaped description")
	}
	// A document title (PDF and DOCX metadata) is shown on the result page, escaped.
	id := s.cache.put([]*checkedDoc{{Result: checker.Result{Name: "t.pdf", Format: "pdf", Pages: 1, Title: scriptTitle,
		Score: checker.Score{Value: 50, Band: checker.BandMedium}}}})
	if body := get(h, "/results/"+id).Body.String(); strings.Contains(body, scriptTitle) || !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the document title is not escaped on the result page")
	}
	// The API returns them as JSON strings, with < and > escaped.
	w = postFiles(t, h, "/api/v1/check", part{"file", evilName, barChartPNG(scriptTitle)})
	if strings.Contains(w.Body.String(), "<img") || decodeReport(t, w).Documents[0].Path != evilName {
		t.Errorf("API: %s", w.Body)
	}
}

func TestAPICheckMultipart(t *testing.T) {
	h := newTestServer(t, Config{}).Handler()
	w := postFiles(t, h, "/api/v1/check",
		part{"file", "a.png", barChartPNG("Bar chart of sales")},
		part{"file", "b.pdf", []byte("%PDF-1.7 truncated")},
		part{"file", "empty.png", nil})
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
		t.Fatalf("= %d %s", w.Code, w.Body)
	}
	rep := decodeReport(t, w)
	if rep.Tool.Name != "focus" || len(rep.Documents) != 3 {
		t.Fatalf("report: %+v", rep)
	}
	a := rep.Documents[0]
	if a.Path != "a.png" || a.Format != "png" || a.Score == nil || a.Band == "" || a.Error != "" || len(a.Checks) == 0 {
		t.Errorf("readable document: %+v", a)
	}
	for _, d := range rep.Documents[1:] {
		if d.Error == "" || d.Score != nil {
			t.Errorf("%s: an unreadable document must have its error set and a null score: %+v", d.Path, d)
		}
	}
	// score is null, not absent, for an unreadable document (CONTRACT.md).
	if !strings.Contains(w.Body.String(), `"score": null`) {
		t.Error("score is not null for an unreadable document")
	}
}

func TestAPICheckRawBodyAndLanguage(t *testing.T) {
	h := newTestServer(t, Config{}).Handler()
	r := httptest.NewRequest("POST", "/api/v1/check?filename=dir/chart.png&lang=fr", bytes.NewReader(barChartPNG("")))
	r.Header.Set("Content-Type", "image/png")
	w := do(h, r)
	if w.Code != 200 {
		t.Fatalf("= %d %s", w.Code, w.Body)
	}
	rep := decodeReport(t, w)
	if len(rep.Documents) != 1 || rep.Documents[0].Path != "chart.png" {
		t.Fatalf("%+v", rep.Documents)
	}
	if msg := rep.Documents[0].Findings[0].Message; !strings.Contains(msg, "Le fichier image") {
		t.Errorf("lang=fr gave %q", msg)
	}
}

func TestAPICheckMalformed(t *testing.T) {
	h := newTestServer(t, Config{}).Handler()
	cases := map[string]*http.Request{
		"no filename": httptest.NewRequest("POST", "/api/v1/check", strings.NewReader("data")),
		"no file field": func() *http.Request {
			b, ct := multipartBody(t, part{field: "other", data: []byte("x")})
			r := httptest.NewRequest("POST", "/api/v1/check", b)
			r.Header.Set("Content-Type", ct)
			return r
		}(),
		"broken multipart": func() *http.Request {
			r := httptest.NewRequest("POST", "/api/v1/check", strings.NewReader("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nabc"))
			r.Header.Set("Content-Type", "multipart/form-data; boundary=xyz")
			return r
		}(),
		"no boundary": func() *http.Request {
			r := httptest.NewRequest("POST", "/api/v1/check", strings.NewReader("x"))
			r.Header.Set("Content-Type", "multipart/form-data")
			return r
		}(),
	}
	for name, r := range cases {
		w := do(h, r)
		var e map[string]string
		if w.Code != 400 || json.Unmarshal(w.Body.Bytes(), &e) != nil || e["error"] == "" {
			t.Errorf("%s: = %d %s, want 400 with a JSON error", name, w.Code, w.Body)
		}
	}
	if w := get(h, "/api/v1/check"); w.Code != 405 || w.Header().Get("Allow") != "POST" {
		t.Errorf("GET /api/v1/check = %d, Allow %q", w.Code, w.Header().Get("Allow"))
	}
	if w := get(h, "/api/v1/nothing"); w.Code != 404 || !strings.Contains(w.Body.String(), `"error"`) {
		t.Errorf("unknown API path = %d %s", w.Code, w.Body)
	}
}

// countingReader fails the test when the handler reads more than allowed.
type countingReader struct {
	n, remaining int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.remaining <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > c.remaining {
		p = p[:c.remaining]
	}
	for i := range p {
		p[i] = 'x'
	}
	c.n += int64(len(p))
	c.remaining -= int64(len(p))
	return len(p), nil
}

func TestTooLargeAnsweredBeforeReading(t *testing.T) {
	s := newTestServer(t, Config{MaxUploadBytes: 1 << 20})
	h := s.Handler()
	for _, target := range []string{"/api/v1/check?filename=big.pdf", "/check", "/api/v1/simulate?filename=a.png&deficiency=deutan"} {
		body := &countingReader{remaining: 100 << 20}
		r := httptest.NewRequest("POST", target, body)
		r.ContentLength = 100 << 20
		r.Header.Set("Content-Type", "application/pdf")
		w := do(h, r)
		if w.Code != http.StatusRequestEntityTooLarge {
			t.Errorf("%s: = %d, want 413", target, w.Code)
		}
		if body.n != 0 {
			t.Errorf("%s: read %d bytes of a body announced over the limit", target, body.n)
		}
	}
	// Without a Content-Length (chunked), reading stops at the limit.
	body := &countingReader{remaining: 100 << 20}
	r := httptest.NewRequest("POST", "/api/v1/check?filename=big.pdf", body)
	r.ContentLength = -1
	w := do(h, r)
	if w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(w.Body.String(), `"error"`) {
		t.Errorf("chunked: = %d %s", w.Code, w.Body)
	}
	if body.n > 2<<20 {
		t.Errorf("chunked: read %d bytes for a 1 MiB limit", body.n)
	}
	// Multipart, chunked, one file over the limit.
	big := bytes.Repeat([]byte("x"), 2<<20)
	b, ct := multipartBody(t, part{"file", "big.png", big})
	r = httptest.NewRequest("POST", "/api/v1/check", b)
	r.ContentLength = -1
	r.Header.Set("Content-Type", ct)
	if w := do(h, r); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("multipart over the limit = %d", w.Code)
	}
	// The form answers with the HTML error page.
	r = httptest.NewRequest("POST", "/check", bytes.NewReader(nil))
	r.ContentLength = 5 << 20
	w = do(h, r)
	if w.Code != 413 || !strings.Contains(w.Body.String(), "1\u00a0MB") || !strings.Contains(w.Header().Get("Content-Type"), "text/html") {
		t.Errorf("form over the limit = %d %s", w.Code, w.Body)
	}
}

func TestTooManyFiles(t *testing.T) {
	h := newTestServer(t, Config{MaxFiles: 2}).Handler()
	png := barChartPNG("")
	w := postFiles(t, h, "/api/v1/check", part{"file", "1.png", png}, part{"file", "2.png", png}, part{"file", "3.png", png})
	if w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(w.Body.String(), "2 files") {
		t.Errorf("= %d %s", w.Code, w.Body)
	}
}

// Past the running checks, requests wait in a bounded queue: a slot freed while one
// waits serves it; a wait past MaxWait or a full queue gets 503 with Retry-After.
func TestQueueWaitsThenAnswers503(t *testing.T) {
	s := newTestServer(t, Config{MaxConcurrent: 2, MaxWaiting: 1, MaxWait: 300 * time.Millisecond})
	h := s.Handler()
	s.checks <- struct{}{}
	s.checks <- struct{}{}
	png := barChartPNG("")
	// Waits past MaxWait: 503, on both routes.
	for _, target := range []string{"/api/v1/check", "/check"} {
		start := time.Now()
		w := postFiles(t, h, target, part{"file", "a.png", png})
		if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
			t.Errorf("%s past the wait = %d (Retry-After %q)", target, w.Code, w.Header().Get("Retry-After"))
		}
		if d := time.Since(start); d < 250*time.Millisecond {
			t.Errorf("%s answered 503 after %v, without waiting", target, d)
		}
	}
	// One waits; a second finds the queue full at once; freeing a slot serves the first.
	first := make(chan int)
	go func() { first <- postFiles(t, h, "/api/v1/check", part{"file", "a.png", png}).Code }()
	for s.waiting.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	start := time.Now()
	if w := postFiles(t, h, "/api/v1/check", part{"file", "b.png", png}); w.Code != 503 || time.Since(start) > 200*time.Millisecond {
		t.Errorf("with the queue full = %d after %v", w.Code, time.Since(start))
	}
	<-s.checks
	if code := <-first; code != 200 {
		t.Errorf("the waiting request = %d once a slot was free", code)
	}
	if len(s.checks) != 1 || s.waiting.Load() != 0 {
		t.Errorf("slots held %d, waiting %d", len(s.checks), s.waiting.Load())
	}
}

func TestAPIRulesIsTheCLIList(t *testing.T) {
	s := newTestServer(t, Config{})
	w := get(s.Handler(), "/api/v1/rules")
	var buf bytes.Buffer
	if err := report.WriteRules(&buf, s.engine.Rules, "json", checker.English); err != nil {
		t.Fatal(err)
	}
	var got, want any
	json.Unmarshal(w.Body.Bytes(), &got)
	json.Unmarshal(buf.Bytes(), &want)
	gb, _ := json.Marshal(got)
	wb, _ := json.Marshal(want)
	if w.Code != 200 || !bytes.Equal(gb, wb) || len(wb) < 100 {
		t.Errorf("GET /api/v1/rules differs from focus rules --format json:\n%s\n%s", gb, wb)
	}
}

func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	w := get(newTestServer(t, Config{}).Handler(), "/api/v1/openapi.json")
	var spec struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &spec); err != nil || !strings.HasPrefix(spec.OpenAPI, "3.") {
		t.Fatalf("not OpenAPI 3: %v", err)
	}
	for path, method := range map[string]string{"/api/v1/check": "post", "/api/v1/rules": "get", "/api/v1/simulate": "post",
		"/api/v1/openapi.json": "get", "/healthz": "get", "/metrics": "get"} {
		if spec.Paths[path][method] == nil {
			t.Errorf("openapi.json lacks %s %s", method, path)
		}
	}
}

func TestHealthz(t *testing.T) {
	s := newTestServer(t, Config{})
	if w := get(s.Handler(), "/healthz"); w.Code != 200 {
		t.Errorf("ready = %d", w.Code)
	}
	s.SetReady(false)
	if w := get(s.Handler(), "/healthz"); w.Code != 503 {
		t.Errorf("not ready = %d", w.Code)
	}
}

func TestMetrics(t *testing.T) {
	s := newTestServer(t, Config{MaxUploadBytes: 1 << 20})
	h := s.Handler()
	postFiles(t, h, "/api/v1/check", part{"file", "a.png", barChartPNG("")}, part{"file", "x.pdf", []byte("no")})
	r := httptest.NewRequest("POST", "/api/v1/check?filename=a", nil)
	r.ContentLength = 10 << 20
	do(h, r)
	get(h, "/results/abc")
	body := get(h, "/metrics").Body.String()
	for _, want := range []string{
		`focus_http_requests_total{route="POST /api/v1/check",code="200"} 1`,
		`focus_http_requests_total{route="POST /api/v1/check",code="413"} 1`,
		`focus_http_requests_total{route="GET /results/{id}",code="404"} 1`,
		`focus_http_request_duration_seconds_bucket{route="POST /api/v1/check",le="+Inf"} 2`,
		`focus_http_request_duration_seconds_count{route="POST /api/v1/check"} 2`,
		`focus_documents_checked_total{format="png"} 1`,
		`focus_documents_checked_total{format="unreadable"} 1`,
		`focus_rejections_total{reason="too_large"} 1`,
		"# TYPE focus_http_request_duration_seconds histogram",
		"focus_checks_in_flight 0",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	// Raw paths (which carry result ids) never become labels.
	if strings.Contains(body, "abc") {
		t.Error("a raw path leaked into the metrics")
	}
}

func TestAPISimulate(t *testing.T) {
	s := newTestServer(t, Config{})
	s.Simulate = nil
	h := s.Handler()
	png8 := barChartPNG("")
	if w := postFiles(t, h, "/api/v1/simulate", part{"file", "a.png", png8}, part{field: "deficiency", data: []byte("deutan")}); w.Code != http.StatusNotImplemented {
		t.Errorf("without a simulator = %d", w.Code)
	}
	s.Simulate = greySimulator
	w := postFiles(t, h, "/api/v1/simulate", part{"file", "a.png", png8}, part{field: "deficiency", data: []byte("deuteranopia")}, part{field: "severity", data: []byte("0.5")})
	if w.Code != 200 || w.Header().Get("Content-Type") != "image/png" {
		t.Fatalf("= %d %s", w.Code, w.Body)
	}
	out, err := png.Decode(w.Body)
	if err != nil || out.Bounds().Dx() != 120 {
		t.Fatalf("not the simulated PNG: %v", err)
	}
	r := httptest.NewRequest("POST", "/api/v1/simulate?filename=a.png&deficiency=tritan&model=brettel", bytes.NewReader(png8))
	if w := do(h, r); w.Code != 200 {
		t.Errorf("raw body with query parameters = %d %s", w.Code, w.Body)
	}
	for name, c := range map[string][]part{
		"bad deficiency": {{"file", "a.png", png8}, {field: "deficiency", data: []byte("purple")}},
		"bad severity":   {{"file", "a.png", png8}, {field: "deficiency", data: []byte("protan")}, {field: "severity", data: []byte("2")}},
		"bad model":      {{"file", "a.png", png8}, {field: "deficiency", data: []byte("protan")}, {field: "model", data: []byte("x")}},
		"no deficiency":  {{"file", "a.png", png8}},
		"two files":      {{"file", "a.png", png8}, {"file", "b.png", png8}, {field: "deficiency", data: []byte("protan")}},
	} {
		if w := postFiles(t, h, "/api/v1/simulate", c...); w.Code != 400 {
			t.Errorf("%s: = %d %s", name, w.Code, w.Body)
		}
	}
	// A PDF without a page renderer, and a file that is no document: 422 with a reason.
	for _, data := range [][]byte{[]byte("%PDF-1.7\n%%EOF\n"), []byte("hello")} {
		w := postFiles(t, h, "/api/v1/simulate", part{"file", "a.pdf", data}, part{field: "deficiency", data: []byte("protan")})
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), `"error"`) {
			t.Errorf("%q: = %d %s", data[:5], w.Code, w.Body)
		}
	}
}

func TestErrorPages(t *testing.T) {
	h := newTestServer(t, Config{}).Handler()
	for _, target := range []string{"/results/nothing", "/nowhere", "/results/nothing/1/see", "/results/x/1/pages/1/original.png"} {
		if w := get(h, target); w.Code != 404 {
			t.Errorf("%s = %d", target, w.Code)
		}
	}
	w := get(h, "/results/nothing?lang=fr")
	if !strings.Contains(w.Body.String(), "Page introuvable") || !strings.Contains(w.Body.String(), `role="alert"`) {
		t.Errorf("French 404 page: %s", w.Body)
	}
	if w := postFiles(t, h, "/check"); w.Code != 400 || !strings.Contains(w.Body.String(), "Choose at least one file") {
		t.Errorf("empty form = %d", w.Code)
	}
}

func TestUploadsNeverLogged(t *testing.T) {
	var logs bytes.Buffer
	s := newTestServer(t, Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	h := s.Handler()
	w := postFiles(t, h, "/check", part{"file", "secret-budget.png", barChartPNG("confidential caption")})
	get(h, w.Header().Get("Location"))
	postFiles(t, h, "/api/v1/check", part{"file", "secret-budget.png", barChartPNG("confidential caption")})
	if logs.Len() == 0 {
		t.Fatal("no request was logged")
	}
	for _, secret := range []string{"secret", "confidential", w.Header().Get("Location")[9:20]} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the log holds %q:\n%s", secret, logs.String())
		}
	}
}

func TestPanicIsA500AndTheServerGoesOn(t *testing.T) {
	s := newTestServer(t, Config{})
	s.mux.HandleFunc("GET /boom", func(http.ResponseWriter, *http.Request) { panic("boom") })
	h := s.Handler()
	if w := get(h, "/boom"); w.Code != 500 {
		t.Errorf("panic = %d", w.Code)
	}
	if w := get(h, "/healthz"); w.Code != 200 {
		t.Errorf("after a panic = %d", w.Code)
	}
}

func TestResultCacheBoundsAndExpiry(t *testing.T) {
	c := newResultCache(3, 1<<20, time.Minute)
	now := time.Unix(1000, 0)
	c.now = func() time.Time { return now }
	doc := func() []*checkedDoc { return []*checkedDoc{{Result: checker.Result{Name: "a"}}} }
	var ids []string
	for i := 0; i < 4; i++ {
		ids = append(ids, c.put(doc()))
	}
	if c.get(ids[0]) != nil || c.get(ids[3]) == nil {
		t.Error("the oldest entry was not evicted at the entry limit")
	}
	if n, _ := c.stats(); n != 3 {
		t.Errorf("%d entries, limit 3", n)
	}
	now = now.Add(2 * time.Minute)
	if c.get(ids[3]) != nil {
		t.Error("an entry outlived its expiry")
	}
	if n, b := c.stats(); n != 0 || b != 0 {
		t.Errorf("after expiry: %d entries, %d bytes", n, b)
	}
	// Byte bound: previews of 600 KiB each, 1 MiB in all: one at a time; one larger than
	// the cache keeps its findings but loses its previews.
	big := func(side int) []*checkedDoc {
		return []*checkedDoc{{Previews: []pagePreview{{Page: 1, PNG: make([]byte, side*side*4)}}}}
	}
	a, b := c.put(big(390)), c.put(big(390))
	if c.get(a) != nil || c.get(b) == nil {
		t.Error("the byte limit did not evict the older entry")
	}
	id := c.put(big(1024))
	if got := c.get(id); got == nil || len(got.docs[0].Previews) != 0 {
		t.Error("an entry larger than the cache should be kept without its previews")
	}
	if _, bytes := c.stats(); bytes > 1<<20 {
		t.Errorf("cache holds %d bytes over its 1 MiB bound", bytes)
	}
	if a, b := newID(), newID(); a == b || len(a) != 22 {
		t.Errorf("ids %q %q", a, b)
	}
}

// Every message the templates and handlers use exists in both languages.
func TestMessagesComplete(t *testing.T) {
	for k, m := range messages {
		if m.En == "" || m.Fr == "" {
			t.Errorf("message %q lacks a language", k)
		}
	}
	re := regexp.MustCompile(`\.L\.T "([^"]+)"`)
	for _, name := range append(pageNames, "layout") {
		src, err := templateFiles.ReadFile("templates/" + name + ".html")
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			if _, ok := messages[m[1]]; !ok {
				t.Errorf("%s.html uses the missing message %q", name, m[1])
			}
		}
	}
	for _, d := range append([]string{"original"}, deficiencies...) {
		if _, ok := messages["def."+d]; !ok {
			t.Errorf("no name for %s", d)
		}
	}
}

func TestCleanName(t *testing.T) {
	for in, want := range map[string]string{
		"report.pdf":             "report.pdf",
		`C:\Users\me\report.pdf`: "report.pdf",
		"../../etc/passwd":       "passwd",
		"a\x00b\nc.png":          "abc.png",
		"":                       "document",
		"  spaced name.docx  ":   "spaced name.docx",
		strings.Repeat("é", 300): strings.Repeat("é", 200),
	} {
		if got := cleanName(in); got != want {
			t.Errorf("cleanName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLanguageSwitchKeepsTheQuery(t *testing.T) {
	r := httptest.NewRequest("GET", "/results/x/1/see?severity=0.4&lang=en", nil)
	p := newPage(r, locale(checker.English), "t")
	for _, l := range p.LangLinks {
		u, _ := url.Parse(l.URL)
		if u.Path != "/results/x/1/see" || u.Query().Get("severity") != "0.4" || u.Query().Get("lang") != l.Code {
			t.Errorf("switch link %s", l.URL)
		}
	}
}

func TestDrawMarkStaysInside(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 50, 50))
	drawMark(img, []float64{-10, -10, 100, 100}, 1)
	drawMark(img, []float64{10, 10, 5, 5}, 2)
	drawMark(img, []float64{1e9, 1e9, 1, 1}, 1)
	if img.RGBAAt(20, 20).A == 0 {
		t.Error("the mark was not drawn")
	}
}

// Heading levels never skip on the result page (WCAG 1.3.1, and axe's heading-order),
// whatever mix of failures and reviews a document has.
func TestResultHeadingsDoNotSkipLevels(t *testing.T) {
	s := newTestServer(t, Config{})
	res := checker.Result{Name: "r.png", Format: "png", Pages: 1, Score: checker.Score{Value: 40, Band: checker.BandMedium},
		Findings: []checker.Finding{
			{Rule: "IMG-FLASH", Outcome: checker.Failed, Severity: checker.Error, Message: tx("flash", "flash"), Location: checker.Location{Frame: 2}},
			{Rule: "IMG-ANIMATION-LENGTH", Outcome: checker.Review, Severity: checker.Warning, Message: tx("maybe", "peut-être")},
			{Rule: "IMG-EMBEDDED-DESCRIPTION", Outcome: checker.Failed, Severity: checker.Tip, Message: tx("none", "aucune"), Location: checker.Location{Page: 7}},
		},
		Checks: []checker.CheckRow{{Rule: "IMG-FLASH", Outcome: checker.Failed, Failed: 1}}}
	for _, docs := range [][]*checkedDoc{{{Result: res}}, {{Result: res}, {Result: checker.Result{Name: "x", Err: &checker.LoadError{Msg: tx("bad", "mauvais")}}}}} {
		id := s.cache.put(docs)
		body := get(s.Handler(), "/results/"+id).Body.String()
		last := 0
		for _, m := range regexp.MustCompile(`<h([1-6])`).FindAllStringSubmatch(body, -1) {
			n := int(m[1][0] - '0')
			if n > last+1 {
				t.Fatalf("heading level %d follows level %d", n, last)
			}
			last = n
		}
		// Page 7 has no preview: no link to it.
		if strings.Contains(body, "#page-7") {
			t.Error("a finding links to a page without a preview")
		}
	}
}

// A failed finding with a box is outlined on the page preview and announced in words.
func TestFailedBoxesAreMarkedOnPreviews(t *testing.T) {
	s := newTestServer(t, Config{})
	h := s.Handler()
	white := image.NewRGBA(image.Rect(0, 0, 200, 100))
	for i := range white.Pix {
		white.Pix[i] = 255
	}
	pv, err := newPreview(1, white, 1)
	if err != nil {
		t.Fatal(err)
	}
	id := s.cache.put([]*checkedDoc{{
		Result: checker.Result{Name: "c.png", Format: "png", Pages: 1, Score: checker.Score{Value: 60, Band: checker.BandMedium},
			Findings: []checker.Finding{{Rule: "IMG-FLASH", Outcome: checker.Failed, Severity: checker.Error, Message: tx("low contrast", "contraste faible"),
				Location: checker.Location{Box: []float64{50, 20, 40, 30}}}}},
		Previews: []pagePreview{pv},
	}})
	see := get(h, "/results/"+id+"/1/see").Body.String()
	if !strings.Contains(see, "1 place where a check failed is outlined") || !strings.Contains(see, "dashed frame") {
		t.Errorf("the see page does not say that places are outlined")
	}
	resp := get(h, "/results/"+id+"/1/pages/1/original.png")
	img, err := png.Decode(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	// The frame starts 2 px outside the box and alternates black and white dashes of
	// 6 px: on the top edge, x 60-65 is a black dash, on white paper.
	if r, _, _, _ := img.At(61, 18).RGBA(); r>>8 > 10 {
		t.Errorf("no mark on the top edge of the box (red %d)", r>>8)
	}
	if r, _, _, _ := img.At(70, 35).RGBA(); r>>8 != 255 {
		t.Error("the inside of the box was painted over")
	}
}

// A page on another origin cannot make a visitor's browser post to the server (a form,
// or a text/plain fetch that needs no preflight); scripts and curl, which send no
// Origin or Sec-Fetch-Site, and the server's own page still can.
func TestCrossOriginPostsRefused(t *testing.T) {
	h := newTestServer(t, Config{}).Handler()
	png := barChartPNG("")
	crossSite := func(r *http.Request) {
		r.Header.Set("Origin", "https://elsewhere.example")
		r.Header.Set("Sec-Fetch-Site", "cross-site")
	}
	// A cross-site HTML form.
	r := httptest.NewRequest("POST", "/check", strings.NewReader("file=x"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	crossSite(r)
	if w := do(h, r); w.Code != http.StatusForbidden || !strings.Contains(w.Header().Get("Content-Type"), "text/html") {
		t.Errorf("cross-site form to /check = %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	// A cross-origin text/plain post to the API, with only Origin (older browsers).
	r = httptest.NewRequest("POST", "/api/v1/check?filename=a.png", bytes.NewReader(png))
	r.Header.Set("Content-Type", "text/plain")
	r.Header.Set("Origin", "https://elsewhere.example")
	w := do(h, r)
	var body struct{ Error string }
	if json.Unmarshal(w.Body.Bytes(), &body); w.Code != http.StatusForbidden || body.Error == "" {
		t.Errorf("cross-origin text/plain to the API = %d %s", w.Code, w.Body)
	}
	// A cross-site multipart upload to the API.
	b, ct := multipartBody(t, part{"file", "a.png", png})
	r = httptest.NewRequest("POST", "/api/v1/check", b)
	r.Header.Set("Content-Type", ct)
	crossSite(r)
	if w := do(h, r); w.Code != http.StatusForbidden {
		t.Errorf("cross-site multipart to the API = %d", w.Code)
	}
	// curl: no browser headers.
	if w := postFiles(t, h, "/api/v1/check", part{"file", "a.png", png}); w.Code != 200 {
		t.Errorf("curl-style upload = %d %s", w.Code, w.Body)
	}
	// The server's own page.
	b, ct = multipartBody(t, part{"file", "a.png", png})
	r = httptest.NewRequest("POST", "/check", b)
	r.Header.Set("Content-Type", ct)
	r.Header.Set("Origin", "http://example.com") // httptest's Host
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	if w := do(h, r); w.Code != http.StatusSeeOther {
		t.Errorf("same-origin form = %d %s", w.Code, w.Body)
	}
}

func TestHSTSOnlyOverTLS(t *testing.T) {
	h := newTestServer(t, Config{}).Handler()
	if w := get(h, "/healthz"); w.Header().Get("Strict-Transport-Security") != "" {
		t.Error("HSTS sent over plain HTTP")
	}
	r := httptest.NewRequest("GET", "/healthz", nil)
	r.Header.Set("X-Forwarded-Proto", "https")
	if w := do(h, r); !strings.Contains(w.Header().Get("Strict-Transport-Security"), "max-age=") {
		t.Error("no HSTS behind a TLS proxy")
	}
}

// One client uploading again and again evicts only its own results: the others' stay.
func TestResultCacheIsFairBetweenClients(t *testing.T) {
	c := newResultCache(200, 256<<20, time.Minute)
	doc := func() []*checkedDoc { return []*checkedDoc{{Result: checker.Result{Name: "a"}}} }
	var others []string
	for i := 0; i < 10; i++ {
		others = append(others, c.putFor(fmt.Sprintf("c:colleague%d", i), doc()))
	}
	var mine []string
	for i := 0; i < 200; i++ {
		mine = append(mine, c.putFor("a:10.0.0.9", doc()))
	}
	for i, id := range others {
		if c.get(id) == nil {
			t.Errorf("colleague %d's result was evicted by another client", i)
		}
	}
	if c.get(mine[len(mine)-1]) == nil || c.get(mine[0]) != nil {
		t.Error("the busy client should keep its newest results and lose its oldest")
	}
	if n, _ := c.stats(); n != 10+c.perEntries {
		t.Errorf("%d entries, want the 10 colleagues' and the busy client's %d", n, c.perEntries)
	}
	// Byte share: a client's batches beyond a quarter of the cache push out its own.
	c = newResultCache(200, 4<<20, time.Minute)
	big := func() []*checkedDoc {
		return []*checkedDoc{{Result: checker.Result{Name: "b"}, Previews: []pagePreview{{Page: 1, PNG: make([]byte, 600<<10)}}}}
	}
	other := c.putFor("c:colleague", big())
	for i := 0; i < 10; i++ {
		c.putFor("c:busy", big())
	}
	if c.get(other) == nil {
		t.Error("a colleague's result was evicted by another client's bytes")
	}
	if _, b := c.stats(); b > 2<<20 {
		t.Errorf("%d bytes held for two clients with 1 MiB shares", b)
	}
}

// The upload page gives the browser a signed client cookie; a forged one is not taken.
func TestClientCookie(t *testing.T) {
	s := newTestServer(t, Config{})
	w := get(s.Handler(), "/")
	var cookie *http.Cookie
	for _, c := range w.Result().Cookies() {
		if c.Name == clientCookie {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly {
		t.Fatalf("no HttpOnly client cookie from the upload page: %v", w.Result().Cookies())
	}
	r := httptest.NewRequest("POST", "/check", nil)
	r.AddCookie(cookie)
	if k := s.clientKey(httptest.NewRecorder(), r); !strings.HasPrefix(k, "c:") {
		t.Errorf("a valid cookie gives key %q", k)
	}
	r = httptest.NewRequest("POST", "/check", nil)
	r.AddCookie(&http.Cookie{Name: clientCookie, Value: "forged.value"})
	if k := s.clientKey(httptest.NewRecorder(), r); !strings.HasPrefix(k, "a:") {
		t.Errorf("a forged cookie gives key %q, want the address", k)
	}
}

package web

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/lab110bis/focusplus/report"
)

// servedOpenAPI fetches the description as a client does.
func servedOpenAPI(t *testing.T, h http.Handler) map[string]any {
	t.Helper()
	w := get(h, "/api/v1/openapi.json")
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
		t.Fatalf("GET /api/v1/openapi.json = %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	var doc map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	return doc
}

// schemaKeywords are the keywords an OpenAPI 3.1 schema object may use (JSON Schema
// 2020-12 plus OpenAPI's own). A keyword outside them is a typo or an OpenAPI 3.0 left-over
// (nullable) that validators silently ignore.
var schemaKeywords = map[string]bool{
	"type": true, "enum": true, "const": true, "properties": true, "required": true, "items": true,
	"additionalProperties": true, "minimum": true, "maximum": true, "minLength": true, "maxLength": true,
	"minItems": true, "maxItems": true, "pattern": true, "format": true, "description": true, "title": true,
	"default": true, "examples": true, "oneOf": true, "anyOf": true, "allOf": true, "not": true, "$ref": true,
	"uniqueItems": true, "contentMediaType": true, "deprecated": true, "readOnly": true, "writeOnly": true,
	"exclusiveMinimum": true, "exclusiveMaximum": true, "discriminator": true, "example": true,
}

// TestOpenAPIDocument checks the description itself: OpenAPI 3.1, the version of this
// build, no hard-coded server, every operation with responses and a unique operationId,
// every $ref resolvable, every schema a valid JSON Schema 2020-12 with known keywords only.
func TestOpenAPIDocument(t *testing.T) {
	doc := servedOpenAPI(t, newTestServer(t, Config{}).Handler())
	if v, _ := doc["openapi"].(string); !strings.HasPrefix(v, "3.1.") {
		t.Errorf("openapi = %q, want 3.1.x (schemas are JSON Schema 2020-12)", v)
	}
	info, _ := doc["info"].(map[string]any)
	if info["version"] != report.Version || info["title"] == nil {
		t.Errorf("info = %v, want the version `focus version` prints (%s)", info, report.Version)
	}
	if _, ok := doc["servers"]; ok {
		t.Errorf("servers = %v: the address depends on how the server is run; paths resolve against the document's own URL", doc["servers"])
	}
	ids := map[string]bool{}
	paths, _ := doc["paths"].(map[string]any)
	for path, item := range paths {
		for method, op := range item.(map[string]any) {
			op := op.(map[string]any)
			id, _ := op["operationId"].(string)
			if id == "" || ids[id] {
				t.Errorf("%s %s: operationId %q missing or repeated", method, path, id)
			}
			ids[id] = true
			if rs, _ := op["responses"].(map[string]any); len(rs) == 0 {
				t.Errorf("%s %s: no responses", method, path)
			}
		}
	}
	walkJSON(doc, "", func(ptr string, obj map[string]any) {
		if ref, ok := obj["$ref"].(string); ok && resolvePointer(doc, ref) == nil {
			t.Errorf("%s: $ref %q resolves to nothing", ptr, ref)
		}
		if isSchemaLocation(ptr) {
			for k := range obj {
				if !schemaKeywords[k] {
					t.Errorf("%s: unknown schema keyword %q", ptr, k)
				}
			}
		}
	})
	c := openAPICompiler(t, doc)
	for name := range doc["components"].(map[string]any)["schemas"].(map[string]any) {
		if _, err := c.Compile("openapi.json#/components/schemas/" + name); err != nil {
			t.Errorf("schema %s: %v", name, err)
		}
	}
}

// isSchemaLocation reports whether a JSON pointer in the description points at a schema
// object (not at a map of property names).
func isSchemaLocation(ptr string) bool {
	parts := strings.Split(ptr, "/")
	last := parts[len(parts)-1]
	if last == "schema" || last == "items" || last == "additionalProperties" {
		return true
	}
	if len(parts) >= 2 {
		parent := parts[len(parts)-2]
		if parent == "schemas" || parent == "properties" {
			return true
		}
	}
	return false
}

func walkJSON(v any, ptr string, fn func(string, map[string]any)) {
	switch x := v.(type) {
	case map[string]any:
		fn(ptr, x)
		for k, c := range x {
			walkJSON(c, ptr+"/"+k, fn)
		}
	case []any:
		for i, c := range x {
			walkJSON(c, ptr+"/"+strconv.Itoa(i), fn)
		}
	}
}

func resolvePointer(doc any, ref string) any {
	p, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil
	}
	cur := doc
	for _, k := range strings.Split(p, "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[strings.ReplaceAll(strings.ReplaceAll(k, "~1", "/"), "~0", "~")]
	}
	return cur
}

func openAPICompiler(t *testing.T, doc map[string]any) *jsonschema.Compiler {
	t.Helper()
	b, _ := json.Marshal(doc)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource("openapi.json", inst); err != nil {
		t.Fatal(err)
	}
	return c
}

// checkResponse validates a real response against what the description says the
// operation answers with that status.
func checkResponse(t *testing.T, doc map[string]any, c *jsonschema.Compiler, method, path string, w *httptest.ResponseRecorder) {
	t.Helper()
	ptr := fmt.Sprintf("#/paths/%s/%s/responses/%d", strings.ReplaceAll(path, "/", "~1"), method, w.Code)
	resp, _ := resolvePointer(doc, ptr).(map[string]any)
	if resp == nil {
		t.Errorf("%s %s answered %d, which the description does not list", method, path, w.Code)
		return
	}
	if ref, ok := resp["$ref"].(string); ok {
		ptr = ref
		resp, _ = resolvePointer(doc, ref).(map[string]any)
	}
	ct, _, _ := strings.Cut(w.Header().Get("Content-Type"), ";")
	content, _ := resp["content"].(map[string]any)
	if content[ct] == nil {
		t.Errorf("%s %s %d: content type %q not described (%v)", method, path, w.Code, ct, content)
		return
	}
	if ct != "application/json" {
		return
	}
	s, err := c.Compile("openapi.json" + ptr + "/content/application~1json/schema")
	if err != nil {
		t.Fatalf("%s: %v", ptr, err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(w.Body.Bytes()))
	if err != nil {
		t.Fatalf("%s %s %d: not JSON: %v", method, path, w.Code, err)
	}
	if err := s.Validate(inst); err != nil {
		t.Errorf("%s %s %d does not match the description: %v\n%.2000s", method, path, w.Code, err, w.Body)
	}
}

// odtPackage is a minimal OpenDocument text: a ZIP whose first, stored entry is
// "mimetype" (ODF 1.3 part 2, 3.3).
func odtPackage(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	w.Write([]byte("application/vnd.oasis.opendocument.text"))
	w, _ = zw.Create("content.xml")
	w.Write([]byte(`<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>Bonjour</text:p></office:text></office:body></office:document-content>`))
	zw.Close()
	return buf.Bytes()
}

// TestAPIResponsesMatchOpenAPI sends real requests (the shipped samples, unreadable
// files, malformed and oversized requests) and validates every answer against the
// description: status listed, content type described, body valid against its schema.
func TestAPIResponsesMatchOpenAPI(t *testing.T) {
	s := newTestServer(t, Config{MaxUploadBytes: 4 << 20})
	h := s.Handler()
	doc := servedOpenAPI(t, h)
	c := openAPICompiler(t, doc)

	parts := []part{
		{"file", "garbage.pdf", []byte("this is not a PDF at all")},
		{"file", "empty.docx", nil},
		{"file", "minutes.odt", odtPackage(t)},
	}
	samples, _ := filepath.Glob(filepath.Join("..", "testdata", "samples", "*"))
	sort.Strings(samples)
	for _, p := range samples {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, part{"file", filepath.Base(p), b})
	}
	for _, lang := range []string{"en", "fr"} {
		w := postFiles(t, h, "/api/v1/check?lang="+lang, parts...)
		checkResponse(t, doc, c, "post", "/api/v1/check", w)
		rep := decodeReport(t, w)
		for _, d := range rep.Documents {
			if d.Error != "" && (d.Format == "" || d.Score != nil) {
				t.Errorf("%s: unreadable, so format must be named (or unknown) and score null: %+v", d.Path, d)
			}
		}
		if got := rep.Documents[0]; got.Error == "" || got.Format != "unknown" {
			t.Errorf("text named .pdf: format %q error %q, want unknown with the error set", got.Format, got.Error)
		}
	}

	w := get(h, "/api/v1/rules")
	checkResponse(t, doc, c, "get", "/api/v1/rules", w)
	w = get(h, "/healthz")
	checkResponse(t, doc, c, "get", "/healthz", w)
	w = postFiles(t, h, "/api/v1/check", part{field: "other", data: []byte("x")})
	checkResponse(t, doc, c, "post", "/api/v1/check", w)
	big := httptest.NewRequest("POST", "/api/v1/check?filename=big.pdf", bytes.NewReader(make([]byte, 5<<20)))
	w = do(h, big)
	checkResponse(t, doc, c, "post", "/api/v1/check", w)
	if w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized body = %d", w.Code)
	}
	w = postFiles(t, h, "/api/v1/simulate", part{"file", "chart.png", barChartPNG("")}, part{field: "deficiency", data: []byte("deutan")})
	checkResponse(t, doc, c, "post", "/api/v1/simulate", w)
	w = postFiles(t, h, "/api/v1/simulate", part{"file", "chart.png", barChartPNG("")}, part{field: "deficiency", data: []byte("martian")})
	checkResponse(t, doc, c, "post", "/api/v1/simulate", w)
}

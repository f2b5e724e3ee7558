package web

import (
	"embed"
	"encoding/json"
	"mime"
	"net/http"
	"path"
	"strconv"
	"sync"

	"github.com/lab110bis/focusplus/report"
)

//go:embed static
var staticFiles embed.FS

//go:embed openapi.json
var openAPISpec []byte

// handleStatic is GET /static/{file}: the style sheet and the script, from the binary.
func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	b, err := staticFiles.ReadFile("static/" + name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.Write(b)
}

// openAPIDocument is the hand-written OpenAPI description with the version of this
// build (the one `focus version` prints). It names no server: clients resolve the paths
// against the address they fetched it from, whatever --addr or proxy serves it.
var openAPIDocument = sync.OnceValue(func() []byte {
	var doc map[string]any
	if err := json.Unmarshal(openAPISpec, &doc); err != nil {
		panic("web/openapi.json: " + err.Error()) // caught by TestOpenAPIDocument
	}
	info, _ := doc["info"].(map[string]any)
	if info != nil {
		info["version"] = report.Version
	}
	delete(doc, "servers")
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic(err)
	}
	return append(b, '\n')
})

// handleOpenAPI is GET /api/v1/openapi.json.
func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	b := openAPIDocument()
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.Write(b)
}

// apiMethods are the API routes with their method, for 405 answers to other methods.
var apiMethods = map[string]string{
	"/api/v1/check": "POST", "/api/v1/simulate": "POST", "/api/v1/rules": "GET",
	"/api/v1/openapi.json": "GET", "/healthz": "GET", "/metrics": "GET",
}

// handleNotFound answers every other path: JSON under /api/, the HTML page elsewhere.
func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	if allow, ok := apiMethods[r.URL.Path]; ok {
		w.Header().Set("Allow", allow)
		writeJSONError(w, http.StatusMethodNotAllowed, "use "+allow+" "+r.URL.Path)
		return
	}
	if len(r.URL.Path) >= 5 && r.URL.Path[:5] == "/api/" {
		writeJSONError(w, http.StatusNotFound, "no such endpoint")
		return
	}
	s.renderError(w, r, http.StatusNotFound, requestLang(r).T("error.notfound"))
}

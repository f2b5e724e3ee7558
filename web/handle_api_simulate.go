package web

import (
	"bytes"
	"context"
	"image"
	"net/http"
	"strconv"
	"strings"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/internal/pngio"
)

// simulateParams are the parameters of POST /api/v1/simulate, with the CLI's values.
type simulateParams struct {
	Deficiency string
	Severity   float64
	Model      string
	Page       int
}

var deficiencyAliases = map[string]string{
	"protan": "protan", "protanopia": "protan", "protanomaly": "protan",
	"deutan": "deutan", "deuteranopia": "deutan", "deuteranomaly": "deutan",
	"tritan": "tritan", "tritanopia": "tritan", "tritanomaly": "tritan",
	"achromatopsia": "achromatopsia", "blue-cone": "blue-cone",
}

// parseSimulateParams reads form fields, falling back to query parameters.
func parseSimulateParams(r *http.Request, fields map[string]string) (simulateParams, string) {
	get := func(k string) string {
		if v, ok := fields[k]; ok {
			return strings.TrimSpace(v)
		}
		return strings.TrimSpace(r.URL.Query().Get(k))
	}
	p := simulateParams{Severity: 1, Model: "auto", Page: 1}
	def := strings.ToLower(get("deficiency"))
	if def == "" {
		return p, "deficiency is required: protan, deutan, tritan, achromatopsia or blue-cone"
	}
	var ok bool
	if p.Deficiency, ok = deficiencyAliases[def]; !ok {
		return p, "deficiency must be protan, deutan, tritan, achromatopsia or blue-cone"
	}
	if v := get("severity"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f != f || f < 0 || f > 1 {
			return p, "severity must be a number from 0 to 1"
		}
		p.Severity = f
	}
	if v := strings.ToLower(get("model")); v != "" {
		switch v {
		case "auto", "machado", "vienot", "brettel":
			p.Model = v
		default:
			return p, "model must be auto, machado, vienot or brettel"
		}
	}
	if v := get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return p, "page must be a page number from 1"
		}
		p.Page = n
	}
	return p, ""
}

// handleAPISimulate is POST /api/v1/simulate: one image, or one page of a PDF, in; the
// PNG a reader with the chosen colour-vision deficiency would see, out.
func (s *Server) handleAPISimulate(w http.ResponseWriter, r *http.Request) {
	lang := apiLang(r)
	files, fields, rerr := s.readUploads(w, r)
	if rerr == nil && len(files) != 1 {
		rerr = &requestError{Status: http.StatusBadRequest, Reason: "malformed", Msg: tx("send exactly one document in a `file` field", "envoyez exactement un document dans un champ `file`")}
	}
	if rerr != nil {
		s.metrics.reject(rerr.Reason)
		if rerr.Status == http.StatusRequestEntityTooLarge {
			w.Header().Set("Connection", "close")
		}
		writeJSONError(w, rerr.Status, rerr.Msg.In(lang))
		return
	}
	p, msg := parseSimulateParams(r, fields)
	if msg != "" {
		s.metrics.reject("malformed")
		writeJSONError(w, http.StatusBadRequest, msg)
		return
	}
	if s.Simulate == nil {
		writeJSONError(w, http.StatusNotImplemented, "colour-vision simulation is not available in this build")
		return
	}
	if !s.acquireCheck(r.Context()) {
		retryAfter(w)
		writeJSONError(w, http.StatusServiceUnavailable, messages["error.busy"].In(lang))
		return
	}
	defer s.releaseCheck()

	doc, lerr := s.engine.Load(r.Context(), files[0].Name, files[0].Data)
	if lerr != nil {
		writeJSONError(w, http.StatusUnprocessableEntity, lerr.Msg.In(lang))
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.DocumentTimeout)
	defer cancel()
	pageTotal, why := doc.Pages, checker.Text{}
	if s.RenderPages != nil {
		pageTotal, why = pageCount(ctx, doc) // a DOCX or ODT is laid out by LibreOffice
	}
	if !why.IsZero() {
		writeJSONError(w, http.StatusUnprocessableEntity, why.In(lang))
		return
	}
	if p.Page > pageTotal {
		writeJSONError(w, http.StatusBadRequest, "page "+strconv.Itoa(p.Page)+" is past the last page ("+strconv.Itoa(pageTotal)+")")
		return
	}
	var imgs []image.Image
	var err error
	if s.RenderPages != nil {
		imgs, _, err = s.RenderPages(ctx, doc, []int{p.Page}, 2000)
	}
	if s.RenderPages == nil || (err == nil && len(imgs) == 0) {
		name := strings.ToUpper(string(doc.Format))
		writeJSONError(w, http.StatusUnprocessableEntity, checker.Text{
			En: "simulation of " + name + " pages is not available yet: send an image, or the page exported as an image",
			Fr: "la simulation des pages " + name + " n'est pas encore disponible : envoyez une image, ou la page exportée en image",
		}.In(lang))
		return
	}
	if err != nil || imgs[0] == nil {
		writeJSONError(w, http.StatusUnprocessableEntity, "the page could not be rendered")
		return
	}
	src := imgs[0]
	out, err := s.Simulate(src, p.Deficiency, p.Severity, p.Model)
	if err != nil {
		writeJSONError(w, http.StatusBadRequest, err.Error())
		return
	}
	var buf bytes.Buffer
	if err := pngio.Encode(&buf, out); err != nil { // image/png's pixels, on every core
		writeJSONError(w, http.StatusInternalServerError, "encoding the PNG failed")
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
}

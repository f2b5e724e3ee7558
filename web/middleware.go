package web

import (
	"net/http"
	"strings"
	"time"
)

// contentSecurityPolicy allows nothing but the server's own scripts, styles and images
// (data: and blob: for previews made in the page), so that even a document text that
// slipped past escaping could not run.
const contentSecurityPolicy = "default-src 'none'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; " +
	"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// secure sets the security headers on every response.
func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
			// Served over TLS (here or by the reverse proxy in front): browsers keep to
			// HTTPS for a year. Never sent over plain HTTP, where it would not apply.
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// statusRecorder remembers the status code for metrics and the access log.
type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.code == 0 {
		r.code = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.code == 0 {
		r.code = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// observe counts requests and durations by route pattern (never by raw path, which holds
// result ids) and logs one line per request without any document name or content. A
// handler that panics gets a 500 and a log line, and the server goes on.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("handler panic", "route", r.Pattern, "panic", v)
				if rec.code == 0 {
					writeJSONError(rec, http.StatusInternalServerError, "internal error")
				}
			}
			code := rec.code
			if code == 0 {
				code = http.StatusOK
			}
			route := r.Pattern
			if route == "" || route == "/" {
				route = "other"
			}
			d := time.Since(start)
			s.metrics.request(route, code, d)
			s.log.Info("request", "method", r.Method, "route", route, "status", code, "duration_ms", d.Milliseconds())
		}()
		next.ServeHTTP(rec, r)
	})
}

// sameOrigin refuses state-changing requests that a browser sends from another origin
// (a form or a script on any web site posting to /check or the API with the visitor's
// network position): net/http's CrossOriginProtection reads Sec-Fetch-Site, or Origin
// against Host. Requests without those headers (curl, scripts, CI) are not from a
// browser page and pass. The API answers 403 with a JSON error, the pages with the
// error page.
func (s *Server) sameOrigin(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.metrics.reject("cross_origin")
		if strings.HasPrefix(r.URL.Path, "/api/") {
			writeJSONError(w, http.StatusForbidden, messages["error.crossorigin"].In(apiLang(r)))
			return
		}
		s.renderError(w, r, http.StatusForbidden, requestLang(r).T("error.crossorigin"))
	}))
	return cop.Handler(next)
}

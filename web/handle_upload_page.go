package web

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/lab110bis/focusplus/checker"
)

// acceptedTypes is the file input's accept list: the extensions and media types of every
// registered format (the format is still sniffed from the content).
func acceptedTypes() string {
	var list []string
	for _, f := range checker.Formats() {
		for _, x := range append(append([]string(nil), f.Extensions...), f.MediaTypes...) {
			if !slices.Contains(list, x) {
				list = append(list, x)
			}
		}
	}
	return strings.Join(list, ",")
}

type uploadPage struct {
	page
	Hint, Accept, Privacy string
	MaxBytes              int64
	MaxFiles              int
}

// handleUploadPage is GET /: the upload form.
func (s *Server) handleUploadPage(w http.ResponseWriter, r *http.Request) {
	rememberLang(w, r)
	if c, err := r.Cookie(clientCookie); err != nil || !func() bool { _, ok := s.verifyClient(c.Value); return ok }() {
		s.setClientCookie(w, r) // before the first upload, so it counts as this browser's
	}
	l := requestLang(r)
	s.render(w, http.StatusOK, "upload", uploadPage{
		page:     newPage(r, l, l.T("upload.title")),
		Hint:     l.Tf("upload.hint", checker.SupportedFormats(), s.cfg.MaxFiles, l.Bytes(s.cfg.MaxUploadBytes)),
		Accept:   acceptedTypes(),
		Privacy:  l.Tf("upload.privacy", humanDuration(s.cfg.CacheTTL, l)),
		MaxBytes: s.cfg.MaxUploadBytes,
		MaxFiles: s.cfg.MaxFiles,
	})
}

// humanDuration says "15 minutes" or "15 minutes" in French; shorter TTLs in seconds.
func humanDuration(d time.Duration, l locale) string {
	if d >= time.Minute {
		m := int(d.Round(time.Minute) / time.Minute)
		if m == 1 {
			return l.In(tx("1 minute", "1 minute"))
		}
		return l.In(checker.Textf("%d minutes", "%d minutes", m))
	}
	return l.In(checker.Textf("%d seconds", "%d secondes", int(d/time.Second)))
}

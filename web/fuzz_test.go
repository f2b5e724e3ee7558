package web

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"
)

// FuzzCheckUpload sends arbitrary bodies to the upload endpoints, as multipart with a
// fixed boundary and as raw bodies: whatever arrives, the answer is a 200 report or a
// 4xx JSON error, never a panic or a 500.
func FuzzCheckUpload(f *testing.F) {
	png := barChartPNG("seed")
	body, _ := multipartBody(f, part{"file", "a.png", png}, part{field: "deficiency", data: []byte("deutan")})
	f.Add(body.Bytes(), true)
	f.Add(png, false)
	f.Add([]byte("--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\n\r\n%PDF-1.7\r\n--B--\r\n"), true)
	f.Add([]byte("--B\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n"), true)
	f.Add([]byte{}, false)
	s := newTestServer(f, Config{MaxUploadBytes: 1 << 20, MaxFiles: 4, DocumentTimeout: 5e9})
	h := s.Handler()
	f.Fuzz(func(t *testing.T, data []byte, multi bool) {
		for _, target := range []string{"/api/v1/check", "/check", "/api/v1/simulate?deficiency=protan"} {
			url := target
			if !multi {
				url += map[bool]string{true: "&", false: "?"}[bytes.Contains([]byte(target), []byte("?"))] + "filename=f"
			}
			r := httptest.NewRequest("POST", url, bytes.NewReader(data))
			if multi {
				r.Header.Set("Content-Type", "multipart/form-data; boundary=B")
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code >= 500 && w.Code != http.StatusNotImplemented {
				t.Fatalf("%s: %d %s", target, w.Code, w.Body)
			}
		}
	})
}

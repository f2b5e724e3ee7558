package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net"
	"net/http"
	"strings"
)

// clientCookie names the opaque cookie that tells one browser's results from another's
// in the result cache (see resultCache): a random id and its signature by a key that
// lives only in this process. It identifies nobody, holds nothing else, and is sent
// only to this server.
const clientCookie = "focus_client"

// clientKey is the cache owner of a request: the browser's signed cookie, or, without
// a valid one (curl, the first visit, a forged value), the remote address, so a client
// cannot gain shares by dropping or inventing cookies. A browser without the cookie
// gets one for its next requests.
func (s *Server) clientKey(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(clientCookie); err == nil {
		if id, ok := s.verifyClient(c.Value); ok {
			return "c:" + id
		}
	}
	s.setClientCookie(w, r)
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	return "a:" + host
}

// setClientCookie gives the browser a fresh signed id.
func (s *Server) setClientCookie(w http.ResponseWriter, r *http.Request) {
	var b [16]byte
	rand.Read(b[:])
	id := base64.RawURLEncoding.EncodeToString(b[:])
	http.SetCookie(w, &http.Cookie{
		Name: clientCookie, Value: id + "." + s.signClient(id), Path: "/",
		HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https",
	})
}

func (s *Server) signClient(id string) string {
	m := hmac.New(sha256.New, s.clientSecret[:])
	m.Write([]byte(id))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:16])
}

func (s *Server) verifyClient(v string) (string, bool) {
	id, sig, ok := strings.Cut(v, ".")
	if !ok || id == "" {
		return "", false
	}
	return id, hmac.Equal([]byte(sig), []byte(s.signClient(id)))
}

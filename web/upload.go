package web

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lab110bis/focusplus/checker"
)

// upload is one file of a request, held in memory only.
type upload struct {
	Name string
	Data []byte
}

// requestError is a refused request: its status, the reason counted in the metrics and
// a message for the person.
type requestError struct {
	Status int
	Reason string // too_large, too_many_files, malformed, no_file, busy
	Msg    checker.Text
}

// multipartOverhead is what the part headers and boundaries of a form add to the files.
const multipartOverhead = 64 << 10

// maxFormFields bounds the small text fields read from a form (simulate's parameters).
const (
	maxFormFields    = 16
	maxFormFieldSize = 1 << 10
)

func (s *Server) tooLarge() *requestError {
	return &requestError{Status: http.StatusRequestEntityTooLarge, Reason: "too_large",
		Msg: checker.Text{
			En: locale(checker.English).Tf("error.toolarge", locale(checker.English).Bytes(s.cfg.MaxUploadBytes)),
			Fr: locale(checker.French).Tf("error.toolarge", locale(checker.French).Bytes(s.cfg.MaxUploadBytes)),
		}}
}

// readUploads reads the documents of a request: multipart `file` fields, or the raw body
// named by ?filename=. A body announced over the limit is refused before reading any
// of it; one that turns out larger while reading is cut at the limit.
func (s *Server) readUploads(w http.ResponseWriter, r *http.Request) ([]upload, map[string]string, *requestError) {
	limit := s.cfg.MaxUploadBytes + multipartOverhead
	if r.ContentLength > limit {
		return nil, nil, s.tooLarge()
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt == "multipart/form-data" {
		return s.readMultipart(r, params["boundary"])
	}
	name := r.URL.Query().Get("filename")
	if name == "" {
		return nil, nil, &requestError{Status: http.StatusBadRequest, Reason: "malformed", Msg: tx(
			"send the documents as multipart/form-data `file` fields, or the raw document as the body with ?filename=",
			"envoyez les documents dans des champs multipart/form-data `file`, ou le document brut dans le corps avec ?filename=")}
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, s.cfg.MaxUploadBytes+1))
	if err != nil {
		return nil, nil, s.bodyError(err)
	}
	if int64(len(data)) > s.cfg.MaxUploadBytes {
		return nil, nil, s.tooLarge()
	}
	return []upload{{Name: cleanName(name), Data: data}}, nil, nil
}

func (s *Server) readMultipart(r *http.Request, boundary string) ([]upload, map[string]string, *requestError) {
	if boundary == "" {
		return nil, nil, malformed("no multipart boundary", "pas de délimiteur multipart")
	}
	mr := multipart.NewReader(r.Body, boundary)
	var files []upload
	fields := map[string]string{}
	var total int64
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, s.bodyError(err)
		}
		name := part.FormName()
		switch {
		case name == "file":
			if len(files) >= s.cfg.MaxFiles {
				part.Close()
				return nil, nil, &requestError{Status: http.StatusRequestEntityTooLarge, Reason: "too_many_files",
					Msg: checker.Textf(messages["error.toomany"].En, messages["error.toomany"].Fr, s.cfg.MaxFiles)}
			}
			remaining := s.cfg.MaxUploadBytes - total
			data, err := io.ReadAll(io.LimitReader(part, remaining+1))
			part.Close()
			if err != nil {
				return nil, nil, s.bodyError(err)
			}
			if int64(len(data)) > remaining {
				return nil, nil, s.tooLarge()
			}
			total += int64(len(data))
			// An empty file input still sends a part, with no name and no content.
			if part.FileName() == "" && len(data) == 0 {
				continue
			}
			files = append(files, upload{Name: cleanName(part.FileName()), Data: data})
		case name != "" && len(fields) < maxFormFields:
			v, err := io.ReadAll(io.LimitReader(part, maxFormFieldSize+1))
			part.Close()
			if err != nil {
				return nil, nil, s.bodyError(err)
			}
			if len(v) > maxFormFieldSize {
				return nil, nil, malformed("form field "+name+" is too long", "le champ "+name+" est trop long")
			}
			fields[name] = string(v)
		default:
			if _, err := io.Copy(io.Discard, io.LimitReader(part, maxFormFieldSize)); err != nil {
				return nil, nil, s.bodyError(err)
			}
			part.Close()
		}
	}
	return files, fields, nil
}

func (s *Server) bodyError(err error) *requestError {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return s.tooLarge()
	}
	return malformed(err.Error(), err.Error())
}

func malformed(en, fr string) *requestError {
	return &requestError{Status: http.StatusBadRequest, Reason: "malformed",
		Msg: checker.Text{
			En: fmt.Sprintf(messages["error.malformed"].En, en),
			Fr: fmt.Sprintf(messages["error.malformed"].Fr, fr),
		}}
}

// cleanName keeps the last path element of an uploaded file name, without control
// characters, at most 200 characters: it is shown on pages and in JSON, never used as
// a path.
func cleanName(name string) string {
	name = strings.ToValidUTF8(name, "\uFFFD")
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if utf8.RuneCountInString(name) > 200 {
		name = string([]rune(name)[:200])
	}
	if name == "" {
		name = "document"
	}
	return name
}

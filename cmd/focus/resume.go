package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/report"
)

// resumeLog is the JSON Lines report of --resume: documents already in it with the same
// content are not checked again, new ones are appended (one write per document, so a
// run that is killed loses at most the document being written), and when the run
// completes the file is left exactly as one uninterrupted run would have written it.
type resumeLog struct {
	path string
	file *os.File
	out  switchWriter

	prev  map[string]*prevDoc // by path, from the report as found
	lines []lineRef           // the documents of the file, in file order
	mu    sync.Mutex
	kept  map[string]bool // documents the run did not check again
	order []lineRef       // the documents of this run, in report order
}

type prevDoc struct {
	doc  report.JSONDocument
	line lineRef
}

// lineRef is one document line of the file: [off, off+n), newline included.
type lineRef struct {
	path string
	off  int64
	n    int64
}

// switchWriter lets the report writer follow the file when it is rewritten.
type switchWriter struct{ w io.Writer }

func (s *switchWriter) Write(p []byte) (int, error) { return s.w.Write(p) }

// openResume reads the report, cuts what an interrupted run left unfinished (a partial
// last line) and the summary line of a finished one, and opens it for appending. A
// missing file is a fresh start.
func openResume(path string) (*resumeLog, error) {
	l := &resumeLog{path: path, prev: map[string]*prevDoc{}, kept: map[string]bool{}}
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	var end int64
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			break // the line being written when the run stopped
		}
		line := data[:i]
		var d report.JSONDocument
		var probe struct {
			Path    *string         `json:"path"`
			Summary json.RawMessage `json:"summary"`
		}
		if json.Unmarshal(line, &probe) != nil || probe.Path == nil {
			if probe.Summary != nil && len(bytes.TrimSpace(data[i+1:])) == 0 {
				break // the summary of a finished run: rewritten at the end
			}
			return nil, fmt.Errorf("%s: line %d is neither a document nor the last summary line; is it a focus JSON Lines report?",
				path, len(l.lines)+1)
		}
		if err := json.Unmarshal(line, &d); err != nil {
			return nil, fmt.Errorf("%s: line %d: %v", path, len(l.lines)+1, err)
		}
		ref := lineRef{path: d.Path, off: end, n: int64(i + 1)}
		l.lines = append(l.lines, ref)
		if d.SHA256 != "" {
			l.prev[d.Path] = &prevDoc{doc: d, line: ref}
		}
		end += int64(i + 1)
		data = data[i+1:]
	}
	if dir := filepath.Dir(path); dir != "" {
		os.MkdirAll(dir, 0o755)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := f.Truncate(end); err != nil {
		f.Close()
		return nil, err
	}
	if _, err := f.Seek(end, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	l.file = f
	l.out.w = f
	return l, nil
}

// skip is BatchOptions.Skip: the same path with the same bytes was checked already.
// A document whose earlier check could not read it is checked again.
func (l *resumeLog) skip(in checker.Input, sha string) bool {
	p, ok := l.prev[in.Name]
	if !ok || p.doc.SHA256 != sha || p.doc.Score == nil {
		return false
	}
	l.mu.Lock()
	l.kept[in.Name] = true
	l.mu.Unlock()
	return true
}

// previous returns the report entry of a document the run kept.
func (l *resumeLog) previous(name string) report.JSONDocument { return l.prev[name].doc }

// wrote records where the document just written (or kept) sits in the file.
func (l *resumeLog) wrote(r checker.Result, before int64) error {
	if r.Kept {
		l.order = append(l.order, l.prev[r.Name].line)
		return nil
	}
	after, err := l.file.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	l.order = append(l.order, lineRef{path: r.Name, off: before, n: after - before})
	return nil
}

func (l *resumeLog) offset() int64 {
	off, _ := l.file.Seek(0, io.SeekCurrent)
	return off
}

// finish leaves the documents in report order, as one run writes them: when the file
// holds lines this run superseded (a document that changed) or lines in another order,
// it is rewritten through a temporary file renamed over it, so a crash during the
// rewrite leaves the old file whole.
func (l *resumeLog) finish() error {
	inOrder := len(l.order) >= len(l.lines)
	for i := range l.lines {
		if !inOrder || l.order[i] != l.lines[i] {
			inOrder = false
			break
		}
	}
	if inOrder {
		return nil
	}
	old, err := os.ReadFile(l.path)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(l.path), ".focus-resume-*")
	if err != nil {
		return err
	}
	w := bufio.NewWriter(tmp)
	for _, ref := range l.order {
		w.Write(old[ref.off : ref.off+ref.n])
	}
	err = w.Flush()
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), l.path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return err
	}
	l.file.Close()
	if l.file, err = os.OpenFile(l.path, os.O_WRONLY|os.O_APPEND, 0o644); err != nil {
		return err
	}
	l.out.w = l.file
	return nil
}

func (l *resumeLog) close() error { return l.file.Close() }

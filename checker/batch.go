package checker

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// Input is one document to check: a name for the report and a way to open its bytes.
type Input struct {
	Name   string
	Open   func() (io.ReadCloser, error)
	Source *Source // set for documents read from the web; copied to the Result
}

// Source is where a document read from the web came from: its address and the pages
// that link to it (the page a request for a fix should name).
type Source struct {
	URL        string   `json:"url"`
	LinkedFrom []string `json:"linked_from,omitempty"`
}

// FileInput reads a file from disk.
func FileInput(path string) Input {
	return Input{Name: path, Open: func() (io.ReadCloser, error) { return os.Open(path) }}
}

// Skipped is a file found while walking a folder that Focus+ does not read.
type Skipped struct {
	Path   string
	Reason string
}

// Collect expands paths into inputs: files are taken as given, folders are walked
// recursively in lexical order. Hidden files and folders are skipped; symbolic links to
// folders are not followed (so a link loop cannot trap the walk); files whose first bytes
// are not a format Focus+ reads are listed as skipped. A path that does not exist is a
// document that cannot be read, reported like any other.
func Collect(paths []string) ([]Input, []Skipped, error) {
	var inputs []Input
	var skipped []Skipped
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil || !info.IsDir() {
			inputs = append(inputs, FileInput(p))
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				skipped = append(skipped, Skipped{Path: path, Reason: err.Error()})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				st, err := os.Stat(path)
				if err != nil || !st.Mode().IsRegular() {
					skipped = append(skipped, Skipped{Path: path, Reason: "symbolic link to a folder or to nothing"})
					return nil
				}
			} else if !d.Type().IsRegular() {
				skipped = append(skipped, Skipped{Path: path, Reason: "not a regular file"})
				return nil
			}
			if reason := sniffFile(path); reason != "" {
				skipped = append(skipped, Skipped{Path: path, Reason: reason})
				return nil
			}
			inputs = append(inputs, FileInput(path))
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return inputs, skipped, nil
}

// sniffFile says why a walked file is skipped, or "" to check it. A file whose name
// claims a format we read is always checked, so a damaged PDF is reported, not hidden.
func sniffFile(path string) string {
	if KnownExtension(path) {
		return ""
	}
	f, err := os.Open(path)
	if err != nil {
		return err.Error()
	}
	defer f.Close()
	buf := make([]byte, SniffLen)
	n, _ := io.ReadFull(f, buf)
	if Sniff(buf[:n]) == FormatUnknown {
		return "not a format Focus+ reads (" + SupportedFormats() + ")"
	}
	return ""
}

// BatchOptions tune Run.
type BatchOptions struct {
	Jobs     int                             // documents checked at once; 0 means all CPUs
	Progress func(done, total int, r Result) // called after each document, from one goroutine; total is -1 for a stream
	// Skip, when set, is asked once the bytes of a document are read and hashed: true
	// means an earlier report already holds this content, and the Result is Kept
	// instead of checked. Called from several goroutines at once.
	Skip func(in Input, sha256 string) bool
}

// Run checks every input with a pool of workers and calls emit once per input, in input
// order, as soon as that document and all before it are done, so reports can stream.
// It always reports every input: an input that cannot be opened or read is a Result
// with Err set.
//
// Memory stays flat however many inputs there are: at most reorderWindow(jobs) documents
// are started but not yet emitted, so one slow document at the head of the batch holds
// back a bounded number of finished results, not the rest of the batch.
func (e *Engine) Run(ctx context.Context, inputs []Input, opt BatchOptions, emit func(Result)) {
	n := 0
	e.run(ctx, func(yield func(Input) bool) {
		for _, in := range inputs {
			if !yield(in) {
				return
			}
			n++
		}
	}, len(inputs), opt, emit)
	// Inputs never started because ctx was cancelled are still reported.
	for _, in := range inputs[n:] {
		emit(Result{Name: in.Name, Source: in.Source, Err: &LoadError{Msg: Textf("not checked: cancelled", "non vérifié : annulé")}})
	}
}

// Stream is Run for inputs found while the batch runs (a crawl): it checks each input
// the sequence yields, emits results in the order they were yielded, and returns when the
// sequence ends and every started document is emitted. Progress gets total -1.
func (e *Engine) Stream(ctx context.Context, inputs iter.Seq[Input], opt BatchOptions, emit func(Result)) {
	e.run(ctx, inputs, -1, opt, emit)
}

func (e *Engine) run(ctx context.Context, inputs iter.Seq[Input], total int, opt BatchOptions, emit func(Result)) {
	jobs := opt.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	type job struct {
		i  int
		in Input
	}
	type done struct {
		i int
		r Result
	}
	work := make(chan job)
	results := make(chan done, jobs)
	// slots holds one token per document started and not yet emitted.
	slots := make(chan struct{}, reorderWindow(jobs))
	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				results <- done{j.i, e.checkInput(ctx, j.in, opt.Skip)}
			}
		}()
	}
	go func() {
		defer close(work)
		i := 0
		for in := range inputs {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case work <- job{i, in}:
			case <-ctx.Done():
				<-slots
				return
			}
			i++
		}
	}()
	go func() { wg.Wait(); close(results) }()

	// Reorder: hold results that finish early until those before them are out.
	pending := make(map[int]Result, cap(slots))
	next, count := 0, 0
	for d := range results {
		count++
		if opt.Progress != nil {
			opt.Progress(count, total, d.r)
		}
		pending[d.i] = d.r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			emit(r)
			<-slots
			next++
		}
	}
}

// reorderWindow is how many documents may be in flight or waiting for an earlier one:
// enough that workers rarely wait behind a slow document, few enough that the results
// held stay small.
func reorderWindow(jobs int) int { return max(64, 16*jobs) }

func (e *Engine) checkInput(ctx context.Context, in Input, skip func(Input, string) bool) Result {
	data, err := e.read(in)
	if err != nil {
		return Result{Name: in.Name, Source: in.Source, Err: asLoadError(err)}
	}
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])
	if skip != nil && skip(in, hash) {
		return Result{Name: in.Name, Source: in.Source, SHA256: hash, Kept: true}
	}
	r := e.Check(ctx, in.Name, data, false)
	r.SHA256, r.Source = hash, in.Source
	return r
}

// read loads a document's bytes, refusing more than MaxBytes without reading them all.
func (e *Engine) read(in Input) ([]byte, error) {
	rc, err := in.Open()
	if err != nil {
		var le *LoadError
		if errors.As(err, &le) {
			return nil, le
		}
		return nil, errors.New(strings.TrimPrefix(err.Error(), "open "))
	}
	defer rc.Close()
	max := e.Limits.MaxBytes
	if max <= 0 {
		max = DefaultLimits().MaxBytes
	}
	var buf bytes.Buffer
	if f, ok := rc.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			if st.Size() > max {
				return nil, &LoadError{Msg: Textf("the file is %s, over the %s limit", "le fichier fait %s, au-delà de la limite de %s",
					HumanBytes(st.Size()), HumanBytes(max))}
			}
			// One allocation of the right size instead of a doubling series: a 50 MB
			// PDF would otherwise be copied about ten times on its way in.
			buf.Grow(int(st.Size()) + bytes.MinRead)
		}
	}
	if _, err := buf.ReadFrom(io.LimitReader(rc, max+1)); err != nil {
		return nil, err
	}
	data := buf.Bytes()
	if int64(len(data)) > max {
		return nil, &LoadError{Msg: Textf("the file is over the %s limit", "le fichier dépasse la limite de %s", HumanBytes(max))}
	}
	return data, nil
}

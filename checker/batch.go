package checker

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// Input is one document to check: a name for the report and a way to open its bytes.
type Input struct {
	Name string
	Open func() (io.ReadCloser, error)
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
	if Sniff(buf[:n]) == "" {
		return "not a PDF, DOCX or image"
	}
	return ""
}

// BatchOptions tune Run.
type BatchOptions struct {
	Jobs     int                             // documents checked at once; 0 means all CPUs
	Progress func(done, total int, r Result) // called after each document, from one goroutine
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
	jobs := opt.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	type done struct {
		i int
		r Result
	}
	work := make(chan int)
	results := make(chan done, jobs)
	// slots holds one token per document started and not yet emitted.
	slots := make(chan struct{}, reorderWindow(jobs))
	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				results <- done{i, e.checkInput(ctx, inputs[i])}
			}
		}()
	}
	go func() {
		defer close(work)
		for i := range inputs {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case work <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	// Reorder: hold results that finish early until those before them are out.
	pending := make(map[int]Result, cap(slots))
	next, count := 0, 0
	for d := range results {
		count++
		if opt.Progress != nil {
			opt.Progress(count, len(inputs), d.r)
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
	// Inputs never started because ctx was cancelled are still reported.
	for ; next < len(inputs); next++ {
		r, ok := pending[next]
		if !ok {
			r = Result{Name: inputs[next].Name, Err: &LoadError{Msg: Textf("not checked: cancelled", "non vérifié : annulé")}}
		}
		emit(r)
	}
}

// reorderWindow is how many documents may be in flight or waiting for an earlier one:
// enough that workers rarely wait behind a slow document, few enough that the results
// held stay small.
func reorderWindow(jobs int) int { return max(64, 16*jobs) }

func (e *Engine) checkInput(ctx context.Context, in Input) Result {
	data, err := e.read(in)
	if err != nil {
		return Result{Name: in.Name, Err: asLoadError(err)}
	}
	return e.Check(ctx, in.Name, data, false)
}

// read loads a document's bytes, refusing more than MaxBytes without reading them all.
func (e *Engine) read(in Input) ([]byte, error) {
	rc, err := in.Open()
	if err != nil {
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

// SortByScore orders results from the lowest score to the highest, unreadable first.
func SortByScore(rs []Result) {
	sort.SliceStable(rs, func(i, j int) bool {
		if (rs[i].Err != nil) != (rs[j].Err != nil) {
			return rs[i].Err != nil
		}
		return rs[i].Score.Value < rs[j].Score.Value
	})
}

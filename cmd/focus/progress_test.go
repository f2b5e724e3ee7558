package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/lab110bis/focusplus/checker"
)

func TestProgressBar(t *testing.T) {
	var buf bytes.Buffer
	p := newProgressBar(&buf, 200, checker.English)
	p.start = time.Now().Add(-10 * time.Second) // 50 documents in 10 s: 5 docs/s, 30 s left
	p.update(50, 200, checker.Result{})
	line := buf.String()
	for _, want := range []string{"50/200", "5.0 docs/s", "ETA 30s", "\r"} {
		if !strings.Contains(line, want) {
			t.Errorf("progress line %q lacks %q", line, want)
		}
	}
	// In French: decimal comma, and the time left as French readers write it.
	var fr bytes.Buffer
	pf := newProgressBar(&fr, 200, checker.French)
	pf.start = time.Now().Add(-100 * time.Second) // 50 documents in 100 s: 0.5 docs/s, 300 s left
	pf.update(50, 200, checker.Result{})
	for _, want := range []string{"0,5 doc/s", "reste 5 min 00 s"} {
		if !strings.Contains(fr.String(), want) {
			t.Errorf("French progress line %q lacks %q", fr.String(), want)
		}
	}
	if d := frenchDuration(3725 * time.Second); d != "1 h 02 min" {
		t.Errorf("frenchDuration(3725 s) = %q", d)
	}
	// Redraws are throttled, but the last document always shows.
	buf.Reset()
	p.update(51, 200, checker.Result{})
	if buf.Len() != 0 {
		t.Errorf("redrawn within 100 ms: %q", buf.String())
	}
	p.update(200, 200, checker.Result{})
	if !strings.Contains(buf.String(), "200/200") || strings.Contains(buf.String(), "ETA") {
		t.Errorf("final line %q", buf.String())
	}
	buf.Reset()
	p.clear()
	if buf.String() != "\r\x1b[K" {
		t.Errorf("clear wrote %q", buf.String())
	}
	var nilBar *progressBar // no terminal: a nil bar does nothing
	nilBar.update(1, 2, checker.Result{})
	nilBar.clear()
}

// TestProgressOnlyOnATerminal: the bar goes to stderr only when stderr is a terminal,
// and the summary line is there in every case.
func TestProgressOnlyOnATerminal(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{"a.png": describedPNG, "b.png": describedPNG, "c.gif": calmGIF})
	for _, tty := range []bool{false, true} {
		var out, errOut bytes.Buffer
		ios := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut,
			IsTerminal: func(w any) bool { return tty && w == any(&errOut) },
			Getenv:     func(string) string { return "" }}
		run([]string{"check", "--format", "jsonl", "--fail-on", "never", dir}, ios)
		if got := strings.Contains(errOut.String(), "docs/s"); got != tty {
			t.Errorf("terminal %v: progress shown %v\n%q", tty, got, errOut.String())
		}
		if !strings.Contains(errOut.String(), "3 documents checked") {
			t.Errorf("terminal %v: no summary line in %q", tty, errOut.String())
		}
	}
}

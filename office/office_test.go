package office

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	fx "github.com/lab110bis/focusplus/internal/fixtures"
	"github.com/lab110bis/focusplus/pdfrender"
)

// fakeSoffice writes a shell script standing in for soffice. It records its arguments,
// environment and memory limit in the folder it returns, then runs body with $outdir set
// from --outdir.
func fakeSoffice(t *testing.T, body string) (bin, dir string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("shell script stand-in")
	}
	dir = t.TempDir()
	bin = filepath.Join(dir, "soffice")
	script := "#!/bin/sh\n" +
		"if [ \"$1\" = child ]; then while :; do sleep 1; done; fi\n" +
		"echo \"$@\" > " + dir + "/args\nenv > " + dir + "/env\nulimit -v > " + dir + "/ulimit\n" +
		"for a in \"$@\"; do case $a in -env:UserInstallation=file://*) cp -r \"${a#-env:UserInstallation=file://}\" " + dir + "/profile;; esac; done\n" +
		"while [ $# -gt 0 ]; do if [ \"$1\" = --outdir ]; then outdir=$2; fi; shift; done\n" + body + "\n"
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin, dir
}

// privateTemp points TMPDIR to an empty folder and returns a function listing what is
// left in it.
func privateTemp(t *testing.T) func() []string {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	return func() []string {
		ents, _ := os.ReadDir(tmp)
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		return names
	}
}

// processesMentioning counts the running processes whose command line contains s.
func processesMentioning(s string) int {
	n := 0
	paths, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err == nil && bytes.Contains(b, []byte(s)) {
			n++
		}
	}
	return n
}

func TestFindMissingBinary(t *testing.T) {
	t.Setenv(EnvBinary, filepath.Join(t.TempDir(), "no-soffice-here"))
	_, err := Find("")
	if !errors.Is(err, ErrNotInstalled) {
		t.Fatalf("err = %v, want ErrNotInstalled", err)
	}
	if !strings.Contains(err.Error(), "apt-get install libreoffice-writer-nogui") {
		t.Errorf("the error should say how to install LibreOffice: %v", err)
	}
	t.Setenv(EnvBinary, "off")
	if _, err := Find(""); !errors.Is(err, ErrNotInstalled) {
		t.Errorf("FOCUS_SOFFICE=off: err = %v", err)
	}
	t.Setenv(EnvBinary, "")
	t.Setenv("PATH", t.TempDir())
	if _, err := Find(""); !errors.Is(err, ErrNotInstalled) {
		t.Errorf("empty PATH: err = %v", err)
	}
	if got := Reason(err); got.Fr == "" || !strings.Contains(got.En, "libreoffice-writer-nogui") {
		t.Errorf("Reason = %+v", got)
	}
}

func TestConvertIsolation(t *testing.T) {
	left := privateTemp(t)
	bin, rec := fakeSoffice(t, `mkdir -p "$outdir" && printf '%%PDF-1.7 fake' > "$outdir/document.pdf"`)
	c := New(bin, 1)
	c.MemoryLimit = 768 << 20
	pdf, err := c.Convert(context.Background(), fx.DOCX{Body: fx.P("", "x")}.Bytes(), "docx")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(pdf), "%PDF-") {
		t.Errorf("pdf = %q", pdf)
	}
	read := func(name string) string { b, _ := os.ReadFile(filepath.Join(rec, name)); return string(b) }
	args := read("args")
	for _, want := range []string{"-env:UserInstallation=file://", "--headless", "--convert-to pdf", "document.docx"} {
		if !strings.Contains(args, want) {
			t.Errorf("arguments %q lack %q", args, want)
		}
	}
	if got := strings.TrimSpace(read("ulimit")); got != "786432" {
		t.Errorf("ulimit -v = %q, want 786432 KiB", got)
	}
	env := read("env")
	for _, want := range []string{"http_proxy=http://127.0.0.1:9", "HOME=" + os.TempDir()} {
		if !strings.Contains(env, want) {
			t.Errorf("environment lacks %q:\n%s", want, env)
		}
	}
	settings := read("profile/user/registrymodifications.xcu")
	for _, want := range []string{"ooInetProxyType", "DisableMacrosExecution", `Content/Update"><prop oor:name="Link"`} {
		if !strings.Contains(settings, want) {
			t.Errorf("profile settings lack %q", want)
		}
	}
	if l := left(); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

// TestConvertHangKilled: a LibreOffice that hangs, and has started a child of its own,
// is killed with that child at the deadline, and leaves no file behind.
func TestConvertHangKilled(t *testing.T) {
	left := privateTemp(t)
	bin, _ := fakeSoffice(t, `"$0" child & while :; do sleep 1; done`)
	c := New(bin, 1)
	c.Timeout = 700 * time.Millisecond
	start := time.Now()
	_, err := c.Convert(context.Background(), []byte("PK hostile"), "docx")
	var oe *Error
	if !errors.As(err, &oe) || !strings.Contains(err.Error(), "did not finish") || !strings.Contains(oe.Msg.Fr, "indisponible") {
		t.Fatalf("err = %v, want a page-view-unavailable timeout", err)
	}
	if d := time.Since(start); d > 6*time.Second {
		t.Errorf("the conversion outlived its deadline: %v", d)
	}
	deadline := time.Now().Add(3 * time.Second)
	for processesMentioning(bin) > 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if n := processesMentioning(bin); n > 0 {
		t.Errorf("%d processes of the hung conversion are still running", n)
	}
	if l := left(); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

func TestConvertFailure(t *testing.T) {
	left := privateTemp(t)
	bin, _ := fakeSoffice(t, `echo "Error: source file could not be loaded" >&2`)
	_, err := New(bin, 1).Convert(context.Background(), []byte("x"), "odt")
	if err == nil || !strings.Contains(err.Error(), "could not be loaded") || !strings.Contains(err.Error(), "Page view unavailable") {
		t.Fatalf("err = %v", err)
	}
	bin, _ = fakeSoffice(t, `kill -SEGV $$`)
	if _, err = New(bin, 1).Convert(context.Background(), []byte("x"), "odt"); err == nil || !strings.Contains(err.Error(), "stopped with an error") {
		t.Fatalf("crash: err = %v", err)
	}
	if l := left(); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

func TestConvertSlots(t *testing.T) {
	privateTemp(t)
	bin, _ := fakeSoffice(t, `sleep 1; mkdir -p "$outdir" && printf '%%PDF-1.7' > "$outdir/document.pdf"`)
	c := New(bin, 1)
	errc := make(chan error, 2)
	go func() { _, err := c.Convert(context.Background(), []byte("x"), "docx"); errc <- err }()
	time.Sleep(200 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err := c.Convert(ctx, []byte("x"), "docx")
	if err == nil || !strings.Contains(err.Error(), "slot") {
		t.Errorf("second conversion with one slot busy: err = %v", err)
	}
	if err := <-errc; err != nil {
		t.Errorf("first conversion: %v", err)
	}
}

// requireSoffice skips a test that needs the real LibreOffice, saying how to get it.
func requireSoffice(t *testing.T) *Converter {
	t.Helper()
	c, err := Find("")
	if err != nil {
		t.Skipf("LibreOffice not installed, skipping (apt-get install libreoffice-writer-nogui): %v", err)
	}
	return c
}

func TestConvertRealLibreOffice(t *testing.T) {
	c := requireSoffice(t)
	c.Timeout = 5 * time.Minute // a loaded machine may take minutes to start LibreOffice
	left := privateTemp(t)
	data := fx.DOCX{Body: fx.P("", "Bonjour") + `<w:p><w:r><w:br w:type="page"/></w:r></w:p>` + fx.P("", "Page deux")}.Bytes()
	pdf, err := c.Convert(context.Background(), data, "docx")
	if err != nil {
		t.Fatal(err)
	}
	n, err := pdfrender.PageCount(context.Background(), pdf)
	if err != nil || n != 2 {
		t.Errorf("pages = %d, %v; want 2", n, err)
	}
	if l := left(); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
	v, err := c.Version(context.Background())
	if err != nil || !strings.Contains(v, "LibreOffice") {
		t.Errorf("version %q, %v", v, err)
	}
}

package docxdoc

import (
	"context"
	"errors"
	"image"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/lab110bis/focusplus/checker"
	fx "github.com/lab110bis/focusplus/internal/fixtures"
)

// fakeSoffice puts a shell script named soffice first on the PATH. It records its
// arguments, then runs body (with $outdir set from --outdir).
func fakeSoffice(t *testing.T, body string) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("shell script stand-in")
	}
	bin := t.TempDir()
	log := filepath.Join(bin, "args")
	script := "#!/bin/sh\necho \"$@\" > " + log + "\n" +
		"while [ $# -gt 0 ]; do if [ \"$1\" = --outdir ]; then outdir=$2; fi; shift; done\n" + body + "\n"
	if err := os.WriteFile(filepath.Join(bin, "soffice"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	return log
}

func leftovers(t *testing.T) []string {
	m, _ := filepath.Glob(filepath.Join(os.TempDir(), "focus-docx-*"))
	return m
}

func TestConvertToPDFWithoutLibreOffice(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := ConvertToPDF(context.Background(), []byte("x"), time.Second)
	if !errors.Is(err, ErrNoLibreOffice) {
		t.Fatalf("err = %v, want ErrNoLibreOffice", err)
	}
}

func TestConvertToPDFProfileAndCleanup(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	log := fakeSoffice(t, `mkdir -p "$outdir" && printf '%%PDF-1.7 fake' > "$outdir/document.pdf"`)
	pdf, err := ConvertToPDF(context.Background(), fx.DOCX{Body: fx.P("", "x")}.Bytes(), 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(pdf), "%PDF-") {
		t.Errorf("pdf = %q", pdf)
	}
	args, _ := os.ReadFile(log)
	if !strings.Contains(string(args), "-env:UserInstallation=file://") || !strings.Contains(string(args), "--convert-to pdf") {
		t.Errorf("soffice arguments %q: want a private profile and a PDF conversion", args)
	}
	if l := leftovers(t); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

func TestConvertToPDFTimeout(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	fakeSoffice(t, `sleep 30`)
	start := time.Now()
	_, err := ConvertToPDF(context.Background(), []byte("x"), 300*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "did not finish") {
		t.Fatalf("err = %v", err)
	}
	// The sleeping child was killed with its process group, not waited for.
	if time.Since(start) > 20*time.Second {
		t.Errorf("conversion outlived its timeout: %v", time.Since(start))
	}
	if l := leftovers(t); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

func TestConvertToPDFFailure(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	fakeSoffice(t, `echo "Error: source file could not be loaded" >&2; exit 1`)
	_, err := ConvertToPDF(context.Background(), []byte("x"), 5*time.Second)
	if err == nil || !strings.Contains(err.Error(), "could not be loaded") {
		t.Fatalf("err = %v", err)
	}
}

func TestEmbeddedImages(t *testing.T) {
	png := string(fx.PNG(image.NewGray(image.Rect(0, 0, 4, 4)), ""))
	data := fx.DOCX{Body: fx.P("", "x"), Parts: map[string]string{"word/media/image2.png": png, "word/media/image1.png": png, "word/media/notes.txt": "x"}}.Bytes()
	imgs, err := EmbeddedImages(data, checker.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if len(imgs) != 2 || imgs[0].Name != "word/media/image1.png" || string(imgs[1].Data) != png {
		t.Errorf("images %d: %v", len(imgs), imgs)
	}
}

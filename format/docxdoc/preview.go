package docxdoc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/lab110bis/focusplus/checker"
)

// ErrNoLibreOffice says page previews of Word documents need LibreOffice.
var ErrNoLibreOffice = errors.New("LibreOffice (soffice) is not on the PATH: Word pages cannot be rendered; showing the document's embedded pictures instead")

// maxPreviewPDF bounds the PDF read back from LibreOffice.
const maxPreviewPDF = 256 << 20

// ConvertToPDF renders a .docx to PDF with LibreOffice (`soffice --headless
// --convert-to pdf`), so its pages can be previewed and simulated like a PDF's. Each
// conversion runs with its own throw-away profile (-env:UserInstallation), so
// conversions can run side by side and nothing of one document is left for the next; the
// temporary folder is removed whatever happens, and the whole process group is killed
// when the timeout or ctx ends it. It returns ErrNoLibreOffice when soffice is absent.
func ConvertToPDF(ctx context.Context, data []byte, timeout time.Duration) ([]byte, error) {
	bin, err := exec.LookPath("soffice")
	if err != nil {
		if bin, err = exec.LookPath("libreoffice"); err != nil {
			return nil, ErrNoLibreOffice
		}
	}
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	dir, err := os.MkdirTemp("", "focus-docx-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "document.docx")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, err
	}
	out := filepath.Join(dir, "out")
	profile := filepath.Join(dir, "profile")
	cmd := exec.CommandContext(ctx, bin,
		"-env:UserInstallation=file://"+filepath.ToSlash(profile),
		"--headless", "--invisible", "--norestore", "--nologo", "--nolockcheck", "--nodefault",
		"--convert-to", "pdf", "--outdir", out, in)
	cmd.Dir = dir
	// No home, no user config: the conversion sees only its own folder.
	cmd.Env = []string{"HOME=" + dir, "PATH=" + os.Getenv("PATH"), "TMPDIR=" + dir, "LANG=C.UTF-8"}
	var stderr bytes.Buffer
	cmd.Stderr, cmd.Stdout = &stderr, &stderr
	killGroup(cmd)
	cmd.WaitDelay = 2 * time.Second
	err = cmd.Run()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("LibreOffice did not finish within %s", timeout)
	}
	if err != nil {
		return nil, fmt.Errorf("LibreOffice could not convert the document: %v %s", err, strings.TrimSpace(tail(stderr.String(), 300)))
	}
	f, err := os.Open(filepath.Join(out, "document.pdf"))
	if err != nil {
		return nil, fmt.Errorf("LibreOffice wrote no PDF: %s", strings.TrimSpace(tail(stderr.String(), 300)))
	}
	defer f.Close()
	pdf, err := io.ReadAll(io.LimitReader(f, maxPreviewPDF+1))
	if err != nil {
		return nil, err
	}
	if len(pdf) > maxPreviewPDF {
		return nil, fmt.Errorf("the rendered PDF is over %s", checker.HumanBytes(maxPreviewPDF))
	}
	return pdf, nil
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// EmbeddedImage is a picture stored in the package (word/media).
type EmbeddedImage struct {
	Name string // zip name, "word/media/image1.png"
	Data []byte
}

// maxEmbeddedImage and maxEmbeddedTotal bound what EmbeddedImages inflates.
const (
	maxEmbeddedImage = 32 << 20
	maxEmbeddedTotal = 128 << 20
)

// EmbeddedImages returns the pictures of a .docx (PNG, JPEG, GIF, BMP, TIFF, WebP under
// word/media), in name order: what a preview shows when LibreOffice is absent. The zip
// limits of the loader apply, and pictures over 32 MiB are left out.
func EmbeddedImages(data []byte, lim checker.Limits) ([]EmbeddedImage, error) {
	if lim.MaxInflated <= 0 || lim.MaxInflated > maxEmbeddedTotal {
		lim.MaxInflated = maxEmbeddedTotal
	}
	p, err := openZip(data, lim)
	if err != nil {
		return nil, err
	}
	var names []string
	for name := range p.files {
		switch strings.ToLower(path.Ext(name)) {
		case ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp":
			if strings.Contains(name, "/media/") && p.files[name].UncompressedSize64 <= maxEmbeddedImage {
				names = append(names, name)
			}
		}
	}
	sort.Strings(names)
	var out []EmbeddedImage
	for _, name := range names {
		rc, err := p.open(name)
		if err != nil {
			var le *checker.LoadError
			if errors.As(err, &le) && strings.Contains(le.Msg.En, "inflates to more than") {
				break // budget spent: show what we have
			}
			continue
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err == nil {
			out = append(out, EmbeddedImage{Name: name, Data: b})
		}
	}
	return out, nil
}

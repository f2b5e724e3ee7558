// Package office converts word-processing documents (DOCX, ODT) to PDF with LibreOffice,
// the one optional real component of Focus+, so their pages can be shown, simulated for
// colour-blind readers and measured for contrast like a PDF's.
//
// LibreOffice reads untrusted uploads, so every conversion is shut in: its own private
// profile (-env:UserInstallation) and temporary folder, removed afterwards with the copy
// of the upload it had to read; a deadline that kills the whole process group; a limit
// on the address space of every process; no network (a proxy that leads nowhere, links
// never updated, macros off); and a bounded number of conversions at once. A document
// that hangs or crashes LibreOffice gives an error that says the page view is
// unavailable: the rest of the check goes on.
package office

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/lab110bis/focusplus/checker"
)

// EnvBinary names the soffice binary to use ("off" turns LibreOffice off).
const EnvBinary = "FOCUS_SOFFICE"

// Defaults of a Converter.
const (
	DefaultTimeout = 60 * time.Second
	// DefaultMemoryLimit bounds the address space of each LibreOffice process. soffice
	// maps about 400 MiB to start and converts the real-world corpus within 512 MiB; a
	// document that needs more than 1 GiB is a bomb, not a circular.
	DefaultMemoryLimit = 1 << 30
	// maxPDF bounds the PDF read back.
	maxPDF = 256 << 20
)

// InstallHint says how to get page views, in both languages.
var InstallHint = checker.Text{
	En: "Page views of DOCX and ODT documents (previews, colour-blind views, contrast on the rendered page) need LibreOffice: install it (Debian/Ubuntu: apt-get install libreoffice-writer-nogui), or name its soffice program with --soffice or FOCUS_SOFFICE.",
	Fr: "Les vues des pages des documents DOCX et ODT (aperçus, vues daltoniennes, contraste mesuré sur la page) nécessitent LibreOffice : installez-le (Debian/Ubuntu : apt-get install libreoffice-writer-nogui), ou indiquez son programme soffice avec --soffice ou FOCUS_SOFFICE.",
}

// ErrNotInstalled says LibreOffice was not found (or was turned off).
var ErrNotInstalled = errors.New("LibreOffice (soffice) is not available: " + InstallHint.En)

// Error is a conversion that failed: the page view of that document is unavailable.
type Error struct {
	Msg checker.Text
}

func (e *Error) Error() string { return e.Msg.En }

func unavailable(en, fr string, args ...any) *Error {
	t := checker.Textf(en, fr, args...)
	return &Error{Msg: checker.Text{
		En: "Page view unavailable: " + t.En,
		Fr: "Vue des pages indisponible : " + t.Fr,
	}}
}

// Converter runs LibreOffice. The zero value is not usable: use Find or New.
type Converter struct {
	// Binary is the path of soffice.
	Binary string
	// Timeout bounds one conversion (the caller's deadline also applies).
	Timeout time.Duration
	// MemoryLimit bounds the address space of each process, in bytes (0: no limit).
	MemoryLimit int64

	slots chan struct{}
}

// New returns a converter for the soffice at bin, running at most slots conversions at
// once (one per CPU when slots <= 0).
func New(bin string, slots int) *Converter {
	if slots <= 0 {
		slots = max(runtime.NumCPU(), 1)
	}
	return &Converter{Binary: bin, Timeout: DefaultTimeout, MemoryLimit: DefaultMemoryLimit, slots: make(chan struct{}, slots)}
}

// Find looks for soffice: the explicit path (a flag) first, then FOCUS_SOFFICE, then
// soffice and libreoffice on the PATH. "off" in either place turns LibreOffice off. It
// returns ErrNotInstalled, wrapped with what was tried, when none is found.
func Find(explicit string) (*Converter, error) {
	name := explicit
	if name == "" {
		name = os.Getenv(EnvBinary)
	}
	if name == "off" {
		return nil, fmt.Errorf("%w (turned off)", ErrNotInstalled)
	}
	if name != "" {
		bin, err := exec.LookPath(name)
		if err != nil {
			return nil, fmt.Errorf("%w (%s: %v)", ErrNotInstalled, name, err)
		}
		return New(bin, 0), nil
	}
	for _, n := range []string{"soffice", "libreoffice"} {
		if bin, err := exec.LookPath(n); err == nil {
			return New(bin, 0), nil
		}
	}
	return nil, ErrNotInstalled
}

var (
	defaultMu   sync.Mutex
	defaultConv *Converter
	defaultErr  error
	defaultSet  bool
)

// Default returns the converter the program uses: the one set with SetDefault, else the
// one Find("") gives (looked up once).
func Default() (*Converter, error) {
	defaultMu.Lock()
	defer defaultMu.Unlock()
	if !defaultSet {
		defaultConv, defaultErr = Find("")
		defaultSet = true
	}
	return defaultConv, defaultErr
}

// SetDefault sets the converter Default returns (nil with an error: LibreOffice is off).
func SetDefault(c *Converter, err error) {
	defaultMu.Lock()
	defer defaultMu.Unlock()
	if c == nil && err == nil {
		err = ErrNotInstalled
	}
	defaultConv, defaultErr, defaultSet = c, err, true
}

// Version runs `soffice --version` (with the same isolation as a conversion) and returns
// its first line.
func (c *Converter) Version(ctx context.Context) (string, error) {
	out, err := c.run(ctx, 20*time.Second, func(dir string) []string { return []string{"--version"} })
	if err != nil {
		return "", err
	}
	line, _, _ := strings.Cut(strings.TrimSpace(out), "\n")
	return line, nil
}

// Convert renders data (a DOCX or an ODT; ext is "docx" or "odt") to PDF. The file is
// written to a private temporary folder, which is removed with everything LibreOffice
// left in it before Convert returns. A conversion waits for a free slot, and never runs
// longer than the converter's Timeout nor past ctx's deadline.
func (c *Converter) Convert(ctx context.Context, data []byte, ext string) ([]byte, error) {
	return c.ConvertTo(ctx, data, ext, "pdf")
}

// targets are the formats a document can be converted to, with LibreOffice's filter.
var targets = map[string]string{"pdf": "pdf:writer_pdf_Export", "odt": "odt", "docx": "docx:MS Word 2007 XML"}

// ConvertTo saves data (a "docx", "odt" or "fodt" file) as target ("pdf", "odt" or
// "docx"), as Writer's Save As would, under the isolation and limits of Convert.
func (c *Converter) ConvertTo(ctx context.Context, data []byte, ext, target string) ([]byte, error) {
	if c == nil {
		return nil, ErrNotInstalled
	}
	switch ext {
	case "docx", "odt", "fodt":
	default:
		return nil, fmt.Errorf("office: cannot convert %q files", ext)
	}
	filter, ok := targets[target]
	if !ok || target == ext {
		return nil, fmt.Errorf("office: cannot convert %s files to %q", ext, target)
	}
	select {
	case c.slots <- struct{}{}:
		defer func() { <-c.slots }()
	case <-ctx.Done():
		return nil, unavailable("no LibreOffice slot came free in time", "aucun créneau LibreOffice ne s'est libéré à temps")
	}
	var out []byte
	_, err := c.run(ctx, c.Timeout, func(dir string) []string {
		in := filepath.Join(dir, "document."+ext)
		if werr := os.WriteFile(in, data, 0o600); werr != nil {
			return nil
		}
		return []string{"--convert-to", filter, "--outdir", filepath.Join(dir, "out"), in}
	}, func(dir, log string) error {
		f, err := os.Open(filepath.Join(dir, "out", "document."+target))
		if err != nil {
			return unavailable("LibreOffice could not read the document (%s)", "LibreOffice n'a pas pu lire le document (%s)", lastLine(log))
		}
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, maxPDF+1))
		if err != nil {
			return err
		}
		if len(b) > maxPDF {
			return unavailable("the converted file is over %s", "le fichier converti dépasse %s", checker.HumanBytes(maxPDF))
		}
		out = b
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	if len(s) > 200 {
		s = s[:200]
	}
	if s == "" {
		return "no output"
	}
	return s
}

// run starts soffice in a fresh folder (profile, home, temporary files), with args from
// argsFor(dir), waits for it within timeout, calls each collect(dir) while the folder
// exists, and removes the folder. The process group is killed whatever happens, so no
// child of LibreOffice outlives the call.
func (c *Converter) run(ctx context.Context, timeout time.Duration, argsFor func(dir string) []string, collect ...func(dir, log string) error) (string, error) {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < timeout {
		timeout = time.Until(dl)
	}
	if timeout <= 0 {
		return "", unavailable("no time was left to render the pages", "il ne restait pas de temps pour rendre les pages")
	}
	dir, err := os.MkdirTemp("", "focus-office-")
	if err != nil {
		return "", fmt.Errorf("office: %w", err)
	}
	defer os.RemoveAll(dir)
	profile := filepath.Join(dir, "profile")
	if err := writeProfile(profile); err != nil {
		return "", fmt.Errorf("office: %w", err)
	}
	args := argsFor(dir)
	if args == nil {
		return "", fmt.Errorf("office: could not prepare the conversion folder")
	}
	args = append([]string{
		"-env:UserInstallation=file://" + filepath.ToSlash(profile),
		"--headless", "--invisible", "--norestore", "--nologo", "--nolockcheck", "--nodefault", "--nofirststartwizard",
	}, args...)
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := limitedCommand(tctx, c.Binary, c.MemoryLimit, args)
	cmd.Dir = dir
	cmd.Env = isolatedEnv(dir)
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	cmd.WaitDelay = 2 * time.Second
	start := time.Now()
	err = cmd.Run()
	killGroup(cmd) // a child that detached from soffice goes too
	out := log.String()
	if tctx.Err() != nil {
		return out, unavailable("LibreOffice did not finish within %s and was stopped", "LibreOffice n'a pas terminé en %s et a été arrêté",
			time.Since(start).Round(time.Second))
	}
	if err != nil {
		return out, unavailable("LibreOffice stopped with an error (%v: %s)", "LibreOffice s'est arrêté sur une erreur (%v : %s)", err, lastLine(out))
	}
	for _, f := range collect {
		if err := f(dir, out); err != nil {
			return out, err
		}
	}
	return out, nil
}

// isolatedEnv is all LibreOffice sees of the environment: its own folder as home and
// temporary folder, a proxy that leads nowhere, and nothing of the user's settings.
func isolatedEnv(dir string) []string {
	const nowhere = "http://127.0.0.1:9" // the discard port: every connection is refused
	env := []string{
		"HOME=" + dir, "TMPDIR=" + dir, "TMP=" + dir, "TEMP=" + dir,
		"PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8", "LC_ALL=C.UTF-8",
		"http_proxy=" + nowhere, "https_proxy=" + nowhere, "ftp_proxy=" + nowhere, "all_proxy=" + nowhere,
		"HTTP_PROXY=" + nowhere, "HTTPS_PROXY=" + nowhere, "FTP_PROXY=" + nowhere, "ALL_PROXY=" + nowhere,
		"no_proxy=", "NO_PROXY=",
		"SAL_USE_VCLPLUGIN=svp", // no display, no desktop integration
	}
	if v := os.Getenv("FONTCONFIG_PATH"); v != "" {
		env = append(env, "FONTCONFIG_PATH="+v)
	}
	return env
}

// profileSettings are written into each fresh profile before LibreOffice starts: no
// macros, linked content never updated, no external images, every connection through a
// proxy that refuses it, no update check, no crash reporter.
const profileSettings = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>2</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>2</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetProxyType" oor:op="fuse"><value>1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPProxyName" oor:op="fuse"><value>127.0.0.1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPProxyPort" oor:op="fuse"><value>9</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPSProxyName" oor:op="fuse"><value>127.0.0.1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPSProxyPort" oor:op="fuse"><value>9</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetNoProxy" oor:op="fuse"><value></value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="CollectUsageInformation" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="CrashReport" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job['UpdateCheck']/Arguments"><prop oor:name="AutoCheckEnabled" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
`

func writeProfile(profile string) error {
	user := filepath.Join(profile, "user")
	if err := os.MkdirAll(user, 0o700); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(user, "registrymodifications.xcu"), []byte(profileSettings), 0o600)
}

// memoryLimitKiB is the limit in the unit of `ulimit -v`.
func memoryLimitKiB(limit int64) string { return strconv.FormatInt(limit>>10, 10) }

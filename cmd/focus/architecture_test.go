package main

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/lab110bis/focusplus"

// TestImportDirection keeps the layers of STYLE.md: cmd wires everything; web and cmd
// use checker; rules use checker and the document models; simulate imports nothing of
// ours; nothing imports cmd or web; the engine (checker) names no format, and neither the
// engine nor a format package imports rules, web or cmd.
func TestImportDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, module+"/...").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg, imports := strings.TrimPrefix(fields[0], module), fields[1:]
		for _, imp := range imports {
			if formatLibrary(imp) && engineTree(pkg) {
				t.Errorf("%s imports %s: reading a format is the job of its package under /format", pkg, imp)
			}
			if !strings.HasPrefix(imp, module) {
				continue
			}
			dep := strings.TrimPrefix(imp, module)
			switch {
			case strings.HasPrefix(dep, "/cmd"),
				strings.HasPrefix(dep, "/web") && !strings.HasPrefix(pkg, "/web") && !strings.HasPrefix(pkg, "/cmd"):
				t.Errorf("%s imports %s: nothing may import cmd or web", pkg, dep)
			case strings.HasPrefix(pkg, "/simulate"):
				t.Errorf("%s imports %s: simulate is a pure image library", pkg, dep)
			case strings.HasPrefix(pkg, "/checker") && (strings.HasPrefix(dep, "/rules") || strings.HasPrefix(dep, "/web") ||
				strings.HasPrefix(dep, "/format") || strings.HasPrefix(dep, "/pdfrender") || strings.HasPrefix(dep, "/report")):
				t.Errorf("%s imports %s: the engine must not depend on formats, rules, reports or the server", pkg, dep)
			case engineTree(pkg) && strings.HasPrefix(dep, "/format"):
				t.Errorf("%s imports %s: the engine, reports, configuration and server ask the format registry and capabilities, never a format package", pkg, dep)
			case strings.HasPrefix(pkg, "/format") && strings.HasPrefix(dep, "/rules"):
				t.Errorf("%s imports %s: a format package reads documents; rules read its model", pkg, dep)
			case strings.HasPrefix(pkg, "/rules") && strings.HasPrefix(dep, "/web"):
				t.Errorf("%s imports %s", pkg, dep)
			}
		}
	}
}

// engineTree is the engine and what is built on it without knowing formats: the
// checker, reports, configuration and the web server.
func engineTree(pkg string) bool {
	for _, p := range []string{"/checker", "/report", "/config", "/web"} {
		if pkg == p || strings.HasPrefix(pkg, p+"/") {
			return true
		}
	}
	return false
}

// formatLibrary reports whether an import reads a document format: the PDF libraries,
// the renderer's runtime, zip packages, image decoders (PNG is also written by the server,
// so only decoders nothing else needs are listed).
func formatLibrary(imp string) bool {
	for _, p := range []string{"github.com/pdfcpu/", "github.com/klippa-app/go-pdfium", "github.com/tetratelabs/wazero",
		"archive/zip", "golang.org/x/image/bmp", "golang.org/x/image/tiff", "golang.org/x/image/webp"} {
		if strings.HasPrefix(imp, p) {
			return true
		}
	}
	return false
}

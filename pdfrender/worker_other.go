//go:build !linux

package pdfrender

import "os/exec"

// dieWithParent: elsewhere the worker's own watch of its parent (watchParent) ends it.
func dieWithParent(*exec.Cmd) {}

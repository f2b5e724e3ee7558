//go:build !unix

package docxdoc

import "os/exec"

// killGroup: elsewhere, exec.CommandContext kills the process itself.
func killGroup(cmd *exec.Cmd) {}

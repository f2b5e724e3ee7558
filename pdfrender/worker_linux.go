package pdfrender

import (
	"os/exec"
	"syscall"
)

// dieWithParent makes the kernel kill a worker when the process that started it ends,
// even while the worker is deep in a page and not reading its input.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

//go:build unix

package office

import (
	"context"
	"os/exec"
	"syscall"
)

// limitedCommand starts bin in a process group of its own, so that the deadline kills
// soffice with every child it started (soffice.bin, helpers), and under an address-space
// limit set by the shell (`ulimit -v`) just before it becomes soffice: Go cannot set a
// resource limit on a child alone.
func limitedCommand(ctx context.Context, bin string, limit int64, args []string) *exec.Cmd {
	var cmd *exec.Cmd
	if limit > 0 {
		script := `ulimit -v ` + memoryLimitKiB(limit) + ` && exec "$0" "$@"`
		cmd = exec.CommandContext(ctx, "/bin/sh", append([]string{"-c", script, bin}, args...)...)
	} else {
		cmd = exec.CommandContext(ctx, bin, args...)
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		killGroup(cmd)
		return nil
	}
	return cmd
}

// killGroup kills the command's whole process group.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil && cmd.Process.Pid > 0 {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}

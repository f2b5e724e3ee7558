//go:build !unix

package office

import (
	"context"
	"os/exec"
)

// limitedCommand: elsewhere the process itself is killed at the deadline, without a
// memory limit.
func limitedCommand(ctx context.Context, bin string, limit int64, args []string) *exec.Cmd {
	return exec.CommandContext(ctx, bin, args...)
}

func killGroup(cmd *exec.Cmd) {}

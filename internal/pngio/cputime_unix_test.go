//go:build unix

package pngio

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the process has used, every thread included: on a shared
// machine it moves less with the load than the wall clock.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

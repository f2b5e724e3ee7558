//go:build !linux

package pdfrender

import "os"

// Elsewhere, pages go through the pipe.
func newShared(int) ([]byte, *os.File) { return nil, nil }
func mapShared(int, int) []byte        { return nil }
func unmapShared([]byte)               {}

//go:build !unix

package pdfrender

import "github.com/tetratelabs/wazero/experimental"

// mmapAllocator is nil where anonymous mappings are not available: wazero's default.
var mmapAllocator experimental.MemoryAllocator

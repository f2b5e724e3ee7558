//go:build unix

package pdfrender

import (
	"syscall"
	"time"

	"github.com/tetratelabs/wazero/experimental"
)

// mmapAllocator backs each renderer's WebAssembly memory with one anonymous mapping of
// the memory limit, reserved once and committed by the kernel page by page as PDFium
// touches it. wazero's default grows a Go slice by copying, which for a file that makes
// PDFium allocate up to the limit left several GiB of old buffers resident (a 1 GiB
// FlateDecode bomb measured 4.5 GB of RSS); here growth never copies, and resident
// memory stays within the limit.
var mmapAllocator experimental.MemoryAllocator = experimental.MemoryAllocatorFunc(func(capacity, max uint64) experimental.LinearMemory {
	limit := uint64(maxMemoryPages) << 16
	if max < limit {
		limit = max
	}
	b, err := syscall.Mmap(-1, 0, int(limit), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON|syscall.MAP_NORESERVE)
	if err != nil {
		return &sliceMemory{}
	}
	return &mmapMemory{buf: b}
})

type mmapMemory struct{ buf []byte }

func (m *mmapMemory) Reallocate(size uint64) []byte {
	if size > uint64(len(m.buf)) {
		return nil // over the limit: PDFium's malloc fails
	}
	return m.buf[:size]
}

// Free gives the memory back to the system at once but unmaps the addresses only after
// freeGrace: a renderer closed at the deadline may still be running PDFium code in this
// memory until its next loop back-edge notices the close, and an access to an unmapped
// address would crash the process, where a page that was given back reads as zeros.
func (m *mmapMemory) Free() {
	if m.buf == nil {
		return
	}
	b := m.buf
	m.buf = nil
	syscall.Madvise(b, syscall.MADV_DONTNEED)
	time.AfterFunc(freeGrace, func() { syscall.Munmap(b) })
}

// freeGrace is far longer than a closed renderer takes to stop (microseconds).
const freeGrace = 10 * time.Second

// sliceMemory is the fallback when the mapping fails: a Go slice grown by copying, up
// to the limit.
type sliceMemory struct{ buf []byte }

func (m *sliceMemory) Reallocate(size uint64) []byte {
	if size > uint64(maxMemoryPages)<<16 {
		return nil
	}
	if size > uint64(cap(m.buf)) {
		nb := make([]byte, size, size+size/4)
		copy(nb, m.buf)
		m.buf = nb
	}
	m.buf = m.buf[:size]
	return m.buf
}

func (m *sliceMemory) Free() { m.buf = nil }

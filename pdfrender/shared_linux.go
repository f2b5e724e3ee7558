package pdfrender

import (
	"os"

	"golang.org/x/sys/unix"
)

// newShared makes size bytes of memory to share with a worker: an anonymous memory file
// mapped here, and the file to hand to the worker. It returns nils when it cannot, and
// pages then go through the pipe.
func newShared(size int) ([]byte, *os.File) {
	fd, err := unix.MemfdCreate("focus-pages", unix.MFD_CLOEXEC)
	if err != nil {
		return nil, nil
	}
	f := os.NewFile(uintptr(fd), "focus-pages")
	if err := unix.Ftruncate(fd, int64(size)); err != nil {
		f.Close()
		return nil, nil
	}
	b, err := unix.Mmap(fd, 0, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED)
	if err != nil {
		f.Close()
		return nil, nil
	}
	return b, f
}

// mapShared maps, in a worker, the memory file its parent handed it as descriptor fd;
// nil when there is none.
func mapShared(fd int, size int) []byte {
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Size != int64(size) {
		return nil
	}
	b, err := unix.Mmap(fd, 0, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED)
	if err != nil {
		return nil
	}
	return b
}

func unmapShared(b []byte) {
	if b != nil {
		unix.Munmap(b)
	}
}

package pdfdoc

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/internal/fixtures"
)

// A 70 KB file whose cross-reference stream declares ten million objects is refused
// before pdfcpu builds an entry for each (it took 3 GB).
func TestDeclaredObjectsOverBudget(t *testing.T) {
	data := fixtures.HugeXRefStreamPDF(10_000_000)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err := Load(context.Background(), "xref.pdf", data, Name, checker.DefaultLimits())
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "10000000") {
		t.Fatalf("err = %v, want the declared count refused", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 32<<20 {
		t.Errorf("refusing it allocated %d MiB", alloc>>20)
	}
	if took > time.Second {
		t.Errorf("refusing it took %v", took)
	}
	// The same construction with a plausible count still reads.
	if _, err := Load(context.Background(), "small.pdf", fixtures.HugeXRefStreamPDF(100), Name, checker.DefaultLimits()); err != nil {
		t.Fatalf("a small cross-reference stream: %v", err)
	}
}

func TestDeclaredObjects(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
	}{
		{"trailer << /Size 12 /Root 1 0 R >>", 12},
		{"<< /Type /XRef /Size 5 /Index [0 3 100 7] >>", 107},
		{"<< /Index[2 4] >>", 6},
		{"[/Indexed /DeviceRGB 255 <00>] /SizeX 99", 0},
		{"/Size [2 2] /Index", 0},
	} {
		if got := declaredObjects([]byte(c.in)); got != c.want {
			t.Errorf("%q: %d, want %d", c.in, got, c.want)
		}
	}
}

// FuzzDeclaredObjects: the raw-byte scan never panics, and a /Size appended past what it
// found raises what it finds to exactly that.
func FuzzDeclaredObjects(f *testing.F) {
	f.Add([]byte("trailer << /Size 12 /Root 1 0 R >>"))
	f.Add([]byte("<< /Type /XRef /Size 5 /Index [0 3 100 7] /W [1 2 1] >>"))
	f.Add([]byte("/Index[ /Indexed /Size"))
	f.Fuzz(func(t *testing.T, data []byte) {
		n := declaredObjects(data)
		if n < 0 {
			t.Fatalf("negative count %d", n)
		}
		if n >= 1<<40 {
			return
		}
		more := append(append([]byte{}, data...), fmt.Sprintf("\n/Size %d\n", n+1)...)
		if got := declaredObjects(more); got != n+1 {
			t.Fatalf("after appending /Size %d: %d", n+1, got)
		}
	})
}

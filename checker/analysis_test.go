package checker

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
)

// An analysis runs once per document however many rules ask, concurrently or not, and
// a second document gets its own.
func TestAnalysisOncePerDocument(t *testing.T) {
	var runs atomic.Int32
	a := &Analysis[string]{Name: "test", Run: func(_ context.Context, d *Document) string {
		runs.Add(1)
		return d.Name
	}}
	d1, d2 := &Document{Name: "one"}, &Document{Name: "two"}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := a.Result(&Pass{Doc: d1, ctx: context.Background()}); got != "one" {
				t.Errorf("got %q", got)
			}
		}()
	}
	wg.Wait()
	if got := a.Result(&Pass{Doc: d2, ctx: context.Background()}); got != "two" {
		t.Errorf("second document: %q", got)
	}
	if n := runs.Load(); n != 2 {
		t.Errorf("ran %d times for two documents", n)
	}
}

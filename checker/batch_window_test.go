package checker

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sync/atomic"
	"testing"
	"time"
)

// TestRunBoundsWorkBehindASlowDocument: while the first document is stuck, the batch
// starts at most reorderWindow documents, so the results held for ordering stay bounded;
// once it finishes, every document is emitted in input order.
func TestRunBoundsWorkBehindASlowDocument(t *testing.T) {
	const n, jobs = 2000, 2
	release := make(chan struct{})
	var opened atomic.Int64
	inputs := make([]Input, n)
	for i := range inputs {
		inputs[i] = Input{Name: fmt.Sprintf("doc%d", i), Open: func() (io.ReadCloser, error) {
			opened.Add(1)
			if i == 0 {
				<-release
			}
			return io.NopCloser(bytes.NewReader(pngHead)), nil
		}}
	}
	e := testEngine(okLoader)
	emitted := make(chan string, n)
	done := make(chan struct{})
	go func() {
		e.Run(context.Background(), inputs, BatchOptions{Jobs: jobs}, func(r Result) { emitted <- r.Name })
		close(done)
	}()
	// Wait until the workers stop starting documents.
	last, deadline := int64(-1), time.Now().Add(5*time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		if cur := opened.Load(); cur == last {
			break
		} else {
			last = cur
		}
	}
	if got, limit := opened.Load(), int64(reorderWindow(jobs)); got > limit {
		t.Errorf("%d documents started behind a stuck one, want at most %d", got, limit)
	}
	if len(emitted) != 0 {
		t.Fatal("a document was emitted before the first one")
	}
	close(release)
	<-done
	close(emitted)
	i := 0
	for name := range emitted {
		if want := fmt.Sprintf("doc%d", i); name != want {
			t.Fatalf("emitted %s at position %d, want %s", name, i, want)
		}
		i++
	}
	if i != n {
		t.Fatalf("%d documents emitted, want %d", i, n)
	}
}

// TestRunCancelledReportsEveryInput: cancelling the batch still reports every input.
func TestRunCancelledReportsEveryInput(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	inputs := make([]Input, 500)
	for i := range inputs {
		inputs[i] = Input{Name: fmt.Sprint(i), Open: func() (io.ReadCloser, error) {
			if i == 10 {
				cancel()
			}
			return io.NopCloser(bytes.NewReader(pngHead)), nil
		}}
	}
	n, cancelled := 0, 0
	testEngine(okLoader).Run(ctx, inputs, BatchOptions{Jobs: 2}, func(r Result) {
		if r.Name != fmt.Sprint(n) {
			t.Fatalf("result %s at position %d", r.Name, n)
		}
		n++
		if r.Err != nil {
			cancelled++
		}
	})
	if n != len(inputs) || cancelled == 0 {
		t.Errorf("%d results (%d cancelled), want %d with some cancelled", n, cancelled, len(inputs))
	}
}

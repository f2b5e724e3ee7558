package web

import (
	"bufio"
	"context"
	"net"
	"net/http"
	"testing"
	"time"
)

func serveLoopback(t *testing.T, s *Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return ln.Addr().String()
}

// A client that sends its headers a byte at a time is cut off at the header timeout,
// and one that trickles its body at the body timeout; neither holds the only check slot,
// so a normal client is served meanwhile.
func TestSlowClientsAreCutOff(t *testing.T) {
	s := newTestServer(t, Config{MaxConcurrent: 1, HeaderTimeout: 300 * time.Millisecond, BodyTimeout: 800 * time.Millisecond})
	addr := serveLoopback(t, s)

	trickle := func(prefix string, every time.Duration) <-chan time.Duration {
		out := make(chan time.Duration, 1)
		go func() {
			start := time.Now()
			c, err := net.Dial("tcp", addr)
			if err != nil {
				out <- -1
				return
			}
			defer c.Close()
			c.Write([]byte(prefix))
			for i := 0; i < 100; i++ {
				time.Sleep(every)
				if _, err := c.Write([]byte("x")); err != nil {
					break
				}
			}
			// The server closed the connection: reading ends (with a 408 or EOF).
			c.SetReadDeadline(time.Now().Add(5 * time.Second))
			bufio.NewReader(c).ReadString(0)
			out <- time.Since(start)
		}()
		return out
	}
	slowHeaders := trickle("POST /api/v1/check?filename=a.png HTTP/1.1\r\nHost: x\r\nX-Slow: ", 50*time.Millisecond)
	slowBody := trickle("POST /api/v1/check?filename=a.png HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n", 50*time.Millisecond)

	time.Sleep(150 * time.Millisecond)
	body, ct := multipartBody(t, part{"file", "a.png", barChartPNG("")})
	resp, err := http.Post("http://"+addr+"/api/v1/check", ct, body)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("a normal client next to slow ones got %d", resp.StatusCode)
	}
	for name, ch := range map[string]<-chan time.Duration{"headers": slowHeaders, "body": slowBody} {
		d := <-ch
		if d < 0 || d > 3*time.Second {
			t.Errorf("slow %s: connection held for %v", name, d)
		}
	}
	if n := len(s.checks); n != 0 {
		t.Errorf("%d check slots still held", n)
	}
}

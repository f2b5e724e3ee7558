package main

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/lab110bis/focusplus/rules"
)

func TestServeFlags(t *testing.T) {
	ios := &IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}
	var got *ServeOptions
	cmd := NewCmdServe(ios, rules.NewEngine(), func(o *ServeOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--addr", "127.0.0.1:9999", "--max-upload-mb", "5", "--max-files", "3", "--concurrency", "1", "--timeout", "5s", "--cache-ttl", "1m"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Addr != "127.0.0.1:9999" || got.MaxUploadMB != 5 || got.MaxFiles != 3 || got.Concurrency != 1 || got.Timeout != 5*time.Second || got.CacheTTL != time.Minute {
		t.Errorf("flags: %+v", got)
	}
	def := NewCmdServe(ios, rules.NewEngine(), nil)
	if a := def.Flags().Lookup("addr").DefValue; a != "127.0.0.1:8080" {
		t.Errorf("default address %q: the server must listen on loopback by default", a)
	}
}

func TestServeRefusesBadLimits(t *testing.T) {
	for _, o := range []ServeOptions{
		{Addr: "127.0.0.1:0", MaxUploadMB: 0, MaxFiles: 1, Concurrency: 1, Timeout: time.Second, CacheTTL: time.Minute, CacheMB: 1},
		{Addr: "127.0.0.1:0", MaxUploadMB: 1, MaxFiles: 0, Concurrency: 1, Timeout: time.Second, CacheTTL: time.Minute, CacheMB: 1},
		{Addr: "127.0.0.1:0", MaxUploadMB: 1, MaxFiles: 1, Concurrency: 0, Timeout: time.Second, CacheTTL: time.Minute, CacheMB: 1},
		{Addr: "not an address", MaxUploadMB: 1, MaxFiles: 1, Concurrency: 1, Timeout: time.Second, CacheTTL: time.Minute, CacheMB: 1},
	} {
		o.IO = &IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}
		o.Engine = rules.NewEngine()
		err := serveRun(context.Background(), &o)
		var ee *exitError
		if !errors.As(err, &ee) || ee.code != exitUsage {
			t.Errorf("%+v: err %v, want a usage error", o, err)
		}
	}
}

func TestServeStopsWithItsContext(t *testing.T) {
	errOut := &bytes.Buffer{}
	o := ServeOptions{IO: &IOStreams{Out: &bytes.Buffer{}, ErrOut: errOut}, Engine: rules.NewEngine(), Addr: "127.0.0.1:0",
		MaxUploadMB: 1, MaxFiles: 1, Concurrency: 1, Timeout: time.Second, CacheTTL: time.Minute, CacheMB: 1, Quiet: true}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if err := serveRun(ctx, &o); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(errOut.Bytes(), []byte("listening on http://127.0.0.1:")) {
		t.Errorf("no listening line: %s", errOut)
	}
}

// Package officetest lets a test binary run without LibreOffice, whatever the machine
// has, and turn it back on for the tests that need it. Without it every DOCX in a test
// would pay a LibreOffice start (seconds), and a fake soffice could leak into others.
package officetest

import (
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/lab110bis/focusplus/office"
)

var (
	once      sync.Once
	installed string // FOCUS_SOFFICE as it was before Off
)

// Off turns LibreOffice off for this test binary and for the programs it starts (through
// FOCUS_SOFFICE=off). Call it from an init function of a _test.go file.
func Off() {
	once.Do(func() { installed = os.Getenv(office.EnvBinary) })
	os.Setenv(office.EnvBinary, "off")
	office.SetDefault(nil, fmt.Errorf("%w (off in this test)", office.ErrNotInstalled))
}

// Use turns the installed LibreOffice on until the test ends, or skips the test with a
// message saying how to install it.
func Use(t testing.TB) *office.Converter {
	t.Helper()
	name := installed
	if name == "" || name == "off" {
		name = "soffice"
	}
	c, err := office.Find(name)
	if err != nil {
		t.Skipf("LibreOffice is not installed, so this test is skipped (apt-get install libreoffice-writer-nogui): %v", err)
	}
	Set(t, c, nil)
	return c
}

// Set makes c (or err) the default converter until the test ends.
func Set(t testing.TB, c *office.Converter, err error) {
	office.SetDefault(c, err)
	t.Cleanup(Off)
}

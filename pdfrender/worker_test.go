package pdfrender

// killWorkersForTest kills every worker process from outside, as the system would,
// without marking them killed: their callers find the pipe closed.
func killWorkersForTest() {
	live.Range(func(k, _ any) bool {
		k.(*worker).cmd.Process.Kill()
		return true
	})
}

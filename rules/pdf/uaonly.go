package pdf

import "github.com/lab110bis/focusplus/checker"

// failUAWarning reports a PDF/UA-only failure (see failUA) at warning severity: the file
// breaks ISO 14289-1, a reader meets no barrier, and a CI job failing on errors (the
// default of --fail-on) is not stopped by it. Used for requirements of the file's
// plumbing: font embedding and encodings, Tabs on pages whose links read in order anyway,
// note IDs, decoration not marked as an artifact.
func failUAWarning(p *checker.Pass, clause string, mh []string, loc checker.Location, msg checker.Text, data map[string]string) {
	p.Report(checker.Finding{Outcome: checker.Failed, Severity: checker.Warning, Location: loc, Message: msg, Data: data,
		Standards: uaOnly(std(p.Rule, clause, mh...))})
}

package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/report"
)

func sample(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "samples", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func decodeReport(t *testing.T, out string) report.JSONReport {
	t.Helper()
	var rep report.JSONReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not a JSON report: %v\n%s", err, out)
	}
	return rep
}

// A document given as a URL is downloaded, checked like a file, and its report entry
// says where it came from; a redirect to a local file is a readable refusal.
func TestCheckURL(t *testing.T) {
	pdf := sample(t, "report-accessible.pdf")
	mux := http.NewServeMux()
	mux.HandleFunc("/docs/report.pdf", func(w http.ResponseWriter, r *http.Request) { w.Write(pdf) })
	mux.HandleFunc("/docs/secret.pdf", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	code, out, errOut := runCLI(t, nil, nil, "check", "--format", "json", srv.URL+"/docs/secret.pdf", srv.URL+"/docs/report.pdf")
	if code != exitUnreadable {
		t.Fatalf("exit %d, want %d (one refused)\n%s", code, exitUnreadable, errOut)
	}
	rep := decodeReport(t, out)
	if len(rep.Documents) != 2 {
		t.Fatalf("%d documents", len(rep.Documents))
	}
	got, refused := rep.Documents[0], rep.Documents[1]
	sum := sha256.Sum256(pdf)
	if got.Path != srv.URL+"/docs/report.pdf" || got.Format != "pdf" || got.Score == nil ||
		got.SHA256 != hex.EncodeToString(sum[:]) || got.Source == nil || got.Source.URL != got.Path {
		t.Errorf("downloaded document: %+v", got)
	}
	if !strings.Contains(refused.Error, "is not an http or https address") || refused.Score != nil {
		t.Errorf("redirect to file: %+v", refused)
	}
	_, out, _ = runCLI(t, nil, map[string]string{"LANG": "fr_FR.UTF-8"}, "check", "--format", "json", srv.URL+"/docs/secret.pdf")
	if !strings.Contains(decodeReport(t, out).Documents[0].Error, "n'est pas une adresse http ou https") {
		t.Errorf("French refusal: %s", out)
	}
	if code, _, errOut := runCLI(t, nil, nil, "check", "ftp://example.org/a.pdf"); code != exitUsage || !strings.Contains(errOut, "not an http or https address") {
		t.Errorf("ftp argument: exit %d, %s", code, errOut)
	}
}

// --files-from reads paths and URLs, "-" from standard input; the report lists the
// documents in path order whatever the order given; --shard splits them without overlap.
func TestFilesFromAndShards(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{
		"b/one.png": sample(t, "bar-chart.png"), "a.docx": sample(t, "accessible-notice.docx"),
		"b-two.gif": sample(t, "calm-spinner.gif"), "c/d/e.pdf": sample(t, "report-accessible.pdf"),
		"c/notes.txt": []byte("not a document"),
	})
	list := strings.Join([]string{"# documents", filepath.Join(dir, "c"), filepath.Join(dir, "b-two.gif"), "", filepath.Join(dir, "b"), filepath.Join(dir, "a.docx")}, "\n")
	code, out, errOut := runCLI(t, []byte(list), nil, "check", "--format", "json", "--files-from", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rep := decodeReport(t, out)
	var all []string
	for _, d := range rep.Documents {
		all = append(all, strings.TrimPrefix(filepath.ToSlash(d.Path), filepath.ToSlash(dir)+"/"))
		if len(d.SHA256) != 64 {
			t.Errorf("%s: sha256 %q", d.Path, d.SHA256)
		}
	}
	if want := []string{"a.docx", "b/one.png", "b-two.gif", "c/d/e.pdf"}; !slices.Equal(all, want) {
		t.Errorf("documents %q, want %q", all, want)
	}
	if rep.Summary == nil || len(rep.Summary.Skipped) != 1 {
		t.Errorf("summary %+v", rep.Summary)
	}

	var union []string
	skipped := 0
	for k := 1; k <= 3; k++ {
		code, out, errOut := runCLI(t, []byte(list), nil, "check", "--format", "json", "--files-from", "-", "--shard", string(rune('0'+k))+"/3")
		if code != 0 {
			t.Fatalf("shard %d: exit %d: %s", k, code, errOut)
		}
		rep := decodeReport(t, out)
		for _, d := range rep.Documents {
			union = append(union, strings.TrimPrefix(filepath.ToSlash(d.Path), filepath.ToSlash(dir)+"/"))
		}
		skipped += len(rep.Summary.Skipped)
	}
	slices.SortFunc(union, func(a, b string) int { return strings.Compare(a, b) })
	sortedAll := slices.Clone(all)
	slices.Sort(sortedAll)
	if !slices.Equal(union, sortedAll) || skipped != 1 {
		t.Errorf("three shards hold %q and %d skipped, want each of %q once and 1 skipped", union, skipped, sortedAll)
	}
	for _, bad := range []string{"0/3", "4/3", "1/0", "x", "1/3/2"} {
		if code, _, errOut := runCLI(t, nil, nil, "check", "--shard", bad, dir); code != exitUsage || !strings.Contains(errOut, "--shard") {
			t.Errorf("--shard %s: exit %d %s", bad, code, errOut)
		}
	}
}

// The shard of a name never depends on anything but the name and N.
func TestShardStable(t *testing.T) {
	counts := make([]int, 4)
	for i := 0; i < 4000; i++ {
		name := "site/docs/" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + "/" + hex.EncodeToString([]byte{byte(i), byte(i >> 8)}) + ".pdf"
		held := 0
		for k := 1; k <= 4; k++ {
			if (Shard{K: k, N: 4}).Holds(name) {
				held++
				counts[k-1]++
			}
		}
		if held != 1 {
			t.Fatalf("%s held by %d shards", name, held)
		}
	}
	for k, n := range counts {
		if n < 800 || n > 1200 {
			t.Errorf("shard %d/4 holds %d of 4000", k+1, n)
		}
	}
	if !(Shard{K: 1, N: 1}).Holds("anything") {
		t.Error("1/1 holds everything")
	}
	// The hash is part of the contract between machines: a change would send documents
	// to other shards mid-audit.
	if (Shard{K: 2, N: 3}).Holds("docs/a.pdf") != ((fnv64a("docs/a.pdf") % 3) == 1) {
		t.Error("shard is not FNV-1a of the path")
	}
}

func fnv64a(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

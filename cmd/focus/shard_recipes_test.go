package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The shard recipes of the README, run as far as this machine allows: every command for
// real with focus built from the tree; what the platform does (matrix expansion, artifact
// transfer, the Job controller's index) is done by the test as the platform documents it.
// Each recipe must end with the report one run over all the documents writes.

// readmeBlock returns the fenced block of that language after <!-- recipe: NAME.
func readmeBlock(t *testing.T, name, lang string) string {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile("(?s)<!-- recipe: " + regexp.QuoteMeta(name) + "[ (][^>]*-->\\s*```" + lang + "\\n(.*?)```")
	m := re.FindSubmatch(readme)
	if m == nil {
		t.Fatalf("README has no %s recipe block %q", lang, name)
	}
	return string(m[1])
}

// shardRecipeWorkspace holds docs/ with samples and an unreadable file, and the report
// a single run writes over it.
func shardRecipeWorkspace(t *testing.T, bin string) (ws, want string) {
	t.Helper()
	ws = workspace(t, "report-inaccessible.pdf", "accessible-notice.docx", "bar-chart.png", "calm-spinner.gif", "flashing-banner.gif", "described-chart.png")
	os.WriteFile(filepath.Join(ws, "docs", "broken.pdf"), []byte("%PDF-1.7\nbroken"), 0o644)
	os.WriteFile(filepath.Join(ws, "docs", "notes.txt"), []byte("notes"), 0o644)
	code, out := runShell(t, ws, bin, nil, "focus check --format json --fail-on never -o one-run.json docs/ 2>/dev/null || [ $? -eq 3 ]")
	if code != 0 {
		t.Fatalf("single run: %d %s", code, out)
	}
	data, _ := os.ReadFile(filepath.Join(ws, "one-run.json"))
	return ws, string(data)
}

func sameAsOneRun(t *testing.T, ws, want, merged string) {
	t.Helper()
	got, err := os.ReadFile(filepath.Join(ws, merged))
	if err != nil {
		t.Fatalf("no merged report: %v", err)
	}
	if string(got) != want {
		t.Errorf("merged report differs from one run:\n%s\n---\n%s", got, want)
	}
}

func TestRecipeXargs(t *testing.T) {
	bin := buildFocus(t)
	if _, err := exec.LookPath("xargs"); err != nil {
		t.Skip("xargs not on PATH")
	}
	ws, want := shardRecipeWorkspace(t, bin)
	if code, out := runShell(t, ws, bin, nil, readmeBlock(t, "xargs", "sh")); code != 0 {
		t.Fatalf("exit %d: %s", code, out)
	}
	sameAsOneRun(t, ws, want, "report.json")
}

type githubShardWorkflow struct {
	Jobs map[string]struct {
		Needs    string `yaml:"needs"`
		Strategy struct {
			Matrix struct {
				Shard []int `yaml:"shard"`
			} `yaml:"matrix"`
		} `yaml:"strategy"`
		Steps []githubStep `yaml:"steps"`
	} `yaml:"jobs"`
}

func TestRecipeGitHubActionsShards(t *testing.T) {
	var wf githubShardWorkflow
	if err := yaml.Unmarshal([]byte(readmeBlock(t, "github-actions-shards", "yaml")), &wf); err != nil {
		t.Fatalf("not valid YAML: %v", err)
	}
	shards := wf.Jobs["shard"].Strategy.Matrix.Shard
	if len(shards) < 2 || wf.Jobs["merge"].Needs != "shard" {
		t.Fatalf("a matrix job \"shard\" and a job \"merge\" that needs it: %+v", wf)
	}
	bin := buildFocus(t)
	ws, want := shardRecipeWorkspace(t, bin)
	for _, k := range shards {
		for _, st := range wf.Jobs["shard"].Steps {
			if st.Run == "" {
				continue
			}
			script := strings.ReplaceAll(st.Run, "${{ matrix.shard }}", fmt.Sprint(k))
			if !strings.Contains(st.Run, "--shard") || strings.Contains(script, fmt.Sprintf("/%d ", len(shards))) {
				if code, out := runShell(t, ws, bin, nil, script); code != 0 {
					t.Fatalf("shard %d: %q: exit %d: %s", k, script, code, out)
				}
				continue
			}
			t.Fatalf("the N of --shard is not the size of the matrix: %q", script)
		}
	}
	for _, st := range wf.Jobs["merge"].Steps {
		if st.Run != "" {
			if code, out := runShell(t, ws, bin, nil, st.Run); code != 0 {
				t.Fatalf("merge: exit %d: %s", code, out)
			}
		}
	}
	sameAsOneRun(t, ws, want, "report.json")
}

func TestRecipeGitLabShards(t *testing.T) {
	var ci map[string]struct {
		Parallel int      `yaml:"parallel"`
		Needs    []string `yaml:"needs"`
		Script   []string `yaml:"script"`
	}
	if err := yaml.Unmarshal([]byte(readmeBlock(t, "gitlab-ci-shards", "yaml")), &ci); err != nil {
		t.Fatalf("not valid YAML: %v", err)
	}
	audit, merge := ci["audit"], ci["merge"]
	if audit.Parallel < 2 || len(merge.Needs) != 1 || merge.Needs[0] != "audit" {
		t.Fatalf("a parallel job \"audit\" and a \"merge\" job that needs it: %+v", ci)
	}
	bin := buildFocus(t)
	ws, want := shardRecipeWorkspace(t, bin)
	for k := 1; k <= audit.Parallel; k++ {
		env := []string{fmt.Sprintf("CI_NODE_INDEX=%d", k), fmt.Sprintf("CI_NODE_TOTAL=%d", audit.Parallel)}
		if code, out := runShell(t, ws, bin, env, strings.Join(audit.Script, "\n")); code != 0 {
			t.Fatalf("node %d: exit %d: %s", k, code, out)
		}
	}
	if code, out := runShell(t, ws, bin, nil, strings.Join(merge.Script, "\n")); code != 0 {
		t.Fatalf("merge: exit %d: %s", code, out)
	}
	sameAsOneRun(t, ws, want, "report.json")
}

// The fields of the batch/v1 Job, JobSpec, PodTemplateSpec, PodSpec, Container,
// VolumeMount and Volume schemas the recipe uses; decoding with KnownFields refuses any
// other, so a misspelt field fails here instead of in the cluster.
type k8sJob struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Metadata   struct {
		Name string `yaml:"name"`
	} `yaml:"metadata"`
	Spec struct {
		CompletionMode string `yaml:"completionMode"`
		Completions    *int   `yaml:"completions"`
		Parallelism    *int   `yaml:"parallelism"`
		BackoffLimit   *int   `yaml:"backoffLimit"`
		Template       struct {
			Spec struct {
				RestartPolicy string `yaml:"restartPolicy"`
				Containers    []struct {
					Name         string   `yaml:"name"`
					Image        string   `yaml:"image"`
					Command      []string `yaml:"command"`
					Args         []string `yaml:"args"`
					VolumeMounts []struct {
						Name      string `yaml:"name"`
						MountPath string `yaml:"mountPath"`
					} `yaml:"volumeMounts"`
				} `yaml:"containers"`
				Volumes []struct {
					Name                  string `yaml:"name"`
					PersistentVolumeClaim *struct {
						ClaimName string `yaml:"claimName"`
					} `yaml:"persistentVolumeClaim"`
				} `yaml:"volumes"`
			} `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

func TestRecipeKubernetesJob(t *testing.T) {
	manifest := readmeBlock(t, "kubernetes-job", "yaml")
	if kubectl, err := exec.LookPath("kubectl"); err == nil {
		cmd := exec.Command(kubectl, "apply", "--dry-run=client", "--validate=false", "-f", "-")
		cmd.Stdin = strings.NewReader(manifest)
		out, err := cmd.CombinedOutput()
		switch {
		case err == nil:
		case bytes.Contains(out, []byte("connection refused")) || bytes.Contains(out, []byte("no such host")):
			// Client-side dry runs still ask a server for its API groups.
			t.Logf("kubectl found but no cluster to ask: the manifest is checked against the schema fields below")
		default:
			t.Errorf("kubectl --dry-run=client: %v\n%s", err, out)
		}
	}
	var job k8sJob
	dec := yaml.NewDecoder(strings.NewReader(manifest))
	dec.KnownFields(true)
	if err := dec.Decode(&job); err != nil {
		t.Fatalf("not a Job of the fields the recipe may use: %v", err)
	}
	s := job.Spec
	if job.APIVersion != "batch/v1" || job.Kind != "Job" || job.Metadata.Name == "" {
		t.Errorf("apiVersion/kind/name: %q %q %q", job.APIVersion, job.Kind, job.Metadata.Name)
	}
	if s.CompletionMode != "Indexed" || s.Completions == nil || *s.Completions < 1 {
		t.Fatalf("an Indexed Job needs completionMode Indexed and completions: %+v", s)
	}
	if rp := s.Template.Spec.RestartPolicy; rp != "Never" && rp != "OnFailure" {
		t.Errorf("a Job's pods restart Never or OnFailure, not %q", rp)
	}
	if len(s.Template.Spec.Containers) != 1 {
		t.Fatalf("one container")
	}
	c := s.Template.Spec.Containers[0]
	if c.Name == "" || c.Image == "" {
		t.Errorf("container name and image are required")
	}
	volumes := map[string]bool{}
	for _, v := range s.Template.Spec.Volumes {
		volumes[v.Name] = v.PersistentVolumeClaim != nil && v.PersistentVolumeClaim.ClaimName != ""
	}
	mount := ""
	for _, m := range c.VolumeMounts {
		if !volumes[m.Name] {
			t.Errorf("volumeMount %q names no volume with a claim", m.Name)
		}
		mount = m.MountPath
	}
	if len(c.Command) != 2 || c.Command[0] != "sh" || c.Command[1] != "-c" {
		t.Fatalf("command %q: the shard comes from shell arithmetic on JOB_COMPLETION_INDEX", c.Command)
	}
	script := strings.Join(c.Args, "\n")
	if !strings.Contains(script, fmt.Sprintf("/%d\"", *s.Completions)) {
		t.Errorf("the N of --shard is not completions (%d): %s", *s.Completions, script)
	}

	// Run the pods' command as the Job controller would, one index at a time, with the
	// shared volume a folder and the document list the samples.
	bin := buildFocus(t)
	ws, want := shardRecipeWorkspace(t, bin)
	audit := filepath.Join(ws, "audit")
	os.MkdirAll(audit, 0o755)
	entries, _ := os.ReadDir(filepath.Join(ws, "docs"))
	var list bytes.Buffer
	for _, e := range entries {
		if e.Name() != "notes.txt" {
			fmt.Fprintln(&list, "docs/"+e.Name())
		}
	}
	os.WriteFile(filepath.Join(audit, "urls.txt"), list.Bytes(), 0o644)
	script = strings.ReplaceAll(script, mount+"/", audit+"/")
	var shards []string
	for i := 0; i < *s.Completions; i++ {
		if code, out := runShell(t, ws, bin, []string{fmt.Sprintf("JOB_COMPLETION_INDEX=%d", i)}, script); code != 0 {
			t.Fatalf("index %d: exit %d: %s", i, code, out)
		}
		shards = append(shards, filepath.Join(audit, fmt.Sprintf("shard-%d.jsonl", i)))
	}
	if code, out := runShell(t, ws, bin, nil, "focus merge -o report.json "+strings.Join(shards, " ")); code != 0 {
		t.Fatalf("merge: %d %s", code, out)
	}
	// The single run walked docs/ and skipped notes.txt; the list names the documents.
	code, out := runShell(t, ws, bin, nil, "focus check --format json --fail-on never --files-from "+filepath.Join(audit, "urls.txt")+" -o one-list.json 2>/dev/null || [ $? -eq 3 ]")
	if code != 0 {
		t.Fatalf("single run over the list: %s", out)
	}
	listRun, _ := os.ReadFile(filepath.Join(ws, "one-list.json"))
	sameAsOneRun(t, ws, string(listRun), "report.json")
	if !strings.Contains(want, `"documents": 7`) || !strings.Contains(string(listRun), `"documents": 7`) {
		t.Errorf("both runs should count the 7 documents")
	}
}

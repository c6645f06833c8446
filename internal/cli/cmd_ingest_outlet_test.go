package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// outletStory is an invented article; n makes its text its own.
func outletStory(n string) string {
	return "Pier " + n + " Reopens After Repairs\n\nThe pier numbered " + n + " reopened on Friday after a winter of repairs.\n\n" +
		"\"Pier " + n + " is safe again for every visitor,\" said Harbourmaster Ilse Varga.\n"
}

// outletsOf returns the outlet of every quote found in the store, sorted.
func outletsOf(t *testing.T, db string) []string {
	t.Helper()
	code, out, errs := run(t, "", "search", "--db", db, "--format", "jsonl", "--limit", "100")
	if code != ExitOK {
		t.Fatalf("search: exit %d\n%s", code, errs)
	}
	var got []string
	for _, h := range decode(t, out) {
		got = append(got, h["outlet"].(string))
	}
	slices.Sort(got)
	return got
}

// A file's outlet is the folder named on the command line, or the folder
// holding a file named alone; --outlet names it outright.
func TestIngestOutletOfLocalFiles(t *testing.T) {
	root := t.TempDir()
	write := func(rel, n string) string {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(outletStory(n)), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("citynews/2025/03/a.txt", "one")
	write("citynews/2024/11/b.txt", "two")
	single := write("wire/2025/04/c.txt", "three")
	write("here/d.txt", "four")

	tests := []struct {
		name string
		dir  string // working directory, "" for the test's
		args []string
		want []string
	}{
		{"folder as given", root, []string{"citynews"}, []string{"citynews", "citynews"}},
		{"folder with a slash", root, []string{"citynews/"}, []string{"citynews", "citynews"}},
		{"absolute folder", "", []string{filepath.Join(root, "citynews")}, []string{"citynews", "citynews"}},
		{"sub-folder", root, []string{"citynews/2025"}, []string{"2025"}},
		{"the current folder", filepath.Join(root, "citynews"), []string{"."}, []string{"citynews", "citynews"}},
		{"one file", "", []string{single}, []string{"04"}},
		{"one file here", filepath.Join(root, "here"), []string{"d.txt"}, []string{"here"}},
		{"--outlet", root, []string{"--outlet", "Harbour Gazette", "citynews", single}, []string{"Harbour Gazette", "Harbour Gazette", "Harbour Gazette"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.dir != "" {
				t.Chdir(tc.dir)
			}
			db := filepath.Join(t.TempDir(), "w.db")
			args := append([]string{"ingest", "--db", db}, tc.args...)
			if code, out, errs := run(t, "", args...); code != ExitOK {
				t.Fatalf("ingest: exit %d\n%s%s", code, out, errs)
			}
			if got := outletsOf(t, db); !slices.Equal(got, tc.want) {
				t.Errorf("outlets %q, want %q", got, tc.want)
			}
		})
	}
}

// --outlet takes a name.
func TestIngestOutletUsage(t *testing.T) {
	code, _, errs := run(t, "", "ingest", "--db", filepath.Join(t.TempDir(), "w.db"), "--outlet", " ", "x.txt")
	if code != ExitUsage || !strings.Contains(errs, "--outlet") || strings.Count(errs, "\n") != 1 {
		t.Errorf("exit %d, want %d with one line naming --outlet:\n%s", code, ExitUsage, errs)
	}
}

// A file ingested again with --outlet is known and keeps the outlet it was
// stored under; the summary says so, once, naming that outlet. The same
// --outlet again says nothing more.
func TestIngestKnownUnderAnotherOutlet(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "saved")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "pier.txt")
	if err := os.WriteFile(file, []byte(outletStory("nine")), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "w.db")
	if code, _, errs := run(t, "", "ingest", "--db", db, dir); code != ExitOK {
		t.Fatalf("ingest: exit %d\n%s", code, errs)
	}
	code, out, errs := run(t, "", "ingest", "--db", db, "--outlet", "Lakeside Tribune", file)
	if code != ExitOK {
		t.Fatalf("ingest --outlet: exit %d\n%s", code, errs)
	}
	want := `(1 known; stored before under outlet "saved": --outlet does not rename stored articles)`
	if !strings.Contains(out, want) || strings.Count(out+errs, "does not rename") != 1 {
		t.Errorf("summary %q (stderr %q), want %q once", out, errs, want)
	}
	if got := outletsOf(t, db); !slices.Equal(got, []string{"saved"}) {
		t.Errorf("outlets %q, want the one stored", got)
	}
	if _, out, _ := run(t, "", "ingest", "--db", db, "--outlet", "saved", file); !strings.Contains(out, "(1 known)") {
		t.Errorf("ingest under its own outlet: %q, want plain \"1 known\"", out)
	}
}

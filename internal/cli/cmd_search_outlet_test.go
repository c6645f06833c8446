package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// fileInFolders writes outletStory(n) as pier.txt in each of the folders under root.
func fileInFolders(t *testing.T, root, n string, folders ...string) {
	t.Helper()
	for _, o := range folders {
		if err := os.MkdirAll(filepath.Join(root, o), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, o, "pier.txt"), []byte(outletStory(n)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// The same text in the folders of two outlets is one article reported twice:
// a search by either outlet finds its quote, counted at both.
func TestSearchOutletFindsCopies(t *testing.T) {
	root := t.TempDir()
	fileInFolders(t, root, "seven", "northpost", "southwire")
	db := filepath.Join(t.TempDir(), "w.db")
	for _, o := range []string{"northpost", "southwire"} {
		if code, out, errs := run(t, "", "ingest", "--db", db, filepath.Join(root, o)); code != ExitOK {
			t.Fatalf("ingest %s: exit %d\n%s%s", o, code, out, errs)
		}
	}
	if c := storeCounts(t, db); c.Articles != 1 || c.Copies != 1 || c.Outlets != 2 {
		t.Errorf("counts %+v, want 1 article with 1 copy at 2 outlets", c)
	}
	for _, o := range []string{"northpost", "southwire"} {
		code, out, errs := run(t, "", "search", "--db", db, "--format", "jsonl", "--outlet", o)
		if code != ExitOK {
			t.Fatalf("search --outlet %s: exit %d\n%s", o, code, errs)
		}
		hits := decode(t, out)
		if len(hits) != 1 {
			t.Fatalf("search --outlet %s: %d hits, want 1\n%s", o, len(hits), out)
		}
		if h := hits[0]; h["outlet"] != o || h["occurrences"] != 1.0 {
			t.Errorf("search --outlet %s: hit at %v with %v occurrence(s), want %s with 1", o, h["outlet"], h["occurrences"], o)
		}
	}
	code, out, errs := run(t, "", "search", "--db", db, "--format", "jsonl")
	if hits := decode(t, out); code != ExitOK || len(hits) != 1 || hits[0]["occurrences"] != 2.0 {
		t.Errorf("search: exit %d, hits %v, want one reported twice\n%s", code, hits, errs)
	}
}

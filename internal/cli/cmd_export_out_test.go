package cli

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// smallStore ingests two invented stories into dir/name and returns the
// store's path.
func smallStore(t *testing.T, dir, name string) string {
	t.Helper()
	in := filepath.Join(t.TempDir(), "in")
	if err := os.Mkdir(in, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"one", "two"} {
		if err := os.WriteFile(filepath.Join(in, n+".txt"), []byte(outletStory(n)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(dir, name)
	if code, _, errs := run(t, "", "ingest", "--db", db, in); code != ExitOK {
		t.Fatalf("ingest: exit %d\n%s", code, errs)
	}
	return db
}

// dropTable damages the store at db by dropping a table.
func dropTable(t *testing.T, db, table string) {
	t.Helper()
	h, err := sql.Open("sqlite", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if _, err := h.Exec(`DROP TABLE ` + table); err != nil {
		t.Fatal(err)
	}
}

// An --out that names the store, or one of its -wal, -shm or -journal files,
// by whatever path, is a usage error naming both, and the store stays whole:
// export used to truncate it before reading it.
func TestExportOutIsNotTheStore(t *testing.T) {
	dir := t.TempDir()
	db := smallStore(t, dir, "whosaid.db")
	want := exportCounts(t, db)
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(db, link); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		args  []string
		store string // the store file named
	}{
		{"the store", []string{"--db", db, "--out", db}, db},
		{"citron", []string{"--db", db, "--format", "citron", "--out", db}, db},
		{"csv", []string{"--db", db, "--format", "csv", "--out", db}, db},
		{"another spelling", []string{"--db", db, "--out", filepath.Join(dir, ".", "..", filepath.Base(dir), "whosaid.db")}, db},
		{"a link", []string{"--db", db, "--out", link}, db},
		{"wal", []string{"--db", db, "--out", db + "-wal"}, db + "-wal"},
		{"shm", []string{"--db", db, "--out", db + "-shm"}, db + "-shm"},
		{"journal, not there", []string{"--db", db, "--out", db + "-journal"}, db + "-journal"},
		{"--db forgotten", []string{"--out", "whosaid.db"}, "whosaid.db"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(dir) // where the default store, whosaid.db, is
			code, _, errs := run(t, "", append([]string{"export"}, tc.args...)...)
			out := tc.args[len(tc.args)-1]
			if code != ExitUsage || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, out) || !strings.Contains(errs, tc.store) {
				t.Errorf("exit %d, want %d; stderr %q, want one line naming %s and %s", code, ExitUsage, errs, out, tc.store)
			}
			if got := exportCounts(t, db); got != want {
				t.Errorf("store after: %+v, want %+v", got, want)
			}
		})
	}
	if _, err := os.Stat(db + "-journal"); err == nil {
		t.Error("export made a -journal file")
	}
}

// A failed export leaves the file --out names as it was, and no temporary
// file beside it; one that succeeds replaces it, keeping its mode.
func TestExportOutReplacedOnlyWhole(t *testing.T) {
	db := smallStore(t, t.TempDir(), "w.db")
	outDir := t.TempDir()
	out := filepath.Join(outDir, "out.jsonl")
	if err := os.WriteFile(out, []byte("keep\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	good := mustExport(t, db)

	broken := smallStore(t, t.TempDir(), "broken.db")
	dropTable(t, broken, "article_copies")
	for _, format := range []string{"jsonl", "csv", "citron"} {
		code, _, errs := run(t, "", "export", "--db", broken, "--format", format, "--out", out)
		if code != ExitFailed || !strings.Contains(errs, broken) {
			t.Errorf("%s from a damaged store: exit %d, want %d; stderr %q", format, code, ExitFailed, errs)
		}
		if b, _ := os.ReadFile(out); string(b) != "keep\n" {
			t.Errorf("%s: a failed export left %q in --out, want it as it was", format, b)
		}
	}
	if code, _, errs := run(t, "", "export", "--db", db, "--out", out); code != ExitOK {
		t.Fatalf("export: exit %d\n%s", code, errs)
	}
	if b, _ := os.ReadFile(out); string(b) != good {
		t.Errorf("--out holds %d bytes, want the %d of the export", len(b), len(good))
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("--out after: %v, %v; want mode 0600 kept", fi.Mode(), err)
	}
	if ents, _ := os.ReadDir(outDir); len(ents) != 1 {
		t.Errorf("%d files beside --out, want it alone", len(ents))
	}
}

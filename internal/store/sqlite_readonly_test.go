package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// How a reader opens a store follows from what it may do beside it.
func TestReadMode(t *testing.T) {
	tests := []struct {
		name string
		f    readFacts
		want string // URI parameters, or a word of the error
	}{
		{"shm can be made", readFacts{shm: true}, "mode=ro"},
		{"shm can be made, changes in the wal", readFacts{shm: true, wal: 4096}, "mode=ro"},
		{"no shm, empty wal", readFacts{}, "mode=ro&immutable=1"},
		{"no shm, changes in the wal", readFacts{wal: 4096}, "unmerged"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readMode("/data/w.db", tc.f)
			if strings.HasPrefix(tc.want, "mode=") {
				if err != nil || got != tc.want {
					t.Errorf("readMode = %q, %v; want %q", got, err, tc.want)
				}
				return
			}
			if err == nil || !errors.Is(err, ErrNeedsWrite) || !strings.Contains(err.Error(), tc.want) ||
				!strings.Contains(err.Error(), "/data/w.db") || strings.Contains(err.Error(), "\n") {
				t.Errorf("readMode = %q, %v; want one line naming the store, with %q", got, err, tc.want)
			}
		})
	}
}

// The facts come from the files: the -wal file's size, and whether a file
// can be made in the folder (always, for root; a chmod decides for others).
func TestReadFacts(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "w.db")
	if f := readFactsOf(path); !f.shm || f.wal != 0 {
		t.Errorf("writable folder, no wal: %+v", f)
	}
	os.WriteFile(path+"-wal", make([]byte, 100), 0o644)
	if f := readFactsOf(path); !f.shm || f.wal != 100 {
		t.Errorf("writable folder, a wal: %+v", f)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("gathering the facts left files: %v", entries)
	}
	if os.Geteuid() == 0 {
		return // root writes anywhere; TestReadOnlyStore in internal/cli runs as nobody
	}
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	if f := readFactsOf(path); f.shm || f.wal != 100 {
		t.Errorf("read-only folder, a wal: %+v", f)
	}
}

// A store opened read-only reads as the writer left it, writes nothing, and
// refuses to save, naming its file.
func TestOpenSQLiteReadOnly(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "whosaid.db")
	if _, err := OpenSQLiteReadOnly(ctx, path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("no store: %v, want an error naming it", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Errorf("opening a missing store read-only made it")
	}
	w := testStore(t, dir)
	mustSave(t, w, corpus()...)
	want := mustCounts(t, w)
	w.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	s, err := OpenSQLiteReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if got := mustCounts(t, s); got != want {
		t.Errorf("counts %+v, want %+v", got, want)
	}
	if hits, err := s.Search(ctx, Query{Words: `"best news"`}); err != nil || len(hits) != 1 {
		t.Errorf("search: %v %v", hits, err)
	}
	_, err = s.SaveBatch(ctx, corpus()[:1])
	if err == nil || !strings.Contains(err.Error(), path) || strings.Contains(err.Error(), "dump.jsonl") {
		t.Errorf("save into a read-only store: %v, want an error naming the store, not the input", err)
	}
	s.Close()
	if after, err := os.ReadFile(path); err != nil || !bytes.Equal(before, after) {
		t.Errorf("the read-only store changed (%v)", err)
	}
}

// A store of an older schema is not migrated by a reader: it says the store
// needs write access once.
func TestOpenSQLiteReadOnlyOlderSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	old := &SQLite{db: db, Now: testStore(t, t.TempDir()).Now}
	if err := old.migrate(ctx, 4); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = OpenSQLiteReadOnly(ctx, path)
	if !errors.Is(err, ErrNeedsWrite) || !strings.Contains(err.Error(), path) {
		t.Errorf("older schema: %v, want ErrNeedsWrite naming the store", err)
	}
	s, err := OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = OpenSQLiteReadOnly(ctx, path)
	if err != nil {
		t.Fatalf("after an upgrade: %v", err)
	}
	s.Close()
}

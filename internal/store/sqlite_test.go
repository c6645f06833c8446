package store

import (
	"context"
	"io/fs"
	"path/filepath"
	"testing"
	"time"
)

func openSQLite(t *testing.T, dir string) Store {
	t.Helper()
	s, err := OpenSQLite(context.Background(), filepath.Join(dir, "whosaid.db"))
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC) }
	t.Cleanup(func() { s.Close() })
	return s
}

func TestSQLite(t *testing.T) { RunSuite(t, openSQLite) }

// Migrations run once: opening an up-to-date database applies nothing and
// leaves the version where it was.
func TestMigrationsIdempotent(t *testing.T) {
	dir := t.TempDir()
	all, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	want := len(all)
	for i := range 3 {
		s := openSQLite(t, dir).(*SQLite)
		v, err := s.SchemaVersion(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if v != want {
			t.Errorf("open %d: schema version %d, want %d", i, v, want)
		}
		var n int
		if err := s.db.QueryRow(`SELECT count(*) FROM schema_version`).Scan(&n); err != nil || n != want {
			t.Errorf("open %d: %d schema_version rows (%v), want %d", i, n, err, want)
		}
		s.Close()
	}
}

// The driver must have FTS5 with the pieces we use.
func TestFTS5Available(t *testing.T) {
	s := openSQLite(t, t.TempDir()).(*SQLite)
	var opt int
	if err := s.db.QueryRow(`SELECT sqlite_compileoption_used('ENABLE_FTS5')`).Scan(&opt); err != nil || opt != 1 {
		t.Fatalf("ENABLE_FTS5 = %d (%v)", opt, err)
	}
	// The indexes agree with their tables after saving twice (the second time
	// stores nothing) and reopening.
	dir := t.TempDir()
	s2 := openSQLite(t, dir)
	mustSave(t, s2, corpus()...)
	mustSave(t, s2, corpus()...)
	s2.Close()
	s3 := openSQLite(t, dir).(*SQLite)
	for _, tbl := range []string{"quotes_fts", "articles_fts"} {
		if _, err := s3.db.Exec(`INSERT INTO ` + tbl + `(` + tbl + `) VALUES ('integrity-check')`); err != nil {
			t.Errorf("%s integrity check: %v", tbl, err)
		}
	}
	var n int
	if err := s3.db.QueryRow(`SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'ferry'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("articles_fts MATCH ferry: %d (%v), want 1", n, err)
	}
	var mode string
	if err := s.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode %q (%v), want wal", mode, err)
	}
	var fk int
	if err := s.db.QueryRow(`PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign_keys %d (%v), want 1", fk, err)
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The coalition has FAILED to stop terrorism!", "the coalition has failed to stop terrorism"},
		{"“The coalition   has failed, to stop terrorism”", "the coalition has failed to stop terrorism"},
		{"Bashar al-Assad", "bashar al assad"},
		{"Dunne’s", "dunnes"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := fold(tc.in); got != tc.want {
			t.Errorf("fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAliasOf(t *testing.T) {
	tests := []struct {
		mention, name string
		want          bool
	}{
		{"Assad", "Bashar al-Assad", true},
		{"President Assad", "Bashar al-Assad", true},
		{"Syrian President Bashar al-Assad", "Bashar al-Assad", true},
		{"al-Assad", "Bashar al-Assad", true},
		{"he", "Bashar al-Assad", false},
		{"the Syrian leader", "Bashar al-Assad", false},
		{"The Syrian Leader", "Bashar al-Assad", false},
		{"His counterpart, Trade Minister Lina Haddad", "Lina Haddad", false},
		{"The authority's director Leila Mansour", "Leila Mansour", false},
		{"Omar Haddad", "Lina Haddad", true}, // shares the surname: the merge rule, not this, keeps them apart
	}
	for _, tc := range tests {
		if got := aliasOf(tc.mention, tc.name); got != tc.want {
			t.Errorf("aliasOf(%q, %q) = %v, want %v", tc.mention, tc.name, got, tc.want)
		}
	}
}

func TestOutletName(t *testing.T) {
	u := func(s string) *string { return &s }
	tests := []struct {
		url    *string
		source string
		want   string
	}{
		{u("https://www.Example.com/a/b"), "x", "example.com"},
		{u("http://news.example.org:8080/"), "x", "news.example.org"},
		{nil, "data/wire/story.txt", "wire"},
		{nil, "dump.jsonl:12", "dump.jsonl"},
		{nil, "/abs/dir/dump.jsonl:3", "dump.jsonl"},
		{nil, "story.txt", "story.txt"},
		{nil, "-", "stdin"},
	}
	for _, tc := range tests {
		if got := outletName(tc.url, tc.source); got != tc.want {
			t.Errorf("outletName(%v, %q) = %q, want %q", tc.url, tc.source, got, tc.want)
		}
	}
}

package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Only words FTS5 cannot parse are a bad query: an index missing from a
// damaged store is the store's error, naming its file.
func TestSearchDamagedIndex(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := testStore(t, dir)
	mustSave(t, s, corpus()...)
	// Words FTS5 refuses stay the query's fault.
	for _, words := range []string{"^^", "nosuchcolumn:coalition", "*"} {
		if _, err := s.Search(ctx, Query{Words: words}); !errors.Is(err, ErrBadQuery) {
			t.Errorf("Search(%q): %v, want ErrBadQuery", words, err)
		}
		if _, err := s.SearchArticles(ctx, ArticleQuery{Words: words}); !errors.Is(err, ErrBadQuery) {
			t.Errorf("SearchArticles(%q): %v, want ErrBadQuery", words, err)
		}
	}
	for _, table := range []string{"quotes_fts", "articles_fts"} {
		if _, err := s.db.Exec(`DROP TABLE ` + table); err != nil {
			t.Fatal(err)
		}
	}
	_, err := s.Search(ctx, Query{Words: "coalition"})
	_, aerr := s.SearchArticles(ctx, ArticleQuery{Words: "coalition"})
	for what, err := range map[string]error{"Search": err, "SearchArticles": aerr} {
		if err == nil || errors.Is(err, ErrBadQuery) {
			t.Errorf("%s without its index: %v, want a store error", what, err)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, s.path) || !strings.Contains(msg, "no such table") || strings.Count(msg, "store:") != 1 {
			t.Errorf("%s: %q, want one line naming %s and the missing table", what, msg, s.path)
		}
	}
}

// A file that is not a store, or a damaged one, is one line naming the file
// and SQLite's reason, with no doubled "store:" and no step of ours
// ("migrate:", "schema version:").
func TestStoreErrorsNameTheFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.db")
	if err := os.WriteFile(notDB, []byte(strings.Repeat("not a database at all\n", 400)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, werr := OpenSQLite(ctx, notDB)
	_, rerr := OpenSQLiteReadOnly(ctx, notDB)
	for what, err := range map[string]error{"OpenSQLite": werr, "OpenSQLiteReadOnly": rerr} {
		want := "store: cannot open " + notDB + ": file is not a database"
		if err == nil || !strings.HasPrefix(err.Error(), want) || strings.Count(err.Error(), "store:") != 1 || strings.Contains(err.Error(), "migrate") {
			t.Errorf("%s: %v, want %q…", what, err, want)
		}
	}

	s := testStore(t, dir)
	if _, err := s.db.Exec(`DROP TABLE article_copies`); err != nil {
		t.Fatal(err)
	}
	_, err := s.SaveBatch(ctx, corpus())
	want := "store: cannot save into " + s.path + ": no such table: article_copies"
	if err == nil || !strings.HasPrefix(err.Error(), want) || strings.Count(err.Error(), "store:") != 1 {
		t.Errorf("SaveBatch: %v, want %q…", err, want)
	}
}

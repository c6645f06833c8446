package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver (pure Go)
)

//go:embed migrations/*.sql
var migrations embed.FS

// SQLite is the embedded Store: one database file, WAL journal, foreign keys on.
type SQLite struct {
	db *sql.DB
	// Now is the clock used for the ingested time; tests set it.
	Now func() time.Time
}

var _ Store = (*SQLite)(nil)

// OpenSQLite opens (creating if needed) the database at path and brings its
// schema up to date.
func OpenSQLite(ctx context.Context, path string) (*SQLite, error) {
	// SQLite says only "unable to open database file" of a missing folder.
	if dir := filepath.Dir(path); dir != "" {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return nil, fmt.Errorf("store: open %s: folder %s does not exist", path, dir)
		}
	}
	q := url.Values{}
	for _, p := range []string{"foreign_keys(1)", "journal_mode(WAL)", "busy_timeout(10000)", "synchronous(NORMAL)", "temp_store(MEMORY)", "cache_size(-16384)", "wal_autocheckpoint(8192)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// One connection: the pragmas hold for it, and writers in this process
	// never wait on each other for the file lock.
	db.SetMaxOpenConns(1)
	s := &SQLite{db: db, Now: time.Now}
	if err := s.migrate(ctx, 0); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := s.hashClusters(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := s.indexStories(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := s.indexPairs(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return s, nil
}

// Close closes the database.
func (s *SQLite) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	return nil
}

// SchemaVersion returns the version of the last migration applied.
func (s *SQLite) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, `SELECT ifnull(max(version), 0) FROM schema_version`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("store: schema version: %w", err)
	}
	return v, nil
}

// migrate applies, in one transaction, every embedded migration NNNN_name.sql
// newer than the database's schema version (up to version upto when it is not
// 0: tests build older stores with it).
func (s *SQLite) migrate(ctx context.Context, upto int) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	// A store already up to date is seen without a transaction, so that
	// opening it does not wait for a writer (an ingest under way).
	want := 0
	if len(names) > 0 {
		num, _, _ := strings.Cut(strings.TrimPrefix(names[len(names)-1], "migrations/"), "_")
		want, _ = strconv.Atoi(num)
	}
	if upto > 0 {
		want = min(want, upto)
	}
	if v, err := s.SchemaVersion(ctx); err == nil && want > 0 && v >= want {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var cur int
	if err := tx.QueryRowContext(ctx, `SELECT ifnull(max(version), 0) FROM schema_version`).Scan(&cur); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return fmt.Errorf("migrate: %s: name is not NNNN_name.sql", base)
		}
		if v <= cur || upto > 0 && v > upto {
			continue
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			return fmt.Errorf("migrate: %s: %w", base, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version(version, name, applied) VALUES (?, ?, ?)`,
			v, base, s.Now().UTC().Format(time.RFC3339)); err != nil {
			return fmt.Errorf("migrate: %s: %w", base, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// Counts returns how many rows of each kind the store holds.
func (s *SQLite) Counts(ctx context.Context) (Counts, error) {
	var c Counts
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM outlets), (SELECT count(*) FROM articles),
		(SELECT count(*) FROM article_copies), (SELECT count(*) FROM blocks),
		(SELECT count(*) FROM entities), (SELECT count(*) FROM speakers),
		(SELECT count(*) FROM speaker_aliases), (SELECT count(*) FROM quotes),
		(SELECT count(*) FROM quote_clusters),
		(SELECT count(DISTINCT story_id) FROM articles)`).Scan(
		&c.Outlets, &c.Articles, &c.Copies, &c.Blocks, &c.Entities, &c.Speakers, &c.Aliases, &c.Quotes, &c.Clusters, &c.Stories)
	if err != nil {
		return c, fmt.Errorf("store: counts: %w", err)
	}
	return c, nil
}

// hashClusters fills in key_hash for quote clusters stored before it existed.
func (s *SQLite) hashClusters(ctx context.Context) error {
	err := s.repair(ctx, `SELECT 1 FROM quote_clusters WHERE key_hash IS NULL`, func(tx *sql.Tx) (int, error) {
		return hashClustersBatch(ctx, tx, 5000)
	})
	if err != nil {
		return fmt.Errorf("hash clusters: %w", err)
	}
	return nil
}

// repair brings rows stored by an older version up to date: it runs batch,
// one transaction each, until batch finds nothing left, so an interrupted pass
// resumes where it stopped. Each round first asks pending (a query whose rows
// are the work left) for one row, without a transaction, so that opening a
// store that needs nothing never takes the write lock and never waits on a
// writer.
func (s *SQLite) repair(ctx context.Context, pending string, batch func(*sql.Tx) (int, error)) error {
	for {
		var n int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (`+pending+` LIMIT 1)`).Scan(&n); err != nil || n == 0 {
			return err
		}
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		n, err = batch(tx)
		if err == nil {
			err = tx.Commit()
		}
		tx.Rollback()
		if err != nil || n == 0 {
			return err
		}
	}
}

func hashClustersBatch(ctx context.Context, tx *sql.Tx, limit int) (int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, content_key FROM quote_clusters WHERE key_hash IS NULL LIMIT ?`, limit)
	if err != nil {
		return 0, err
	}
	type row struct {
		id  int64
		key string
	}
	var todo []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.key); err != nil {
			rows.Close()
			return 0, err
		}
		todo = append(todo, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(todo) == 0 {
		return 0, err
	}
	st, err := tx.PrepareContext(ctx, `UPDATE quote_clusters SET key_hash = ? WHERE id = ?`)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	for _, r := range todo {
		if _, err := st.ExecContext(ctx, keyHash(r.key), r.id); err != nil {
			return 0, err
		}
	}
	return len(todo), nil
}

package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite" // registers the "sqlite" driver (pure Go)
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrations embed.FS

// SQLite is the embedded Store: one database file, WAL journal, foreign keys on.
type SQLite struct {
	db       *sql.DB
	path     string
	readOnly bool // opened by OpenSQLiteReadOnly
	// Now is the clock used for the ingested time; tests set it.
	Now func() time.Time
}

var _ Store = (*SQLite)(nil)

// ErrNeedsWrite is returned by OpenSQLiteReadOnly for a store that cannot be
// read as it is: changes left in its -wal file beside a folder where no -shm
// file can be made, or a schema older than this version's. Opening it once
// with write access (OpenSQLite) brings it up to date.
var ErrNeedsWrite = errors.New("needs write access once")

// OpenSQLite opens (creating if needed) the database at path for reading and
// writing and brings its schema up to date. A store that cannot be written
// (its file, or its folder, where SQLite keeps the -wal and -shm files) is an
// error naming the file and the reason.
func OpenSQLite(ctx context.Context, path string) (*SQLite, error) {
	if err := checkFolder(path); err != nil {
		return nil, err
	}
	if err := checkWritable(path); err != nil {
		return nil, err
	}
	q := url.Values{}
	for _, p := range []string{"foreign_keys(1)", "journal_mode(WAL)", "busy_timeout(10000)", "synchronous(NORMAL)", "temp_store(MEMORY)", "cache_size(-16384)", "wal_autocheckpoint(8192)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", dsn(path, "", q))
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// One connection: the pragmas hold for it, and writers in this process
	// never wait on each other for the file lock.
	db.SetMaxOpenConns(1)
	s := &SQLite{db: db, path: path, Now: time.Now}
	if err := s.migrate(ctx, 0); err != nil {
		db.Close()
		return nil, s.writeError("open", err)
	}
	if err := s.hashClusters(ctx); err != nil {
		db.Close()
		return nil, s.writeError("open", err)
	}
	if err := s.indexStories(ctx); err != nil {
		db.Close()
		return nil, s.writeError("open", err)
	}
	if err := s.indexPairs(ctx); err != nil {
		db.Close()
		return nil, s.writeError("open", err)
	}
	if err := s.indexBands(ctx); err != nil {
		db.Close()
		return nil, s.writeError("open", err)
	}
	return s, nil
}

// OpenSQLiteReadOnly opens the existing database at path for reading only: it
// writes nothing, neither the database nor its folder when that cannot be
// written (a read-only folder, a store on read-only media). Rows an older
// version left to bring up to date (stories, the phrase index) stay as they
// are until the store is next opened with OpenSQLite; a schema older than
// this version's is ErrNeedsWrite. Saving into it fails.
func OpenSQLiteReadOnly(ctx context.Context, path string) (*SQLite, error) {
	if err := checkFolder(path); err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, reasonOf(err))
	}
	mode, err := readMode(path, readFactsOf(path))
	if err != nil {
		return nil, err
	}
	q := url.Values{}
	for _, p := range []string{"foreign_keys(1)", "busy_timeout(10000)", "temp_store(MEMORY)", "cache_size(-16384)"} {
		q.Add("_pragma", p)
	}
	db, err := sql.Open("sqlite", dsn(path, mode, q))
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	s := &SQLite{db: db, path: path, readOnly: true, Now: time.Now}
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		db.Close()
		if ferr := fileError(path, "open", err); ferr != err {
			return nil, ferr
		}
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if want, err := latestMigration(); err != nil || v < want {
		db.Close()
		if err != nil {
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
		return nil, fmt.Errorf("store: open %s: it was written by an older whosaid and %w to be brought up to date (by whosaid ingest or import)", path, ErrNeedsWrite)
	}
	return s, nil
}

// dsn is the URI modernc's driver opens: path, then the URI parameters of
// mode ("mode=ro", "" for none) and q.
func dsn(path, mode string, q url.Values) string {
	d := "file:" + (&url.URL{Path: path}).EscapedPath() + "?"
	if mode != "" {
		d += mode + "&"
	}
	return d + q.Encode()
}

// checkFolder reports a store path in a folder that does not exist: SQLite
// says only "unable to open database file".
func checkFolder(path string) error {
	if dir := filepath.Dir(path); dir != "" {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return fmt.Errorf("store: open %s: folder %s does not exist", path, dir)
		}
	}
	return nil
}

// checkWritable says why the store at path cannot be written, in one line
// naming the file: its file, if it exists, must open for writing, and its
// folder must take new files (the store's own when it is new, and its -wal
// and -shm files, unless both are there already and writable).
func checkWritable(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err == nil {
		f.Close()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("store: cannot write %s: %w", path, reasonOf(err))
	}
	if err == nil && Writable(path+"-wal") && Writable(path+"-shm") {
		return nil
	}
	// A -wal or -shm file another user's reader left where the folder lets
	// anyone make files: SQLite would fail later with "attempt to write a
	// readonly database" and not say which file.
	var stuck []string
	for _, side := range []string{path + "-shm", path + "-wal"} {
		if fi, serr := os.Stat(side); serr == nil && !Writable(side) {
			if strings.HasSuffix(side, "-wal") && fi.Size() > 0 {
				return fmt.Errorf("store: cannot write %s: %s cannot be written and holds changes; its owner must open the store once", path, side)
			}
			stuck = append(stuck, side)
		}
	}
	if len(stuck) > 0 {
		it := "it"
		if len(stuck) > 1 {
			it = "them"
		}
		return fmt.Errorf("store: cannot write %s: %s cannot be written (another user's reader may have left %s); remove %s (you, their owner or root) when no whosaid is using the store",
			path, strings.Join(stuck, " and "), it, it)
	}
	dir := filepath.Dir(path)
	if err := canCreateIn(dir); err != nil {
		return fmt.Errorf("store: cannot write %s: folder %s: %w", path, dir, reasonOf(err))
	}
	return nil
}

// Writable reports whether the file at path exists and opens for writing.
func Writable(path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	f.Close()
	return true
}

// canCreateIn says why a file cannot be made in dir, nil when it can. It
// makes one and removes it: whether this process may write there depends on
// more than the folder's mode (root, read-only mounts, ACLs).
func canCreateIn(dir string) error {
	f, err := os.CreateTemp(dir, ".whosaid-probe-*")
	if err != nil {
		return err
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

// reasonOf is the reason of a file error without the path it names: the
// caller names the file ("permission denied", "read-only file system").
func reasonOf(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readFacts is what decides how a reader opens a store: gathered from the
// files by readFactsOf, given by tests, which may run as root (whom a
// folder's mode does not stop).
type readFacts struct {
	// shm: SQLite can use a -shm file, the shared memory through which a
	// reader sees the -wal file: one can be made in the folder, or a
	// writable one is there beside a -wal file.
	shm bool
	wal int64 // bytes in the -wal file, 0 when there is none
}

func readFactsOf(path string) readFacts {
	var f readFacts
	fi, err := os.Stat(path + "-wal")
	if err == nil {
		f.wal = fi.Size()
	}
	f.shm = canCreateIn(filepath.Dir(path)) == nil || err == nil && Writable(path+"-shm")
	return f
}

// readMode returns the URI parameters a reader opens the store at path with:
// read-only, and immutable when no -shm file can be used (SQLite then reads
// the database file alone, without locks, which is right only when nobody can
// write it and its -wal file holds nothing). A -wal file with changes in it
// and no -shm file is ErrNeedsWrite: immutable would not see the changes.
func readMode(path string, f readFacts) (string, error) {
	switch {
	case f.shm:
		return "mode=ro", nil
	case f.wal == 0:
		return "mode=ro&immutable=1", nil
	}
	dir := filepath.Dir(path)
	return "", fmt.Errorf("store: open %s: it has unmerged changes in %s and %w to merge them, which folder %s does not allow; ingest into it as a user who may write there, or copy both files to a folder you may write to",
		path, filepath.Base(path)+"-wal", ErrNeedsWrite, dir)
}

// writeError is err from writing to the store, worded for the user: that the
// store cannot be written, or what SQLite said (fileError).
func (s *SQLite) writeError(op string, err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_READONLY {
		return &storeError{msg: fmt.Sprintf("store: cannot write %s: %s", s.path, sqliteReason(se)), err: err}
	}
	if ferr := fileError(s.path, op, err); ferr != err {
		return ferr
	}
	return fmt.Errorf("store: %s %s: %w", op, s.path, err)
}

// storeError is an error of the store file as the user reads it: one line
// naming the file and the reason, without the steps it was met in ("save
// batch: index phrases: …"), which say nothing to the user. It wraps the
// error, so that errors.Is and errors.As still see SQLite's error.
type storeError struct {
	msg string
	err error
}

func (e *storeError) Error() string { return e.msg }
func (e *storeError) Unwrap() error { return e.err }

// fileError words err, met doing op ("open", "search", "save into") on the
// store at path, as "store: cannot OP PATH: REASON" when SQLite refused: a
// damaged store, a table missing, a file that is not a database. Other
// errors, already worded for the user (ErrNotFound, ErrBadQuery, a file that
// cannot be written) or not the store's (a callback's, the context's), and
// nil, are returned as they are.
func fileError(path, op string, err error) error {
	var se *sqlite.Error
	var done *storeError
	if err == nil || errors.As(err, &done) || !errors.As(err, &se) {
		return err
	}
	return &storeError{msg: fmt.Sprintf("store: cannot %s %s: %s", op, path, sqliteReason(se)), err: err}
}

// sqliteReason is SQLite's message without the generic words it puts before
// a precise one ("SQL logic error: no such table: x (1)"); its result code
// stays, in brackets.
func sqliteReason(se *sqlite.Error) string {
	return strings.TrimPrefix(se.Error(), "SQL logic error: ")
}

// latestMigration is the version of the newest embedded migration.
func latestMigration() (int, error) {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil || len(names) == 0 {
		return 0, err
	}
	sort.Strings(names)
	num, _, _ := strings.Cut(strings.TrimPrefix(names[len(names)-1], "migrations/"), "_")
	return strconv.Atoi(num)
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
	want, _ := latestMigration()
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
func (s *SQLite) Counts(ctx context.Context) (_ Counts, err error) {
	defer func() { err = fileError(s.path, "read", err) }()
	var c Counts
	err = s.db.QueryRowContext(ctx, `SELECT
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

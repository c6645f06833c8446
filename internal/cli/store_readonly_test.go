//go:build unix

package cli

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/pipeline"
	"github.com/whosaid/whosaid/internal/store"
)

// childUser runs `whosaid` in a child process as a user for whom a chmod makes a
// file or folder read-only: the tests' own user, or when the tests run as
// root (whom modes do not stop) the user nobody.
type childUser struct {
	bin  string
	cred *syscall.Credential
}

// nobody is the user the children of a root test run as.
const nobody = 65534

func newChildUser(t *testing.T) childUser {
	t.Helper()
	if os.Geteuid() != 0 {
		return childUser{bin: os.Args[0]}
	}
	return childAs(t, nobody)
}

// childAs is a child that runs as user uid (the tests run as root).
func childAs(t *testing.T, uid uint32) childUser {
	t.Helper()
	// The test binary sits in a folder only root may enter: nobody runs a copy.
	dir := sharedDir(t)
	bin := filepath.Join(dir, "whosaid.test")
	src, err := os.Open(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(bin, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	r := childUser{bin: bin, cred: &syscall.Credential{Uid: uid, Gid: uid}}
	if _, _, _, err := r.run("version"); err != nil {
		t.Skipf("cannot run a child as user %d: %v", uid, err)
	}
	return r
}

// run runs whosaid args and returns its exit status and output.
func (r childUser) run(args ...string) (int, string, string, error) {
	cmd := whosaidCmd(args...)
	cmd.Path, cmd.Args[0] = r.bin, r.bin
	cmd.Dir = "/"
	if r.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: r.cred}
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), out.String(), errb.String(), nil
	}
	if err != nil {
		return 0, "", "", err
	}
	return 0, out.String(), errb.String(), nil
}

// sharedDir is a temporary folder anyone may enter and read; mode is set on
// it when the test ends, so that it can be removed.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{filepath.Dir(dir), dir} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	return dir
}

func chmod(t *testing.T, mode os.FileMode, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
	}
}

// twoInputs writes two articles in a folder every user can read.
func twoInputs(t *testing.T) (first, second string) {
	t.Helper()
	inputs := sharedDir(t)
	first = filepath.Join(inputs, "first.txt")
	second = filepath.Join(inputs, "second.txt")
	for p, n := range map[string]string{first: "nine", second: "ten"} {
		if err := os.WriteFile(p, []byte(outletStory(n)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return first, second
}

// A store in a read-only folder, or in a read-only file, is read without
// writing anything; saving into it fails with one line naming it.
func TestReadOnlyStore(t *testing.T) {
	r := newChildUser(t)
	first, second := twoInputs(t)

	dir := sharedDir(t)
	db := filepath.Join(dir, "w.db")
	if code, out, errs := run(t, "", "ingest", "--db", db, first); code != ExitOK {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs := run(t, "", "search", "--db", db, "--format", "jsonl")
	hits := decode(t, out)
	if code != ExitOK || len(hits) != 1 {
		t.Fatalf("search: exit %d, %d hits\n%s", code, len(hits), errs)
	}
	cluster := fmt.Sprint(int64(hits[0]["cluster"].(float64)))
	artID := hits[0]["article"].(string)
	exported := filepath.Join(filepath.Dir(first), "export.jsonl")
	if code, _, errs := run(t, "", "export", "--db", db, "--format", "jsonl", "--out", exported); code != ExitOK {
		t.Fatalf("export: exit %d\n%s", code, errs)
	}

	reads := [][]string{
		{"search", "--db", db, "Pier"},
		{"speakers", "--db", db},
		{"quotes", "--db", db, cluster},
		{"article", "--db", db, artID},
		{"export", "--db", db, "--format", "jsonl"},
	}
	oneLine := func(t *testing.T, errs string, names ...string) {
		t.Helper()
		if strings.Count(errs, "\n") != 1 {
			t.Errorf("want one line, got:\n%s", errs)
		}
		for _, n := range names {
			if !strings.Contains(errs, n) {
				t.Errorf("%q is not named in %q", n, errs)
			}
		}
	}
	for _, tc := range []struct {
		name           string
		dirMode, dbMod os.FileMode
	}{
		{"read-only folder", 0o555, 0o444},
		{"read-only file", 0o777, 0o444},
	} {
		t.Run(tc.name, func(t *testing.T) {
			chmod(t, tc.dbMod, db)
			chmod(t, tc.dirMode, dir)
			defer chmod(t, 0o755, dir)
			defer chmod(t, 0o644, db)
			for _, args := range reads {
				code, out, errs, err := r.run(args...)
				if err != nil {
					t.Fatal(err)
				}
				if code != ExitOK || !strings.Contains(out, "Ilse Varga") {
					t.Errorf("%s: exit %d\n%s%s", args[0], code, out, errs)
				}
			}
			code, out, errs, err := r.run("ingest", "--db", db, second)
			if err != nil {
				t.Fatal(err)
			}
			if code != ExitFailed || strings.Contains(errs, second) {
				t.Errorf("ingest: exit %d, want %d with a line naming the store, not the input\n%s%s", code, ExitFailed, out, errs)
			}
			oneLine(t, errs, db, "permission denied")
			code, out, errs, err = r.run("import", "--db", db, exported)
			if err != nil {
				t.Fatal(err)
			}
			if code != ExitFailed || strings.Contains(errs, exported) {
				t.Errorf("import: exit %d, want %d with a line naming the store, not the input\n%s%s", code, ExitFailed, out, errs)
			}
			oneLine(t, errs, db, "permission denied")
			if tc.dirMode == 0o555 {
				fresh := filepath.Join(dir, "new.db")
				code, out, errs, err = r.run("ingest", "--db", fresh, second)
				if err != nil {
					t.Fatal(err)
				}
				if code != ExitFailed {
					t.Errorf("ingest into a new store: exit %d, want %d\n%s%s", code, ExitFailed, out, errs)
				}
				oneLine(t, errs, fresh, "permission denied")
			}
		})
	}
	if c := storeCounts(t, db); c.Articles != 1 {
		t.Errorf("the store has %d articles, want 1", c.Articles)
	}
}

// Changes a writer left in the -wal file are read when the folder lets a
// reader make its -shm file; else the reader says, in one line, that the store
// needs write access once.
func TestReadOnlyStoreUnmergedChanges(t *testing.T) {
	r := newChildUser(t)
	first, second := twoInputs(t)
	db := filepath.Join(t.TempDir(), "w.db")
	if code, out, errs := run(t, "", "ingest", "--db", db, first); code != ExitOK {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errs)
	}
	// The second article is committed to the -wal file and not yet merged
	// into the database when the files are copied: what a writer killed
	// after its commit leaves.
	var arts []*article.Article
	if err := pipeline.Run(context.Background(), []string{second}, pipeline.Options{Workers: 1}, func(res pipeline.Result) error {
		if res.Err != nil {
			return res.Err
		}
		arts = append(arts, res.Article)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	st, err := store.OpenSQLite(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveBatch(context.Background(), arts); err != nil {
		t.Fatal(err)
	}
	dir := sharedDir(t)
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(db + suffix)
		if err != nil || suffix == "-wal" && len(b) == 0 {
			t.Fatalf("%s: %d bytes, %v", db+suffix, len(b), err)
		}
		if err := os.WriteFile(filepath.Join(dir, "w.db"+suffix), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	copied := filepath.Join(dir, "w.db")

	chmod(t, 0o555, dir)
	code, out, errs, err := r.run("search", "--db", copied, "ten")
	if err != nil {
		t.Fatal(err)
	}
	if code != ExitFailed || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, copied) || !strings.Contains(errs, "unmerged") ||
		!strings.Contains(errs, "write access") {
		t.Errorf("search in a read-only folder: exit %d, want %d with one line on the unmerged changes\n%s%s", code, ExitFailed, out, errs)
	}
	chmod(t, 0o777, dir)
	code, out, errs, err = r.run("search", "--db", copied, "ten")
	if err != nil {
		t.Fatal(err)
	}
	if code != ExitOK || !strings.Contains(out, "Pier ten") {
		t.Errorf("search in a writable folder: exit %d, want the quote kept in the -wal file\n%s%s", code, out, errs)
	}
}

// olderStore ingests one article into a new store and makes it look as a
// version before the last migration left it, then runs the statements more.
func olderStore(t *testing.T, more ...string) string {
	t.Helper()
	first, _ := twoInputs(t)
	path := filepath.Join(t.TempDir(), "old.db")
	if code, out, errs := run(t, "", "ingest", "--db", path, first); code != ExitOK {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errs)
	}
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range append([]string{`DELETE FROM schema_version WHERE version = (SELECT max(version) FROM schema_version)`}, more...) {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// A store an older whosaid wrote is brought up to date by a command that only
// reads it, when the file can be written: search works on it at once.
func TestSearchUpgradesOlderStore(t *testing.T) {
	path := olderStore(t)
	if code, out, errs := run(t, "", "search", "--db", path, "--limit", "1"); code != ExitOK {
		t.Fatalf("search on an older store: exit %d\n%s%s", code, out, errs)
	}
}

// A damaged store whose schema looks older than this version's is not told
// to be brought up to date: the failure of bringing it up to date is told.
func TestSearchDamagedOlderStore(t *testing.T) {
	path := olderStore(t, `DROP TABLE speaker_aliases`, `DROP TABLE speakers`)
	code, _, errs := run(t, "", "search", "--db", path, "--limit", "1")
	if code != ExitFailed || strings.Contains(errs, "older whosaid") || !strings.Contains(errs, path) {
		t.Errorf("search on a damaged store: exit %d, %q", code, errs)
	}
}

// A reader of another user in a folder anyone may write leaves -wal and -shm
// files the store's owner cannot write: the owner's next ingest says which
// file stands in the way, in one line, instead of "attempt to write a
// readonly database".
func TestIngestAfterOtherUsersReader(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root: the store's owner and its reader must be two users")
	}
	// (Root's reader would leave its files to the store's owner.)
	owner, reader := childAs(t, 1000), newChildUser(t)
	first, second := twoInputs(t)
	dir := sharedDir(t)
	chmod(t, 0o777, dir)
	db := filepath.Join(dir, "a.db")
	if code, out, errs, err := owner.run("ingest", "--db", db, first); err != nil || code != ExitOK {
		t.Fatalf("ingest as the owner: exit %d, %v\n%s%s", code, err, out, errs)
	}
	if code, out, errs, err := reader.run("speakers", "--db", db); err != nil || code != ExitOK {
		t.Fatalf("speakers as another user: exit %d, %v\n%s%s", code, err, out, errs)
	}
	if _, err := os.Stat(db + "-shm"); err != nil {
		t.Skip("the reader left no -shm file here")
	}
	code, _, errs, err := owner.run("ingest", "--db", db, second)
	if err != nil || code == ExitOK || !strings.Contains(errs, db+"-shm") || !strings.Contains(errs, "remove") {
		t.Errorf("ingest as the owner after another user read: exit %d, %v, %q", code, err, errs)
	}
	if n := strings.Count(strings.TrimSpace(errs), "\n"); n > 1 {
		t.Errorf("%d lines of error: %q", n+1, errs)
	}
}

package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/whosaid/whosaid/internal/pipeline"
	"github.com/whosaid/whosaid/internal/store"
)

func TestCountInputs(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b.html.gz", "sub/c.htm", "sub/d", ".hidden.txt", ".git/e.txt", "notes.json", "img.png"} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	dump := filepath.Join(t.TempDir(), "dump.jsonl")
	os.WriteFile(dump, []byte("{}\n"), 0o644)
	withDump := t.TempDir()
	os.WriteFile(filepath.Join(withDump, "a.txt"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(withDump, "crawl.warc.gz"), []byte("x"), 0o644)
	tests := []struct {
		name  string
		paths []string
		want  int64
	}{
		{"a folder of article files", []string{dir}, 4},
		{"a folder and a file and a URL", []string{dir, filepath.Join(dir, "a.txt"), "https://example.org/x"}, 6},
		{"a missing file is one error", []string{filepath.Join(dir, "missing.txt")}, 1},
		{"standard input", []string{dir, "-"}, -1},
		{"a JSON Lines file", []string{dump}, -1},
		{"a folder holding a WARC file", []string{withDump}, -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := countInputs(context.Background(), tc.paths, time.Minute); got != tc.want {
				t.Errorf("countInputs = %d, want %d", got, tc.want)
			}
		})
	}
	if got := countInputs(context.Background(), []string{dir}, 0); got != -1 {
		t.Errorf("out of time: %d, want -1", got)
	}
}

// On a terminal: one bar redrawn in place, with the count of the total, the
// rate and the tallies; bad inputs still get their own line.
func TestIngestProgressBar(t *testing.T) {
	n := countInputs(context.Background(), []string{"../../examples"}, time.Minute)
	if n < 1 {
		t.Fatalf("%d examples", n)
	}
	for _, total := range []int64{n + 1, -1} {
		db := filepath.Join(t.TempDir(), "w.db")
		st, err := store.OpenSQLite(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		var errw bytes.Buffer
		in := ingester{st: st, env: Env{Stderr: &errw}, size: 2, start: time.Now(), saveCtx: context.Background(),
			bar: newIngestProgress(&errw, total)}
		err = pipeline.Run(context.Background(), []string{"../../examples"}, pipeline.Options{Workers: 1}, in.take)
		if err == nil {
			err = in.take(pipeline.Result{Source: "bad.txt", Err: errors.New("bad.txt: empty")})
		}
		if err == nil {
			err = in.flush()
		}
		if err != nil {
			t.Fatal(err)
		}
		in.bar.finish(&errw, in.total.Articles, in.found, in.failed)
		st.Close()
		out := errw.String()
		for _, want := range []string{"articles/s", fmt.Sprintf("%d new saved", n), "quotes found", "1 errors", "whosaid ingest: bad.txt: empty\n"} {
			if !strings.Contains(out, want) {
				t.Errorf("total %d: no %q in\n%q", total, want, out)
			}
		}
		if total > 0 && !strings.Contains(out, fmt.Sprintf("%d/%d", n+1, n+1)) {
			t.Errorf("total %d: no count of the total in\n%q", total, out)
		}
		if strings.Contains(out, "whosaid ingest: batch") {
			t.Errorf("total %d: batch log lines on a terminal", total)
		}
	}
}
